/**
 * hnn-core 0.6.1's `Network` (network.py) as a TypeScript class: cell types, gids, positions,
 * connectivity, drives and biases (../shared/spec/NETWORK.md).
 *
 * ## For the drives module (bindings/model/drives.ts)
 * `Network` implements drives.ts's `DriveHost`: `cellTypes`, `gidRanges`, `posDict`, `externalDrives`,
 * `externalBiases`, `connectivity`, `legacyMode`, `nGids`, and the hooks `addDriveCells(name, pos)`
 * (hnn-core `_add_cell_type` without a template: appends the drive's gid range after all gids),
 * `addDriveConnection(...)` (= `addConnection` with hnn-core's drive arguments) and
 * `shareLastSrcGids()` (hnn-core `connectivity[-1].src_gids = connectivity[-2].src_gids`).
 * `addEvokedDrive` / `addPoissonDrive` / `addBurstyDrive` / `addSpikeTrainDrive` / `addTonicBias`
 * delegate to drives.ts. `addDrivesFromParams` (params-file drives, DRIVES.md §8) delegates to the
 * function registered with `registerAddDrivesFromParams` (the module that reads params calls it once).
 *
 * ## Deviations from hnn-core (all deliberate)
 * - Numbers: JavaScript has no int/float distinction. Every `nc_dict` value is printed as a Python
 *   float in `Connection.toString()` (`lamtha: 70.0` even when the caller meant the int 70).
 * - Non-finite numbers (NaN, ±Infinity) are rejected wherever hnn-core would accept any float, a
 *   negative delay and a non-positive lamtha are rejected (hnn-core lets them through to NEURON or
 *   to a division by zero).
 * - Where hnn-core 0.6.1 checks an argument itself, the error is its message, with its argument names
 *   and spacing (test/fixtures/network/error_messages.json), except that its `allow_autapses` check
 *   names "target_gids" and ours `allow_autapses`. Checks hnn-core lacks name the TypeScript argument.
 */

import { defaultCellMetadata, defaultCellTypes, npExp } from "./cells";
import {
  addBurstyDrive,
  addEvokedDrive,
  addPoissonDrive,
  addSpikeTrainDrive,
  addTonicBias,
  type BurstyDriveOptions,
  type DriveConnectionOptions,
  type DriveHost,
  type EvokedDriveOptions,
  type ExternalDrive,
  type PoissonDriveOptions,
  type SpikeTrainDriveOptions,
  type TonicBiasOptions,
} from "./drives";
import { pyFloat, pyNum, pyRepr, roundHalfEven } from "../util/pyformat";
import { checkBool, checkFinite, checkOption, typeError, ValueError } from "../util/validate";
import type { CellMetadata, CellType, GidRange, NcDict, TonicBias, Vec3 } from "./types";
import { defaultRng } from "../random/index";
import type { CellResponse } from "../analysis/cellResponse";

// ---------------------------------------------------------------------------------------------
// gids

/** A gid range `[start, stop)` like Python's `range(start, stop)`. */
export function range(start: number, stop: number): GidRange {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(stop)) {
    throw new TypeError(`range(start, stop) needs integers, got ${pyNum(start)}, ${pyNum(stop)}`);
  }
  return { start, stop };
}

/** Is `v` a `{start, stop}` gid range object? */
export function isGidRange(v: unknown): v is GidRange {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    typeof (v as GidRange).start === "number" &&
    typeof (v as GidRange).stop === "number" &&
    Object.keys(v).length === 2
  );
}

/** The gids of a range, ascending. */
export function rangeToList(r: GidRange): number[] {
  const out: number[] = [];
  for (let g = r.start; g < r.stop; g++) out.push(g);
  return out;
}

/** Source/target selector: a gid, a list of gids, a population name (or list of names), or a range. */
export type GidSelector = number | readonly number[] | string | readonly string[] | GidRange;

/** hnn-core `_gid_to_type`: the first population whose range holds `gid`, else null. */
export function gidToTypeIn(gid: number, gidRanges: Record<string, GidRange>): string | null {
  for (const [name, r] of Object.entries(gidRanges)) {
    if (gid >= r.start && gid < r.stop && Number.isInteger(gid)) return name;
  }
  return null;
}

/**
 * hnn-core `_check_gids` (check.py): turn a selector into a list of gids. `null`/`undefined` → [].
 * @throws TypeError for a wrong type or a non-integer gid; Error for an unknown name, a gid outside
 *   every range, or (with `sameType`) gids of different populations.
 */
export function checkGids(
  gids: unknown,
  gidRanges: Record<string, GidRange>,
  validCells: readonly string[],
  argName: string,
  sameType = true,
): number[] {
  if (gids === null || gids === undefined) return [];
  let list: unknown[];
  if (typeof gids === "number") list = [gids];
  else if (typeof gids === "string") {
    checkOption(argName, gids, validCells);
    list = rangeToList(gidRanges[gids]);
  } else if (isGidRange(gids)) list = rangeToList(range(gids.start, gids.stop));
  else if (Array.isArray(gids)) list = gids as unknown[];
  else throw typeError(argName, "int, list, range, str, or None", gids);

  if (list.length > 0 && list.every((g) => typeof g === "string")) {
    const names = list as string[];
    for (const n of names) checkOption(argName, n, validCells);
    list = names.flatMap((n) => rangeToList(gidRanges[n]));
  }
  if (list.length === 0) throw new ValueError(`${argName} must not be empty`);
  const first = list[0];
  const cellType = typeof first === "number" ? gidToTypeIn(first, gidRanges) : null;
  for (const gid of list) {
    if (typeof gid !== "number" || !Number.isInteger(gid)) throw typeError(argName, "int", gid);
    const t = gidToTypeIn(gid, gidRanges);
    if (t === null) throw new ValueError(`${argName} ${pyNum(gid)} not in net.gid_ranges`);
    if (sameType && t !== cellType) throw new ValueError(`All ${argName} must be of the same type`);
  }
  return list as number[];
}

