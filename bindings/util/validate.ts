/**
 * The error vocabulary and the argument checks, with hnn-core's messages (externals/mne.py
 * `_validate_type` / `_check_option`).
 *
 * Every argument error is a {@link ValueError} (right type, wrong value) or a `TypeError` (wrong
 * type); hnn-core's rarer classes are kept by name but belong to those two ({@link AttributeError}
 * is a TypeError, {@link KeyError} a ValueError). Failures that are not about an argument (a file
 * that cannot be read, a numerical instability, an internal error) stay plain `Error`s. Errors
 * crossing a worker boundary keep their class and message ({@link errorToWire} /
 * {@link errorFromWire}).
 *
 * Every checker takes the argument's name first, then its value. Two message families exist and
 * tests pin both:
 * - hnn-core's exact wording, thrown by the model (Network, drives, network JSON):
 *   {@link checkOption}, {@link typeError}, {@link checkFinite}, {@link checkBool}; values are
 *   written as Python would (`'x'`, `nan`, `<class 'str'>`).
 * - the shorter wording of the analysis and figure functions: {@link checkOneOf},
 *   {@link checkFiniteNumber}; values are written as JavaScript text ({@link describe}).
 */

import { pyNum, pyRepr, pyType } from "./pyformat";

/** hnn-core's (Python's) `ValueError`: an argument of the right type with a wrong value. */
export class ValueError extends Error {
  override name = "ValueError";
}

/** Python's `AttributeError`, where hnn-core raises it for an argument of the wrong type; a TypeError here. */
export class AttributeError extends TypeError {
  override name = "AttributeError";
}

/** Python's `KeyError`, where hnn-core raises it for a missing parameter; a ValueError here. */
export class KeyError extends ValueError {
  override name = "KeyError";
}

/**
 * A run or a model that would need more memory than allowed (`maxMemoryBytes`), or that the engine
 * could not allocate: a ValueError, since a smaller argument (mesh, tstop, recordings, trials) or a
 * larger limit is the remedy.
 */
export class MemoryLimitError extends ValueError {
  override name = "MemoryLimitError";
}

/** An error as it crosses a worker boundary (structured-clone safe). */
export interface WireError {
  name: string;
  message: string;
}

/** The class and message of an error, to send to another thread. */
export function errorToWire(e: unknown): WireError {
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: "Error", message: String(e) };
}

const WIRE_CLASSES: Record<string, new (message: string) => Error> = {
  ValueError,
  TypeError,
  AttributeError,
  KeyError,
  RangeError,
  MemoryLimitError,
};

/** The error {@link errorToWire} described: the same class (for the classes of this module, TypeError and RangeError) and message. */
export function errorFromWire(w: WireError): Error {
  const Cls = WIRE_CLASSES[w.name];
  if (Cls !== undefined) return new Cls(w.message);
  const e = new Error(w.message);
  if (w.name !== "Error") e.name = w.name;
  return e;
}

// ---------------------------------------------------------------------------------------------
// hnn-core's wording

/** `X must be an instance of T, got <class 'Y'> instead` (hnn-core `_validate_type`). */
export function typeError(name: string, typeName: string, value: unknown): TypeError {
  return new TypeError(`${name} must be an instance of ${typeName}, got ${pyType(value)} instead`);
}

/**
 * hnn-core `_check_option`: `Invalid value for the 'X' parameter{ extra}. Allowed values are 'a', 'b',
 * and 'c', but got 'd' instead.` (`The only allowed value is 'a'` for one value).
 * @param extra text after the parameter name, joined with a space (hnn-core's `extra`).
 * @returns `value`.
 * @throws ValueError when `value` is not one of `allowed`.
 */
export function checkOption<T>(parameter: string, value: T, allowed: readonly T[], extra = ""): T {
  if (allowed.includes(value)) return value;
  const ex = extra ? " " + extra : "";
  let options: string;
  if (allowed.length === 1) options = `The only allowed value is ${pyRepr(allowed[0])}`;
  else if (allowed.length === 0) options = "There are no allowed values";
  else
    options =
      "Allowed values are " +
      allowed
        .slice(0, -1)
        .map((v) => pyRepr(v))
        .join(", ") +
      `, and ${pyRepr(allowed[allowed.length - 1])}`;
  throw new ValueError(`Invalid value for the '${parameter}' parameter${ex}. ${options}, but got ${pyRepr(value)} instead.`);
}

/**
 * A finite number, else TypeError (`name must be an instance of {typeName}, …`) for a non-number or
 * ValueError (`name must be a finite number, got nan`) for NaN / ±Infinity.
 */
export function checkFinite(name: string, value: unknown, typeName = "int or float"): number {
  if (typeof value !== "number") throw typeError(name, typeName, value);
  if (!Number.isFinite(value)) throw new ValueError(`${name} must be a finite number, got ${pyNum(value)}`);
  return value;
}

/** A boolean, else TypeError (`name must be an instance of bool, …`). */
export function checkBool(name: string, value: unknown): boolean {
  if (typeof value !== "boolean") throw typeError(name, "bool", value);
  return value;
}

// ---------------------------------------------------------------------------------------------
// The analysis and figure functions' wording

/** Short JavaScript text of a value for error messages (`'L4'`, `NaN`, `an array of length 3`). */
export function describe(value: unknown): string {
  if (typeof value === "string") return `'${value}'`;
  if (typeof value === "number" || typeof value === "boolean" || value == null) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return `a ${typeof value === "object" ? (value.constructor?.name ?? "object") : typeof value}`;
}

/** Throws a TypeError (`name must be a finite number, got …`) unless `value` is a finite number. */
export function checkFiniteNumber(name: string, value: unknown): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new TypeError(`${name} must be a finite number, got ${describe(value)}`);
  }
}

/**
 * `value` must be one of the strings `allowed`: `Invalid value for the 'X' parameter. Allowed values
 * are 'a', 'b', but got {show(value)} instead.` (hnn-core's sentence without the final "and").
 * @param show how the rejected value is written (default {@link describe}).
 * @returns `value`.
 * @throws ValueError when `value` is not one of `allowed`.
 */
export function checkOneOf<T extends string>(
  name: string,
  value: unknown,
  allowed: readonly T[],
  show: (value: unknown) => string = describe,
): T {
  if (typeof value !== "string" || !allowed.includes(value as T)) {
    throw new ValueError(
      `Invalid value for the '${name}' parameter. Allowed values are ` +
        `${allowed.map((a) => `'${a}'`).join(", ")}, but got ${show(value)} instead.`,
    );
  }
  return value as T;
}
