// Recording (NUMERICS.md §3 step 10) and the current dipole (DIPOLE.md §2-3): buffers sized once
// at initialisation, one sample per step; dipoles summed per group (the host maps groups to layers).
import { v, parent, ri, secFirst, secNseg, secEnd } from "./tree";
import { synI } from "./synapses";
import { cai } from "./mechanisms/caion";
import { ldf, stf, ldi, filledF64 } from "./util";

// Dipole terms: Q += coef·(v_parent − v_node), coef = Δz/R (µm/MΩ), one term per non-root node
// of every dipole section, summed into its group.
const dplNode = new Array<i32>(0);
const dplCoef = new Array<f64>(0);
const dplGroup = new Array<i32>(0);
let nGroups: i32 = 0;
let dplNow = new Array<f64>(0); // fAm, this step's sum per group

/** Dipole terms of section sec with direction cosine cosTheta (DIPOLE.md §2). */
export function addDipoleSection(sec: i32, lengthUm: f64, cosTheta: f64, group: i32): void {
  const nseg = unchecked(secNseg[sec]);
  const delta = lengthUm / <f64>nseg;
  const first = unchecked(secFirst[sec]);
  for (let k = 0; k <= nseg; k++) {
    // Interior k = 1: half a segment; k ≥ 2: a whole one; the x = 1 end: half again.
    const nd = k < nseg ? first + k : unchecked(secEnd[sec]);
    const dz = (k == 0 || k == nseg ? 0.5 : 1.0) * delta * cosTheta;
    dplNode.push(nd);
    dplCoef.push(dz * (1.0 / unchecked(ri[nd])));
    dplGroup.push(group);
  }
  if (group + 1 > nGroups) nGroups = group + 1;
}

function computeDipoles(): void {
  const dp = dplNow.dataStart;
  for (let g = 0; g < nGroups; g++) stf(dp, g, 0.0);
  const vp = v.dataStart, pp = parent.dataStart, np = dplNode.dataStart, cp = dplCoef.dataStart, gp = dplGroup.dataStart;
  // The group's running sum stays in a register while consecutive terms share a group (the same
  // additions in the same order; memory round trips would serialise the loop).
  const cnt = dplNode.length;
  let g = cnt > 0 ? ldi(gp, 0) : 0;
  let sum = ldf(dp, g);
  for (let j = 0; j < cnt; j++) {
    const nd = ldi(np, j);
    const gj = ldi(gp, j);
    if (gj != g) {
      stf(dp, g, sum);
      g = gj;
      sum = ldf(dp, g);
    }
    sum += ldf(cp, j) * (ldf(vp, ldi(pp, nd)) - ldf(vp, nd));
  }
  if (cnt > 0) stf(dp, g, sum);
}

// Node recordings: a quantity (one of the numbers below) at an index into its array, read every
// step through an address resolved once at initRecording, when no array grows any more.

/** Node quantity: membrane potential (mV), indexed by node. */
export const QUANTITY_V: i32 = 0;
/** Node quantity: the Ca pool's cai (mM), indexed by pool (caion.ts). */
export const QUANTITY_CAI: i32 = 1;

const nodeRecQuantity = new Array<i32>(0);
const nodeRecIndex = new Array<i32>(0);
let nodeRecAddr = new Array<usize>(0);
const iRecSyn = new Array<i32>(0);

/** Records `quantity` at entry `index` of its array (a node for v, a pool for cai); returns the recording index. */
export function recordNode(quantity: i32, index: i32): i32 {
  nodeRecQuantity.push(quantity);
  nodeRecIndex.push(index);
  return nodeRecIndex.length - 1;
}

export function recordSynCurrent(syn: i32): i32 {
  iRecSyn.push(syn);
  return iRecSyn.length - 1;
}

// Buffers: [trace][sample].
let nSamples: i32 = 0;
let sample: i32 = 0;
let tBuf = new Array<f64>(0);
let nodeBuf = new Array<f64>(0);
let iBuf = new Array<f64>(0);
let dBuf = new Array<f64>(0);

export function initRecording(samples: i32): void {
  nSamples = samples;
  sample = 0;
  tBuf = filledF64(samples, 0.0);
  const nRec = nodeRecIndex.length;
  nodeBuf = filledF64(samples * nRec, 0.0);
  nodeRecAddr = new Array<usize>(nRec);
  for (let r = 0; r < nRec; r++) {
    const base = unchecked(nodeRecQuantity[r]) == QUANTITY_CAI ? cai.dataStart : v.dataStart;
    unchecked((nodeRecAddr[r] = base + (<usize>unchecked(nodeRecIndex[r]) << 3)));
  }
  iBuf = filledF64(samples * iRecSyn.length, 0.0);
  dBuf = filledF64(samples * nGroups, 0.0);
  dplNow = filledF64(nGroups, 0.0);
}

/** Take one sample at time t; `dipoleIsZero` for finitialize's sample (DIPOLE.md §2: exactly 0). */
export function takeSample(t: f64, dipoleIsZero: bool): void {
  if (sample >= nSamples) return;
  const s = sample++;
  unchecked((tBuf[s] = t));
  const nb = nodeBuf.dataStart;
  for (let r = 0; r < nodeRecAddr.length; r++) stf(nb, r * nSamples + s, load<f64>(unchecked(nodeRecAddr[r])));
  const ip = synI.dataStart, ib = iBuf.dataStart;
  for (let r = 0; r < iRecSyn.length; r++) stf(ib, r * nSamples + s, ldf(ip, unchecked(iRecSyn[r])));
  if (!dipoleIsZero) computeDipoles();
  const db = dBuf.dataStart;
  for (let g = 0; g < nGroups; g++) stf(db, g * nSamples + s, dipoleIsZero ? 0.0 : unchecked(dplNow[g]));
}

export function timesPtr(): usize {
  return tBuf.dataStart;
}
/** Samples of node recording `rec` (recordNode). */
export function nodeTracePtr(rec: i32): usize {
  return nodeBuf.dataStart + ((<usize>rec * <usize>nSamples) << 3);
}
export function synCurrentPtr(rec: i32): usize {
  return iBuf.dataStart + ((<usize>rec * <usize>nSamples) << 3);
}
export function dipolePtr(group: i32): usize {
  return dBuf.dataStart + ((<usize>group * <usize>nSamples) << 3);
}
