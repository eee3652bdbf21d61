// ar: anomalous (h-like) rectifier, reversal −35 mV (CHANNELS.md §ar; hnn-core ar.mod).
import { RateTable } from "../tables";
import { v, addCurrent2 } from "../tree";
import { updateRange, cnexpGate } from "./gates";
import { ldi, ldf2, kv, ldc2 } from "../util";

const EREV: f64 = -35.0; // mV

// f64x2 constants (util.ts kv): 0.001 mV, erev.
// @ts-ignore: decorator
@lazy const K = memory.data<f64>([0.001, 0.001, EREV, EREV]);

export const node = new Array<i32>(0);
export const gbar = new Array<f64>(0); // S/cm²
export const m = new Array<f64>(0);

/** The rate table built by buildTable() (null before); read by sharedgrid.ts and the engine specs. */
export let table: RateTable | null = null;

export function add(nd: i32, gbarScm2: f64): void {
  node.push(nd);
  gbar.push(gbarScm2);
  m.push(0.0);
}

// ar.mod:52-57; columns minf, mtau.
function rates(vm: f64, out: StaticArray<f64>): void {
  unchecked((out[0] = 1.0 / (1.0 + Math.exp((vm + 75.0) / 5.5))));
  unchecked((out[1] = 1.0 / (Math.exp(-14.6 - 0.086 * vm) + Math.exp(-1.87 + 0.07 * vm))));
}

/** TABLE from −120 to 40 mV in 641 steps (ar.mod:54). */
export function buildTable(): void {
  table = new RateTable(-120.0, 40.0, 641, 2, rates);
}

/** INITIAL: m = 0.25 whatever v (ar.mod:41-45). */
export function init(): void {
  for (let i = 0; i < node.length; i++) unchecked((m[i] = 0.25));
}

export function addCurrents(): void {
  const cnt = node.length;
  const np = node.dataStart, vp = v.dataStart;
  const gp = gbar.dataStart, mp = m.dataStart;
  const milli = kv(K, 0), erev = kv(K, 1);
  for (let i = 0; i < cnt; i += 2) {
    const j = min(i + 1, cnt - 1); // an odd count's last instance fills both lanes
    const a = ldi(np, i), b = ldi(np, j);
    const vm = ldf2(vp, a, b);
    const v1 = f64x2.add(vm, milli);
    // ar.mod:36-39: i = gbar·m·(v − erev).
    const g = f64x2.mul(ldc2(gp, i, j), ldc2(mp, i, j));
    addCurrent2(a, b, f64x2.mul(g, f64x2.sub(v1, erev)), f64x2.mul(g, f64x2.sub(vm, erev)));
  }
}

/** ar's gate math for the table loop (gates.ts). */
// @ts-ignore: decorator
@final export class Gates {
  /** cnexp update of instances i (lane 0) and j (lane 1) from pair rows r0, r1 at θ (tables.ts). */
  // @ts-ignore: decorator
  @inline update2(i: i32, j: i32, r0: usize, r1: usize, th: v128, dtv: v128, inRange: bool): void {
    cnexpGate(m, i, j, r0, r1, 0, 1, th, dtv, inRange);
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
