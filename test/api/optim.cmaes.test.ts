/**
 * cmaes: pycma's default strategy parameters and BoundTransform against the values pycma's own
 * documentation states (cma/options_parameters.py `CMAParameters` and cma/boundary_handler.py
 * `BoundTransform` doctests); convergence to known optima (sphere, Rosenbrock, quadratics with the
 * optimum on a bound, hnn-core's way of calling it) with the evaluations each needed; determinism,
 * concurrency of a generation's evaluations, termination, and the errors for bad arguments.
 */
import { describe, expect, it } from "vitest";
import { cmaes, ValueError } from "../../bindings/index";
import { BoundTransform } from "../../bindings/optim/boundTransform";
import { cmaesParameters, defaultPopsize } from "../../bindings/optim/cmaesParameters";

const sphere = (x: Float64Array): number => x.reduce((s, v) => s + v * v, 0);
const rosenbrock = (x: Float64Array): number => {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) s += 100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2;
  return s;
};
const dist = (a: ArrayLike<number>, b: ArrayLike<number>): number => Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])));

describe("pycma's defaults", () => {
  it("N = 20, λ = 12: μ, c1, cc, cμ and the 12 weights as pycma's CMAParameters doctest prints them", () => {
    expect(defaultPopsize(20)).toBe(12);
    const p = cmaesParameters(20, 12);
    expect(p.mu).toBe(6);
    // pycma prints these truncated; each digit shown must match.
    expect(p.c1.toFixed(8)).toBe("0.00437235");
    expect(p.cc.toFixed(6)).toBe("0.171767");
    expect(p.cmu.toFixed(8)).toBe("0.00921656");
    const doc = [0.4024029428, 0.253389084, 0.1662215645, 0.1043752252, 0.05640347757, 0.01720770576, -0.05018713636, -0.1406167894, -0.2203813963, -0.2917332686, -0.3562788884, -0.4152044225];
    p.weights.forEach((w, i) => expect(Math.abs(w - doc[i])).toBeLessThan(1e-10));
  });

  it("N = 6: the (4_w,9)-aCMA-ES with mu_w = 2.8, w_1 = 49 % of pycma's BoundTransform doctest banner", () => {
    const p = cmaesParameters(6, defaultPopsize(6));
    expect([p.mu, p.lambda, p.mueff.toFixed(1), Math.round(100 * p.weights[0])]).toEqual([4, 9, "2.8", 49]);
  });
});

describe("BoundTransform", () => {
  it("reproduces pycma's doctest values for bounds [0, None]", () => {
    const b = new BoundTransform(Float64Array.of(0, 0, 0, 0), Float64Array.of(Infinity, Infinity, Infinity, Infinity));
    const near = (got: Float64Array, want: number[]): void => got.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(1e-15));
    near(b.transform([-0.1, 0, 1, 1.2]), [0.0125, 0.0125, 1, 1.2]);
    near(b.transform([-1, 0, 1, 2]), [0.9, 0.0125, 1, 2]);
  });

  it("maps everything into the box, is the identity inside the margins, inverse∘transform = id, continuous at the joins", () => {
    const lo = Float64Array.of(-1, 2, -30);
    const hi = Float64Array.of(1, 2.5, 50);
    const b = new BoundTransform(lo, hi);
    for (let k = -400; k <= 400; k++) {
      const x = [k * 0.01, 2.25 + k * 0.004, 10 + k * 0.3];
      const y = b.transform(x);
      y.forEach((v, i) => expect(v >= lo[i] && v <= hi[i]).toBe(true));
      const back = b.transform(b.inverse(y));
      back.forEach((v, i) => expect(Math.abs(v - y[i])).toBeLessThan(1e-12));
    }
    // Identity in [lb + al, ub − au]: for [-1, 1] the margins are 0.05.
    expect(b.transform([0.94, 2.25, 0])[0]).toBe(0.94);
    const eps = 1e-9;
    for (const edge of [-0.95, 0.95, -1.05, 1.05]) {
      const [a] = b.transform([edge - eps, 2.25, 0]);
      const [c] = b.transform([edge + eps, 2.25, 0]);
      expect(Math.abs(c - a)).toBeLessThan(3 * eps); // C¹: no jump, slope ≤ 1
    }
  });
});

/** Runs cmaes, recording the points in call order. */
async function run(f: (x: Float64Array) => number, x0: number[], sigma0: number | number[], opts: Parameters<typeof cmaes>[3] = {}) {
  const calls: number[][] = [];
  const res = await cmaes(async (x) => (calls.push(Array.from(x)), f(x)), x0, sigma0, opts);
  return { res, calls };
}

