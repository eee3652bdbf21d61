/**
 * External drives and tonic biases of hnn-core 0.6.1 (../shared/spec/DRIVES.md §1-6, §10):
 * the drive record (`_NetworkDrive`), `add_evoked_drive`, `add_poisson_drive`, `add_bursty_drive`,
 * `add_spike_train_drive`, `add_tonic_bias`, with hnn-core's defaults, argument checks and messages.
 *
 * The Network's methods (`net.addEvokedDrive(name, opts)`, ...) delegate to the functions here. What
 * they need from the Network is the small {@link DriveHost} interface: cell types, gid ranges,
 * positions, drives, biases, connections, the gid counter and two internal hooks (register a cell
 * type's gids and positions; append a connection). Event times are made in ./eventTimes.ts.
 *
 * hnn-core's `ValueError` is thrown as `ValueError` (../util/validate.ts); its `TypeError` as
 * JavaScript's TypeError. Messages are hnn-core's text (Python formatting of numbers and containers,
 * see ../util/pyformat.ts).
 */

import { pyFloat, pyNum, pyRepr, pyType } from "../util/pyformat";
import { AttributeError, checkOption, typeError, ValueError } from "../util/validate";
import type { CellType, GidRange, TonicBias, Vec3 } from "./types";

// ---------------------------------------------------------------------------------------------
// Drive record

/** Drive classes hnn-core 0.6.1 knows (`'gaussian'` = an evoked drive named `extgauss`). */
export type DriveType = "evoked" | "gaussian" | "poisson" | "bursty" | "spike_train";

/** Dynamics of an evoked / gaussian drive: `numspikes` spike times per drive cell ~ N(mu, sigma²). */
export interface EvokedDynamics {
  /** Mean spike time (ms). */
  mu: number;
  /** Standard deviation of the spike times (ms). */
  sigma: number;
  /** Spikes per drive cell. */
  numspikes: number;
}

/** Dynamics of a Poisson drive. */
export interface PoissonDynamics {
  /** Start of the spike trains (ms). */
  tstart: number;
  /** End of the spike trains (ms); null = end of the simulation (filled in at instantiation). */
  tstop: number | null;
  /** Rate (Hz): one for all drive cells, or per target cell type (cell-specific drives). */
  rateConstant: number | Record<string, number>;
}

/** Dynamics of a bursty (rhythmic) drive. */
export interface BurstyDynamics {
  /** Start of the burst trains (ms). */
  tstart: number;
  /** If > 0, the start is drawn once per trial from N(tstart, tstartStd²) (ms). */
  tstartStd: number;
  /** End of the burst trains (ms); null = end of the simulation (filled in at instantiation). */
  tstop: number | null;
  /** Burst rate (Hz). */
  burstRate: number;
  /** Jitter of each burst (ms). */
  burstStd: number;
  /** Spikes per burst. */
  numspikes: number;
  /** Interval between the spikes of one burst (ms). */
  spikeIsi: number;
}

/** Dynamics of a spike-train drive: all given spikes, `gids[i]` = drive-cell offset of `times[i]`. */
export interface SpikeTrainDynamics {
  /** Spike times (ms), in input order. */
  times: number[];
  /** Drive-cell offsets (0..nDriveCells-1), parallel to `times`. */
  gids: number[];
}

/** Any drive's dynamics. */
export type DriveDynamics = EvokedDynamics | PoissonDynamics | BurstyDynamics | SpikeTrainDynamics;

/** Names of the dynamics keys in hnn-core (snake_case), in hnn-core's insertion order, per drive class. */
const DYNAMICS_KEYS: Record<string, [string, string][]> = {
  evoked: [
    ["mu", "mu"],
    ["sigma", "sigma"],
    ["numspikes", "numspikes"],
  ],
  poisson: [
    ["tstart", "tstart"],
    ["tstop", "tstop"],
    ["rateConstant", "rate_constant"],
  ],
  bursty: [
    ["tstart", "tstart"],
    ["tstartStd", "tstart_std"],
    ["tstop", "tstop"],
    ["burstRate", "burst_rate"],
    ["burstStd", "burst_std"],
    ["numspikes", "numspikes"],
    ["spikeIsi", "spike_isi"],
  ],
  spike_train: [
    ["times", "times"],
    ["gids", "gids"],
  ],
};
DYNAMICS_KEYS.gaussian = DYNAMICS_KEYS.evoked;

/**
 * hnn-core's dynamics dict (snake_case keys, hnn-core's key order) of a drive's dynamics, e.g. for
 * the network JSON writer. Unknown keys (e.g. `sync_within_trial` of legacy gaussian drives) are kept.
 */
export function dynamicsToHnn(type: string, dynamics: DriveDynamics): Record<string, unknown> {
  const src = dynamics as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const keys = DYNAMICS_KEYS[type] ?? [];
  const known = new Set<string>();
  for (const [ts, py] of keys) {
    known.add(ts);
    if (ts in src) out[py] = src[ts];
  }
  for (const [k, v] of Object.entries(src)) if (!known.has(k)) out[k] = v;
  return out;
}