// ---------------------------------------------------------------------------------------------
// Connection

/** What {@link Connection}'s constructor takes: its data fields (gid sets as any iterable). */
export type ConnectionInit = Omit<Connection, "srcGids" | "targetGids" | "nPairs" | "copy" | "toString"> & {
  srcGids: Iterable<number>;
  targetGids: Iterable<number>;
};

/** One connection class (hnn-core `_Connectivity`). */
export class Connection {
  /** Source population (cell type or drive name). */
  srcType: string;
  /** Source gids, insertion order (hnn-core: a set; not updated by pruning). */
  srcGids: Set<number>;
  /** Number of source gids given (counts duplicates, not updated by pruning). */
  numSrcs: number;
  /** Target cell type. */
  targetType: string;
  /** Target gids (hnn-core: a set; not updated by pruning). */
  targetGids: Set<number>;
  /** Number of distinct target gids. */
  numTargets: number;
  /** Source gid -> its target gids, in hnn-core's order (after pruning). */
  gidPairs: Map<number, number[]>;
  /** A `sect_loc` group (`proximal`, `distal`) or a section name. */
  loc: string;
  /** `ampa`, `nmda`, `gabaa` or `gabab`. */
  receptor: string;
  /** NetCon parameters (A_delay, A_weight, lamtha, threshold, gain). */
  ncDict: NcDict;
  allowAutapses: boolean;
  /** The probability given to addConnection (1.0 = all-to-all). */
  probability: number;

  constructor(init: ConnectionInit) {
    this.srcType = init.srcType;
    this.srcGids = new Set(init.srcGids);
    this.numSrcs = init.numSrcs;
    this.targetType = init.targetType;
    this.targetGids = new Set(init.targetGids);
    this.numTargets = init.numTargets;
    this.gidPairs = init.gidPairs;
    this.loc = init.loc;
    this.receptor = init.receptor;
    this.ncDict = init.ncDict;
    this.allowAutapses = init.allowAutapses;
    this.probability = init.probability;
  }

  /** Total number of (src, target) pairs, i.e. NetCon groups. */
  get nPairs(): number {
    let n = 0;
    for (const t of this.gidPairs.values()) n += t.length;
    return n;
  }

  /** Deep copy. */
  copy(): Connection {
    const pairs = new Map<number, number[]>();
    for (const [s, t] of this.gidPairs) pairs.set(s, [...t]);
    return new Connection({ ...this, gidPairs: pairs, ncDict: { ...this.ncDict } });
  }

  /**
   * The connection summary as the seed example documents it (NETWORK.md §8), nc_dict values as
   * Python floats. hnn-core 0.6.1 also runs `threshold: …gain: …` onto the lamtha line by a
   * missing separator; that slip is left out.
   */
  toString(): string {
    const nc = this.ncDict;
    return (
      `${this.srcType} -> ${this.targetType}` +
      `\ncell counts: ${this.numSrcs} srcs, ` +
      `${this.numTargets} targets` +
      `\nconnection probability: ${pyFloat(this.probability)} ` +
      `\nloc: '${this.loc}'; receptor: '${this.receptor}'` +
      `\nweight: ${pyFloat(nc.A_weight)}; ` +
      `delay: ${pyFloat(nc.A_delay)}; ` +
      `lamtha: ${pyFloat(nc.lamtha)}` +
      "\n "
    );
  }
}

/** Options of {@link Network.addConnection} (hnn-core's keyword arguments). */
export interface AddConnectionOptions {
  /** Spike threshold of the source (mV); default `net.threshold`. */
  threshold?: number;
  /** Weight multiplier, >= 0 (default 1.0). */
  gain?: number;
  /** Allow a cell to connect to itself (default true). */
  allowAutapses?: boolean;
  /** Probability of each src-target pair, in (0, 1], default 1.0 (all-to-all). */
  probability?: number;
  /** Seed of numpy's `default_rng` for the pruning; null/undefined = OS entropy (not reproducible). */
  connSeed?: number | null;
}

// ---------------------------------------------------------------------------------------------
// Params-file drives (registered by the module that reads hnn-core params, DRIVES.md §8)

let addDrivesFromParamsFn: ((net: Network) => void) | null = null;

/** Register hnn-core's `_add_drives_from_params(net)` (called once by the params/drives module). */
export function registerAddDrivesFromParams(fn: (net: Network) => void): void {
  addDrivesFromParamsFn = fn;
}

/** The registered `_add_drives_from_params`. @throws Error if none was registered. */
export function getAddDrivesFromParams(): (net: Network) => void {
  if (addDrivesFromParamsFn === null) {
    throw new ValueError("addDrivesFromParams is not available: import bindings/model/params (or bindings/model/models) first");
  }
  return addDrivesFromParamsFn;
}

