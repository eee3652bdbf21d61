/**
 * Argument checks shared by the solvers ({@link cmaes}, {@link bayesOpt}), in the analysis functions'
 * wording (bindings/util/validate.ts): a TypeError for the wrong type, a ValueError for a wrong value,
 * each naming the argument and what it allows.
 */

import { ValueError, checkFiniteNumber, describe } from "../util/validate";

/** An objective: one point (a copy the solver does not reuse) → its value, or a Promise of it. */
export type Objective = (x: Float64Array) => number | Promise<number>;

/** `objective` must be a function. */
export function checkObjective(objective: unknown): asserts objective is Objective {
  if (typeof objective !== "function") throw new TypeError(`objective must be a function, got ${describe(objective)}`);
}

/** Throws a ValueError naming the first key of `options` that is not in `allowed`. */
export function checkOptionKeys(options: object, allowed: readonly string[]): void {
  if (typeof options !== "object" || options === null) throw new TypeError(`options must be an object, got ${describe(options)}`);
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new ValueError(`Unknown option '${key}'. Allowed options are ${allowed.map((a) => `'${a}'`).join(", ")}.`);
    }
  }
}

/**
 * An array of finite numbers (a copy), of `length` elements when given.
 * @throws TypeError when `value` is not an array of numbers; ValueError for a non-finite element or the wrong length.
 */
export function finiteVector(name: string, value: unknown, length?: number): Float64Array {
  if (!Array.isArray(value) && !(value instanceof Float64Array)) {
    throw new TypeError(`${name} must be an array of finite numbers, got ${describe(value)}`);
  }
  const out = new Float64Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (typeof v !== "number") throw new TypeError(`${name}[${i}] must be a finite number, got ${describe(v)}`);
    if (!Number.isFinite(v)) throw new ValueError(`${name}[${i}] must be a finite number, got ${v}`);
    out[i] = v;
  }
  if (length !== undefined && out.length !== length) {
    throw new ValueError(`${name} must have ${length} elements (one per parameter), got ${out.length}`);
  }
  if (out.length === 0) throw new ValueError(`${name} must have at least one element, got 0`);
  return out;
}

/** An integer ≥ `min` (TypeError for a non-integer, ValueError below `min`). */
export function integerAtLeast(name: string, value: unknown, min: number): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new TypeError(`${name} must be an integer, got ${describe(value)}`);
  }
  if (value < min) throw new ValueError(`${name} must be an integer >= ${min}, got ${value}`);
  return value;
}

/** A finite number > 0 (TypeError for a non-number, ValueError otherwise). */
export function positiveNumber(name: string, value: unknown): number {
  checkFiniteNumber(name, value);
  if (!(value > 0)) throw new ValueError(`${name} must be greater than zero, got ${value}`);
  return value;
}

/** A finite number ≥ 0 (TypeError for a non-number, ValueError otherwise). */
export function nonNegativeNumber(name: string, value: unknown): number {
  checkFiniteNumber(name, value);
  if (value < 0) throw new ValueError(`${name} must be >= 0, got ${value}`);
  return value;
}

/** A seed of numpy's legacy RandomState: an integer in [0, 2³²). */
export function checkSeed(value: unknown): number {
  const seed = integerAtLeast("seed", value, 0);
  if (seed > 0xffffffff) throw new ValueError(`seed must be an integer in [0, 2**32 - 1], got ${seed}`);
  return seed;
}

/** `signal` must be an AbortSignal or undefined; the solvers reject with its reason once it is aborted. */
export function checkSignal(value: unknown): AbortSignal | undefined {
  if (value !== undefined && !(value instanceof AbortSignal)) throw new TypeError(`signal must be an AbortSignal, got ${describe(value)}`);
  return value;
}
