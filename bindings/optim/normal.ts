/**
 * The standard normal distribution's density and cumulative distribution (scipy.stats `norm.pdf`,
 * `norm.cdf`), for the expected-improvement acquisition of {@link bayesOpt}. The cdf goes through
 * the complementary error function so that its lower tail keeps full relative accuracy down to
 * subnormal values, as scipy's `ndtr` does.
 */

const SQRT_PI = Math.sqrt(Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);
/** ln(DBL_MAX): beyond x² > this, erfc(x) is 0, as Cephes' `erfc` (scipy's `ndtr`) returns. */
const MAXLOG = 709.782712893384;

/** Below this |x| erf's Maclaurin series is used (terms stay below 1, so no cancellation); above, erfc's continued fraction. */
const SERIES_LIMIT = 1;
/** Continued-fraction terms after which erfc stops (≈ 90 are needed at x = 1, far fewer above). */
const MAX_FRACTION_TERMS = 500;

/**
 * erf(x) for |x| < 1 by its Maclaurin series 2/√π Σ (−1)ⁿ x²ⁿ⁺¹ / (n! (2n+1)) (Abramowitz & Stegun 7.1.5).
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
 * erfc(x) for x ≥ 1 by the continued fraction erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))
 * (A&S 7.1.14), evaluated by the modified Lentz method.
 */
function erfcFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k <= MAX_FRACTION_TERMS; k++) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? 1 / tiny : 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (SQRT_PI * f);
}

/** The complementary error function erfc(x) = 1 − erf(x), with full relative accuracy for large x. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (Math.abs(x) < SERIES_LIMIT) return 1 - erfSeries(x);
  const tail = x * x > MAXLOG ? 0 : erfcFraction(Math.abs(x));
  return x > 0 ? tail : 2 - tail;
}

/** Φ(z), the standard normal cumulative distribution (scipy `norm.cdf`, `ndtr`): ½·erfc(−z/√2). */
export function normCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** φ(z), the standard normal density (scipy `norm.pdf`): e^(−z²/2)/√(2π). */
export function normPdf(z: number): number {
  return Math.exp((-z * z) / 2) / SQRT_2PI;
}
