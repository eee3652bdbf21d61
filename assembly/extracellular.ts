// Membrane currents and extracellular potentials: NEURON's i_membrane_ under cvode.use_fast_imem(1)
// (fadvance.cpp nrn_calc_fast_imem, treeset.cpp nrn_rhs / nrn_lhs of NEURON 8.2) at the segments
// the host lists, and per step the potential of each electrode contact, Σ_seg R[contact][seg]·i_m[seg].
// Off (no work in the loop) unless recordMembraneCurrents was called at build time.
//
// NEURON saves, per node and step, after the mechanism and synapse currents and the capacitance
// but before the axial terms: savRhs = −rhs (ELECTRODE_CURRENTs such as IClamp left out) and
// savD = d. After the solve (rhs = Δv): i_m = (savD·Δv + savRhs)·area·0.01 (mA/cm²·µm² → nA).
import { rhs, diag, area } from "./tree";
import { ldf, stf, ldi, filledF64, appendFrom } from "./util";

/** Whether membrane currents are computed (set at build time by recordMembraneCurrents). */
export let enabled: bool = false;

/** Engine node of each recorded segment (interior nodes, in the host's order). */
const segNode = new Array<i32>(0);
/** Per segment, this step: −rhs after the membrane currents (mA/cm²), d after the capacitance (mA/cm²/mV). */
let savRhs = new Array<f64>(0);
let savD = new Array<f64>(0);
/** Per segment: total membrane current of the last step (nA); padded with one 0 to an even length. */
let imem = new Array<f64>(0);

/** Transfer resistances (µV/nA = kΩ), [contact][segment], each row padded to an even length with 0. */
const transfer = new Array<f64>(0);
let nContacts: i32 = 0;
/** Potentials (µV), [contact][sample]. */
let potentials = new Array<f64>(0);
let nSamples: i32 = 0;
let sample: i32 = 0;

/** Segment count rounded up to even (the row stride of `transfer`). */
function stride(): i32 {
  return (segNode.length + 1) & ~1;
}

/** Appends n segments (engine nodes at nodePtr, i32) to the recorded ones; returns the first one's index. */
export function addSegments(n: i32, nodePtr: usize): i32 {
  const first = segNode.length;
  appendFrom<i32>(segNode, nodePtr, n);
  enabled = true;
  return first;
}

/** Whether contacts were added (segments can no longer be added: the rows have their length). */
export function hasContacts(): bool {
  return nContacts > 0;
}

/** Appends n contacts whose transfer resistances are at rPtr, [contact][segment] (f64); returns the first one's index. */
export function addContacts(n: i32, rPtr: usize): i32 {
  const first = nContacts;
  const nSeg = segNode.length, w = stride();
  const k = transfer.length;
  transfer.length = k + n * w;
  for (let c = 0; c < n; c++) {
    memory.copy(transfer.dataStart + (<usize>(k + c * w) << 3), rPtr + (<usize>(c * nSeg) << 3), <usize>nSeg << 3);
    if (w > nSeg) unchecked((transfer[k + c * w + nSeg] = 0.0));
  }
  nContacts += n;
  return first;
}

/** Sizes the buffers for `samples` samples; sample 0 (t = 0) is 0 at every contact, as hnn-core defines it. */
export function initExtracellular(samples: i32): void {
  if (!enabled) return;
  const nSeg = segNode.length;
  savRhs = filledF64(nSeg, 0.0);
  savD = filledF64(nSeg, 0.0);
  imem = filledF64(stride(), 0.0);
  potentials = filledF64(samples * nContacts, 0.0);
  nSamples = samples;
  sample = samples > 0 ? 1 : 0;
}

/** treeset.cpp nrn_rhs: after the membrane currents, before IClamps and axial terms: savRhs = 0 − rhs. */
export function saveRhs(): void {
  const np = segNode.dataStart, sp = savRhs.dataStart, rp = rhs.dataStart;
  for (let j = 0; j < segNode.length; j++) stf(sp, j, 0.0 - ldf(rp, ldi(np, j)));
}

/** treeset.cpp nrn_lhs: after the capacitance, before the axial terms: savD = 0 + d. */
export function saveD(): void {
  const np = segNode.dataStart, sp = savD.dataStart, dp = diag.dataStart;
  for (let j = 0; j < segNode.length; j++) stf(sp, j, 0.0 + ldf(dp, ldi(np, j)));
}

/** fadvance.cpp nrn_calc_fast_imem, after the solve (rhs = Δv): i_m (nA) of every segment. */
export function computeMembraneCurrents(): void {
  const np = segNode.dataStart, ip = imem.dataStart, rp = rhs.dataStart, ap = area.dataStart;
  const sr = savRhs.dataStart, sd = savD.dataStart;
  for (let j = 0; j < segNode.length; j++) {
    const nd = ldi(np, j);
    stf(ip, j, (ldf(sd, j) * ldf(rp, nd) + ldf(sr, j)) * ldf(ap, nd) * 0.01);
  }
}

/** The next sample of every contact: Σ_seg R·i_m, two segments per f64x2 lane pair, two contacts at a time. */
export function takeExtracellularSample(): void {
  if (sample >= nSamples) return;
  const s = sample++;
  const w = stride();
  const ip = imem.dataStart, tp = transfer.dataStart, pp = potentials.dataStart;
  let c = 0;
  for (; c + 1 < nContacts; c += 2) {
    const r0 = tp + (<usize>(c * w) << 3), r1 = r0 + (<usize>w << 3);
    let acc0 = f64x2.splat(0.0), acc1 = f64x2.splat(0.0);
    for (let j = 0; j < w; j += 2) {
      const i2 = v128.load(ip + (<usize>j << 3));
      acc0 = f64x2.add(acc0, f64x2.mul(v128.load(r0 + (<usize>j << 3)), i2));
      acc1 = f64x2.add(acc1, f64x2.mul(v128.load(r1 + (<usize>j << 3)), i2));
    }
    stf(pp, c * nSamples + s, f64x2.extract_lane(acc0, 0) + f64x2.extract_lane(acc0, 1));
    stf(pp, (c + 1) * nSamples + s, f64x2.extract_lane(acc1, 0) + f64x2.extract_lane(acc1, 1));
  }
  if (c < nContacts) {
    const r0 = tp + (<usize>(c * w) << 3);
    let acc = f64x2.splat(0.0);
    for (let j = 0; j < w; j += 2) acc = f64x2.add(acc, f64x2.mul(v128.load(r0 + (<usize>j << 3)), v128.load(ip + (<usize>j << 3))));
    stf(pp, c * nSamples + s, f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1));
  }
}

/** Where contact c's samples start (µV, nSamples f64). */
export function extracellularPtr(contact: i32): usize {
  return potentials.dataStart + ((<usize>contact * <usize>nSamples) << 3);
}

/** Where the segments' membrane currents of the last step start (nA, one f64 per recorded segment). */
export function membraneCurrentPtr(): usize {
  return imem.dataStart;
}

/** Number of recorded segments. */
export function segmentCount(): i32 {
  return segNode.length;
}