describe("cmaes reaches known optima", () => {
  const cases: { name: string; f: (x: Float64Array) => number; x0: number[]; sigma0: number | number[]; opts: Parameters<typeof cmaes>[3]; xOpt: number[]; fOpt: number; tolX: number; budget: number }[] = [
    { name: "sphere, N = 8", f: sphere, x0: [3, -2, 1, 4, -1, 2, 0.5, -3], sigma0: 1, opts: {}, xOpt: Array(8).fill(0), fOpt: 0, tolX: 1e-5, budget: 6000 },
    { name: "Rosenbrock, N = 4", f: rosenbrock, x0: [0, 0, 0, 0], sigma0: 0.5, opts: {}, xOpt: [1, 1, 1, 1], fOpt: 0, tolX: 1e-5, budget: 8000 },
    {
      name: "quadratic with its optimum on two bounds, N = 3",
      f: (x) => (x[0] + 0.5) ** 2 + 2 * (x[1] - 0.3) ** 2 + (x[2] - 1.7) ** 2,
      x0: [0.5, 0.5, 0.5], sigma0: 0.3, opts: { bounds: [0, 1] },
      xOpt: [0, 0.3, 1], fOpt: 0.25 + 0.49, tolX: 1e-4, budget: 5000,
    },
    {
      name: "hnn-core's call (sigma0 0.25·range, popsize 16, tolfun 0.01, seed 123), N = 3",
      f: (x) => ((x[0] - 23.5) / 10) ** 2 + ((x[1] - 4) / 5) ** 2 + ((x[2] - 0.012) / 0.01) ** 2,
      x0: [30, 7.5, 0.0255], sigma0: [0.25 * 40, 0.25 * 13, 0.25 * 0.049], opts: { bounds: [[10, 1, 0.001], [50, 14, 0.05]], popsize: 16, tolfun: 0.01, maxiter: 200 },
      xOpt: [23.5, 4, 0.012], fOpt: 0, tolX: 0.5, budget: 1000,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const { res, calls } = await run(c.f, c.x0, c.sigma0, c.opts);
      expect(res.evaluations).toBe(calls.length);
      expect(res.evaluations).toBeLessThanOrEqual(c.budget);
      expect(res.f - c.fOpt).toBeLessThan(c.opts?.tolfun ?? 1e-9);
      // Relative to each parameter's range for the hnn-core-like case, absolute otherwise.
      const scale = Array.isArray(c.sigma0) ? c.sigma0.map((s) => s / 0.25 / 40) : c.xOpt.map(() => 1);
      expect(dist(res.x.map((v, i) => v / scale[i]), c.xOpt.map((v, i) => v / scale[i]))).toBeLessThan(c.tolX);
      const near = calls.findIndex((x) => c.f(Float64Array.from(x)) - c.fOpt < (c.opts?.tolfun ?? 1e-9)) + 1;
      console.log(`cmaes ${c.name}: ${res.evaluations} evaluations (${res.iterations} generations of ${res.evaluations / res.iterations}), stop ${res.stop.join(",")}; f - f* = ${(res.f - c.fOpt).toExponential(2)}, first within tolerance at evaluation ${near}`);
    });
  }
});

describe("cmaes learns the covariance", () => {
  // Ellipsoid Σ 10^(6 i/(N−1)) y_i² (condition 1e6), plain and rotated (y = R x, R a fixed orthogonal matrix):
  // the adapted C must approach the inverse Hessian (axis ratio √1e6 = 1000), and the rotation must not matter.
  const n = 5;
  const coef = Array.from({ length: n }, (_, i) => 10 ** ((6 * i) / (n - 1)));
  const ellipsoid = (y: ArrayLike<number>): number => coef.reduce((s, c, i) => s + c * y[i] ** 2, 0);
  const rot = householder(Float64Array.of(1, -2, 0.5, 3, -1));
  const rotated = (x: Float64Array): number => ellipsoid(Array.from({ length: n }, (_, i) => x.reduce((s, xj, j) => s + rot[i * n + j] * xj, 0)));
  for (const [name, f] of [["ellipsoid", ellipsoid], ["rotated ellipsoid", rotated]] as const) {
    it(name, async () => {
      const { res } = await run(f, [1, 1, 1, 1, 1], 1, { seed: 1 });
      const ratio = res.history[res.history.length - 1].axisRatio;
      expect(res.f).toBeLessThan(1e-9);
      expect(res.evaluations).toBeLessThan(4000);
      expect(ratio).toBeGreaterThan(500);
      expect(ratio).toBeLessThan(2000);
      console.log(`cmaes ${name} (N = 5, condition 1e6): ${res.evaluations} evaluations, f = ${res.f.toExponential(2)}, final axis ratio ${ratio.toFixed(0)}`);
    });
  }
});

/** I − 2vvᵀ/‖v‖², an orthogonal matrix (row-major). */
function householder(v: Float64Array): Float64Array {
  const n = v.length;
  const vv = v.reduce((s, x) => s + x * x, 0);
  return Float64Array.from({ length: n * n }, (_, k) => (Math.floor(k / n) === k % n ? 1 : 0) - (2 * v[Math.floor(k / n)] * v[k % n]) / vv);
}

