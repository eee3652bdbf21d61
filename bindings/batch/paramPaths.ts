/**
 * Parameter grids (hnn-core BatchSimulate's `param_grid` and `_generate_param_combinations`) and
 * parameter paths: a grid key such as `drives.evprox1.mu` names a number in a Network, so that a
 * grid of paths is plain data (the `hnn-wasm batch` command's GRID.json; jobs a queue can carry).
 *
 * Paths (each ends at a number):
 * - `drives.<name>.<dynamics key>`: e.g. `mu`, `sigma`, `numspikes`, `tstart`, `burstRate`,
 *   `rateConstant` (or `rateConstant.<cell type>` for a per-type rate); `drives.<name>.eventSeed`.
 *   The drive's events are regenerated from these at simulation time.
 * - `drives.<name>.weightsAmpa.<cell type>`, `drives.<name>.weightsNmda.<cell type>` (µS): the
 *   drive's record and the `A_weight` of its connection(s) to that cell type with that receptor.
 * - `connectivity.<index>.weight|delay|lamtha|gain`: `net.connectivity[index].ncDict`'s
 *   `A_weight` (µS), `A_delay` (ms), `lamtha`, `gain`.
 * - `biases.<name>.<cell type>.amplitude|t0|tstop`: a tonic bias (nA, ms).
 */
import type { Network } from "../model/network";
import { typeError, ValueError } from "../util/validate";

/** A parameter set: name -> value (one combination of a grid). */
export type ParamValues = Record<string, unknown>;

/** hnn-core's `param_grid`: parameter name -> the values to try. */
export type ParamGrid = Record<string, readonly unknown[]>;

/** The roots a parameter path may start with. */
export const PATH_ROOTS = ["drives", "connectivity", "biases"] as const;

const NC_KEYS: Record<string, "A_weight" | "A_delay" | "lamtha" | "gain"> = { weight: "A_weight", delay: "A_delay", lamtha: "lamtha", gain: "gain" };
const BIAS_KEYS = ["amplitude", "t0", "tstop"];
const INTEGER_KEYS = new Set(["numspikes", "eventSeed"]);

/**
 * hnn-core `_generate_param_combinations`: the Cartesian product of the grid's values (the last
 * key varying fastest, as `itertools.product`), or with `combinations: false` the k-th value of
 * every key together (as `zip`: as many sets as the shortest list).
 * @throws TypeError when the grid is not an object of arrays; ValueError for an empty grid.
 */
export function paramCombinations(paramGrid: ParamGrid, combinations = true): ParamValues[] {
  if (typeof paramGrid !== "object" || paramGrid === null || Array.isArray(paramGrid)) throw typeError("param_grid", "dict", paramGrid);
  const keys = Object.keys(paramGrid);
  if (keys.length === 0) throw new ValueError("param_grid must name at least one parameter");
  for (const key of keys) {
    if (!Array.isArray(paramGrid[key])) throw new TypeError(`param_grid['${key}'] must be a list of values, got ${typeof paramGrid[key]}`);
  }
  if (!combinations) {
    const n = Math.min(...keys.map((k) => paramGrid[k].length));
    return Array.from({ length: n }, (_, i) => Object.fromEntries(keys.map((k) => [k, paramGrid[k][i]])));
  }
  let sets: ParamValues[] = [{}];
  for (const key of keys) sets = sets.flatMap((set) => paramGrid[key].map((value) => ({ ...set, [key]: value })));
  return sets;
}

function pathError(path: string, why: string): ValueError {
  return new ValueError(`parameter path '${path}': ${why}`);
}

function allowed(names: Iterable<string>): string {
  return [...names].map((n) => `'${n}'`).join(", ");
}