/** The inverse of {@link dynamicsToHnn}: camelCase dynamics from hnn-core's dict (network JSON). */
export function dynamicsFromHnn(type: string, dict: Record<string, unknown>): DriveDynamics {
  const out: Record<string, unknown> = {};
  const keys = DYNAMICS_KEYS[type] ?? [];
  const byPy = new Map(keys.map(([ts, py]) => [py, ts] as const));
  for (const [k, v] of Object.entries(dict)) out[byPy.get(k) ?? k] = v;
  return out as unknown as DriveDynamics;
}

/** What {@link ExternalDrive}'s constructor takes: its data fields (`events` default to none). */
export type ExternalDriveInit = Omit<ExternalDrive, "events" | "toString" | "copy"> & { events?: number[][][] };

/**
 * One external drive (hnn-core `_NetworkDrive`). Fields are hnn-core's keys in camelCase and in
 * hnn-core's insertion order. `events[trial][driveCell]` = spike times (ms) of drive cell
 * `gidRanges[name].start + driveCell`, filled by `instantiateDrives` (./eventTimes.ts).
 */
export class ExternalDrive {
  /** Drive class. */
  type: DriveType;
  /** Target location: a `sectLoc` group (`proximal`, `distal`) or a section name. */
  location: string;
  /** Number of drive cells (resolved integer). */
  nDriveCells: number;
  /** For spike-train drives given as a dict: source id -> drive-cell offset. */
  sourceToGidMap?: Record<string, number>;
  /** Seed of the event times (RandomState seed = eventSeed + trial * nGids + drive-cell offset). */
  eventSeed: number;
  /** Seed of the connection pruning (probability < 1); target type k uses connSeed + k. */
  connSeed: number | null;
  /** Parameters of the spike-time process. */
  dynamics: DriveDynamics;
  /** Spike times per trial and drive cell (ms); empty until instantiated. */
  events: number[][][];
  /** AMPA weights (µS) by target cell type, as given (null when not given). */
  weightsAmpa: Record<string, number> | null;
  /** NMDA weights (µS) by target cell type, as given (null when not given). */
  weightsNmda: Record<string, number> | null;
  /** Synaptic delays (ms) at the origin, as given: one number or by target cell type. */
  synapticDelays: number | Record<string, number>;
  /** Connection probability, as given: one number or by target cell type. */
  probability: number | Record<string, number>;
  /** Drive name (unique in the network). */
  name: string;
  /** Target cell types, in the network's cell-type order. */
  targetTypes: string[];
  /** One drive cell per target cell (true) or all-to-all (false). */
  cellSpecific: boolean;

  constructor(init: ExternalDriveInit) {
    this.type = init.type;
    this.location = init.location;
    this.nDriveCells = init.nDriveCells;
    if (init.sourceToGidMap !== undefined) this.sourceToGidMap = init.sourceToGidMap;
    this.eventSeed = init.eventSeed;
    this.connSeed = init.connSeed;
    this.dynamics = init.dynamics;
    this.events = init.events ?? [];
    this.weightsAmpa = init.weightsAmpa;
    this.weightsNmda = init.weightsNmda;
    this.synapticDelays = init.synapticDelays;
    this.probability = init.probability;
    this.name = init.name;
    this.targetTypes = init.targetTypes;
    this.cellSpecific = init.cellSpecific;
  }

  /** hnn-core's drive repr (`_NetworkDrive.__repr__`, network.py:2391-2406; NETWORK.md §8). */
  toString(): string {
    let s = `<External drive '${this.name}'`;
    s += `\ndrive class: ${this.type}`;
    s += `\ntarget location: ${this.location}`;
    s += `\ntarget cell types: ${pyRepr(this.targetTypes)}`;
    s += `\nnumber of drive cells: ${pyNum(this.nDriveCells)}`;
    s += `\ncell-specific: ${this.cellSpecific ? "True" : "False"}`;
    s += "\ndynamic parameters:";
    for (const [key, val] of Object.entries(dynamicsToHnn(this.type, this.dynamics))) {
      s += `\n\t${key}: ${typeof val === "string" ? val : pyRepr(val)}`;
    }
    if (this.events.length > 0) {
      const plural = this.events.length > 1 ? "s" : "";
      s += `\nevent times instantiated for ${this.events.length} trial${plural}`;
    }
    return s + ">";
  }

  /** A deep copy (events included). */
  copy(): ExternalDrive {
    return new ExternalDrive(structuredClone({ ...this }));
  }
}

// ---------------------------------------------------------------------------------------------
// What the drives need from the Network

/** The view of one connection that drives use (hnn-core `_Connectivity` keys). */
export interface DriveConnectionView {
  /** Source gids (hnn-core `src_gids`, the full set before pruning). */
  srcGids: Iterable<number>;
  /** Target cell type. */
  targetType: string;
}

