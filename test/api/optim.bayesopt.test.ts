/**
 * bayesOpt against hnn-core 0.6.1's externals/bayesopt.py: test/fixtures/optim/bayesopt_oracle.json holds
 * every evaluation hnn-core's `bayes_opt` (scikit-learn GP, numpy's seeded global RandomState) made on four
 * problems (gen_bayesopt_oracle.py). The same seed must give bit-identical points in the same order (the
 * candidates come from the same RNG stream; the GP's rounding differs from LAPACK's, but the choice among
 * the 10 000 candidates must not) and the same result; each problem's known optimum must be reached within
 * the budget.
 * Also: determinism, parallel initial points, and the errors for bad arguments.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bayesOpt, ValueError } from "../../bindings/index";

interface OracleProblem {
  formula: string;
  x0: number[];
  bounds: [number, number][];
  maxfun: number;
  seed: number;
  evals: number[][];
  best_x: number[];
  best_f: number;
}
const ORACLE: { problems: Record<string, OracleProblem> } = JSON.parse(
  readFileSync(new URL("../fixtures/optim/bayesopt_oracle.json", import.meta.url), "utf8"),
);

/** The oracle's objectives, restated from their `formula` fields; the known minimiser within the box. */
const PROBLEMS: Record<string, { f: (x: Float64Array) => number; xOpt: number[]; tolX: number }> = {
  quadratic_1d: { f: (x) => (x[0] - 0.6) ** 2, xOpt: [0.6], tolX: 1e-3 },
  // sin(3x) + x²/2 on [-2, 2]: global minimiser where 3cos(3x) + x = 0 near -0.471 (found below by bisection).
  sine_1d: { f: (x) => Math.sin(3 * x[0]) + 0.5 * x[0] ** 2, xOpt: [bisect((x) => 3 * Math.cos(3 * x) + x, -0.6, -0.3)], tolX: 1e-3 },
  quadratic_2d: { f: (x) => (x[0] - 0.6) ** 2 + 2 * (x[1] + 0.4) ** 2, xOpt: [0.6, -0.4], tolX: 1e-2 },
  rosenbrock_2d: { f: (x) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2, xOpt: [1, 1], tolX: 3e-2 },
};

function bisect(g: (x: number) => number, a: number, b: number): number {
  for (let i = 0; i < 200; i++) {
    const m = (a + b) / 2;
    if (Math.sign(g(m)) === Math.sign(g(a))) a = m;
    else b = m;
  }
  return (a + b) / 2;
}

describe("bayesOpt reproduces hnn-core's bayes_opt", () => {
  for (const [name, p] of Object.entries(ORACLE.problems)) {
    it(`${name}: ${p.formula}`, async () => {
      const { f, xOpt, tolX } = PROBLEMS[name];
      const calls: number[][] = [];
      const res = await bayesOpt(
        async (x) => {
          calls.push(Array.from(x));
          return f(x);
        },
        p.bounds,
        { initPoints: [p.x0], maxIter: p.maxfun, seed: p.seed },
      );
      expect(calls.length).toBe(p.evals.length);
      expect(calls).toEqual(p.evals.map((e) => e.slice(0, -1)));
      expect(res.evaluations).toBe(p.maxfun + 1);
      // f is our own evaluation of the formula: Math.sin and numpy's sin may differ in the last bit.
      expect(Math.abs(res.f - p.best_f)).toBeLessThanOrEqual(4e-16 * Math.max(1, Math.abs(p.best_f)));
      res.x.forEach((v, j) => expect(Math.abs(v - xOpt[j])).toBeLessThan(tolX));
      const needed = res.history.findIndex((e) => e.x.every((v, j) => Math.abs(v - xOpt[j]) < tolX)) + 1;
      expect(needed).toBeGreaterThan(0);
      console.log(`bayesOpt ${name}: ${res.evaluations} evaluations, |x - x*| < ${tolX} first at evaluation ${needed}; f = ${res.f.toExponential(3)}; points bit-identical to hnn-core's`);
    });
  }
});

describe("bayesOpt behaviour", () => {
  const sphere = (x: Float64Array): number => x.reduce((s, v) => s + (v - 0.25) ** 2, 0);

  it("same seed → identical evaluation sequence; another seed → another one", async () => {
    const run = async (seed: number): Promise<number[]> => {
      const seen: number[] = [];
      await bayesOpt((x) => (seen.push(...x), sphere(x)), [[-1, 1], [-1, 1]], { maxIter: 8, seed, nCandidates: 500 });
      return seen;
    };
    const a = await run(7);
    expect(await run(7)).toEqual(a);
    expect(await run(8)).not.toEqual(a);
  });

  it("evaluates the initial points concurrently and reports every evaluation", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const progress: number[] = [];
    const res = await bayesOpt(
      async (x) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        return sphere(x);
      },
      [[-1, 1], [-1, 1]],
      { initPoints: [[0, 0], [0.5, 0.5], [-0.5, 0.5]], maxIter: 2, nCandidates: 100, callback: (e) => progress.push(e.evaluation) },
    );
    expect(maxInFlight).toBe(3);
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    expect(res.history.map((e) => e.fBest)).toEqual(res.history.map((_, i) => Math.min(...res.history.slice(0, i + 1).map((e) => e.f))));
  });

  it("stops with the signal's reason", async () => {
    const ctl = new AbortController();
    const run = bayesOpt((x) => (ctl.abort(), sphere(x)), [[0, 1]], { maxIter: 5, signal: ctl.signal });
    await expect(run).rejects.toThrow(/abort/i);
  });

  it("rejects bad arguments, naming them", async () => {
    const f = (): number => 0;
    const cases: [unknown[], new (...a: any[]) => Error, RegExp][] = [
      [[42, [[0, 1]]], TypeError, /objective must be a function/],
      [[f, [[1, 0]]], ValueError, /bounds\[0\] must be \[low, high\] with low < high/],
      [[f, "box"], TypeError, /bounds must be a non-empty array/],
      [[f, [[0, 1, 2]]], ValueError, /bounds\[0\] must have 2 elements/],
      [[f, [[0, 1]], { maxIter: 2.5 }], TypeError, /maxIter must be an integer/],
      [[f, [[0, 1]], { maxIter: -1 }], ValueError, /maxIter must be an integer >= 0/],
      [[f, [[0, 1]], { seed: -3 }], ValueError, /seed must be an integer >= 0/],
      [[f, [[0, 1]], { initPoints: [[2]] }], ValueError, /initPoints\[0\]\[0\] = 2 is out of bounds/],
      [[f, [[0, 1]], { initPoints: [[0.5, 0.5]] }], ValueError, /initPoints\[0\] must have 1 elements/],
      [[f, [[0, 1]], { lengthScale: 0 }], ValueError, /lengthScale must be greater than zero/],
      [[f, [[0, 1]], { maxiter: 3 }], ValueError, /Unknown option 'maxiter'. Allowed options are 'initPoints', 'maxIter'/],
      [[() => NaN, [[0, 1]], { maxIter: 0 }], ValueError, /objective must return a number, got NaN/],
    ];
    for (const [args, cls, msg] of cases) {
      const p = (bayesOpt as (...a: unknown[]) => Promise<unknown>)(...args);
      await expect(p).rejects.toThrow(msg);
      await expect(p).rejects.toBeInstanceOf(cls);
    }
  });
});
