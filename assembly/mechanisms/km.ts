// km: slow muscarinic K current (CHANNELS.md §km; hnn-core km.mod).
import { RateTable, tableOut, cnexp } from "../tables";
import { v, rhs, diag } from "../tree";
import { tadjK } from "./temperature";
import { ldf, stf, ldi } from "../util";

const EK: f64 = -77.0;
const THA: f64 = -30.0; // mV
const QA: f64 = 9.0; // mV
const RA: f64 = 0.001; // /ms
const RB: f64 = 0.001; // /ms

export const node = new Array<i32>(0);
export const gbar = new Array<f64>(0); // pS/µm²
export const n = new Array<f64>(0);

let table: RateTable | null = null;

export function add(nd: i32, gbarPsUm2: f64): void {
  node.push(nd);
  gbar.push(gbarPsUm2);
  n.push(0.0);
}

// km.mod:120-125; columns ninf, ntau.
function rates(vm: f64, out: StaticArray<f64>): void {
  const a = (RA * (vm - THA)) / (1.0 - Math.exp(-(vm - THA) / QA));
  const b = (-RB * (vm - THA)) / (1.0 - Math.exp((vm - THA) / QA));
  unchecked((out[1] = 1.0 / (tadjK * (a + b))));
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
  const cnt = node.length;
  const np = node.dataStart, vp = v.dataStart, rp = rhs.dataStart, dp = diag.dataStart;
  const gp = gbar.dataStart, nq = n.dataStart;
  for (let i = 0; i < cnt; i++) {
    const nd = ldi(np, i);
    const vm = ldf(vp, nd);
    const gk = tadjK * ldf(gp, i) * ldf(nq, i);
    // km.mod:89-93: ik = 1e-4·gk·(v − ek), pS/µm² → mA/cm².
    const i1 = 1e-4 * gk * (vm + 0.001 - EK);
    const i0 = 1e-4 * gk * (vm - EK);
    stf(rp, nd, ldf(rp, nd) - i0);
    stf(dp, nd, ldf(dp, nd) + (i1 - i0) / 0.001);
  }
}

export function updateStates(dt: f64): void {
  const t = table!;
  const cnt = node.length;
  const np = node.dataStart, vp = v.dataStart, nq = n.dataStart;
  for (let i = 0; i < cnt; i++) {
    t.lookup(ldf(vp, ldi(np, i)));
    stf(nq, i, cnexp(ldf(nq, i), unchecked(tableOut[0]), unchecked(tableOut[1]), dt));
  }
}
