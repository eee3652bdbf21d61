// hnn-wasm engine: exported build calls, initialisation and the fixed-step loop.
// The engine knows nodes, mechanisms, synapses and events, never cell-type names (DESIGN.md §2).
// Units: ms, mV, µm, µS, nA; mechanism parameters in the units of bindings/model/mechanisms.ts.
// Build calls return an index ≥ 0 (or BUILD_OK = 0), or a BUILD_* status < 0 (status.ts); after
// initialize() every build call returns BUILD_AFTER_INITIALIZE and changes nothing.
import * as tree from "./tree";
import * as syn from "./synapses";
import * as ev from "./events";
import * as rec from "./record";
import * as xc from "./extracellular";
import * as mech from "./mechanisms/registry";
import * as caion from "./mechanisms/caion";
import * as temperature from "./mechanisms/temperature";
import { ldf, ldi } from "./util";
import { BUILD_OK, BUILD_AFTER_INITIALIZE, BUILD_BAD_ARGUMENT, BUILD_NO_ION_POOL, STATUS_OK, STATUS_UNSTABLE, STATUS_SPIKE_OVERFLOW } from "./status";

export { BUILD_AFTER_INITIALIZE, BUILD_BAD_ARGUMENT, BUILD_NO_ION_POOL, BUILD_SOURCE_CONFLICT } from "./status";
export { STATUS_UNSTABLE, STATUS_SPIKE_OVERFLOW } from "./status";
export { QUANTITY_V, QUANTITY_CAI } from "./record";

/** Bumped whenever an export changes meaning; the bindings check it. */
export const ENGINE_VERSION: i32 = 5;

let dtMs: f64 = 0.025;
let tMs: f64 = 0.0;
let status: i32 = STATUS_OK;
let badNode: i32 = -1;
let initialized: bool = false;

// ---- build -------------------------------------------------------------------------------------

/** A cell's root node (soma x = 0); returns its node index. */
export function addRoot(v0Mv: f64): i32 {
  return initialized ? BUILD_AFTER_INITIALIZE : tree.addRoot(v0Mv);
}

/** A section of nseg segments whose x = 0 end is node parentNode; returns the section index. */
export function addSection(parentNode: i32, lengthUm: f64, diamUm: f64, raOhmCm: f64, cmUfCm2: f64, nseg: i32, v0Mv: f64): i32 {
  if (initialized) return BUILD_AFTER_INITIALIZE;
  if (!tree.isNode(parentNode) || nseg < 1) return BUILD_BAD_ARGUMENT;
  return tree.addSection(parentNode, lengthUm, diamUm, raOhmCm, cmUfCm2, nseg, v0Mv);
}

/**
 * nCells cells at once. Cell c has the sections [sectionStart[c], sectionStart[c + 1]) of the
 * columns (sectionStart[0] = 0), parents first: parent[s] is the section (of the same cell, before s)
 * at whose x = 1 end s attaches, or -1 for the cell's root node (soma x = 0), which takes the v0 of
 * the cell's first section. Columns: i32 sectionStart (nCells + 1), parent and nseg; f64 lengthUm,
 * diamUm, raOhmCm, cmUfCm2, v0Mv. Nodes are numbered on from nodeCount() in build order: per cell its
 * root, then per section its nseg segment nodes and its x = 1 end node. Returns the engine index of
 * section 0 of the columns (section s is that + s).
 */
