/**
 * hnn-core 0.6.1 `BatchSimulate` (batch_simulate.py): simulate a network for every parameter set
 * of a grid, in batches of `batchSize`, optionally saving each batch to a file and reducing it
 * with a summary function. Parallelism is the worker pool: with `nJobs` N, N simulations run at
 * once, each on one worker (a trial is never split across workers). Each simulation is a plain
 * {@link BatchJob} run by {@link runBatchJob}; `setParams`, a function, runs here on a copy of the
 * network, and the job carries the resulting network configuration. With `backend` (jobBackend.ts),
 * the jobs run there instead (e.g. on a Redis queue served by workers on other machines).
 */
import type { Dipole } from "../analysis/dipole";
import { neymotin2020Model } from "../model/models";
import { Network } from "../model/network";
import type { RecordOption } from "../simulate/runTrial";
import type { SimulationProgress } from "../simulate/simulateDipole";
import { checkBool, checkFinite, checkOption, typeError, ValueError } from "../util/validate";
import { dipoleFromData, hashedNetworkConfig, runBatchJob, type BatchJob, type HashedConfig, type JobResult, type RunJobOptions } from "./batchJob";
import { resolveBackend, type JobBackend, type QueueProgress, type QueueSpec } from "./jobBackend";
import { loadResultsFile, resultFiles, saveResultsFile, SAVED_KINDS, type LoadedResults, type SavedKind, type SimOutputs } from "./batchFiles";
import { paramCombinations, setParamPaths, type ParamGrid, type ParamValues } from "./paramPaths";

/** A user function that sets a parameter set on a network (hnn-core's `set_params`). */
export type SetParams = (net: Network, params: ParamValues) => void;

/** One simulation's result (hnn-core's dict: `net`, `param_values`, `dpl`, `spiking`, ...). */
export type BatchResult = SimOutputs & {
  /** The network as simulated: a copy of `net` with the parameter set applied (no cellResponse). */
  net: Network;
  paramValues: ParamValues;
  /** With a backend: why the simulation failed (it then has no outputs); the others still ran. */
  error?: string;
};

/** A summary function (hnn-core's `summary_func`): a batch's results -> its summary statistics. */
export type SummaryFunc = (results: BatchResult[]) => unknown;

/** Options of {@link BatchSimulate} (hnn-core's keyword arguments in camelCase, with its defaults). */
export interface BatchSimulateOptions {
  /**
   * Sets a parameter set on a copy of the network: `(net, params) => void`. Omitted or null: the
   * grid's keys are parameter paths (`drives.evprox1.mu`, ...; see paramPaths.ts), set for you.
   * (hnn-core's docstring names the order (net, params) but its code calls set_params(params, net).)
   */
  setParams?: SetParams | null;
  /** The network to copy for each simulation. Default `neymotin2020Model()`. */
  net?: Network;
  /** Simulation end (ms). Default 170. */
  tstop?: number;
  /** Time step (ms). Default 0.025. */
  dt?: number;
  /** Trials per simulation. Default 1. */
  nTrials?: number;
  /** Folder of the result files. Default './sim_results'. */
  saveFolder?: string;
  /** Most simulations per batch (and per file). Default 100. */
  batchSize?: number;
  /** Overwrite existing result files. Default true. */
  overwrite?: boolean;
  /** Save each batch to `saveFolder/sim_run_<start>-<end>.json` (batchFiles.ts). Default false. */
  saveOutputs?: boolean;
  /** Keep (and save) the dipoles. Default true. */
  saveDpl?: boolean;
  /** Keep (and save) the spikes. Default false. */
  saveSpiking?: boolean;
  /** Electrode-array (LFP) data: not computed by hnn-wasm yet, so only false is accepted. */
  saveLfp?: boolean;
  /** Keep (and save) cellResponse.vsec (needs recordVsec). Default false. */
  saveVoltages?: boolean;
  /** Keep (and save) cellResponse.isec (needs recordIsec). Default false. */
  saveCurrents?: boolean;
  recordVsec?: RecordOption;
  recordIsec?: RecordOption;
  /** Smooth and scale the dipoles with the network's dipole_smooth_win / dipole_scalefctr. */
  postproc?: boolean;
  /** Drop each batch's results once saved and summarised. Default false. */
  clearCache?: boolean;
  /** Called with each batch's results; its return values make `summaryStatistics`. */
  summaryFunc?: SummaryFunc | null;
}

