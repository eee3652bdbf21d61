/**
 * A trial image: one trial of a network (or one partition of its cells) lowered to plain typed
 * arrays (DESIGN.md, compile step: validate → lower → image → load). It holds numbers only: sections
 * and segments are referred to by their index in the image, never by engine node numbers, which
 * loadImage (load.ts) obtains from the engine. Names live in {@link TrialNames}, next to it. Both are
 * structured-cloneable; {@link transferList} gives the buffers to transfer to a worker.
 *
 * Units: µm, Ω·cm, µF/cm², mV, ms, µS, nA; mechanism parameters in bindings/model/mechanisms.ts's.
 */
import type { Population } from "../model/populations";

/** Which share of a trial's cells an image holds: cell k of a type where k mod count = index. */
export interface Partition {
  index: number;
  count: number;
}

/** The whole trial in one engine instance. */
export const WHOLE_TRIAL: Readonly<Partition> = Object.freeze({ index: 0, count: 1 });

/** Point processes and recordings sit at segment `segment` of image section `section`. */
export interface SegmentRefs {
  section: Int32Array;
  segment: Int32Array;
}

/** The instances of one mechanism, in the order they are inserted. */
export interface MechanismInstances extends SegmentRefs {
  /** The engine finds the mechanism by this name (assembly/mechanisms/registry.ts). */
  name: string;
  nParams: number;
  /** Instance i's parameters at [i·nParams, (i+1)·nParams), in the engine's order and units. */
  params: Float64Array;
}

/** Section geometry as columns, one entry per section (a cell type's template, or a whole image). */
export interface SectionColumns {
  /** The section at whose x = 1 end this one attaches, or -1: the cell's root node (soma x = 0). */
  parent: Int32Array;
  lengthUm: Float64Array;
  diamUm: Float64Array;
  raOhmCm: Float64Array;
  cmUfCm2: Float64Array;
  nseg: Int32Array;
  v0Mv: Float64Array;
}

/** One trial (or partition) as numbers. Arrays of one group have one entry per item. */
export interface TrialImage {
  partition: Partition;
  /** The local cells, in hnn-core's order (cell types, then gids). */
  cells: {
    gid: Int32Array;
    /** CSR: the cell's sections are [sectionStart[c], sectionStart[c + 1]); length cells + 1. */
    sectionStart: Int32Array;
    /** Its spike detector at soma(0.5) (a section and segment) and threshold (mV). */
    sourceSection: Int32Array;
    sourceSegment: Int32Array;
    thresholdMv: Float64Array;
  };
  /** Sections of all cells, parent before child within a cell; its root node takes the first one's v0. */
  sections: SectionColumns & { cell: Int32Array };
  /** By mechanism, pools first (their instances must exist before the channels that read them). */
  mechanisms: MechanismInstances[];
  /** Exp2Syn point processes at section centres, in the order the engine numbers them. */
  synapses: SegmentRefs & { eMv: Float64Array; tau1Ms: Float64Array; tau2Ms: Float64Array };
  /** IClamps (tonic biases). */
  clamps: SegmentRefs & { delayMs: Float64Array; durMs: Float64Array; ampNa: Float64Array };
  /** Drive cells (VecStim) and their event times as CSR: gid[d]'s times are times[eventStart[d] .. eventStart[d + 1]). */
  drives: { gid: Int32Array; eventStart: Int32Array; timesMs: Float64Array };
  /** NetCons onto local synapses: source gid (anywhere), image synapse index, weight, delay. */
  netCons: { srcGid: Int32Array; synapse: Int32Array; weightUs: Float64Array; delayMs: Float64Array };
  /** Sections whose axial currents sum into dipole group `group` (TrialNames.dipoleGroups) with direction cosine cosTheta. */
  dipoles: { section: Int32Array; cosTheta: Float64Array; group: Int32Array };
  /** Node recordings at section segments (quantity: an index into NODE_QUANTITIES), and synaptic-current recordings of image synapses. */
  recordings: { node: SegmentRefs & { quantity: Int32Array }; synapse: Int32Array };
  /**
   * Electrode contacts (of all arrays, TrialNames.electrodeArrays) and their transfer resistances
   * (µV/nA) to every segment of the image, [contact][segment] with segments in image order (cells,
   * sections, segments 0 … nseg − 1); null: no membrane currents are computed.
   */
  extracellular: { nContacts: number; transfer: Float64Array } | null;
}

/** What a node recording samples: membrane potential (mV) or the Ca pool's cai (mM); image.recordings.node.quantity holds the index. */
export const NODE_QUANTITIES = ["v", "cai"] as const;

/** One of {@link NODE_QUANTITIES}. */
export type NodeQuantity = (typeof NODE_QUANTITIES)[number];

/** The names an image's numbers stand for (the engine never sees them). */
export interface TrialNames {
  /** The network's populations (gid ranges of cell types and drives). */
  populations: Population[];
  /** The cell types whose dipoles are measured (the trial's, also where this partition has none of their cells). */
  dipoleTypes: string[];
  /** Dipole group index → cell type and shard (lower.ts DIPOLE_SHARDS). */
  dipoleGroups: { type: string; shard: number }[];
  /** Name of each image section (hnn-core's, e.g. `apical_trunk`). */
  sectionNames: string[];
  /** Receptor of each image synapse (e.g. `ampa`). */
  receptors: string[];
  /** Electrode arrays in contact order: name and number of contacts. */
  electrodeArrays: { name: string; nContacts: number }[];
}

/** A lowered trial: the image and its names. */
export interface LoweredTrial {
  image: TrialImage;
  names: TrialNames;
}

/** The typed arrays' buffers of an image, for postMessage's transfer list (the image is unusable here after). */
export function transferList(image: TrialImage): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const walk = (v: unknown): void => {
    if (ArrayBuffer.isView(v)) buffers.add(v.buffer as ArrayBuffer);
    else if (typeof v === "object" && v !== null) Object.values(v).forEach(walk);
  };
  walk(image);
  return [...buffers];
}

/** Node of sec(0.5): NEURON's segment index floor(0.5·nseg) (CELLS.md §4). */
export function centreSegment(nseg: number): number {
  return Math.min(Math.floor(0.5 * nseg), nseg - 1);
}
