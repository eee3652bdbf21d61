/**
 * Argument checks shared by the numpy-compatible generators. Messages start with numpy's own text
 * (e.g. `scale < 0`) and then say what is allowed and what was given.
 */

/** @throws TypeError unless `value` is a number (NaN and ±Infinity are numbers). */
export function checkNumber(name: string, value: unknown): asserts value is number {
  if (typeof value !== "number") {
    throw new TypeError(`${name} must be a number; got ${typeof value}`);
  }
}

/**
 * numpy's "non-negative" constraint (RNG.md §3.3): NaN passes, anything with the sign bit set fails,
 * including -0.0.
 * @throws RangeError `"<name> < 0"` for a negative value.
 */
export function checkNonNegative(name: string, value: unknown): asserts value is number {
  checkNumber(name, value);
  if (value < 0 || Object.is(value, -0)) {
    throw new RangeError(`${name} < 0: ${name} must be non-negative (>= 0 or NaN); got ${String(value)}`);
  }
}

/**
 * A count such as `size`: a non-negative safe integer.
 * @throws TypeError for a non-integer, RangeError for a negative value.
 */
export function checkCount(name: string, value: unknown): asserts value is number {
  checkNumber(name, value);
  if (!Number.isSafeInteger(value)) {
    throw new TypeError(`${name} must be an integer; got ${String(value)}`);
  }
  if (value < 0) {
    throw new RangeError(`negative dimensions are not allowed: ${name} must be >= 0; got ${value}`);
  }
}
