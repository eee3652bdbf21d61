/**
 * Optimizer (hnn-core's optimization/general_optimization.py) on a small problem: a 3×3 network
 * with one evoked drive, 40 ms, fitting the drive's mean time and L5 weight to the dipole simulated
 * at known values. Each solver must lower the objective, stay in the bounds and return the best
 * evaluated point; hnn-core's validation messages; cancellation; the convergence figure; and
 * generate_opt_history_table's layout.
 */
import { describe, expect, it } from "vitest";
import { Optimizer, generateOptHistoryTable, jones2009Model, simulateDipole, ValueError, type Network } from "../../bindings/index";
import type { OptimizerEvaluation, SolverName } from "../../bindings/optim/optimizer";
import "../../bindings/viz/node";

const TSTOP = 40;
const TRUE = { mu: 18, w: 0.012 };
const BOUNDS = { mu: [12, 28] as const, w: [0.004, 0.03] as const };

function base(): Network {
  return jones2009Model({ meshShape: [3, 3] });
}

function setParams(net: Network, p: Record<string, number>): void {
  net.addEvokedDrive("evprox1", {
    mu: p.mu,
    sigma: 2,
    numspikes: 1,
    location: "proximal",
    weightsAmpa: { L2_pyramidal: 0.02, L5_pyramidal: p.w },
    synapticDelays: 0.1,
  });
}

async function targetDipole() {
  const net = base();
  setParams(net, TRUE);
  return (await simulateDipole(net, { tstop: TSTOP, nTrials: 1 }))[0];
}

describe("Optimizer.fit on a 3×3 network (one evoked drive, 40 ms)", () => {
  const cases: [SolverName, number, Record<string, number>][] = [
    ["cobyla", 12, {}],
    ["bayesian", 6, {}],
    // tolfun: hnn-core's 0.01 would stop CMA-ES after its first generation on RMSEs this small.
    ["cma", 3, { popsize: 4, tolfun: 1e-9 }],
  ];
  for (const [solver, maxIter, extra] of cases) {
    it(`${solver}: lowers the RMSE, stays in bounds, returns the best evaluated point`, async () => {
      const target = await targetDipole();
      const opt = new Optimizer(base(), { tstop: TSTOP, constraints: BOUNDS, setParams, initialParams: { mu: 25, w: 0.006 }, solver, maxIter });
      const evals: OptimizerEvaluation[] = [];
      const progress: number[] = [];
      await opt.fit({ target, onEvaluation: (e) => evals.push(e), onProgress: (p) => progress.push(p.bestObjective), ...extra });
      const first = evals[0].objective;
      const best = Math.min(...evals.map((e) => e.objective));
      console.log(`${solver}: ${evals.length} simulations, RMSE ${first.toExponential(3)} -> ${best.toExponential(3)}, fitted mu ${opt.optParams_![0].toFixed(3)}, w ${opt.optParams_![1].toFixed(5)} (true ${TRUE.mu}, ${TRUE.w})`);
      // COBYLA's steps are at most hnn-core's rhobeg (0.1, in the parameters' units), and the GP's
      // length scale is 1 in those units: both start slowly on this problem.
      expect(best).toBeLessThan((solver === "cma" ? 0.7 : 0.95) * first);
      for (const e of evals) {
        expect(e.params.mu).toBeGreaterThanOrEqual(BOUNDS.mu[0]);
        expect(e.params.mu).toBeLessThanOrEqual(BOUNDS.mu[1]);
        expect(e.params.w).toBeGreaterThanOrEqual(BOUNDS.w[0]);
        expect(e.params.w).toBeLessThanOrEqual(BOUNDS.w[1]);
      }
      // hnn-core's evaluation counts: maxfun (COBYLA), 1 + maxfun (Bayesian), popsize per generation (CMA-ES).
      const expected = solver === "cobyla" ? maxIter : solver === "bayesian" ? maxIter + 1 : maxIter * 4;
      expect(evals.length).toBeLessThanOrEqual(expected);
      if (solver !== "cobyla") expect(evals.length).toBe(expected);
      // obj_: the running minimum over the first maxIter entries, non-increasing.
      expect(opt.obj_).toHaveLength(maxIter);
      opt.obj_.forEach((v, i) => i > 0 && expect(v).toBeLessThanOrEqual(opt.obj_[i - 1]));
      expect(progress.at(-1)).toBe(best);
      const bestEval = evals.find((e) => e.objective === best)!;
      if (solver !== "bayesian" || evals.indexOf(bestEval) < maxIter) expect(opt.obj_.at(-1)).toBe(best);
      // The fitted parameters are the best evaluation's, and net_ carries them.
      expect(opt.optParams_).toEqual([bestEval.params.mu, bestEval.params.w]);
      const drive = opt.net_!.externalDrives.evprox1;
      expect(drive.dynamics).toMatchObject({ mu: opt.optParams_![0] });
      expect(drive.weightsAmpa!.L5_pyramidal).toBe(opt.optParams_![1]);
      expect(opt.toString()).toBe(`<Optimizer\nsolver=${solver}\nfit=True>`);
      const svg = opt.plotConvergence().toSvg();
      expect(svg).toContain("hnn-convergence-line");
      expect(svg).toContain("Number of calls");
    }, 120_000);
  }

  it("stops when the signal is aborted and leaves the optimizer unfitted", async () => {
    const target = await targetDipole();
    const opt = new Optimizer(base(), { tstop: TSTOP, constraints: BOUNDS, setParams, solver: "cobyla", maxIter: 20 });
    const controller = new AbortController();
    let evaluations = 0;
    const fit = opt.fit({ target, signal: controller.signal, onEvaluation: () => ++evaluations === 2 && controller.abort() });
    await expect(fit).rejects.toMatchObject({ name: "AbortError" });
    expect(evaluations).toBe(2);
    expect(opt.net_).toBeNull();
    expect(opt.obj_).toEqual([]);
    expect(() => opt.plotConvergence()).toThrow(/not been fit/);
  }, 60_000);
});

