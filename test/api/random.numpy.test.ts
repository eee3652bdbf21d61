/**
 * bindings/random against numpy: every group of ../shared/spec/rng_vectors.json (copied, gzipped, to
 * test/fixtures/rng/) plus supplementary numpy vectors (test/fixtures/rng/extra_vectors.json.gz, made by
 * gen_extra_vectors.py). Integers must match exactly; floats to the last bit, except draws that go through
 * `log` (legacy gauss / exponential, RNG.md §3.5), which may differ by glibc-vs-V8 last-bit log differences
 * and must then be within 1e-15 relative. The summary line reports how many floats were bit-exact.
 *
 * end_to_end: seed_example_sparse (pruning choice), jones2009_params_drives (one evoked normal per cell) and
 * poisson_example (extpois loop) are checked as RNG streams, with the drive constants restated from DRIVES.md
 * §7-8. Not covered (drive/network code outside bindings/random): bursty_examples, and numpy_exp_weights
 * (np.exp, NETWORK.md §5).
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { Generator, MT19937, PCG64, RandomState, SeedSequence, defaultRng } from "../../bindings/random/index";
import { ValueError } from "../../bindings/util/validate";

function loadGz(name: string): any {
  const buf = readFileSync(new URL(`../fixtures/rng/${name}`, import.meta.url));
  return JSON.parse(gunzipSync(buf).toString("utf8"));
}

const V = loadGz("rng_vectors.json.gz");
const X = loadGz("extra_vectors.json.gz");
const SEEDS: number[] = V.meta.seeds;

const LOG_REL_TOL = 1e-15;
const tally = { exact: 0, withinTol: 0, ints: 0, maxRel: 0 };

/** Floats that never pass through `log`: must be identical to the last bit. */
function expectExactFloats(got: ArrayLike<number>, want: number[], what: string): void {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    expect(Object.is(got[i], want[i]), `${what}[${i}]: got ${got[i]}, want ${want[i]}`).toBe(true);
    tally.exact++;
  }
}

/** Floats computed through `log` (RNG.md §3.5): bit-exact, or within 1e-15 relative. */
function expectLogFloats(got: ArrayLike<number>, want: number[], what: string): void {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (Object.is(got[i], want[i])) {
      tally.exact++;
      continue;
    }
    const rel = Math.abs(got[i] - want[i]) / Math.abs(want[i]);
    expect(rel, `${what}[${i}]: got ${got[i]}, want ${want[i]}`).toBeLessThanOrEqual(LOG_REL_TOL);
    tally.withinTol++;
    tally.maxRel = Math.max(tally.maxRel, rel);
  }
}

function expectInts(got: ArrayLike<number | bigint | string>, want: ArrayLike<number | string>, what: string): void {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    expect(String(got[i]), `${what}[${i}]`).toBe(String(want[i]));
    tally.ints++;
  }
}

/** DRIVES.md §7.1: hnn-core's `_create_extpois` loop (rate in Hz, times in ms). */
function poissonTrain(prng: RandomState, t0: number, T: number, rate: number): number[] {
  const out: number[] = [];
  let t = t0;
  while (t < T) {
    t = t + prng.exponential(1.0 / rate) * 1000.0;
    if (t < T) out.push(t);
  }
  return out;
}

afterAll(() => {
  console.log(
    `[random] floats bit-exact: ${tally.exact}, within ${LOG_REL_TOL} (libm log cases): ${tally.withinTol}, ` +
      `max relative deviation ${tally.maxRel.toExponential(2)}; integers exact: ${tally.ints}`,
  );
});

