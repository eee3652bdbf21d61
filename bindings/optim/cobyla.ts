/**
 * Powell's COBYLA2 (Constrained Optimization BY Linear Approximations), the algorithm of scipy ≤ 1.15's
 * `fmin_cobyla` and what hnn-core 0.6.1 calls for `solver='cobyla'` and in `optimize_evoked`. This
 * file is scipy's interface (`_cobyla_py.py`) and the evaluations; the iteration (cobyla2.f's
 * COBYLB) is ./cobylaSimplex.ts, its subproblem (trstlp.f) ./cobylaTrstlp.ts.
 *
 * The objective and the constraints are interpolated linearly on a simplex of n + 1 points of
 * size ρ; each iteration either steps to the minimiser of the linear models within a trust
 * region of radius ρ (merit function f + μ·max violation) or moves a vertex to keep the simplex
 * well shaped; ρ is halved from `rhobeg` to `rhoend`. The operations are those of the Fortran in
 * its order, so the points evaluated and their order are scipy's. The objective may return a
 * Promise (simulations in a worker pool): evaluations stay sequential, each awaited.
 */

import { Cobylb, Step } from "./cobylaSimplex";
import { describe, ValueError } from "../util/validate";

/** An objective of the variables (may be async). */
export type CobylaObjective = (x: number[]) => number | Promise<number>;
/** An inequality constraint, feasible where every value it returns is ≥ 0 (may be async). */
export type CobylaConstraint = (x: number[]) => number | readonly number[] | Promise<number | readonly number[]>;

/** Options of {@link fminCobyla}, with scipy's defaults. */
export interface CobylaOptions {
  /** Initial size of the simplex, about a tenth of the expected change of the variables (1.0). */
  rhobeg?: number;
  /** Final accuracy, a lower bound on ρ (1e-4). */
  rhoend?: number;
  /** Most objective evaluations (1000). */
  maxfun?: number;
  /** Largest constraint violation still counted as success (2e-4). */
  catol?: number;
  /** Called with a copy of the variables after each evaluation but the first, and at the end. */
  callback?: (x: number[]) => void;
  /** Stops the minimisation before the next evaluation (the promise rejects with the signal's reason). */
  signal?: AbortSignal;
}

/** What {@link minimizeCobyla} returns (scipy's `OptimizeResult` of `minimize(method='COBYLA')`). */
export interface CobylaResult {
  /** The solution. */
  x: number[];
  /** The objective at x. */
  fun: number;
  /** 1 converged, 2 maxfun reached, 3 rounding errors, 4 constraints violated by more than catol, 5 NaN. */
  status: 1 | 2 | 3 | 4 | 5;
  /** status === 1. */
  success: boolean;
  /** scipy's message for the status. */
  message: string;
  /** Number of objective evaluations. */
  nfev: number;
  /** Largest constraint violation at x. */
  maxcv: number;
}

const MESSAGES = {
  1: "Optimization terminated successfully.",
  2: "Maximum number of function evaluations has been exceeded.",
  3: "Rounding errors are becoming damaging in COBYLA subroutine.",
  4: "Did not converge to a solution satisfying the constraints. See `maxcv` for magnitude of violation.",
  5: "NaN result encountered.",
} as const;

/** A positive finite number option. */
function checkPositive(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new ValueError(`${name} must be a positive number, got ${describe(value)}`);
  }
  return value;
}

/** The constraint values at x, checked against the expected count. */
async function constraintValues(cons: readonly CobylaConstraint[], x: number[]): Promise<number[]> {
  const out: number[] = [];
  for (const c of cons) {
    const v = await c(x.slice());
    if (typeof v === "number") out.push(v);
    else if (Array.isArray(v) && v.every((e) => typeof e === "number")) out.push(...v);
    else throw new TypeError(`a constraint must return a number or an array of numbers, got ${describe(v)}`);
  }
  return out;
}

