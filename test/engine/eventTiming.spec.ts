// Events inside the fixed step (assembly/index.ts step loop over events.ts and record.ts;
// NUMERICS.md §3 steps 1 and 11, §4, §5, §6; CHANNELS.md §vecevent, §Exp2Syn; DIPOLE.md §2):
// an event at te reaches its synapse at the first grid time t_m with te ≤ t_m + dt/2 (ties to the
// earlier), before the state update of the step from t_m when te > t_m; VecStims re-arm with
// (s_prev + e) − s_prev; a cell spike detected at t_n with a 1 ms NetCon arrives 40 steps later;
// samples are taken at the accumulated times, the t = 0 dipole is exactly 0.
import * as engine from "../../assembly/index";
import * as syn from "../../assembly/synapses";
import { sectionDipole } from "./dipoleRef";

const DT: f64 = 0.025;
const N_STEPS = 4800; // 120 ms: past CHANNELS.md's second VecStim example time
const STEPS_CHECKED = 320; // steps compared one by one
const W: f64 = 0.001; // µS
/** CHANNELS.md §Exp2Syn factor for (0.5, 5). */
const FACTOR: f64 = 1.435055183349871;
const X: f64 = W * FACTOR;
/** exp2syn.mod's cnexp decay factors as nocmodl writes them: 1 − exp(dt·((−1)/τ)). */
const DECAY_A: f64 = 1.0 - Math.exp(DT * (-1.0 / 0.5));
const DECAY_B: f64 = 1.0 - Math.exp(DT * (-1.0 / 5.0));
/** NUMERICS.md §6: teps. */
const TEPS: f64 = 1e-10;

/** Grid time t_k: t accumulated by adding dt/2 twice per step (NUMERICS.md intro, §3 steps 2, 7). */
const gridT = new Array<f64>(N_STEPS + 1);
gridT[0] = 0.0;
for (let k = 0; k < N_STEPS; k++) gridT[k + 1] = gridT[k] + 0.5 * DT + 0.5 * DT;

function nextUp(x: f64): f64 {
  return reinterpret<f64>(reinterpret<u64>(x) + 1);
}

// Cell P: a passive one-segment soma at −65 mV that holds the synapses (reversal −65: no current).
const rootP = engine.addRoot(-65.0);
const nodeP = engine.sectionNode(engine.addSection(rootP, 10.0, 10.0, 100.0, 1.0, 1, -65.0), 0);

// Each case: a VecStim (gid = case index) with its times, a NetCon of delay `delay` to its own synapse.
const caseSyn = new Array<i32>(0);
const caseEvents = new Array<Array<f64>>(0); // event times te = s + delay
const vecSpikes = new Array<f64>(0); // every VecStim's spike times s_k

function addCase(times: Array<f64>, delayMs: f64): void {
  const gid = caseSyn.length;
  const s = engine.addExp2Syn(nodeP, -65.0, 0.5, 5.0);
  engine.addVecStim(gid);
  const te = new Array<f64>(0);
  let sPrev = 0.0;
  for (let k = 0; k < times.length; k++) {
    engine.addVecStimTime(times[k]);
    const sk = sPrev + times[k] - sPrev; // CHANNELS.md §vecevent
    vecSpikes.push(sk);
    te.push(sk + delayMs);
    sPrev = sk;
  }
  engine.addNetCon(gid, s, W, delayMs);
  caseSyn.push(s);
  caseEvents.push(te);
}

const tieT = gridT[40] + 0.5 * DT; // the delivery limit at the start of the step from t_40
addCase([0.0], 0.0); // delivered by finitialize (NUMERICS.md §4 item 7)
addCase([tieT], 0.0); // exactly t_40 + dt/2: delivered at t_40
addCase([nextUp(tieT)], 0.0); // just after: at t_41, after the state update of the step to t_41
addCase([gridT[41]], 0.0); // exactly t_41: likewise
addCase([nextUp(gridT[41])], 0.0); // just after t_41: at t_41, before the next state update
const reArmedGid = caseSyn.length;
addCase([0.61, 1.3, 2.0437], 1.0); // re-armed VecStim, hnn-core's 1 ms delay
const exampleGid = caseSyn.length;
engine.addVecStim(exampleGid); // CHANNELS.md §vecevent's example, no NetCon
engine.addVecStimTime(41.24057261772238);
engine.addVecStimTime(117.66145540869599);

