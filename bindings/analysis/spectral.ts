/**
 * Spectral estimates behind hnn-core's `plot_psd` and `plot_tfr_morlet` (viz.py of v0.6.1):
 * scipy.signal.periodogram with a Hamming window, and mne's `tfr_array_morlet` (vendored in
 * hnn_core/externals/mne.py) with hnn-core's defaults. The FFT they rest on is in ./fft.ts.
 * The figure functions draw what these return.
 */

import { Dipole, type DipoleLayer } from "./dipole";
import { hamming } from "./filters";
import { fft, ifft, nextPow2, rfftfreq, type ComplexArray } from "./fft";
import { checkFiniteNumber, checkOneOf, describe, ValueError } from "../util/validate";

/** scipy.signal.get_window('hamming', n) (periodic): 0.54 − 0.46·cos(2πk/n). */
function hammingPeriodic(n: number): Float64Array {
  if (n === 1) return Float64Array.of(1);
  // scipy: symmetric Hamming of n + 1 points, last dropped.
  return hamming(n + 1).slice(0, n);
}

/** Result of {@link periodogram}. */
export interface Periodogram {
  /** Frequencies (Hz), 0 … fs/2. */
  freqs: Float64Array;
  /** Power spectral density (units²/Hz), one-sided. */
  pxx: Float64Array;
}

/**
 * scipy.signal.periodogram(x, fs, window='hamming', nfft=len(x)) with its other defaults:
 * constant detrend (mean removed), one-sided, 'density' scaling:
 * P_k = c_k·|FFT(w·(x − mean))_k|² / (fs·Σw²), c_k = 2 except at 0 Hz (and fs/2 for even n).
 * @param x the signal (at least 1 sample).
 * @param fs sampling frequency (Hz).
 */
export function periodogram(x: ArrayLike<number>, fs: number): Periodogram {
  const n = x.length;
  if (n < 1) throw new ValueError("periodogram needs at least 1 sample, got 0");
  checkFiniteNumber("fs", fs);
  if (fs <= 0) throw new ValueError(`fs must be positive, got ${fs}`);
  const w = hammingPeriodic(n);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  const seg = new Float64Array(n);
  let wss = 0;
  for (let i = 0; i < n; i++) {
    seg[i] = w[i] * (x[i] - mean);
    wss += w[i] * w[i];
  }
  const scale = 1.0 / (fs * wss);
  const spec = fft(seg);
  const nOut = (n >> 1) + 1;
  const pxx = new Float64Array(nOut);
  for (let k = 0; k < nOut; k++) {
    pxx[k] = (spec.re[k] * spec.re[k] + spec.im[k] * spec.im[k]) * scale;
  }
  const last = n % 2 === 0 ? nOut - 1 : nOut;
  for (let k = 1; k < last; k++) pxx[k] *= 2;
  return { freqs: rfftfreq(n, 1.0 / fs), pxx };
}

/** Time window options shared by {@link psd} and {@link tfrMorlet}. */
export interface TimeWindowOptions {
  /** Start time (ms); default the first sample. */
  tmin?: number | null;
  /** End time (ms, exclusive as in hnn-core); default the last sample (which is then left out). */
  tmax?: number | null;
  /** Layer to analyse; default 'agg'. */
  layer?: DipoleLayer;
}

/**
 * hnn-core `_get_plot_data_trange`: the samples with max(tmin, t0) ≤ t < min(tmax, t_end).
 * Note that hnn-core's mask leaves out the last sample even when tmax is not given.
 */
export function getPlotDataTrange(
  times: ArrayLike<number>,
  data: ArrayLike<number>,
  tmin?: number | null,
  tmax?: number | null,
): { data: Float64Array; times: Float64Array } {
  let lo = times[0];
  if (tmin !== undefined && tmin !== null) lo = Math.max(tmin, lo);
  let hi = times[times.length - 1];
  if (tmax !== undefined && tmax !== null) hi = Math.min(tmax, hi);
  const d: number[] = [];
  const t: number[] = [];
  for (let i = 0; i < times.length; i++) {
    if (times[i] >= lo && times[i] < hi) {
      d.push(data[i]);
      t.push(times[i]);
    }
  }
  return { data: Float64Array.from(d), times: Float64Array.from(t) };
}

function asDipoleList(dpl: Dipole | readonly Dipole[]): readonly Dipole[] {
  const list = dpl instanceof Dipole ? [dpl] : dpl;
  if (!Array.isArray(list) || list.length === 0 || !list.every((d) => d instanceof Dipole)) {
    throw new ValueError(`dpl must be a Dipole or a non-empty list of Dipole instances, got ${describe(dpl)}`);
  }
  const { scaleApplied, sfreq } = list[0];
  for (const d of list) {
    if (d.scaleApplied !== scaleApplied) throw new ValueError("All dipoles must be scaled equally!");
    if (d.sfreq !== sfreq) throw new ValueError("All dipoles must be sampled equally!");
  }
  return list;
}

