/**
 * The compile step's last stage: a {@link TrialImage} into a fresh engine instance, by the engine's
 * build calls only. Engine node, section and synapse numbers come from the engine (sectionNode,
 * sectionEndNode, the indices build calls return); the image never holds them.
 */
import type { Engine, EngineMechanism } from "../wasm";
import { NODE_QUANTITIES, type NodeQuantity, type SegmentRefs, type TrialImage } from "./image";

/** Where an image's parts went in the engine. */
export interface LoadedTrial {
  /** Engine section of each image section. */
  engineSection: Int32Array;
  /** Engine synapse of each image synapse. */
  engineSynapse: Int32Array;
  /** Engine recording index of each node recording (image.recordings.node). */
  nodeRecordings: Int32Array;
  /** Engine recording index of each synaptic-current recording (image.recordings.synapse). */
  synapseRecordings: Int32Array;
  /** The image section an engine node belongs to (a cell's root node counts as its first section), or -1. */
  sectionOfNode(node: number): number;
}

/** The engine's kind of each of the image's mechanisms. @throws Error when the engine lacks one. */
function engineMechanisms(engine: Engine, image: TrialImage): EngineMechanism[] {
  return image.mechanisms.map(({ name, nParams }) => {
    const mech = engine.mechanisms.get(name);
    if (mech?.nParams !== nParams) throw new Error(`engine.wasm has no mechanism '${name}' with ${nParams} parameter(s): rebuild with \`npm run build\``);
    return mech;
  });
}

/** Engine nodes of the image's segments: segment k of image section s is node[segmentStart[s] + k]. */
interface SegmentNodes {
  segmentStart: Int32Array;
  node: Int32Array;
}

/** Engine node of segment `segment[i]` of image section `section[i]`, for every i. */
function nodesOf(nodes: SegmentNodes, { section, segment }: SegmentRefs): Int32Array {
  const out = new Int32Array(section.length);
  for (let i = 0; i < out.length; i++) out[i] = nodes.node[nodes.segmentStart[section[i]] + segment[i]];
  return out;
}

/** Root nodes and sections of every cell, in one bulk call; their nodes in addCells' numbering. */
function loadCells(engine: Engine, { cells, sections: secs }: TrialImage) {
  const nSecs = secs.nseg.length;
  let nd = engine.nodeCount();
  const [startPtr, parentPtr, nsegPtr, lengthPtr, diamPtr, raPtr, cmPtr, v0Ptr] = stage(engine, [cells.sectionStart, secs.parent, secs.nseg, secs.lengthUm, secs.diamUm, secs.raOhmCm, secs.cmUfCm2, secs.v0Mv]);
  const firstSection = engine.addCells(cells.gid.length, startPtr, parentPtr, nsegPtr, lengthPtr, diamPtr, raPtr, cmPtr, v0Ptr);
  const engineSection = new Int32Array(nSecs);
  const rootNode = new Int32Array(cells.gid.length);
  const segmentStart = new Int32Array(nSecs + 1);
  const node = new Int32Array(secs.nseg.reduce((n, k) => n + k, 0));
  for (let c = 0; c < rootNode.length; c++) {
    rootNode[c] = nd++;
    for (let s = cells.sectionStart[c]; s < cells.sectionStart[c + 1]; s++) {
      engineSection[s] = firstSection + s;
      segmentStart[s + 1] = segmentStart[s] + secs.nseg[s];
      for (let k = segmentStart[s]; k < segmentStart[s + 1]; k++) node[k] = nd++;
      nd++; // the x = 1 end
    }
  }
  if (engine.nodeCount() !== nd) throw new Error(`loadImage: the engine made ${engine.nodeCount()} nodes, addCells' numbering ${nd}`);
  return { engineSection, rootNode, nodes: { segmentStart, node } };
}

/**
 * Copies `columns` into the engine's staging block for a bulk build call, each 8-aligned; returns
 * their addresses (valid until the next stagingPtr call).
 */
function stage(engine: Engine, columns: (Int32Array | Float64Array)[]): number[] {
  let bytes = 0;
  const offsets = columns.map((c) => {
    const at = bytes;
    bytes += (c.byteLength + 7) & ~7;
    return at;
  });
  const base = engine.stagingPtr(bytes);
  const memory = new Uint8Array(engine.memory.buffer);
  columns.forEach((c, i) => memory.set(new Uint8Array(c.buffer, c.byteOffset, c.byteLength), base + offsets[i]));
  return offsets.map((at) => base + at);
}

/** Mechanism instances kind by kind, pools first; each kind's instances in the image's order. */
function loadMechanisms(engine: Engine, image: TrialImage, kinds: EngineMechanism[], nodes: SegmentNodes): void {
  image.mechanisms.forEach((m, j) => {
    const node = nodesOf(nodes, m);
    if (m.params.length !== node.length * m.nParams) throw new Error(`image mechanism '${m.name}': ${m.params.length} parameters for ${node.length} instance(s) of ${m.nParams}`);
    const [nodePtr, paramsPtr] = stage(engine, [node, m.params]);
    engine.insertMechanisms(kinds[j].kind, node.length, nodePtr, paramsPtr);
  });
}