// ---------------------------------------------------------------------------------------------
/** An extracellular electrode array as stored (hnn-core `ExtracellularArray.to_dict()` fields). */
export interface ElectrodeArrayData {
  positions: Vec3[];
  conductivity: number;
  method: string;
  minDistance: number;
  times: number[];
  voltages: number[][][];
}

// ---------------------------------------------------------------------------------------------
// Positions (network.py:33-123)

/** `pos_dict`: population name -> positions, and `origin` -> one point. */
export type PosDict = Record<string, Vec3[] | Vec3>;

/** The five layer lists of hnn-core's `_create_cell_coords` (NETWORK.md §1.1). */
export function createCellCoords(
  nPyrX: number,
  nPyrY: number,
  zCoord: number,
  inplaneDistance: number,
): { L5_bottom: Vec3[]; L2_bottom: Vec3[]; L5_mid: Vec3[]; L2_mid: Vec3[]; origin: Vec3 } {
  const xx: number[] = [];
  const yy: number[] = [];
  for (let i = 0; i < nPyrX; i++) xx.push(i * inplaneDistance);
  for (let j = 0; j < nPyrY; j++) yy.push(j * inplaneDistance);
  const pyr = (z: number): Vec3[] => {
    const out: Vec3[] = [];
    for (const x of xx) for (const y of yy) out.push([x, y, z]);
    return out;
  };
  const basketCoords = (weight: number): Vec3[] => {
    const ar = (from: number, n: number, step: number) => {
      const o: number[] = [];
      for (let v = from; v < n; v += step) o.push(v * inplaneDistance);
      return o;
    };
    const xzero = ar(0, nPyrX, 3);
    const xone = ar(1, nPyrX, 3);
    const yeven = ar(0, nPyrY, 2);
    const yodd = ar(1, nPyrY, 2);
    const coords: [number, number][] = [];
    for (const x of xzero) for (const y of yeven) coords.push([x, y]);
    for (const x of xone) for (const y of yodd) coords.push([x, y]);
    // Python's sorted() is stable; so is Array.prototype.sort.
    coords.sort((a, b) => a[1] - b[1]);
    return coords.map(([x, y]) => [x, y, weight * zCoord] as Vec3);
  };
  const origin: Vec3 = [xx[Math.trunc((xx.length - 1) / 2)], yy[Math.trunc((yy.length - 1) / 2)], Math.floor(zCoord / 2)];
  return {
    L5_bottom: pyr(0),
    L2_bottom: pyr(zCoord),
    L5_mid: basketCoords(0.2),
    L2_mid: basketCoords(0.8),
    origin,
  };
}

/** The default `pos_dict` layout (L5_pyramidal, L2_pyramidal, L5_basket, L2_basket, origin). */
export function defaultPosDict(meshShape: [number, number], layerSeparation = 1307.4, inplaneDistance = 1.0): PosDict {
  const l = createCellCoords(meshShape[0], meshShape[1], layerSeparation, inplaneDistance);
  return {
    L5_pyramidal: l.L5_bottom,
    L2_pyramidal: l.L2_bottom,
    L5_basket: l.L5_mid,
    L2_basket: l.L2_mid,
    origin: l.origin,
  };
}

// ---------------------------------------------------------------------------------------------
// Network

/** Network constructor options (hnn-core keyword arguments). */
export interface NetworkOptions {
  addDrivesFromParams?: boolean;
  legacyMode?: boolean;
  /** Grid of pyramidal cells `[nX, nY]`, default [10, 10]. */
  meshShape?: [number, number];
  /** Positions; used (with `cellTypes`) instead of the default grid when both are given. */
  posDict?: PosDict;
  /** Cell types; used (with `posDict`) instead of the four default types when both are given. */
  cellTypes?: Record<string, CellType>;
}

/** hnn-core's parameter dictionary (flat; only `threshold` and `celsius` are read by the Network). */
export type NetworkParams = Record<string, unknown>;

/** The default receptors of hnn-core (for pickConnection). */
export const VALID_RECEPTORS = ["ampa", "nmda", "gabaa", "gabab"] as const;

/** hnn-core `Network`. */
export class Network implements DriveHost {
  /** Cell type name -> template and metadata, in gid order. */
  cellTypes: Record<string, CellType> = {};
  /** Population name (cell types, then drives) -> gid range. */
  gidRanges: Record<string, GidRange> = {};
  /** Population name -> positions; `origin` -> one point. */
  posDict: PosDict = {};
  /** Connections in order (drives' and cells'). */
  connectivity: Connection[] = [];
  /** Drive name -> drive. */
  externalDrives: Record<string, ExternalDrive> = {};
  /** Bias name -> cell type -> tonic bias. */
  externalBiases: Record<string, Record<string, TonicBias>> = {};
  /** Electrode arrays. */
  recArrays: Record<string, ElectrodeArrayData> = {};
  /** Spikes of the last simulation (set by the simulator), null before. */
  cellResponse: CellResponse | null = null;
  /** Spike threshold of all cells (mV). */
  threshold: number;
  /** Default synaptic delay (ms). */
  delay = 1.0;

  /** The parameters given to the constructor (hnn-core `_params`). */
  _params: NetworkParams;
  _legacyMode: boolean;
  _nPyrX: number;
  _nPyrY: number;
  _inplaneDistance = 1.0;
  _layerSeparation = 1307.4;
  /** Next free gid (hnn-core `_n_gids`). */
  _nGids = 0;
  /** Number of real cells (hnn-core `_n_cells`). */
  _nCells = 0;
  /** Simulation settings of the last run (hnn-core `_tstop`, `_dt`). */
  _tstop: number | null = null;
  _dt: number | null = null;

