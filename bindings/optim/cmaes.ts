/**
 * CMA-ES, the (μ/μ_w, λ)-CMA-ES with active covariance update and cumulative step-size adaptation, with
 * pycma's defaults (the `cma` package hnn-core 0.6.1 calls for `solver='cma'`; parameters in
 * ./cmaesParameters.ts) and its default boundary handling, `BoundTransform` (./boundTransform.ts):
 * candidates are sampled unbounded (the genotype), mapped into the box for evaluation, and the update
 * uses the unbounded samples. As in pycma, with bounds each coordinate's standard deviation is capped at
 * a third of the box's width (`maxstd_boundrange`).
 *
 * Each generation: z_k ~ N(0, I) (λ rows of numpy's legacy `randn`, seeded), y_k = B·D·z_k,
 * x_k = m + σ·s⊙y_k (s: the per-coordinate scale, pycma's `CMA_stds`, i.e. a vector `sigma0`); the λ
 * candidates are evaluated concurrently (`Promise.all`), ranked, and m, p_σ, p_c, C, σ are updated as in
 * Hansen's tutorial (arXiv:1604.00772, eqs. 39–47, with the negative weights' Mahalanobis rescaling).
 *
 * Differences from pycma, which change the random stream but not the algorithm's behaviour: C is
 * decomposed (Jacobi) every generation instead of lazily, so eigenvector signs and order differ from
 * LAPACK's; no mirrored sampling for λ < 6 (pycma's `CMA_mirrors`); termination by maxiter, maxfevals,
 * tolfun, tolfunhist, tolx, tolconditioncov, noeffectcoord and noeffectaxis only (not pycma's
 * tolstagnation, tolflatfitness, tolupsigma, tolfacupx); tolx compares |p_c|, not signed p_c.
 */

import { RandomState } from "../random/randomState";
import { ValueError, describe } from "../util/validate";
import { BoundTransform } from "./boundTransform";
import { type CmaesParameters, cmaesParameters, defaultMaxiter, defaultPopsize } from "./cmaesParameters";
import { symmetricEigen } from "./linalg";
import {
  type Objective,
  checkObjective,
  checkOptionKeys,
  checkSeed,
  checkSignal,
  finiteVector,
  integerAtLeast,
  nonNegativeNumber,
  positiveNumber,
} from "./solverChecks";

/** Options of {@link cmaes} (pycma's option names where it has them). */
export interface CmaesOptions {
  /** λ, candidates per generation (default int(4 + 3 ln N); hnn-core passes 16). */
  popsize?: number;
  /** `[lower, upper]`, each a number or one per parameter; ±Infinity for no bound (default: unbounded). */
  bounds?: readonly [number | ArrayLike<number>, number | ArrayLike<number>];
  /** Generations at most (default 100 + 150 (N+3)² // √λ; hnn-core passes its max_iter). */
  maxiter?: number;
  /** Stop once this many evaluations are done (checked after each generation; default Infinity). */
  maxfevals?: number;
  /** Seed of the legacy RandomState that draws the samples (default 123, hnn-core's default). */
  seed?: number;
  /** Stop when this and the best values of the last 10 + 30N/λ generations span less than it (default 1e-11; hnn-core 0.01). */
  tolfun?: number;
  /** Stop when every coordinate's step and path are below it (default 1e-11). */
  tolx?: number;
  /** Called after each generation. */
  callback?: (generation: CmaesGeneration) => void;
  /** Aborting it rejects the promise with the signal's reason before the next generation. */
  signal?: AbortSignal;
}

/** One generation's summary. */
export interface CmaesGeneration {
  /** 1-based generation number. */
  iteration: number;
  /** Evaluations so far. */
  evaluations: number;
  /** Lowest value of this generation. */
  fMin: number;
  /** Lowest value so far. */
  fBest: number;
  /** Step size σ after the update. */
  sigma: number;
  /** √(largest / smallest eigenvalue of C) after the update (pycma's "axis ratio"). */
  axisRatio: number;
}

/** The result of {@link cmaes} (pycma's `result`, camelCase). */
export interface CmaesResult {
  /** The evaluated point with the lowest value (`xbest`, in the box). */
  x: Float64Array;
  /** Its value (`fbest`). */
  f: number;
  /** The final mean, mapped into the box (`xfavorite`). */
  xMean: Float64Array;
  /** Number of objective evaluations. */
  evaluations: number;
  /** Number of generations. */
  iterations: number;
  /** The termination criteria that fired (`stop()` keys, e.g. `['tolfun']`). */
  stop: string[];
  /** One entry per generation. */
  history: CmaesGeneration[];
}

