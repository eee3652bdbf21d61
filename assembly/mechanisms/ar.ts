// ar: anomalous (h-like) rectifier, reversal −35 mV (CHANNELS.md §ar; hnn-core ar.mod).
import { RateTable, tableOut, cnexp } from "../tables";
import { v, rhs, diag } from "../tree";
import { ldf, stf, ldi } from "../util";

const EREV: f64 = -35.0; // mV

export const node = new Array<i32>(0);
export const gbar = new Array<f64>(0); // S/cm²
export const m = new Array<f64>(0);

let table: RateTable | null = null;

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
  const np = node.dataStart, vp = v.dataStart, rp = rhs.dataStart, dp = diag.dataStart;
  const gp = gbar.dataStart, mp = m.dataStart;
  for (let i = 0; i < cnt; i++) {
    const nd = ldi(np, i);
    const vm = ldf(vp, nd);
    const g = ldf(gp, i) * ldf(mp, i);
    const i1 = g * (vm + 0.001 - EREV);
    const i0 = g * (vm - EREV);
    stf(rp, nd, ldf(rp, nd) - i0);
    stf(dp, nd, ldf(dp, nd) + (i1 - i0) / 0.001);
  }
}

export function updateStates(dt: f64): void {
  const t = table!;
  const cnt = node.length;
  const np = node.dataStart, vp = v.dataStart, mp = m.dataStart;
  for (let i = 0; i < cnt; i++) {
    t.lookup(ldf(vp, ldi(np, i)));
    stf(mp, i, cnexp(ldf(mp, i), unchecked(tableOut[0]), unchecked(tableOut[1]), dt));
  }
}