export function addCells(nCells: i32, sectionStartPtr: usize, parentPtr: usize, nsegPtr: usize, lengthUmPtr: usize, diamUmPtr: usize, raOhmCmPtr: usize, cmUfCm2Ptr: usize, v0MvPtr: usize): i32 {
  if (initialized) return BUILD_AFTER_INITIALIZE;
  if (nCells < 0 || (nCells > 0 && ldi(sectionStartPtr, 0) != 0)) return BUILD_BAD_ARGUMENT;
  let nNodes = nCells;
  for (let c = 0; c < nCells; c++) {
    const first = ldi(sectionStartPtr, c), end = ldi(sectionStartPtr, c + 1);
    if (end <= first) return BUILD_BAD_ARGUMENT;
    for (let s = first; s < end; s++) {
      const p = ldi(parentPtr, s);
      if (ldi(nsegPtr, s) < 1 || p < -1 || (p >= 0 && (p < first || p >= s))) return BUILD_BAD_ARGUMENT;
      nNodes += ldi(nsegPtr, s) + 1;
    }
  }
  const nSections = nCells > 0 ? ldi(sectionStartPtr, nCells) : 0;
  tree.reserveTree(nNodes, nSections);
  const firstSection = tree.secFirst.length;
  for (let c = 0; c < nCells; c++) {
    const first = ldi(sectionStartPtr, c), end = ldi(sectionStartPtr, c + 1);
    const root = tree.addRoot(ldf(v0MvPtr, first));
    for (let s = first; s < end; s++) {
      const p = ldi(parentPtr, s);
      const at = p < 0 ? root : unchecked(tree.secEnd[firstSection + p]);
      tree.addSection(at, ldf(lengthUmPtr, s), ldf(diamUmPtr, s), ldf(raOhmCmPtr, s), ldf(cmUfCm2Ptr, s), ldi(nsegPtr, s), ldf(v0MvPtr, s));
    }
  }
  return firstSection;
}

/** Node of segment k (0 ≤ k < nseg) of a section, or BUILD_BAD_ARGUMENT: sectionNode(sec, 0) + k (a section's segments are consecutive nodes). */
export function sectionNode(sec: i32, k: i32): i32 {
  if (!tree.isSection(sec) || k < 0 || k >= unchecked(tree.secNseg[sec])) return BUILD_BAD_ARGUMENT;
  return unchecked(tree.secFirst[sec]) + k;
}

/** The zero-area node at a section's x = 1 end (where children attach), or BUILD_BAD_ARGUMENT. */
export function sectionEndNode(sec: i32): i32 {
  return tree.isSection(sec) ? unchecked(tree.secEnd[sec]) : BUILD_BAD_ARGUMENT;
}

export function sectionNseg(sec: i32): i32 {
  return tree.isSection(sec) ? unchecked(tree.secNseg[sec]) : BUILD_BAD_ARGUMENT;
}

/** Adds the section's axial-current dipole terms to dipole group `group` ≥ 0 (DIPOLE.md §2). */
export function addDipoleSection(sec: i32, lengthUm: f64, cosTheta: f64, group: i32): i32 {
  if (initialized) return BUILD_AFTER_INITIALIZE;
  if (!tree.isSection(sec) || group < 0) return BUILD_BAD_ARGUMENT;
  rec.addDipoleSection(sec, lengthUm, cosTheta, group);
  return BUILD_OK;
}

/** addDipoleSection for n sections at once, from the i32 columns section and group and the f64 columns lengthUm and cosTheta. */
export function addDipoleSections(n: i32, sectionPtr: usize, lengthUmPtr: usize, cosThetaPtr: usize, groupPtr: usize): i32 {
  if (initialized) return BUILD_AFTER_INITIALIZE;
  if (n < 0) return BUILD_BAD_ARGUMENT;
  for (let i = 0; i < n; i++) if (!tree.isSection(ldi(sectionPtr, i)) || ldi(groupPtr, i) < 0) return BUILD_BAD_ARGUMENT;
  for (let i = 0; i < n; i++) rec.addDipoleSection(ldi(sectionPtr, i), ldf(lengthUmPtr, i), ldf(cosThetaPtr, i), ldi(groupPtr, i));
  return BUILD_OK;
}

// Bulk build calls read columns the bindings wrote into engine memory, at stagingPtr's block.
let staging: usize = 0;
let stagingBytes: i32 = 0;

/** A scratch block of at least `bytes` bytes (16-aligned), reused by later calls (moved when one asks for more). */
export function stagingPtr(bytes: i32): usize {
  if (bytes > stagingBytes) {
    if (staging != 0) heap.free(staging);
    staging = heap.alloc(<usize>bytes);
    stagingBytes = bytes;
  }
  return staging;
}

// Mechanisms (mechanisms/registry.ts): the bindings find a kind by name, write the parameters into
// the block at mechanismParamsPtr() (f64, in the registry's order) and insert.