describe("Optimizer's arguments (hnn-core's messages)", () => {
  const ok = { tstop: TSTOP, constraints: BOUNDS, setParams };
  it("solver, obj_fun, max_iter", () => {
    expect(() => new Optimizer(base(), { ...ok, solver: "nelder" as SolverName })).toThrow(new ValueError("solver must be 'bayesian', 'cobyla' or 'cma', got 'nelder'"));
    expect(() => new Optimizer(base(), { ...ok, objFun: "rmse" as "dipole_rmse" })).toThrow(ValueError);
    expect(() => new Optimizer(base(), { ...ok, maxIter: 0 })).toThrow(/max_iter must be a positive integer/);
  });
  it("initial_params: a dict with the constraints' keys, numbers, inside the bounds", () => {
    expect(() => new Optimizer(base(), { ...ok, initialParams: [1, 2] as unknown as Record<string, number> })).toThrow(new TypeError("initial_params must be an instance of dict, got <class 'list'> instead"));
    expect(() => new Optimizer(base(), { ...ok, initialParams: { mu: 20 } })).toThrow(new ValueError("The keys of initial_params must match the keys of constraints."));
    expect(() => new Optimizer(base(), { ...ok, initialParams: { mu: 20, w: "a" as unknown as number } })).toThrow(new TypeError("val must be an instance of int or float, got <class 'str'> instead"));
    expect(() => new Optimizer(base(), { ...ok, initialParams: { mu: 30.5, w: 0.01 } })).toThrow(new ValueError("Initial parameter 'mu' with value 30.5 is out of bounds (12, 28)."));
  });
  it("initial_params default to the middle of each range", () => {
    expect(new Optimizer(base(), ok).initialParams).toEqual({ mu: 20, w: 0.017 });
  });
  it("constraints must be (lower, upper) pairs", () => {
    expect(() => new Optimizer(base(), { ...ok, constraints: { mu: [5] as unknown as [number, number] } })).toThrow(TypeError);
    expect(() => new Optimizer(base(), { ...ok, constraints: { mu: [5, 1] } })).toThrow(/lower < upper/);
  });
  it("fit: target for dipole_rmse / dipole_corr, f_bands and relative_bandpower for maximize_psd", async () => {
    await expect(new Optimizer(base(), ok).fit({})).rejects.toThrow("target must be specified");
    await expect(new Optimizer(base(), { ...ok, objFun: "dipole_corr" }).fit({})).rejects.toThrow("target must be specified");
    await expect(new Optimizer(base(), { ...ok, objFun: "maximize_psd" }).fit({ fBands: [[8, 12]] })).rejects.toThrow("f_bands and relative_bandpower must be specified");
  });
  it("cma's sigma0", async () => {
    const target = await targetDipole();
    const opt = new Optimizer(base(), { ...ok, solver: "cma", maxIter: 1 });
    await expect(opt.fit({ target, sigma0: -1 })).rejects.toThrow(new ValueError("sigma0 must be greater than zero"));
    await expect(opt.fit({ target, sigma0: [0.1] })).rejects.toThrow(/When sigma0 is array-like, the length must be the same as the constraints/);
  });
});

