/**
 * The minimal shapes the figure functions read. They are structural, so the real `Dipole`,
 * `CellResponse` and `Network` classes (bindings/analysis, bindings/model) fit without the viz
 * module depending on them.
 */

/** A dipole time course (hnn-core `Dipole`). */
export interface DipoleLike {
  /** Sample times (ms). */
  times: ArrayLike<number>;
  /** Dipole moment per layer (nAm, times `scaleApplied`). */
  data: { agg: ArrayLike<number>; L2?: ArrayLike<number>; L5?: ArrayLike<number> };
  /** Scaling factor applied with `scale()` (hnn-core `scale_applied`); 1 when absent. */
  scaleApplied?: number;
  /** Sampling frequency (Hz); derived from `times` when absent. */
  sfreq?: number;
}

/** Spikes of all trials (hnn-core `CellResponse`). */
export interface CellResponseLike {
  /** Per trial, spike times (ms). */
  spikeTimes: ArrayLike<number>[];
  /** Per trial, the gid of each spike. */
  spikeGids: ArrayLike<number>[];
  /** Per trial, the cell type or drive name of each spike. */
  spikeTypes: string[][];
  /** Simulation time points (ms), when known (hnn-core `cell_response.times`). */
  times?: ArrayLike<number>;
  /** Cell type names of the network, when known (`cellTypeNames` is the CellResponse class's name). */
  cellTypes?: string[];
  cellTypeNames?: string[];
}

/** A gid range: `{start, stop}` (stop exclusive) or the list of gids. */
export type GidRangeLike = { start: number; stop: number } | ArrayLike<number>;

/** NetCon parameters of a connection (hnn-core `nc_dict`). */
export interface NcDictLike {
  A_weight: number;
  A_delay: number;
  lamtha: number;
  gain?: number;
}

/** One entry of `net.connectivity`. */
export interface ConnectionLike {
  srcType: string;
  targetType: string;
  /** Source gid -> target gids. */
  gidPairs: Map<number, ArrayLike<number>> | Record<string, ArrayLike<number>>;
  ncDict: NcDictLike;
  loc: string;
  receptor: string;
}

/** A name-keyed table: a plain object or a Map. */
export type Table<T> = Record<string, T> | Map<string, T>;

/** The parts of a `Network` the figures read. */
export interface NetworkLike {
  connectivity: ConnectionLike[];
  /** Cell/drive name -> positions (µm); `origin` is a single point. */
  posDict: Table<ArrayLike<number>[] | ArrayLike<number>>;
  gidRanges: Table<GidRangeLike>;
  cellTypes: Table<unknown> | string[];
  externalDrives?: Table<unknown>;
  /** Grid spacing (µm); hnn-core `_inplane_distance` (default 1). */
  inplaneDistance?: number;
  _inplaneDistance?: number;
}