/** Progress of a batch run. */
export interface BatchProgress {
  /** Simulations finished. */
  done: number;
  total: number;
  /** Share of the simulated time done, running simulations included (0 .. 1). */
  fraction: number;
  /** With a backend: its view of the batch (failed, waiting, rate, ETA). */
  queue?: QueueProgress;
}

/** Options of {@link BatchSimulate.simulateBatch}. */
export interface SimulateBatchOptions {
  /** Simulations at once, each on one worker. Default 1 (in Node: this thread). */
  nJobs?: number;
  /** Cancels: running simulations end and the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  onProgress?: (p: BatchProgress) => void;
}

/** Options of {@link BatchSimulate.run}. */
export interface BatchRunOptions extends SimulateBatchOptions {
  /** Return the results. Default true. */
  returnOutput?: boolean;
  /** Cartesian product of the grid (true, default) or its values side by side (false). */
  combinations?: boolean;
  /**
   * Run the simulations on a backend instead of this process's pool (nJobs is then unused):
   * a {@link JobBackend}, or `{ queue: "redis://127.0.0.1:6379", name: "hnn" }` (Node entry).
   * The whole grid is one batch there; a failed simulation's result holds its `error`.
   */
  backend?: JobBackend | QueueSpec;
  /** With a backend: called with the batch's ID once submitted (to re-attach to it later). */
  onSubmitted?: (batchId: string) => void;
  /** With a backend: plain JSON stored with the batch, returned to whoever re-attaches. */
  batchMeta?: unknown;
}

/** What {@link BatchSimulate.run} returns (hnn-core's dict). */
export interface BatchRunResult {
  /** One entry per batch: what `summaryFunc` returned (empty without one). */
  summaryStatistics: unknown[];
  /** One list of results per batch; absent with `clearCache`. */
  simulatedData?: BatchResult[][];
}

const RECORD: RecordOption[] = ["all", "soma", false];

function positive(name: string, value: unknown): number {
  const x = checkFinite(name, value);
  if (x <= 0) throw new ValueError(`${name} must be positive, got ${x}`);
  return x;
}

function positiveInt(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value)) throw typeError(name, "int", value);
  if (value < 1) throw new ValueError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/** A job's result as a BatchResult of `net` (Dipole objects for the dipoles). */
function toBatchResult(net: Network, out: JobResult): BatchResult {
  const { index: _index, params, dpl, ...rest } = out;
  return { net, paramValues: params, ...rest, ...(dpl === undefined ? {} : { dpl: dpl.map(dipoleFromData) as Dipole[] }) };
}

/** hnn-core `BatchSimulate`. */
export class BatchSimulate {
  readonly setParams: SetParams | null;
  readonly net: Network;
  readonly tstop: number;
  readonly dt: number;
  readonly nTrials: number;
  readonly saveFolder: string;
  readonly batchSize: number;
  readonly overwrite: boolean;
  readonly saveOutputs: boolean;
  readonly recordVsec: RecordOption;
  readonly recordIsec: RecordOption;
  readonly postproc: boolean;
  readonly clearCache: boolean;
  readonly summaryFunc: SummaryFunc | null;
  /** The outputs kept (and saved), from saveDpl, saveSpiking, saveLfp, saveVoltages, saveCurrents. */
  readonly kinds: readonly SavedKind[];

  /** @throws TypeError / ValueError with hnn-core's wording for a bad option. */
  constructor(opts: BatchSimulateOptions = {}) {
    if (typeof opts !== "object" || opts === null) throw typeError("opts", "dict", opts);
    const net = opts.net ?? neymotin2020Model();
    if (!(net instanceof Network)) throw typeError("net", "Network", net);
    this.net = net;
    this.tstop = positive("tstop", opts.tstop ?? 170);
    this.dt = positive("dt", opts.dt ?? 0.025);
    this.nTrials = positiveInt("nTrials", opts.nTrials ?? 1);
    const folder = opts.saveFolder ?? "./sim_results";
    if (typeof folder !== "string") throw typeError("saveFolder", "path-like", folder);
    this.saveFolder = folder;
    this.batchSize = positiveInt("batchSize", opts.batchSize ?? 100);
    this.overwrite = checkBool("overwrite", opts.overwrite ?? true);
    this.saveOutputs = checkBool("saveOutputs", opts.saveOutputs ?? false);
    const save: Record<SavedKind, boolean> = {
      dpl: checkBool("saveDpl", opts.saveDpl ?? true),
      spiking: checkBool("saveSpiking", opts.saveSpiking ?? false),
      lfp: checkBool("saveLfp", opts.saveLfp ?? false),
      voltages: checkBool("saveVoltages", opts.saveVoltages ?? false),
      currents: checkBool("saveCurrents", opts.saveCurrents ?? false),
    };
    this.kinds = SAVED_KINDS.filter((k) => save[k]);
    this.recordVsec = checkOption("recordVsec", opts.recordVsec ?? false, RECORD);
    this.recordIsec = checkOption("recordIsec", opts.recordIsec ?? false, RECORD);
    this.postproc = checkBool("postproc", opts.postproc ?? false);
    this.clearCache = checkBool("clearCache", opts.clearCache ?? false);
    const { setParams = null, summaryFunc = null } = opts;
    if (setParams !== null && typeof setParams !== "function") throw new TypeError("setParams must be a callable function");
    if (summaryFunc !== null && typeof summaryFunc !== "function") throw new TypeError("summaryFunc must be a callable function");
    this.setParams = setParams;
    this.summaryFunc = summaryFunc;
  }

