// ca: high-voltage-activated Ca current writing ica (CHANNELS.md §ca; hnn-core ca.mod).
import { RateTable, tableOut, cnexp } from "../tables";
import { v, rhs, diag } from "../tree";
import { ica, eca, existingPool } from "./caion";
import { tadjK } from "./temperature";
import { ldf, stf, ldi } from "../util";

export const node = new Array<i32>(0);
export const pool = new Array<i32>(0);
export const gbar = new Array<f64>(0); // pS/µm²
export const m = new Array<f64>(0);
export const h = new Array<f64>(0);

let table: RateTable | null = null;

/** Returns false when no Ca pool (cad) exists at the node. */
export function add(nd: i32, gbarPsUm2: f64): bool {
  const p = existingPool(nd);
  if (p < 0) return false;
  node.push(nd);
  pool.push(p);
  gbar.push(gbarPsUm2);
  m.push(0.0);
  h.push(0.0);
  return true;
}

// ca.mod:110-127; columns minf, hinf, mtau, htau.
function rates(vm: f64, out: StaticArray<f64>): void {
  const a = (0.055 * (-27.0 - vm)) / (Math.exp((-27.0 - vm) / 3.8) - 1.0);
  const b = 0.94 * Math.exp((-75.0 - vm) / 17.0);
  unchecked((out[2] = 1.0 / (tadjK * (a + b))));
  unchecked((out[0] = a / (a + b)));
  const a2 = 0.000457 * Math.exp((-13.0 - vm) / 50.0);
  const b2 = 0.0065 / (Math.exp((-vm - 15.0) / 28.0) + 1.0);
  unchecked((out[3] = 1.0 / (tadjK * (a2 + b2))));
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
  const np = node.dataStart, pp = pool.dataStart, vp = v.dataStart, rp = rhs.dataStart, dp = diag.dataStart;
  const gp = gbar.dataStart, mp = m.dataStart, hp = h.dataStart, ip = ica.dataStart, ep = eca.dataStart;
  for (let i = 0; i < cnt; i++) {
    const nd = ldi(np, i);
    const p = ldi(pp, i);
    const vm = ldf(vp, nd);
    const mi = ldf(mp, i);
    const gca = tadjK * ldf(gp, i) * mi * mi * ldf(hp, i);
    const e = ldf(ep, p);
    // ca.mod:72-76: ica = 1e-4·gca·(v − eca), pS/µm² → mA/cm².
    const i1 = 1e-4 * gca * (vm + 0.001 - e);
    const i0 = 1e-4 * gca * (vm - e);
    stf(rp, nd, ldf(rp, nd) - i0);
    stf(dp, nd, ldf(dp, nd) + (i1 - i0) / 0.001);
    stf(ip, p, ldf(ip, p) + i0);
  }
}

export function updateStates(dt: f64): void {
  const t = table!;
  const cnt = node.length;
  const np = node.dataStart, vp = v.dataStart, mp = m.dataStart, hp = h.dataStart;
  for (let i = 0; i < cnt; i++) {
    t.lookup(ldf(vp, ldi(np, i)));
    stf(mp, i, cnexp(ldf(mp, i), unchecked(tableOut[0]), unchecked(tableOut[2]), dt));
    stf(hp, i, cnexp(ldf(hp, i), unchecked(tableOut[1]), unchecked(tableOut[3]), dt));
  }
}