// Cell C: a soma and a 3-segment dendrite without channels; IClamps push the soma across 0 mV twice
// (up, down, up) and drive axial currents, the dipole of both sections (group 0).
const CELL_GID = 10;
const rootC = engine.addRoot(-65.0);
const somaC = engine.addSection(rootC, 10.0, 10.0, 100.0, 1.0, 1, -65.0);
const dendC = engine.addSection(engine.sectionEndNode(somaC), 50.0, 2.0, 100.0, 1.0, 3, -65.0);
const nodeC = engine.sectionNode(somaC, 0);
engine.addIClamp(nodeC, 0.5, 2.5, 0.2);
engine.addIClamp(nodeC, 4.0, 1.0, -0.2);
engine.addIClamp(nodeC, 6.0, 1.0, 0.2);
engine.addCellSource(CELL_GID, nodeC, 0.0);
const synCell = engine.addExp2Syn(nodeP, -65.0, 0.5, 5.0);
engine.addNetCon(CELL_GID, synCell, W, 1.0);
engine.addDipoleSection(somaC, 10.0, 1.0, 0);
engine.addDipoleSection(dendC, 50.0, -0.5, 0);
// Recorded voltages: root, soma, soma x = 1, dendrite 1..3, dendrite x = 1.
const cellNodes: StaticArray<i32> = [
  rootC, nodeC, engine.sectionEndNode(somaC),
  engine.sectionNode(dendC, 0), engine.sectionNode(dendC, 1), engine.sectionNode(dendC, 2), engine.sectionEndNode(dendC),
];
const recRoot = engine.recordNode(engine.QUANTITY_V, cellNodes[0]); // the others follow: recRoot + i
for (let i = 1; i < cellNodes.length; i++) engine.recordNode(engine.QUANTITY_V, cellNodes[i]);

/**
 * A and B of a synapse after each of the first STEPS_CHECKED steps for events at times te, as
 * NUMERICS.md §3 orders a step: deliver te ≤ t_k + dt/2; decay; deliver te ≤ t_{k+1}.
 */
function modelTrace(te: Array<f64>, outA: Array<f64>, outB: Array<f64>): void {
  let a = 0.0, b = 0.0, next = 0;
  while (next < te.length && te[next] <= 0.0) {
    a += X;
    b += X;
    next++;
  }
  for (let k = 0; k < STEPS_CHECKED; k++) {
    while (next < te.length && te[next] <= gridT[k] + 0.5 * DT) {
      a += X;
      b += X;
      next++;
    }
    a = a + DECAY_A * -a;
    b = b + DECAY_B * -b;
    while (next < te.length && te[next] <= gridT[k + 1]) {
      a += X;
      b += X;
      next++;
    }
    outA[k] = a;
    outB[k] = b;
  }
}

function spikeT(i: i32): f64 {
  return load<f64>(engine.spikeTimesPtr() + (<usize>i << 3));
}
function spikeGid(i: i32): i32 {
  return load<i32>(engine.spikeGidsPtr() + (<usize>i << 2));
}
function sample(ptr: usize, k: i32): f64 {
  return load<f64>(ptr + (<usize>k << 3));
}

// Engine A, B per case after each checked step, and VecStim spikes recorded so far.
const nCases = caseSyn.length + 1; // + the cell's synapse
const seenA = new Array<f64>(nCases * STEPS_CHECKED);
const seenB = new Array<f64>(nCases * STEPS_CHECKED);
const seenVecSpikes = new Array<i32>(STEPS_CHECKED);
let initA: f64 = 0.0;
let initSpikes: i32 = 0;

function vecSpikesRecorded(): i32 {
  let n = 0;
  for (let i = 0; i < engine.spikesRecorded(); i++) if (spikeGid(i) < exampleGid) n++;
  return n;
}
function synOfCase(c: i32): i32 {
  return c < caseSyn.length ? caseSyn[c] : synCell;
}