function layerData(d: Dipole, layer: DipoleLayer): Float64Array {
  checkOneOf("layer", layer, ["agg", "L2", "L5"] as const);
  const col = d.data[layer];
  if (col === undefined) {
    throw new ValueError(`layer '${layer}' is not in this dipole (it has: ${d.layers().join(", ")})`);
  }
  return col;
}

/** Result of {@link psd}. */
export interface PsdResult {
  /** Frequencies (Hz), 0 … sfreq/2. */
  freqs: Float64Array;
  /** Mean over trials of the Hamming-windowed periodogram ((nAm × scaleApplied)²/Hz). */
  power: Float64Array;
  /** Each trial's periodogram. */
  trialPower: Float64Array[];
  /** The dipoles' common `scaleApplied` (for the axis label). */
  scaleApplied: number;
}

/**
 * The spectrum hnn-core's `plot_psd(dpl, tmin, tmax, layer)` draws: scipy's periodogram with
 * `window='hamming'`, `nfft = len(data)` of each trial's layer within [tmin, tmax).
 * hnn-core 0.6.1 documents the trial mean for a list of dipoles but, by a slip in viz.py, plots
 * the last trial's spectrum; `power` is the documented mean, `trialPower` has every trial
 * (so `trialPower.at(-1)` reproduces hnn-core's figure exactly).
 */
export function psd(dpl: Dipole | readonly Dipole[], opts: TimeWindowOptions = {}): PsdResult {
  const list = asDipoleList(dpl);
  const layer = opts.layer ?? "agg";
  const trialPower: Float64Array[] = [];
  let freqs: Float64Array = new Float64Array(0);
  for (const d of list) {
    const { data } = getPlotDataTrange(d.times, layerData(d, layer), opts.tmin, opts.tmax);
    if (data.length === 0) throw new ValueError(`No samples in [tmin, tmax) = [${opts.tmin}, ${opts.tmax})`);
    const p = periodogram(data, d.sfreq);
    if (trialPower.length > 0 && p.pxx.length !== trialPower[0].length) {
      throw new ValueError("All dipoles must have the same number of samples in [tmin, tmax)");
    }
    freqs = p.freqs;
    trialPower.push(p.pxx);
  }
  const power = new Float64Array(freqs.length);
  for (const p of trialPower) for (let k = 0; k < power.length; k++) power[k] += p[k];
  for (let k = 0; k < power.length; k++) power[k] /= trialPower.length;
  return { freqs, power, trialPower, scaleApplied: list[0].scaleApplied };
}

/**
 * mne `morlet(sfreq, freqs, n_cycles=7.0, sigma=None, zero_mean=False)`: one complex wavelet per
 * frequency, σ_t = n_cycles / (2πf), sampled at t = k/sfreq for |t| < 5σ_t, W = e^{2πift}·
 * e^{−t²/(2σ_t²)} (minus the real offset e^{−2(πfσ_t)²} in the oscillation when zeroMean),
 * normalised so that ‖W‖₂ = √2.
 */
export function morlet(
  sfreq: number,
  freqs: ArrayLike<number>,
  nCycles: number | ArrayLike<number> = 7.0,
  zeroMean = false,
): ComplexArray[] {
  const nc = typeof nCycles === "number" ? [nCycles] : Array.from(nCycles);
  if (Array.from(freqs).some((f) => !(f > 0))) {
    throw new ValueError("all frequencies in 'freqs' must be greater than 0.");
  }
  if (nc.some((c) => !(c > 0 && Number.isFinite(c)))) {
    throw new ValueError(`nCycles must be positive finite numbers (cycles per wavelet), got ${typeof nCycles === "number" ? nCycles : `[${nc.join(", ")}]`}`);
  }
  if (nc.length !== 1 && nc.length !== freqs.length) {
    throw new ValueError(
      `n_cycles should be fixed or defined for each frequency (nCycles has ${nc.length} values, freqs ${freqs.length})`,
    );
  }
  const out: ComplexArray[] = [];
  for (let k = 0; k < freqs.length; k++) {
    const f = freqs[k];
    const thisNCycles = nc.length !== 1 ? nc[k] : nc[0];
    const sigmaT = thisNCycles / (2.0 * Math.PI * f);
    // np.arange(0, 5σ, 1/sfreq): ceil((stop − start)/step) samples, t_i = i·step.
    const step = 1.0 / sfreq;
    const nHalf = Math.ceil((5.0 * sigmaT) / step);
    const m = 2 * nHalf - 1;
    const re = new Float64Array(m);
    const im = new Float64Array(m);
    const realOffset = zeroMean ? Math.exp(-2 * (Math.PI * f * sigmaT) ** 2) : 0;
    const omega = 2.0 * Math.PI * f;
    let norm2 = 0;
    for (let j = 0; j < m; j++) {
      const i = j - (nHalf - 1);
      const t = (i < 0 ? -1 : 1) * Math.abs(i) * step;
      const g = Math.exp(-(t * t) / (2.0 * sigmaT ** 2));
      const th = omega * t;
      re[j] = (Math.cos(th) - realOffset) * g;
      im[j] = Math.sin(th) * g;
      norm2 += re[j] * re[j] + im[j] * im[j];
    }
    const s = Math.sqrt(0.5) * Math.sqrt(norm2);
    for (let j = 0; j < m; j++) {
      re[j] /= s;
      im[j] /= s;
    }
    out.push({ re, im });
  }
  return out;
}