describe("generateOptHistoryTable (hnn-core's layout)", () => {
  it("writes the header, parameters with initial / final / change, and the objective values", () => {
    const text = generateOptHistoryTable(
      [{ initialParams: { mu: 20, w: 0.5 }, optParams: [18.25, 0.125], objValues: [2, 1.5], solver: "cobyla", objFun: "dipole_rmse", maxIter: 2, targetData: "erp.txt", nTrials: 3 }],
      "2025-01-01 12:00:00",
    );
    const lines = text.split("\n");
    expect(lines.slice(0, 13)).toEqual([
      "=".repeat(100),
      "OPTIMIZATION HISTORY",
      "Generated: 2025-01-01 12:00:00",
      "=".repeat(100),
      "",
      "Run #1",
      "-".repeat(100),
      "Solver: cobyla",
      "Objective Function: dipole_rmse",
      "Max Iterations: 2",
      "Target Dataset: erp.txt",
      "Number of Trials: 3",
      "",
    ]);
    // f"{name:<40} {v:>15.6f} {v:>15.6f} {change:>+15.6f}"
    expect(lines[13]).toBe("Parameter".padEnd(40) + " " + "  Initial Value" + " " + "    Final Value" + " " + "         Change");
    expect(lines[15]).toBe("mu".padEnd(40) + "       20.000000       18.250000       -1.750000");
    expect(lines[16]).toBe("w".padEnd(40) + "        0.500000        0.125000       -0.375000");
    expect(lines.slice(17, 22)).toEqual(["", "Objective Function (dipole_rmse) Values:", "  Iteration 0:        2.000000", "  Iteration 1:        1.500000", "Total Change:        -0.500000"]);
    expect(generateOptHistoryTable([], "now")).toBe("No optimization runs have been completed yet.");
  });
  it("lists maximize_psd's bands with their weights", () => {
    const text = generateOptHistoryTable([{ initialParams: { a: 1 }, optParams: [2], objValues: [-0.1, -0.4], objFun: "maximize_psd", psdFBands: [[9, 11], [19, 21]], psdRelativeBandpower: [1, 2] }], "t");
    expect(text).toContain("Solver: N/A\nObjective Function: maximize_psd\nMax Iterations: N/A\n  Frequency Band 1: 9.0-11.0 Hz (weight: 1.000)\n  Frequency Band 2: 19.0-21.0 Hz (weight: 2.000)\n");
    expect(text).toContain("a".padEnd(40) + "        1.000000        2.000000       +1.000000");
  });
});