const OPTION_KEYS = ["popsize", "bounds", "maxiter", "maxfevals", "seed", "tolfun", "tolx", "callback", "signal"] as const;
/** pycma's tolfunhist and tolconditioncov defaults. */
const TOLFUNHIST = 1e-12;
const TOLCONDITIONCOV = 1e14;
/** pycma's maxstd_boundrange: a coordinate's std is at most this fraction of its box width. */
const MAXSTD_BOUNDRANGE = 1 / 3;

/**
 * Minimises `objective` by CMA-ES from `x0` with initial step `sigma0` (see the module notes).
 * @param objective x → f(x), a number or a Promise of one; a generation's λ calls are made at once, so
 *   an objective that hands the work to a worker pool runs them in parallel.
 * @param x0 the initial mean, inside `bounds`.
 * @param sigma0 the initial standard deviation: a number, or one per parameter (as hnn-core passes
 *   `sigma0 · (upper − lower)`; pycma's `sigma0 = 1` with `CMA_stds`).
 * @throws TypeError / ValueError naming the argument for bad input; the objective's own errors pass through.
 */
export async function cmaes(objective: Objective, x0: ArrayLike<number>, sigma0: number | ArrayLike<number>, options: CmaesOptions = {}): Promise<CmaesResult> {
  checkObjective(objective);
  checkOptionKeys(options, OPTION_KEYS);
  const xStart = finiteVector("x0", x0);
  const n = xStart.length;
  const scale = typeof sigma0 === "number" ? new Float64Array(n).fill(1) : finiteVector("sigma0", sigma0, n);
  scale.forEach((s, i) => positiveNumber(`sigma0[${i}]`, s));
  let sigma = typeof sigma0 === "number" ? positiveNumber("sigma0", sigma0) : 1;
  const lambda = integerAtLeast("popsize", options.popsize ?? defaultPopsize(n), 2);
  const maxiter = integerAtLeast("maxiter", options.maxiter ?? defaultMaxiter(n, lambda), 1);
  const maxfevals = options.maxfevals === undefined ? Infinity : integerAtLeast("maxfevals", options.maxfevals, 1);
  const tolfun = nonNegativeNumber("tolfun", options.tolfun ?? 1e-11);
  const tolx = nonNegativeNumber("tolx", options.tolx ?? 1e-11);
  const rng = new RandomState(checkSeed(options.seed ?? 123));
  const signal = checkSignal(options.signal);
  const callback = options.callback;
  if (callback !== undefined && typeof callback !== "function") throw new TypeError(`callback must be a function, got ${describe(callback)}`);
  const box = options.bounds === undefined ? undefined : checkBounds(options.bounds, n);
  box?.lower.forEach((lo, i) => {
    if (!(lo <= xStart[i] && xStart[i] <= box.upper[i])) throw new ValueError(`x0[${i}] = ${xStart[i]} is out of bounds [${lo}, ${box.upper[i]}]`);
  });
  const transform = box && new BoundTransform(box.lower, box.upper);
  const maxstd = box ? box.upper.map((u, i) => (u - box.lower[i]) * MAXSTD_BOUNDRANGE) : new Float64Array(n).fill(Infinity);

  const p = cmaesParameters(n, lambda);
  const s = new SearchState(p, transform ? transform.inverse(xStart) : xStart);
  const histCap = 10 + (30 * n) / lambda;
  const fitHist: number[] = []; // best value per generation, newest first (pycma's fit.hist)
  const history: CmaesGeneration[] = [];
  let best: { x: Float64Array; f: number } = { x: Float64Array.from(xStart), f: Infinity };
  let evaluations = 0;
  let stop: string[] = [];
  for (let iteration = 1; stop.length === 0; iteration++) {
    signal?.throwIfAborted();
    const genotypes: Float64Array[] = [];
    const steps: Float64Array[] = []; // y_k = B·D·z_k
    for (let k = 0; k < lambda; k++) {
      const z = new Float64Array(n);
      for (let i = 0; i < n; i++) z[i] = rng.standardNormal();
      const y = s.transformByRootC(z);
      steps.push(y);
      genotypes.push(y.map((yi, i) => s.mean[i] + sigma * scale[i] * yi));
    }
    const phenotypes = genotypes.map((g) => (transform ? transform.transform(g) : Float64Array.from(g)));
    const values = await Promise.all(phenotypes.map((x) => objective(Float64Array.from(x))));
    values.forEach((f, k) => {
      if (typeof f !== "number" || Number.isNaN(f)) throw new ValueError(`objective must return a number, got ${String(f)} at x = [${Array.from(phenotypes[k]).join(", ")}]`);
    });
    evaluations += lambda;
    const order = Array.from({ length: lambda }, (_, k) => k).sort((a, b) => values[a] - values[b]);
    if (values[order[0]] < best.f) best = { x: phenotypes[order[0]], f: values[order[0]] };
    fitHist.unshift(values[order[0]]);
    if (fitHist.length > histCap) fitHist.pop();

    sigma = s.tell(order.map((k) => steps[k]), sigma, scale, iteration);
    capStds(s, sigma, scale, maxstd, iteration);

    const entry = { iteration, evaluations, fMin: values[order[0]], fBest: best.f, sigma, axisRatio: s.d[n - 1] / s.d[0] };
    history.push(entry);
    callback?.(entry);
    stop = stopCriteria({ s, sigma, scale, iteration, evaluations, values, fitHist, maxiter, maxfevals, tolfun, tolx });
  }
  const xMean = transform ? transform.transform(s.mean) : Float64Array.from(s.mean);
  return { x: Float64Array.from(best.x), f: best.f, xMean, evaluations, iterations: history.length, stop, history };
}

