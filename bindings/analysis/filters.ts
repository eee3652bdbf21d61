/**
 * The dipole filters of hnn-core 0.6.1 (utils.py, dipole.py; DIPOLE.md §5): Hamming-window smoothing
 * (`smooth_waveform`, numpy's `convolve` in mode 'same') and the Savitzky-Golay filter (scipy's
 * `savgol_filter`, polynomial order 5, mode 'interp').
 */

import { roundHalfEven } from "../util/pyformat";
import { checkFiniteNumber, describe, ValueError } from "../util/validate";

/**
 * hnn-core `smooth_waveform(data, window_len, sfreq)`: convolve with a Hamming window of
 * `round(1e-3·windowLen·sfreq)` samples normalised to sum 1, keeping the input length
 * (numpy.convolve 'same': output i = Σ_j x[j]·w[i + (M−1) div 2 − j], zero outside the data).
 * @returns a new array; `data` is not changed.
 */
export function smoothWaveform(
  data: ArrayLike<number>,
  windowLen: number,
  sfreq: number,
): Float64Array {
  if (typeof windowLen !== "number" || Number.isNaN(windowLen) || windowLen < 0) {
    throw new ValueError(
      `Window length must be a non-negative number (windowLen in ms, 0 or >= 1), got ${describe(windowLen)}`,
    );
  } else if (windowLen > 0 && windowLen < 1) {
    throw new ValueError(`Window length less than 1 ms is not supported (windowLen=${windowLen})`);
  }
  checkFiniteNumber("sfreq", sfreq);
  if (sfreq <= 0) throw new ValueError(`Sampling frequency must be positive (sfreq=${sfreq})`);
  const winsz = roundHalfEven(1e-3 * windowLen * sfreq);
  if (!(winsz >= 1)) {
    throw new ValueError(
      `Window size is too small: ${winsz} samples. Window size is given by ` +
        `(1e-3 * window_len * sfreq) and must be >= 1 (windowLen=${windowLen}, sfreq=${sfreq}).`,
    );
  }
  if (winsz > data.length) {
    throw new ValueError(
      `Window size is too long: ${winsz} samples; data length is ${data.length} samples ` +
        `(windowLen=${windowLen} ms at sfreq=${sfreq} Hz)`,
    );
  }
  return hammfilt(data, winsz);
}

/** numpy.hamming(m): 0.54 − 0.46·cos(2πn/(m−1)); [1] for m = 1. */
export function hamming(m: number): Float64Array {
  const w = new Float64Array(m);
  if (m === 1) {
    w[0] = 1;
    return w;
  }
  for (let n = 0; n < m; n++) w[n] = 0.54 - 0.46 * Math.cos((2.0 * Math.PI * n) / (m - 1));
  return w;
}

/** hnn-core `_hammfilt`: convolve with a normalised Hamming window, numpy 'same' mode. */
function hammfilt(x: ArrayLike<number>, winsz: number): Float64Array {
  const w = hamming(winsz);
  let sum = 0;
  for (let j = 0; j < winsz; j++) sum += w[j];
  for (let j = 0; j < winsz; j++) w[j] /= sum;
  const n = x.length;
  const out = new Float64Array(n);
  const c = (winsz - 1) >> 1; // start of the 'same' part within the full convolution
  for (let i = 0; i < n; i++) {
    // full index k = i + c; y = Σ_j x[j]·w[k − j] with 0 ≤ k − j < winsz.
    const k = i + c;
    const jLo = Math.max(0, k - winsz + 1);
    const jHi = Math.min(n - 1, k);
    let acc = 0;
    for (let j = jLo; j <= jHi; j++) acc += x[j] * w[k - j];
    out[i] = acc;
  }
  return out;
}

/** Polynomial order of hnn-core's Savitzky-Golay filter. */
const SAVGOL_POLYORDER = 5;

/**
 * hnn-core `_savgol_filter(data, h_freq, sfreq)` = scipy.signal.savgol_filter(data,
 * window_length=(round(sfreq/h_freq) div 2)·2+1, polyorder=5) with scipy's defaults (mode 'interp').
 *
 * Method: an orthonormal basis Q (window × 6) of the degree-5 polynomials sampled on the window,
 * built by twice-repeated modified Gram-Schmidt in the centred, scaled coordinate
 * u = (j − half)/half ∈ [−1, 1] (well conditioned, unlike raw powers of j up to 500⁵). The
 * least-squares fit evaluated at the samples is the projection Q·Qᵀ; its centre row gives the
 * interior convolution coefficients, and the first/last `half` rows give scipy's edge values
 * (polyfit on the first/last window, evaluated at the edge samples).
 * @returns a new array; `data` is not changed.
 */
