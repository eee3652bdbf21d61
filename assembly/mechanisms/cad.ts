// cad: Ca shell with first-order decay to cainf (CHANNELS.md §cad; hnn-core cad.mod).
import { cai, ica, poolAt } from "./caion";
import { BUILD_OK } from "../status";
import { ldf, stf, ldi, filledF64 } from "../util";

const DEPTH_UM: f64 = 0.1;
const CAINF_MM: f64 = 1e-4;
const FARADAY_CAD: f64 = 96485.3; // compiled into cad.mod under legacy units (not eion's value)

export const node = new Array<i32>(0);
export const pool = new Array<i32>(0);
export const taur = new Array<f64>(0); // ms
let negRate = new Array<f64>(0); // −1/taur
let decay = new Array<f64>(0); // 1 − exp(dt·(−1/taur)), the same double every step

/** The node's Ca pool, created by the first cad there. */
export function attach(nd: i32): i32 {
  pool.push(poolAt(nd));
  return BUILD_OK;
}

/** INITIAL: ca = cai = cainf; the decay factors of this dt. */
export function init(dtMs: f64): void {
  negRate = filledF64(pool.length, 0.0);
  decay = filledF64(pool.length, 0.0);
  for (let i = 0; i < pool.length; i++) {
    unchecked((cai[unchecked(pool[i])] = CAINF_MM));
    const r = -1.0 / unchecked(taur[i]);
    unchecked((negRate[i] = r));
    unchecked((decay[i] = 1.0 - Math.exp(dtMs * r)));
  }
}

/** cnexp update with the drive frozen at this step's ica (CHANNELS.md §cad); runs before kca. The decay factors hold dt. */
export function updateStates(dtMs: f64): void {
  const cnt = pool.length;
  const pp = pool.dataStart, tp = taur.dataStart, rp = negRate.dataStart, dp = decay.dataStart;
  const cp = cai.dataStart, ip = ica.dataStart;
  for (let i = 0; i < cnt; i++) {
    const p = ldi(pp, i);
    let drive = (-10000.0 * ldf(ip, p)) / (2.0 * FARADAY_CAD * DEPTH_UM);
    if (drive <= 0.0) drive = 0.0; // no outward pumping (cad.mod:89-96)
    const ca = ldf(cp, p);
    stf(cp, p, ca + ldf(dp, i) * (-(drive + CAINF_MM / ldf(tp, i)) / ldf(rp, i) - ca));
  }
}
