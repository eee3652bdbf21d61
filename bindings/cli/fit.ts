/**
 * `hnn-wasm fit --network FILE --target DIPOLE.txt --params SPEC.json --solver cobyla|cma|bayesian
 * --max-iter N --out DIR`: fits the parameters SPEC.json names (parameter paths, ../batch/paramPaths.ts,
 * with bounds and optional initial values) to the target dipole with the {@link Optimizer}
 * ('dipole_rmse'), printing a progress line per iteration, and writes into DIR:
 * - `network.json`: the network with the fitted values (hnn-core's network configuration),
 * - `dipole_best.csv`: the trial average of the fitted network, scaled and smoothed as compared (`t,agg,L2,L5`),
 * - `history.csv`: every simulated parameter set and its RMSE, in completion order.
 * Drive events are regenerated from the network's seeds (a file's stored events belong to its own parameters).
 */
import { existsSync, readFileSync } from "node:fs";
import { Optimizer, type Constraints, type ParamValues, type SolverName } from "../optim/optimizer";
import { setParamPaths } from "../batch/paramPaths";
import { OutputBatch, prepareOutputDir } from "./outputFiles";
import { exitIfInterrupted, handleInterrupts } from "./interrupt";
import { readNetworkFile } from "../io/networkFile";
import { writeNetworkConfiguration } from "../io/networkJsonWrite";
import { dipoleCsv } from "../io/outputCsv";
import { averageDipoles, readDipole } from "../analysis/dipole";
import { simulateDipole } from "../simulate/simulateDipole";
import { ValueError } from "../util/validate";

/** The flags of `hnn-wasm fit`. */
export interface FitFlags {
  network: string;
  target: string;
  params: string;
  solver: SolverName;
  maxIter: number;
  out: string;
  overwrite?: boolean;
  tstop?: number;
  dt: number;
  trials: number;
  jobs: number;
  scaleFactor?: number;
  smoothWindowLen?: number;
  seed?: number;
}

/** The parsed SPEC.json: bounds per path, and the initial values when every path gives one. */
export interface FitSpec {
  constraints: Constraints;
  initialParams?: ParamValues;
}

const SPEC_EXAMPLE = '{"drives.evprox1.mu": {"bounds": [20, 30], "initial": 26}} or {"drives.evprox1.mu": [20, 30]}';

/**
 * Parses SPEC.json's text: parameter path → `[low, high]` or `{ "bounds": [low, high], "initial": x }`.
 * Initial values are used when every path has one (hnn-core's `initial_params` must name them all);
 * otherwise every parameter starts in the middle of its range.
 * @throws ValueError naming the file and the path at fault.
 */
export function parseFitSpec(text: string, file: string): FitSpec {
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch (e) {
    throw new ValueError(`params file ${file} is not JSON: ${(e as Error).message}`);
  }
  if (typeof spec !== "object" || spec === null || Array.isArray(spec) || Object.keys(spec).length === 0) {
    throw new ValueError(`params file ${file} must hold an object of parameter path -> bounds, e.g. ${SPEC_EXAMPLE}`);
  }
  const constraints: Record<string, [number, number]> = {};
  const initial: ParamValues = {};
  for (const [path, entry] of Object.entries(spec)) {
    const e = (Array.isArray(entry) ? { bounds: entry } : entry) as { bounds?: unknown; initial?: unknown } | null;
    const b = e?.bounds;
    if (!Array.isArray(b) || b.length !== 2 || !b.every((v) => typeof v === "number" && Number.isFinite(v)) || !(b[0] < b[1])) {
      throw new ValueError(`params file ${file}: '${path}' needs bounds [low, high] with low < high, e.g. ${SPEC_EXAMPLE}`);
    }
    constraints[path] = [b[0], b[1]];
    if (e!.initial !== undefined) {
      if (typeof e!.initial !== "number" || !Number.isFinite(e!.initial)) throw new ValueError(`params file ${file}: '${path}' initial must be a finite number`);
      initial[path] = e!.initial;
    }
  }
  const complete = Object.keys(initial).length === Object.keys(constraints).length;
  return complete ? { constraints, initialParams: initial } : { constraints };
}

function csvRow(values: (string | number)[]): string {
  return values.map((v) => (typeof v === "number" ? String(v) : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(",");
}

/** Runs `hnn-wasm fit` (see the module notes). */
export async function fitCommand(flags: FitFlags): Promise<void> {
  if (!existsSync(flags.params)) throw new Error(`params file not found: ${flags.params}`);
  const spec = parseFitSpec(readFileSync(flags.params, "utf8"), flags.params);
  prepareOutputDir(flags.out, flags.overwrite ?? false);
  const net = readNetworkFile(flags.network);
  const target = readDipole(flags.target);
  const tstop = flags.tstop ?? target.times[target.times.length - 1];
  // Bad paths fail here, before the first simulation.
  setParamPaths(net.copy(), Object.fromEntries(Object.entries(spec.constraints).map(([p, [lo, hi]]) => [p, (lo + hi) / 2])));
  const opt = new Optimizer(net, {
    tstop,
    constraints: spec.constraints,
    initialParams: spec.initialParams,
    setParams: setParamPaths,
    solver: flags.solver,
    maxIter: flags.maxIter,
  });
  const names = Object.keys(spec.constraints);
  const history = [csvRow(["evaluation", ...names, "rmse"])];
  const started = Date.now();
  const unit = flags.solver === "cma" ? "generation" : "iteration";
  const interrupts = handleInterrupts();
  await opt.fit({
    target,
    signal: interrupts.signal,
    nTrials: flags.trials,
    dt: flags.dt,
    nJobs: flags.jobs,
    scaleFactor: flags.scaleFactor,
    smoothWindowLen: flags.smoothWindowLen,
    seed: flags.seed,
    onEvaluation: (e) => history.push(csvRow([e.evaluation, ...names.map((n) => e.params[n]), e.objective])),
    onProgress: (p) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stderr.write(`fit ${unit} ${p.iteration}/${flags.maxIter}: ${p.evaluations} simulations, rmse ${p.objective.toPrecision(6)}, best ${p.bestObjective.toPrecision(6)} (${seconds} s)\n`);
    },
  }).catch((e: unknown) => {
    exitIfInterrupted(interrupts.signal);
    throw e;
  });
  const best = await simulateDipole(opt.net_!, { tstop, dt: flags.dt, nTrials: flags.trials, nJobs: flags.jobs, signal: interrupts.signal }).catch((e: unknown) => {
    exitIfInterrupted(interrupts.signal);
    throw e;
  });
  interrupts.dispose();
  for (const d of best) {
    if (flags.scaleFactor !== undefined) d.scale(flags.scaleFactor);
    if (flags.smoothWindowLen !== undefined) d.smooth(flags.smoothWindowLen);
  }
  const files = new OutputBatch(flags.out);
  files.write("network.json", writeNetworkConfiguration(opt.net_!));
  files.write("dipole_best.csv", dipoleCsv(averageDipoles(best)));
  files.write("history.csv", history.join("\n") + "\n");
  files.commit();
  const fitted = names.map((n, i) => `${n} = ${opt.optParams_![i]}`).join(", ");
  console.log(`fitted ${fitted}; best rmse ${opt.obj_[opt.obj_.length - 1]}; wrote network.json, dipole_best.csv, history.csv to ${flags.out}`);
}
