/**
 * Bayesian optimisation as hnn-core 0.6.1 does it (hnn_core/externals/bayesopt.py `bayes_opt` with
 * `expected_improvement`, after Brochu, Cora & de Freitas' tutorial), the `solver='bayesian'` of its
 * `Optimizer`:
 *
 * 1. evaluate the initial point(s); best = the lowest value so far;
 * 2. `maxIter` times: draw 10 000 candidates uniformly in the box (numpy's `uniform(low, high,
 *    size=(10000, d))`, here from a seeded legacy `RandomState`), fit the {@link GaussianProcess}
 *    (scikit-learn's defaults: 1.0·RBF(1.0), α = 1e-10) to all evaluations so far, evaluate the
 *    candidate with the lowest acquisition value, update the best on a strict improvement.
 *
 * The acquisition is hnn-core's `expected_improvement` exactly: with μ, σ the GP's prediction and
 * f* the best value, Z = (μ − f*)/(σ + 1e-12) and EI = (μ − f*)·Φ(Z) + σ·φ(Z), minimised over the
 * candidates. (This is E[max(Y − f*, 0)], the expected excess over the best, so minimising it prefers
 * candidates the GP is confident lie at or below f*; it is not the textbook EI for minimisation,
 * (f* − μ)Φ(−Z) + σφ(Z), maximised. Kept as hnn-core has it, so that fits agree.)
 *
 * hnn-core draws from numpy's global, unseeded generator; with the same seed given to
 * `np.random.seed`, this reproduces its evaluation sequence (test/api/optim.bayesopt.test.ts).
 */

import { RandomState } from "../random/randomState";
import { ValueError, describe } from "../util/validate";
import { GaussianProcess } from "./gaussianProcess";
import { normCdf, normPdf } from "./normal";
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

/** Options of {@link bayesOpt} (hnn-core's `bayes_opt` arguments, camelCase, and the GP's). */
export interface BayesOptOptions {
  /** Points evaluated first, in parallel (default: the box's midpoint, as hnn-core's `Optimizer` starts; hnn-core's `x0` is `[x0]`). */
  initPoints?: ArrayLike<number>[];
  /** Points chosen by the acquisition after the initial ones (hnn-core's `maxfun`; default 200). */
  maxIter?: number;
  /** Seed of the legacy RandomState that draws the candidates (default 123, hnn-core's CMA-ES seed). */
  seed?: number;
  /** Candidates drawn per iteration (hnn-core: 10 000). */
  nCandidates?: number;
  /** The GP's RBF length scale in the units of x (scikit-learn's default 1.0). */
  lengthScale?: number;
  /** The GP's noise variance added to its covariance diagonal (scikit-learn's default 1e-10). */
  alpha?: number;
  /** Called after each evaluation. */
  callback?: (progress: BayesOptEvaluation) => void;
  /** Aborting it rejects the promise with the signal's reason before the next evaluation. */
  signal?: AbortSignal;
}

/** One evaluation of {@link bayesOpt}, in call order. */
export interface BayesOptEvaluation {
  /** 1-based count of evaluations so far. */
  evaluation: number;
  x: Float64Array;
  f: number;
  /** The lowest value so far. */
  fBest: number;
}

/** The result of {@link bayesOpt}. */
export interface BayesOptResult {
  /** The point with the lowest value (hnn-core's `best_x`). */
  x: Float64Array;
  /** Its value (`best_f`). */
  f: number;
  /** Number of objective evaluations (initial points + maxIter). */
  evaluations: number;
  /** Every evaluation in call order. */
  history: BayesOptEvaluation[];
}

const OPTION_KEYS = ["initPoints", "maxIter", "seed", "nCandidates", "lengthScale", "alpha", "callback", "signal"] as const;

/**
 * Minimises `objective` over the box `bounds` by Bayesian optimisation, as hnn-core's
 * externals/bayesopt.py `bayes_opt` with `expected_improvement` (see the module notes).
 * @param objective x → f(x), a number or a Promise of one (e.g. a simulation in the worker pool).
 * @param bounds `[low, high]` per parameter (hnn-core's `cons`), low < high.
 * @throws TypeError / ValueError naming the argument for bad input; the objective's own errors pass through.
 */