  /**
   * hnn-core `Network(params, add_drives_from_params=False, legacy_mode=False, mesh_shape=(10, 10),
   * pos_dict=None, cell_types=None)`. A bare Network has the four default cell types and no
   * connections (use `jones2009Model` etc. for the default connectivity).
   * @throws TypeError for a params that is not an object, a bad meshShape; Error for a missing threshold.
   */
  constructor(params: NetworkParams, options: NetworkOptions = {}) {
    if (typeof params !== "object" || params === null || Array.isArray(params)) throw typeError("params", "dict", params);
    if (typeof options !== "object" || options === null) throw typeError("options", "dict", options);
    this._params = params;
    const legacyMode = options.legacyMode ?? false;
    this._legacyMode = checkBool("legacyMode", legacyMode);
    if (this._legacyMode) {
      console.warn(
        "DeprecationWarning: Legacy mode is used solely to maintain compatibility with.param files of the old HNN GUI. This feature will be deprecrated in future releases.",
      );
    }
    if (!("threshold" in params)) throw new ValueError("params must contain 'threshold' (the cells' spike threshold in mV)");
    this.threshold = checkFinite("params['threshold']", params.threshold);
    const meshShape = options.meshShape ?? [10, 10];
    if (!Array.isArray(meshShape) || meshShape.length !== 2) throw typeError("mesh_shape", "tuple", meshShape);
    for (const i of [0, 1]) {
      if (typeof meshShape[i] !== "number" || !Number.isInteger(meshShape[i])) throw typeError(`mesh_shape[${i}]`, "int", meshShape[i]);
    }
    if (meshShape[0] < 1 || meshShape[1] < 1) {
      throw new ValueError(`mesh_shape must be a tuple of positive integers, got: (${meshShape[0]}, ${meshShape[1]})`);
    }
    this._nPyrX = meshShape[0];
    this._nPyrY = meshShape[1];

    if (options.posDict !== undefined && options.cellTypes !== undefined) {
      if (typeof options.posDict !== "object" || options.posDict === null) throw typeError("posDict", "dict", options.posDict);
      if (typeof options.cellTypes !== "object" || options.cellTypes === null) throw typeError("cellTypes", "dict", options.cellTypes);
      this.posDict = structuredClone(options.posDict);
      for (const [name, ct] of Object.entries(options.cellTypes)) {
        if (name in this.posDict) {
          const pos = this.posDict[name];
          if (!isPosList(pos)) throw new TypeError(`posDict['${name}'] must be a list of [x, y, z] positions`);
          this._addCellType(name, pos, ct);
        }
      }
    } else {
      const cts = defaultCellTypes();
      this.setCellPositions({ inplaneDistance: this._inplaneDistance, layerSeparation: this._layerSeparation });
      for (const [name, ct] of Object.entries(cts)) {
        this._addCellType(name, this.posDict[name] as Vec3[], ct);
      }
    }
    if (options.addDrivesFromParams !== undefined && checkBool("addDrivesFromParams", options.addDrivesFromParams)) {
      getAddDrivesFromParams()(this);
    }
  }

  /** `[nX, nY]` of the pyramidal grid. */
  get meshShape(): [number, number] {
    return [this._nPyrX, this._nPyrY];
  }

  /** Whether the network was built in legacy mode. */
  get legacyMode(): boolean {
    return this._legacyMode;
  }

  /** In-plane distance between pyramidal somata (µm); scales every lamtha (NETWORK.md §5). */
  get inplaneDistance(): number {
    return this._inplaneDistance;
  }

  /** Distance between the L2 and L5 pyramidal layers (µm). */
  get layerSeparation(): number {
    return this._layerSeparation;
  }

  /** `params['celsius']` (37.0 when the params do not say). */
  get celsius(): number {
    const c = this._params.celsius;
    return typeof c === "number" ? c : 37.0;
  }

  /** `pos_dict['origin']` (drive cells sit here). */
  get origin(): Vec3 {
    const o = this.posDict.origin;
    if (o === undefined || isPosList(o)) throw new ValueError("posDict['origin'] is missing or not a single [x, y, z]");
    return o as Vec3;
  }

  /** Positions of one population (cell type or drive). @throws Error for an unknown name. */
  positions(name: string): Vec3[] {
    const p = this.posDict[name];
    if (name === "origin" || p === undefined || !isPosList(p)) {
      checkOption("name", name, Object.keys(this.posDict).filter((k) => k !== "origin"));
    }
    return p as Vec3[];
  }

  /** hnn-core `__repr__`: `<Network | 35 L2_basket cells\n100 L2_pyramidal cells...>`. */
  toString(): string {
    const desc = Object.keys(this.cellTypes).map((name) => {
      const p = this.posDict[name];
      return `${isPosList(p) ? p.length : 0} ${name} cells`;
    });
    return `<Network | ${desc.join("\n")}>`;
  }

