// hh2: Na, delayed-rectifier K and leak (CHANNELS.md §hh2; hnn-core hh2.mod).
import { RateTable, tableOut, cnexp } from "../tables";
import { v, rhs, diag } from "../tree";
import { ldf, stf, ldi } from "../util";

const ENA: f64 = 50.0; // mV, constant (CELLS.md §0)
const EK: f64 = -77.0; // mV, constant

export const node = new Array<i32>(0);
export const gnabar = new Array<f64>(0); // S/cm²
export const gkbar = new Array<f64>(0); // S/cm²
export const gl = new Array<f64>(0); // S/cm²
export const el = new Array<f64>(0); // mV
export const m = new Array<f64>(0);
export const h = new Array<f64>(0);
export const n = new Array<f64>(0);

let q10: f64 = 1.0;
let table: RateTable | null = null;

export function add(nd: i32, gnabarS: f64, gkbarS: f64, glS: f64, elMv: f64): void {
  node.push(nd);
  gnabar.push(gnabarS);
  gkbar.push(gkbarS);
  gl.push(glS);
  el.push(elMv);
  m.push(0.0);
  h.push(0.0);
  n.push(0.0);
}

// hh2.mod:114-120
function vtrap(x: f64, y: f64): f64 {
  if (Math.abs(x / y) < 1e-6) return y * (1.0 - x / y / 2.0);
  return x / (Math.exp(x / y) - 1.0);
}

// hh2.mod:93-111; columns minf, mtau, hinf, htau, ninf, ntau.
function rates(vm: f64, out: StaticArray<f64>): void {
  const am = 0.1 * vtrap(-(vm + 40.0), 10.0);
  const bm = 4.0 * Math.exp(-(vm + 65.0) / 18.0);
  const ah = 0.07 * Math.exp(-(vm + 65.0) / 20.0);
  const bh = 1.0 / (Math.exp(-(vm + 35.0) / 10.0) + 1.0);
  const an = 0.01 * vtrap(-(vm + 55.0), 10.0);
  const bn = 0.125 * Math.exp(-(vm + 65.0) / 80.0);
  let s = am + bm;
  unchecked((out[1] = 1.0 / (q10 * s)));
  unchecked((out[0] = am / s));
  s = ah + bh;
  unchecked((out[3] = 1.0 / (q10 * s)));
  unchecked((out[2] = ah / s));
  s = an + bn;
  unchecked((out[5] = 1.0 / (q10 * s)));
  unchecked((out[4] = an / s));
}

/** Build the rate table for temperature celsius (hh2.mod:90, TABLE from −100 to 100 mV, 200 steps). */
export function buildTable(celsius: f64): void {
  q10 = Math.pow(3.0, (celsius - 6.3 - 30.7) / 10.0);
  table = new RateTable(-100.0, 100.0, 200, 6, rates);
}

/** INITIAL: gates at steady state for the node's v. */
export function init(): void {
  const t = table!;
  for (let i = 0; i < node.length; i++) {
    t.lookup(unchecked(v[unchecked(node[i])]));
    unchecked((m[i] = tableOut[0]));
    unchecked((h[i] = tableOut[2]));
    unchecked((n[i] = tableOut[4]));
  }
}

// @ts-ignore: decorator
@inline function current(vm: f64, mi: f64, hi: f64, ni: f64, gna: f64, gk: f64, g: f64, e: f64): f64 {
  const ina = gna * mi * mi * mi * hi * (vm - ENA);
  const ik = gk * ni * ni * ni * ni * (vm - EK);
  const il = g * (vm - e);
  return ina + ik + il;
}

/** Currents and numerical conductance at every instance (NUMERICS.md §3 step 3). */
export function addCurrents(): void {
  const cnt = node.length;
  const np = node.dataStart, vp = v.dataStart, rp = rhs.dataStart, dp = diag.dataStart;
  const mp = m.dataStart, hp = h.dataStart, nq = n.dataStart;
  const gnap = gnabar.dataStart, gkp = gkbar.dataStart, glp = gl.dataStart, elp = el.dataStart;
  for (let i = 0; i < cnt; i++) {
    const nd = ldi(np, i);
    const vm = ldf(vp, nd);
    const mi = ldf(mp, i), hi = ldf(hp, i), ni = ldf(nq, i);
    const gna = ldf(gnap, i), gk = ldf(gkp, i), g = ldf(glp, i), e = ldf(elp, i);
    const i1 = current(vm + 0.001, mi, hi, ni, gna, gk, g, e);
    const i0 = current(vm, mi, hi, ni, gna, gk, g, e);
    stf(rp, nd, ldf(rp, nd) - i0);
    stf(dp, nd, ldf(dp, nd) + (i1 - i0) / 0.001);
  }
}

/** cnexp state update with rates at the new v (NUMERICS.md §3 step 8). */
export function updateStates(dt: f64): void {
  const t = table!;
  const cnt = node.length;
  const np = node.dataStart, vp = v.dataStart;
  const mp = m.dataStart, hp = h.dataStart, nq = n.dataStart;
  for (let i = 0; i < cnt; i++) {
    t.lookup(ldf(vp, ldi(np, i)));
    stf(mp, i, cnexp(ldf(mp, i), unchecked(tableOut[0]), unchecked(tableOut[1]), dt));
    stf(hp, i, cnexp(ldf(hp, i), unchecked(tableOut[2]), unchecked(tableOut[3]), dt));
    stf(nq, i, cnexp(ldf(nq, i), unchecked(tableOut[4]), unchecked(tableOut[5]), dt));
  }
}
