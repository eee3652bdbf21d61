/**
 * hnn-core 0.6.1's legacy `optimize_evoked` (optimization/optimize_evoked.py): fit the timing (mu,
 * sigma) and synaptic weights of a network's evoked drives to a target dipole, chunk by chunk in
 * time with a weighted RMSE and COBYLA (./evokedChunks.ts), then all drives together with the plain
 * RMSE. It prints hnn-core's lines.
 *
 * As in hnn-core: every step starts COBYLA from the drives' original values (hnn-core recomputes the
 * last step's ranges from them); a step is kept when the RMSE of its last simulated dipole is no
 * worse than the best so far, and then the network keeps the last evaluated parameters.
 *
 * Differences from hnn-core, on purpose: each parameter is constrained to its own range (hnn-core's
 * constraint lambdas read the loop variable late, so all use the last parameter's range), and a
 * drive is updated in place (hnn-core deletes and re-adds it, which moves its gids to the end of the
 * network; the events of trial 0 are the same either way).
 */

import type { Network } from "../model/network";
import type { EvokedDynamics } from "../model/driveTypes";
import { averageDipoles, Dipole } from "../analysis/dipole";
import { simulateDipole } from "../simulate/simulateDipole";
import { minimizeCobyla } from "./cobyla";
import { rmse } from "./objectives";
import { evokedChunks, type EvokedChunk, type EvokedDriveParams } from "./evokedChunks";
import { formatFixed } from "../util/pyformat";
import { ValueError, describe, typeError } from "../util/validate";

/** Options of {@link optimizeEvoked} (hnn-core's arguments, camelCase). */
export interface OptimizeEvokedOptions {
  /** Simulation end (ms). */
  tstop: number;
  /** Trials simulated and averaged per evaluation. */
  nTrials: number;
  /** The dipole to fit. */
  targetDpl: Dipole;
  /** The dipole of the network as given (its RMSE is the one to beat). */
  initialDpl: Dipole;
  /** Simulations per step (default 50; raised to 12 when lower, 0 skips every step). */
  maxiter?: number;
  /** Timing range: mu ± sigma · this (default 3.0). */
  timingRangeMultiplier?: number;
  /** Sigma range, % of sigma (default 50.0). */
  sigmaRangeMultiplier?: number;
  /** Weight range, % of each weight (default 500.0). */
  synweightRangeMultiplier?: number;
  /** How much the later drives' CDFs lower a drive's weight function (default 1.6). */
  decayMultiplier?: number;
  /** Factor applied to every simulated trial (default 1.0). */
  scaleFactor?: number;
  /** Hamming smoothing window (ms) applied to every trial after scaling (default none). */
  smoothWindowLen?: number | null;
  /** Integration step (ms), default 0.025. */
  dt?: number;
  /** 'all' (default) or the names of the evoked drives to fit. */
  whichDrives?: "all" | readonly string[];
  /** Also return the plain RMSE of every simulation (hnn-core `return_rmse`). */
  returnRmse?: boolean;
  /** Workers for each simulation's trials (default 1). */
  nJobs?: number;
  /** Aborting it stops the fit; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Where hnn-core's printed lines go (default console.log; null: nowhere). */
  log?: ((line: string) => void) | null;
}

