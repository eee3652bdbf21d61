// Table-driven cnexp gate updates (CHANNELS.md "Rate tables", NUMERICS.md §3 step 8): the one loop
// over instance pairs of every tabulated mechanism, generic over the mechanism's @final Gates class
// (km.ts, ca.ts, cat.ts, ar.ts, hh2.ts), whose @inline update2 inlines into each instantiation.
import { RateTable, clampedXi2, floor2, rowIndex2, rowAt, interp2, cnexp2 } from "../tables";
import { v } from "../tree";
import { ldi, ldf2, ldc2, stc2 } from "../util";

/** States of G's instances [from, to), on nodes `node`, with rate table t. */
export function updateRange<G>(g: G, t: RateTable, node: Array<i32>, from: i32, to: i32, dt: f64, inRange: bool): void {
  if (inRange) rangeInRange<G>(g, t, node, from, to, dt);
  else rangeChecked<G>(g, t, node, from, to, dt);
}

/**
 * States of A's instances [from, to) on nodes `node` and of B's instances [from + d, to + d) on the
 * same nodes, with tables ta, tb of equal grids (sharedgrid.ts): one row and θ per node pair serve both.
 */
export function updateFused<A, B>(a: A, ta: RateTable, node: Array<i32>, b: B, tb: RateTable, from: i32, to: i32, d: i32, dt: f64, inRange: bool): void {
  if (inRange) fusedInRange<A, B>(a, ta, node, b, tb, from, to, d, dt);
  else fusedChecked<A, B>(a, ta, node, b, tb, from, to, d, dt);
}

// One function per exp path and instantiation (simdexp.ts): a hot loop shares its function with no
// Math.exp call.
function rangeInRange<G>(g: G, t: RateTable, node: Array<i32>, from: i32, to: i32, dt: f64): void {
  sweep<G, G>(g, t, node, g, t, from, to, 0, dt, true, false);
}
function rangeChecked<G>(g: G, t: RateTable, node: Array<i32>, from: i32, to: i32, dt: f64): void {
  sweep<G, G>(g, t, node, g, t, from, to, 0, dt, false, false);
}
function fusedInRange<A, B>(a: A, ta: RateTable, node: Array<i32>, b: B, tb: RateTable, from: i32, to: i32, d: i32, dt: f64): void {
  sweep<A, B>(a, ta, node, b, tb, from, to, d, dt, true, true);
}
function fusedChecked<A, B>(a: A, ta: RateTable, node: Array<i32>, b: B, tb: RateTable, from: i32, to: i32, d: i32, dt: f64): void {
  sweep<A, B>(a, ta, node, b, tb, from, to, d, dt, false, true);
}

/** A's instances [from, to) by pairs: row and θ at their nodes' v, then A's update2 (and B's if fused). */
// @ts-ignore: decorator
@inline function sweep<A, B>(a: A, ta: RateTable, node: Array<i32>, b: B, tb: RateTable, from: i32, to: i32, d: i32, dt: f64, inRange: bool, fused: bool): void {
  const baseA = ta.base, baseB = tb.base, colsA = ta.nCols, colsB = tb.nCols;
  const lo = f64x2.splat(ta.lo), mfac = f64x2.splat(ta.mfac), nF = f64x2.splat(<f64>ta.n);
  const dtv = f64x2.splat(dt);
  const np = node.dataStart, vp = v.dataStart;
  for (let i = from; i < to; i += 2) {
    const j = min(i + 1, to - 1); // an odd count's last instance fills both lanes
    const xc = clampedXi2(ldf2(vp, ldi(np, i), ldi(np, j)), lo, mfac, nF);
    const fl = floor2(xc);
    const k = rowIndex2(fl);
    const k0 = i32x4.extract_lane(k, 0), k1 = i32x4.extract_lane(k, 2);
    const th = f64x2.sub(xc, fl);
    a.update2(i, j, rowAt(baseA, k0, colsA), rowAt(baseA, k1, colsA), th, dtv, inRange);
    if (fused) b.update2(i + d, j + d, rowAt(baseB, k0, colsB), rowAt(baseB, k1, colsB), th, dtv, inRange);
  }
}

/** cnexp update of gate state s at instances i, j (lanes 0, 1) with s∞, τ from columns cInf, cTau of rows r0, r1. */
// @ts-ignore: decorator
@inline export function cnexpGate(s: Array<f64>, i: i32, j: i32, r0: usize, r1: usize, cInf: i32, cTau: i32, th: v128, dtv: v128, inRange: bool): void {
  const sp = s.dataStart;
  stc2(sp, i, j, cnexp2(ldc2(sp, i, j), interp2(r0, r1, cInf, th), interp2(r0, r1, cTau, th), dtv, inRange));
}