/** Options of {@link tfrArrayMorlet}. */
export interface TfrArrayMorletOptions {
  /** Cycles per wavelet, one number or one per frequency; default 7. */
  nCycles?: number | ArrayLike<number>;
  /** Make the wavelets zero-mean; default false. */
  zeroMean?: boolean;
}

/**
 * mne `tfr_array_morlet(data[None, None], sfreq, freqs, n_cycles, output=...)` for one signal:
 * the signal convolved ('same', centred) with each Morlet wavelet (via FFT).
 * @returns per frequency, the complex coefficients over time.
 */
function tfrArrayMorletComplex(
  data: ArrayLike<number>,
  sfreq: number,
  freqs: ArrayLike<number>,
  opts: TfrArrayMorletOptions = {},
): ComplexArray[] {
  checkFiniteNumber("sfreq", sfreq);
  if (Array.from(freqs).some((f) => f > sfreq / 2)) {
    throw new ValueError(
      `Cannot compute freq above Nyquist freq of the data (${(sfreq / 2).toFixed(1)} Hz), ` +
        `got ${Math.max(...Array.from(freqs)).toFixed(1)} Hz`,
    );
  }
  const ws = morlet(sfreq, freqs, opts.nCycles ?? 7.0, opts.zeroMean ?? false);
  const n = data.length;
  const maxSize = Math.max(...ws.map((w) => w.re.length));
  // mne raises only when the first frequency's wavelet is longer than the signal (and merely
  // warns about the others, which the FFT length accommodates).
  if (ws.length > 0 && ws[0].re.length > n) {
    throw new ValueError(
      `At least one of the wavelets is longer than the signal (the wavelet of ${freqs[0]} Hz has ` +
        `${ws[0].re.length} samples, the signal ${n}). Use a longer signal or shorter wavelets ` +
        "(fewer nCycles or higher freqs).",
    );
  }
  const nfft = nextPow2(n + maxSize - 1);
  const xr = new Float64Array(nfft);
  xr.set(Array.from(data));
  const X = fft(xr);
  return ws.map((w) => {
    const wr = new Float64Array(nfft);
    const wi = new Float64Array(nfft);
    wr.set(w.re);
    wi.set(w.im);
    const W = fft(wr, wi);
    const pr = new Float64Array(nfft);
    const pi = new Float64Array(nfft);
    for (let k = 0; k < nfft; k++) {
      pr[k] = X.re[k] * W.re[k] - X.im[k] * W.im[k];
      pi[k] = X.re[k] * W.im[k] + X.im[k] * W.re[k];
    }
    const full = ifft(pr, pi);
    const start = (w.re.length - 1) >> 1; // mne's _centered(full[:n + M − 1], n)
    return { re: full.re.slice(start, start + n), im: full.im.slice(start, start + n) };
  });
}

/** mne `tfr_array_morlet(..., output='power')` for one signal: |coefficients|², one row per frequency. */
export function tfrArrayMorlet(
  data: ArrayLike<number>,
  sfreq: number,
  freqs: ArrayLike<number>,
  opts: TfrArrayMorletOptions = {},
): Float64Array[] {
  return tfrArrayMorletComplex(data, sfreq, freqs, opts).map(({ re, im }) => {
    const p = new Float64Array(re.length);
    for (let i = 0; i < p.length; i++) p[i] = re[i] * re[i] + im[i] * im[i];
    return p;
  });
}

/** Options of {@link tfrMorlet} (hnn-core `plot_tfr_morlet`'s keyword arguments). */
export interface TfrMorletOptions extends TimeWindowOptions {
  /** Cycles per wavelet, one number or one per frequency; default 7. */
  nCycles?: number | ArrayLike<number>;
  /** Padding beyond [tmin, tmax): 'zeros' (default), 'mirror', or null for none. */
  padding?: "zeros" | "mirror" | null;
  /** Decimation (scipy.signal.decimate) is not implemented yet; must be null/undefined. */
  decim?: number | number[] | null;
}