  /**
   * hnn-core `set_cell_positions(*, inplane_distance=None, layer_separation=None)` (NETWORK.md §1.3):
   * recompute the grid; `posDict` is replaced by the default layout plus the drives at the origin.
   * @throws TypeError for a non-number, Error for a value <= 0.
   */
  setCellPositions(opts: { inplaneDistance?: number | null; layerSeparation?: number | null } = {}): void {
    const inplane = opts.inplaneDistance ?? this._inplaneDistance;
    checkFinite("inplaneDistance", inplane, "float or int");
    if (!(inplane > 0)) throw new ValueError(`In-plane distance must be positive, got: ${pyNum(inplane)}`);
    const sep = opts.layerSeparation ?? this._layerSeparation;
    checkFinite("layerSeparation", sep, "float or int");
    if (!(sep > 0)) throw new ValueError(`Layer separation must be positive, got: ${pyNum(sep)}`);
    this.posDict = defaultPosDict([this._nPyrX, this._nPyrY], sep, inplane);
    const origin = this.posDict.origin as Vec3;
    for (const [name, drive] of Object.entries(this.externalDrives)) {
      this.posDict[name] = Array.from({ length: drive.nDriveCells }, () => [origin[0], origin[1], origin[2]] as Vec3);
    }
    this._inplaneDistance = inplane;
    this._layerSeparation = sep;
  }

  /** hnn-core `_add_cell_type`: append a population's gid range (and template for a cell type). */
  _addCellType(name: string, pos: Vec3[], template?: CellType): GidRange {
    const start = this._nGids;
    this._nGids += pos.length;
    this.gidRanges[name] = { start, stop: this._nGids };
    this.posDict[name] = pos;
    if (template !== undefined) {
      this.cellTypes[name] = template;
      this._nCells += pos.length;
    }
    return this.gidRanges[name];
  }

  /** hnn-core `_n_gids`: number of gids of cells and drives. */
  get nGids(): number {
    return this._nGids;
  }

  /** DriveHost hook: hnn-core `_add_cell_type(name, pos)` for drive cells (no template). */
  addDriveCells(name: string, pos: Vec3[]): void {
    if (typeof name !== "string" || name.length === 0) throw typeError("name", "str", name);
    if (name in this.gidRanges || name === "origin") throw new ValueError(`${name} is already a population of the network`);
    this._addCellType(
      name,
      pos.map((p) => [p[0], p[1], p[2]] as Vec3),
    );
  }

  /** DriveHost hook: `addConnection` with the arguments `_attach_drive` passes. */
  addDriveConnection(
    srcGids: string | number[],
    targetGids: number[] | number[][],
    loc: string,
    receptor: string,
    weight: number,
    delay: number,
    lamtha: number,
    options: DriveConnectionOptions,
  ): void {
    this.addConnection(srcGids, targetGids, loc, receptor, weight, delay, lamtha, {
      probability: options.probability,
      connSeed: options.connSeed,
    });
  }

  /** DriveHost hook: the last connection shares the previous one's `srcGids` set. */
  shareLastSrcGids(): void {
    const n = this.connectivity.length;
    if (n < 2) throw new ValueError("shareLastSrcGids needs two connections");
    this.connectivity[n - 1].srcGids = this.connectivity[n - 2].srcGids;
  }

  /** hnn-core `gid_to_type(gid)`: the population holding `gid`, or null. */
  gidToType(gid: number): string | null {
    return gidToTypeIn(gid, this.gidRanges);
  }

