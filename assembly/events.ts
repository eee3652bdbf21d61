// Spike sources, NetCons and the event queue (NUMERICS.md §5-6, CHANNELS.md §vecevent).
// Sources are indexed by gid: a cell's threshold detector on one node, or a drive cell (VecStim)
// replaying stored times. Pending events live in a binary min-heap on delivery time.
import { v } from "./tree";
import { receive } from "./synapses";
import { ldf, ldi, filledI32, filledF64, appendFrom, reserve } from "./util";
import { BUILD_OK, BUILD_BAD_ARGUMENT, BUILD_SOURCE_CONFLICT } from "./status";

const KIND_NONE: i32 = 0;
const KIND_CELL: i32 = 1;
const KIND_VECSTIM: i32 = 2;
/** NUMERICS.md §6: spike time = t_n + teps. */
const TEPS: f64 = 1e-10;

// --- sources, by gid -------------------------------------------------------------------------
const srcKind = new Array<i32>(0);
const srcNode = new Array<i32>(0); // detector node (cells)
const srcThreshold = new Array<f64>(0); // mV (cells)
const srcAbove = new Array<i32>(0); // detector flag (cells)
const srcEvStart = new Array<i32>(0); // first stored event (VecStim)
const srcEvEnd = new Array<i32>(0); // one past the last stored event
const srcEvNext = new Array<i32>(0); // next stored event to schedule
const srcLastT = new Array<f64>(0); // time of the previous VecStim spike (s_{k−1})
const vecTimes = new Array<f64>(0); // ms, all VecStims' stored times, grouped by gid
let lastVecGid: i32 = -1;

function ensureGid(gid: i32): void {
  while (srcKind.length <= gid) {
    srcKind.push(KIND_NONE);
    srcNode.push(-1);
    srcThreshold.push(0.0);
    srcAbove.push(0);
    srcEvStart.push(0);
    srcEvEnd.push(0);
    srcEvNext.push(0);
    srcLastT.push(0.0);
  }
}

/** Claims gid (≥ 0) for a source of kind `kind`; BUILD_SOURCE_CONFLICT if it has one. */
function claim(gid: i32, kind: i32): i32 {
  if (gid < 0) return BUILD_BAD_ARGUMENT;
  ensureGid(gid);
  if (unchecked(srcKind[gid]) != KIND_NONE) return BUILD_SOURCE_CONFLICT;
  unchecked((srcKind[gid] = kind));
  return BUILD_OK;
}

/** A threshold detector on node nd (a valid node) for gid. */
export function addCellSource(gid: i32, nd: i32, thresholdMv: f64): i32 {
  const s = claim(gid, KIND_CELL);
  if (s != BUILD_OK) return s;
  unchecked((srcNode[gid] = nd));
  unchecked((srcThreshold[gid] = thresholdMv));
  return BUILD_OK;
}

/** Starts a VecStim for gid; its times follow through addVecStimTime. */
export function addVecStim(gid: i32): i32 {
  const s = claim(gid, KIND_VECSTIM);
  if (s != BUILD_OK) return s;
  unchecked((srcEvStart[gid] = vecTimes.length));
  unchecked((srcEvEnd[gid] = vecTimes.length));
  lastVecGid = gid;
  return BUILD_OK;
}

/** Appends a time (ms) to the VecStim added last; BUILD_SOURCE_CONFLICT before any VecStim. */
export function addVecStimTime(timeMs: f64): i32 {
  if (lastVecGid < 0) return BUILD_SOURCE_CONFLICT;
  vecTimes.push(timeMs);
  unchecked((srcEvEnd[lastVecGid] = vecTimes.length));
  return BUILD_OK;
}

export function sourceCount(): i32 {
  return srcKind.length;
}

// --- NetCons: unsorted while building, CSR by source gid after finalize ----------------------
const ncSrc = new Array<i32>(0);
const ncTarget = new Array<i32>(0); // synapse index
const ncWeight = new Array<f64>(0); // µS
const ncDelay = new Array<f64>(0); // ms
let ncStart = new Array<i32>(0); // CSR offsets into ncOrder, by gid
let ncOrder = new Array<i32>(0);