// @ts-ignore: decorator
@lazy const paramBlock = memory.data(mech.MAX_PARAMS << 3, 8);

export function mechanismCount(): i32 {
  return mech.count();
}
/** The mechanism's name, a string in memory (the loader's __getString reads it). */
export function mechanismNamePtr(kind: i32): usize {
  return kind >= 0 && kind < mech.count() ? changetype<usize>(mech.row(kind).name) : 0;
}
export function mechanismParamCount(kind: i32): i32 {
  return kind >= 0 && kind < mech.count() ? mech.row(kind).params.length : BUILD_BAD_ARGUMENT;
}
/** Where insertMechanism reads its parameters. */
export function mechanismParamsPtr(): usize {
  return paramBlock;
}
/** An instance of mechanism `kind` at node nd with the parameters written at mechanismParamsPtr(). */
export function insertMechanism(kind: i32, nd: i32): i32 {
  return initialized ? BUILD_AFTER_INITIALIZE : mech.insert(kind, nd, paramBlock);
}

/** n instances of mechanism `kind` (see registry.ts insertMany); BUILD_OK or the first failing instance's status. */
export function insertMechanisms(kind: i32, n: i32, nodePtr: usize, paramsPtr: usize): i32 {
  return initialized ? BUILD_AFTER_INITIALIZE : mech.insertMany(kind, n, nodePtr, paramsPtr);
}

/** An Exp2Syn at node nd; returns the synapse index. */
export function addExp2Syn(nd: i32, eMv: f64, tau1Ms: f64, tau2Ms: f64): i32 {
  if (initialized) return BUILD_AFTER_INITIALIZE;
  return tree.isNode(nd) ? syn.addExp2Syn(nd, eMv, tau1Ms, tau2Ms) : BUILD_BAD_ARGUMENT;
}

/** n Exp2Syns at once from the i32 column of nodes and the f64 columns eMv, tau1Ms, tau2Ms; returns the first one's index (the others follow it). */
export function addExp2Syns(n: i32, nodePtr: usize, eMvPtr: usize, tau1MsPtr: usize, tau2MsPtr: usize): i32 {
  if (initialized) return BUILD_AFTER_INITIALIZE;
  if (n < 0) return BUILD_BAD_ARGUMENT;
  for (let i = 0; i < n; i++) if (!tree.isNode(ldi(nodePtr, i))) return BUILD_BAD_ARGUMENT;
  const first = syn.synNode.length;
  for (let i = 0; i < n; i++) syn.addExp2Syn(ldi(nodePtr, i), ldf(eMvPtr, i), ldf(tau1MsPtr, i), ldf(tau2MsPtr, i));
  return first;
}

export function addIClamp(nd: i32, delayMs: f64, durMs: f64, ampNa: f64): i32 {
  if (initialized) return BUILD_AFTER_INITIALIZE;
  if (!tree.isNode(nd)) return BUILD_BAD_ARGUMENT;
  syn.addIClamp(nd, delayMs, durMs, ampNa);
  return BUILD_OK;
}

export function addCellSource(gid: i32, nd: i32, thresholdMv: f64): i32 {
  if (initialized) return BUILD_AFTER_INITIALIZE;
  return tree.isNode(nd) ? ev.addCellSource(gid, nd, thresholdMv) : BUILD_BAD_ARGUMENT;
}
export function addVecStim(gid: i32): i32 {
  return initialized ? BUILD_AFTER_INITIALIZE : ev.addVecStim(gid);
}
export function addVecStimTime(timeMs: f64): i32 {
  return initialized ? BUILD_AFTER_INITIALIZE : ev.addVecStimTime(timeMs);
}
export function addNetCon(srcGid: i32, synapse: i32, weightUs: f64, delayMs: f64): i32 {
  if (initialized) return BUILD_AFTER_INITIALIZE;
  return synapse >= 0 && synapse < syn.synNode.length ? ev.addNetCon(srcGid, synapse, weightUs, delayMs) : BUILD_BAD_ARGUMENT;
}
/** Room for n more NetCons (optional): later addNetCon(s) calls then grow no column. */
export function reserveNetCons(n: i32): i32 {
  if (initialized) return BUILD_AFTER_INITIALIZE;
  if (n < 0) return BUILD_BAD_ARGUMENT;
  ev.reserveNetCons(n);
  return BUILD_OK;
}
/**
 * n NetCons at once (events.ts addNetCons) from the i32 columns srcGid and synapse and the f64
 * columns weight (µS) and delay (ms) at the given addresses; returns the first one's index.
 */
