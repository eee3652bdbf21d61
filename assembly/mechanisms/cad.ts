// cad: Ca shell with first-order decay to cainf (CHANNELS.md §cad; hnn-core cad.mod).
import { cai, ica, poolAt } from "./caion";
import { ldf, stf, ldi } from "../util";

const DEPTH_UM: f64 = 0.1;
const CAINF_MM: f64 = 1e-4;
const FARADAY_CAD: f64 = 96485.3; // compiled into cad.mod under legacy units (not eion's value)

export const pool = new Array<i32>(0);
export const taur = new Array<f64>(0); // ms
const negRate = new Array<f64>(0); // −1/taur
const decay = new Array<f64>(0); // 1 − exp(dt·(−1/taur)), the same double every step

export function add(nd: i32, taurMs: f64): void {
  pool.push(poolAt(nd));
  taur.push(taurMs);
  negRate.push(0.0);
  decay.push(0.0);
}

/** INITIAL: ca = cai = cainf; the decay factors of this dt. */
export function init(dt: f64): void {
  for (let i = 0; i < pool.length; i++) {
    unchecked((cai[unchecked(pool[i])] = CAINF_MM));
    const r = -1.0 / unchecked(taur[i]);
    unchecked((negRate[i] = r));
    unchecked((decay[i] = 1.0 - Math.exp(dt * r)));
  }
}

/** cnexp update with the drive frozen at this step's ica (CHANNELS.md §cad); runs before kca. */
export function updateStates(): void {
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