/** Options of the Network's `addConnection` that drives pass (hnn-core keyword arguments). */
export interface DriveConnectionOptions {
  probability: number;
  connSeed: number | null;
}

/**
 * What drive functions need from a Network (hnn-core attribute names in camelCase). The Network
 * class implements it; the two methods are internal hooks.
 */
export interface DriveHost {
  /** Cell types in hnn-core order (L2_basket, L2_pyramidal, L5_basket, L5_pyramidal by default). */
  readonly cellTypes: Record<string, CellType>;
  /** gid range of every cell type and drive. */
  readonly gidRanges: Record<string, GidRange>;
  /** Positions by cell type / drive, and `origin`. */
  readonly posDict: Record<string, unknown>;
  /** Drives in insertion order. */
  readonly externalDrives: Record<string, ExternalDrive>;
  /** Biases: bias name -> cell type -> bias. */
  readonly externalBiases: Record<string, Record<string, TonicBias>>;
  /** Connections in order. */
  readonly connectivity: DriveConnectionView[];
  /** hnn-core `legacy_mode`. */
  readonly legacyMode: boolean;
  /** hnn-core `_n_gids`: total gids of cells and drives. */
  readonly nGids: number;
  /** hnn-core `_add_cell_type(name, pos)` without a template (drive cells): appends a gid range. */
  addDriveCells(name: string, pos: Vec3[]): void;
  /** hnn-core `add_connection(src_gids, target_gids, loc, receptor, weight, delay, lamtha, probability=, conn_seed=)`. */
  addDriveConnection(
    srcGids: string | number[],
    targetGids: number[] | number[][],
    loc: string,
    receptor: string,
    weight: number,
    delay: number,
    lamtha: number,
    options: DriveConnectionOptions,
  ): void;
  /** Make the last connection share the previous one's `srcGids` (hnn-core `connectivity[-1]['src_gids'] = connectivity[-2]['src_gids']`). */
  shareLastSrcGids(): void;
}

// ---------------------------------------------------------------------------------------------
// Options (hnn-core keyword arguments in camelCase; defaults in the comments are hnn-core's)

/** Arguments shared by all drive kinds. */
interface CommonDriveOptions {
  /** Target location: `proximal`, `distal` or a section name. */
  location: string;
  /** AMPA weights (µS) by target cell type. Default null. */
  weightsAmpa?: Record<string, number> | null;
  /** NMDA weights (µS) by target cell type. Default null. */
  weightsNmda?: Record<string, number> | null;
  /** Delay (ms) at the origin: one number or by target cell type. Default 0.1. */
  synapticDelays?: number | Record<string, number>;
  /** Connection probability: one number or by target cell type. Default 1.0. */
  probability?: number | Record<string, number>;
  /** Lateral space constant (in units of the in-plane distance). */
  spaceConstant?: number;
}

/** `add_evoked_drive` arguments (network.py:705). */
export interface EvokedDriveOptions extends CommonDriveOptions {
  mu: number;
  sigma: number;
  numspikes: number;
  /** Default `'n_cells'`. */
  nDriveCells?: number | "n_cells";
  /** Default true. */
  cellSpecific?: boolean;
  /** Default 2. */
  eventSeed?: number;
  /** Default 3. */
  connSeed?: number;
}

/** `add_poisson_drive` arguments (network.py:833). */
export interface PoissonDriveOptions extends CommonDriveOptions {
  /** Default 0. */
  tstart?: number;
  /** Default null (end of the simulation). */
  tstop?: number | null;
  rateConstant: number | Record<string, number>;
  /** Default `'n_cells'`. */
  nDriveCells?: number | "n_cells";
  /** Default true. */
  cellSpecific?: boolean;
  /** Default 2. */
  eventSeed?: number;
  /** Default 3. */
  connSeed?: number;
}

/** `add_bursty_drive` arguments (network.py:976). */
export interface BurstyDriveOptions extends CommonDriveOptions {
  /** Default 0. */
  tstart?: number;
  /** Default 0. */
  tstartStd?: number;
  /** Default null (end of the simulation). */
  tstop?: number | null;
  burstRate: number;
  /** Default 0. */
  burstStd?: number;
  /** Default 2. */
  numspikes?: number;
  /** Default 10. */
  spikeIsi?: number;
  /** Default 1. */
  nDriveCells?: number | "n_cells";
  /** Default false. */
  cellSpecific?: boolean;
  /** Default 2. */
  eventSeed?: number;
  /** Default 3. */
  connSeed?: number;
}

/** Spike data of `add_spike_train_drive`: `{sourceId: times}` or `[time, gid]` pairs. */
export type SpikeData = Record<string, number[]> | [number, number][];

/** `add_spike_train_drive` arguments (network.py:1125). */
export interface SpikeTrainDriveOptions extends CommonDriveOptions {
  spikeData: SpikeData;
  /** Default null. */
  connSeed?: number | null;
}