describe("cmaes behaviour", () => {
  it("same seed → identical evaluation sequence; another seed → another one", async () => {
    const a = (await run(rosenbrock, [0, 0, 0], 0.3, { seed: 5, maxiter: 30, bounds: [-2, 2] })).calls;
    expect((await run(rosenbrock, [0, 0, 0], 0.3, { seed: 5, maxiter: 30, bounds: [-2, 2] })).calls).toEqual(a);
    expect((await run(rosenbrock, [0, 0, 0], 0.3, { seed: 6, maxiter: 30, bounds: [-2, 2] })).calls).not.toEqual(a);
  });

  it("evaluates a generation's candidates concurrently, and only those", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    await cmaes(
      async (x) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
        return sphere(x);
      },
      [1, 1],
      0.5,
      { popsize: 7, maxiter: 3 },
    );
    expect(maxInFlight).toBe(7);
  });

  it("stops at maxiter / maxfevals, reports each generation, keeps points in bounds", async () => {
    const gens: number[] = [];
    const { res, calls } = await run(rosenbrock, [0.1, 0.1], 0.5, { maxiter: 5, popsize: 6, bounds: [[-0.2, 0], [0.3, 0.4]], callback: (g) => gens.push(g.iteration) });
    expect(res.stop).toContain("maxiter");
    expect([res.iterations, res.evaluations, gens]).toEqual([5, 30, [1, 2, 3, 4, 5]]);
    for (const x of calls) expect(x[0] >= -0.2 && x[0] <= 0.3 && x[1] >= 0 && x[1] <= 0.4).toBe(true);
    const best = res.history.map((g) => g.fBest);
    best.forEach((b, i) => expect(b).toBe(Math.min(...calls.slice(0, 6 * (i + 1)).map((x) => rosenbrock(Float64Array.from(x))))));
    expect((await run(sphere, [1, 1], 0.5, { maxfevals: 13, popsize: 6 })).res).toMatchObject({ evaluations: 18, stop: ["maxfevals"] });
  });

  it("stops with the signal's reason", async () => {
    const ctl = new AbortController();
    await expect(cmaes((x) => (ctl.abort(), sphere(x)), [1, 1], 0.5, { signal: ctl.signal })).rejects.toThrow(/abort/i);
  });

  it("rejects bad arguments, naming them", async () => {
    const f = (): number => 0;
    const cases: [unknown[], new (...a: any[]) => Error, RegExp][] = [
      [["f", [0], 1], TypeError, /objective must be a function/],
      [[f, "x", 1], TypeError, /x0 must be an array of finite numbers/],
      [[f, [0, NaN], 1], ValueError, /x0\[1\] must be a finite number, got NaN/],
      [[f, [0, 0], -1], ValueError, /sigma0 must be greater than zero, got -1/],
      [[f, [0, 0], [1]], ValueError, /sigma0 must have 2 elements/],
      [[f, [0, 0], [1, 0]], ValueError, /sigma0\[1\] must be greater than zero/],
      [[f, [0, 0], 1, { popsize: 1 }], ValueError, /popsize must be an integer >= 2, got 1/],
      [[f, [0, 0], 1, { popsize: 4.5 }], TypeError, /popsize must be an integer, got 4.5/],
      [[f, [0, 0], 1, { maxiter: 0 }], ValueError, /maxiter must be an integer >= 1/],
      [[f, [0, 0], 1, { tolfun: -1 }], ValueError, /tolfun must be >= 0/],
      [[f, [0, 0], 1, { seed: 2 ** 32 }], ValueError, /seed must be an integer in \[0, 2\*\*32 - 1\]/],
      [[f, [0, 0], 1, { bounds: [1, 0] }], ValueError, /bounds must have lower < upper, got lower\[0\] = 1 >= upper\[0\] = 0/],
      [[f, [0, 0], 1, { bounds: [[0], [1, 1]] }], ValueError, /bounds lower must have 2 elements/],
      [[f, [0, 2], 1, { bounds: [-1, 1] }], ValueError, /x0\[1\] = 2 is out of bounds \[-1, 1\]/],
      [[f, [0, 0], 1, { sigma: 2 }], ValueError, /Unknown option 'sigma'. Allowed options are 'popsize', 'bounds'/],
      [[() => NaN, [0, 0], 1], ValueError, /objective must return a number, got NaN/],
    ];
    for (const [args, cls, msg] of cases) {
      const p = (cmaes as (...a: unknown[]) => Promise<unknown>)(...args);
      await expect(p).rejects.toThrow(msg);
      await expect(p).rejects.toBeInstanceOf(cls);
    }
  });
});
