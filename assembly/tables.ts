// NEURON rate TABLEs (CHANNELS.md "Rate tables"): N+1 rows on a grid accumulated by repeated
// addition, each row the exact rate functions; lookup interpolates every column independently.
import { ldf } from "./util";

/** Rate functions fill `out[0..nCols)` for voltage v (mV). */
export type RateFn = (v: f64, out: StaticArray<f64>) => void;

/** Interpolated values of the last lookup, one per table column. */
export const tableOut = new StaticArray<f64>(8);

export class RateTable {
  /** Row-major values, (n + 1) rows × nCols. */
  data: Array<f64>;
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
    this.data = new Array<f64>((n + 1) * nCols);
    const row = new StaticArray<f64>(8);
    let x = lo;
    // CHANNELS.md: x_{i+1} = x_i + dx by repeated addition, as NEURON's generated code does.
    for (let i = 0; i <= n; i++) {
      fn(x, row);
      for (let c = 0; c < nCols; c++) unchecked((this.data[i * nCols + c] = row[c]));
      x += dx;
    }
  }

  /** Interpolate every column at v into `tableOut` (CHANNELS.md lookup rule). */
  lookup(v: f64): void {
    const p = this.data.dataStart;
    const nc = this.nCols;
    const xi = this.mfac * (v - this.lo);
    if (xi <= 0.0) {
      for (let c = 0; c < nc; c++) unchecked((tableOut[c] = ldf(p, c)));
      return;
    }
    if (xi >= <f64>this.n) {
      const r = this.n * nc;
      for (let c = 0; c < nc; c++) unchecked((tableOut[c] = ldf(p, r + c)));
      return;
    }
    const i = <i32>xi;
    const theta = xi - <f64>i;
    const r0 = i * nc;
    const r1 = r0 + nc;
    for (let c = 0; c < nc; c++) {
      const t0 = ldf(p, r0 + c);
      unchecked((tableOut[c] = t0 + theta * (ldf(p, r1 + c) - t0)));
    }
  }
}

/** cnexp update of one gate (CHANNELS.md), NEURON's generated form. */
// @ts-ignore: decorator
@inline export function cnexp(s: f64, inf: f64, tau: f64, dt: f64): f64 {
  return s + (1.0 - Math.exp(dt * (-1.0 / tau))) * (-(inf / tau) / (-1.0 / tau) - s);
}