/** A NetCon from gid srcGid (≥ 0) to synapse syn (a valid synapse); returns its index. */
export function addNetCon(srcGid: i32, syn: i32, weightUs: f64, delayMs: f64): i32 {
  if (srcGid < 0) return BUILD_BAD_ARGUMENT;
  // The source may live in another engine instance (a partitioned trial): it still needs a slot.
  ensureGid(srcGid);
  const k = ncSrc.length;
  ncSrc.push(srcGid);
  ncTarget.push(syn);
  ncWeight.push(weightUs);
  ncDelay.push(delayMs);
  return k;
}

/** Room for n more NetCons: adding them in several calls then grows no column. */
export function reserveNetCons(n: i32): void {
  reserve(ncSrc, n);
  reserve(ncTarget, n);
  reserve(ncWeight, n);
  reserve(ncDelay, n);
}

/**
 * n NetCons at once from i32 columns srcGid (each ≥ 0) and synapse (each a valid synapse), f64
 * columns weight (µS) and delay (ms) at the given addresses; returns the first one's index.
 */
export function addNetCons(n: i32, srcGidPtr: usize, synPtr: usize, weightPtr: usize, delayPtr: usize): i32 {
  let maxGid: i32 = -1;
  for (let i = 0; i < n; i++) maxGid = max(maxGid, ldi(srcGidPtr, i));
  if (maxGid >= 0) ensureGid(maxGid);
  const k = ncSrc.length;
  appendFrom<i32>(ncSrc, srcGidPtr, n);
  appendFrom<i32>(ncTarget, synPtr, n);
  appendFrom<f64>(ncWeight, weightPtr, n);
  appendFrom<f64>(ncDelay, delayPtr, n);
  return k;
}

function buildCsr(): void {
  const nSrc = srcKind.length;
  ncStart = filledI32(nSrc + 1, 0);
  for (let k = 0; k < ncSrc.length; k++) unchecked((ncStart[ncSrc[k] + 1] += 1));
  for (let g = 0; g < nSrc; g++) unchecked((ncStart[g + 1] += ncStart[g]));
  ncOrder = filledI32(ncSrc.length, 0);
  const fill = filledI32(nSrc, 0);
  for (let k = 0; k < ncSrc.length; k++) {
    const g = unchecked(ncSrc[k]);
    unchecked((ncOrder[ncStart[g] + fill[g]] = k));
    unchecked((fill[g] += 1));
  }
}

// --- event queue: binary min-heap of (time, id); id ≥ 0 NetCon, id < 0 VecStim self-event -----
let heapT = new Array<f64>(0);
let heapId = new Array<i32>(0);
let heapSize: i32 = 0;

function heapPush(t: f64, id: i32): void {
  if (heapSize == heapT.length) {
    // Amortised growth: only when more events are in flight than ever before in this run.
    const cap = heapT.length * 2 + 16;
    while (heapT.length < cap) {
      heapT.push(0.0);
      heapId.push(0);
    }
  }
  let i = heapSize++;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (unchecked(heapT[p]) <= t) break;
    unchecked((heapT[i] = heapT[p]));
    unchecked((heapId[i] = heapId[p]));
    i = p;
  }
  unchecked((heapT[i] = t));
  unchecked((heapId[i] = id));
}

function heapPop(): void {
  heapSize--;
  if (heapSize == 0) return;
  const t = unchecked(heapT[heapSize]);
  const id = unchecked(heapId[heapSize]);
  let i = 0;
  while (true) {
    let c = 2 * i + 1;
    if (c >= heapSize) break;
    if (c + 1 < heapSize && unchecked(heapT[c + 1]) < unchecked(heapT[c])) c++;
    if (unchecked(heapT[c]) >= t) break;
    unchecked((heapT[i] = heapT[c]));
    unchecked((heapId[i] = heapId[c]));
    i = c;
  }
  unchecked((heapT[i] = t));
  unchecked((heapId[i] = id));
}

// --- recorded spikes (drained by the host between chunks) ------------------------------------
let spikeT = new Array<f64>(0);
let spikeGid = new Array<i32>(0);
let spikeCount: i32 = 0;
let spikeOverflow: bool = false;

export function spikeTimesPtr(): usize {
  return spikeT.dataStart;
}
export function spikeGidsPtr(): usize {
  return spikeGid.dataStart;
}
export function spikesRecorded(): i32 {
  return spikeCount;
}
export function spikeCapacity(): i32 {
  return spikeT.length;
}
export function clearSpikes(): void {
  spikeCount = 0;
}
export function spikesOverflowed(): bool {
  return spikeOverflow;
}