describe("MT19937 / RandomState (legacy)", () => {
  for (const seed of SEEDS) {
    const g = V.legacy_randomstate[String(seed)];
    describe(`seed ${seed}`, () => {
      it("seeds the key like init_genrand", () => {
        const mt = new MT19937(seed);
        expectInts(Array.from(mt.key.subarray(0, 5)), g.key_after_seeding_first5, "key first5");
        expectInts([mt.key[623]], [g.key_after_seeding_last], "key last");
      });
      it("genrand_int32 and random_sample", () => {
        const mt = new MT19937(seed);
        expectInts(Array.from({ length: 20 }, () => mt.nextUint32()), g.genrand_int32_first20, "genrand_int32");
        expectExactFloats(new RandomState(seed).randomSampleN(20), g.random_sample_first20, "random_sample");
        const rs = new RandomState(seed);
        expectExactFloats(Array.from({ length: 20 }, () => rs.randomSample()), g.random_sample_first20, "random_sample scalar");
      });
      it("normal (size, scalar calls, array loc)", () => {
        expectLogFloats(new RandomState(seed).normalN(0.0, 1.0, 20), g.normal_0_1_size20, "normal(0,1,20)");
        expectLogFloats(new RandomState(seed).normalN(26.61, 2.47, 20), g["normal_26.61_2.47_size20"], "normal(26.61,2.47,20)");
        const rs = new RandomState(seed);
        expectLogFloats(
          Array.from({ length: 20 }, () => rs.normal(50.0, 10.0)),
          g["normal_scalar_calls_50.0_10.0_x20"],
          "normal(50,10) x20",
        );
        expectLogFloats(
          new RandomState(seed).normalEach([50.0, 150.0, 250.0], 20.0),
          g["normal_arrayloc_arange(50.0,310.0,100.0)_20.0"],
          "normal(arange, 20)",
        );
      });
      it("exponential and the gauss cache across methods", () => {
        for (const scale of ["0.1", "1.0"]) {
          const rs = new RandomState(seed);
          expectLogFloats(
            Array.from({ length: 20 }, () => rs.exponential(Number(scale))),
            g[`exponential_scalar_calls_scale_${scale}_x20`],
            `exponential(${scale})`,
          );
        }
        const rs = new RandomState(seed);
        const mixed = [rs.normal(0, 1), rs.exponential(1), rs.normal(0, 1), rs.normal(0, 1)];
        expectLogFloats(mixed, g.mixed_normal_exp_normal_normal, "mixed");
        const rs2 = new RandomState(seed);
        expectLogFloats(
          [rs2.standardNormal(), rs2.standardExponential(), rs2.standardNormal(), rs2.standardNormal()],
          g.mixed_normal_exp_normal_normal,
          "mixed standard_*",
        );
      });
      it("Poisson train t0=0, T=250, 40 Hz", () => {
        const want: number[] = V.legacy_poisson_train_t0_0_T_250_rate_40Hz[String(seed)];
        expectLogFloats(poissonTrain(new RandomState(seed), 0, 250, 40), want, "poisson train");
      });
    });
  }

  it("uniform matches numpy (supplementary vectors)", () => {
    for (const [seed, g] of Object.entries<any>(X.legacy_uniform)) {
      const rs = new RandomState(Number(seed));
      expectExactFloats(Array.from({ length: 5 }, () => rs.uniform()), g.uniform_scalar_x5, "uniform()");
      expectExactFloats(rs.uniformN(-3.5, 10.25, 10), g["uniform_-3.5_10.25_size10"], "uniform(-3.5,10.25,10)");
      expectExactFloats(Array.from({ length: 3 }, () => rs.uniform(5.0, 2.0)), g["uniform_high_lt_low_5.0_2.0_x3"], "uniform(5,2)");
    }
  });

  it("scale 0 still consumes a draw", () => {
    const a = new RandomState(7);
    const b = new RandomState(7);
    expect(a.normal(3.0, 0.0)).toBe(3.0);
    b.standardNormal();
    expect(a.normal()).toBe(b.normal());
  });
});

describe("libm log (RNG.md §3.5)", () => {
  it("Math.log is within 1 ulp of glibc log on the documented pairs", () => {
    let exact = 0;
    const pairs: [number, number][] = [
      ...V.libm_log_glibc.differs_from_v8_Math_log,
      ...V.libm_log_glibc.agrees_with_v8_Math_log,
    ];
    for (const [x, want] of pairs) {
      const got = Math.log(x);
      if (Object.is(got, want)) exact++;
      else expect(Math.abs(got - want) / Math.abs(want), `log(${x})`).toBeLessThanOrEqual(LOG_REL_TOL);
    }
    console.log(`[random] Math.log equals glibc log on ${exact} of ${pairs.length} documented pairs`);
    expect(exact).toBeGreaterThanOrEqual(V.libm_log_glibc.agrees_with_v8_Math_log.length);
  });
});

