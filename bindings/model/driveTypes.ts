/**
 * The drive record of hnn-core 0.6.1 (`_NetworkDrive`; ../shared/spec/DRIVES.md §1-6, §10): drive
 * classes and their dynamics, the `add_*_drive` / `add_tonic_bias` options with hnn-core's defaults,
 * and what the drive functions need from a Network ({@link DriveHost}).
 */

import { pyNum, pyRepr } from "../util/pyformat";
import type { CellType, GidRange, TonicBias, Vec3 } from "./types";
import type { Populations } from "./populations";

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
interface DriveConnectionView {
  /** Source gids (hnn-core `src_gids`, the full set before pruning). */
  srcGids: Iterable<number>;
  /** Target cell type. */
  targetType: string;
  /** Target location (a sect_loc group or a section). */
  loc: string;
  /** Source gid -> target gids. */
  gidPairs: ReadonlyMap<number, readonly number[]>;
}

/**
 * What drive functions need from a Network (hnn-core attribute names in camelCase). The Network
 * class implements it; `addDriveCells` and `shareLastSrcGids` are internal hooks.
 */
export interface DriveHost {
  /** Cell types in hnn-core order (L2_basket, L2_pyramidal, L5_basket, L5_pyramidal by default). */
  readonly cellTypes: Readonly<Record<string, CellType>>;
  /** gid range of every cell type and drive. */
  readonly gidRanges: Readonly<Record<string, GidRange>>;
  /** `pos_dict['origin']`: where drive cells sit. */
  readonly origin: Vec3;
  /** Drives in insertion order. */
  readonly externalDrives: Record<string, ExternalDrive>;
  /** Biases: bias name -> cell type -> bias. */
  readonly externalBiases: Record<string, Record<string, TonicBias>>;
  /** Connections in order. */
  readonly connectivity: readonly DriveConnectionView[];
  /** hnn-core `legacy_mode`. */
  readonly legacyMode: boolean;
  /** hnn-core `_n_gids`: total gids of cells and drives. */
  readonly nGids: number;
  /** The gid ranges as one value (for the memory estimate). */
  readonly populations: Populations;
  /** The memory limit (bytes) a new drive is checked against. */
  readonly maxMemoryBytes: number;
  /** hnn-core `_add_cell_type(name, pos)` without a template (drive cells): appends a gid range. */
  addDriveCells(name: string, pos: Vec3[]): void;
  /** hnn-core `add_connection(src_gids, target_gids, loc, receptor, weight, delay, lamtha, probability=, conn_seed=)`. */
  addConnection(
    srcGids: string | number[],
    targetGids: number[] | number[][],
    loc: string,
    receptor: string,
    weight: number,
    delay: number,
    lamtha: number,
    opts: { probability: number; connSeed: number | null },
  ): void;
  /** Make the last connection share the previous one's `srcGids` (hnn-core `connectivity[-1]['src_gids'] = connectivity[-2]['src_gids']`). */
  shareLastSrcGids(): void;
}

// ---------------------------------------------------------------------------------------------
// Options (hnn-core keyword arguments in camelCase; defaults in the comments are hnn-core's)

/** Arguments shared by all drive kinds. */
export interface CommonDriveOptions {
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
type SpikeData = Record<string, number[]> | [number, number][];

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
