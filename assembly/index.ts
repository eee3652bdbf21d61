// hnn-wasm engine: exported build calls, initialisation and the fixed-step loop.
// The engine knows nodes, mechanisms, synapses and events, never cell-type names (DESIGN.md §2).
// Units: ms, mV, µm, µS, nA; conductance densities S/cm² (hh2, cat, ar) or pS/µm² (km, ca, kca).
import * as tree from "./tree";
import * as syn from "./synapses";
import * as ev from "./events";
import * as rec from "./record";
import * as hh2 from "./mechanisms/hh2";
import * as km from "./mechanisms/km";
import * as ca from "./mechanisms/ca";
import * as cad from "./mechanisms/cad";
import * as kca from "./mechanisms/kca";
import * as cat from "./mechanisms/cat";
import * as ar from "./mechanisms/ar";
import * as caion from "./mechanisms/caion";
import * as temperature from "./mechanisms/temperature";
import * as sharedGrid from "./mechanisms/sharedgrid";

/** Bumped whenever an export changes meaning; the bindings check it. */
export const ENGINE_VERSION: i32 = 2;

export function engineVersion(): i32 {
  return ENGINE_VERSION;
}

// Status codes of run().
export const STATUS_OK: i32 = 0;
export const STATUS_UNSTABLE: i32 = 1;
export const STATUS_SPIKE_OVERFLOW: i32 = 2;

let dtMs: f64 = 0.025;
let tMs: f64 = 0.0;
let status: i32 = 0;
let badNode: i32 = -1;
let initialized: bool = false;
/** Every tabulated gate's exp argument provably in exp2x's fast range at this dt (simdexp.ts). */
let gatesInExpRange: bool = false;

// ---- build -------------------------------------------------------------------------------------

/** A cell's root node (soma x = 0); returns its node index. */
export function addRoot(v0Mv: f64): i32 {
  return tree.addRoot(v0Mv);
}

/** A section of nseg segments whose x = 0 end is node parentNode; returns the section index. */
export function addSection(parentNode: i32, lengthUm: f64, diamUm: f64, raOhmCm: f64, cmUfCm2: f64, nseg: i32, v0Mv: f64): i32 {
  if (parentNode < 0 || parentNode >= tree.v.length || nseg < 1) return -1;
  return tree.addSection(parentNode, lengthUm, diamUm, raOhmCm, cmUfCm2, nseg, v0Mv);
}

/** Node of segment k (0 ≤ k < nseg) of a section; k = nseg gives the x = 1 end node. */
export function sectionNode(sec: i32, k: i32): i32 {
  return k >= unchecked(tree.secNseg[sec]) ? unchecked(tree.secEnd[sec]) : unchecked(tree.secFirst[sec]) + k;
}

export function sectionNseg(sec: i32): i32 {
  return unchecked(tree.secNseg[sec]);
}

/** Adds the section's axial-current dipole terms to dipole group `group` (DIPOLE.md §2). */
export function addDipoleSection(sec: i32, lengthUm: f64, cosTheta: f64, group: i32): void {
  rec.addDipoleSection(sec, lengthUm, cosTheta, group);
}

export function insertHh2(node: i32, gnabar: f64, gkbar: f64, gl: f64, el: f64): void {
  hh2.add(node, gnabar, gkbar, gl, el);
}
export function insertKm(node: i32, gbar: f64): void {
  km.add(node, gbar);
}
export function insertCad(node: i32, taurMs: f64): void {
  cad.add(node, taurMs);
}
/** Returns false if the node has no cad (the Ca ion needs it). */
export function insertCa(node: i32, gbar: f64): bool {
  return ca.add(node, gbar);
}
/** Returns false if the node has no cad. */
export function insertKca(node: i32, gbar: f64): bool {
  return kca.add(node, gbar);
}
export function insertCat(node: i32, gbar: f64): void {
  cat.add(node, gbar);
}
export function insertAr(node: i32, gbar: f64): void {
  ar.add(node, gbar);
}

export function addExp2Syn(node: i32, eMv: f64, tau1Ms: f64, tau2Ms: f64): i32 {
  return syn.addExp2Syn(node, eMv, tau1Ms, tau2Ms);
}

export function addIClamp(node: i32, delayMs: f64, durMs: f64, ampNa: f64): void {
  syn.addIClamp(node, delayMs, durMs, ampNa);
}

