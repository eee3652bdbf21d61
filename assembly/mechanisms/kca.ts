// kca: Ca-activated K current, rates computed directly from cai (CHANNELS.md §kca; kca.mod).
import { cnexp } from "../tables";
import { v, rhs, diag } from "../tree";
import { cai, existingPool } from "./caion";
import { tadjK } from "./temperature";
import { ldf, stf, ldi } from "../util";

const EK: f64 = -77.0;
const RA: f64 = 0.01; // /ms
const RB: f64 = 0.02; // /ms

export const node = new Array<i32>(0);
export const pool = new Array<i32>(0);
export const gbar = new Array<f64>(0); // pS/µm²
export const n = new Array<f64>(0);

export function add(nd: i32, gbarPsUm2: f64): bool {
  const p = existingPool(nd);
  if (p < 0) return false;
  node.push(nd);
  pool.push(p);
  gbar.push(gbarPsUm2);
  n.push(0.0);
  return true;
}

/** INITIAL n = n∞(cai), after cad's INITIAL. */
export function init(): void {
  for (let i = 0; i < node.length; i++) {
    const a = RA * unchecked(cai[unchecked(pool[i])]);
    unchecked((n[i] = a / (a + RB)));
  }
}

export function addCurrents(): void {
  const cnt = node.length;
  const np = node.dataStart, vp = v.dataStart, rp = rhs.dataStart, dp = diag.dataStart;
  const gp = gbar.dataStart, nq = n.dataStart;
  for (let i = 0; i < cnt; i++) {
    const nd = ldi(np, i);
    const vm = ldf(vp, nd);
    const gk = tadjK * ldf(gp, i) * ldf(nq, i);
    const i1 = 1e-4 * gk * (vm + 0.001 - EK);
    const i0 = 1e-4 * gk * (vm - EK);
    stf(rp, nd, ldf(rp, nd) - i0);
    stf(dp, nd, ldf(dp, nd) + (i1 - i0) / 0.001);
  }
}

/** Uses the cai cad has just updated (cad runs first, CHANNELS.md §cad). */
export function updateStates(dt: f64): void {
  const cnt = node.length;
  const pp = pool.dataStart, cp = cai.dataStart, nq = n.dataStart;
  for (let i = 0; i < cnt; i++) {
    const a = RA * ldf(cp, ldi(pp, i));
    const tau = 1.0 / (tadjK * (a + RB));
    const inf = a / (a + RB);
    stf(nq, i, cnexp(ldf(nq, i), inf, tau, dt));
  }
}