  /**
   * hnn-core `run(param_grid, return_output, combinations, n_jobs)`: every parameter set of the
   * grid, in batches of `batchSize` (each saved if `saveOutputs`, summarised if `summaryFunc`).
   * @returns the summaries and (unless `clearCache`) the results; undefined with `returnOutput: false`.
   */
  async run(paramGrid: ParamGrid, opts: BatchRunOptions = {}): Promise<BatchRunResult | undefined> {
    const returnOutput = checkBool("returnOutput", opts.returnOutput ?? true);
    const sets = paramCombinations(paramGrid, checkBool("combinations", opts.combinations ?? true));
    const total = sets.length;
    const batchSize = Math.min(this.batchSize, total);
    const summaryStatistics: unknown[] = [];
    const simulatedData: BatchResult[][] = [];
    const all = opts.backend === undefined ? null : await this.simulateOnBackend(sets, opts.backend, opts);
    for (let start = 0; start < total; start += batchSize) {
      const end = Math.min(start + batchSize, total);
      const onProgress = opts.onProgress && ((p: BatchProgress) => opts.onProgress!({ done: start + p.done, total, fraction: (start + p.fraction * (end - start)) / total }));
      const results = all?.slice(start, end) ?? (await this.simulateBatch(sets.slice(start, end), { ...opts, onProgress }));
      if (this.saveOutputs) this.save(results, start, end);
      if (this.summaryFunc !== null) summaryStatistics.push(this.summaryFunc(results));
      if (!this.clearCache) simulatedData.push(results);
    }
    if (!returnOutput) return undefined;
    return this.clearCache ? { summaryStatistics } : { summaryStatistics, simulatedData };
  }

  /**
   * hnn-core `simulate_batch(param_combinations, n_jobs)`: simulates the parameter sets, `nJobs`
   * at a time, and returns their results in order. A failing simulation stops the others and its
   * error is thrown. Parameter paths (no setParams) are checked before anything runs.
   */
  async simulateBatch(paramCombinations: ParamValues[], opts: SimulateBatchOptions = {}): Promise<BatchResult[]> {
    if (!Array.isArray(paramCombinations)) throw typeError("paramCombinations", "list", paramCombinations);
    const nJobs = positiveInt("nJobs", opts.nJobs ?? 1);
    const { signal } = opts;
    if (signal !== undefined && !(signal instanceof AbortSignal)) throw new TypeError(`signal must be an AbortSignal, got ${String(signal)}`);
    signal?.throwIfAborted();
    const base = this.setParams === null ? await this.checkPaths(paramCombinations) : null;
    // Ends the other simulations when one fails or the caller aborts.
    const stop = new AbortController();
    const onAbort = (): void => stop.abort(signal!.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    const total = paramCombinations.length;
    const reached = new Map<number, number[]>();
    let done = 0;
    const report = (): void => {
      const running = [...reached.values()].reduce((s, trials) => s + trials.reduce((a, b) => a + b, 0), 0) / (this.tstop * this.nTrials);
      opts.onProgress?.({ done, total, fraction: (done + running) / Math.max(1, total) });
    };
    const results: BatchResult[] = new Array(total);
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < total && !stop.signal.aborted) {
        const k = next++;
        reached.set(k, new Array<number>(this.nTrials).fill(0));
        const onProgress = opts.onProgress && ((p: SimulationProgress) => ((reached.get(k)![p.trial] = p.tMs), report()));
        // A signal per simulation: the pool leaves a listener on each signal it is given.
        const job = new AbortController();
        const link = (): void => job.abort(stop.signal.reason);
        stop.signal.addEventListener("abort", link, { once: true });
        try {
          results[k] = await this.runOne(k, paramCombinations[k], base, { nJobs, signal: job.signal, onProgress });
        } catch (e) {
          stop.abort(e);
          throw e;
        } finally {
          stop.signal.removeEventListener("abort", link);
        }
        reached.delete(k);
        done++;
        report();
      }
    };
    try {
      const lanes = await Promise.allSettled(Array.from({ length: Math.min(nJobs, total) }, lane));
      if (lanes.some((l) => l.status === "rejected")) throw stop.signal.reason;
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
    return results;
  }

