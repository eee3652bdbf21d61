// km: slow muscarinic K current (CHANNELS.md §km; hnn-core km.mod).
import { RateTable, tableOut, cnexp2, clampedXi2, floor2, rowIndex2, rowAt, interp2 } from "../tables";
import { v, addCurrent2 } from "../tree";
import { tadjK } from "./temperature";
import { ldi, ldf2, kv, ldc2, stc2 } from "../util";

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
  const cnt = node.length;
  const np = node.dataStart, vp = v.dataStart;
  const gp = gbar.dataStart, nq = n.dataStart;
  const milli = kv(K, 0), ek = kv(K, 1), scale = kv(K, 2), tadj = f64x2.splat(tadjK);
  for (let i = 0; i < cnt; i += 2) {
    const j = min(i + 1, cnt - 1); // an odd count's last instance fills both lanes
    const a = ldi(np, i), b = ldi(np, j);
    const vm = ldf2(vp, a, b);
    const v1 = f64x2.add(vm, milli);
    // km.mod:89-93: ik = 1e-4·gk·(v − ek), gk = tadj·gbar·n, pS/µm² → mA/cm².
    const g = f64x2.mul(scale, f64x2.mul(f64x2.mul(tadj, ldc2(gp, i, j)), ldc2(nq, i, j)));
    addCurrent2(a, b, f64x2.mul(g, f64x2.sub(v1, ek)), f64x2.mul(g, f64x2.sub(vm, ek)));
  }
}

/** cnexp update of instances i (lane 0) and j (lane 1) from pair rows r0, r1 at θ (tables.ts). */
// @ts-ignore: decorator
@inline export function update2(i: i32, j: i32, r0: usize, r1: usize, th: v128, dtv: v128, inRange: bool): void {
  const nq = n.dataStart;
  stc2(nq, i, j, cnexp2(ldc2(nq, i, j), interp2(r0, r1, 0, th), interp2(r0, r1, 1, th), dtv, inRange));
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
    const r0 = rowAt(base, i32x4.extract_lane(k, 0), 2), r1 = rowAt(base, i32x4.extract_lane(k, 2), 2);
    const th = f64x2.sub(xc, fl);
    update2(i, j, r0, r1, th, dtv, inRange);
  }
}

/** Whether updateStates(dt, true) is exact: every τ column in exp2x's fast range (tables.ts). */
export function tausInExpRange(dt: f64): bool {
  const t = table!;
  return t.tauInExpRange(1, dt);
}