  /**
   * hnn-core `add_connection` (NETWORK.md §4): append a connection class.
   * @param srcGids a gid, gids, a population name (cell type or drive), names, or a range.
   * @param targetGids a gid, gids (all-to-all), one list per source gid, a cell type name, or a range.
   * @param loc `proximal`, `distal` or a section name of the target cell type.
   * @param receptor `ampa`, `nmda`, `gabaa` or `gabab` (must exist in every targeted section).
   * @param weight A_weight (µS) at distance 0.
   * @param delay A_delay (ms) at distance 0, >= 0.
   * @param lamtha space constant (in units of the in-plane distance), > 0.
   */
  addConnection(
    srcGids: GidSelector,
    targetGids: GidSelector | readonly (readonly number[])[],
    loc: string,
    receptor: string,
    weight: number,
    delay: number,
    lamtha: number,
    opts: AddConnectionOptions = {},
  ): void {
    if (typeof opts !== "object" || opts === null) throw typeError("opts", "dict", opts);
    const threshold = opts.threshold ?? this.threshold;
    const gain = opts.gain ?? 1.0;
    const allowAutapses = opts.allowAutapses ?? true;
    const probability = opts.probability ?? 1.0;
    const connSeed = opts.connSeed ?? null;

    const tg = targetGids as unknown;
    if (!(typeof tg === "number" || typeof tg === "string" || Array.isArray(tg) || isGidRange(tg))) {
      throw typeError("target_gids", "int list, range or str", tg);
    }
    checkBool("allow_autapses", allowAutapses);
    const src = checkGids(srcGids, this.gidRanges, Object.keys(this.gidRanges), "src_gids");

    // targetGids -> one list per source gid
    let lists: unknown[];
    const cellNames = Object.keys(this.cellTypes);
    if (typeof tg === "number") lists = src.map(() => [tg]);
    else if (typeof tg === "string") {
      checkOption("target_gids", tg, cellNames);
      const l = rangeToList(this.gidRanges[tg]);
      lists = src.map(() => l);
    } else if (isGidRange(tg)) {
      const l = rangeToList(range(tg.start, tg.stop));
      lists = src.map(() => l);
    } else {
      const arr = tg as unknown[];
      if (arr.length === 0) throw new ValueError("targetGids must not be empty");
      lists = arr.every((t) => typeof t === "number") ? src.map(() => arr) : arr;
    }
    const targetSet = new Set<number>();
    lists.forEach((l, idx) => {
      if (!Array.isArray(l)) throw typeError(`targetGids[${idx}]`, "list or range", l);
      for (const t of l) {
        if (typeof t !== "number" || !Number.isInteger(t)) throw typeError("target_gid", "int", t);
        targetSet.add(t);
      }
    });
    const firstList = lists[0] as number[];
    if (firstList.length === 0) throw new ValueError("targetGids[0] must not be empty");
    const targetType = this.gidToType(firstList[0]);
    for (const t of targetSet) {
      const tt = this.gidToType(t);
      if (tt === null) throw new ValueError(`target_gid ${t}not in net.gid_ranges`);
      if (tt !== targetType) throw new ValueError("All target_gids must be of the same type");
    }
    if (targetType === null || !(targetType in this.cellTypes)) {
      throw new ValueError(`targetGids must be gids of a cell type (${cellNames.join(", ")}), got gids of '${targetType}'`);
    }
    if (lists.length !== src.length) throw new ValueError("target_gids must have a list for each src.");

    const gidPairs = new Map<number, number[]>();
    src.forEach((s, i) => {
      let l = lists[i] as number[];
      l = allowAutapses ? [...l] : l.filter((t) => t !== s);
      gidPairs.set(s, l);
    });
    const srcType = this.gidToType(src[0]) as string;

    if (typeof loc !== "string") throw typeError("loc", "str", loc);
    if (typeof receptor !== "string") throw typeError("receptor", "str", receptor);
    const template = this.cellTypes[targetType].cellObject;
    const sectLoc = template.sectLoc as Record<string, string[]>;
    const validLoc = [...Object.keys(sectLoc), ...Object.keys(template.sections)];
    checkOption("loc", loc, validLoc, ` (the loc '${loc}' is not defined for '${targetType}' cells)`);
    if (Object.prototype.hasOwnProperty.call(sectLoc, loc)) {
      for (const secName of sectLoc[loc]) {
        checkOption(
          "receptor",
          receptor,
          template.sections[secName].syns,
          ` (the '${receptor}' receptor is not defined for the '${secName}' of'${targetType}' cells)`,
        );
      }
    } else {
      checkOption(
        "receptor",
        receptor,
        template.sections[loc].syns,
        `(the '${receptor}' receptor is not defined for the '${loc}' of'${targetType}' cells)`,
      );
    }

    const ncDict: NcDict = {
      A_delay: checkFinite("delay", delay),
      A_weight: checkFinite("weight", weight),
      lamtha: checkFinite("lamtha", lamtha),
      threshold: checkFinite("threshold", threshold),
      gain: checkFinite("gain", gain),
    };
    if (ncDict.A_delay < 0) throw new ValueError(`delay must be non-negative, got ${pyNum(ncDict.A_delay)}`);
    if (!(ncDict.lamtha > 0)) throw new ValueError(`lamtha must be positive, got ${pyNum(ncDict.lamtha)}`);
    if (ncDict.gain < 0) {
      throw new ValueError(`Synaptic gains must be non-negative.Got ${pyNum(gain)} for connection ${srcType}->${targetType}.`);
    }

    const conn = new Connection({
      srcType,
      srcGids: src,
      numSrcs: src.length,
      targetType,
      targetGids: targetSet,
      numTargets: targetSet.size,
      gidPairs,
      loc,
      receptor,
      ncDict,
      allowAutapses,
      probability: 1.0,
    });
    if (typeof probability !== "number") throw typeError("probability", "float", probability);
    if (probability !== 1.0) {
      connectionProbability(conn, probability, connSeed);
    }
    conn.probability = probability;
    this.connectivity.push(conn);
  }

  /** hnn-core `clear_connectivity`: remove every cell-to-cell connection (drive connections stay). */
  clearConnectivity(): void {
    this.connectivity = this.connectivity.filter((c) => c.srcType in this.externalDrives);
  }

  /** hnn-core `clear_drives`: remove drives, their gids, positions and connections (gids are not renumbered). */
  clearDrives(): void {
    this.connectivity = this.connectivity.filter((c) => !(c.srcType in this.externalDrives));
    for (const name of Object.keys(this.gidRanges)) {
      if (name in this.externalDrives) {
        const r = this.gidRanges[name];
        this._nGids -= r.stop - r.start;
        delete this.gidRanges[name];
        delete this.posDict[name];
      }
    }
    this.externalDrives = {};
  }

  /**
   * hnn-core `copy()`: a deep copy with drive `events` cleared and electrode data reset.
   */
  copy(): Network {
    const net = Object.create(Network.prototype) as Network;
    Object.assign(net, this);
    net.cellTypes = structuredClone(this.cellTypes);
    net.gidRanges = structuredClone(this.gidRanges);
    net.posDict = structuredClone(this.posDict);
    net.connectivity = this.connectivity.map((c) => c.copy());
    net.externalDrives = {};
    for (const [name, d] of Object.entries(this.externalDrives)) {
      const copy = d.copy();
      copy.events = [];
      net.externalDrives[name] = copy;
    }
    net.externalBiases = structuredClone(this.externalBiases);
    net.recArrays = {};
    for (const [name, a] of Object.entries(this.recArrays)) {
      net.recArrays[name] = { ...structuredClone(a), times: [], voltages: [] };
    }
    net._params = structuredClone(this._params);
    return net;
  }

