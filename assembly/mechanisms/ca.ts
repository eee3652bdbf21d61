// ca: high-voltage-activated Ca current writing ica (CHANNELS.md §ca; hnn-core ca.mod).
import { RateTable, tableOut, cnexp2, clampedXi2, floor2, rowIndex2, rowAt, interp2 } from "../tables";
import { v, addCurrent2 } from "../tree";
import { ica, eca, existingPool } from "./caion";
import { tadjK } from "./temperature";
import { ldi, ldf2, stf2, kv, ldc2, stc2 } from "../util";

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
  const p = existingPool(nd);
  if (p < 0) return false;
  node.push(nd);
  pool.push(p);
  gbar.push(gbarPsUm2);
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

/** cnexp update of instances i (lane 0) and j (lane 1) from pair rows r0, r1 at θ (tables.ts). */
// @ts-ignore: decorator
@inline export function update2(i: i32, j: i32, r0: usize, r1: usize, th: v128, dtv: v128, inRange: bool): void {
  const mp = m.dataStart, hp = h.dataStart;
  stc2(mp, i, j, cnexp2(ldc2(mp, i, j), interp2(r0, r1, 0, th), interp2(r0, r1, 2, th), dtv, inRange));
  stc2(hp, i, j, cnexp2(ldc2(hp, i, j), interp2(r0, r1, 1, th), interp2(r0, r1, 3, th), dtv, inRange));
}

export function updateStates(dt: f64, inRange: bool): void {
  updateRange(0, node.length, dt, inRange);
}

/** updateStates for instances [from, to) only (sharedgrid.ts). */
export function updateRange(from: i32, to: i32, dt: f64, inRange: bool): void {
  if (inRange) advanceInRange(from, to, dt);
  else advanceChecked(from, to, dt);
}

// One function per exp path (simdexp.ts): a hot loop shares its function with no Math.exp call.
function advanceInRange(from: i32, to: i32, dt: f64): void {
  advance(from, to, dt, true);
}
function advanceChecked(from: i32, to: i32, dt: f64): void {
  advance(from, to, dt, false);
}

// @ts-ignore: decorator
@inline function advance(from: i32, to: i32, dt: f64, inRange: bool): void {
  const t = table!;
  const base = t.base, lo = f64x2.splat(t.lo), mfac = f64x2.splat(t.mfac), nF = f64x2.splat(<f64>t.n);
  const dtv = f64x2.splat(dt);
  const np = node.dataStart, vp = v.dataStart;
  for (let i = from; i < to; i += 2) {
    const j = min(i + 1, to - 1); // an odd count's last instance fills both lanes
    const xc = clampedXi2(ldf2(vp, ldi(np, i), ldi(np, j)), lo, mfac, nF);
    const fl = floor2(xc);
    const k = rowIndex2(fl);
    const r0 = rowAt(base, i32x4.extract_lane(k, 0), 4), r1 = rowAt(base, i32x4.extract_lane(k, 2), 4);
    const th = f64x2.sub(xc, fl);
    update2(i, j, r0, r1, th, dtv, inRange);
  }
}

/** Whether updateStates(dt, true) is exact: every τ column in exp2x's fast range (tables.ts). */
export function tausInExpRange(dt: f64): bool {
  const t = table!;
  return t.tauInExpRange(2, dt) && t.tauInExpRange(3, dt);
}
