/**
 * The standard normal distribution's density and cumulative distribution (scipy.stats `norm.pdf`,
 * `norm.cdf`), for the expected-improvement acquisition of {@link bayesOpt}. The cdf keeps full
 * relative accuracy in its lower tail, down to where it underflows (as scipy's `ndtr` does, it is 0
 * once z²/2 exceeds ln(DBL_MAX)).
 */

const SQRT_PI = Math.sqrt(Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);
/** ln(DBL_MAX): where Cephes' `erfc` (scipy's `ndtr`) returns 0. */
const MAXLOG = 709.782712893384;
/** Continued-fraction terms after which the tail stops (≈ 90 are needed at x = 1, far fewer above). */
const MAX_FRACTION_TERMS = 500;

/**
 * erf(x) for |x| < 1 by its Maclaurin series 2/√π Σ (−1)ⁿ x²ⁿ⁺¹ / (n! (2n+1)) (Abramowitz & Stegun 7.1.5);
 * the terms stay below 1 in size, so there is no cancellation.
 */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x; // (−1)ⁿ x²ⁿ⁺¹ / n!
  let sum = x;
  for (let n = 1; n < 60; n++) {
    term *= -x2 / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) <= 1e-17 * Math.abs(sum)) break;
  }
  return (2 / SQRT_PI) * sum;
}

/**
 * g(x) with erfc(x) = e^(−x²)/(√π g(x)) for x ≥ 1: the continued fraction
 * g = x + (1/2)/(x + 1/(x + (3/2)/(x + …))) (A&S 7.1.14), by the modified Lentz method.
 */
function erfcFraction(x: number): number {
  const tiny = 1e-300;
  let g = x;
  let c = x;
  let d = 0;
  for (let k = 1; k <= MAX_FRACTION_TERMS; k++) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? 1 / tiny : 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    g *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return g;
}

/**
 * e^(−z²/2) without the rounding error of z² (relative error ~z²·ε otherwise): z = m + f with m a
 * multiple of 1/128, so m²/2 is exact, and e^(−z²/2) = e^(−m²/2)·e^(−(2mf + f²)/2) (the splitting of
 * Cephes' `expx2`).
 */
function expNegHalfSquare(z: number): number {
  const m = Math.floor(128 * z + 0.5) / 128;
  const f = z - m;
  return Math.exp((-m * m) / 2) * Math.exp(-(2 * m * f + f * f) / 2);
}

/** Φ(z), the standard normal cumulative distribution (scipy `norm.cdf`, `ndtr`) = ½ erfc(−z/√2). */
export function normCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const a = Math.abs(z);
  if (a < Math.SQRT2) return 0.5 * (1 + erfSeries(z * Math.SQRT1_2));
  // The tail ½ erfc(|z|/√2) = e^(−z²/2) / (2√π g(|z|/√2)).
  const tail = (a * a) / 2 > MAXLOG ? 0 : expNegHalfSquare(a) / (2 * SQRT_PI * erfcFraction(a * Math.SQRT1_2));
  return z < 0 ? tail : 1 - tail;
}

/** φ(z), the standard normal density (scipy `norm.pdf`): e^(−z²/2)/√(2π). */
export function normPdf(z: number): number {
  return Math.exp((-z * z) / 2) / SQRT_2PI;
}
