/**
 * The Optimization tab's fit (hnn-core 0.6.1 GUI's `run_opt_button_clicked`): the public
 * `Optimizer` on this page's network with the tab's choices. The solver runs on the main thread in
 * short steps between simulations; every simulation runs in the Web Workers (simulateDipole's
 * pool), so the page stays responsive. Progress (iteration, best objective) and the convergence
 * figure follow every iteration; Cancel aborts the fit's simulations. When the fit ends, the fitted
 * network is simulated once more (as hnn-core's GUI does) and kept as a run, drawn against the
 * target; Apply writes the fitted values into the workbench's network.
 */
import { Dipole, Optimizer, generateOptHistoryTable, readNetworkConfiguration, setParamPaths, writeNetworkConfiguration, type OptResult, type OptimizerProgress, type SolverName } from "../../bindings/index";
import { plotConvergence, plotDipole, type Figure } from "../../bindings/viz/index";
import { ensureEngine, simulate } from "../sim/simulate";
import { runAverage, type Run } from "../figures";
import { DEFAULT_RANGE, fitSetup, fittableParams, type RangeChoice } from "./fitParams";
import type { HnnWorkbench } from "../workbench";

/** The objectives the tab offers (hnn-core GUI's dipole objectives). */
export const OBJECTIVE_NAMES = { dipole_rmse: "dipole_rmse (RMSE)", dipole_corr: "dipole_corr (1 − correlation)" } as const;
type ObjectiveName = keyof typeof OBJECTIVE_NAMES;
/** The solvers, hnn-core GUI's order. */
export const SOLVER_NAMES: readonly SolverName[] = ["bayesian", "cobyla", "cma"];

/** The tab's settings besides the Simulation tab's (tstop, dt, trials, smoothing, scaling, workers are shared, as hnn-core's GUI links them). */
export interface FitChoices {
  objFun: ObjectiveName;
  solver: SolverName;
  maxIter: number;
  /** CMA-ES: candidates per generation, initial step (fraction of each range), seed. */
  popsize: number;
  sigma0: number;
  seed: number;
}

/** hnn-core GUI's defaults (objective dipole_rmse, solver bayesian, 5 iterations; CMA's popsize 16, sigma0 0.25, seed 123). */
const DEFAULT_FIT_CHOICES: FitChoices = { objFun: "dipole_rmse", solver: "bayesian", maxIter: 5, popsize: 16, sigma0: 0.25, seed: 123 };

/** A finished fit. */
export interface FitResult {
  /** Fitted value of every fitted parameter path. */
  params: Record<string, number>;
  /** The values it started from. */
  initialParams: Record<string, number>;
  /** The lowest objective after each iteration (`Optimizer.obj_`). */
  obj: number[];
  /** The fitted network's run, kept with the workbench's runs. */
  run: Run;
  targetName: string;
}

/** Where a target comes from: the loaded data file or a kept run (its trial average, smoothed and scaled as set). */
export function targetOptions(wb: HnnWorkbench): Record<string, string> {
  const out: Record<string, string> = {};
  if (wb.data) out.data = `data: ${wb.data.name}`;
  wb.runs.forEach((r, k) => (out[`run:${k}`] = r.label));
  return out;
}

/** Fit state of one workbench. */
export class FitSession {
  choices: FitChoices = { ...DEFAULT_FIT_CHOICES };
  /** Parameter path → fitted or not and its range in %. */
  ranges: Record<string, RangeChoice> = {};
  /** The chosen target ({@link targetOptions}' key), or "" for the first one offered. */
  target = "";
  /** Progress of the running or last fit. */
  progress: OptimizerProgress | null = null;
  /** The lowest objective after each iteration so far. */
  history: number[] = [];
  convergence: Figure | null = null;
  result: FitResult | null = null;
  /** Finished fits (hnn-core's `opt_results`), for the history file. */
  readonly finished: OptResult[] = [];
  /** The fitted dipole against the target. */
  comparison: Figure | null = null;
  private controller: AbortController | null = null;

  get running(): boolean {
    return this.controller !== null;
  }

  /** The range choice of a parameter path (hnn-core's default until changed). */
  range(path: string): RangeChoice {
    return this.ranges[path] ?? DEFAULT_RANGE;
  }

  setRange(path: string, patch: Partial<RangeChoice>): void {
    this.ranges = { ...this.ranges, [path]: { ...this.range(path), ...patch } };
  }

  /** The target's key: the chosen one while it exists, else the data file, else the latest run; null when there is none. */
  targetKey(wb: HnnWorkbench): string | null {
    const keys = Object.keys(targetOptions(wb));
    if (keys.includes(this.target)) return this.target;
    return keys.includes("data") ? "data" : (keys.at(-1) ?? null);
  }

  private targetDipole(wb: HnnWorkbench, key: string): Dipole {
    if (key === "data") return wb.data!.dipole;
    return runAverage(wb.runs[Number(key.slice(4))]!, wb.state.settings);
  }

