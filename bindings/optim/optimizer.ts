/**
 * hnn-core 0.6.1's `Optimizer` (hnn_core/optimization/general_optimization.py): fit the parameters a
 * user function sets on a Network to a target dipole (or a spectral goal) with Bayesian optimisation,
 * COBYLA or CMA-ES. Each evaluation copies the base network, applies `setParams`, simulates
 * (`simulateDipole`), and computes the objective (./objectives.ts: scale, smooth, compare).
 *
 * Differences from hnn-core, on purpose:
 * - COBYLA's box constraints use each parameter's own bounds. hnn-core builds them in a loop of
 *   lambdas that read the loop variable late, so every constraint there uses the last parameter's
 *   bounds. COBYLA may try points outside the box (its constraints are met only at the end); such
 *   a point is simulated clipped into the box, so every simulated parameter set is within bounds.
 * - A user `objFun` receives the simulated trials (`(dpls, target, opts) => number`, like
 *   {@link OBJECTIVES}); hnn-core's receives the network and runs the simulation itself.
 * - For CMA-ES a generation's candidates are simulated side by side, one worker per trial, instead
 *   of through BatchSimulate.
 * - With `backend` (e.g. a Redis queue, jobBackend.ts) every evaluation is one job there: the
 *   network after `setParams` travels as its configuration; the objective is computed here from the
 *   returned dipoles, so the fit is the local one to the bit.
 */

import type { Network } from "../model/network";
import { Dipole } from "../analysis/dipole";
import { simulateDipole } from "../simulate/simulateDipole";
import { dipoleFromData, hashedNetworkConfig, type BatchJob } from "../batch/batchJob";
import { resolveBackend, type JobBackend, type QueueSpec } from "../batch/jobBackend";
import { bayesOpt } from "./bayesopt";
import { cmaes } from "./cmaes";
import { minimizeCobyla } from "./cobyla";
import { OBJECTIVES, type FrequencyBand, type ObjectiveFunction, type ObjectiveOptions } from "./objectives";
import { plotRenderer } from "../util/plotRenderers";
import type { Figure } from "../viz/figure";
import type { PlotConvergenceOptions } from "../viz/convergence";
import { pyRepr } from "../util/pyformat";
import { ValueError, describe, typeError } from "../util/validate";

/** The solvers by hnn-core's names. */
export type SolverName = "bayesian" | "cobyla" | "cma";
/** Parameter name → [lower, upper] bound. */
export type Constraints = Record<string, readonly [number, number]>;
/** Parameter name → value. */
export type ParamValues = Record<string, number>;
/** hnn-core's `set_params(net, params)`: applies one parameter set to a copy of the network. */
export type SetParams = (net: Network, params: ParamValues) => void;

/** Options of the {@link Optimizer} constructor (hnn-core's arguments, camelCase). */
export interface OptimizerOptions {
  /** Simulation length (ms). */
  tstop: number;
  /** The parameters to fit and their bounds. */
  constraints: Constraints;
  /** Sets a parameter set on a copy of the network (hnn-core `set_params`). */
  setParams: SetParams;
  /** Starting values, one per constraint (default: the middle of each range). */
  initialParams?: ParamValues;
  /** 'bayesian' (default), 'cobyla' or 'cma'. */
  solver?: SolverName;
  /** 'dipole_rmse' (default), 'dipole_corr', 'maximize_psd', or a function of the simulated trials. */
  objFun?: keyof typeof OBJECTIVES | ObjectiveFunction;
  /** Evaluations for COBYLA, evaluations after the first for 'bayesian', generations for CMA-ES (default 200). */
  maxIter?: number;
}

/** Progress of a fit, reported after every evaluation (COBYLA, Bayesian) or generation (CMA-ES). */
export interface OptimizerProgress {
  /** 1-based evaluation (COBYLA, Bayesian) or generation (CMA-ES) count. */
  iteration: number;
  /** Simulations of parameter sets so far. */
  evaluations: number;
  /** The objective of this evaluation (the generation's lowest for CMA-ES). */
  objective: number;
  /** The lowest objective so far. */
  bestObjective: number;
}

/** One simulated parameter set of a fit. */
export interface OptimizerEvaluation {
  /** 1-based count of simulations so far. */
  evaluation: number;
  /** The parameter set. */
  params: ParamValues;
  /** Its objective. */
  objective: number;
}