/** Sets the drive parameter `rest` (path after `drives.<name>.`). */
function setDriveParam(net: Network, path: string, name: string, rest: string[], value: number): void {
  const drive = net.externalDrives[name];
  if (drive === undefined) throw pathError(path, `no drive '${name}'; the network's drives: ${allowed(Object.keys(net.externalDrives))}`);
  const [key, target, ...extra] = rest;
  const dynamics = drive.dynamics as unknown as Record<string, unknown>;
  if (key === "weightsAmpa" || key === "weightsNmda") {
    const receptor = key === "weightsAmpa" ? "ampa" : "nmda";
    const conns = net.connectivity.filter((c) => c.srcType === name && c.targetType === target && c.receptor === receptor);
    if (extra.length > 0 || conns.length === 0) {
      const targets = net.connectivity.filter((c) => c.srcType === name && c.receptor === receptor).map((c) => c.targetType);
      throw pathError(path, `drive '${name}' has no ${receptor.toUpperCase()} connection to '${target ?? ""}'; its ${receptor.toUpperCase()} targets: ${allowed(new Set(targets))}`);
    }
    drive[key] = { ...(drive[key] ?? {}), [target]: value };
    for (const c of conns) c.ncDict.A_weight = value;
  } else if (key === "eventSeed" && target === undefined) {
    drive.eventSeed = value;
  } else if (key === "rateConstant" && target !== undefined && extra.length === 0) {
    const rates = dynamics.rateConstant;
    if (typeof rates !== "object" || rates === null || !(target in rates)) throw pathError(path, `drive '${name}' has no per-cell-type rate for '${target}'`);
    dynamics.rateConstant = { ...rates, [target]: value };
  } else if (key in dynamics && typeof dynamics[key] !== "object" && target === undefined) {
    dynamics[key] = value;
  } else {
    const keys = [...Object.keys(dynamics).filter((k) => typeof dynamics[k] !== "object" || k === "rateConstant"), "eventSeed", "weightsAmpa.<cell type>", "weightsNmda.<cell type>"];
    throw pathError(path, `drive '${name}' (${drive.type}) has no parameter '${rest.join(".")}'; allowed: ${allowed(keys)}`);
  }
}

/**
 * Sets the number that `path` names in `net` (see the module note for the paths).
 * @throws ValueError naming the path and what is allowed there (an unknown root lists the roots);
 *   TypeError for a value that is not a finite number (an integer for `numspikes`, `eventSeed`).
 */
export function setParamPath(net: Network, path: string, value: unknown): void {
  if (typeof path !== "string") throw typeError("path", "str", path);
  const [root, name, ...rest] = path.split(".");
  const last = path.split(".").at(-1)!;
  if (typeof value !== "number" || !Number.isFinite(value)) throw new TypeError(`parameter path '${path}': value must be a finite number, got ${JSON.stringify(value) ?? String(value)}`);
  if (INTEGER_KEYS.has(last) && !Number.isInteger(value)) throw new TypeError(`parameter path '${path}': value must be an integer, got ${value}`);
  if (root === "drives" && name !== undefined && rest.length > 0) {
    setDriveParam(net, path, name, rest, value);
  } else if (root === "connectivity" && name !== undefined) {
    const index = Number(name);
    if (!/^\d+$/.test(name) || index >= net.connectivity.length) throw pathError(path, `connection index must be an integer in [0, ${net.connectivity.length})`);
    const key = NC_KEYS[rest[0]];
    if (rest.length !== 1 || key === undefined) throw pathError(path, `a connection's parameter must be one of ${allowed(Object.keys(NC_KEYS))}`);
    net.connectivity[index].ncDict[key] = value;
  } else if (root === "biases" && name !== undefined) {
    const bias = net.externalBiases[name];
    if (bias === undefined) throw pathError(path, `no tonic bias '${name}'; the network's biases: ${allowed(Object.keys(net.externalBiases))}`);
    const [cellType, key] = rest;
    if (rest.length !== 2 || !(cellType in bias) || !BIAS_KEYS.includes(key)) {
      throw pathError(path, `expected biases.${name}.<cell type>.<key> with a cell type of ${allowed(Object.keys(bias))} and a key of ${allowed(BIAS_KEYS)}`);
    }
    (bias[cellType] as unknown as Record<string, number>)[key] = value;
  } else {
    const hint = (PATH_ROOTS as readonly string[]).includes(root) ? "incomplete path" : `unknown root '${root}'`;
    throw pathError(path, `${hint}; a path starts with one of ${allowed(PATH_ROOTS)} (e.g. 'drives.evprox1.mu', 'connectivity.0.weight', 'biases.tonic.L5_pyramidal.amplitude')`);
  }
}

/** Sets every path of a parameter set ({@link setParamPath}); usable as BatchSimulate's `setParams`. */
export function setParamPaths(net: Network, params: ParamValues): void {
  for (const [path, value] of Object.entries(params)) setParamPath(net, path, value);
}
