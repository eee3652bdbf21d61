/**
 * The fuzz harness shared by test/fuzz/*.fuzz.test.ts: run counts and seeds, the property every
 * case must hold, and the per-target counts the suites print.
 *
 * Every case either succeeds or throws one of the argument errors (ValueError, its KeyError, TypeError,
 * its AttributeError) with a message of our own. Anything else is a crash: a wasm abort
 * (`WebAssembly.RuntimeError`, `abort: …`), a plain `Error`, or a JavaScript engine error that shows an
 * input reached code that never checked it (`Cannot read properties of undefined`, `x is not a
 * function`, `Maximum call stack size exceeded`, `Invalid array length`, …). A case slower than
 * {@link CASE_LIMIT_MS} is a hang; a NaN in a simulation's dipole or spike times is a NaN output; any
 * change to the built-in prototypes is prototype pollution. Each of these fails the property, so
 * fast-check shrinks the input and prints the seed and path that replay it.
 *
 * `npm test` runs {@link FUZZ_RUNS} = 1000 cases per target with the fixed seed {@link FUZZ_SEED};
 * `npm run fuzz` sets `FUZZ_RUNS` higher and `FUZZ_SEED=random` (the seed is printed).
 */
import fc from "fast-check";
import { ValueError } from "../../bindings/util/validate";

/** Cases per target: 1000 in CI, `FUZZ_RUNS` for the nightly run. */
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
/** The seed: fixed in CI (reproducible), random when `FUZZ_SEED=random`. */
const FUZZ_SEED = process.env.FUZZ_SEED === "random" ? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0 : Number(process.env.FUZZ_SEED ?? 13);
/** A case that runs longer than this is a hang (ms); generous for a loaded 2-core CI machine. */
const CASE_LIMIT_MS = Number(process.env.FUZZ_CASE_LIMIT_MS ?? 5000);
/** vitest timeout of one target's `it` (ms): the whole target, at 1000 cases. */
export const TARGET_TIMEOUT_MS = 30 * CASE_LIMIT_MS + FUZZ_RUNS * 200;

/** fast-check parameters of every target. */
const FC_PARAMS = { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: false } as const;

/** Messages of JavaScript engine errors: the input reached code that did not check it. */
const ENGINE_MESSAGE =
  /Cannot read propert|Cannot set propert|Cannot (create|assign|define|convert|destructure)|is not a function|is not iterable|is not a constructor|undefined is not|null is not|Invalid array length|Invalid typed array length|Maximum call stack|Reduce of empty array|Array buffer allocation failed|out of memory|abort|unreachable/i;

/** Whether `e` is an argument error of our own (see the module note); the class name when it is. */
function argumentErrorClass(e: unknown): string | null {
  if (!(e instanceof Error) || ENGINE_MESSAGE.test(e.message) || e instanceof WebAssembly.RuntimeError) return null;
  if (e instanceof ValueError || e instanceof TypeError) return e.name;
  return null;
}

const BUILTINS: [string, object][] = [
  ["Object.prototype", Object.prototype],
  ["Array.prototype", Array.prototype],
  ["Function.prototype", Function.prototype],
  ["String.prototype", String.prototype],
  ["Number.prototype", Number.prototype],
];
const snapshot = (): string[] =>
  BUILTINS.map(([name, proto]) => `${name}:${Object.getOwnPropertyNames(proto).sort().join(",")}:${String(Object.getPrototypeOf(proto))}`);
const CLEAN = snapshot();

/** A change to a built-in prototype since the harness loaded, or null. */
function pollution(): string | null {
  const probe = {} as Record<string, unknown>;
  if (probe.polluted !== undefined || probe.isAdmin !== undefined) return "({}).polluted or ({}).isAdmin is defined";
  const now = snapshot();
  const k = now.findIndex((s, i) => s !== CLEAN[i]);
  return k < 0 ? null : `${BUILTINS[k][0]} changed`;
}

