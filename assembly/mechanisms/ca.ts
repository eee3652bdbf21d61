// ca: high-voltage-activated Ca current writing ica (CHANNELS.md §ca; hnn-core ca.mod).
import { RateTable, tableOut } from "../tables";
import { v, addCurrent2 } from "../tree";
import { updateRange, cnexpGate } from "./gates";
import { ica, eca, addOnPool } from "./caion";
import { tadjK } from "./temperature";
import { ldi, ldf2, stf2, kv, ldc2 } from "../util";

// f64x2 constants (util.ts kv): 0.001 mV, 1e-4 (pS/µm² → S/cm²).
// @ts-ignore: decorator
@lazy const K = memory.data<f64>([0.001, 0.001, 1e-4, 1e-4]);

export const node = new Array<i32>(0);
export const pool = new Array<i32>(0);
export const gbar = new Array<f64>(0); // pS/µm²
export const m = new Array<f64>(0);
export const h = new Array<f64>(0);

/** The rate table built by buildTable() (null before); read by sharedgrid.ts and the engine specs. */
export let table: RateTable | null = null;

/** Returns false when no Ca pool (cad) exists at the node. */
export function add(nd: i32, gbarPsUm2: f64): bool {
  if (!addOnPool(nd, gbarPsUm2, node, pool, gbar)) return false;
  m.push(0.0);
  h.push(0.0);
  return true;
}

// ca.mod:110-127 in nocmodl's operation order (mtau = 1/tadj/(a+b)); columns minf, hinf, mtau, htau.
function rates(vm: f64, out: StaticArray<f64>): void {
  const a = (0.055 * (-27.0 - vm)) / (Math.exp((-27.0 - vm) / 3.8) - 1.0);
  const b = 0.94 * Math.exp((-75.0 - vm) / 17.0);
  unchecked((out[2] = 1.0 / tadjK / (a + b)));
  unchecked((out[0] = a / (a + b)));
  const a2 = 0.000457 * Math.exp((-13.0 - vm) / 50.0);
  const b2 = 0.0065 / (Math.exp((-vm - 15.0) / 28.0) + 1.0);
  unchecked((out[3] = 1.0 / tadjK / (a2 + b2)));
  unchecked((out[1] = a2 / (a2 + b2)));
}

/** TABLE from −120 to 100 mV in 199 steps (ca.mod:96-99). */
export function buildTable(): void {
  table = new RateTable(-120.0, 100.0, 199, 4, rates);
}

export function init(): void {
  const t = table!;
  for (let i = 0; i < node.length; i++) {
    t.lookup(unchecked(v[unchecked(node[i])]));
    unchecked((m[i] = tableOut[0]));
    unchecked((h[i] = tableOut[1]));
  }
}

export function addCurrents(): void {
  const cnt = node.length;
  const np = node.dataStart, vp = v.dataStart;
  const pp = pool.dataStart, gp = gbar.dataStart, mp = m.dataStart, hp = h.dataStart;
  const ip = ica.dataStart, ep = eca.dataStart;
  const milli = kv(K, 0), scale = kv(K, 1), tadj = f64x2.splat(tadjK);
  for (let i = 0; i < cnt; i += 2) {
    const j = min(i + 1, cnt - 1); // an odd count's last instance fills both lanes
    const a = ldi(np, i), b = ldi(np, j);
    const vm = ldf2(vp, a, b);
    const v1 = f64x2.add(vm, milli);
    const p = ldi(pp, i), q = ldi(pp, j);
    const mi = ldc2(mp, i, j);
    // ca.mod:72-76: ica = 1e-4·gca·(v − eca), gca = tadj·gbar·m²h, pS/µm² → mA/cm².
    const g = f64x2.mul(scale, f64x2.mul(f64x2.mul(f64x2.mul(f64x2.mul(tadj, ldc2(gp, i, j)), mi), mi), ldc2(hp, i, j)));
    const e = ldf2(ep, p, q);
    const i0 = f64x2.mul(g, f64x2.sub(vm, e));
    addCurrent2(a, b, f64x2.mul(g, f64x2.sub(v1, e)), i0);
    stf2(ip, p, q, f64x2.add(ldf2(ip, p, q), i0));
  }
}

/** ca's gate math for the table loop (gates.ts). */
// @ts-ignore: decorator
@final export class Gates {
  /** cnexp update of instances i (lane 0) and j (lane 1) from pair rows r0, r1 at θ (tables.ts). */
  // @ts-ignore: decorator
  @inline update2(i: i32, j: i32, r0: usize, r1: usize, th: v128, dtv: v128, inRange: bool): void {
    cnexpGate(m, i, j, r0, r1, 0, 2, th, dtv, inRange);
    cnexpGate(h, i, j, r0, r1, 1, 3, th, dtv, inRange);
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
  return t.tauInExpRange(2, dt) && t.tauInExpRange(3, dt);
}
