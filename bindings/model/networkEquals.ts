/**
 * hnn-core's `Network.__eq__` (network.py, with `_compare_lists`, `Cell.__eq__`, `Section.__eq__`,
 * `_Connectivity` / `_NetworkDrive` dict equality, `CellResponse.__eq__` and
 * `ExtracellularArray.__eq__`): which parts of two networks must agree, and how.
 *
 * Compared, as hnn-core compares its public attributes: gid ranges (in order), cell types (cell
 * templates and metadata), positions, drives, biases, connections (as a multiset: order does not
 * matter), electrode arrays (positions, method, min_distance: not conductivity or recordings), the
 * cell response, `threshold` and `delay`. Not compared, as in hnn-core: the parameter dict, the
 * mesh shape, legacy mode.
 */

import type { Connection } from "./connection";
import type { ExtracellularArray } from "./extracellular";
import type { Network } from "./network";
import type { CellTemplate, SectionSpec } from "./types";

/**
 * Python `==` of nested plain data: dicts (objects, Maps) by their key sets and values in any key
 * order, lists (arrays, typed arrays) element by element in order, sets by membership, numbers
 * exactly (so NaN differs from NaN), `undefined` as a missing key.
 */
function pyEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (a instanceof Set || b instanceof Set) {
    return a instanceof Set && b instanceof Set && a.size === b.size && [...a].every((x) => b.has(x));
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !pyEqual(v, b.get(k))) return false;
    return true;
  }
  const aList = Array.isArray(a) || ArrayBuffer.isView(a);
  const bList = Array.isArray(b) || ArrayBuffer.isView(b);
  if (aList || bList) {
    if (!aList || !bList) return false;
    const x = a as ArrayLike<unknown>;
    const y = b as ArrayLike<unknown>;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!pyEqual(x[i], y[i])) return false;
    return true;
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && pyEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** numpy `assert_almost_equal(a, b, decimal=5)` of two points: |a − b| < 1.5e-5 per coordinate. */
function almostEqualPoint(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => Math.abs(x - b[i]) < 1.5e-5);
}

/**
 * `Section.__eq__`: the mechanisms of `a` (each of their values must be equal in `b`'s mechanism
 * of that name), end points to 5 decimals, then L, diam, cm, Ra, nseg, v0 and syns exactly.
 * (hnn-core raises AssertionError for end points that differ, and KeyError for a mechanism `b`
 * lacks; both are "not equal" here.)
 */
function sectionEquals(a: SectionSpec, b: SectionSpec): boolean {
  for (const [name, mech] of Object.entries(a.mechs)) {
    const other = b.mechs[name];
    if (other === undefined) return false;
    for (const [attr, v] of Object.entries(mech)) if (!pyEqual(v, other[attr])) return false;
  }
  for (let i = 0; i < Math.min(a.endPts.length, b.endPts.length); i++) {
    if (!almostEqualPoint(a.endPts[i], b.endPts[i])) return false;
  }
  return (["L", "diam", "cm", "Ra", "nseg", "v0", "syns"] as const).every((k) => pyEqual(a[k], b[k]));
}

/** `Cell.__eq__`: name, position, synapses, cell tree and section groups, then every section. */
function cellEquals(a: CellTemplate, b: CellTemplate): boolean {
  if (!(["name", "pos", "synapses", "cellTree", "sectLoc"] as const).every((k) => pyEqual(a[k], b[k]))) return false;
  const names = Object.keys(a.sections);
  if (!pyEqual(new Set(names), new Set(Object.keys(b.sections)))) return false;
  return names.every((n) => sectionEquals(a.sections[n], b.sections[n]));
}

/** `_Connectivity` dict equality: every key (gid sets as sets, `gid_pairs` as a dict of lists). */
function connectionEquals(a: Connection, b: Connection): boolean {
  return (
    ["srcType", "numSrcs", "targetType", "numTargets", "loc", "receptor", "allowAutapses", "probability"] as const
  ).every((k) => a[k] === b[k]) &&
    pyEqual(a.srcGids, b.srcGids) &&
    pyEqual(a.targetGids, b.targetGids) &&
    pyEqual(a.gidPairs, b.gidPairs) &&
    pyEqual(a.ncDict, b.ncDict);
}

/** `_compare_lists(s, t)`: the same connections, each as often, in any order. */
function sameConnections(s: readonly Connection[], t: readonly Connection[]): boolean {
  if (s.length !== t.length) return false;
  const left = [...t];
  for (const c of s) {
    const i = left.findIndex((d) => connectionEquals(c, d));
    if (i < 0) return false;
    left.splice(i, 1);
  }
  return left.length === 0;
}

/** `ExtracellularArray.__eq__`: positions, method and min_distance (hnn-core skips conductivity and data). */
function electrodeArrayEquals(a: ExtracellularArray, b: ExtracellularArray): boolean {
  return pyEqual(a.positions, b.positions) && a.method === b.method && a.minDistance === b.minDistance;
}

/** Dict equality with a value comparison: the same keys (any order), each value equal. */
function dictEquals<T>(a: Readonly<Record<string, T>>, b: Readonly<Record<string, T>>, eq: (x: T, y: T) => boolean): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && eq(a[k], b[k]));
}

/** hnn-core `net1 == net2` (see the module note for what is compared). */
export function networkEquals(a: Network, b: Network): boolean {
  if (!sameConnections(a.connectivity, b.connectivity)) return false;
  // gid_ranges is an OrderedDict: order matters.
  const ra = Object.entries(a.gidRanges).map(([k, r]) => [k, r.start, r.stop]);
  const rb = Object.entries(b.gidRanges).map(([k, r]) => [k, r.start, r.stop]);
  if (!pyEqual(ra, rb)) return false;
  const cellTypesEqual = dictEquals(a.cellTypes, b.cellTypes, (x, y) => cellEquals(x.cellObject, y.cellObject) && pyEqual(x.cellMetadata, y.cellMetadata));
  const responsesEqual = a.cellResponse === null || b.cellResponse === null ? a.cellResponse === b.cellResponse : a.cellResponse.equals(b.cellResponse);
  return (
    cellTypesEqual &&
    responsesEqual &&
    dictEquals(a.externalDrives, b.externalDrives, (x, y) => pyEqual({ ...x }, { ...y })) &&
    pyEqual(a.externalBiases, b.externalBiases) &&
    a.threshold === b.threshold &&
    a.delay === b.delay &&
    dictEquals(a.recArrays, b.recArrays, electrodeArrayEquals) &&
    pyEqual(a.posDict, b.posDict)
  );
}
