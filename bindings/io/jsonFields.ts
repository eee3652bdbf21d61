/**
 * Typed field readers for the network JSON (./networkJson.ts): each takes a parsed value and its
 * JSON path and returns it as the expected type, or throws a ValueError naming the path and what was
 * expected.
 */

import { ValueError } from "../util/validate";
import type { Vec3 } from "../model/types";

/** A parsed JSON value. */
export type Json = unknown;
/** A parsed JSON object. */
export type Obj = Record<string, Json>;

/** A short description of a parsed value for messages: its JSON text for a scalar, else `a list` / `an object`. */
export function describeJson(got: Json): string {
  return got === undefined ? "nothing (missing key)" : Array.isArray(got) ? "a list" : got === null ? "null" : typeof got === "object" ? "an object" : JSON.stringify(got);
}

/** Throws `ValueError("network JSON: <path> must be <expected>, got <what>")`. */
export function fail(path: string, expected: string, got: Json): never {
  throw new ValueError(`network JSON: ${path} must be ${expected}, got ${describeJson(got)}`);
}

/**
 * An object at `path`, else {@link fail}. A `__proto__` key (which `JSON.parse` keeps as an own key)
 * is refused: copied into the reader's objects it would replace their prototype, not add an entry.
 */
export function obj(v: Json, path: string): Obj {
  if (typeof v !== "object" || v === null || Array.isArray(v)) fail(path, "an object", v);
  if (Object.hasOwn(v, "__proto__")) throw new ValueError(`network JSON: ${path} has the key '__proto__', which no field of a network file may use`);
  return v as Obj;
}

/** A list at `path`, else {@link fail}. */
export function arr(v: Json, path: string): Json[] {
  if (!Array.isArray(v)) fail(path, "a list", v);
  return v;
}

/** A finite number at `path`, else {@link fail}. */
export function num(v: Json, path: string): number {
  if (typeof v !== "number" || !Number.isFinite(v)) fail(path, "a finite number", v);
  return v;
}

/** A safe integer at `path`, else {@link fail}. */
export function int(v: Json, path: string): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v)) fail(path, "an integer", v);
  return v;
}

/** A string at `path`, else {@link fail}. */
export function str(v: Json, path: string): string {
  if (typeof v !== "string") fail(path, "a string", v);
  return v;
}

/** A boolean (or 0/1, as hnn-core writes `allow_autapses`) at `path`, else {@link fail}. */
export function bool(v: Json, path: string): boolean {
  if (typeof v === "boolean") return v;
  if (v === 0 || v === 1) return v === 1;
  fail(path, "a boolean (or 0/1)", v);
}

/** A point `[x, y, z]` at `path`, else {@link fail}. */
export function vec3(v: Json, path: string): Vec3 {
  const a = arr(v, path);
  if (a.length !== 3) fail(path, "[x, y, z]", v);
  return [num(a[0], `${path}[0]`), num(a[1], `${path}[1]`), num(a[2], `${path}[2]`)];
}

/** An object of finite numbers at `path`, else {@link fail}. */
export function numRecord(v: Json, path: string): Record<string, number> {
  const o = obj(v, path);
  const out: Record<string, number> = {};
  for (const [k, x] of Object.entries(o)) out[k] = num(x, `${path}.${k}`);
  return out;
}