export function addCellSource(gid: i32, node: i32, thresholdMv: f64): bool {
  return ev.addCellSource(gid, node, thresholdMv);
}
export function addVecStim(gid: i32): bool {
  return ev.addVecStim(gid);
}
export function addVecStimTime(timeMs: f64): bool {
  return ev.addVecStimTime(timeMs);
}
export function addNetCon(srcGid: i32, synapse: i32, weightUs: f64, delayMs: f64): i32 {
  return ev.addNetCon(srcGid, synapse, weightUs, delayMs);
}
/** Queues the events of a spike from a cell simulated elsewhere (see events.ts). */
export function injectSpike(gid: i32, tSpikeMs: f64): bool {
  return ev.injectSpike(gid, tSpikeMs);
}
/** Smallest cell-to-cell NetCon delay (ms): the longest window partitions may run unsynchronised. */
export function minCellNetConDelay(): f64 {
  return ev.minCellNetConDelay();
}
export function recordVoltage(node: i32): i32 {
  return rec.recordVoltage(node);
}
export function recordSynCurrent(synapse: i32): i32 {
  return rec.recordSynCurrent(synapse);
}

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
  hh2.buildTable(celsius);
  km.buildTable();
  ca.buildTable();
  cat.buildTable();
  ar.buildTable();
  gatesInExpRange =
    hh2.tausInExpRange(dt) && km.tausInExpRange(dt) && ca.tausInExpRange(dt) && cat.tausInExpRange(dt) && ar.tausInExpRange(dt);
  sharedGrid.prepare();
  // Concentration mechanisms first (cad), then the others (CHANNELS.md §cad).
  cad.init(dt);
  hh2.init();
  km.init();
  ca.init();
  kca.init();
  cat.init();
  ar.init();
  syn.initSynapses(dt);
  ev.initEvents(spikeCapacity);
  ev.deliverUntil(0.0);
  rec.initRecording(nSteps + 1);
  // setup_tree_matrix once: sets the synaptic currents seen by the t = 0 sample.
  assemble(0.0);
  rec.takeSample(0.0, true);
  initialized = true;
}

function assemble(tMid: f64): void {
  tree.clearMatrix();
  caion.resetCurrents();
  hh2.addCurrents();
  km.addCurrents();
  ca.addCurrents();
  kca.addCurrents();
  cat.addCurrents();
  ar.addCurrents();
  syn.addSynapseCurrents();
  syn.addClampCurrents(tMid);
  tree.addCapacitanceAndAxial(dtMs);
}

/** One fixed step t_n → t_{n+1} in NEURON's order (NUMERICS.md §3). */
function step(): void {
  ev.checkThresholds(tMs);
  ev.deliverUntil(tMs + 0.5 * dtMs);
  tMs += 0.5 * dtMs;
  assemble(tMs);
  const bad = tree.solveAndUpdate();
  if (bad >= 0 && badNode < 0) badNode = bad;
  tMs += 0.5 * dtMs;
  cad.updateStates();
  hh2.updateStates(dtMs, gatesInExpRange);
  sharedGrid.updateKmCa(dtMs, gatesInExpRange);
  kca.updateStates(dtMs);
  sharedGrid.updateCatAr(dtMs, gatesInExpRange);
  syn.updateSynapses();
  rec.takeSample(tMs, false);
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
export function nodeSectionIndex(node: i32): i32 {
  return unchecked(tree.nodeSection[node]);
}
export function currentTime(): f64 {
  return tMs;
}

// ---- outputs and inspection (views: new Float64Array(memory.buffer, ptr, len)) ----------------

export function nodeCount(): i32 {
  return tree.v.length;
}
export function nodeVoltage(node: i32): f64 {
  return unchecked(tree.v[node]);
}
export function nodeArea(node: i32): f64 {
  return unchecked(tree.area[node]);
}
export function nodeAxialResistance(node: i32): f64 {
  return unchecked(tree.ri[node]);
}
export function caiAt(node: i32): f64 {
  const p = caion.existingPool(node);
  return p < 0 ? -1.0 : unchecked(caion.cai[p]);
}
export function ecaAt(node: i32): f64 {
  const p = caion.existingPool(node);
  if (p < 0) return 0.0;
  caion.resetCurrents();
  return unchecked(caion.eca[p]);
}
export function samplesTaken(): i32 {
  return rec.samplesTaken();
}
export function dipoleGroups(): i32 {
  return rec.dipoleGroups();
}
export function timesPtr(): usize {
  return rec.timesPtr();
}
export function voltagePtr(r: i32): usize {
  return rec.voltagePtr(r);
}
export function synCurrentPtr(r: i32): usize {
  return rec.synCurrentPtr(r);
}
export function dipolePtr(group: i32): usize {
  return rec.dipolePtr(group);
}
export function spikeTimesPtr(): usize {
  return ev.spikeTimesPtr();
}
export function spikeGidsPtr(): usize {
  return ev.spikeGidsPtr();
}
export function spikesRecorded(): i32 {
  return ev.spikesRecorded();
}
export function clearSpikes(): void {
  ev.clearSpikes();
}
export function netConCount(): i32 {
  return ev.netConCount();
}
export function synapseCount(): i32 {
  return syn.synNode.length;
}
