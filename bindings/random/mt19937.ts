/**
 * MT19937 (Mersenne Twister) exactly as numpy's legacy `RandomState(int)` seeds and runs it.
 * Spec: ../shared/spec/RNG.md §2 (numpy v1.24.2 `_mt19937.pyx` `_legacy_seeding`, `mt19937.c`).
 */
import { ValueError } from "../util/validate";

/** Number of 32-bit words in the MT19937 state. */
const MT19937_N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/**
 * Check a legacy seed the way numpy does: an integer in [0, 2**32 - 1].
 * @throws TypeError if `seed` is not an integer (numpy refuses float seeds), ValueError (numpy's class) if out of range.
 */
function checkLegacySeed(seed: number): void {
  if (typeof seed !== "number" || !Number.isInteger(seed)) {
    throw new TypeError(`seed must be an integer in [0, 2**32 - 1]; got ${String(seed)}`);
  }
  if (seed < 0 || seed > 0xffffffff) {
    throw new ValueError(`Seed must be between 0 and 2**32 - 1; got ${seed}`);
  }
}

/** The MT19937 bit generator with numpy's legacy integer seeding. */
export class MT19937 {
  /**
   * The 624-word state: numpy's `get_state()[1]` after seeding; words before `pos` are those of
   * the present round (twisted), the rest the previous round's until drawn (see nextUint32).
   */
  readonly key: Uint32Array = new Uint32Array(MT19937_N);
  /** Index of the next word to twist and temper; 624: the next draw starts a round. */
  pos = MT19937_N;

  /**
   * Seed with an integer in [0, 2**32 - 1] (Knuth `init_genrand`, RNG.md §2.1).
   * @throws TypeError / RangeError as {@link checkLegacySeed}.
   */
  constructor(seed: number) {
    checkLegacySeed(seed);
    const key = this.key;
    let s = seed >>> 0;
    for (let i = 0; i < MT19937_N; i++) {
      key[i] = s;
      const x = (s ^ (s >>> 30)) >>> 0;
      s = (Math.imul(1812433253, x) + i + 1) >>> 0;
    }
    this.pos = MT19937_N;
  }

  /**
   * Next raw 32-bit output, an integer in [0, 2**32) (numpy `genrand_int32`, RNG.md §2.3). The
   * twist (§2.2) runs word by word as words are drawn: word i of a round reads words i + 1 and
   * i + 397 (mod 624) before they are twisted and the wrapped ones after, as the whole-state twist
   * does, so the outputs are the same while a cell's few draws cost a few words, not 624.
   */
  nextUint32(): number {
    if (this.pos === MT19937_N) this.pos = 0;
    const i = this.pos++;
    const key = this.key;
    const y0 = (key[i] & UPPER_MASK) | (key[i + 1 === MT19937_N ? 0 : i + 1] & LOWER_MASK);
    const word = key[i < MT19937_N - M ? i + M : i + M - MT19937_N] ^ (y0 >>> 1) ^ (y0 & 1 ? MATRIX_A : 0);
    key[i] = word;
    let y = word >>> 0;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** Next double in [0, 1) with 53 random bits (numpy `random_sample`, RNG.md §2.4). */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }
}
