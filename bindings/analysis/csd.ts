/**
 * Current source density of a laminar electrode array (hnn-core 0.6.1 extracellular.py
 * `calculate_csd2d`) and the depth interpolation that `plot_laminar_csd` draws it with
 * (scipy `RectBivariateSpline(times, depths, csd.T)` with s = 0, cubic, evaluated back on the
 * sample times: at those times it is the not-a-knot cubic spline through each time's column).
 */
import { ValueError } from "../util/validate";

/** Rows (contacts) × columns (samples) of a 2-D array, checked to be rectangular and non-empty. */
export function checkMatrix(name: string, data: ArrayLike<ArrayLike<number>>, minRows = 1): number {
  if (!data || typeof data.length !== "number") throw new TypeError(`${name} must be a list of arrays (contacts × samples)`);
  if (data.length < minRows) throw new ValueError(`${name} must have at least ${minRows} rows (contacts), got ${data.length}`);
  const n = data[0]!.length;
  for (let c = 0; c < data.length; c++) {
    const row = data[c];
    if (!row || typeof row.length !== "number") throw new TypeError(`${name}[${c}] must be an array of numbers`);
    if (row.length !== n) throw new ValueError(`${name} must be 2D (contacts × samples): row 0 has ${n} samples, row ${c} has ${row.length}`);
  }
  return n;
}

/**
 * hnn-core `calculate_csd2d(lfp_data, delta=1)`: the second spatial difference along the contacts,
 * csd[c] = −(V[c−1] − 2·V[c] + V[c+1]) / delta², with each border contact extrapolated linearly
 * from its two neighbours (csd[0] = 2·csd[1] − csd[2], likewise at the bottom).
 *
 * @param lfpData - potentials, contacts × samples (µV), at least 4 contacts
 * @param delta - spacing between contacts (µm); the CSD is in µV/µm² for µV and µm
 * @returns the CSD, contacts × samples
 * @throws ValueError for fewer than 4 contacts, ragged rows, or a delta that is not a non-zero number
 */
export function calculateCsd2d(lfpData: ArrayLike<ArrayLike<number>>, delta = 1): Float64Array[] {
  const n = checkMatrix("lfpData", lfpData, 4);
  if (typeof delta !== "number" || !Number.isFinite(delta) || delta === 0) {
    throw new ValueError(`delta must be a finite non-zero number (contact spacing, µm), got ${String(delta)}`);
  }
  const m = lfpData.length;
  const d2 = delta ** 2;
  const csd = Array.from({ length: m }, () => new Float64Array(n));
  for (let c = 1; c < m - 1; c++) {
    const [a, b, e, out] = [lfpData[c - 1]!, lfpData[c]!, lfpData[c + 1]!, csd[c]!];
    for (let t = 0; t < n; t++) out[t] = -(e[t]! - b[t]! - (b[t]! - a[t]!)) / d2;
  }
  for (let t = 0; t < n; t++) {
    csd[0]![t] = csd[1]![t]! * 2 - csd[2]![t]!;
    csd[m - 1]![t] = csd[m - 2]![t]! * 2 - csd[m - 3]![t]!;
  }
  return csd;
}

/**
 * Not-a-knot cubic spline interpolation from fixed nodes `x` to fixed points `at`, for many value
 * columns: the linear system depends only on `x`, so it is factorised once.
 */
export class SplineInterpolator {
  private readonly x: Float64Array;
  private readonly lu: Float64Array[];
  private readonly perm: Int32Array;
  private readonly seg: Int32Array;
  private readonly at: Float64Array;