describe("events in the fixed step", () => {
  it("runs the whole trial", () => {
    engine.initialize(DT, 37.0, N_STEPS, 64);
    initA = syn.synA[caseSyn[0]];
    initSpikes = vecSpikesRecorded();
    for (let k = 0; k < STEPS_CHECKED; k++) {
      expect(engine.run(1)).toBe(1);
      for (let c = 0; c < nCases; c++) {
        seenA[c * STEPS_CHECKED + k] = syn.synA[synOfCase(c)];
        seenB[c * STEPS_CHECKED + k] = syn.synB[synOfCase(c)];
      }
      seenVecSpikes[k] = vecSpikesRecorded();
    }
    expect(engine.run(N_STEPS - STEPS_CHECKED)).toBe(N_STEPS - STEPS_CHECKED);
    expect(engine.runStatus()).toBe(0);
    expect(engine.currentTime()).toBe(gridT[N_STEPS]);
  });
  it("an event at time ≤ 0 is delivered by initialize", () => {
    expect(initA).toBe(X);
    expect(initSpikes).toBe(1);
  });
  it("VecStim spikes are recorded in the step whose end time they do not exceed", () => {
    for (let k = 0; k < STEPS_CHECKED; k++) {
      let due = 0;
      for (let i = 0; i < vecSpikes.length; i++) if (vecSpikes[i] <= gridT[k + 1]) due++;
      expect(seenVecSpikes[k]).toBe(due);
    }
  });
  it("VecStim spike times are (s_prev + e) − s_prev (CHANNELS.md example)", () => {
    const times = new Array<f64>(0);
    for (let i = 0; i < engine.spikesRecorded(); i++) if (spikeGid(i) == exampleGid) times.push(spikeT(i));
    expect(times.length).toBe(2);
    expect(times[0]).toBe(41.24057261772238);
    expect(times[1]).toBe(117.66145540869597);
    const reArmed = new Array<f64>(0);
    for (let i = 0; i < engine.spikesRecorded(); i++) if (spikeGid(i) == reArmedGid) reArmed.push(spikeT(i));
    expect(reArmed.length).toBe(3);
    for (let i = 0; i < 3; i++) expect(reArmed[i]).toBe(vecSpikes[vecSpikes.length - 3 + i]);
  });
  it("delivery at the nearest grid time, ties to the earlier: A and B step by step", () => {
    const a = new Array<f64>(STEPS_CHECKED);
    const b = new Array<f64>(STEPS_CHECKED);
    for (let c = 0; c < caseSyn.length; c++) {
      modelTrace(caseEvents[c], a, b);
      for (let k = 0; k < STEPS_CHECKED; k++) {
        expect(seenA[c * STEPS_CHECKED + k]).toBe(a[k]);
        expect(seenB[c * STEPS_CHECKED + k]).toBe(b[k]);
      }
    }
  });
  it("the tie cases: t_40 + dt/2 decays in the step to t_41, just after it does not", () => {
    const at41 = 40; // index of the state after the step t_40 → t_41
    expect(seenA[1 * STEPS_CHECKED + at41 - 1]).toBe(0.0);
    expect(seenA[1 * STEPS_CHECKED + at41]).toBe(X + DECAY_A * -X);
    expect(seenA[2 * STEPS_CHECKED + at41]).toBe(X);
    expect(seenA[3 * STEPS_CHECKED + at41]).toBe(X);
    expect(seenA[4 * STEPS_CHECKED + at41]).toBe(0.0);
    expect(seenA[4 * STEPS_CHECKED + at41 + 1]).toBe(X + DECAY_A * -X);
  });
  it("the cell fires at t_n + 1e-10 where its v first exceeds 0 mV, once per crossing", () => {
    const vp = engine.nodeTracePtr(recRoot + 1);
    const crossings = new Array<i32>(0);
    for (let k = 1; k <= N_STEPS; k++) if (sample(vp, k) > 0.0 && sample(vp, k - 1) <= 0.0) crossings.push(k);
    expect(crossings.length).toBe(2);
    const times = new Array<f64>(0);
    for (let i = 0; i < engine.spikesRecorded(); i++) if (spikeGid(i) == CELL_GID) times.push(spikeT(i));
    expect(times.length).toBe(2);
    for (let i = 0; i < 2; i++) expect(times[i]).toBe(gridT[crossings[i]] + TEPS);
  });
  it("a cell spike with a 1 ms NetCon arrives 40 steps after detection (NUMERICS.md §5)", () => {
    let first = 0;
    while (spikeGid(first) != CELL_GID) first++;
    const ts = spikeT(first);
    let n = 0; // detection step: ts = t_n + 1e-10
    while (gridT[n] + TEPS != ts) n++;
    const c = caseSyn.length;
    // Delivered at t_{n+40} at the start of the step from it (te = t_n + 1e-10 + 1 > t_{n+40}).
    expect(seenA[c * STEPS_CHECKED + n + 39]).toBe(0.0);
    expect(seenA[c * STEPS_CHECKED + n + 40]).toBe(X + DECAY_A * -X);
    const te = new Array<f64>(0); // both spikes (2.5 and 6.5 ms) arrive within the checked steps
    for (let i = first; i < engine.spikesRecorded(); i++) if (spikeGid(i) == CELL_GID) te.push(spikeT(i) + 1.0);
    expect(te.length).toBe(2);
    const a = new Array<f64>(STEPS_CHECKED);
    const b = new Array<f64>(STEPS_CHECKED);
    modelTrace(te, a, b);
    for (let k = 0; k < STEPS_CHECKED; k++) expect(seenA[c * STEPS_CHECKED + k]).toBe(a[k]);
  });
  it("N_STEPS + 1 samples at the accumulated times; t_2000 = 50.00000000000281 (NUMERICS.md §4)", () => {
    const tp = engine.timesPtr();
    for (let k = 0; k <= N_STEPS; k++) expect(sample(tp, k)).toBe(gridT[k]);
    expect(sample(tp, 2000)).toBe(50.00000000000281);
  });
  it("dipole: exactly 0 at t = 0, then DIPOLE.md §2 from the same step's voltages", () => {
    const dp = engine.dipolePtr(0);
    expect(sample(dp, 0)).toBe(0.0);
    const soma = new Array<f64>(3);
    const dend = new Array<f64>(5);
    let worst = 0.0;
    let largest = 0.0;
    for (let k = 1; k <= N_STEPS; k++) {
      for (let i = 0; i < 3; i++) soma[i] = sample(engine.nodeTracePtr(recRoot + i), k);
      for (let i = 0; i < 5; i++) dend[i] = sample(engine.nodeTracePtr(recRoot + 2 + i), k);
      const q = sectionDipole(soma, 10.0, 10.0, 100.0, 1.0) + sectionDipole(dend, 50.0, 2.0, 100.0, -0.5);
      worst = Math.max(worst, Math.abs(sample(dp, k) - q));
      largest = Math.max(largest, Math.abs(q));
    }
    expect(largest).toBeGreaterThan(0.5); // the clamp currents make a dipole
    expect(worst).toBeLessThanOrEqual(1e-14 * largest);
  });
});
