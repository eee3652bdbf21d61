// km: slow muscarinic K current (CHANNELS.md §km; hnn-core km.mod).
import { RateTable, tableOut } from "../tables";
import { v, addCurrent2 } from "../tree";
import { updateRange, cnexpGate } from "./gates";
import { tadjK } from "./temperature";
import { ldi, ldf2, kv, ldc2 } from "../util";

const EK: f64 = -77.0;
const THA: f64 = -30.0; // mV
const QA: f64 = 9.0; // mV
const RA: f64 = 0.001; // /ms
const RB: f64 = 0.001; // /ms

// f64x2 constants (util.ts kv): 0.001 mV, ek, 1e-4 (pS/µm² → S/cm²).
// @ts-ignore: decorator
@lazy const K = memory.data<f64>([0.001, 0.001, EK, EK, 1e-4, 1e-4]);

export const node = new Array<i32>(0);
export const gbar = new Array<f64>(0); // pS/µm²
export const n = new Array<f64>(0);

/** The rate table built by buildTable() (null before); read by sharedgrid.ts and the engine specs. */
export let table: RateTable | null = null;

export function add(nd: i32, gbarPsUm2: f64): void {
  node.push(nd);
  gbar.push(gbarPsUm2);
  n.push(0.0);
}

// km.mod:120-125 in nocmodl's operation order (ntau = 1/tadj/(a+b)); columns ninf, ntau.
function rates(vm: f64, out: StaticArray<f64>): void {
  const a = (RA * (vm - THA)) / (1.0 - Math.exp(-(vm - THA) / QA));
  const b = (-RB * (vm - THA)) / (1.0 - Math.exp((vm - THA) / QA));
  unchecked((out[1] = 1.0 / tadjK / (a + b)));
  unchecked((out[0] = a / (a + b)));
}

/** TABLE from vmin −120 to vmax 100 mV in 199 steps (km.mod:106-110). */
export function buildTable(): void {
  table = new RateTable(-120.0, 100.0, 199, 2, rates);
}

export function init(): void {
  const t = table!;
  for (let i = 0; i < node.length; i++) {
    t.lookup(unchecked(v[unchecked(node[i])]));
    unchecked((n[i] = tableOut[0]));
  }
}

export function addCurrents(): void {
  addTadjKCurrents(node, gbar, n);
}

/** ik = 1e-4·tadj·gbar·n·(v − ek), gbar in pS/µm², at each instance's node (km.mod:89-93, kca.mod:83-87). */
// @ts-ignore: decorator
@inline export function addTadjKCurrents(nodes: Array<i32>, gbars: Array<f64>, states: Array<f64>): void {
  const cnt = nodes.length;
  const np = nodes.dataStart, vp = v.dataStart;
  const gp = gbars.dataStart, nq = states.dataStart;
  const milli = kv(K, 0), ek = kv(K, 1), scale = kv(K, 2), tadj = f64x2.splat(tadjK);
  for (let i = 0; i < cnt; i += 2) {
    const j = min(i + 1, cnt - 1); // an odd count's last instance fills both lanes
    const a = ldi(np, i), b = ldi(np, j);
    const vm = ldf2(vp, a, b);
    const v1 = f64x2.add(vm, milli);
    const g = f64x2.mul(scale, f64x2.mul(f64x2.mul(tadj, ldc2(gp, i, j)), ldc2(nq, i, j)));
    addCurrent2(a, b, f64x2.mul(g, f64x2.sub(v1, ek)), f64x2.mul(g, f64x2.sub(vm, ek)));
  }
}

/** km's gate math for the table loop (gates.ts). */
// @ts-ignore: decorator
@final export class Gates {
  /** cnexp update of instances i (lane 0) and j (lane 1) from pair rows r0, r1 at θ (tables.ts). */
  // @ts-ignore: decorator
  @inline update2(i: i32, j: i32, r0: usize, r1: usize, th: v128, dtv: v128, inRange: bool): void {
    cnexpGate(n, i, j, r0, r1, 0, 1, th, dtv, inRange);
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
  return t.tauInExpRange(1, dt);
}