export function addNetCons(n: i32, srcGidPtr: usize, synapsePtr: usize, weightUsPtr: usize, delayMsPtr: usize): i32 {
  if (initialized) return BUILD_AFTER_INITIALIZE;
  if (n < 0) return BUILD_BAD_ARGUMENT;
  const nSyn = syn.synNode.length;
  for (let i = 0; i < n; i++) {
    const s = ldi(synapsePtr, i);
    if (ldi(srcGidPtr, i) < 0 || s < 0 || s >= nSyn) return BUILD_BAD_ARGUMENT;
  }
  return ev.addNetCons(n, srcGidPtr, synapsePtr, weightUsPtr, delayMsPtr);
}
/**
 * Records node quantity `quantity` (QUANTITY_V: membrane potential, mV; QUANTITY_CAI: cai, mM) at
 * node nd every step; returns the recording index (nodeTracePtr). BUILD_NO_ION_POOL for cai at a
 * node without a Ca pool (insert its mechanisms first).
 */
export function recordNode(quantity: i32, nd: i32): i32 {
  if (initialized) return BUILD_AFTER_INITIALIZE;
  if (!tree.isNode(nd)) return BUILD_BAD_ARGUMENT;
  if (quantity == rec.QUANTITY_V) return rec.recordNode(quantity, nd);
  if (quantity != rec.QUANTITY_CAI) return BUILD_BAD_ARGUMENT;
  const pool = caion.existingPool(nd);
  return pool < 0 ? BUILD_NO_ION_POOL : rec.recordNode(quantity, pool);
}
export function recordSynCurrent(synapse: i32): i32 {
  if (initialized) return BUILD_AFTER_INITIALIZE;
  return synapse >= 0 && synapse < syn.synNode.length ? rec.recordSynCurrent(synapse) : BUILD_BAD_ARGUMENT;
}

/**
 * Records the total membrane current (NEURON's i_membrane_, nA) of n segments, the engine nodes at
 * nodePtr (i32; each a segment node, not a zero-area end); the first call switches the computation
 * on (without it the step loop does none of it). Returns the first new segment's index, or
 * BUILD_BAD_ARGUMENT (a node out of range, or after addElectrodes).
 */
export function recordMembraneCurrents(n: i32, nodePtr: usize): i32 {
  if (initialized) return BUILD_AFTER_INITIALIZE;
  if (n < 1 || xc.hasContacts()) return BUILD_BAD_ARGUMENT;
  for (let i = 0; i < n; i++) {
    const nd = ldi(nodePtr, i);
    if (!tree.isNode(nd) || unchecked(tree.cm[nd]) == 0.0) return BUILD_BAD_ARGUMENT;
  }
  return xc.addSegments(n, nodePtr);
}

/**
 * n electrode contacts, each a row of transfer resistances (µV/nA) to the recorded segments, at rPtr
 * as [contact][segment] f64. Every step, contact c records Σ_seg R[c][seg]·i_membrane[seg] (µV);
 * the t = 0 sample is 0. Returns the first new contact's index, or BUILD_BAD_ARGUMENT (no segments).
 */
export function addElectrodes(n: i32, rPtr: usize): i32 {
  if (initialized) return BUILD_AFTER_INITIALIZE;
  if (n < 1 || xc.segmentCount() == 0) return BUILD_BAD_ARGUMENT;
  return xc.addContacts(n, rPtr);
}

/** Queues the events of a spike from a cell simulated elsewhere (see events.ts). */
export { injectSpike, minCellNetConDelay } from "./events";

// ---- finitialize (NUMERICS.md §4) ---------------------------------------------------------------