export async function bayesOpt(
  objective: Objective,
  bounds: readonly (readonly [number, number])[],
  options: BayesOptOptions = {},
): Promise<BayesOptResult> {
  checkObjective(objective);
  checkOptionKeys(options, OPTION_KEYS);
  const { low, high } = checkBox(bounds);
  const dim = low.length;
  const initPoints = checkInitPoints(options.initPoints, low, high);
  const maxIter = integerAtLeast("maxIter", options.maxIter ?? 200, 0);
  const nCandidates = integerAtLeast("nCandidates", options.nCandidates ?? 10000, 1);
  const gp = new GaussianProcess({
    lengthScale: positiveNumber("lengthScale", options.lengthScale ?? 1.0),
    alpha: nonNegativeNumber("alpha", options.alpha ?? 1e-10),
  });
  const rng = new RandomState(checkSeed(options.seed ?? 123));
  const signal = checkSignal(options.signal);
  const callback = options.callback;
  if (callback !== undefined && typeof callback !== "function") throw new TypeError(`callback must be a function, got ${describe(callback)}`);

  const xs: Float64Array[] = [];
  const ys: number[] = [];
  const history: BayesOptEvaluation[] = [];
  let bestX = initPoints[0];
  let bestF = Infinity;
  const record = (x: Float64Array, f: number): void => {
    if (typeof f !== "number" || Number.isNaN(f)) throw new ValueError(`objective must return a number, got ${String(f)} at x = [${Array.from(x).join(", ")}]`);
    xs.push(x);
    ys.push(f);
    // hnn-core: the first lowest of the initial points (argmin), afterwards only a strict improvement.
    if (f < bestF) {
      bestF = f;
      bestX = x;
    }
    const entry = { evaluation: history.length + 1, x, f, fBest: bestF };
    history.push(entry);
    callback?.(entry);
  };

  signal?.throwIfAborted();
  const initValues = await Promise.all(initPoints.map((x) => objective(Float64Array.from(x))));
  initPoints.forEach((x, i) => record(x, initValues[i]));

  const candidates = new Float64Array(nCandidates * dim);
  const mean = new Float64Array(nCandidates);
  const std = new Float64Array(nCandidates);
  for (let iter = 0; iter < maxIter; iter++) {
    signal?.throwIfAborted();
    // numpy uniform(low=[...], high=[...], size=(n, d)): row-major draws, column j scaled to [low_j, high_j).
    for (let r = 0; r < nCandidates; r++) {
      for (let j = 0; j < dim; j++) candidates[r * dim + j] = rng.uniform(low[j], high[j]);
    }
    gp.fit(stack(xs, dim), Float64Array.from(ys), dim);
    gp.predict(candidates, mean, std);
    const pick = argminExpectedImprovement(mean, std, bestF);
    const x = candidates.slice(pick * dim, (pick + 1) * dim);
    record(x, await objective(Float64Array.from(x)));
  }
  return { x: Float64Array.from(bestX), f: bestF, evaluations: history.length, history };
}

/**
 * Index of the candidate with the lowest hnn-core `expected_improvement` (first one on ties, as numpy's argmin).
 * @param mean GP means; @param std GP standard deviations; @param bestF the best value so far.
 */
function argminExpectedImprovement(mean: Float64Array, std: Float64Array, bestF: number): number {
  let pick = 0;
  let lowest = Infinity;
  for (let p = 0; p < mean.length; p++) {
    const excess = mean[p] - bestF;
    const z = excess / (std[p] + 1e-12);
    const ei = excess * normCdf(z) + std[p] * normPdf(z);
    // numpy's argmin returns the first NaN if any; a NaN here would mean a broken fit, so it is an error.
    if (Number.isNaN(ei)) throw new Error(`bayesOpt: the acquisition is NaN at candidate ${p} (mean ${mean[p]}, std ${std[p]})`);
    if (ei < lowest) {
      lowest = ei;
      pick = p;
    }
  }
  return pick;
}

/** The box as two arrays, checked: an array of `[low, high]` pairs with finite low < high. */
function checkBox(bounds: unknown): { low: Float64Array; high: Float64Array } {
  if (!Array.isArray(bounds) || bounds.length === 0) {
    throw new TypeError(`bounds must be a non-empty array of [low, high] pairs, got ${Array.isArray(bounds) ? "an empty array" : typeof bounds}`);
  }
  const low = new Float64Array(bounds.length);
  const high = new Float64Array(bounds.length);
  bounds.forEach((pair: unknown, i) => {
    const [lo, hi] = finiteVector(`bounds[${i}]`, pair, 2);
    if (!(lo < hi)) throw new ValueError(`bounds[${i}] must be [low, high] with low < high, got [${lo}, ${hi}]`);
    low[i] = lo;
    high[i] = hi;
  });
  return { low, high };
}

/** The initial points (default: the midpoint of the box), each inside the box. */
function checkInitPoints(value: unknown, low: Float64Array, high: Float64Array): Float64Array[] {
  if (value === undefined) return [low.map((lo, j) => (lo + high[j]) / 2)];
  if (!Array.isArray(value) || value.length === 0) throw new TypeError("initPoints must be a non-empty array of points");
  return value.map((p: unknown, i) => {
    const x = finiteVector(`initPoints[${i}]`, p, low.length);
    x.forEach((v, j) => {
      if (v < low[j] || v > high[j]) throw new ValueError(`initPoints[${i}][${j}] = ${v} is out of bounds [${low[j]}, ${high[j]}]`);
    });
    return x;
  });
}

/** Rows → one row-major matrix. */
function stack(rows: Float64Array[], dim: number): Float64Array {
  const out = new Float64Array(rows.length * dim);
  rows.forEach((r, i) => out.set(r, i * dim));
  return out;
}