/** Options of {@link Optimizer.fit} (hnn-core's `obj_fun_kwargs`, camelCase). */
export interface FitOptions {
  /** The dipole to fit (required for 'dipole_rmse' and 'dipole_corr'). */
  target?: Dipole;
  /** Trials simulated and averaged per evaluation (default 1; 'maximize_psd' simulates one). */
  nTrials?: number;
  /** Factor applied to every simulated trial before the comparison. */
  scaleFactor?: number;
  /** Hamming smoothing window (ms) applied to every simulated trial after scaling. */
  smoothWindowLen?: number;
  /** Bands (Hz) of 'maximize_psd' (required for it). */
  fBands?: readonly FrequencyBand[];
  /** Band weights of 'maximize_psd' (required for it). */
  relativeBandpower?: number | readonly number[];
  /** Integration step (ms), default 0.025. */
  dt?: number;
  /** Workers: a simulation's trials (COBYLA, Bayesian) or a generation's candidates (CMA-ES) share them. Default 1. */
  nJobs?: number;
  /** CMA-ES: candidates per generation (default 16). */
  popsize?: number;
  /** CMA-ES: seed of its sampler (default 123); Bayesian: seed of the candidate draws (default 123). */
  seed?: number;
  /** CMA-ES: initial step, a fraction of each range or one value per parameter (default 0.25). */
  sigma0?: number | readonly number[];
  /** CMA-ES: stop when the recent best values span less than this (default 0.01). */
  tolfun?: number;
  /** Called after every evaluation (COBYLA, Bayesian) or generation (CMA-ES). */
  onProgress?: (p: OptimizerProgress) => void;
  /** Called after every simulation with its parameter set and objective (in completion order). */
  onEvaluation?: (e: OptimizerEvaluation) => void;
  /** Aborting it stops the fit: running simulations end and `fit` rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Run each evaluation as a one-job batch on this backend instead of this process's pool (nJobs is
   * then unused): a {@link JobBackend} or `{ queue: "redis://HOST:PORT[/NAME]", name }` (needs `hnn-wasm/node`).
   */
  backend?: JobBackend | QueueSpec;
}

const SOLVERS: readonly SolverName[] = ["bayesian", "cobyla", "cma"];

/** Parameter optimisation (hnn-core `Optimizer`); see the module notes. */
export class Optimizer {
  /** The parameters' bounds. */
  readonly constraints: Constraints;
  /** The starting values (the middle of each range unless given). */
  readonly initialParams: ParamValues;
  /** The solver's name. */
  readonly solver: SolverName;
  /** The objective function. */
  readonly objFun: ObjectiveFunction;
  /** The objective's name, or null for a user function (hnn-core `obj_fun_name`). */
  readonly objFunName: keyof typeof OBJECTIVES | null;
  /** Evaluations (COBYLA), evaluations after the first (Bayesian) or generations (CMA-ES). */
  readonly maxIter: number;
  /** Simulation length (ms). */
  readonly tstop: number;
  /** The network with the fitted parameters set (null before `fit`). */
  net_: Network | null = null;
  /** The lowest objective after each of the first `maxIter` evaluations (generations for CMA-ES). */
  obj_: number[] = [];
  /** The fitted values, in the order of `constraints` (null before `fit`). */
  optParams_: number[] | null = null;
  readonly #initialNet: Network;
  readonly #setParams: SetParams;

  /**
   * @param initialNet the network every evaluation starts from (copied, never changed).
   * @throws ValueError / TypeError with hnn-core's messages for a bad solver, initial parameters or bounds.
   */
  constructor(initialNet: Network, opts: OptimizerOptions) {
    if (typeof opts !== "object" || opts === null) throw new TypeError("Optimizer options must be an object with { tstop, constraints, setParams }");
    if (typeof initialNet?.copy !== "function") throw typeError("initial_net", "Network", initialNet);
    this.#initialNet = initialNet;
    if (typeof opts.tstop !== "number" || !(opts.tstop > 0)) throw new ValueError(`tstop must be a positive number (ms), got ${describe(opts.tstop)}`);
    this.tstop = opts.tstop;
    this.constraints = checkConstraints(opts.constraints);
    if (typeof opts.setParams !== "function") throw new TypeError(`set_params must be a function, got ${describe(opts.setParams)}`);
    this.#setParams = opts.setParams;
    const maxIter = opts.maxIter ?? 200;
    if (!Number.isInteger(maxIter) || maxIter < 1) throw new ValueError(`max_iter must be a positive integer, got ${describe(maxIter)}`);
    this.maxIter = maxIter;
    const solver = opts.solver ?? "bayesian";
    if (!SOLVERS.includes(solver)) throw new ValueError(`solver must be 'bayesian', 'cobyla' or 'cma', got ${describe(solver)}`);
    this.solver = solver;
    const objFun = opts.objFun ?? "dipole_rmse";
    if (typeof objFun === "function") {
      this.objFun = objFun;
      this.objFunName = null;
    } else if (typeof objFun === "string" && objFun in OBJECTIVES) {
      this.objFun = OBJECTIVES[objFun];
      this.objFunName = objFun;
    } else {
      throw new ValueError(`obj_fun must be 'dipole_rmse', 'dipole_corr', 'maximize_psd' or a function, got ${describe(objFun)}`);
    }
    this.initialParams = opts.initialParams === undefined ? midpoints(this.constraints) : checkInitialParams(opts.initialParams, this.constraints);
  }