/** Python's `"%.2e" % x`. */
function pyExp2(x: number): string {
  const [mant, exp] = x.toExponential(2).split("e");
  const e = Number(exp);
  return `${mant}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
}

/** hnn-core `_get_drive_params`: mu, sigma and the `ampa_<type>` / `nmda_<type>` weights of each drive. */
function driveParams(net: Network, names: readonly string[]): EvokedDriveParams[] {
  return names.map((name) => {
    const drive = net.externalDrives[name];
    const dyn = drive.dynamics as EvokedDynamics;
    const weights: Record<string, number> = {};
    for (const c of net.connectivity) {
      if (c.srcType !== name) continue;
      // hnn-core leaves out the distal → L5_basket connection of legacy mode.
      if (drive.location === "distal" && c.targetType === "L5_basket") continue;
      if (c.receptor === "ampa" || c.receptor === "nmda") weights[`${c.receptor}_${c.targetType}`] = c.ncDict.A_weight;
    }
    return { name, mu: dyn.mu, sigma: dyn.sigma, weights };
  });
}

/** hnn-core `_optrun`'s drive update: mu, sigma and weights of the chunk's drives from `params` (negatives clipped to 0). */
function applyChunk(net: Network, chunk: EvokedChunk, x: readonly number[]): void {
  const params: Record<string, number> = {};
  Object.keys(chunk.ranges).forEach((key, i) => (params[key] = Math.max(0, x[i])));
  for (const name of chunk.inputs) {
    const drive = net.externalDrives[name];
    const dyn = drive.dynamics as EvokedDynamics;
    dyn.mu = params[`${name}_mu`];
    dyn.sigma = params[`${name}_sigma`];
    for (const c of net.connectivity) {
      const w = params[`${name}_gbar_${c.receptor}_${c.targetType}`];
      if (c.srcType !== name || w === undefined) continue;
      c.ncDict.A_weight = w;
      const key = c.receptor === "ampa" ? "weightsAmpa" : "weightsNmda";
      drive[key] = { ...(drive[key] ?? {}), [c.targetType]: w };
    }
  }
}

function checkOptions(net: Network, o: OptimizeEvokedOptions): void {
  if (typeof o !== "object" || o === null) throw new TypeError("optimizeEvoked options must be an object with { tstop, nTrials, targetDpl, initialDpl }");
  if (typeof net?.copy !== "function") throw typeError("net", "Network", net);
  if (typeof o.tstop !== "number" || !(o.tstop > 0)) throw new ValueError(`tstop must be a positive number (ms), got ${describe(o.tstop)}`);
  if (!Number.isInteger(o.nTrials) || o.nTrials < 1) throw new ValueError(`n_trials must be a positive integer, got ${describe(o.nTrials)}`);
  if (!(o.targetDpl instanceof Dipole)) throw typeError("target_dpl", "Dipole", o.targetDpl);
  if (!(o.initialDpl instanceof Dipole)) throw typeError("initial_dpl", "Dipole", o.initialDpl);
  const maxiter = o.maxiter ?? 50;
  if (!Number.isInteger(maxiter) || maxiter < 0) throw new ValueError(`maxiter must be a non-negative integer, got ${describe(maxiter)}`);
}

/** The evoked drives to fit: all, or those of `whichDrives` (sorted and unique, as numpy's `unique`). */
function selectDrives(net: Network, whichDrives: "all" | readonly string[]): string[] {
  const evoked = Object.keys(net.externalDrives).filter((k) => net.externalDrives[k].type === "evoked");
  if (evoked.length === 0) {
    throw new ValueError("The current Network instance lacks any evoked drives. Consider adding drives using net.add_evoked_drive");
  }
  if (whichDrives !== "all" && !Array.isArray(whichDrives)) throw new TypeError(`which_drives must be 'all' or a list of drive names, got ${describe(whichDrives)}`);
  const names = whichDrives === "all" ? evoked : [...new Set(whichDrives)].sort().filter((d) => evoked.includes(d));
  if (names.length === 0) throw new ValueError("The drives selected to be optimized are not evoked drives. Optimization works only evoked drives.");
  return names;
}

/**
 * Fits the evoked drives of `net` to `targetDpl` (hnn-core `optimize_evoked`; see the module notes).
 * `net` is not changed.
 * @returns the fitted network (a copy), and with `returnRmse` also the plain RMSE of every simulation.
 * @throws ValueError with hnn-core's messages when the network has no (selected) evoked drives.
 */
export async function optimizeEvoked(net: Network, opts: OptimizeEvokedOptions & { returnRmse: true }): Promise<[Network, number[]]>;
export async function optimizeEvoked(net: Network, opts: OptimizeEvokedOptions): Promise<Network>;
export async function optimizeEvoked(net: Network, opts: OptimizeEvokedOptions): Promise<Network | [Network, number[]]> {
  checkOptions(net, opts);
  const { tstop, nTrials, targetDpl, signal } = opts;
  const dt = opts.dt ?? 0.025;
  const scaleFactor = opts.scaleFactor ?? 1.0;
  const smooth = opts.smoothWindowLen ?? null;
  const log = opts.log === undefined ? (line: string) => console.log(line) : (opts.log ?? (() => {}));
  let maxiter = opts.maxiter ?? 50;
  let current = net.copy();
  const names = selectDrives(current, opts.whichDrives ?? "all");
  const chunks = evokedChunks(
    driveParams(current, names),
    tstop,
    dt,
    { timing: opts.timingRangeMultiplier ?? 3.0, sigma: opts.sigmaRangeMultiplier ?? 50.0, synweight: opts.synweightRangeMultiplier ?? 500.0 },
    opts.decayMultiplier ?? 1.6,
  );

  let bestRmse = rmse(opts.initialDpl, targetDpl, { tstop });
  let lastDpl = opts.initialDpl;
  const iterRmse: number[] = [];
  log(`Initial RMSE: ${pyExp2(bestRmse)}`);

  for (let step = 0; step < chunks.length; step++) {
    const chunk = chunks[step];
    if (maxiter === 0) {
      log(`Skipping optimization step ${step + 1} (0 simulations)`);
      continue;
    } else if (maxiter < 12) {
      log("'maxiter' must be at least 12 for optimization to run. Increasing 'maxiter' to 12.");
      maxiter = 12;
    }
    log(`Starting optimization step ${step + 1}/${chunks.length}`);
    const netOpt = current.copy();
    const window = `[${formatFixed(chunk.optStart, 3, 3)}-${formatFixed(chunk.optEnd, 3, 3)}] ms`;
    log(`Optimizing from ${window}`);
    let iteration = 0;
    const ranges = Object.values(chunk.ranges);
    const run = async (x: number[]): Promise<number> => {
      log(`Optimization step ${step + 1}, iteration ${iteration + 1}`);
      applyChunk(netOpt, chunk, x);
      const dpls = await simulateDipole(netOpt, { tstop, dt, nTrials, nJobs: opts.nJobs ?? 1, signal });
      for (const d of dpls) {
        d.scale(scaleFactor);
        if (smooth !== null) d.smooth(smooth);
      }
      const avg = averageDipoles(dpls);
      const weighted = rmse(avg, targetDpl, { tstart: chunk.optStart, tstop: chunk.optEnd, weights: chunk.weights });
      if (opts.returnRmse === true) iterRmse.push(rmse(avg, targetDpl, { tstart: chunk.optStart, tstop }));
      lastDpl = avg;
      log(`weighted RMSE: ${pyExp2(weighted)} over range ${window}`);
      iteration++;
      return weighted;
    };
    // hnn-core `_run_optimization`: fmin_cobyla(rhobeg 0.1, rhoend 1e-4, catol 0), two box constraints per parameter.
    const cons = ranges.flatMap((r, i) => [(x: number[]) => r.maxval - x[i], (x: number[]) => x[i] - r.minval]);
    await minimizeCobyla(run, ranges.map((r) => r.initial), cons, { rhobeg: 0.1, rhoend: 1e-4, maxfun: maxiter, catol: 0, signal });
    const stepRmse = rmse(lastDpl, targetDpl, { tstop });
    if (stepRmse <= bestRmse) {
      bestRmse = stepRmse;
      current = netOpt;
    }
  }
  log(`Final RMSE: ${pyExp2(bestRmse)}`);
  return opts.returnRmse === true ? [current, iterRmse] : current;
}