/** The distribution: mean m (genotype), covariance C = B·D²·Bᵀ, evolution paths p_σ and p_c. */
class SearchState {
  readonly mean: Float64Array;
  /** C, row-major N×N. */
  readonly c: Float64Array;
  /** Eigenvectors of C (columns), row-major. */
  b: Float64Array;
  /** √(eigenvalues of C), ascending. */
  d: Float64Array;
  readonly ps: Float64Array;
  readonly pc: Float64Array;

  constructor(
    readonly p: CmaesParameters,
    mean: Float64Array,
  ) {
    const n = p.n;
    this.mean = Float64Array.from(mean);
    this.c = new Float64Array(n * n);
    this.b = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      this.c[i * n + i] = 1;
      this.b[i * n + i] = 1;
    }
    this.d = new Float64Array(n).fill(1);
    this.ps = new Float64Array(n);
    this.pc = new Float64Array(n);
  }

  /** B·(D ⊙ z). */
  transformByRootC(z: Float64Array): Float64Array {
    const n = this.p.n;
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let j = 0; j < n; j++) acc += this.b[i * n + j] * this.d[j] * z[j];
      y[i] = acc;
    }
    return y;
  }

  /** C^(−1/2)·v = B·(Bᵀv / D). */
  private invRootC(v: Float64Array): Float64Array {
    const n = this.p.n;
    const t = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let i = 0; i < n; i++) acc += this.b[i * n + j] * v[i];
      t[j] = acc / this.d[j];
    }
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let j = 0; j < n; j++) acc += this.b[i * n + j] * t[j];
      out[i] = acc;
    }
    return out;
  }

  /**
   * The update of one generation from its steps y sorted best first (genotype x_k = m + σ s⊙y_k).
   * @returns the new σ.
   */
  tell(ySorted: Float64Array[], sigma: number, scale: Float64Array, iteration: number): number {
    const { n, mu, weights, mueff, cc, cs, c1, cmu, damps, chiN } = this.p;
    // Mean: m ← Σ_{i≤μ} w_i x_i; its normalised shift Δ = (m' − m)/(σ s) = Σ w_i y_i.
    const delta = new Float64Array(n);
    for (let k = 0; k < mu; k++) for (let i = 0; i < n; i++) delta[i] += weights[k] * ySorted[k][i];
    for (let i = 0; i < n; i++) this.mean[i] += sigma * scale[i] * delta[i];
    // Step-size path (tutorial eq. 43) and the stall flag h_σ of the rank-one path (pycma's hsig).
    const z = this.invRootC(delta);
    const ksi = Math.sqrt(cs * (2 - cs) * mueff);
    let psSq = 0;
    for (let i = 0; i < n; i++) {
      this.ps[i] = (1 - cs) * this.ps[i] + ksi * z[i];
      psSq += this.ps[i] * this.ps[i];
    }
    const hsig = psSq / (1 - (1 - cs) ** (2 * iteration)) / n - 1 < 1 + 4 / (n + 1) ? 1 : 0;
    const kc = hsig * Math.sqrt(cc * (2 - cc) * mueff);
    for (let i = 0; i < n; i++) this.pc[i] = (1 - cc) * this.pc[i] + kc * delta[i];
    // Covariance (eq. 47): C ← (1 − c1a − cμ Σw) C + c1 p_c p_cᵀ + cμ Σ w°_k y_k y_kᵀ, with
    // c1a = c1 (1 − (1 − h_σ²) c_c (2 − c_c)) and w°_k = w_k · N/‖C^(−1/2) y_k‖² for w_k < 0.
    const c1a = c1 * (1 - (1 - hsig * hsig) * cc * (2 - cc));
    let sumW = 0;
    for (const w of weights) sumW += w;
    const rankW = Float64Array.from(weights, (w, k) => {
      if (w >= 0) return cmu * w;
      const v = this.invRootC(ySorted[k]);
      let norm = 0;
      for (const vi of v) norm += vi * vi;
      return (cmu * w * n) / (Math.sqrt(norm) + 1e-9) ** 2;
    });
    const decay = 1 - c1a - cmu * sumW;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        let acc = decay * this.c[i * n + j] + c1 * this.pc[i] * this.pc[j];
        for (let k = 0; k < rankW.length; k++) acc += rankW[k] * ySorted[k][i] * ySorted[k][j];
        this.c[i * n + j] = acc;
        this.c[j * n + i] = acc;
      }
    }
    this.decompose();
    // Step size (eq. 44), the change of log σ clipped to ±1 as pycma does.
    const change = Math.max(-1, Math.min(1, (cs / damps) * (Math.sqrt(psSq) / chiN - 1)));
    return sigma * Math.exp(change);
  }

  /** B, D from C. */
  private decompose(): void {
    const { values, vectors } = symmetricEigen(this.c, this.p.n);
    if (!(values[0] > 0)) throw new Error(`cmaes: the covariance matrix lost positive definiteness (eigenvalue ${values[0]})`);
    this.b = vectors;
    this.d = values.map(Math.sqrt);
  }
}

