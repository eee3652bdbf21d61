// cat: T-type Ca-like nonspecific current, reversal 125 mV (CHANNELS.md §cat; hnn-core cat.mod).
import { RateTable, tableOut, cnexp } from "../tables";
import { v, rhs, diag } from "../tree";
import { ldf, stf, ldi } from "../util";

const EREV: f64 = 125.0; // mV

export const node = new Array<i32>(0);
export const gbar = new Array<f64>(0); // S/cm²
export const m = new Array<f64>(0);
export const h = new Array<f64>(0);

let table: RateTable | null = null;

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
  const np = node.dataStart, vp = v.dataStart, rp = rhs.dataStart, dp = diag.dataStart;
  const gp = gbar.dataStart, mp = m.dataStart, hp = h.dataStart;
  for (let i = 0; i < cnt; i++) {
    const nd = ldi(np, i);
    const vm = ldf(vp, nd);
    const mi = ldf(mp, i);
    const g = ldf(gp, i) * mi * mi * ldf(hp, i);
    const i1 = g * (vm + 0.001 - EREV);
    const i0 = g * (vm - EREV);
    stf(rp, nd, ldf(rp, nd) - i0);
    stf(dp, nd, ldf(dp, nd) + (i1 - i0) / 0.001);
  }
}

export function updateStates(dt: f64): void {
  const t = table!;
  const cnt = node.length;
  const np = node.dataStart, vp = v.dataStart, mp = m.dataStart, hp = h.dataStart;
  for (let i = 0; i < cnt; i++) {
    t.lookup(ldf(vp, ldi(np, i)));
    stf(mp, i, cnexp(ldf(mp, i), unchecked(tableOut[0]), unchecked(tableOut[1]), dt));
    stf(hp, i, cnexp(ldf(hp, i), unchecked(tableOut[2]), unchecked(tableOut[3]), dt));
  }
}
