/**
 * scipy.signal.decimate as hnn-core 0.6.1's plots call it (`_decimate_plot_data` in viz.py:
 * `decimate(data, q)` with scipy's defaults: an order-8 Chebyshev type I low-pass, 0.05 dB ripple,
 * cut-off 0.8/q of Nyquist, as second-order sections, run forward and backward (`sosfiltfilt`, odd
 * padding of 27 samples), then every q-th sample). The design follows scipy's steps (analog
 * prototype, pre-warped bilinear transform, zpk2sos 'nearest' pairing), so coefficients and output
 * agree with scipy to rounding. Checked against scipy in test/api/viz.decimate.test.ts.
 */
import { ValueError } from "../util/validate";

/** Order of scipy.signal.decimate's default IIR filter. */
const ORDER = 8;
/** Pass-band ripple (dB) of that filter. */
const RIPPLE_DB = 0.05;

/** A complex number as [re, im]. */
type Complex = [number, number];

const mul = (a: Complex, b: Complex): Complex => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
const div = (a: Complex, b: Complex): Complex => {
  const d = b[0] * b[0] + b[1] * b[1];
  return [(a[0] * b[0] + a[1] * b[1]) / d, (a[1] * b[0] - a[0] * b[1]) / d];
};

/**
 * Second-order sections (rows [b0, b1, b2, 1, a1, a2]) of scipy's `cheby1(8, 0.05, 0.8 / q,
 * output='sos')`: the anti-aliasing filter of `decimate(x, q)`.
 */
export function decimationSos(q: number): number[][] {
  const eps = Math.sqrt(10 ** (0.1 * RIPPLE_DB) - 1);
  const mu = Math.asinh(1 / eps) / ORDER;
  // Analog prototype poles −sinh(µ + iθ) on an ellipse in the left half plane, θ = π·m/(2N).
  const poles: Complex[] = [];
  for (let m = -ORDER + 1; m < ORDER; m += 2) {
    const theta = (Math.PI * m) / (2 * ORDER);
    poles.push([-Math.sinh(mu) * Math.cos(theta), -Math.cosh(mu) * Math.sin(theta)]);
  }
  let prod: Complex = [1, 0];
  for (const p of poles) prod = mul(prod, [-p[0], -p[1]]);
  let k = prod[0] / Math.sqrt(1 + eps * eps); // even order: gain at DC is the ripple's lower edge
  // Low-pass to the pre-warped cut-off (fs = 2), then the bilinear transform (zeros go to z = −1).
  const warped = 4 * Math.tan((Math.PI * (0.8 / q)) / 2);
  k *= warped ** ORDER;
  let den: Complex = [1, 0];
  const zPoles = poles.map((p): Complex => {
    const s: Complex = [p[0] * warped, p[1] * warped];
    den = mul(den, [4 - s[0], -s[1]]);
    return div([4 + s[0], s[1]], [4 - s[0], -s[1]]);
  });
  k *= div([1, 0], den)[0];
  // zpk2sos 'nearest': one section per conjugate pair, the pair nearest the unit circle last.
  const upper = zPoles.filter((p) => p[1] > 0);
  const sos: number[][] = new Array(upper.length);
  for (let si = upper.length - 1; si >= 0; si--) {
    let worst = 0;
    for (let i = 1; i < upper.length; i++) {
      if (Math.abs(1 - Math.hypot(...upper[i]!)) < Math.abs(1 - Math.hypot(...upper[worst]!))) worst = i;
    }
    const [re, im] = upper.splice(worst, 1)[0]!;
    sos[si] = [1, 2, 1, 1, -re - re, re * re + im * im];
  }
  for (let j = 0; j < 3; j++) sos[0]![j]! *= k;
  return sos;
}

/** Runs `x` through the sections in place (scipy `sosfilt`, direct form II transposed); `zi` is updated. */
function sosfilt(sos: number[][], x: Float64Array, zi: Float64Array[]): void {
  for (let n = 0; n < x.length; n++) {
    let cur = x[n]!;
    for (let s = 0; s < sos.length; s++) {
      const c = sos[s]!;
      const z = zi[s]!;
      const next = c[0]! * cur + z[0]!;
      z[0] = c[1]! * cur - c[4]! * next + z[1]!;
      z[1] = c[2]! * cur - c[5]! * next;
      cur = next;
    }
    x[n] = cur;
  }
}