/** A source fires at tSpike: record it and queue one event per outgoing NetCon. */
function emit(gid: i32, tSpike: f64): void {
  if (spikeCount < spikeT.length) {
    unchecked((spikeT[spikeCount] = tSpike));
    unchecked((spikeGid[spikeCount] = gid));
    spikeCount++;
  } else spikeOverflow = true;
  queueOutgoing(gid, tSpike);
}

/** One event per outgoing NetCon of gid for a spike at tSpike (NUMERICS.md §5). */
function queueOutgoing(gid: i32, tSpike: f64): void {
  const end = unchecked(ncStart[gid + 1]);
  for (let j = unchecked(ncStart[gid]); j < end; j++) {
    const k = unchecked(ncOrder[j]);
    heapPush(tSpike + unchecked(ncDelay[k]), k);
  }
}

/** Schedule a VecStim's next stored time: self-event at (s_prev + e) − s_prev (CHANNELS.md §vecevent). */
function scheduleNext(gid: i32): void {
  const k = unchecked(srcEvNext[gid]);
  if (k >= unchecked(srcEvEnd[gid])) return;
  unchecked((srcEvNext[gid] = k + 1));
  const sPrev = unchecked(srcLastT[gid]);
  heapPush(sPrev + unchecked(vecTimes[k]) - sPrev, -1 - gid);
}

/** finitialize for events: clear queue, reset detectors, schedule every VecStim (NUMERICS.md §4). */
export function initEvents(spikeCap: i32): void {
  buildCsr();
  heapSize = 0;
  if (heapT.length < ncSrc.length + srcKind.length + 16) {
    heapT = filledF64(ncSrc.length + srcKind.length + 16, 0.0);
    heapId = filledI32(ncSrc.length + srcKind.length + 16, 0);
  }
  spikeT = filledF64(spikeCap, 0.0);
  spikeGid = filledI32(spikeCap, 0);
  spikeCount = 0;
  spikeOverflow = false;
  for (let g = 0; g < srcKind.length; g++) {
    unchecked((srcAbove[g] = 0));
    if (unchecked(srcKind[g]) == KIND_VECSTIM) {
      unchecked((srcEvNext[g] = srcEvStart[g]));
      unchecked((srcLastT[g] = 0.0));
      scheduleNext(g);
    }
  }
}

/** Threshold check of every cell at time t with the current v (NUMERICS.md §6). */
export function checkThresholds(t: f64): void {
  const vp = v.dataStart;
  for (let g = 0; g < srcKind.length; g++) {
    if (unchecked(srcKind[g]) != KIND_CELL) continue;
    if (ldf(vp, unchecked(srcNode[g])) - unchecked(srcThreshold[g]) > 0.0) {
      if (unchecked(srcAbove[g]) == 0) {
        unchecked((srcAbove[g] = 1));
        emit(g, t + TEPS);
      }
    } else unchecked((srcAbove[g] = 0));
  }
}

/** Deliver every queued event with time ≤ tLimit (NUMERICS.md §3 steps 1 and 11, §5). */
export function deliverUntil(tLimit: f64): void {
  while (heapSize > 0 && unchecked(heapT[0]) <= tLimit) {
    const te = unchecked(heapT[0]);
    const id = unchecked(heapId[0]);
    heapPop();
    if (id >= 0) receive(unchecked(ncTarget[id]), unchecked(ncWeight[id]));
    else {
      const gid = -1 - id;
      emit(gid, te);
      unchecked((srcLastT[gid] = te));
      scheduleNext(gid);
    }
  }
}

/**
 * A spike of a cell simulated in another engine instance (cells of one trial split across
 * workers): queues its NetCons' events here without recording it (none for a gid no NetCon here
 * names). BUILD_BAD_ARGUMENT for a negative gid.
 */
export function injectSpike(gid: i32, tSpike: f64): i32 {
  if (gid < 0) return BUILD_BAD_ARGUMENT;
  if (gid < srcKind.length) queueOutgoing(gid, tSpike);
  return BUILD_OK;
}

/** Smallest delay (ms) of the NetCons whose source is a cell here or elsewhere (not a VecStim), or +inf. */
export function minCellNetConDelay(): f64 {
  let m = Infinity;
  for (let k = 0; k < ncSrc.length; k++) {
    if (unchecked(srcKind[ncSrc[k]]) != KIND_VECSTIM && unchecked(ncDelay[k]) < m) m = unchecked(ncDelay[k]);
  }
  return m;
}