  /** Runs the fit; the outcome is said in the status line. */
  async run(wb: HnnWorkbench): Promise<void> {
    if (this.running || wb.progress !== null) return;
    const key = this.targetKey(wb);
    if (key === null) return wb.say("no target: load a dipole data file or run a simulation first", true);
    let setup;
    try {
      setup = fitSetup(fittableParams(wb.net), this.ranges);
    } catch (e) {
      return wb.say((e as Error).message, true);
    }
    const c = this.choices;
    const s = wb.state.settings;
    const target = this.targetDipole(wb, key);
    const targetName = targetOptions(wb)[key]!;
    this.target = key; // kept: the fitted run joins the runs, and the latest run is not the target then
    const controller = new AbortController();
    this.controller = controller;
    this.progress = null;
    this.history = [];
    this.convergence = null;
    this.result = null;
    this.comparison = null;
    wb.say(`optimizing ${Object.keys(setup.constraints).join(", ")} against ${targetName}…${setup.skipped.length ? ` (left out, value 0: ${setup.skipped.join(", ")})` : ""}`);
    let evaluations = 0;
    let best = Infinity;
    try {
      await ensureEngine(wb.engineUrl);
      const opt = new Optimizer(readNetworkConfiguration(wb.state.networkJson), {
        tstop: s.tstopMs, constraints: setup.constraints, setParams: setParamPaths, initialParams: setup.initialParams, solver: c.solver, objFun: c.objFun, maxIter: c.maxIter,
      });
      await opt.fit({
        target, nTrials: s.nTrials, scaleFactor: s.scaleFactor, smoothWindowLen: s.smoothWinMs > 0 ? s.smoothWinMs : undefined, dt: s.dtMs, nJobs: s.nJobs,
        popsize: c.popsize, sigma0: c.sigma0, seed: c.seed, signal: controller.signal,
        onProgress: (p) => {
          this.progress = p;
          evaluations = p.evaluations;
          best = p.bestObjective;
          this.history = [...this.history, p.bestObjective];
          this.convergence = plotConvergence(this.history, { width: 460, height: 260 });
          wb.requestUpdate();
        },
      });
      const names = Object.keys(setup.constraints);
      const params = Object.fromEntries(names.map((n, i) => [n, opt.optParams_![i]!]));
      const r = await simulate(writeNetworkConfiguration(opt.net_!), { tstopMs: s.tstopMs, dtMs: s.dtMs, nTrials: s.nTrials, nJobs: s.nJobs }, wb.engineUrl, undefined, controller.signal);
      const run: Run = { label: `optimized ${this.finished.length + 1}`, ...r };
      wb.runs = [...wb.runs, run];
      this.result = { params, initialParams: setup.initialParams, obj: opt.obj_, run, targetName };
      this.comparison = this.compare(wb, target, targetName, run);
      this.finished.push({ initialParams: setup.initialParams, optParams: opt.optParams_!, objValues: opt.obj_, solver: c.solver, objFun: c.objFun, maxIter: c.maxIter, targetData: targetName, nTrials: s.nTrials });
      wb.say(`optimization done: ${evaluations} simulations, best ${c.objFun} ${best.toPrecision(6)}; Apply writes the fitted values into the network`);
    } catch (e) {
      if (controller.signal.aborted) wb.say("optimization cancelled");
      else wb.say(`the optimization failed: ${(e as Error).message}`, true);
    } finally {
      this.controller = null;
      wb.requestUpdate();
    }
  }

  cancel(): void {
    this.controller?.abort();
  }

  /** The fitted run's dipole (processed as set) against the target. */
  private compare(wb: HnnWorkbench, target: Dipole, targetName: string, run: Run): Figure {
    const fitted = runAverage(run, wb.state.settings);
    const t = target.copy();
    t.scaleApplied = fitted.scaleApplied; // the target is in the units the simulation is shown in
    return plotDipole([fitted, t], { labels: [run.label, `target: ${targetName}`], title: "Fitted dipole and target", width: 460, height: 260 });
  }

  /** Writes the fitted values into the workbench's network (its other edits since the fit are kept). */
  apply(wb: HnnWorkbench): void {
    if (!this.result) return;
    try {
      const net = wb.net.copy();
      setParamPaths(net, this.result.params);
      wb.setNetwork(net, wb.state.networkSource);
      wb.say(`applied: ${Object.entries(this.result.params).map(([p, v]) => `${p} = ${v.toPrecision(6)}`).join(", ")}`);
    } catch (e) {
      wb.say(`could not apply the fit: ${(e as Error).message}`, true);
    }
  }

  /** hnn-core's optimization history report of the finished fits. */
  historyText(): string {
    return generateOptHistoryTable(this.finished, new Date().toISOString().slice(0, 19).replace("T", " "));
  }
}
