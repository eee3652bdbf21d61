/**
 * Internal helpers of the analysis module: Python-compatible number formatting and rounding,
 * synchronous access to Node's `fs` that does not break browser bundles, and argument checks
 * whose messages follow hnn-core's `_validate_type` / `_check_option`.
 */

type NodeFs = typeof import("node:fs");
type NodePath = typeof import("node:path");

interface ProcessLike {
  getBuiltinModule?: (id: string) => unknown;
}

/** Node's `fs` module, loaded synchronously; throws a clear error outside Node. */
export function nodeFs(): NodeFs {
  const proc = (globalThis as { process?: ProcessLike }).process;
  const fs = proc?.getBuiltinModule?.("node:fs") as NodeFs | undefined;
  if (fs === undefined) {
    throw new Error(
      "File access needs Node.js (>= 20.16); in a browser use the text functions " +
        "(toText / readDipole(text) / readSpikesText) instead",
    );
  }
  return fs;
}

/** Node's `path` module (see {@link nodeFs}). */
export function nodePath(): NodePath {
  const proc = (globalThis as { process?: ProcessLike }).process;
  const path = proc?.getBuiltinModule?.("node:path") as NodePath | undefined;
  if (path === undefined) throw new Error("Path handling needs Node.js (>= 20.16)");
  return path;
}

/**
 * Python's `"%W.Df" % x` (also `"{:W.Df}".format(x)`): correctly rounded fixed-point text, with
 * Python's rules where JavaScript's `toFixed` differs: exact ties round half to even (toFixed
 * rounds them away from zero), `-0.0` and negatives that round to zero keep their sign, no
 * exponent for |x| >= 1e21, and `nan` / `inf` spelled as Python does. Padded on the left with
 * spaces to `width`.
 */
export function formatFixed(x: number, digits: number, width = 0): string {
  let s: string;
  if (Number.isNaN(x)) s = "nan";
  else if (!Number.isFinite(x)) s = x > 0 ? "inf" : "-inf";
  else {
    const neg = x < 0 || Object.is(x, -0);
    const a = Math.abs(x);
    s = fixedAbs(a, digits);
    if (neg) s = "-" + s;
  }
  return s.length < width ? s.padStart(width, " ") : s;
}

/** Fixed-point text of a finite a >= 0 with Python's round-half-even on exact binary ties. */
function fixedAbs(a: number, digits: number): string {
  if (a >= 1e21) {
    // a is an integer here; BigInt gives all of its digits exactly.
    const intPart = BigInt(a).toString();
    return digits > 0 ? intPart + "." + "0".repeat(digits) : intPart;
  }
  const tie = exactTieQuotient(a, digits);
  if (tie === null) return a.toFixed(digits);
  // a·10^digits = q + 1/2 exactly; Python keeps the even neighbour, toFixed the larger one.
  const n = tie % 2n === 0n ? tie : tie + 1n;
  let t = n.toString();
  if (digits === 0) return t;
  if (t.length <= digits) t = "0".repeat(digits - t.length + 1) + t;
  return t.slice(0, t.length - digits) + "." + t.slice(t.length - digits);
}

/** If a·10^digits is exactly q + 1/2 (q integer) return q, else null. */
function exactTieQuotient(a: number, digits: number): bigint | null {
  if (a === 0) return null;
  // a = mant · 2^exp exactly, mant an integer < 2^53.
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, a);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biased === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = biased - 1075;
  }
  if (exp >= 0) return null; // an integer: never a tie
  const num = mant * 10n ** BigInt(digits) * 2n;
  const den = 1n << BigInt(-exp);
  if (num % den !== 0n) return null;
  const twice = num / den; // = 2·a·10^digits, an integer
  if (twice % 2n === 0n) return null;
  return (twice - 1n) / 2n;
}

/** numpy's `np.round(x)` for a scalar: round half to even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  // Math.round rounds .5 up; correct the ties that land on an odd number.
  if (Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}

/** Throws unless `value` is a finite number; the message names the argument. */
export function checkFiniteNumber(value: unknown, name: string): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new TypeError(`${name} must be a finite number, got ${describe(value)}`);
  }
}

/** hnn-core's `_check_option`: `value` must be one of `allowed`. */
export function checkOption<T extends string>(
  name: string,
  value: unknown,
  allowed: readonly T[],
): asserts value is T {
  if (!(allowed as readonly unknown[]).includes(value)) {
    throw new Error(
      `Invalid value for the '${name}' parameter. Allowed values are ` +
        `${allowed.map((a) => `'${a}'`).join(", ")}, but got ${describe(value)} instead.`,
    );
  }
}

/** Short text of a value for error messages. */
export function describe(value: unknown): string {
  if (typeof value === "string") return `'${value}'`;
  if (typeof value === "number" || typeof value === "boolean" || value == null) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return `a ${typeof value === "object" ? (value.constructor?.name ?? "object") : typeof value}`;
}