  /** hnn-core's repr: `<Optimizer\nsolver=cobyla\nfit=False>`. */
  toString(): string {
    return `<Optimizer\nsolver=${this.solver}\nfit=${this.net_ !== null ? "True" : "False"}>`;
  }

  /**
   * Runs the solver (hnn-core `fit(**obj_fun_kwargs)`) and sets `net_`, `obj_` and `optParams_`.
   * @throws Error `target must be specified` / `f_bands and relative_bandpower must be specified`
   *   (hnn-core's); the signal's reason when aborted; errors of `setParams` and the simulation.
   */
  async fit(opts: FitOptions = {}): Promise<void> {
    const name = this.objFunName;
    if ((name === "dipole_rmse" || name === "dipole_corr") && opts.target === undefined) throw new ValueError("target must be specified");
    if (opts.target !== undefined && !(opts.target instanceof Dipole)) throw typeError("target", "Dipole", opts.target);
    if (name === "maximize_psd" && (opts.fBands === undefined || opts.relativeBandpower === undefined)) {
      throw new ValueError("f_bands and relative_bandpower must be specified");
    }
    for (const key of ["onProgress", "onEvaluation"] as const) {
      if (opts[key] !== undefined && typeof opts[key] !== "function") throw new TypeError(`${key} must be a function, got ${describe(opts[key])}`);
    }
    if (opts.signal !== undefined && !(opts.signal instanceof AbortSignal)) throw new TypeError(`signal must be an AbortSignal, got ${describe(opts.signal)}`);
    opts.signal?.throwIfAborted();
    const resolved = opts.backend === undefined ? null : await resolveBackend(opts.backend);
    const run = new FitRun(this, this.#initialNet, this.#setParams, opts, resolved?.backend ?? null);
    let x: number[];
    try {
      x = await SOLVER_RUNS[this.solver](run, this, opts);
    } finally {
      if (resolved?.owned) await resolved.backend.close();
    }
    this.optParams_ = x;
    this.obj_ = run.runningMinimum(this.maxIter);
    this.net_ = run.networkFor(x);
  }

  /** hnn-core `plot_convergence()`: the lowest objective against the number of calls (needs `hnn-wasm/viz`). */
  plotConvergence(options: PlotConvergenceOptions = {}): Figure {
    if (this.obj_.length === 0) throw new ValueError("The optimizer has not been fit yet: call fit() first");
    return plotRenderer("plotConvergence", "Optimizer.plotConvergence")(this.obj_, options);
  }
}

/** hnn-core `_update_params`: the solver's vector as name → value, in the order of the constraints. */
function toParams(names: readonly string[], x: ArrayLike<number>): ParamValues {
  return Object.fromEntries(names.map((n, i) => [n, x[i]]));
}

/** One fit's evaluations: simulate a parameter vector, score it, keep hnn-core's `obj_values`. */
class FitRun {
  readonly names: string[];
  /** One entry per evaluation (per generation for CMA-ES): its lowest objective. */
  readonly entries: number[] = [];
  evaluations = 0;
  best = { f: Infinity, x: [] as number[] };
  readonly #objective: ObjectiveOptions;

  constructor(
    readonly optimizer: Optimizer,
    readonly initialNet: Network,
    readonly setParams: SetParams,
    readonly opts: FitOptions,
    readonly backend: JobBackend | null,
  ) {
    this.names = Object.keys(optimizer.constraints);
    const { scaleFactor, smoothWindowLen, fBands, relativeBandpower } = opts;
    this.#objective = { tstop: optimizer.tstop, scaleFactor, smoothWindowLen, fBands, relativeBandpower };
  }

