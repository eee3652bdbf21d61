/**
 * Python-style text and rounding of values, for error messages, reprs and files that follow
 * hnn-core's wording (`f"{x}"`, `repr(x)`, `str(list)`, `str(set)`, `str(dict)`, `"%W.Df" % x`)
 * and numpy's `np.round`.
 *
 * JavaScript has one number type, so Python's int/float distinction is lost: an integer-valued
 * number is written as a Python int (`70`), any other finite number as Python's float repr
 * (shortest round-trip digits; exponent form below 1e-4 and from 1e16: `7e-06`, `1e+16`).
 */

/** Python's `str()` / `repr()` of a number (see the module note on int vs float). */
export function pyNum(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return Object.is(x, -0) ? "-0.0" : String(x);
  return pyFloat(x);
}

/** Python's `repr(float(x))`: `1.0`, `0.025`, `7e-06`, `1e+16`. */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  // toExponential() without an argument gives the shortest round-trip digits, like Python's repr.
  const [mant, expText] = x.toExponential().split("e");
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    const sign = exp < 0 ? "-" : "+";
    const mag = Math.abs(exp);
    return `${mant}e${sign}${mag < 10 ? "0" : ""}${mag}`;
  }
  const digits = mant.replace("-", "").replace(".", "");
  const neg = x < 0 ? "-" : "";
  let s: string;
  if (exp >= 0) {
    const intLen = exp + 1;
    s =
      digits.length <= intLen
        ? digits + "0".repeat(intLen - digits.length) + ".0"
        : digits.slice(0, intLen) + "." + digits.slice(intLen);
  } else {
    s = "0." + "0".repeat(-exp - 1) + digits;
  }
  return neg + s;
}

/** Python's `repr()` of a str, number, boolean, null, array or plain object (dict). */
export function pyRepr(v: unknown): string {
  if (typeof v === "string") return pyStr(v);
  if (typeof v === "number") return pyNum(v);
  if (typeof v === "boolean") return v ? "True" : "False";
  if (v === null || v === undefined) return "None";
  if (Array.isArray(v)) return "[" + v.map(pyRepr).join(", ") + "]";
  if (v instanceof Set) return v.size === 0 ? "set()" : "{" + [...v].map(pyRepr).join(", ") + "}";
  if (typeof v === "object") {
    const items = Object.entries(v as Record<string, unknown>).map(([k, x]) => `${pyStr(k)}: ${pyRepr(x)}`);
    return "{" + items.join(", ") + "}";
  }
  return String(v);
}

/** Python's `repr()` of a str (single quotes unless the text contains one and no double quote). */
function pyStr(s: string): string {
  if (s.includes("'") && !s.includes('"')) return `"${s}"`;
  return `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** Python's `type(x)` as printed: `<class 'int'>`, `<class 'str'>`, ... */
export function pyType(v: unknown): string {
  let name: string;
  if (v === null || v === undefined) name = "NoneType";
  else if (typeof v === "number") name = Number.isInteger(v) ? "int" : "float";
  else if (typeof v === "string") name = "str";
  else if (typeof v === "boolean") name = "bool";
  else if (Array.isArray(v)) name = "list";
  else if (typeof v === "object") name = "dict";
  else name = typeof v;
  return `<class '${name}'>`;
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