/** `add_tonic_bias` arguments (network.py:1556). */
export interface TonicBiasOptions {
  /** Deprecated single-type form (then `amplitude` is a number). Default null. */
  cellType?: string | null;
  /** Default `'soma'`. */
  section?: string;
  /** Default `'tonic'`. */
  biasName?: string;
  /** Current (nA) by cell type, or one number with `cellType`. */
  amplitude: number | Record<string, number>;
  /** Default 0. */
  t0?: number;
  /** Default null (end of the simulation). */
  tstop?: number | null;
}

/** Default space constants of the drive kinds (DRIVES.md §6). */
export const DEFAULT_SPACE_CONSTANT = { evoked: 3.0, poisson: 100.0, bursty: 100.0, spikeTrain: 3.0 } as const;

// ---------------------------------------------------------------------------------------------
// Checks (drives.py:15-153)

function isRecord(v: unknown): v is Record<string, number> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function sameKeys(a: Iterable<string>, b: Set<string>): boolean {
  const sa = new Set(a);
  if (sa.size !== b.size) return false;
  for (const k of sa) if (!b.has(k)) return false;
  return true;
}

/** Result of `_get_target_properties`. */
interface TargetProperties {
  /** Target types in first-seen order (ampa keys, then nmda keys). */
  targets: Set<string>;
  /** type -> receptor -> weight; receptors in the order ampa, nmda. */
  weightsByType: Map<string, Map<string, number>>;
  delaysByType: Map<string, number>;
  probabilityByType: Map<string, number>;
}

/** `_get_target_properties` (drives.py:15-101, DRIVES.md §1.3). */
function getTargetProperties(
  weightsAmpa: Record<string, number> | null | undefined,
  weightsNmda: Record<string, number> | null | undefined,
  synapticDelays: number | Record<string, number>,
  location: string,
  cellTypes: Record<string, CellType>,
  probability: number | Record<string, number>,
): TargetProperties {
  const ampa = weightsAmpa ?? {};
  const nmda = weightsNmda ?? {};
  const weightsByType = new Map<string, Map<string, number>>();
  for (const t of [...Object.keys(ampa), ...Object.keys(nmda)]) {
    if (!weightsByType.has(t)) weightsByType.set(t, new Map());
  }
  for (const [t, w] of Object.entries(ampa)) weightsByType.get(t)!.set("ampa", w);
  for (const [t, w] of Object.entries(nmda)) weightsByType.get(t)!.set("nmda", w);
  const targets = new Set(weightsByType.keys());
  if (targets.size === 0) {
    throw new ValueError("No target cell types have been given a synaptic weight for this drive.");
  }
  if (location === "distal") {
    for (const name of targets) {
      const meta = cellTypes[name]?.cellMetadata;
      if (meta !== undefined && meta.morphoType === "basket" && meta.layer === "5") {
        throw new ValueError(
          "Due to physiological/anatomical constraints, a distal drive cannot target L5_basket cell types. " +
            "L5_basket cell types must remain undefined by the user in all synaptic weights dictionaries " +
            "for this drive. Therefore, please remove the L5_basket entries from the corresponding dictionaries.",
        );
      }
    }
  }
  let delaysByType: Map<string, number>;
  if (typeof synapticDelays === "number") {
    delaysByType = new Map([...targets].map((t) => [t, synapticDelays]));
  } else if (isRecord(synapticDelays)) {
    delaysByType = new Map(Object.entries(synapticDelays));
  } else {
    throw new AttributeError(`'${pyType(synapticDelays).slice(8, -2)}' object has no attribute 'copy'`);
  }
  if (!sameKeys(delaysByType.keys(), targets)) {
    throw new ValueError(
      "synaptic_delays is either a common float or needs to be specified as a dict for each of the cell " +
        `types defined in weights_ampa and weights_nmda (${pyRepr(targets)})`,
    );
  }
  let probabilityByType: Map<string, number>;
  if (typeof probability === "number") {
    probabilityByType = new Map([...targets].map((t) => [t, probability]));
  } else {
    probabilityByType = new Map(Object.entries(probability));
  }
  if (!sameKeys(probabilityByType.keys(), targets)) {
    throw new ValueError(
      "probability is either a common float or needs to be specified as a dict for each of the cell " +
        `types defined in weights_ampa and weights_nmda (${pyRepr(targets)})`,
    );
  }
  return { targets, weightsByType, delaysByType, probabilityByType };
}

/**
 * The record fields every `add_*_drive` takes from the common options, with hnn-core's defaults
 * (no weights, delay 0.1 ms, probability 1), and no events yet.
 */
function commonDriveFields(
  opts: CommonDriveOptions,
): Pick<ExternalDrive, "location" | "events" | "weightsAmpa" | "weightsNmda" | "synapticDelays" | "probability"> {
  return {
    location: opts.location,
    events: [],
    weightsAmpa: opts.weightsAmpa ?? null,
    weightsNmda: opts.weightsNmda ?? null,
    synapticDelays: opts.synapticDelays ?? 0.1,
    probability: opts.probability ?? 1.0,
  };
}