/** Drive cells replaying their event times. */
function loadDrives(engine: Engine, { gid, eventStart, timesMs }: TrialImage["drives"]): void {
  for (let d = 0; d < gid.length; d++) {
    engine.addVecStim(gid[d]);
    for (let e = eventStart[d]; e < eventStart[d + 1]; e++) engine.addVecStimTime(timesMs[e]);
  }
}

/** The Exp2Syns in one bulk call; returns the engine synapse of image synapse 0 (the others follow it). */
function loadSynapses(engine: Engine, syn: TrialImage["synapses"], nodes: SegmentNodes): number {
  const [nodePtr, eMvPtr, tau1Ptr, tau2Ptr] = stage(engine, [nodesOf(nodes, syn), syn.eMv, syn.tau1Ms, syn.tau2Ms]);
  return engine.addExp2Syns(syn.eMv.length, nodePtr, eMvPtr, tau1Ptr, tau2Ptr);
}

/** NetCons per addNetCons call: the staging block stays small (its pages are touched once). */
const NETCON_CHUNK = 1 << 15;

/** The NetCons in bulk calls, onto the engine's synapses (image synapse s is engine synapse firstSynapse + s). */
function loadNetCons(engine: Engine, { srcGid, synapse, weightUs, delayMs }: TrialImage["netCons"], firstSynapse: number): void {
  const target = firstSynapse === 0 ? synapse : synapse.map((s) => s + firstSynapse);
  engine.reserveNetCons(srcGid.length);
  for (let at = 0; at < srcGid.length; at += NETCON_CHUNK) {
    const end = Math.min(srcGid.length, at + NETCON_CHUNK);
    const [srcPtr, targetPtr, weightPtr, delayPtr] = stage(engine, [srcGid.subarray(at, end), target.subarray(at, end), weightUs.subarray(at, end), delayMs.subarray(at, end)]);
    engine.addNetCons(end - at, srcPtr, targetPtr, weightPtr, delayPtr);
  }
}

/** Membrane currents at every segment node and the electrode contacts' transfer resistances. */
function loadExtracellular(engine: Engine, xc: TrialImage["extracellular"], segmentNodes: Int32Array): void {
  if (xc === null || xc.nContacts === 0 || segmentNodes.length === 0) return;
  if (xc.transfer.length !== xc.nContacts * segmentNodes.length) throw new Error(`image extracellular: ${xc.transfer.length} transfer resistances for ${xc.nContacts} contact(s) × ${segmentNodes.length} segments`);
  engine.recordMembraneCurrents(segmentNodes.length, stage(engine, [segmentNodes])[0]);
  engine.addElectrodes(xc.nContacts, stage(engine, [xc.transfer])[0]);
}

/**
 * Builds the image's cells, point processes, drive cells, NetCons and recordings in `engine`, which
 * must be a fresh instance (before initialize).
 * @throws Error when the engine lacks a mechanism of the image or refuses a build call.
 */
export function loadImage(engine: Engine, image: TrialImage): LoadedTrial {
  const kinds = engineMechanisms(engine, image);
  const { engineSection, rootNode, nodes } = loadCells(engine, image);
  const { cells, sections, dipoles, synapses: syn, clamps, recordings } = image;
  const dipoleSection = dipoles.section.map((s) => engineSection[s]);
  const dipoleLengthUm = Float64Array.from(dipoles.section, (s) => sections.lengthUm[s]);
  const [dplSectionPtr, dplLengthPtr, dplCosPtr, dplGroupPtr] = stage(engine, [dipoleSection, dipoleLengthUm, dipoles.cosTheta, dipoles.group]);
  engine.addDipoleSections(dipoleSection.length, dplSectionPtr, dplLengthPtr, dplCosPtr, dplGroupPtr);
  loadMechanisms(engine, image, kinds, nodes);
  const firstSynapse = loadSynapses(engine, syn, nodes);
  const engineSynapse = Int32Array.from(syn.eMv, (_, s) => firstSynapse + s);
  nodesOf(nodes, { section: cells.sourceSection, segment: cells.sourceSegment }).forEach((nd, c) => engine.addCellSource(cells.gid[c], nd, cells.thresholdMv[c]));
  nodesOf(nodes, clamps).forEach((nd, i) => engine.addIClamp(nd, clamps.delayMs[i], clamps.durMs[i], clamps.ampNa[i]));
  loadDrives(engine, image.drives);
  loadNetCons(engine, image.netCons, firstSynapse);
  const engineQuantity: Record<NodeQuantity, number> = { v: engine.QUANTITY_V.value, cai: engine.QUANTITY_CAI.value };
  const nodeRecordings = nodesOf(nodes, recordings.node).map((nd, r) => engine.recordNode(engineQuantity[NODE_QUANTITIES[recordings.node.quantity[r]]], nd));
  const synapseRecordings = recordings.synapse.map((s) => engine.recordSynCurrent(engineSynapse[s]));
  loadExtracellular(engine, image.extracellular, nodes.node);

  // Asked only to name where a run failed: a linear search is enough.
  const sectionOfNode = (nd: number): number => {
    const sec = engine.nodeSectionIndex(nd);
    if (sec >= 0) return engineSection.indexOf(sec);
    const c = rootNode.indexOf(nd);
    return c >= 0 ? cells.sectionStart[c] : -1;
  };
  return { engineSection, engineSynapse, nodeRecordings, synapseRecordings, sectionOfNode };
}
