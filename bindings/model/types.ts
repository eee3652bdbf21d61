/**
 * Plain data shapes of hnn-core's network model, shared by the model layer, the JSON reader/writer,
 * the compile step (model -> engine) and the figures. Names follow hnn-core in camelCase; units are
 * hnn-core's (µm, mV, ms, µS, nA, S/cm² unless the mechanism says pS/µm²).
 */

/** A 3-D point in µm. */
export type Vec3 = [number, number, number];

/** A mechanism parameter: a scalar for the whole section, or hnn-core's per-segment `[segXs, segValues]`. */
export type MechParam = number | [number[], number[]];

/** One unbranched cable section (hnn-core `Section`). */
export interface SectionSpec {
  /** Length (µm). */
  L: number;
  /** Diameter (µm). */
  diam: number;
  /** Specific membrane capacitance (µF/cm²). */
  cm: number;
  /** Axial resistivity (Ω·cm). */
  Ra: number;
  /** Start and end points (µm); only their direction matters (dipole). */
  endPts: [Vec3, Vec3];
  /** Number of segments. */
  nseg: number;
  /** Initial membrane potential (mV). */
  v0: number;
  /** Mechanism name -> parameter name (hnn-core's, e.g. `gkbar_hh2`) -> value. */
  mechs: Record<string, Record<string, MechParam>>;
  /** Receptors with a synapse at this section's centre. */
  syns: string[];
}

/** Exp2Syn constants of one receptor. */
export interface SynapseSpec {
  /** Reversal potential (mV). */
  e: number;
  /** Rise time constant (ms). */
  tau1: number;
  /** Decay time constant (ms). */
  tau2: number;
}

/** A cell template (hnn-core `Cell` without gid). Section order is hnn-core's `cell.sections` order. */
export interface CellTemplate {
  name: string;
  pos: Vec3;
  sections: Record<string, SectionSpec>;
  synapses: Record<string, SynapseSpec>;
  /** `"sec,end"` -> children `"sec,end"` (hnn-core `cell_tree`), or null for one-section cells. */
  cellTree: Record<string, string[]> | null;
  /** Section groups for `proximal` / `distal` targets. */
  sectLoc: { proximal: string[]; distal: string[] };
}

/** hnn-core `cell_metadata`. */
export interface CellMetadata {
  morphoType: string;
  electroType: string;
  layer: string;
  measureDipole: boolean;
  reference: string;
}

/** One entry of `net.cellTypes`. */
export interface CellType {
  cellObject: CellTemplate;
  cellMetadata: CellMetadata;
}

/** NetCon parameters of a connection (hnn-core `nc_dict`; keys kept as hnn-core spells them). */
export interface NcDict {
  /** Weight at distance 0 (µS). */
  A_weight: number;
  /** Delay at distance 0 (ms). */
  A_delay: number;
  /** Space constant (in units of the in-plane distance). */
  lamtha: number;
  /** Spike threshold of the source (mV). */
  threshold: number;
  /** Multiplier of the weight. */
  gain: number;
}

/** A gid range `[start, stop)`. */
export interface GidRange {
  start: number;
  stop: number;
}

/** Tonic bias of one cell type (hnn-core `external_biases['tonic'][cellType]`). */
export interface TonicBias {
  /** Current (nA). */
  amplitude: number;
  /** Onset (ms). */
  t0: number;
  /** Offset (ms); null means the end of the simulation. */
  tstop: number | null;
  /** Section receiving the current at its centre. */
  section: string;
}
