/**
 * numpy's `SeedSequence` (pool size 4, integer entropy, no spawn key) and the `PCG64` bit generator
 * (XSL-RR 128/64) it seeds. Spec: ../shared/spec/RNG.md §4.1-4.3.
 * 128-bit arithmetic uses BigInt; 32-bit hashing uses `Math.imul`.
 */

const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const POOL_SIZE = 4;

const MASK64 = (1n << 64n) - 1n;
/** PCG64's 128-bit LCG multiplier (RNG.md §4.2). */
const PCG64_MULTIPLIER = (2549297995355413924n << 64n) + 4865540595714422341n;

/**
 * numpy's `SeedSequence(entropy)` for a non-negative integer entropy (RNG.md §4.1).
 */
export class SeedSequence {
  /** The entropy as given. */
  readonly entropy: bigint;
  /** The mixed 4-word pool (numpy `pool`, u32 words). */
  readonly pool: Uint32Array = new Uint32Array(POOL_SIZE);

  /**
   * @param entropy non-negative integer (a safe-integer number or a bigint).
   * @throws TypeError `seed must be integer` for a non-integer, RangeError `expected non-negative integer`.
   */
  constructor(entropy: number | bigint) {
    let e: bigint;
    if (typeof entropy === "bigint") {
      e = entropy;
    } else if (typeof entropy === "number" && Number.isSafeInteger(entropy)) {
      e = BigInt(entropy);
    } else {
      throw new TypeError(`seed must be integer (a safe integer or bigint); got ${String(entropy)}`);
    }
    if (e < 0n) {
      throw new RangeError(`expected non-negative integer: seed must be >= 0; got ${e}`);
    }
    this.entropy = e;
    this.mixEntropy(intToWords(e));
  }

  /** Hash the entropy words into the pool (numpy `mix_entropy`, RNG.md §4.1). */
  private mixEntropy(words: number[]): void {
    let hc = INIT_A;
    const hashmix = (value: number): number => {
      let v = (value ^ hc) >>> 0;
      hc = Math.imul(hc, MULT_A) >>> 0;
      v = Math.imul(v, hc) >>> 0;
      return (v ^ (v >>> 16)) >>> 0;
    };
    const mix = (x: number, y: number): number => {
      const r = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
      return (r ^ (r >>> 16)) >>> 0;
    };
    const pool = this.pool;
    for (let i = 0; i < POOL_SIZE; i++) pool[i] = hashmix(i < words.length ? words[i] : 0);
    for (let s = 0; s < POOL_SIZE; s++) {
      for (let d = 0; d < POOL_SIZE; d++) {
        if (s !== d) pool[d] = mix(pool[d], hashmix(pool[s]));
      }
    }
    for (let s = POOL_SIZE; s < words.length; s++) {
      for (let d = 0; d < POOL_SIZE; d++) pool[d] = mix(pool[d], hashmix(words[s]));
    }
  }

  /** `generate_state(nWords, uint32)`: `nWords` u32 words drawn from the pool (RNG.md §4.1). */
  generateState32(nWords: number): Uint32Array {
    const out = new Uint32Array(nWords);
    let hc = INIT_B;
    for (let i = 0; i < nWords; i++) {
      let v = (this.pool[i % POOL_SIZE] ^ hc) >>> 0;
      hc = Math.imul(hc, MULT_B) >>> 0;
      v = Math.imul(v, hc) >>> 0;
      out[i] = (v ^ (v >>> 16)) >>> 0;
    }
    return out;
  }

  /** `generate_state(nWords, uint64)`: pairs of u32 words, low word first (RNG.md §4.1). */
  generateState64(nWords: number): bigint[] {
    const w = this.generateState32(2 * nWords);
    const out: bigint[] = [];
    for (let k = 0; k < nWords; k++) out.push(BigInt(w[2 * k]) | (BigInt(w[2 * k + 1]) << 32n));
    return out;
  }
}

/** Split a non-negative integer into 32-bit words, least significant first; 0 -> [0] (RNG.md §4.1). */
function intToWords(e: bigint): number[] {
  const words: number[] = [];
  do {
    words.push(Number(e & 0xffffffffn));
    e >>= 32n;
  } while (e > 0n);
  return words;
}

/** numpy's `PCG64` bit generator (XSL-RR 128/64), seeded from a {@link SeedSequence}. */
export class PCG64 {
  /** 128-bit LCG state. */
  state: bigint;
  /** 128-bit LCG increment (odd). */
  readonly inc: bigint;
  /** Buffered upper half of the last 64-bit output, served by the next {@link PCG64.nextUint32}. */
  private hasUint32 = false;
  private uinteger = 0;

  /** Seed from a SeedSequence, or from an integer via `SeedSequence(seed)` (RNG.md §4.2). */
  constructor(seed: SeedSequence | number | bigint) {
    const ss = seed instanceof SeedSequence ? seed : new SeedSequence(seed);
    const v = ss.generateState64(4);
    const initState = (v[0] << 64n) | v[1]; // v[0] is the high half
    const initSeq = (v[2] << 64n) | v[3];
    this.inc = BigInt.asUintN(128, (initSeq << 1n) | 1n);
    let s = 0n;
    s = BigInt.asUintN(128, s * PCG64_MULTIPLIER + this.inc);
    s = BigInt.asUintN(128, s + initState);
    s = BigInt.asUintN(128, s * PCG64_MULTIPLIER + this.inc);
    this.state = s;
  }

  /** Next 64-bit output as a bigint: step the LCG first, then XSL-RR of the new state (RNG.md §4.3). */
  nextUint64(): bigint {
    const s = BigInt.asUintN(128, this.state * PCG64_MULTIPLIER + this.inc);
    this.state = s;
    const x = (s >> 64n) ^ (s & MASK64);
    const rot = s >> 122n;
    return ((x >> rot) | (x << ((64n - rot) & 63n))) & MASK64;
  }

  /** Next 32-bit output: the low half of a fresh 64-bit output, then its high half (RNG.md §4.3). */
  nextUint32(): number {
    if (this.hasUint32) {
      this.hasUint32 = false;
      return this.uinteger;
    }
    const n = this.nextUint64();
    this.hasUint32 = true;
    this.uinteger = Number(n >> 32n);
    return Number(n & 0xffffffffn);
  }

  /** Next double in [0, 1): `(next64 >> 11) * 2**-53` (RNG.md §4.3). */
  nextDouble(): number {
    return Number(this.nextUint64() >> 11n) / 9007199254740992.0;
  }
}