describe("SeedSequence / PCG64 / Generator", () => {
  for (const seed of SEEDS) {
    const g = V.generator_pcg64[String(seed)];
    describe(`seed ${seed}`, () => {
      it("SeedSequence pool and generate_state", () => {
        const ss = new SeedSequence(seed);
        expectInts(Array.from(ss.pool), g.seedsequence_pool_uint32, "pool");
        expectInts(Array.from(ss.generateState32(8)), g.generate_state_8_uint32, "generate_state u32");
        expectInts(ss.generateState64(4), g.generate_state_4_uint64, "generate_state u64");
      });
      it("PCG64 seeding, next64, next32", () => {
        const bg = new PCG64(seed);
        expectInts([bg.state, bg.inc], [g.pcg64_state_after_seeding, g.pcg64_inc], "state/inc");
        expectInts(Array.from({ length: 20 }, () => bg.nextUint64()), g.next64_first20, "next64");
        const bg32 = new PCG64(new SeedSequence(seed));
        expectInts(Array.from({ length: 20 }, () => bg32.nextUint32()), g.next32_first20, "next32");
      });
      it("bounded integers (Lemire, 32- and 64-bit paths)", () => {
        const rng = defaultRng(seed);
        expectInts(
          Array.from({ length: 20 }, (_, i) => rng.bounded(1000 + i)),
          g["bounded_0_to_j_inclusive_j1000..1019"],
          "bounded j1000..1019",
        );
        const rngI = defaultRng(seed);
        expectInts(
          Array.from({ length: 20 }, (_, i) => rngI.integers(0, 1001 + i)),
          g["bounded_0_to_j_inclusive_j1000..1019"],
          "integers(0, j+1)",
        );
        const r2 = defaultRng(seed);
        const js = [2n ** 32n, 2n ** 40n + 7n, 2n ** 62n, 5n, 2n ** 32n - 2n];
        expectInts(
          js.map((j) => r2.boundedUint64(j)),
          g["bounded_inclusive_j_[2^32,2^40+7,2^62,5,2^32-2]"],
          "bounded 64-bit",
        );
        // The number API on the same ranges (2**62 is beyond 2**53 and must go through boundedUint64).
        const r3 = defaultRng(seed);
        const viaNumber = js.map((j) => (j < 2n ** 53n ? r3.bounded(Number(j)) : r3.boundedUint64(j)));
        expectInts(viaNumber, g["bounded_inclusive_j_[2^32,2^40+7,2^62,5,2^32-2]"], "bounded (number)");
      });
      it("choice(range(n), k, replace=False): Floyd and tail-shuffle branches", () => {
        for (const [key, want] of Object.entries<number[]>(g.choice_range_n_k_replace_False)) {
          const m = /^n=(\d+),k=(\d+)$/.exec(key);
          expect(m, key).not.toBeNull();
          const got = defaultRng(seed).choice(Number(m![1]), Number(m![2]), { replace: false });
          expectInts(got, want, `choice ${key}`);
        }
      });
    });
  }

  it("supplementary numpy vectors: random, integers, choice(shuffle=False), choice(replace=True)", () => {
    for (const [seedText, g] of Object.entries<any>(X.generator_extra)) {
      const seed = BigInt(seedText);
      const r = defaultRng(seed);
      expectExactFloats(Array.from({ length: 5 }, () => r.random()), g.random_x5, "random");
      const ri = defaultRng(seed);
      expectInts(Array.from({ length: 10 }, () => ri.integers(10, 17)), g.integers_10_17_x10, "integers(10,17)");
      const rj = defaultRng(seed);
      expectInts(Array.from({ length: 5 }, () => rj.integers(0, 2 ** 40)), g.integers_0_2pow40_x5, "integers(0,2**40)");
      for (const [key, want] of Object.entries<number[]>(g)) {
        const m = /^choice_(shuffle_False|replace_True)_n=(\d+),k=(\d+)$/.exec(key);
        if (!m) continue;
        const opts = m[1] === "shuffle_False" ? { replace: false, shuffle: false } : { replace: true };
        expectInts(defaultRng(seed).choice(Number(m[2]), Number(m[3]), opts), want, key);
      }
    }
  });

  it("end_to_end.seed_example_sparse: conn_seed 3 prunes 1225 pairs to the recorded 122", () => {
    const e = V.end_to_end.seed_example_sparse;
    const want: number[] = e["choice_indices_sorted_(flat index = src_offset*35 + target_offset)"];
    // NETWORK.md §4.4: n_keep = round_half_even(1225 * 0.1) = 122 (exact here).
    const got = defaultRng(3).choice(35 * 35, e.L2_basket_to_L2_basket_n_pairs, { replace: false });
    expectInts([...got].sort((a, b) => a - b), want, "seed example indices");
  });

  it("defaultRng() without a seed draws OS entropy", () => {
    const a = defaultRng();
    const b = defaultRng(null);
    expect(a).toBeInstanceOf(Generator);
    expect(a.bitGenerator.state).not.toBe(b.bitGenerator.state);
  });
});