/** Prepares a run of nSteps fixed steps of dt ms at celsius °C; spikeCapacity bounds one chunk's spikes. */
export function initialize(dt: f64, celsius: f64, nSteps: i32, spikeCapacity: i32): void {
  dtMs = dt;
  tMs = 0.0;
  status = STATUS_OK;
  badNode = -1;
  tree.prepareSolve();
  temperature.setCelsius(celsius);
  caion.setCelsius(celsius);
  // Tables, then INITIAL in the registry's order: concentration mechanisms first (CHANNELS.md §cad).
  mech.initialize(dt);
  syn.initSynapses(dt);
  ev.initEvents(spikeCapacity);
  ev.deliverUntil(0.0);
  rec.initRecording(nSteps + 1);
  xc.initExtracellular(nSteps + 1);
  // setup_tree_matrix once: sets the synaptic currents seen by the t = 0 sample.
  assemble(0.0);
  rec.takeSample(0.0, true);
  initialized = true;
}

function assemble(tMid: f64): void {
  tree.clearMatrix();
  caion.resetCurrents();
  mech.addCurrents();
  syn.addSynapseCurrents();
  if (xc.enabled) xc.saveRhs();
  syn.addClampCurrents(tMid);
  tree.addCapacitance(dtMs);
  if (xc.enabled) xc.saveD();
  tree.addAxial();
}

/** One fixed step t_n → t_{n+1} in NEURON's order (NUMERICS.md §3). */
function step(): void {
  ev.checkThresholds(tMs);
  ev.deliverUntil(tMs + 0.5 * dtMs);
  tMs += 0.5 * dtMs;
  assemble(tMs);
  const bad = tree.solveAndUpdate();
  if (bad >= 0 && badNode < 0) badNode = bad;
  if (xc.enabled) xc.computeMembraneCurrents();
  tMs += 0.5 * dtMs;
  mech.updateStates(dtMs);
  syn.updateSynapses();
  rec.takeSample(tMs, false);
  if (xc.enabled) xc.takeExtracellularSample();
  ev.deliverUntil(tMs);
}

/**
 * Runs up to nSteps steps; stops early when the spike buffer could overflow in the next step or
 * the integration blows up. Returns the number of steps done; see runStatus().
 */
export function run(nSteps: i32): i32 {
  if (!initialized) return 0;
  const margin = ev.sourceCount() + 1;
  for (let k = 0; k < nSteps; k++) {
    if (ev.spikesRecorded() + margin > ev.spikeCapacity() && ev.spikesRecorded() > 0) return k;
    step();
    if (badNode >= 0) {
      status = STATUS_UNSTABLE;
      return k + 1;
    }
    if (ev.spikesOverflowed()) {
      status = STATUS_SPIKE_OVERFLOW;
      return k + 1;
    }
  }
  return nSteps;
}

export function runStatus(): i32 {
  return status;
}
/** First node whose potential became non-finite or ran beyond ±1000 mV. */
export function unstableNode(): i32 {
  return badNode;
}
export function currentTime(): f64 {
  return tMs;
}

// ---- outputs and inspection, without side effects (views: new Float64Array(memory.buffer, ptr, len))

export function nodeCount(): i32 {
  return tree.v.length;
}
/** Section of a node, -1 for a cell's root node. */
export function nodeSectionIndex(nd: i32): i32 {
  return unchecked(tree.nodeSection[nd]);
}
export function nodeArea(nd: i32): f64 {
  return unchecked(tree.area[nd]);
}
export function nodeAxialResistance(nd: i32): f64 {
  return unchecked(tree.ri[nd]);
}
/** cai (mM) at a node, -1 where no Ca pool is. */
export function caiAt(nd: i32): f64 {
  const p = caion.existingPool(nd);
  return p < 0 ? -1.0 : unchecked(caion.cai[p]);
}
/** eca (mV) at a node from its present cai, 0 where no Ca pool is. */
export function ecaAt(nd: i32): f64 {
  const p = caion.existingPool(nd);
  return p < 0 ? 0.0 : caion.ecaOf(p);
}
export { timesPtr, nodeTracePtr, synCurrentPtr, dipolePtr } from "./record";
export { extracellularPtr, membraneCurrentPtr } from "./extracellular";
export { spikeTimesPtr, spikeGidsPtr, spikesRecorded, clearSpikes } from "./events";
