/**
 * Python-style text of values, for error messages and reprs that follow hnn-core's wording
 * (`f"{x}"`, `repr(x)`, `str(list)`, `str(set)`, `str(dict)`).
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
export function pyStr(s: string): string {
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