/** Result of {@link tfrMorlet}. */
export interface TfrResult {
  /** Times (ms) of the columns. */
  times: Float64Array;
  /** Frequencies (Hz) of the rows, as given. */
  freqs: Float64Array;
  /** power[f][t], mean over trials ((nAm × scaleApplied)²). */
  power: Float64Array[];
  /** The dipoles' common `scaleApplied` (for the colour-bar label). */
  scaleApplied: number;
}

/**
 * hnn-core `plot_tfr_morlet`'s padding of n samples to 3n − 2: n − 1 zeros on both sides ('zeros'),
 * or the mirror image `data[-1:0:-1]` before and `data[-2::-1]` after ('mirror'); null: `data` itself.
 * The padded signal's samples n − 1 … 2n − 2 are `data`.
 */
export function padSignal(data: ArrayLike<number>, padding: "zeros" | "mirror" | null): Float64Array {
  const n = data.length;
  if (padding === null) return Float64Array.from(data);
  const x = new Float64Array(3 * n - 2);
  x.set(data, n - 1);
  if (padding === "mirror") {
    for (let i = 0; i < n - 1; i++) x[i] = data[n - 1 - i]; // data[-1:0:-1]
    for (let i = 0; i < n - 1; i++) x[2 * n - 1 + i] = data[n - 2 - i]; // data[-2::-1]
  }
  return x;
}

/**
 * The time-frequency power hnn-core's `plot_tfr_morlet(dpl, freqs, n_cycles=7., tmin, tmax,
 * layer='agg', padding='zeros')` draws: per trial, the layer within [tmin, tmax) padded on both
 * sides with n − 1 zeros (or its mirror image), mne's Morlet power, the middle n samples; then the
 * mean over trials.
 */
export function tfrMorlet(
  dpl: Dipole | readonly Dipole[],
  freqs: ArrayLike<number>,
  opts: TfrMorletOptions = {},
): TfrResult {
  const list = asDipoleList(dpl);
  const layer = opts.layer ?? "agg";
  if (opts.decim !== undefined && opts.decim !== null) {
    throw new ValueError("decim is not supported yet by hnn-wasm's tfrMorlet; pass decim=null");
  }
  const padding = opts.padding === undefined ? "zeros" : opts.padding;
  if (padding !== null) checkOneOf("padding", padding, ["zeros", "mirror"] as const);
  let sum: Float64Array[] | null = null;
  let times: Float64Array = new Float64Array(0);
  for (const d of list) {
    const sel = getPlotDataTrange(d.times, layerData(d, layer), opts.tmin, opts.tmax);
    times = sel.times;
    const n = sel.data.length;
    if (n === 0) throw new ValueError(`No samples in [tmin, tmax) = [${opts.tmin}, ${opts.tmax})`);
    let p = tfrArrayMorlet(padSignal(sel.data, padding), d.sfreq, freqs, { nCycles: opts.nCycles ?? 7.0 });
    if (padding !== null) p = p.map((row) => row.slice(n - 1, 2 * n - 1));
    if (sum === null) sum = p;
    else {
      if (p[0].length !== sum[0].length) {
        throw new ValueError("All dipoles must have the same number of samples in [tmin, tmax)");
      }
      for (let f = 0; f < p.length; f++) for (let i = 0; i < p[f].length; i++) sum[f][i] += p[f][i];
    }
  }
  const power = sum!;
  for (const row of power) for (let i = 0; i < row.length; i++) row[i] /= list.length;
  return { times, freqs: Float64Array.from(freqs), power, scaleApplied: list[0].scaleApplied };
}

/**
 * {@link periodogram} in the shape of bindings/viz's `PsdFunction` (`{freqs, psd}`), to plug into
 * plotPsd's `psd` option.
 */
export function periodogramSpectrum(
  data: ArrayLike<number>,
  sfreq: number,
): { freqs: Float64Array; psd: Float64Array } {
  const { freqs, pxx } = periodogram(data, sfreq);
  return { freqs, psd: pxx };
}

/**
 * {@link tfrArrayMorlet} in the shape of bindings/viz's `TfrFunction`, to plug into
 * plotTfrMorlet's `tfr` option.
 */
export function morletPower(
  data: ArrayLike<number>,
  sfreq: number,
  freqs: ArrayLike<number>,
  nCycles: number | ArrayLike<number> = 7.0,
): Float64Array[] {
  return tfrArrayMorlet(data, sfreq, freqs, { nCycles });
}
