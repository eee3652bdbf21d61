// cat: T-type Ca-like nonspecific current, reversal 125 mV (CHANNELS.md §cat; hnn-core cat.mod).
import { RateTable, tableOut } from "../tables";
import { v, addCurrent2 } from "../tree";
import { updateRange, cnexpGate } from "./gates";
import { ldi, ldf2, kv, ldc2 } from "../util";

const EREV: f64 = 125.0; // mV

// f64x2 constants (util.ts kv): 0.001 mV, erev.
// @ts-ignore: decorator
@lazy const K = memory.data<f64>([0.001, 0.001, EREV, EREV]);

export const node = new Array<i32>(0);
export const gbar = new Array<f64>(0); // S/cm²
export const m = new Array<f64>(0);
export const h = new Array<f64>(0);

/** The rate table built by buildTable() (null before); read by sharedgrid.ts and the engine specs. */
export let table: RateTable | null = null;

export function add(nd: i32, gbarScm2: f64): void {
  node.push(nd);
  gbar.push(gbarScm2);
  m.push(0.0);
  h.push(0.0);
}

// cat.mod:53-66; columns minf, mtau, hinf, htau.
function rates(vm: f64, out: StaticArray<f64>): void {
  unchecked((out[0] = 1.0 / (1.0 + Math.exp((-vm - 56.0) / 6.2))));
  unchecked((out[1] = 0.204 + 0.333 / (Math.exp((vm + 15.8) / 18.2) + Math.exp((-vm - 131.0) / 16.7))));
  unchecked((out[2] = 1.0 / (1.0 + Math.exp((vm + 80.0) / 4.0))));
  if (vm < -81.0) unchecked((out[3] = 0.333 * Math.exp((vm + 466.0) / 66.6)));
  else unchecked((out[3] = 9.32 + 0.333 * Math.exp((-vm - 21.0) / 10.5)));
}

/** TABLE from −120 to 40 mV in 641 steps (cat.mod:55). */
export function buildTable(): void {
  table = new RateTable(-120.0, 40.0, 641, 4, rates);
}

/** INITIAL: h = h∞(v), m = 0 (cat.mod:40-45). */
export function init(): void {
  const t = table!;
  for (let i = 0; i < node.length; i++) {
    t.lookup(unchecked(v[unchecked(node[i])]));
    unchecked((m[i] = 0.0));
    unchecked((h[i] = tableOut[2]));
  }
}

export function addCurrents(): void {
  const cnt = node.length;
  const np = node.dataStart, vp = v.dataStart;
  const gp = gbar.dataStart, mp = m.dataStart, hp = h.dataStart;
  const milli = kv(K, 0), erev = kv(K, 1);
  for (let i = 0; i < cnt; i += 2) {
    const j = min(i + 1, cnt - 1); // an odd count's last instance fills both lanes
    const a = ldi(np, i), b = ldi(np, j);
    const vm = ldf2(vp, a, b);
    const v1 = f64x2.add(vm, milli);
    const mi = ldc2(mp, i, j);
    // cat.mod:35-38: i = gbar·m²·h·(v − 125).
    const g = f64x2.mul(f64x2.mul(f64x2.mul(ldc2(gp, i, j), mi), mi), ldc2(hp, i, j));
    addCurrent2(a, b, f64x2.mul(g, f64x2.sub(v1, erev)), f64x2.mul(g, f64x2.sub(vm, erev)));
  }
}

/** cat's gate math for the table loop (gates.ts). */
// @ts-ignore: decorator
@final export class Gates {
  /** cnexp update of instances i (lane 0) and j (lane 1) from pair rows r0, r1 at θ (tables.ts). */
  // @ts-ignore: decorator
  @inline update2(i: i32, j: i32, r0: usize, r1: usize, th: v128, dtv: v128, inRange: bool): void {
    cnexpGate(m, i, j, r0, r1, 0, 1, th, dtv, inRange);
    cnexpGate(h, i, j, r0, r1, 2, 3, th, dtv, inRange);
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
  return t.tauInExpRange(1, dt) && t.tauInExpRange(3, dt);
}
