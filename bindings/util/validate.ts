/**
 * Argument checks and the Python error classes, with hnn-core's messages (externals/mne.py
 * `_validate_type` / `_check_option`). Two message families exist and tests pin both:
 *
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

/** Python's `AttributeError` (raised by hnn-core on some malformed arguments). */
export class AttributeError extends Error {
  override name = "AttributeError";
}

/** Python's `KeyError` (a parameter hnn-core reads is missing). */
export class KeyError extends Error {
  override name = "KeyError";
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
export function checkFiniteNumber(value: unknown, name: string): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new TypeError(`${name} must be a finite number, got ${describe(value)}`);
  }
}

/**
 * `value` must be one of the strings `allowed`: `Invalid value for the 'X' parameter. Allowed values
 * are 'a', 'b', but got {show(value)} instead.` (hnn-core's sentence without the final "and").
 * @param show how the rejected value is written (default {@link describe}).
 * @returns `value`.
 * @throws Error when `value` is not one of `allowed`.
 */
export function checkOneOf<T extends string>(
  name: string,
  value: unknown,
  allowed: readonly T[],
  show: (value: unknown) => string = describe,
): T {
  if (typeof value !== "string" || !allowed.includes(value as T)) {
    throw new Error(
      `Invalid value for the '${name}' parameter. Allowed values are ` +
        `${allowed.map((a) => `'${a}'`).join(", ")}, but got ${show(value)} instead.`,
    );
  }
  return value as T;
}