  /**
   * @param x - nodes, strictly increasing, at least 4 (a cubic through 4 points needs no knot)
   * @param at - where to evaluate (inside [x₀, x_last])
   */
  constructor(x: ArrayLike<number>, at: ArrayLike<number>) {
    const m = x.length;
    if (m < 4) throw new ValueError(`spline interpolation needs at least 4 contacts, got ${m}`);
    for (let i = 1; i < m; i++) {
      if (!(x[i]! > x[i - 1]!)) throw new ValueError(`contactLabels must be strictly increasing numbers for spline interpolation, got ${x[i - 1]} then ${x[i]}`);
    }
    this.x = Float64Array.from(x);
    this.at = Float64Array.from(at);
    // Second derivatives M: continuity of the first derivative inside, a continuous third derivative
    // at the second and the second-to-last node (not-a-knot).
    const h = (i: number) => this.x[i + 1]! - this.x[i]!;
    const a = Array.from({ length: m }, () => new Float64Array(m));
    a[0]![0] = h(1);
    a[0]![1] = -(h(0) + h(1));
    a[0]![2] = h(0);
    for (let i = 1; i < m - 1; i++) {
      a[i]![i - 1] = h(i - 1);
      a[i]![i] = 2 * (h(i - 1) + h(i));
      a[i]![i + 1] = h(i);
    }
    a[m - 1]![m - 3] = h(m - 2);
    a[m - 1]![m - 2] = -(h(m - 3) + h(m - 2));
    a[m - 1]![m - 1] = h(m - 3);
    this.perm = Int32Array.from({ length: m }, (_, i) => i);
    for (let k = 0; k < m; k++) {
      let p = k;
      for (let i = k + 1; i < m; i++) if (Math.abs(a[i]![k]!) > Math.abs(a[p]![k]!)) p = i;
      [a[k], a[p]] = [a[p]!, a[k]!];
      [this.perm[k], this.perm[p]] = [this.perm[p]!, this.perm[k]!];
      for (let i = k + 1; i < m; i++) {
        const f = (a[i]![k]! /= a[k]![k]!);
        for (let j = k + 1; j < m; j++) a[i]![j]! -= f * a[k]![j]!;
      }
    }
    this.lu = a;
    this.seg = Int32Array.from(this.at, (t) => {
      let i = 0;
      while (i < m - 2 && t > this.x[i + 1]!) i++;
      return i;
    });
  }

  /** The spline through (x, y) at every point of `at`, written to `out` (default a new array). */
  evaluate(y: ArrayLike<number>, out = new Float64Array(this.at.length)): Float64Array {
    const m = this.x.length;
    const rhs = new Float64Array(m);
    for (let i = 1; i < m - 1; i++) {
      const h0 = this.x[i]! - this.x[i - 1]!;
      const h1 = this.x[i + 1]! - this.x[i]!;
      rhs[i] = 6 * ((y[i + 1]! - y[i]!) / h1 - (y[i]! - y[i - 1]!) / h0);
    }
    const z = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let s = rhs[this.perm[i]!]!;
      for (let j = 0; j < i; j++) s -= this.lu[i]![j]! * z[j]!;
      z[i] = s;
    }
    for (let i = m - 1; i >= 0; i--) {
      let s = z[i]!;
      for (let j = i + 1; j < m; j++) s -= this.lu[i]![j]! * z[j]!;
      z[i] = s / this.lu[i]![i]!;
    }
    for (let k = 0; k < this.at.length; k++) {
      const i = this.seg[k]!;
      const [x0, x1] = [this.x[i]!, this.x[i + 1]!];
      const hh = x1 - x0;
      const [u, v] = [x1 - this.at[k]!, this.at[k]! - x0];
      out[k] = (z[i]! * u ** 3 + z[i + 1]! * v ** 3) / (6 * hh) + (y[i]! / hh - (z[i]! * hh) / 6) * u + (y[i + 1]! / hh - (z[i + 1]! * hh) / 6) * v;
    }
    return out;
  }
}

/**
 * numpy.linspace(first, last, last − first): the depths `plot_laminar_csd` interpolates to (one per
 * µm for µm labels). hnn-core passes the difference as the count, so it must be a whole number ≥ 2.
 */
export function csdDepths(first: number, last: number): Float64Array {
  const num = last - first;
  if (!Number.isInteger(num) || num < 2) {
    throw new ValueError(`spline interpolation of the CSD needs contactLabels whose last minus first is a whole number of at least 2 (one row per unit), got ${first} and ${last}; use interpolation: null`);
  }
  const step = (last - first) / (num - 1);
  const out = Float64Array.from({ length: num }, (_, i) => first + i * step);
  out[num - 1] = last;
  return out;
}