  /** A copy of the base network with `x` set. */
  networkFor(x: ArrayLike<number>): Network {
    const net = this.initialNet.copy();
    this.setParams(net, toParams(this.names, x));
    return net;
  }

  /** Simulates `x` (clipped into the box) and returns its objective; `splitTrials` false lets candidates share the pool. */
  async evaluate(point: ArrayLike<number>, splitTrials = true): Promise<number> {
    const x = this.names.map((n, i) => Math.min(Math.max(point[i], this.optimizer.constraints[n][0]), this.optimizer.constraints[n][1]));
    const net = this.networkFor(x);
    const nTrials = this.optimizer.objFunName === "maximize_psd" ? 1 : (this.opts.nTrials ?? 1);
    const dpls =
      this.backend !== null
        ? await this.simulateOnBackend(this.backend, net, toParams(this.names, x), nTrials)
        : await simulateDipole(net, { tstop: this.optimizer.tstop, dt: this.opts.dt, nTrials, nJobs: this.opts.nJobs ?? 1, splitTrials, signal: this.opts.signal });
    const f = this.optimizer.objFun(dpls, this.opts.target, this.#objective);
    if (typeof f !== "number" || Number.isNaN(f)) throw new TypeError(`obj_fun must return a number, got ${describe(f)}`);
    this.evaluations++;
    if (f < this.best.f) this.best = { f, x: Array.from(x) };
    this.opts.onEvaluation?.({ evaluation: this.evaluations, params: toParams(this.names, x), objective: f });
    return f;
  }

  /** `net`'s trials as one job on `backend` (dipoles only); its dipoles, or its error thrown. */
  async simulateOnBackend(backend: JobBackend, net: Network, params: ParamValues, nTrials: number): Promise<Dipole[]> {
    const config = await hashedNetworkConfig(net);
    const job: BatchJob = {
      index: 0, networkHash: config.hash, params, applyParamPaths: false, tstop: this.optimizer.tstop, dt: this.opts.dt ?? 0.025, nTrials,
      recordVsec: false, recordIsec: false, postproc: false, outputs: { dpl: true, spiking: false, lfp: false, voltages: false, currents: false },
    };
    const [outcome] = (await backend.runJobs({ jobs: [job], configs: [config] }, { signal: this.opts.signal })).outcomes;
    if (!outcome.ok) throw new Error(`evaluation ${this.evaluations + 1} failed on the backend: ${outcome.error}`);
    return outcome.result.dpl!.map(dipoleFromData);
  }

  /** Records one entry (an evaluation or a generation) and reports progress. */
  record(objective: number): void {
    this.entries.push(objective);
    this.opts.onProgress?.({ iteration: this.entries.length, evaluations: this.evaluations, objective, bestObjective: this.best.f });
  }

  /** hnn-core's `obj`: `[min(obj_values[:k]) for k in 1..maxIter]`. */
  runningMinimum(maxIter: number): number[] {
    const out: number[] = [];
    let m = Infinity;
    for (let k = 0; k < maxIter; k++) {
      if (k < this.entries.length) m = Math.min(m, this.entries[k]);
      out.push(m);
    }
    return out;
  }
}

type SolverRun = (run: FitRun, opt: Optimizer, opts: FitOptions) => Promise<number[]>;

const SOLVER_RUNS: Record<SolverName, SolverRun> = {
  /** hnn-core `_run_opt_bayesian`: bayes_opt from the initial point, maxfun = maxIter. */
  async bayesian(run, opt, opts) {
    const bounds = run.names.map((n) => opt.constraints[n]);
    const result = await bayesOpt(
      async (x) => {
        const f = await run.evaluate(x);
        run.record(f);
        return f;
      },
      bounds,
      { initPoints: [run.names.map((n) => opt.initialParams[n])], maxIter: opt.maxIter, seed: opts.seed ?? 123, signal: opts.signal },
    );
    return Array.from(result.x);
  },

  /** hnn-core `_run_opt_cobyla`: fmin_cobyla(rhobeg 0.1, rhoend 1e-4, maxfun maxIter, catol 0); the best evaluation. */
  async cobyla(run, opt, opts) {
    const cons = run.names.flatMap((n, i) => {
      const [lo, hi] = opt.constraints[n];
      return [(x: number[]) => hi - x[i], (x: number[]) => x[i] - lo];
    });
    const x0 = run.names.map((n) => opt.initialParams[n]);
    await minimizeCobyla(
      async (x) => {
        const f = await run.evaluate(x);
        run.record(f);
        return f;
      },
      x0,
      cons,
      { rhobeg: 0.1, rhoend: 1e-4, maxfun: opt.maxIter, catol: 0, signal: opts.signal },
    );
    return run.best.x;
  },

  /** hnn-core `_run_opt_cma`: CMA-ES with sigma0 scaled by the ranges, popsize 16, tolfun 0.01, seed 123; maxIter generations. */
  async cma(run, opt, opts) {
    const lower = run.names.map((n) => opt.constraints[n][0]);
    const upper = run.names.map((n) => opt.constraints[n][1]);
    const result = await cmaes(
      (x) => run.evaluate(x, false),
      run.names.map((n) => opt.initialParams[n]),
      cmaSigma0(opts.sigma0 ?? 0.25, lower, upper),
      {
        bounds: [lower, upper],
        tolfun: opts.tolfun ?? 0.01,
        maxiter: opt.maxIter,
        popsize: opts.popsize ?? 16,
        seed: opts.seed ?? 123,
        signal: opts.signal,
        callback: (g) => run.record(g.fMin),
      },
    );
    return Array.from(result.x);
  },
};

/** hnn-core's sigma0 of CMA-ES: a number times each range, or one value per parameter. */
function cmaSigma0(sigma0: number | readonly number[], lower: number[], upper: number[]): number[] {
  if (typeof sigma0 === "number") {
    if (sigma0 < 0) throw new ValueError("sigma0 must be greater than zero");
    return upper.map((u, i) => sigma0 * (u - lower[i]));
  }
  if (!Array.isArray(sigma0)) throw typeError("sigma0", "int, float, list, or ndarray", sigma0);
  if (sigma0.some((s) => Array.isArray(s))) {
    throw new ValueError(`When sigma0 is array-like, it must be shape (N,), got shape (${sigma0.length}, ${(sigma0[0] as unknown as unknown[]).length})`);
  }
  if (sigma0.length !== lower.length) {
    throw new ValueError(`When sigma0 is array-like, the length must be the same as the constraints.Expected ${lower.length} elements, got ${sigma0.length} elements)`);
  }
  return sigma0.slice();
}

/** Constraints: an object of [lower, upper] pairs of finite numbers, lower < upper. */
function checkConstraints(constraints: unknown): Constraints {
  if (typeof constraints !== "object" || constraints === null || Array.isArray(constraints)) throw typeError("constraints", "dict", constraints);
  const entries = Object.entries(constraints as Record<string, unknown>);
  if (entries.length === 0) throw new ValueError("constraints must name at least one parameter");
  for (const [key, b] of entries) {
    if (!Array.isArray(b) || b.length !== 2 || !b.every((v) => typeof v === "number" && Number.isFinite(v))) {
      throw new TypeError(`constraints['${key}'] must be a (lower, upper) pair of finite numbers, got ${describe(b)}`);
    }
    if (!(b[0] < b[1])) throw new ValueError(`constraints['${key}'] must have lower < upper, got (${b[0]}, ${b[1]})`);
  }
  return Object.fromEntries(entries.map(([k, b]) => [k, [(b as number[])[0], (b as number[])[1]] as const]));
}

/** hnn-core `_get_initial_params`: the middle of every range. */
function midpoints(constraints: Constraints): ParamValues {
  return Object.fromEntries(Object.entries(constraints).map(([k, [lo, hi]]) => [k, (lo + hi) / 2]));
}

/** hnn-core's checks of `initial_params`, with its messages. */
function checkInitialParams(initial: unknown, constraints: Constraints): ParamValues {
  if (typeof initial !== "object" || initial === null || Array.isArray(initial)) throw typeError("initial_params", "dict", initial);
  const params = initial as Record<string, unknown>;
  const keys = Object.keys(params);
  const expected = Object.keys(constraints);
  if (keys.length !== expected.length || !expected.every((k) => k in params)) {
    throw new ValueError("The keys of initial_params must match the keys of constraints.");
  }
  for (const v of Object.values(params)) if (typeof v !== "number") throw typeError("val", "int or float", v);
  const out: ParamValues = {};
  for (const key of expected) {
    const v = params[key] as number;
    const [lo, hi] = constraints[key];
    if (!(lo <= v && v <= hi)) throw new ValueError(`Initial parameter '${key}' with value ${pyRepr(v)} is out of bounds (${pyRepr(lo)}, ${pyRepr(hi)}).`);
    out[key] = v;
  }
  return out;
}
