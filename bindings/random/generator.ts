/**
 * numpy's `Generator` on a `PCG64` bit generator (`np.random.default_rng(seed)`), for the calls hnn-core
 * makes: bounded integers (Lemire) and `choice(range(n), k, replace=False)` (RNG.md §1 rows 7-8, §4.4-4.6).
 */

import { checkCount, checkNumber } from "./checks";
import { PCG64, SeedSequence } from "./pcg64";

const TWO32 = 4294967296;
const MASK64 = (1n << 64n) - 1n;

/** Options of {@link Generator.choice}; `replace` has no default because numpy's (true) is rarely wanted. */
export interface ChoiceOptions {
  /** Sample with replacement (numpy `replace`). hnn-core passes false. */
  replace: boolean;
  /** Shuffle the selection when sampling without replacement (numpy `shuffle`, default true). */
  shuffle?: boolean;
}

/** numpy's `Generator` (only the methods hnn-core needs, plus `random` and `integers`). */
export class Generator {
  /** The underlying bit generator. */
  readonly bitGenerator: PCG64;

  /** Wrap a PCG64 bit generator (numpy `Generator(PCG64(...))`). */
  constructor(bitGenerator: PCG64) {
    this.bitGenerator = bitGenerator;
  }

  /** One double in [0, 1) (`random()`). */
  random(): number {
    return this.bitGenerator.nextDouble();
  }

  /**
   * Uniform integer in [0, rng] inclusive (numpy `random_bounded_uint64` with Lemire rejection, RNG.md §4.4).
   * Ranges up to 2**32 - 1 consume 32-bit draws (halves of a 64-bit output).
   * @param rng a safe integer >= 0 (use {@link Generator.boundedUint64} beyond 2**53 - 1).
   * @throws RangeError if rng is negative or not a safe integer.
   */
  bounded(rng: number): number {
    if (!(rng >= 0 && Number.isSafeInteger(rng))) {
      throw new RangeError(`rng must be a safe integer >= 0 (use boundedUint64 for larger ranges); got ${rng}`);
    }
    if (rng === 0) return 0;
    if (rng <= 0xffffffff) return this.bounded32(rng);
    return Number(this.boundedUint64(BigInt(rng)));
  }

  /** 32-bit Lemire path of {@link Generator.bounded}, 0 < rng <= 2**32 - 1 (RNG.md §4.4). */
  private bounded32(rng: number): number {
    const bg = this.bitGenerator;
    if (rng === 0xffffffff) return bg.nextUint32();
    const ex = rng + 1; // < 2**32
    // m = next32 * ex as an exact 64-bit product: lo = m mod 2**32, hi = m >> 32.
    let a = bg.nextUint32();
    let lo = Math.imul(a, ex) >>> 0;
    if (lo < ex) {
      const t = (TWO32 - ex) % ex; // = (2**32 - 1 - rng) mod ex
      while (lo < t) {
        a = bg.nextUint32();
        lo = Math.imul(a, ex) >>> 0;
      }
    }
    return mulHi32(a, ex);
  }

  /**
   * Uniform 64-bit integer in [0, rng] inclusive, rng in [0, 2**64 - 1] (RNG.md §4.4, both Lemire paths).
   * @throws RangeError if rng is outside [0, 2**64 - 1].
   */
  boundedUint64(rng: bigint): bigint {
    if (rng < 0n || rng > MASK64) {
      throw new RangeError(`rng must be in [0, 2**64 - 1]; got ${rng}`);
    }
    if (rng <= 0xffffffffn) return BigInt(rng === 0n ? 0 : this.bounded32(Number(rng)));
    const bg = this.bitGenerator;
    if (rng === MASK64) return bg.nextUint64();
    const ex = rng + 1n;
    let m = bg.nextUint64() * ex;
    let lo = m & MASK64;
    if (lo < ex) {
      const t = (MASK64 - rng) % ex;
      while (lo < t) {
        m = bg.nextUint64() * ex;
        lo = m & MASK64;
      }
    }
    return m >> 64n;
  }

  /**
   * `integers(low, high)`: one uniform integer in [low, high) (numpy's default int64, endpoint false);
   * with one argument, [0, low). Same draws as {@link Generator.bounded}(high - 1 - low).
   * @throws TypeError for non-integers, RangeError `low >= high` for an empty range.
   */
  integers(low: number, high?: number): number {
    if (high === undefined) {
      high = low;
      low = 0;
    }
    checkSafeInt("low", low);
    checkSafeInt("high", high);
    if (low >= high) throw new RangeError(`low >= high: need low < high; got low=${low}, high=${high}`);
    const span = high - 1 - low;
    if (!Number.isSafeInteger(span)) {
      return Number(BigInt(low) + this.boundedUint64(BigInt(high) - 1n - BigInt(low)));
    }
    return low + this.bounded(span);
  }