/** `_check_drive_parameter_values` (drives.py:104-131), keyword arguments as a plain object. */
function checkDriveParameterValues(
  driveType: string,
  kw: {
    tstart?: number;
    tstop?: number | null;
    sigma?: number;
    numspikes?: number;
    spikeIsi?: number;
    burstRate?: number;
  },
): void {
  if ("tstop" in kw && kw.tstop !== null && kw.tstop !== undefined) {
    if (kw.tstop < 0.0) throw new ValueError(`End time of ${driveType} drive cannot be negative`);
    if (kw.tstart !== undefined && kw.tstop < kw.tstart) {
      throw new ValueError(`Duration of ${driveType} drive cannot be negative`);
    }
  }
  if (kw.sigma !== undefined && kw.sigma < 0.0) throw new ValueError("Standard deviation cannot be negative");
  if (kw.numspikes !== undefined && !(kw.numspikes > 0)) {
    throw new ValueError("Number of spikes must be greater than zero");
  }
  if (kw.tstart !== undefined && kw.tstart < 0) {
    throw new ValueError(`Start time of ${driveType} drive cannot be negative`);
  }
  if (kw.numspikes !== undefined && kw.spikeIsi !== undefined && kw.burstRate !== undefined) {
    checkBurstFitsPeriod(kw.numspikes, kw.spikeIsi, kw.burstRate);
  }
}

/**
 * A burst of `numspikes` spikes `spikeIsi` ms apart must fit in one period `1000 / burstRate` ms
 * (hnn-core checks it when the drive is added and again when its events are made).
 * @returns the burst period (ms).
 * @throws ValueError with hnn-core's message otherwise.
 */
export function checkBurstFitsPeriod(numspikes: number, spikeIsi: number, burstRate: number): number {
  const burstPeriod = 1000.0 / burstRate;
  const burstDuration = (numspikes - 1) * spikeIsi;
  if (burstDuration > burstPeriod) {
    throw new ValueError(
      `Burst duration (${pyNum(burstDuration)}s) cannot be greater than burst period (${pyFloat(burstPeriod)}s)` +
        "Consider increasing the spike ISI or burst rate",
    );
  }
  return burstPeriod;
}

