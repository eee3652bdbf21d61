// hh2: Na, delayed-rectifier K and leak (CHANNELS.md §hh2; hnn-core hh2.mod).
import { v, addCurrent2 } from "../tree";
import { GateSet } from "./gates";
import { celsius } from "./temperature";
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

// hh2.mod:114-120
function vtrap(x: f64, y: f64): f64 {
  if (Math.abs(x / y) < 1e-6) return y * (1.0 - x / y / 2.0);
  return x / (Math.exp(x / y) - 1.0);
}

// hh2.mod:93-111; columns minf, mtau, hinf, htau, ninf, ntau; q10 = 3^((celsius − 6.3 − 30.7)/10) (hh2.mod:90).
function rates(vm: f64, out: StaticArray<f64>): void {
  const q10 = Math.pow(3.0, (celsius - 6.3 - 30.7) / 10.0);
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

/** TABLE from −100 to 100 mV in 200 steps (hh2.mod:90); INITIAL: every gate at steady state. */
export const gates = new GateSet(node, -100.0, 100.0, 200, rates, [m, h, n]);

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