/** scipy `sosfilt_zi`: the state of each section at steady state for a unit step. */
function sosfiltZi(sos: number[][]): Float64Array[] {
  let scale = 1;
  return sos.map((c) => {
    const [b0, b1, b2, , a1, a2] = c as [number, number, number, number, number, number];
    // lfilter_zi: solve (I − companion(a)ᵀ)·zi = b[1:] − a[1:]·b0 by LU with partial pivoting.
    const m: [number, number, number, number] = [1 + a1, -1, a2, 1];
    let r: [number, number] = [b1 - a1 * b0, b2 - a2 * b0];
    if (Math.abs(m[2]) > Math.abs(m[0])) {
      [m[0], m[1], m[2], m[3]] = [m[2], m[3], m[0], m[1]];
      r = [r[1], r[0]];
    }
    const l = m[2] / m[0];
    const x1 = (r[1] - l * r[0]) / (m[3] - l * m[1]);
    const x0 = (r[0] - x1 * m[1]) / m[0];
    const zi = Float64Array.of(scale * x0, scale * x1);
    scale *= (b0 + b1 + b2) / (1 + a1 + a2);
    return zi;
  });
}

/**
 * scipy `sosfiltfilt(sos, x)` with its defaults (odd extension of 3·(2·sections + 1) samples at each
 * end, steady-state initial conditions): zero-phase filtering.
 * @throws ValueError when x is not longer than the padding
 */
function sosfiltfilt(sos: number[][], x: ArrayLike<number>): Float64Array {
  const edge = 3 * (2 * sos.length + 1);
  const n = x.length;
  if (n <= edge) {
    throw new ValueError(`The length of the input vector x must be greater than padlen, which is ${edge}. Got ${n} samples: decimate fewer times or plot more samples.`);
  }
  const ext = new Float64Array(n + 2 * edge);
  for (let i = 0; i < edge; i++) {
    ext[i] = 2 * x[0]! - x[edge - i]!;
    ext[edge + n + i] = 2 * x[n - 1]! - x[n - 2 - i]!;
  }
  for (let i = 0; i < n; i++) ext[edge + i] = x[i]!;
  const zi = sosfiltZi(sos);
  const scaled = (v: number) => zi.map((z) => Float64Array.of(z[0]! * v, z[1]! * v));
  sosfilt(sos, ext, scaled(ext[0]!));
  ext.reverse();
  sosfilt(sos, ext, scaled(ext[0]!));
  ext.reverse();
  return ext.slice(edge, edge + n);
}

/**
 * scipy.signal.decimate(x, q) with its defaults (IIR, zero phase): low-pass then keep samples
 * 0, q, 2q, … (⌈n/q⌉ of them).
 * @param q - decimation factor, a positive integer (scipy recommends q < 13)
 * @throws ValueError for a bad factor or a signal of 27 samples or fewer
 */
export function decimate(x: ArrayLike<number>, q: number): Float64Array {
  if (!Number.isInteger(q) || q < 1) throw new ValueError(`q must be a positive int, got ${q}`);
  const y = sosfiltfilt(decimationSos(q), x);
  const out = new Float64Array(Math.ceil(y.length / q));
  for (let i = 0; i < out.length; i++) out[i] = y[i * q]!;
  return out;
}

/** Result of {@link decimatePlotData}. */
export interface DecimatedData {
  data: Float64Array;
  times: Float64Array;
  /** Sampling frequency divided by the product of the factors (when one was given). */
  sfreq?: number;
}

/**
 * hnn-core `_decimate_plot_data(decim, data, times, sfreq)`: each factor of `decim` in turn
 * decimates the data ({@link decimate}) and takes every factor-th time.
 * @param decim - one factor or a list applied one after the other (for factors above 13)
 * @throws ValueError when a factor is not a positive integer
 */
export function decimatePlotData(decim: number | number[], data: ArrayLike<number>, times: ArrayLike<number>, sfreq?: number): DecimatedData {
  const factors = Array.isArray(decim) ? decim : [decim];
  for (const dec of factors) {
    if (!Number.isInteger(dec) || dec < 1) {
      throw new ValueError(`each decimation factor of decim must be a positive int, but ${JSON.stringify(dec)} is a ${typeof dec === "number" ? "non-integer" : typeof dec}`);
    }
  }
  let y: Float64Array = Float64Array.from(data);
  let t: Float64Array = Float64Array.from(times);
  for (const dec of factors) {
    y = decimate(y, dec);
    t = t.filter((_, i) => i % dec === 0);
  }
  const out: DecimatedData = { data: y, times: t };
  if (sfreq !== undefined) out.sfreq = sfreq / factors.reduce((p, d) => p * d, 1);
  return out;
}