export function savgolFilterData(
  data: ArrayLike<number>,
  hFreq: number,
  sfreq: number,
): Float64Array {
  checkFiniteNumber("sfreq", sfreq);
  if (sfreq <= 0) throw new ValueError(`Sampling frequency must be positive (sfreq=${sfreq})`);
  checkFiniteNumber("hFreq", hFreq);
  if (hFreq <= 0) throw new ValueError(`High cutoff frequency must be positive (hFreq=${hFreq})`);
  if (hFreq >= sfreq / 2) {
    throw new ValueError(
      `h_freq must be less than half the sample rate (hFreq=${hFreq}, sfreq/2=${sfreq / 2})`,
    );
  }
  const wl = Math.trunc(roundHalfEven(sfreq / hFreq) / 2) * 2 + 1;
  if (SAVGOL_POLYORDER >= wl) {
    throw new ValueError(
      `polyorder must be less than window_length: hFreq=${hFreq} Hz at sfreq=${sfreq} Hz gives ` +
        `window_length=${wl} samples <= polyorder=${SAVGOL_POLYORDER}; use hFreq <= ${sfreq / 6} Hz`,
    );
  }
  const n = data.length;
  if (wl > n) {
    throw new ValueError(
      `If mode is 'interp', window_length must be less than or equal to the size of x: ` +
        `hFreq=${hFreq} Hz gives window_length=${wl} samples but the data has ${n}`,
    );
  }
  return savgolInterp(data, wl, SAVGOL_POLYORDER);
}

/** Orthonormal basis (columns) of polynomials of degree ≤ order on wl equispaced points. */
function polyBasis(wl: number, order: number): Float64Array[] {
  const half = (wl - 1) / 2;
  const u = new Float64Array(wl);
  for (let j = 0; j < wl; j++) u[j] = (j - half) / half;
  const q: Float64Array[] = [];
  for (let k = 0; k <= order; k++) {
    // Start from u·q_{k−1} (a degree-k polynomial; better conditioned than u^k), or 1.
    const v = new Float64Array(wl);
    if (k === 0) v.fill(1);
    else for (let j = 0; j < wl; j++) v[j] = u[j] * q[k - 1][j];
    for (let pass = 0; pass < 2; pass++) {
      for (let m = 0; m < k; m++) {
        const qm = q[m];
        let dot = 0;
        for (let j = 0; j < wl; j++) dot += qm[j] * v[j];
        for (let j = 0; j < wl; j++) v[j] -= dot * qm[j];
      }
    }
    let norm = 0;
    for (let j = 0; j < wl; j++) norm += v[j] * v[j];
    norm = Math.sqrt(norm);
    for (let j = 0; j < wl; j++) v[j] /= norm;
    q.push(v);
  }
  return q;
}

/** scipy savgol_filter(x, wl, order) with deriv 0 and mode 'interp'. Requires order < wl ≤ n. */
function savgolInterp(x: ArrayLike<number>, wl: number, order: number): Float64Array {
  const n = x.length;
  const half = (wl - 1) >> 1;
  const q = polyBasis(wl, order);
  const nb = q.length;
  // Interior: centre row of the projection Q·Qᵀ.
  const coef = new Float64Array(wl);
  for (let k = 0; k < nb; k++) {
    const qc = q[k][half];
    const qk = q[k];
    for (let j = 0; j < wl; j++) coef[j] += qc * qk[j];
  }
  const y = new Float64Array(n);
  for (let i = half; i < n - half; i++) {
    let acc = 0;
    const s = i - half;
    for (let j = 0; j < wl; j++) acc += coef[j] * x[s + j];
    y[i] = acc;
  }
  // Edges: least-squares fit on the first / last window, evaluated at its edge samples.
  const fitEdge = (start: number, from: number, to: number): void => {
    const a = new Float64Array(nb);
    for (let k = 0; k < nb; k++) {
      const qk = q[k];
      let dot = 0;
      for (let j = 0; j < wl; j++) dot += qk[j] * x[start + j];
      a[k] = dot;
    }
    for (let j = from; j < to; j++) {
      let acc = 0;
      for (let k = 0; k < nb; k++) acc += q[k][j] * a[k];
      y[start + j] = acc;
    }
  };
  fitEdge(0, 0, half);
  fitEdge(n - wl, wl - half, wl);
  return y;
}