/**
 * Minimise `func` subject to `cons(x) ≥ 0` with COBYLA and return scipy's `OptimizeResult` fields
 * (`scipy.optimize.minimize(method='COBYLA')` of scipy ≤ 1.15, its Fortran COBYLA2).
 * @param func the objective; may return a Promise.
 * @param x0 the starting point.
 * @param cons one constraint function or a list of them; each returns a number or an array of
 *   numbers, every one ≥ 0 where x is feasible. Evaluated once at x0 first, as scipy does.
 * @param opts rhobeg, rhoend, maxfun, catol, callback, signal.
 */
export async function minimizeCobyla(
  func: CobylaObjective,
  x0: ArrayLike<number>,
  cons: CobylaConstraint | readonly CobylaConstraint[] = [],
  opts: CobylaOptions = {},
): Promise<CobylaResult> {
  if (typeof func !== "function") throw new TypeError(`func must be callable, got ${describe(func)}`);
  const consList = typeof cons === "function" ? [cons] : cons;
  if (!Array.isArray(consList) || consList.some((c) => typeof c !== "function")) {
    throw new TypeError("cons must be a sequence of callable functions or a single callable function.");
  }
  const start = Array.from(x0 ?? [], Number);
  if (start.length === 0 || start.some((v) => !Number.isFinite(v))) {
    throw new ValueError(`x0 must be a non-empty array of finite numbers, got ${describe(x0)}`);
  }
  const rhobeg = checkPositive("rhobeg", opts.rhobeg ?? 1.0);
  const rhoend = checkPositive("rhoend", opts.rhoend ?? 1e-4);
  const catol = opts.catol ?? 2e-4;
  if (typeof catol !== "number" || !(catol >= 0)) throw new ValueError(`catol must be a non-negative number, got ${describe(catol)}`);
  const maxfun = opts.maxfun ?? 1000;
  if (!Number.isInteger(maxfun) || maxfun < 1) throw new ValueError(`maxfun must be a positive integer, got ${describe(maxfun)}`);
  const { callback, signal } = opts;
  const m = (await constraintValues(consList, start)).length;
  const s = new Cobylb(start.length, m, start, rhoend, maxfun, rhobeg);
  const current = (): number[] => Array.from(s.x);

  let step = Step.Evaluate;
  while (step !== Step.Return) {
    switch (step) {
      case Step.Evaluate: {
        if (s.nfvals > 0) callback?.(current());
        if (s.nfvals >= s.maxfun) {
          s.status = 2;
          step = Step.ReturnBest;
          break;
        }
        signal?.throwIfAborted();
        s.nfvals++;
        const f = await func(current());
        if (typeof f !== "number") throw new TypeError(`func must return a number, got ${describe(f)}`);
        s.f = f;
        const c = await constraintValues(consList, current());
        if (c.length !== m) throw new ValueError(`the constraints returned ${c.length} values at x, ${m} at x0`);
        s.con.set(c);
        step = s.afterEvaluation();
        break;
      }
      case Step.SelectVertex:
        step = s.selectVertex();
        break;
      case Step.TrustRegion:
        step = s.trustRegion();
        break;
      case Step.AfterTrial:
        step = s.afterTrial();
        break;
      case Step.ReduceRho:
        step = s.reduceRho();
        break;
      case Step.ReturnBest:
        s.returnBest();
        step = Step.Return;
        break;
    }
  }
  const x = current();
  callback?.(x.slice());
  const status = s.resmax > catol ? 4 : s.status;
  return { x, fun: s.f, status, success: status === 1, message: MESSAGES[status], nfev: s.nfvals, maxcv: s.resmax };
}

/**
 * scipy's `fmin_cobyla(func, x0, cons, rhobeg=1.0, rhoend=1e-4, maxfun=1000, catol=2e-4)`:
 * minimise `func` subject to every constraint being ≥ 0 with Powell's COBYLA2; resolves to the
 * solution. {@link minimizeCobyla} gives the evaluations, status and violation too.
 */
export async function fminCobyla(
  func: CobylaObjective,
  x0: ArrayLike<number>,
  cons: CobylaConstraint | readonly CobylaConstraint[],
  opts: CobylaOptions = {},
): Promise<number[]> {
  return (await minimizeCobyla(func, x0, cons, opts)).x;
}