  /**
   * `choice(range(a), size, replace=..., shuffle=...)` (RNG.md §4.6): `size` distinct integers from
   * [0, a) when `replace` is false (hnn-core's connection pruning), or `size` draws with replacement.
   * Without replacement: Floyd's algorithm plus a final shuffle, or a partial shuffle of the tail when
   * `a > 10000` and `size > a // 50` (`a // 20` without shuffle). The result is in numpy's order.
   * @param a population size (the population is `range(a)`).
   * @param size number of samples.
   * @throws RangeError `Cannot take a larger sample than population when replace is False`,
   *   `a cannot be empty unless no samples are taken`, or for a negative a/size; TypeError for non-integers.
   */
  choice(a: number, size: number, options: ChoiceOptions): number[] {
    checkCount("a", a);
    checkCount("size", size);
    const replace = options.replace;
    const shuffle = options.shuffle ?? true;
    if (typeof replace !== "boolean" || typeof shuffle !== "boolean") {
      throw new TypeError("replace and shuffle must be booleans");
    }
    if (a === 0 && size > 0) {
      throw new RangeError("a cannot be empty unless no samples are taken: a must be > 0 when size > 0");
    }
    if (replace) {
      // numpy: integers(0, a, size) = `size` successive bounded(a - 1) draws.
      const out: number[] = new Array<number>(size);
      for (let i = 0; i < size; i++) out[i] = this.bounded(a - 1);
      return out;
    }
    if (size > a) {
      throw new RangeError(
        `Cannot take a larger sample than population when replace is False: size must be <= a; got size=${size}, a=${a}`,
      );
    }
    if (size === 0) return [];
    const cutoff = shuffle ? 50 : 20;
    if (a > 10000 && size > Math.floor(a / cutoff)) {
      // Tail shuffle (RNG.md §4.6): shuffle positions a-1 .. max(a-size, 1), keep the last `size`.
      const idx = new Float64Array(a);
      for (let i = 0; i < a; i++) idx[i] = i;
      this.shuffleInt(idx, a, Math.max(a - size, 1));
      return Array.from(idx.subarray(a - size));
    }
    return this.floyd(a, size, shuffle);
  }

  /** Floyd's sampling with numpy's open-addressing hash set, then the optional shuffle (RNG.md §4.6). */
  private floyd(n: number, k: number, shuffle: boolean): number[] {
    const setSize = Math.trunc(1.2 * k);
    const mask = allLowerBits(setSize);
    const EMPTY = -1;
    const table = new Float64Array(mask + 1).fill(EMPTY);
    const out = new Float64Array(k);
    for (let j = n - k; j < n; j++) {
      const val = this.bounded(j);
      let loc = val % (mask + 1); // = val AND mask
      while (table[loc] !== EMPTY && table[loc] !== val) loc = (loc + 1) % (mask + 1);
      if (table[loc] === EMPTY) {
        table[loc] = val;
        out[j - n + k] = val;
      } else {
        // val already taken: take j itself (Floyd).
        loc = j % (mask + 1);
        while (table[loc] !== EMPTY) loc = (loc + 1) % (mask + 1);
        table[loc] = j;
        out[j - n + k] = j;
      }
    }
    if (shuffle) this.shuffleInt(out, k, 1);
    return Array.from(out);
  }

  /** numpy `_shuffle_int`: for i = n-1 down to `first`, swap data[i] with data[bounded(i)] (RNG.md §4.5). */
  private shuffleInt(data: Float64Array, n: number, first: number): void {
    for (let i = n - 1; i >= first; i--) {
      const j = this.bounded(i);
      const tmp = data[i];
      data[i] = data[j];
      data[j] = tmp;
    }
  }
}

/**
 * `np.random.default_rng(seed)`: a {@link Generator} on `PCG64(SeedSequence(seed))` (RNG.md §4).
 * hnn-core's `conn_seed=None` means OS entropy; pass `null`/`undefined` for a seed drawn from
 * `crypto.getRandomValues` (128 bits, as numpy), which is not reproducible.
 * @throws TypeError for a non-integer seed, RangeError for a negative one.
 */
export function defaultRng(seed?: number | bigint | null): Generator {
  if (seed === null || seed === undefined) seed = osEntropy();
  return new Generator(new PCG64(new SeedSequence(seed)));
}

/** 128 bits of OS entropy as a bigint (numpy `SeedSequence()` without entropy). */
function osEntropy(): bigint {
  const w = new Uint32Array(4);
  globalThis.crypto.getRandomValues(w);
  let e = 0n;
  for (let i = 3; i >= 0; i--) e = (e << 32n) | BigInt(w[i]);
  return e;
}

/** High 32 bits of the exact product a*b of two u32 values, in double arithmetic without rounding. */
function mulHi32(a: number, b: number): number {
  const aHi = Math.floor(a / 65536);
  const aLo = a % 65536;
  const t1 = aHi * b; // < 2**48, exact
  const t0 = aLo * b; // < 2**48, exact
  const q1 = Math.floor(t1 / 65536);
  const r1 = t1 % 65536;
  // a*b = q1*2**32 + r1*2**16 + t0, and r1*2**16 + t0 < 2**49 is exact.
  return q1 + Math.floor((r1 * 65536 + t0) / TWO32);
}

/** numpy `_gen_mask`-style mask: `x` with all bits below its top bit set (0 -> 0). */
function allLowerBits(x: number): number {
  let m = 1;
  while (m - 1 < x) m *= 2;
  return m - 1;
}

function checkSafeInt(name: string, v: unknown): asserts v is number {
  checkNumber(name, v);
  if (!Number.isSafeInteger(v)) throw new TypeError(`${name} must be an integer; got ${String(v)}`);
}
