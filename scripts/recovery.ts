/**
 * Parameter recovery with the Optimizer (issue 11, "Done when"): jones2009's ERP network simulated
 * with its own drives is the target; three drive parameters (a timing, a sigma, a weight) are
 * perturbed by 20–40 % and fitted back with each solver. Prints, per solver, the evaluations, the
 * wall time, the initial and final RMSE and the recovered parameters against the true ones.
 * Run with `node scripts/recovery.mjs [tstopMs] [maxIter]` (defaults 100 ms, 30).
 */
import { jones2009Model } from "../bindings/model/models";
import { simulateDipole } from "../bindings/simulate/simulateDipole";
import { averageDipoles } from "../bindings/analysis/dipole";
import { rmse } from "../bindings/optim/objectives";
import { Optimizer, type FitOptions, type SolverName } from "../bindings/optim/optimizer";
import { setParamPaths } from "../bindings/batch/paramPaths";

/** The fitted parameters: true value, perturbation factor, bounds. */
const PARAMS: Record<string, { truth: number; factor: number; bounds: [number, number] }> = {
  "drives.evprox1.mu": { truth: 26.61, factor: 1.25, bounds: [18, 40] },
  "drives.evdist1.sigma": { truth: 3.85, factor: 1.3, bounds: [1.5, 8] },
  "drives.evdist1.weightsAmpa.L5_pyramidal": { truth: 0.1423, factor: 0.7, bounds: [0.05, 0.3] },
};
const SCALE = 3000;

/** One solver's outcome. */
export interface RecoveryRow {
  solver: SolverName;
  evaluations: number;
  wallS: number;
  initialRmse: number;
  finalRmse: number;
  recovered: Record<string, number>;
}

/** Runs the three fits and returns their rows (also printed as they finish). */
export async function main(tstop: number, maxIter: number): Promise<RecoveryRow[]> {
  const net = jones2009Model({ addDrivesFromParams: true });
  const truth = Object.fromEntries(Object.entries(PARAMS).map(([k, p]) => [k, p.truth]));
  const check = net.copy();
  setParamPaths(check, truth); // the true values are the model's own: the target is jones2009's ERP
  const target = (await simulateDipole(check, { tstop, nTrials: 1 }))[0].scale(SCALE);
  const initialParams = Object.fromEntries(Object.entries(PARAMS).map(([k, p]) => [k, p.truth * p.factor]));
  const constraints = Object.fromEntries(Object.entries(PARAMS).map(([k, p]) => [k, p.bounds]));
  const rows: RecoveryRow[] = [];
  const runs: [SolverName, number, Partial<FitOptions>][] = [
    ["cobyla", maxIter, {}],
    ["bayesian", maxIter, {}],
    ["cma", Math.ceil(maxIter / 8), { popsize: 8 }],
  ];
  for (const [solver, iters, extra] of runs) {
    const opt = new Optimizer(net, { tstop, constraints, setParams: setParamPaths, initialParams, solver, maxIter: iters });
    let evaluations = 0;
    let initialRmse = NaN;
    const t0 = Date.now();
    await opt.fit({
      target,
      scaleFactor: SCALE,
      ...extra,
      onEvaluation: (e) => {
        evaluations = e.evaluation;
        if (e.evaluation === 1) initialRmse = e.objective;
      },
      onProgress: (p) => process.stderr.write(`${solver} ${p.iteration}: ${p.evaluations} sims, best ${p.bestObjective.toFixed(4)} (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`),
    });
    const wallS = (Date.now() - t0) / 1000;
    const fitted = await simulateDipole(opt.net_!, { tstop, nTrials: 1 });
    const finalRmse = rmse(averageDipoles(fitted.map((d) => d.scale(SCALE))), target, { tstop });
    const recovered = Object.fromEntries(Object.keys(PARAMS).map((k, i) => [k, opt.optParams_![i]]));
    const row = { solver, evaluations, wallS, initialRmse, finalRmse, recovered };
    rows.push(row);
    console.log(JSON.stringify(row));
  }
  console.log(`| solver | evaluations | wall (s) | RMSE first → final | ${Object.keys(PARAMS).map((k) => `${k} (true ${PARAMS[k].truth}, start ${(PARAMS[k].truth * PARAMS[k].factor).toPrecision(4)})`).join(" | ")} |`);
  for (const r of rows) {
    console.log(`| ${r.solver} | ${r.evaluations} | ${r.wallS.toFixed(0)} | ${r.initialRmse.toFixed(3)} → ${r.finalRmse.toFixed(3)} | ${Object.values(r.recovered).map((v) => v.toPrecision(4)).join(" | ")} |`);
  }
  return rows;
}