/** pycma's `_stds_into_limits`: shrink the scale s_i where σ s_i √C_ii exceeds `maxstd_i`. */
function capStds(s: SearchState, sigma: number, scale: Float64Array, maxstd: Float64Array, iteration: number): void {
  const n = scale.length;
  const slack = iteration <= 2 ? Math.exp(1e-4) : 1;
  for (let i = 0; i < n; i++) {
    const std = sigma * scale[i] * Math.sqrt(s.c[i * n + i]);
    if (std > maxstd[i] * slack) scale[i] *= maxstd[i] / std;
  }
}

interface StopInput {
  s: SearchState;
  sigma: number;
  scale: Float64Array;
  iteration: number;
  evaluations: number;
  values: number[];
  fitHist: number[];
  maxiter: number;
  maxfevals: number;
  tolfun: number;
  tolx: number;
}

/** The termination criteria that hold after a generation (pycma's `_CMAStopDict._update`, the subset named in the module notes). */
function stopCriteria(a: StopInput): string[] {
  const { s, sigma, scale } = a;
  const n = scale.length;
  const stop: string[] = [];
  if (a.iteration >= a.maxiter) stop.push("maxiter");
  if (a.evaluations >= a.maxfevals) stop.push("maxfevals");
  const stds = scale.map((si, i) => sigma * si * Math.sqrt(s.c[i * n + i]));
  if (stds.every((v) => v < a.tolx) && scale.every((si, i) => sigma * si * Math.abs(s.pc[i]) < a.tolx)) stop.push("tolx");
  const range = (v: number[]): number => Math.max(...v) - Math.min(...v);
  const histRange = range(a.fitHist);
  if (range(a.values) < a.tolfun && histRange < a.tolfun) stop.push("tolfun");
  if (a.fitHist.length > 9 && histRange < TOLFUNHIST) stop.push("tolfunhist");
  if (s.d[n - 1] > Math.sqrt(TOLCONDITIONCOV) * s.d[0]) stop.push("tolconditioncov");
  if (s.mean.some((m, i) => m === m + 0.2 * stds[i])) stop.push("noeffectcoord");
  const axis = a.iteration % n;
  if (s.mean.every((m, i) => m === m + 0.1 * sigma * s.d[axis] * scale[i] * s.b[i * n + axis])) stop.push("noeffectaxis");
  return stop;
}

/** `[lower, upper]` as two arrays of N (numbers broadcast), lower < upper, NaN rejected. */
function checkBounds(bounds: unknown, n: number): { lower: Float64Array; upper: Float64Array } {
  if (!Array.isArray(bounds) || bounds.length !== 2) throw new TypeError(`bounds must be [lower, upper], got ${describe(bounds)}`);
  const [lower, upper] = (["lower", "upper"] as const).map((side, b) => {
    const v: unknown = bounds[b];
    if (typeof v === "number") {
      if (Number.isNaN(v)) throw new ValueError(`bounds ${side} must be a number or ±Infinity, got NaN`);
      return new Float64Array(n).fill(v);
    }
    if (!Array.isArray(v) && !(v instanceof Float64Array)) throw new TypeError(`bounds ${side} must be a number or an array of ${n} numbers, got ${describe(v)}`);
    if (v.length !== n) throw new ValueError(`bounds ${side} must have ${n} elements (one per parameter), got ${v.length}`);
    return Float64Array.from(v as ArrayLike<number>, (x, i) => {
      if (typeof x !== "number" || Number.isNaN(x)) throw new TypeError(`bounds ${side}[${i}] must be a number, got ${describe(x)}`);
      return x;
    });
  });
  lower.forEach((lo, i) => {
    if (!(lo < upper[i])) throw new ValueError(`bounds must have lower < upper, got lower[${i}] = ${lo} >= upper[${i}] = ${upper[i]}`);
  });
  return { lower, upper };
}