describe("end_to_end drive streams (constants from DRIVES.md §7-8)", () => {
  it("jones2009_params_drives: evoked = RandomState(seed).normal(mu, sigma, 1)", () => {
    // DRIVES.md §8.1 table: (mu, sigma), numspikes 1.
    const params: Record<string, [number, number]> = {
      evdist1: [63.53, 3.85],
      evprox1: [26.61, 2.47],
      evprox2: [137.12, 8.33],
    };
    const e = V.end_to_end.jones2009_params_drives;
    for (const [name, drive] of Object.entries<any>(e.drives)) {
      const [mu, sigma] = params[name];
      for (const cell of drive.cells) {
        for (const trial of [0, 1]) {
          const seed: number = cell[`trial${trial}_randomstate_seed`];
          // DRIVES.md §7: base = event_seed + trial * n_gids, + offset of the drive cell.
          expect(seed).toBe(drive.event_seed_stored + trial * e.n_gids_total + (cell.gid - drive.first_gid));
          const times = Array.from(new RandomState(seed).normalN(mu, sigma, 1)).filter((t) => t > 0 && t <= 170.0);
          expectLogFloats(times, cell[`trial${trial}_events`], `${name} gid ${cell.gid} trial ${trial}`);
        }
      }
    }
  });

  it("poisson_example: extpois(0, 250, rate) from RandomState(1349 + trial * n_gids + offset)", () => {
    const e = V.end_to_end.poisson_example;
    for (const cell of e.cells) {
      const rate = cell.drive_cell_offset < 100 ? 140.0 : 40.0;
      for (const trial of [0, 1]) {
        const prng = new RandomState(1349 + trial * e.n_gids_total + cell.drive_cell_offset);
        const times = poissonTrain(prng, 0.0, 250.0, rate)
          .filter((t) => t > 0 && t <= 250.0)
          .sort((a, b) => a - b);
        expect(times.length, `gid ${cell.gid} trial ${trial} count`).toBe(cell[`trial${trial}_n_events`]);
        expectLogFloats(times.slice(0, 10), cell[`trial${trial}_events_first10`], `poisson gid ${cell.gid} trial ${trial}`);
      }
    }
  });
});

describe("bad input", () => {
  it("RandomState seeds", () => {
    expect(() => new RandomState(-1)).toThrow(/Seed must be between 0 and 2\*\*32 - 1/);
    expect(() => new RandomState(2 ** 32)).toThrow(ValueError);
    expect(() => new RandomState(1.5)).toThrow(TypeError);
    expect(() => new RandomState(Number.NaN)).toThrow(TypeError);
    expect(() => new RandomState(2 ** 32 - 1)).not.toThrow();
  });
  it("negative scale names the argument and the allowed values", () => {
    const rs = new RandomState(0);
    expect(() => rs.normal(0, -1)).toThrow(/^scale < 0: scale must be non-negative/);
    expect(() => rs.normal(0, -0)).toThrow(RangeError);
    expect(() => rs.normalN(0, -1, 3)).toThrow(/scale < 0/);
    expect(() => rs.normalEach([1, 2], -2)).toThrow(/scale < 0/);
    expect(() => rs.exponential(-0.5)).toThrow(/scale < 0/);
    expect(() => rs.exponentialN(-0.5, 2)).toThrow(/scale < 0/);
    expect(Number.isNaN(rs.normal(0, Number.NaN))).toBe(true);
  });
  it("sizes and ranges", () => {
    const rs = new RandomState(0);
    expect(() => rs.normalN(0, 1, -1)).toThrow(/negative dimensions are not allowed/);
    expect(() => rs.normalN(0, 1, 2.5)).toThrow(TypeError);
    expect(() => rs.randomSampleN(-3)).toThrow(RangeError);
    expect(() => rs.uniform(0, Number.POSITIVE_INFINITY)).toThrow(/Range exceeds valid bounds/);
    expect(() => rs.normal("1" as unknown as number, 1)).toThrow(TypeError);
  });
  it("SeedSequence / defaultRng seeds", () => {
    expect(() => defaultRng(-1)).toThrow(/expected non-negative integer/);
    expect(() => defaultRng(-1n)).toThrow(RangeError);
    expect(() => defaultRng(0.5)).toThrow(/seed must be integer/);
    expect(() => new SeedSequence(2 ** 60)).toThrow(TypeError); // not a safe integer: pass a bigint
  });
  it("choice and integers", () => {
    const rng = defaultRng(1);
    expect(() => rng.choice(10, 11, { replace: false })).toThrow(
      /Cannot take a larger sample than population when replace is False/,
    );
    expect(() => rng.choice(0, 1, { replace: false })).toThrow(/a cannot be empty unless no samples are taken/);
    expect(rng.choice(0, 0, { replace: false })).toEqual([]);
    expect(() => rng.choice(-1, 0, { replace: false })).toThrow(RangeError);
    expect(() => rng.choice(10, 2.5, { replace: false })).toThrow(TypeError);
    expect(() => rng.integers(5, 5)).toThrow(/low >= high/);
    expect(() => rng.integers(0.5, 5)).toThrow(TypeError);
    expect(() => rng.boundedUint64(-1n)).toThrow(RangeError);
    expect(() => rng.bounded(2 ** 62)).toThrow(/safe integer/);
    expect(() => rng.bounded(-1)).toThrow(RangeError);
  });
  it("k = 0 consumes no draws", () => {
    const a = defaultRng(5);
    const b = defaultRng(5);
    expect(a.choice(12, 0, { replace: false })).toEqual([]);
    expect(a.bitGenerator.nextUint64()).toBe(b.bitGenerator.nextUint64());
  });
});