  /** hnn-core `filter_cell_types(**metadata)`: names of cell types whose metadata match all filters. */
  filterCellTypes(filters: Partial<CellMetadata> = {}): string[] {
    const out: string[] = [];
    for (const [name, ct] of Object.entries(this.cellTypes)) {
      const md = ct.cellMetadata as unknown as Record<string, unknown>;
      let match = true;
      for (const [k, v] of Object.entries(filters)) {
        if (!(k in md) || md[k] !== v) {
          match = false;
          break;
        }
      }
      if (match) out.push(name);
    }
    return out;
  }

  /** Excitatory and inhibitory cell gids from the metadata (hnn-core `_get_cell_index_by_synapse_type`). */
  _eiGids(): { e: number[]; i: number[] } {
    const e: number[] = [];
    const i: number[] = [];
    for (const [name, ct] of Object.entries(this.cellTypes)) {
      if (ct.cellMetadata.electroType === "excitatory") e.push(...rangeToList(this.gidRanges[name]));
      else if (ct.cellMetadata.electroType === "inhibitory") i.push(...rangeToList(this.gidRanges[name]));
    }
    return { e, i };
  }

  /**
   * hnn-core `set_global_synaptic_gains(e_e, e_i, i_e, i_i, copy=False)`: set `gain` on every
   * cell-to-cell connection of a class (drives untouched). With `copy: true` returns a modified copy.
   * @throws TypeError for a non-number gain, Error for a negative one.
   */
  setGlobalSynapticGains(
    gains: { eE?: number | null; eI?: number | null; iE?: number | null; iI?: number | null; copy?: boolean } = {},
  ): Network | undefined {
    const copy = checkBool("copy", gains.copy ?? false);
    const net = copy ? this.copy() : this;
    const { e, i } = this._eiGids();
    const classes: [string, number | null | undefined, number[], number[]][] = [
      ["e_e", gains.eE, e, e],
      ["e_i", gains.eI, e, i],
      ["i_e", gains.iE, i, e],
      ["i_i", gains.iI, i, i],
    ];
    for (const [name, gain, s, t] of classes) {
      if (gain === null || gain === undefined) continue;
      checkFinite(name, gain);
      if (gain < 0) throw new ValueError(`Synaptic gains must be non-negative. Got ${pyNum(gain)} for '${name}'.`);
      if (s.length === 0 || t.length === 0) continue;
      for (const idx of pickIndices(net, s, t)) net.connectivity[idx].ncDict.gain = gain;
    }
    return copy ? net : undefined;
  }

  /** hnn-core `get_global_synaptic_gains()`: gain of the first connection of each E/I class present. */
  getGlobalSynapticGains(): { eE?: number; eI?: number; iE?: number; iI?: number } {
    const { e, i } = this._eiGids();
    const out: { eE?: number; eI?: number; iE?: number; iI?: number } = {};
    const classes: ["eE" | "eI" | "iE" | "iI", number[], number[]][] = [
      ["eE", e, e],
      ["eI", e, i],
      ["iE", i, e],
      ["iI", i, i],
    ];
    for (const [name, s, t] of classes) {
      if (s.length === 0 || t.length === 0) continue;
      const picks = pickIndices(this, s, t);
      if (picks.length > 0) out[name] = this.connectivity[picks[0]].ncDict.gain;
    }
    return out;
  }

  /** hnn-core `_check_global_synaptic_gains_uniformity`: true when every E/I class has one gain. */
  checkGlobalSynapticGainsUniformity(): boolean {
    const { e, i } = this._eiGids();
    for (const [s, t] of [
      [e, e],
      [e, i],
      [i, e],
      [i, i],
    ]) {
      if (s.length === 0 || t.length === 0) continue;
      const picks = pickIndices(this, s, t);
      if (picks.length === 0) continue;
      const first = this.connectivity[picks[0]].ncDict.gain;
      for (const p of picks.slice(1)) {
        const g = this.connectivity[p].ncDict.gain;
        if (!(Math.abs(g - first) <= 1e-8 + 1e-5 * Math.abs(first))) return false;
      }
    }
    return true;
  }

  /**
   * hnn-core `add_electrode_array(name, electrode_pos, *, conductivity=0.3, method='psa', min_distance=0.5)`
   * (stores the array; the simulator computes the potentials).
   */
  addElectrodeArray(
    name: string,
    electrodePos: Vec3 | Vec3[],
    opts: { conductivity?: number; method?: "psa" | "lsa"; minDistance?: number } = {},
  ): void {
    if (typeof name !== "string") throw typeError("name", "str", name);
    if (name in this.recArrays) throw new ValueError(`${name} already exists, use another name!`);
    const list: unknown[] = Array.isArray(electrodePos) && Array.isArray(electrodePos[0]) ? (electrodePos as Vec3[]) : [electrodePos];
    const positions = list.map((p, k) => {
      if (!isVec3(p)) throw new TypeError(`electrodePos[${k}] must be [x, y, z] (three finite numbers)`);
      return [p[0], p[1], p[2]] as Vec3;
    });
    const conductivity = checkFinite("conductivity", opts.conductivity ?? 0.3, "float");
    if (!(conductivity > 0)) throw new ValueError(`conductivity must be a positive number, got ${pyNum(conductivity)}`);
    const method = checkOption("method", opts.method ?? "psa", ["psa", "lsa"]);
    const minDistance = checkFinite("minDistance", opts.minDistance ?? 0.5, "float");
    if (!(minDistance > 0)) throw new ValueError(`minDistance must be a positive number, got ${pyNum(minDistance)}`);
    this.recArrays[name] = { positions, conductivity, method, minDistance, times: [], voltages: [] };
  }

