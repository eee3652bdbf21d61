// State updates of mechanism pairs whose rate tables share one grid (CHANNELS.md "Rate tables":
// km + ca on −120..100 mV in 199 steps, cat + ar on −120..40 mV in 641 steps), fused over runs of
// instances that sit on the same nodes in the same order (L5 pyramidal nodes): the row and θ
// are computed once per node pair. Each mechanism's update math stays in its own module (update2).
// Elsewhere (km on L2 pyramids, law_2021's L5 soma and basal without ca) each runs alone.
import { RateTable, clampedXi2, floor2, rowIndex2, rowAt } from "../tables";
import { v } from "../tree";
import { ldi, ldf2, filledI32 } from "../util";
import * as km from "./km";
import * as ca from "./ca";
import * as cat from "./cat";
import * as ar from "./ar";

/** Instances of two mechanisms A, B on one grid: fused runs and the instances left to each. */
class Pairing {
  /** [first A instance, first B instance, length] of runs on the same nodes. */
  runs: Array<i32> = new Array<i32>(0);
  /** [first instance, length] of A's and of B's instances outside every run. */
  restA: Array<i32> = new Array<i32>(0);
  restB: Array<i32> = new Array<i32>(0);
}

/** Pairs up A's and B's instances where the grids are equal (lo, 1/Δ, N: equal rows and θ). */
function pairUp(na: Array<i32>, nb: Array<i32>, ta: RateTable, tb: RateTable): Pairing {
  const p = new Pairing();
  const inRunA = filledI32(na.length, 0), inRunB = filledI32(nb.length, 0);
  if (ta.lo == tb.lo && ta.mfac == tb.mfac && ta.n == tb.n) {
    const bAt = filledI32(v.length, -1);
    for (let k = 0; k < nb.length; k++) unchecked((bAt[nb[k]] = k));
    let last = -3;
    for (let i = 0; i < na.length; i++) {
      const k = unchecked(bAt[na[i]]);
      if (k < 0) continue;
      const len = last >= 0 ? unchecked(p.runs[last + 2]) : 0;
      if (last >= 0 && unchecked(p.runs[last]) + len == i && unchecked(p.runs[last + 1]) + len == k) {
        unchecked((p.runs[last + 2] = len + 1));
      } else {
        last = p.runs.length;
        p.runs.push(i);
        p.runs.push(k);
        p.runs.push(1);
      }
      unchecked((inRunA[i] = 1));
      unchecked((inRunB[k] = 1));
    }
  }
  collectRest(inRunA, p.restA);
  collectRest(inRunB, p.restB);
  return p;
}

/** [first, length] of every maximal range of instances with inRun 0. */
function collectRest(inRun: Array<i32>, out: Array<i32>): void {
  for (let i = 0; i < inRun.length; ) {
    if (unchecked(inRun[i]) != 0) {
      i++;
      continue;
    }
    let e = i + 1;
    while (e < inRun.length && unchecked(inRun[e]) == 0) e++;
    out.push(i);
    out.push(e - i);
    i = e;
  }
}

// The two pairs, as type arguments of the generic loops below (each call inlines to direct code).
// @ts-ignore: decorator
@final class KmCa {
  pairing: Pairing = new Pairing();
  // @ts-ignore: decorator
  @inline tableA(): RateTable {
    return km.table!;
  }
  // @ts-ignore: decorator
  @inline tableB(): RateTable {
    return ca.table!;
  }
  // @ts-ignore: decorator
  @inline nodeA(): Array<i32> {
    return km.node;
  }
  // @ts-ignore: decorator
  @inline update2A(i: i32, j: i32, r0: usize, r1: usize, th: v128, dtv: v128, inRange: bool): void {
    km.update2(i, j, r0, r1, th, dtv, inRange);
  }
  // @ts-ignore: decorator
  @inline update2B(i: i32, j: i32, r0: usize, r1: usize, th: v128, dtv: v128, inRange: bool): void {
    ca.update2(i, j, r0, r1, th, dtv, inRange);
  }
  rangeA(from: i32, to: i32, dt: f64, inRange: bool): void {
    km.updateRange(from, to, dt, inRange);
  }
  rangeB(from: i32, to: i32, dt: f64, inRange: bool): void {
    ca.updateRange(from, to, dt, inRange);
  }
}