/** `_check_poisson_rates` (drives.py:134-153). */
function checkPoissonRates(
  rateConstant: number | Record<string, number>,
  targets: Set<string>,
  allCellTypes: string[],
): void {
  if (isRecord(rateConstant)) {
    const provided = Object.keys(rateConstant);
    for (const t of targets) {
      if (!provided.includes(t)) {
        throw new ValueError(`Rate constants not provided for all target cell populations (${pyRepr(targets)})`);
      }
    }
    const extra = provided.filter((k) => !allCellTypes.includes(k));
    if (extra.length > 0) {
      throw new ValueError(`Rate constant provided for unknown target cell population: ${pyRepr(new Set(extra))}`);
    }
    for (const [key, val] of Object.entries(rateConstant)) {
      if (!(val > 0.0)) throw new ValueError(`Rate constant must be positive (${key}, ${pyNum(val)})`);
    }
  } else if (!(rateConstant > 0.0)) {
    throw new ValueError(`Rate constant must be positive, got ${pyNum(rateConstant)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Attaching a drive (network.py:1249-1480)

/** `_attach_drive`: validate targets, register drive cells and their connections (DRIVES.md §1). */
function attachDrive(
  net: DriveHost,
  name: string,
  drive: Omit<ExternalDrive, "name" | "targetTypes" | "cellSpecific" | "nDriveCells" | "toString" | "copy"> & {
    type: DriveType;
  },
  spaceConstant: number,
  nDriveCells: number | "n_cells",
  cellSpecific: boolean,
): ExternalDrive {
  if (name in net.externalDrives) throw new ValueError(`Drive ${name} already defined`);
  const probability = drive.probability;
  if (typeof probability !== "number" && !isRecord(probability)) throw typeError("probability", "float or dict", probability);
  const props = getTargetProperties(
    drive.weightsAmpa,
    drive.weightsNmda,
    drive.synapticDelays,
    drive.location,
    net.cellTypes,
    probability,
  );
  const cellTypeNames = Object.keys(net.cellTypes);
  for (const t of props.targets) {
    if (!cellTypeNames.includes(t)) {
      // Python: ValueError("Allowed drive target cell types are: ", f"{self.cell_types.keys()}")
      throw new ValueError(
        `('Allowed drive target cell types are: ', "dict_keys(${pyRepr(cellTypeNames)})")`,
      );
    }
  }
  let targetTypes = cellTypeNames.filter((t) => props.targets.has(t));

  // location must be a section of every target or a sect_loc group of every target.
  const sectionSets = targetTypes.map((t) => Object.keys(net.cellTypes[t].cellObject.sections));
  const sectLocSets = targetTypes.map((t) => Object.keys(net.cellTypes[t].cellObject.sectLoc));
  const intersect = (sets: string[][]): string[] =>
    sets.length === 0 ? [] : sets[0].filter((x) => sets.every((s) => s.includes(x)));
  const validLoc = [...intersect(sectionSets), ...intersect(sectLocSets)];
  checkOption(
    "location",
    drive.location,
    validLoc,
    ` (the location '${drive.location}' is not defined for one of the targeted cells)`,
  );

  const weightsByType = props.weightsByType;
  const delaysByType = props.delaysByType;
  const probabilityByType = props.probabilityByType;
  if (net.legacyMode) {
    targetTypes = [...cellTypeNames];
    for (const t of targetTypes) {
      if (!weightsByType.has(t)) weightsByType.set(t, new Map([["ampa", 0.0]]));
      if (!delaysByType.has(t)) delaysByType.set(t, 0.1);
      if (!probabilityByType.has(t)) probabilityByType.set(t, 1.0);
    }
  } else if (targetTypes.length === 0) {
    throw new ValueError("No target populations have been specified for this drive.");
  }

  if (cellSpecific && nDriveCells !== "n_cells") {
    throw new ValueError(`If cell_specific is True, n_drive_cells must equal 'n_cells'. Got ${pyNum(nDriveCells as number)}.`);
  } else if (!cellSpecific) {
    if (typeof nDriveCells !== "number" || !Number.isInteger(nDriveCells)) {
      throw new ValueError(`If cell_specific is False, n_drive_cells must be of type int. Got ${pyType(nDriveCells)}.`);
    }
    if (!(nDriveCells > 0)) throw new ValueError(`Number of drive cells must be greater than 0. Got ${nDriveCells}.`);
  }

  let n: number;
  if (nDriveCells === "n_cells") {
    n = 0;
    for (const t of targetTypes) n += net.gidRanges[t].stop - net.gidRanges[t].start;
  } else {
    n = nDriveCells;
  }
  const stored = new ExternalDrive({ ...drive, nDriveCells: n, name, targetTypes, cellSpecific });
  (net.externalDrives as Record<string, ExternalDrive>)[name] = stored;

  const origin = net.posDict.origin as Vec3;
  const pos: Vec3[] = [];
  for (let i = 0; i < n; i++) pos.push(origin);
  net.addDriveCells(name, pos);

  const driveRange = net.gidRanges[name];
  let srcIdx = 0;
  targetTypes.forEach((targetType, seedIncrement) => {
    const tr = net.gidRanges[targetType];
    const targetGids: number[] = [];
    for (let g = tr.start; g < tr.stop; g++) targetGids.push(g);
    const delay = delaysByType.get(targetType)!;
    const prob = probabilityByType.get(targetType)!;
    const connSeed = stored.connSeed === null ? null : stored.connSeed + seedIncrement;
    // Cell-specific: drive cell k targets only target cell k; otherwise all drive cells target all.
    let srcGids: string | number[] = name;
    let targets: number[] | number[][] = targetGids;
    if (cellSpecific) {
      targets = targetGids.map((g) => [g]);
      const srcIdxEnd = srcIdx + targetGids.length;
      srcGids = [];
      for (let k = srcIdx; k < srcIdxEnd && driveRange.start + k < driveRange.stop; k++) srcGids.push(driveRange.start + k);
      srcIdx = srcIdxEnd;
    }
    [...weightsByType.get(targetType)!.entries()].forEach(([receptor, weight], receptorIdx) => {
      net.addDriveConnection(srcGids, targets, drive.location, receptor, weight, delay, spaceConstant, {
        probability: prob,
        connSeed,
      });
      if (receptorIdx > 0) net.shareLastSrcGids();
    });
  });
  return stored;
}

// ---------------------------------------------------------------------------------------------
// The add_* functions

/**
 * `Network.add_evoked_drive` (network.py:705-831, DRIVES.md §2): `numspikes` spikes per drive cell with
 * times ~ N(mu, sigma²). A drive named `extgauss` gets type `'gaussian'`.
 * @throws ValueError / TypeError with hnn-core's messages (see DRIVES.md §1-2).
 */
export function addEvokedDrive(net: DriveHost, name: string, opts: EvokedDriveOptions): ExternalDrive {
  const { mu, sigma, numspikes } = opts;
  if (!net.legacyMode) checkDriveParameterValues("evoked", { sigma, numspikes });
  return attachDrive(
    net,
    name,
    {
      type: name === "extgauss" ? "gaussian" : "evoked",
      eventSeed: opts.eventSeed ?? 2,
      connSeed: opts.connSeed ?? 3,
      dynamics: { mu, sigma, numspikes },
      ...commonDriveFields(opts),
    },
    opts.spaceConstant ?? DEFAULT_SPACE_CONSTANT.evoked,
    opts.nDriveCells ?? "n_cells",
    opts.cellSpecific ?? true,
  );
}

/**
 * `Network.add_poisson_drive` (network.py:833-974, DRIVES.md §3). A single rate with a cell-specific
 * drive is stored per target type.
 * @throws ValueError / TypeError with hnn-core's messages.
 */
export function addPoissonDrive(net: DriveHost, name: string, opts: PoissonDriveOptions): ExternalDrive {
  const tstart = opts.tstart ?? 0;
  const tstop = opts.tstop ?? null;
  const cellSpecific = opts.cellSpecific ?? true;
  const nDriveCells = opts.nDriveCells ?? "n_cells";
  const synapticDelays = opts.synapticDelays ?? 0.1;
  const probability = opts.probability ?? 1.0;
  checkDriveParameterValues("Poisson", { tstart, tstop });
  const { targets } = getTargetProperties(
    opts.weightsAmpa,
    opts.weightsNmda,
    synapticDelays,
    opts.location,
    net.cellTypes,
    probability,
  );
  let rateConstant = opts.rateConstant;
  checkPoissonRates(rateConstant, targets, Object.keys(net.cellTypes));
  if (isRecord(rateConstant)) {
    if (!cellSpecific) {
      throw new ValueError(
        "Drives specific to cell types are only possible with cell_specific=True and n_drive_cells='n_cells'. " +
          `Got cell_specific cell_specific=False and n_drive_cells=${typeof nDriveCells === "string" ? nDriveCells : pyNum(nDriveCells)}.`,
      );
    }
    rateConstant = { ...rateConstant };
  } else if (cellSpecific) {
    const rate = rateConstant;
    rateConstant = Object.fromEntries([...targets].map((t) => [t, rate]));
  }
  return attachDrive(
    net,
    name,
    {
      type: "poisson",
      eventSeed: opts.eventSeed ?? 2,
      connSeed: opts.connSeed ?? 3,
      dynamics: { tstart, tstop, rateConstant },
      ...commonDriveFields(opts),
    },
    opts.spaceConstant ?? DEFAULT_SPACE_CONSTANT.poisson,
    nDriveCells,
    cellSpecific,
  );
}

/**
 * `Network.add_bursty_drive` (network.py:976-1123, DRIVES.md §4): rhythmic bursts of `numspikes`
 * spikes `spikeIsi` apart, one burst per period `1000 / burstRate` ms from `tstart`.
 * @throws ValueError / TypeError with hnn-core's messages.
 */
export function addBurstyDrive(net: DriveHost, name: string, opts: BurstyDriveOptions): ExternalDrive {
  const tstart = opts.tstart ?? 0;
  const tstartStd = opts.tstartStd ?? 0;
  const tstop = opts.tstop ?? null;
  const burstStd = opts.burstStd ?? 0;
  const numspikes = opts.numspikes ?? 2;
  const spikeIsi = opts.spikeIsi ?? 10;
  const burstRate = opts.burstRate;
  if (!net.legacyMode) {
    checkDriveParameterValues("bursty", { tstart, tstop, sigma: tstartStd });
    checkDriveParameterValues("bursty", { sigma: burstStd, numspikes, spikeIsi, burstRate });
  }
  return attachDrive(
    net,
    name,
    {
      type: "bursty",
      eventSeed: opts.eventSeed ?? 2,
      connSeed: opts.connSeed ?? 3,
      dynamics: { tstart, tstartStd, tstop, burstRate, burstStd, numspikes, spikeIsi },
      ...commonDriveFields(opts),
    },
    opts.spaceConstant ?? DEFAULT_SPACE_CONSTANT.bursty,
    opts.nDriveCells ?? 1,
    opts.cellSpecific ?? false,
  );
}

/** `_standardize_spike_data` (network.py:2143-2279) for formats 1 (dict) and 2 ([time, gid] pairs). */
export function standardizeSpikeData(spikeData: unknown): {
  dynamics: SpikeTrainDynamics;
  nDriveCells: number;
  sourceToGidMap: Record<string, number> | undefined;
} {
  if (Array.isArray(spikeData) && spikeData.every((x) => Array.isArray(x) && x.length === 2)) {
    const pairs = spikeData as [number, number][];
    const times = pairs.map((p) => p[0]);
    const gids = pairs.map((p) => p[1]);
    const unique = [...new Set(gids)].sort((a, b) => a - b);
    const n = unique.length;
    if (n === 0) return { dynamics: { times: [], gids: [] }, nDriveCells: 0, sourceToGidMap: undefined };
    if (unique[0] !== 0 || unique[n - 1] !== n - 1) {
      const map = new Map(unique.map((g, i) => [g, i]));
      return { dynamics: { times, gids: gids.map((g) => map.get(g)!) }, nDriveCells: n, sourceToGidMap: undefined };
    }
    return { dynamics: { times, gids }, nDriveCells: n, sourceToGidMap: undefined };
  }
  if (isRecord(spikeData)) {
    const ids = Object.keys(spikeData);
    const sourceToGidMap: Record<string, number> = {};
    ids.forEach((id, i) => (sourceToGidMap[id] = i));
    const times: number[] = [];
    const gids: number[] = [];
    for (const [id, ts] of Object.entries(spikeData as Record<string, unknown>)) {
      if (!Array.isArray(ts) && !(ts instanceof Float64Array)) {
        throw new ValueError(`Spike times for source '${id}' must be a list or array. Got ${pyType(ts)}.`);
      }
      const arr = ts as ArrayLike<number>;
      for (let i = 0; i < arr.length; i++) {
        times.push(arr[i]);
        gids.push(sourceToGidMap[id]);
      }
    }
    return { dynamics: { times, gids }, nDriveCells: ids.length, sourceToGidMap };
  }
  throw new ValueError(
    "spike_data must be either:\n1. A dictionary {source_id: [spike_times], ...}\n2. A list of (time, gid) tuples\n" +
      `3. A file path string loadable with read_spikes()\nGot ${pyType(spikeData)}.`,
  );
}

/**
 * `Network.add_spike_train_drive` (network.py:1125-1247, DRIVES.md §5): replay given spike times,
 * all-to-all. hnn-core warns that spike-train drives can only target `sectLoc` groups; the warning
 * is passed to `warn` (default `console.warn`) unless the network is in legacy mode.
 *
 * Deviation: with the default `connSeed` null hnn-core 0.6.1 fails (`None + int` in `_attach_drive`);
 * here null is passed on as "no seed".
 */
export function addSpikeTrainDrive(
  net: DriveHost,
  name: string,
  opts: SpikeTrainDriveOptions,
  warn: (msg: string) => void = (m) => console.warn(m),
): ExternalDrive {
  if (!net.legacyMode) {
    warn("Spike train drives can only target sections defined in `Cell.sect_loc` when `legacy_mode=False`.");
  }
  const { dynamics, nDriveCells, sourceToGidMap } = standardizeSpikeData(opts.spikeData);
  return attachDrive(
    net,
    name,
    {
      type: "spike_train",
      ...(sourceToGidMap !== undefined ? { sourceToGidMap } : {}),
      eventSeed: 0,
      connSeed: opts.connSeed ?? null,
      dynamics,
      ...commonDriveFields(opts),
    },
    opts.spaceConstant ?? DEFAULT_SPACE_CONSTANT.spikeTrain,
    nDriveCells,
    false,
  );
}

/** `_add_cell_type_bias` (network.py:2409-2470). */
function addCellTypeBias(
  net: DriveHost,
  amplitude: number,
  cellType: string,
  section: string,
  biasName: string,
  t0: number,
  tstop: number | null,
): void {
  const names = Object.keys(net.cellTypes);
  if (!names.includes(cellType)) throw new ValueError(`cell_type must be one of ${pyRepr(names)}. Got ${cellType}`);
  const biases = net.externalBiases as Record<string, Record<string, TonicBias>>;
  if (!(biasName in biases)) biases[biasName] = {};
  if (cellType in biases[biasName]) throw new ValueError(`Bias named ${biasName} already defined for ${cellType}`);
  const sections = Object.keys(net.cellTypes[cellType].cellObject.sections);
  if (!sections.includes(section)) throw new ValueError(`section must be one of ${pyRepr(sections)}. Got ${section}.`);
  biases[biasName][cellType] = { amplitude, t0, tstop, section };
}

/**
 * `Network.add_tonic_bias` (network.py:1556-1635, DRIVES.md §10): a current clamp per cell type,
 * stored in `externalBiases[biasName][cellType]`. The deprecated `cellType` form warns through
 * `warn`; an empty amplitude dict warns and does nothing.
 */
export function addTonicBias(
  net: DriveHost,
  opts: TonicBiasOptions,
  warn: (msg: string) => void = (m) => console.warn(m),
): void {
  const section = opts.section ?? "soma";
  const biasName = opts.biasName ?? "tonic";
  const t0 = opts.t0 ?? 0;
  const tstop = opts.tstop ?? null;
  const amplitude = opts.amplitude;
  if (opts.cellType !== undefined && opts.cellType !== null) {
    warn(
      "cell_type argument will be deprecated and removed in future releases. Use amplitude as a " +
        "cell_type:str,amplitude:float dictionary.Read the function docustring for more information",
    );
    if (typeof amplitude !== "number") throw typeError("amplitude", "float or int", amplitude);
    addCellTypeBias(net, amplitude as number, opts.cellType, section, biasName, t0, tstop);
    return;
  }
  if (!isRecord(amplitude)) throw typeError("amplitude", "dict", amplitude);
  const entries = Object.entries(amplitude as Record<string, number>);
  if (entries.length === 0) {
    warn("No bias have been defined, no action taken");
    return;
  }
  for (const [cellType, amp] of entries) addCellTypeBias(net, amp, cellType, section, biasName, t0, tstop);
}
