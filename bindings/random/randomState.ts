/**
 * numpy's legacy `RandomState` (MT19937 stream, legacy gauss/exponential/uniform), bit-compatible with
 * numpy >= 1.16 for the calls hnn-core makes (RNG.md §1 rows 1-6 and 9; §3).
 *
 * Logarithms use `Math.log`; V8's log differs from glibc's by one ulp on ~7% of arguments
 * (RNG.md §3.5), so normal and exponential draws agree with numpy to the last bit except in those
 * cases, where they are within ~1e-15 relative.
 */

import { checkCount, checkNonNegative, checkNumber } from "./checks";
import { MT19937 } from "./mt19937";

/** numpy's legacy `RandomState(seed)`. */
export class RandomState {
  /** The underlying bit generator. */
  readonly bitGenerator: MT19937;
  /** Legacy gauss cache: the second value of the last polar-method pair (RNG.md §3.1). */
  private hasGauss = false;
  private gauss = 0.0;

  /**
   * Seed like `np.random.RandomState(seed)` with an integer in [0, 2**32 - 1] (RNG.md §2.1).
   * @throws TypeError for a non-integer seed, RangeError for one outside [0, 2**32 - 1].
   */
  constructor(seed: number) {
    this.bitGenerator = new MT19937(seed);
  }

  /** One double in [0, 1) (`random_sample()`). */
  randomSample(): number {
    return this.bitGenerator.nextDouble();
  }

  /** `random_sample(size)`: `size` doubles in [0, 1). */
  randomSampleN(size: number): Float64Array {
    checkCount("size", size);
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = this.bitGenerator.nextDouble();
    return out;
  }

  /** One standard normal draw (`standard_normal()`, legacy gauss with its one-value cache, RNG.md §3.1). */
  standardNormal(): number {
    if (this.hasGauss) {
      const t = this.gauss;
      this.hasGauss = false;
      this.gauss = 0.0;
      return t;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2.0 * this.bitGenerator.nextDouble() - 1.0;
      x2 = 2.0 * this.bitGenerator.nextDouble() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 === 0.0);
    const f = Math.sqrt((-2.0 * Math.log(r2)) / r2);
    // Cache f*x1 for the next call, return f*x2 (RNG.md §3.1).
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /**
   * One draw of `normal(loc, scale)`: `loc + scale * gauss()` (RNG.md §3.3). scale 0 still consumes a draw.
   * @throws RangeError `scale < 0` if scale is negative (or -0).
   */
  normal(loc = 0.0, scale = 1.0): number {
    checkNumber("loc", loc);
    checkNonNegative("scale", scale);
    return loc + scale * this.standardNormal();
  }

  /**
   * `normal(loc, scale, size)`: `size` successive draws (hnn-core's evoked drive, RNG.md §1 row 4).
   * @throws RangeError `scale < 0`, or for a negative size; TypeError for a non-integer size.
   */
  normalN(loc: number, scale: number, size: number): Float64Array {
    checkNumber("loc", loc);
    checkNonNegative("scale", scale);
    checkCount("size", size);
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = loc + scale * this.standardNormal();
    return out;
  }

  /**
   * `normal(locs, scale)` with an array `loc` and no size: element i is `locs[i] + scale * gauss()`, the i-th
   * draw (hnn-core's bursty drive, RNG.md §1 row 6 and §3.3).
   * @throws RangeError `scale < 0`; TypeError if an element of `locs` is not a number.
   */
  normalEach(locs: ArrayLike<number>, scale: number): Float64Array {
    checkNonNegative("scale", scale);
    const n = locs.length;
    for (let i = 0; i < n; i++) checkNumber("loc", locs[i]);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = locs[i] + scale * this.standardNormal();
    return out;
  }

  /** One `standard_exponential()` draw: `-log(1 - U)` (RNG.md §3.2). */
  standardExponential(): number {
    return -Math.log(1.0 - this.bitGenerator.nextDouble());
  }

  /**
   * One `exponential(scale)` draw: `scale * standard_exponential()` (RNG.md §3.4; hnn-core's Poisson drive).
   * @throws RangeError `scale < 0` if scale is negative (or -0).
   */
  exponential(scale = 1.0): number {
    checkNonNegative("scale", scale);
    return scale * this.standardExponential();
  }

  /**
   * `exponential(scale, size)`: `size` successive draws.
   * @throws RangeError `scale < 0`, or for a negative size; TypeError for a non-integer size.
   */
  exponentialN(scale: number, size: number): Float64Array {
    checkNonNegative("scale", scale);
    checkCount("size", size);
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = scale * this.standardExponential();
    return out;
  }

  /**
   * One `uniform(low, high)` draw: `low + (high - low) * U` with U from `random_sample` (RNG.md §1 row 9).
   * `high < low` is allowed, as in numpy.
   * @throws RangeError `Range exceeds valid bounds` if `high - low` is not finite.
   */
  uniform(low = 0.0, high = 1.0): number {
    const range = uniformRange(low, high);
    return low + range * this.bitGenerator.nextDouble();
  }

  /**
   * `uniform(low, high, size)`: `size` successive draws.
   * @throws RangeError as {@link RandomState.uniform}, or for a negative size; TypeError for a non-integer size.
   */
  uniformN(low: number, high: number, size: number): Float64Array {
    const range = uniformRange(low, high);
    checkCount("size", size);
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = low + range * this.bitGenerator.nextDouble();
    return out;
  }
}

/** `high - low`, which numpy requires to be finite (it raises OverflowError). */
function uniformRange(low: number, high: number): number {
  checkNumber("low", low);
  checkNumber("high", high);
  const range = high - low;
  if (!Number.isFinite(range)) {
    throw new RangeError(`Range exceeds valid bounds: high - low must be finite; got low=${low}, high=${high}`);
  }
  return range;
}
