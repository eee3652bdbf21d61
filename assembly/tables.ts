// NEURON rate TABLEs (CHANNELS.md "Rate tables"): N+1 rows on a grid accumulated by repeated
// addition, each row the exact rate functions; lookup interpolates every column independently.
import { ldf, kv } from "./util";
import { exp2x, inFastRangeWithMargin } from "./simdexp";

/** Rate functions fill `out[0..nCols)` for voltage v (mV). */
export type RateFn = (v: f64, out: StaticArray<f64>) => void;

/** Interpolated values of the last lookup, one per table column. */
export const tableOut = new StaticArray<f64>(8);

export class RateTable {
  /** Row-major values, (n + 1) rows × nCols. */
  data: Array<f64>;
  /**
   * The same rows for the step loop: per column the pair [T(i), T(i+1) − T(i)] (the last row's
   * differences 0), so T(i) + θ·(T(i+1) − T(i)) takes two adjacent loads and gives NEURON's double.
   */
  pairs: StaticArray<f64>;
  /** Lowest tabulated voltage (mV). */
  lo: f64;
  /** 1 / grid step (1/mV). */
  mfac: f64;
  /** Number of intervals. */
  n: i32;
  nCols: i32;

  constructor(lo: f64, hi: f64, n: i32, nCols: i32, fn: RateFn) {
    this.lo = lo;
    this.n = n;
    this.nCols = nCols;
    const dx = (hi - lo) / <f64>n;
    this.mfac = 1.0 / dx;
    const data = new Array<f64>((n + 1) * nCols);
    const row = new StaticArray<f64>(8);
    let x = lo;
    // CHANNELS.md: x_{i+1} = x_i + dx by repeated addition, as NEURON's generated code does.
    for (let i = 0; i <= n; i++) {
      fn(x, row);
      for (let c = 0; c < nCols; c++) unchecked((data[i * nCols + c] = row[c]));
      x += dx;
    }
    const pairs = new StaticArray<f64>((n + 1) * nCols * 2);
    for (let i = 0; i <= n; i++) {
      for (let c = 0; c < nCols; c++) {
        const t0 = unchecked(data[i * nCols + c]);
        const t1 = i < n ? unchecked(data[(i + 1) * nCols + c]) : t0;
        unchecked((pairs[(i * nCols + c) * 2] = t0));
        unchecked((pairs[(i * nCols + c) * 2 + 1] = t1 - t0));
      }
    }
    this.data = data;
    this.pairs = pairs;
  }

  /**
   * Whether cnexp2's exp argument dt·(−1/τ) is in exp2x's fast range for every τ that column c can
   * interpolate: interpolation stays within the column's extremes (up to rounding, which the
   * margin covers), and clamped lookups return table entries.
   */
  tauInExpRange(c: i32, dt: f64): bool {
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i <= this.n; i++) {
      const tau = unchecked(this.data[i * this.nCols + c]);
      lo = min(lo, tau);
      hi = max(hi, tau);
    }
    return lo > 0.0 && hi < Infinity && inFastRangeWithMargin(dt / hi) && inFastRangeWithMargin(dt / lo);
  }

  /** Byte address of the pair rows. */
  get base(): usize {
    return changetype<usize>(this.pairs);
  }

  /** Interpolate every column at v into `tableOut` (CHANNELS.md lookup rule). */
  lookup(v: f64): void {
    const xc = clampedXi(v, this.lo, this.mfac, <f64>this.n);
    const row = rowAt(this.base, <i32>xc, this.nCols);
    const theta = thetaAt(xc);
    for (let c = 0; c < this.nCols; c++) unchecked((tableOut[c] = interp(row, c, theta)));
  }
}

/**
 * ξ = mfac·(v − lo) clamped to [0, n]. With row n's differences 0, the interpolation at a clamped ξ
 * returns exactly T(0) (ξ ≤ 0) or T(n) (ξ ≥ n), NEURON's two edge branches, without branching.
 */
// @ts-ignore: decorator
@inline export function clampedXi(v: f64, lo: f64, mfac: f64, nF: f64): f64 {
  return min<f64>(max<f64>(mfac * (v - lo), 0.0), nF);
}

/** Column c of the pair row at byte address `row`: T(i) + θ·(T(i+1) − T(i)). */
// @ts-ignore: decorator
@inline export function interp(row: usize, c: i32, theta: f64): f64 {
  return ldf(row, 2 * c) + theta * ldf(row, 2 * c + 1);
}

/** Byte address of pair row i of a table with nCols columns. */
// @ts-ignore: decorator
@inline export function rowAt(base: usize, i: i32, nCols: i32): usize {
  return base + ((<usize>(i * nCols)) << 4);
}

/** θ = ξ − floor(ξ) for a clamped ξ. */
// @ts-ignore: decorator
@inline export function thetaAt(xc: f64): f64 {
  return xc - <f64>(<i32>xc);
}

// ---- two instances per f64x2 (DESIGN.md, speed probe): the same operations lane by lane --------
// Loop-invariant operands come in as f64x2 splats made before the loop.

// @ts-ignore: decorator
@lazy const K = memory.data<f64>([4503599627370496.0, 4503599627370496.0, -1.0, -1.0, 1.0, 1.0]); // 2^52, −1, 1

/**
 * clampedXi for both lanes, as pseudo-min/max (one instruction each on x86): equal to min/max for
 * every non-NaN ξ, including ξ = −0 (→ +0).
 */
// @ts-ignore: decorator
@inline export function clampedXi2(v: v128, lo: v128, mfac: v128, nF: v128): v128 {
  const xi = f64x2.mul(mfac, f64x2.sub(v, lo));
  return f64x2.pmin(nF, f64x2.pmax(f64x2.splat(0.0), xi));
}

/** floor(ξ) of both lanes of a clamped ξ (as doubles). */
// @ts-ignore: decorator
@inline export function floor2(xc: v128): v128 {
  return f64x2.trunc(xc);
}

/**
 * floor2's integers in i32 lanes 0 and 2: adding 2^52 to an integer below 2^31 leaves it in the
 * low mantissa bits (cheaper than SIMD f64→i32 conversion).
 */
// @ts-ignore: decorator
@inline export function rowIndex2(fl: v128): v128 {
  return f64x2.add(fl, kv(K, 0));
}

/** Column c interpolated in lane 0 from pair row row0 and in lane 1 from row1. */
// @ts-ignore: decorator
@inline export function interp2(row0: usize, row1: usize, c: i32, theta: v128): v128 {
  const p0 = v128.load(row0 + (<usize>c << 4));
  const p1 = v128.load(row1 + (<usize>c << 4));
  return f64x2.add(v128.shuffle<f64>(p0, p1, 0, 2), f64x2.mul(theta, v128.shuffle<f64>(p0, p1, 1, 3)));
}

/**
 * cnexp update of one gate per lane (CHANNELS.md), NEURON's generated form
 * s + (1 − exp(dt·(−1/τ)))·(−(s∞/τ)/(−1/τ) − s), with the exp of simdexp.ts (= Math.exp);
 * `inRange` as exp2x's (true where RateTable.tauInExpRange holds for τ's column).
 */
// @ts-ignore: decorator
@inline export function cnexp2(s: v128, inf: v128, tau: v128, dt: v128, inRange: bool): v128 {
  const r = f64x2.div(kv(K, 1), tau);
  const decay = f64x2.sub(kv(K, 2), exp2x(f64x2.mul(dt, r), inRange));
  return f64x2.add(s, f64x2.mul(decay, f64x2.sub(f64x2.div(f64x2.neg(f64x2.div(inf, tau)), r), s)));
}
