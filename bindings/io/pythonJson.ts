/**
 * Python's JSON output, emulated: `json.dump(obj, indent=4)` of hnn-core's dicts, with Python's
 * float formatting (`1.0`, `7e-06`), ints where the keys say Python held ints, dicts in their own key
 * order ({@link PyDict}), and the iteration order of CPython's `set` ({@link cpythonSetOrder}).
 */

import { pyFloat } from "../util/pyformat";

/**
 * Iteration order of a CPython 3.11 `set` of non-negative ints built by adding `items` in order
 * (setobject.c: hash = value, linear probes of 9, perturbed probing, resize ×4 at 60 % fill).
 */
export function cpythonSetOrder(items: Iterable<number>): number[] {
  const LINEAR_PROBES = 9;
  let mask = 7;
  let table: (number | undefined)[] = new Array(8);
  let fill = 0;
  const insertClean = (tbl: (number | undefined)[], m: number, key: number) => {
    let perturb = key;
    let i = key & m;
    for (;;) {
      if (tbl[i] === undefined) {
        tbl[i] = key;
        return;
      }
      if (i + LINEAR_PROBES <= m) {
        for (let j = 1; j <= LINEAR_PROBES; j++) {
          if (tbl[i + j] === undefined) {
            tbl[i + j] = key;
            return;
          }
        }
      }
      perturb = Math.floor(perturb / 32);
      i = (i * 5 + 1 + perturb) % (m + 1);
    }
  };
  for (const key of items) {
    let perturb = key;
    let i = key & mask;
    let slot = -1;
    outer: for (;;) {
      const probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
      for (let j = 0; j <= probes; j++) {
        const e = table[i + j];
        if (e === undefined) {
          slot = i + j;
          break outer;
        }
        if (e === key) break outer;
      }
      perturb = Math.floor(perturb / 32);
      i = (i * 5 + 1 + perturb) % (mask + 1);
    }
    if (slot < 0) continue; // already present
    table[slot] = key;
    fill++;
    if (fill * 5 >= mask * 3) {
      const minused = fill > 50000 ? fill * 2 : fill * 4;
      let newsize = 8;
      while (newsize <= minused) newsize *= 2;
      const nt: (number | undefined)[] = new Array(newsize);
      for (const e of table) if (e !== undefined) insertClean(nt, newsize - 1, e);
      table = nt;
      mask = newsize - 1;
    }
  }
  return table.filter((e): e is number => e !== undefined);
}

/** A dict that keeps its key order (JS objects would reorder integer-like keys such as gid_pairs'). */
export class PyDict {
  constructor(readonly entries: [string, unknown][]) {}
}

function jsonStr(s: string): string {
  return JSON.stringify(s);
}

function dump(v: unknown, indent: string, intContext: boolean, intKeys: ReadonlySet<string>): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") {
    if (Number.isNaN(v)) return "NaN";
    if (!Number.isFinite(v)) return v > 0 ? "Infinity" : "-Infinity";
    if (intContext && Number.isInteger(v)) return String(v);
    return pyFloat(v);
  }
  if (typeof v === "string") return jsonStr(v);
  const inner = indent + "    ";
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    return "[\n" + v.map((x) => inner + dump(x, inner, intContext, intKeys)).join(",\n") + "\n" + indent + "]";
  }
  const entries: [string, unknown][] = v instanceof PyDict ? v.entries : Object.entries(v as Record<string, unknown>);
  if (entries.length === 0) return "{}";
  return (
    "{\n" +
    entries.map(([k, x]) => inner + jsonStr(k) + ": " + dump(x, inner, intContext || intKeys.has(k), intKeys)).join(",\n") +
    "\n" +
    indent +
    "}"
  );
}

/**
 * `json.dumps(value, indent=4)` as Python writes it. Numbers are written as Python floats, except
 * integers anywhere below a key in `intKeys` (which Python held as ints).
 */
export function pythonJsonDumps(value: unknown, intKeys: ReadonlySet<string>): string {
  return dump(value, "", false, intKeys);
}