/** Counts of one target, printed by {@link FuzzStats.report}. */
export class FuzzStats {
  cases = 0;
  ok = 0;
  readonly rejected = new Map<string, number>();
  crashes = 0;
  hangs = 0;
  nanOutputs = 0;
  pollution = 0;

  constructor(readonly target: string) {}

  /** Runs one case (sync or async) and checks the property; throws (fails the case) when it breaks. */
  async check<T>(run: () => T | Promise<T>, outputs?: (value: T) => readonly ArrayLike<number>[]): Promise<void> {
    this.cases++;
    const t0 = performance.now();
    let failure: string | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const hang = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new HangError()), CASE_LIMIT_MS);
      });
      const value = await Promise.race([Promise.resolve().then(run), hang]);
      this.ok++;
      const arrays = outputs?.(value) ?? [];
      if (arrays.some((a) => Array.prototype.some.call(a, (x: number) => Number.isNaN(x)))) {
        this.nanOutputs++;
        failure = "NaN in an output";
      }
    } catch (e) {
      const cls = argumentErrorClass(e);
      if (e instanceof HangError) {
        this.hangs++;
        failure = `no result after ${CASE_LIMIT_MS} ms`;
      } else if (cls === null) {
        this.crashes++;
        failure = `crash: ${(e as Error)?.name}: ${(e as Error)?.message ?? String(e)}`;
      } else {
        this.rejected.set(cls, (this.rejected.get(cls) ?? 0) + 1);
      }
    } finally {
      clearTimeout(timer);
    }
    const ms = performance.now() - t0;
    if (failure === null && ms > CASE_LIMIT_MS) {
      this.hangs++;
      failure = `took ${ms.toFixed(0)} ms (limit ${CASE_LIMIT_MS} ms)`;
    }
    const polluted = pollution();
    if (polluted !== null) {
      this.pollution++;
      failure = `prototype pollution: ${polluted}`;
    }
    if (failure !== null) throw new Error(`${this.target}: ${failure}`);
  }

  /** One line: cases, how they ended, and the four counts that must be 0. */
  report(): string {
    const rej = [...this.rejected].map(([k, n]) => `${k} ${n}`).join(", ");
    const line =
      `fuzz ${this.target}: seed ${FUZZ_SEED}, ${this.cases} cases (ok ${this.ok}${rej ? ", " + rej : ""}), ` +
      `crashes ${this.crashes}, hangs ${this.hangs}, NaN outputs ${this.nanOutputs}, prototype pollution ${this.pollution}`;
    console.log(line);
    return line;
  }
}

class HangError extends Error {}

/** Runs `FUZZ_RUNS` cases of `arb` through `stats.check(run(x))` and prints the counts. */
export async function fuzz<A, T>(
  stats: FuzzStats,
  arb: fc.Arbitrary<A>,
  run: (input: A) => T | Promise<T>,
  outputs?: (value: T) => readonly ArrayLike<number>[],
): Promise<void> {
  try {
    await fc.assert(fc.asyncProperty(arb, (input) => stats.check(() => run(input), outputs)), FC_PARAMS);
  } finally {
    stats.report();
  }
}

/** Values that are wrong for most fields: wrong types, non-finite and out-of-range numbers. */
export const badValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -1, 0, -0, 1.5, 1e308, -1e308, 2 ** 53, -(2 ** 31), 1e9, 5e-324),
  fc.constantFrom("1", "", "NaN", "Infinity", "abc", "0x10", " 1 ", "1e3", "__proto__", "constructor"),
  fc.constantFrom(null, undefined, true, false, [], {}, [1, 2, 3], [[]], { polluted: 1 }),
  fc.double(),
  fc.integer({ min: -1000, max: 1_000_000 }),
  fc.string({ maxLength: 8 }),
);

/** Keys that reach prototypes when code assigns or looks up with them. */
export const PROTO_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"] as const;

/** `{ [key]: value }` with `key` as an own property, as `JSON.parse` makes it (even for `__proto__`). */
export function ownKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
