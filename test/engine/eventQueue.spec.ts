// The event queue (assembly/events.ts binary heap; NUMERICS.md §5, CHANNELS.md §vecevent): with
// hundreds of VecStim self-events and NetCon events in flight (more than the queue's first
// capacity), each deliverUntil(T) delivers exactly the events with time ≤ T, VecStim spikes come out
// in time order with the times (s_prev + e) − s_prev, and equal times all come out.
import * as tree from "../../assembly/tree";
import * as syn from "../../assembly/synapses";
import * as ev from "../../assembly/events";

/** Deterministic pseudo-random numbers in [0, 1) (64-bit LCG, top 53 bits). */
let lcgState: u64 = 0x9e3779b97f4a7c15;
function rand(): f64 {
  lcgState = lcgState * 6364136223846793005 + 1442695040888963407;
  return <f64>(lcgState >> 11) / 9007199254740992.0;
}

/** CHANNELS.md §Exp2Syn factor for (0.5, 5). */
const FACTOR: f64 = 1.435055183349871;
const N_VECSTIM = 48; // gids 0..47, random times
const TIMES_PER_VECSTIM = 6;
const TIE_GIDS: StaticArray<i32> = [48, 49, 50, 51]; // identical times
const TIE_TIMES: StaticArray<f64> = [5.0, 60.0];
const REMOTE_GID = 60; // a cell of another partition, N_NETCON NetCons here
const N_NETCON = 40;
const INJECT_TIMES: StaticArray<f64> = [3.0000000001, 17.5250000001, 30.2, 41.0, 55.0375000001];
// Injected before the first delivery: 3·40 NetCon events + 52 self-events exceed the queue's first
// capacity (NetCons + sources + 16 = 117), so it has to grow.
const INJECTED_AT_START = 3;

// Expected VecStim spikes (time, gid): s_k = (s_{k−1} + e_k) − s_{k−1}, s_0 = 0 (CHANNELS.md).
const expT = new Array<f64>(0);
const expGid = new Array<i32>(0);

function addVecStim(gid: i32, times: Array<f64>): void {
  ev.addVecStim(gid);
  let sPrev = 0.0;
  for (let k = 0; k < times.length; k++) {
    ev.addVecStimTime(times[k]);
    const s = sPrev + times[k] - sPrev;
    expT.push(s);
    expGid.push(gid);
    sPrev = s;
  }
}

const node = tree.addRoot(-65.0);
for (let g = 0; g < N_VECSTIM; g++) {
  const times = new Array<f64>(0);
  let e = 0.0;
  for (let k = 0; k < TIMES_PER_VECSTIM; k++) {
    e += 20.0 * rand();
    times.push(e);
  }
  addVecStim(g, times);
}
for (let i = 0; i < TIE_GIDS.length; i++) {
  const times = new Array<f64>(0);
  for (let k = 0; k < TIE_TIMES.length; k++) times.push(TIE_TIMES[k]);
  addVecStim(TIE_GIDS[i], times);
}
const ncDelay = new Array<f64>(0);
const ncX = new Array<f64>(0); // w·factor
for (let k = 0; k < N_NETCON; k++) {
  const s = syn.addExp2Syn(node, 0.0, 0.5, 5.0);
  const w = 0.001 + 0.01 * rand();
  const d = 10.0 * rand();
  ev.addNetCon(REMOTE_GID, s, w, d);
  ncDelay.push(d);
  ncX.push(w * FACTOR);
}

/** Sorts parallel arrays by (time, gid) (insertion sort; a few hundred entries). */
function sortPairs(t: Array<f64>, g: Array<i32>): void {
  for (let i = 1; i < t.length; i++) {
    const ti = t[i], gi = g[i];
    let j = i - 1;
    while (j >= 0 && (t[j] > ti || (t[j] == ti && g[j] > gi))) {
      t[j + 1] = t[j];
      g[j + 1] = g[j];
      j--;
    }
    t[j + 1] = ti;
    g[j + 1] = gi;
  }
}

/** Synapse k's A when the events of the injected spikes (first nInjected) with time ≤ T have arrived. */
function expectedA(k: i32, nInjected: i32, T: f64): f64 {
  let a = 0.0;
  for (let j = 0; j < nInjected; j++) if (INJECT_TIMES[j] + ncDelay[k] <= T) a += ncX[k];
  return a;
}

function recordedT(i: i32): f64 {
  return load<f64>(ev.spikeTimesPtr() + (<usize>i << 3));
}
function recordedGid(i: i32): i32 {
  return load<i32>(ev.spikeGidsPtr() + (<usize>i << 2));
}

/** The recorded spikes come in time order and are, as a set of (time, gid), the expected ones. */
function expectRecordedSpikes(): void {
  const n = ev.spikesRecorded();
  expect(n).toBe(expT.length);
  const t = new Array<f64>(n);
  const g = new Array<i32>(n);
  let outOfOrder = 0;
  for (let i = 0; i < n; i++) {
    t[i] = recordedT(i);
    g[i] = recordedGid(i);
    if (i > 0 && t[i] < t[i - 1]) outOfOrder++;
  }
  expect(outOfOrder).toBe(0);
  sortPairs(t, g);
  let mismatches = 0;
  for (let i = 0; i < n; i++) if (t[i] != expT[i] || g[i] != expGid[i]) mismatches++;
  expect(mismatches).toBe(0);
}

describe("event queue order", () => {
  it("deliverUntil(T) delivers exactly the events with time ≤ T, in time order", () => {
    sortPairs(expT, expGid);
    ev.initEvents(1000);
    let nInjected = 0;
    while (nInjected < INJECTED_AT_START) ev.injectSpike(REMOTE_GID, INJECT_TIMES[nInjected++]);
    let mismatches = 0;
    for (let T = 0.0; T < 140.0; T += 0.37) {
      // The others arrive as from another partition: before the delivery that passes their time.
      while (nInjected < INJECT_TIMES.length && INJECT_TIMES[nInjected] <= T) ev.injectSpike(REMOTE_GID, INJECT_TIMES[nInjected++]);
      ev.deliverUntil(T);
      let due = 0;
      while (due < expT.length && expT[due] <= T) due++;
      if (ev.spikesRecorded() != due) mismatches++;
      for (let k = 0; k < N_NETCON; k++) if (syn.synA[k] != expectedA(k, nInjected, T)) mismatches++;
    }
    expect(nInjected).toBe(INJECT_TIMES.length);
    expect(mismatches).toBe(0);
    expect(ev.spikesRecorded()).toBe(expT.length);
  });
  it("VecStim spikes are recorded in time order, each (time, gid) once", () => {
    expectRecordedSpikes();
  });
  it("VecStims with equal times all fire at that time", () => {
    let at5 = 0, at60 = 0;
    for (let i = 0; i < ev.spikesRecorded(); i++) {
      if (recordedGid(i) < TIE_GIDS[0]) continue;
      if (recordedT(i) == 5.0) at5++;
      if (recordedT(i) == 60.0) at60++;
    }
    expect(at5).toBe(4);
    expect(at60).toBe(4);
  });
  it("a second initialisation replays every VecStim from its first time, s_0 = 0 again", () => {
    ev.initEvents(1000);
    ev.deliverUntil(1e9);
    expectRecordedSpikes();
  });
});
