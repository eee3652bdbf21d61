// hh2: Na, delayed-rectifier K and leak (CHANNELS.md §hh2; hnn-core hh2.mod).
import { RateTable, tableOut } from "../tables";
import { v, addCurrent2 } from "../tree";
import { updateRange, cnexpGate } from "./gates";
import { ldi, ldf2, kv, ldc2 } from "../util";

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
/** The rate table built by buildTable() (null before); read by the engine specs. */
export let table: RateTable | null = null;

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

// f64x2 constants (util.ts kv): 0.001 mV, ena, ek.
// @ts-ignore: decorator
@lazy const K = memory.data<f64>([0.001, 0.001, ENA, ENA, EK, EK]);

/** ina + ik + il at potential x for conductances gna, gk, gl (hh2.mod:58-65), both lanes. */
// @ts-ignore: decorator
@inline function current(x: v128, gna: v128, gk: v128, g: v128, e: v128, ena: v128, ek: v128): v128 {
  const ina = f64x2.mul(gna, f64x2.sub(x, ena));
  const ik = f64x2.mul(gk, f64x2.sub(x, ek));
  return f64x2.add(f64x2.add(ina, ik), f64x2.mul(g, f64x2.sub(x, e)));
}

/** Currents and numerical conductance at every instance (NUMERICS.md §3 step 3). */
export function addCurrents(): void {
  const cnt = node.length;
  const np = node.dataStart, vp = v.dataStart;
  const mp = m.dataStart, hp = h.dataStart, nq = n.dataStart;
  const gnap = gnabar.dataStart, gkp = gkbar.dataStart, glp = gl.dataStart, elp = el.dataStart;
  const milli = kv(K, 0), ena = kv(K, 1), ek = kv(K, 2);
  for (let i = 0; i < cnt; i += 2) {
    const j = min(i + 1, cnt - 1); // an odd count's last instance fills both lanes
    const a = ldi(np, i), b = ldi(np, j);
    const vm = ldf2(vp, a, b);
    const v1 = f64x2.add(vm, milli);
    const mi = ldc2(mp, i, j), ni = ldc2(nq, i, j);
    // hh2.mod:58-65: gna = gnabar·m³h, gk = gkbar·n⁴ (computed once for both evaluations).
    const gna = f64x2.mul(f64x2.mul(f64x2.mul(f64x2.mul(ldc2(gnap, i, j), mi), mi), mi), ldc2(hp, i, j));
    const gk = f64x2.mul(f64x2.mul(f64x2.mul(f64x2.mul(ldc2(gkp, i, j), ni), ni), ni), ni);
    const g = ldc2(glp, i, j), e = ldc2(elp, i, j);
    addCurrent2(a, b, current(v1, gna, gk, g, e, ena, ek), current(vm, gna, gk, g, e, ena, ek));
  }
}

/** hh2's gate math for the table loop (gates.ts). */
// @ts-ignore: decorator
@final export class Gates {
  /** cnexp update of instances i (lane 0) and j (lane 1) from pair rows r0, r1 at θ (tables.ts). */
  // @ts-ignore: decorator
  @inline update2(i: i32, j: i32, r0: usize, r1: usize, th: v128, dtv: v128, inRange: bool): void {
    cnexpGate(m, i, j, r0, r1, 0, 1, th, dtv, inRange);
    cnexpGate(h, i, j, r0, r1, 2, 3, th, dtv, inRange);
    cnexpGate(n, i, j, r0, r1, 4, 5, th, dtv, inRange);
  }
}

/** The Gates value that gates.ts's loops take (its members inline; no state). */
export const gates = new Gates();

/** cnexp state update with rates at the new v (NUMERICS.md §3 step 8). */
export function updateStates(dt: f64, inRange: bool): void {
  updateRange<Gates>(gates, table!, node, 0, node.length, dt, inRange);
}

/** Whether updateStates(dt, true) is exact: every τ column in exp2x's fast range (tables.ts). */
export function tausInExpRange(dt: f64): bool {
  const t = table!;
  return t.tauInExpRange(1, dt) && t.tauInExpRange(3, dt) && t.tauInExpRange(5, dt);
}
