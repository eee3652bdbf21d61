// Point processes at nodes: Exp2Syn (CHANNELS.md §Exp2Syn) and IClamp (§IClamp).
import { area, v, rhs, diag } from "./tree";
import { ldf, stf, ldi, ldc2, stc2 } from "./util";

export const synNode = new Array<i32>(0);
export const synE = new Array<f64>(0); // mV
export const synTau1 = new Array<f64>(0); // ms, after NEURON's INITIAL adjustment
export const synTau2 = new Array<f64>(0); // ms
export const synFactor = new Array<f64>(0); // peak normalisation
export const synDecay1 = new Array<f64>(0); // 1 − exp(−dt/tau1)
export const synDecay2 = new Array<f64>(0); // 1 − exp(−dt/tau2)
const synScale = new Array<f64>(0); // 100/area of the synapse's node (nA → mA/cm²)
export const synA = new Array<f64>(0); // µS
export const synB = new Array<f64>(0); // µS
/** Current i (nA) as last set in the current assembly (NUMERICS.md §3 step 10). */
export const synI = new Array<f64>(0);

export function addExp2Syn(nd: i32, eMv: f64, tau1Ms: f64, tau2Ms: f64): i32 {
  let tau1 = tau1Ms;
  // exp2syn.mod INITIAL: keep tau1 < tau2.
  if (tau1 / tau2Ms > 0.9999) tau1 = 0.9999 * tau2Ms;
  if (tau1 / tau2Ms < 1e-9) tau1 = 1e-9 * tau2Ms;
  const tp = ((tau1 * tau2Ms) / (tau2Ms - tau1)) * Math.log(tau2Ms / tau1);
  const factor = 1.0 / (-Math.exp(-tp / tau1) + Math.exp(-tp / tau2Ms));
  const s = synNode.length;
  synNode.push(nd);
  synE.push(eMv);
  synTau1.push(tau1);
  synTau2.push(tau2Ms);
  synFactor.push(factor);
  synDecay1.push(0.0);
  synDecay2.push(0.0);
  synScale.push(0.0);
  synA.push(0.0);
  synB.push(0.0);
  synI.push(0.0);
  return s;
}

/** INITIAL: A = B = 0; decay factors for this dt; current scale factors. */
export function initSynapses(dt: f64): void {
  for (let s = 0; s < synNode.length; s++) {
    unchecked((synA[s] = 0.0));
    unchecked((synB[s] = 0.0));
    unchecked((synI[s] = 0.0));
    unchecked((synDecay1[s] = 1.0 - Math.exp(dt * (-1.0 / synTau1[s]))));
    unchecked((synDecay2[s] = 1.0 - Math.exp(dt * (-1.0 / synTau2[s]))));
    unchecked((synScale[s] = 1e2 / area[synNode[s]]));
  }
}

/** NET_RECEIVE: A += w·factor, B += w·factor (NUMERICS.md §5). */
// @ts-ignore: decorator
@inline export function receive(s: i32, weightUs: f64): void {
  const x = weightUs * unchecked(synFactor[s]);
  unchecked((synA[s] += x));
  unchecked((synB[s] += x));
}

/** Synaptic currents scaled by 100/area into the node equations (NUMERICS.md §3 step 3). */
export function addSynapseCurrents(): void {
  const cnt = synNode.length;
  const np = synNode.dataStart, ep = synE.dataStart, ap = synA.dataStart, bp = synB.dataStart, ip = synI.dataStart;
  const sp = synScale.dataStart, vp = v.dataStart, rp = rhs.dataStart, dp = diag.dataStart;
  for (let s = 0; s < cnt; s++) {
    const nd = ldi(np, s);
    const g = ldf(bp, s) - ldf(ap, s);
    if (g == 0.0) {
      stf(ip, s, g * (ldf(vp, nd) - ldf(ep, s)));
      continue;
    }
    const vm = ldf(vp, nd);
    const e = ldf(ep, s);
    const i1 = g * (vm + 0.001 - e);
    const i0 = g * (vm - e);
    stf(ip, s, i0);
    const fac = ldf(sp, s);
    stf(rp, nd, ldf(rp, nd) - i0 * fac);
    stf(dp, nd, ldf(dp, nd) + ((i1 - i0) / 0.001) * fac);
  }
}

/** Exact exponential decay of A and B (NUMERICS.md §3 step 8). */
export function updateSynapses(): void {
  const cnt = synNode.length;
  const ap = synA.dataStart, bp = synB.dataStart, d1 = synDecay1.dataStart, d2 = synDecay2.dataStart;
  for (let s = 0; s < cnt; s += 2) {
    const t = min(s + 1, cnt - 1); // an odd count's last synapse fills both lanes
    const a = ldc2(ap, s, t);
    const b = ldc2(bp, s, t);
    stc2(ap, s, t, f64x2.add(a, f64x2.mul(ldc2(d1, s, t), f64x2.neg(a))));
    stc2(bp, s, t, f64x2.add(b, f64x2.mul(ldc2(d2, s, t), f64x2.neg(b))));
  }
}

export const clampNode = new Array<i32>(0);
export const clampDelay = new Array<f64>(0); // ms
export const clampDur = new Array<f64>(0); // ms
export const clampAmp = new Array<f64>(0); // nA

export function addIClamp(nd: i32, delayMs: f64, durMs: f64, ampNa: f64): void {
  clampNode.push(nd);
  clampDelay.push(delayMs);
  clampDur.push(durMs);
  clampAmp.push(ampNa);
}

/** Electrode current, on when del ≤ t < del + dur at the mid-step time (CHANNELS.md §IClamp). */
export function addClampCurrents(tMid: f64): void {
  for (let c = 0; c < clampNode.length; c++) {
    const del = unchecked(clampDelay[c]);
    if (tMid >= del && tMid < del + unchecked(clampDur[c])) {
      const nd = unchecked(clampNode[c]);
      unchecked((rhs[nd] += (clampAmp[c] * 100.0) / area[nd]));
    }
  }
}
