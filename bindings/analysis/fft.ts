/**
 * The discrete Fourier transform as numpy computes it (`numpy.fft.fft`, `ifft`, `rfftfreq`): radix-2
 * for powers of two, Bluestein's chirp-z for other lengths. The spectral estimates
 * (./spectral.ts) rest on it.
 */

import { ValueError } from "../util/validate";

/** A complex array as separate real and imaginary parts of equal length. */
export interface ComplexArray {
  re: Float64Array;
  im: Float64Array;
}

/** Smallest power of two ≥ n (n ≥ 1). */
export function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** In-place iterative radix-2 FFT (length a power of two); `sign` −1 forward, +1 inverse (unscaled). */
function fftPow2InPlace(re: Float64Array, im: Float64Array, sign: number): void {
  const n = re.length;
  // Bit-reversal permutation.
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = re[i];
      re[i] = re[j];
      re[j] = t;
      t = im[i];
      im[i] = im[j];
      im[j] = t;
    }
  }
  // Twiddles computed directly (not by recurrence) for accuracy.
  const half = n >> 1;
  const cosT = new Float64Array(half);
  const sinT = new Float64Array(half);
  for (let k = 0; k < half; k++) {
    const a = (2 * Math.PI * k) / n;
    cosT[k] = Math.cos(a);
    sinT[k] = sign * Math.sin(a);
  }
  for (let size = 2; size <= n; size *= 2) {
    const h = size >> 1;
    const step = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < h; k++) {
        const wr = cosT[k * step];
        const wi = sinT[k * step];
        const a = start + k;
        const b = a + h;
        const xr = re[b] * wr - im[b] * wi;
        const xi = re[b] * wi + im[b] * wr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
      }
    }
  }
}

/** DFT of any length: radix-2 for powers of two, Bluestein's chirp-z otherwise. */
function dft(re: ArrayLike<number>, im: ArrayLike<number> | undefined, sign: number): ComplexArray {
  const n = re.length;
  if (im !== undefined && im.length !== n) {
    throw new ValueError(`re and im must have the same length (${n} vs ${im.length})`);
  }
  const outRe = Float64Array.from(re);
  const outIm = im === undefined ? new Float64Array(n) : Float64Array.from(im);
  if (n <= 1) return { re: outRe, im: outIm };
  if ((n & (n - 1)) === 0) {
    fftPow2InPlace(outRe, outIm, sign);
    return { re: outRe, im: outIm };
  }
  // Bluestein: with w_m = exp(sign·iπm²/n) and 2jk = j² + k² − (k − j)²,
  // X_k = w_k · Σ_j (x_j·w_j)·conj(w_{k−j}), a circular convolution done with radix-2 FFTs.
  // m² is reduced mod 2n so that the angle stays small and exact.
  const m = nextPow2(2 * n - 1);
  const wr = new Float64Array(n);
  const wi = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const k2 = (k * k) % (2 * n); // exact: k < 2^26 here
    const a = (Math.PI * k2) / n;
    wr[k] = Math.cos(a);
    wi[k] = sign * Math.sin(a);
  }
  const ar = new Float64Array(m);
  const ai = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    // a_k = x_k · w_k
    ar[k] = outRe[k] * wr[k] - outIm[k] * wi[k];
    ai[k] = outRe[k] * wi[k] + outIm[k] * wr[k];
  }
  const br = new Float64Array(m);
  const bi = new Float64Array(m);
  br[0] = wr[0];
  bi[0] = -wi[0];
  for (let k = 1; k < n; k++) {
    br[k] = br[m - k] = wr[k];
    bi[k] = bi[m - k] = -wi[k];
  }
  fftPow2InPlace(ar, ai, -1);
  fftPow2InPlace(br, bi, -1);
  for (let k = 0; k < m; k++) {
    const r = ar[k] * br[k] - ai[k] * bi[k];
    ai[k] = ar[k] * bi[k] + ai[k] * br[k];
    ar[k] = r;
  }
  fftPow2InPlace(ar, ai, 1);
  for (let k = 0; k < n; k++) {
    const cr = ar[k] / m;
    const ci = ai[k] / m;
    outRe[k] = cr * wr[k] - ci * wi[k];
    outIm[k] = cr * wi[k] + ci * wr[k];
  }
  return { re: outRe, im: outIm };
}

/**
 * Discrete Fourier transform X_k = Σ_j x_j·exp(−2πi·jk/n) of any length (numpy.fft.fft).
 * @param re real part of the input.
 * @param im imaginary part (zeros when omitted).
 */
export function fft(re: ArrayLike<number>, im?: ArrayLike<number>): ComplexArray {
  return dft(re, im, -1);
}

/** Inverse DFT x_j = (1/n)·Σ_k X_k·exp(+2πi·jk/n) (numpy.fft.ifft). */
export function ifft(re: ArrayLike<number>, im?: ArrayLike<number>): ComplexArray {
  const out = dft(re, im, 1);
  const n = out.re.length;
  for (let k = 0; k < n; k++) {
    out.re[k] /= n;
    out.im[k] /= n;
  }
  return out;
}

/** numpy.fft.rfftfreq(n, d): [0, 1, …, n div 2] / (n·d). */
export function rfftfreq(n: number, d = 1.0): Float64Array {
  const val = 1.0 / (n * d);
  const out = new Float64Array((n >> 1) + 1);
  for (let k = 0; k < out.length; k++) out[k] = k * val;
  return out;
}
