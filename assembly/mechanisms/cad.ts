// cad: Ca shell with first-order decay to cainf (CHANNELS.md §cad; hnn-core cad.mod).
import { cai, ica, poolAt } from "./caion";
import { ldf, stf, ldi } from "../util";

const DEPTH_UM: f64 = 0.1;
const CAINF_MM: f64 = 1e-4;
const FARADAY_CAD: f64 = 96485.3; // compiled into cad.mod under legacy units (not eion's value)

export const pool = new Array<i32>(0);
export const taur = new Array<f64>(0); // ms

export function add(nd: i32, taurMs: f64): void {
  pool.push(poolAt(nd));
  taur.push(taurMs);
}

/** INITIAL: ca = cai = cainf. */
export function init(): void {
  for (let i = 0; i < pool.length; i++) unchecked((cai[unchecked(pool[i])] = CAINF_MM));
}

/** cnexp update with the drive frozen at this step's ica (CHANNELS.md §cad); runs before kca. */
export function updateStates(dt: f64): void {
  const cnt = pool.length;
  const pp = pool.dataStart, tp = taur.dataStart, cp = cai.dataStart, ip = ica.dataStart;
  for (let i = 0; i < cnt; i++) {
    const p = ldi(pp, i);
    let drive = (-10000.0 * ldf(ip, p)) / (2.0 * FARADAY_CAD * DEPTH_UM);
    if (drive <= 0.0) drive = 0.0; // no outward pumping (cad.mod:89-96)
    const tr = ldf(tp, i);
    const ca = ldf(cp, p);
    stf(cp, p, ca + (1.0 - Math.exp(dt * (-1.0 / tr))) * (-(drive + CAINF_MM / tr) / (-1.0 / tr) - ca));
  }
}