// @ts-ignore: decorator
@final class CatAr {
  pairing: Pairing = new Pairing();
  // @ts-ignore: decorator
  @inline tableA(): RateTable {
    return cat.table!;
  }
  // @ts-ignore: decorator
  @inline tableB(): RateTable {
    return ar.table!;
  }
  // @ts-ignore: decorator
  @inline nodeA(): Array<i32> {
    return cat.node;
  }
  // @ts-ignore: decorator
  @inline update2A(i: i32, j: i32, r0: usize, r1: usize, th: v128, dtv: v128, inRange: bool): void {
    cat.update2(i, j, r0, r1, th, dtv, inRange);
  }
  // @ts-ignore: decorator
  @inline update2B(i: i32, j: i32, r0: usize, r1: usize, th: v128, dtv: v128, inRange: bool): void {
    ar.update2(i, j, r0, r1, th, dtv, inRange);
  }
  rangeA(from: i32, to: i32, dt: f64, inRange: bool): void {
    cat.updateRange(from, to, dt, inRange);
  }
  rangeB(from: i32, to: i32, dt: f64, inRange: bool): void {
    ar.updateRange(from, to, dt, inRange);
  }
}

const kmCa = new KmCa();
const catAr = new CatAr();

/** After the tables are built and every instance added (initialize). */
export function prepare(): void {
  kmCa.pairing = pairUp(km.node, ca.node, km.table!, ca.table!);
  catAr.pairing = pairUp(cat.node, ar.node, cat.table!, ar.table!);
}

/** km and ca states (NUMERICS.md §3 step 8): independent states, so any order keeps every result. */
export function updateKmCa(dt: f64, inRange: bool): void {
  update<KmCa>(kmCa, dt, inRange);
}

/** cat and ar states, as updateKmCa. */
export function updateCatAr(dt: f64, inRange: bool): void {
  update<CatAr>(catAr, dt, inRange);
}

/** The fused runs of pair P, then each mechanism's instances outside them. */
function update<P>(pr: P, dt: f64, inRange: bool): void {
  const p = pr.pairing;
  for (let r = 0; r < p.runs.length; r += 3) {
    const a = unchecked(p.runs[r]), b = unchecked(p.runs[r + 1]), len = unchecked(p.runs[r + 2]);
    if (inRange) runInRange<P>(pr, a, b, len, dt);
    else runChecked<P>(pr, a, b, len, dt);
  }
  for (let r = 0; r < p.restA.length; r += 2) {
    const s = unchecked(p.restA[r]);
    pr.rangeA(s, s + unchecked(p.restA[r + 1]), dt, inRange);
  }
  for (let r = 0; r < p.restB.length; r += 2) {
    const s = unchecked(p.restB[r]);
    pr.rangeB(s, s + unchecked(p.restB[r + 1]), dt, inRange);
  }
}

// One function per exp path (simdexp.ts): a hot loop shares its function with no Math.exp call.
function runInRange<P>(pr: P, a: i32, b: i32, len: i32, dt: f64): void {
  run<P>(pr, a, b, len, dt, true);
}
function runChecked<P>(pr: P, a: i32, b: i32, len: i32, dt: f64): void {
  run<P>(pr, a, b, len, dt, false);
}

/** A's instances a.., B's instances b.. (len of each, on the same nodes): one lookup per node pair. */
// @ts-ignore: decorator
@inline function run<P>(pr: P, a: i32, b: i32, len: i32, dt: f64, inRange: bool): void {
  const ta = pr.tableA(), tb = pr.tableB();
  const baseA = ta.base, baseB = tb.base, colsA = ta.nCols, colsB = tb.nCols;
  const lo = f64x2.splat(ta.lo), mfac = f64x2.splat(ta.mfac), nF = f64x2.splat(<f64>ta.n);
  const dtv = f64x2.splat(dt);
  const np = pr.nodeA().dataStart, vp = v.dataStart;
  for (let s = 0; s < len; s += 2) {
    const u = min(s + 1, len - 1); // an odd length's last pair fills both lanes
    const xc = clampedXi2(ldf2(vp, ldi(np, a + s), ldi(np, a + u)), lo, mfac, nF);
    const fl = floor2(xc);
    const k = rowIndex2(fl);
    const k0 = i32x4.extract_lane(k, 0), k1 = i32x4.extract_lane(k, 2);
    const th = f64x2.sub(xc, fl);
    pr.update2A(a + s, a + u, rowAt(baseA, k0, colsA), rowAt(baseA, k1, colsA), th, dtv, inRange);
    pr.update2B(b + s, b + u, rowAt(baseB, k0, colsB), rowAt(baseB, k1, colsB), th, dtv, inRange);
  }
}
