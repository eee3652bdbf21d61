/**
 * Fourier resampling as `scipy.signal.resample(x, num)` does it for a real 1-D signal (scipy's
 * `_signaltools.py`, no window, no times): the one-sided spectrum of `x` is cut (down-sampling) or
 * zero-padded (up-sampling) to `num // 2 + 1` bins, the shared Nyquist bin of an even length is
 * doubled when cutting and halved when padding, and the inverse real FFT of length `num` is scaled
 * by `num / x.length`. hnn-core's `_rmse` and `_anticorr` resample one dipole to the other's length
 * with it. The transforms are ../analysis/fft.ts (numpy's DFT for any length).
 */

import { fft, ifft } from "../analysis/fft";
import { describe, ValueError } from "../util/validate";

/**
 * `scipy.signal.resample(x, num)` of a real signal: `num` samples spanning the same interval.
 * @param x the signal (at least 1 sample).
 * @param num the number of output samples (an integer ≥ 1).
 * @returns a new array of `num` samples.
 */
export function resample(x: ArrayLike<number>, num: number): Float64Array {
  const nx = x.length;
  if (nx < 1) throw new ValueError("resample needs at least 1 sample in x, got 0");
  if (!Number.isInteger(num) || num < 1) {
    throw new ValueError(`num must be a positive integer, got ${describe(num)}`);
  }
  const spec = fft(x);
  // scipy keeps bins 0 … N//2 of the one-sided spectrum, N = min(num, nx).
  const nKeep = Math.min(num, nx);
  const nHalf = num >> 1;
  const yRe = new Float64Array(nHalf + 1);
  const yIm = new Float64Array(nHalf + 1);
  for (let k = 0; k <= nKeep >> 1; k++) {
    yRe[k] = spec.re[k];
    yIm[k] = spec.im[k];
  }
  if (nKeep % 2 === 0) {
    // The bin at +N/2 stands for both ±N/2 of the shorter signal.
    const k = nKeep >> 1;
    const factor = num < nx ? 2 : nx < num ? 0.5 : 1;
    yRe[k] *= factor;
    yIm[k] *= factor;
  }
  // Inverse real FFT of length num (numpy's irfft): the Hermitian extension of bins 0 … num//2,
  // whose imaginary parts at 0 and (even num) num/2 are ignored.
  const zRe = new Float64Array(num);
  const zIm = new Float64Array(num);
  zRe[0] = yRe[0];
  for (let k = 1; k <= (num - 1) >> 1; k++) {
    zRe[k] = yRe[k];
    zIm[k] = yIm[k];
    zRe[num - k] = yRe[k];
    zIm[num - k] = -yIm[k];
  }
  if (num % 2 === 0 && num > 1) zRe[nHalf] = yRe[nHalf];
  const y = ifft(zRe, zIm).re;
  const gain = num / nx;
  for (let i = 0; i < num; i++) y[i] *= gain;
  return y;
}