  // --- drives: thin delegates to drives.ts (DRIVES.md) ---------------------------------------

  /** hnn-core `add_evoked_drive(name, *, mu, sigma, numspikes, location, ...)`. */
  addEvokedDrive(name: string, opts: EvokedDriveOptions): ExternalDrive {
    return addEvokedDrive(this, name, opts);
  }

  /** hnn-core `add_poisson_drive(name, *, tstart, tstop, rate_constant, location, ...)`. */
  addPoissonDrive(name: string, opts: PoissonDriveOptions): ExternalDrive {
    return addPoissonDrive(this, name, opts);
  }

  /** hnn-core `add_bursty_drive(name, *, tstart, tstart_std, tstop, location, burst_rate, ...)`. */
  addBurstyDrive(name: string, opts: BurstyDriveOptions): ExternalDrive {
    return addBurstyDrive(this, name, opts);
  }

  /** hnn-core `add_spike_train_drive(name, *, spike_data, location, ...)`. */
  addSpikeTrainDrive(name: string, opts: SpikeTrainDriveOptions): ExternalDrive {
    return addSpikeTrainDrive(this, name, opts);
  }

  /** hnn-core `add_tonic_bias(*, cell_type=None, section='soma', bias_name='tonic', amplitude, t0=0, tstop=None)`. */
  addTonicBias(opts: TonicBiasOptions): void {
    addTonicBias(this, opts);
  }

  /** hnn-core `_add_drives_from_params(net)`: the drives of the params given to the constructor. */
  addDrivesFromParams(): void {
    getAddDrivesFromParams()(this);
  }
}

function isVec3(p: unknown): p is Vec3 {
  return Array.isArray(p) && p.length === 3 && p.every((v) => typeof v === "number" && Number.isFinite(v));
}

/** Is this posDict entry a list of positions (not the single origin point)? */
export function isPosList(p: unknown): p is Vec3[] {
  return Array.isArray(p) && (p.length === 0 || Array.isArray(p[0]));
}

/**
 * hnn-core `_connection_probability` (NETWORK.md §4.4): keep `round_half_even(n·p)` of the n pairs,
 * chosen by `default_rng(connSeed).choice(range(n), k, replace=False)`; sources left without targets
 * are dropped. `srcGids`, `targetGids`, `numSrcs`, `numTargets` keep describing the full set.
 * @throws Error unless 0 < probability < 1.
 */
export function connectionProbability(conn: Connection, probability: number, connSeed: number | null): void {
  if (typeof probability !== "number") throw typeError("probability", "float", probability);
  if (Number.isNaN(probability) || probability <= 0.0 || probability >= 1.0) {
    throw new ValueError("probability must be in the range (0,1)");
  }
  if (connSeed !== null && (typeof connSeed !== "number" || !Number.isSafeInteger(connSeed) || connSeed < 0)) {
    throw new TypeError(`connSeed must be a non-negative integer or null, got ${pyRepr(connSeed)}`);
  }
  const rng = defaultRng(connSeed);
  let n = 0;
  for (const t of conn.gidPairs.values()) n += t.length;
  const nKeep = roundHalfEven(n * probability);
  const keep = new Set<number>(rng.choice(n, nKeep, { replace: false }));
  let idx = 0;
  const remove: number[] = [];
  for (const [src, targets] of conn.gidPairs) {
    const kept: number[] = [];
    for (const t of targets) {
      if (keep.has(idx)) kept.push(t);
      idx++;
    }
    if (kept.length > 0) conn.gidPairs.set(src, kept);
    else remove.push(src);
  }
  for (const s of remove) conn.gidPairs.delete(s);
}

/** pick_connection by src/target gid lists only (used by the global-gain methods). */
function pickIndices(net: Network, srcGids: number[], targetGids: number[]): number[] {
  const s = new Set(srcGids);
  const t = new Set(targetGids);
  const out: number[] = [];
  net.connectivity.forEach((c, idx) => {
    let srcHit = false;
    for (const g of c.srcGids) if (s.has(g)) { srcHit = true; break; }
    if (!srcHit) return;
    for (const g of c.targetGids) if (t.has(g)) { out.push(idx); return; }
  });
  return out;
}

/**
 * Distance-dependent weight and delay of one NetCon (NETWORK.md §5, hnn-core `_get_gaussian_connection`):
 * `weight = A_weight·gain·exp(-d²/L²)`, `delay = A_delay / exp(-d²/L²)`, d in the x-y plane,
 * L = lamtha · inplaneDistance. Uses numpy's exp values where known (`npExp`).
 */
export function gaussianConnection(
  srcPos: ArrayLike<number>,
  targetPos: ArrayLike<number>,
  ncDict: Pick<NcDict, "A_weight" | "A_delay" | "lamtha" | "gain">,
  inplaneDistance = 1.0,
): { weight: number; delay: number } {
  const xd = targetPos[0] - srcPos[0];
  const yd = targetPos[1] - srcPos[1];
  const dist = Math.sqrt(xd ** 2 + yd ** 2);
  const L = ncDict.lamtha * inplaneDistance;
  const g = npExp(-(dist ** 2) / L ** 2);
  return { weight: ncDict.A_weight * ncDict.gain * g, delay: ncDict.A_delay / (1 * g) };
}

export { defaultCellMetadata };