  /** Sets every parameter set's paths on a copy of the network (so a bad path fails first); the network's configuration. */
  private async checkPaths(sets: ParamValues[]): Promise<HashedConfig> {
    const scratch = this.net.copy();
    for (const params of sets) setParamPaths(scratch, params);
    return hashedNetworkConfig(this.net);
  }

  /**
   * Every parameter set as a job on `spec`'s backend, one batch there; the results in order (a
   * failed job's with its `error`). Paths are checked first, as in {@link simulateBatch}.
   */
  private async simulateOnBackend(sets: ParamValues[], spec: JobBackend | QueueSpec, opts: BatchRunOptions): Promise<BatchResult[]> {
    const base = this.setParams === null ? await this.checkPaths(sets) : null;
    const built = await Promise.all(sets.map((params, k) => this.buildJob(k, params, base)));
    const configs = new Map(built.map(({ config }) => [config.hash, config]));
    const { backend, owned } = await resolveBackend(spec);
    try {
      const onProgress = opts.onProgress && ((q: QueueProgress) => opts.onProgress!({ done: q.done + q.failed, total: q.total, fraction: (q.done + q.failed) / Math.max(1, q.total), queue: q }));
      const jobs = built.map(({ job }) => job);
      const { outcomes } = await backend.runJobs({ jobs, configs: [...configs.values()], meta: opts.batchMeta }, { signal: opts.signal, onProgress, onSubmitted: opts.onSubmitted });
      return outcomes.map((o, k) => (o.ok ? toBatchResult(built[k].net, o.result) : { net: built[k].net, paramValues: sets[k], error: o.error }));
    } finally {
      if (owned) await backend.close();
    }
  }

  /** The job of parameter set `index`, run with {@link runBatchJob}; its result with Dipole objects. */
  private async runOne(index: number, params: ParamValues, base: HashedConfig | null, opts: RunJobOptions): Promise<BatchResult> {
    const { job, config, net } = await this.buildJob(index, params, base);
    return toBatchResult(net, await runBatchJob(job, config.config, opts));
  }

  /** Parameter set `index` as a job, the configuration it names and the network it describes. */
  private async buildJob(index: number, params: ParamValues, base: HashedConfig | null): Promise<{ job: BatchJob; config: HashedConfig; net: Network }> {
    const net = this.net.copy();
    if (this.setParams === null) setParamPaths(net, params);
    else this.setParams(net, params);
    const config = base ?? (await hashedNetworkConfig(net));
    const has = (k: SavedKind): boolean => this.kinds.includes(k);
    const job: BatchJob = {
      index,
      networkHash: config.hash,
      params,
      applyParamPaths: base !== null,
      tstop: this.tstop,
      dt: this.dt,
      nTrials: this.nTrials,
      recordVsec: this.recordVsec,
      recordIsec: this.recordIsec,
      postproc: this.postproc,
      outputs: { dpl: has("dpl"), spiking: has("spiking"), lfp: has("lfp"), voltages: has("voltages"), currents: has("currents") },
    };
    return { job, config, net };
  }

  /** hnn-core `_save`: writes results `startIdx` .. `endIdx - 1` to `saveFolder` (see batchFiles.ts). */
  save(results: BatchResult[], startIdx: number, endIdx: number): string {
    const metadata = { batchSize: this.batchSize, nTrials: this.nTrials, tstop: this.tstop, dt: this.dt };
    return saveResultsFile(this.saveFolder, results, startIdx, endIdx, this.kinds, metadata, this.overwrite);
  }

  /** hnn-core `load_results(file_path, return_data=None)`: `returnData` defaults to the kinds this batch keeps. */
  loadResults(filePath: string, returnData: readonly SavedKind[] = this.kinds): LoadedResults {
    for (const kind of returnData) checkOption("returnData", kind, SAVED_KINDS);
    return loadResultsFile(filePath, returnData);
  }

  /** hnn-core `load_all_results()`: every result file in `saveFolder`, by start index. */
  loadAllResults(): LoadedResults[] {
    return resultFiles(this.saveFolder).map((file) => this.loadResults(file));
  }
}
