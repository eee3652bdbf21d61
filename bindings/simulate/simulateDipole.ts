/**
 * hnn-core's `simulate_dipole`: regenerate drive events for every trial, run each trial in a fresh
 * engine instance, and return one Dipole per trial while filling `net.cellResponse`.
 */
import { Dipole, baselineRenormalize } from "../analysis/dipole";
import { CellResponse, type SectionTraces } from "../analysis/cellResponse";
import type { Network } from "../model/network";
import { instantiateDrives } from "../model/eventTimes";
import { loadEngine } from "../wasm";
import type { RecordOption, SectionTraceMap, TrialResult } from "./runTrial";
import { runTrialPooled } from "./workerPool";
import { defaultJobs } from "./platformWorkers";
import type { CompileNetwork } from "./trialNetwork";
import { checkOption, ValueError } from "../util/validate";
import { checkMaxMemoryBytes } from "../util/memoryLimit";
import { checkSimulationMemory, checkStepCount } from "./simulationMemory";

/** Progress of a running simulation. */
export interface SimulationProgress {
  /** Trial index (0-based). */
  trial: number;
  nTrials: number;
  /** Simulated time reached in this trial (ms). */
  tMs: number;
  tstopMs: number;
}

/** Options of {@link simulateDipole} (hnn-core's keyword arguments in camelCase). */
export interface SimulateDipoleOptions {
  /** Simulation end (ms). */
  tstop: number;
  /** Integration step (ms). Default 0.025. */
  dt?: number;
  /** Number of trials. Default: the network's `N_trials` parameter, else 1. */
  nTrials?: number;
  /** Record the membrane potential at every section centre ('all'), the soma only, or nothing. */
  recordVsec?: RecordOption;
  /** Record synaptic currents of every synapse ('all'), of the soma's, or nothing. */
  recordIsec?: RecordOption;
  /**
   * Record the calcium concentration (cai, mM) at the centre of every section ('all'), of the
   * soma, or nothing; as in hnn-core only sections with the Ca ion (cad, ca, kca) give a trace.
   */
  recordCa?: RecordOption;
  /** Smooth and scale the dipoles with the network's `dipole_smooth_win` / `dipole_scalefctr`. */
  postproc?: boolean;
  /**
   * Use the drive events already stored on the drives (e.g. read from an hnn-core network file)
   * instead of regenerating them from the seeds. Default false (hnn-core's behaviour).
   */
  useStoredEvents?: boolean;
  /**
   * Workers to use (hnn-core's JoblibBackend(n_jobs)): trials run in parallel, and when there
   * are more jobs than trials each trial's cells may be split across up to floor(nJobs / nTrials)
   * workers (see `splitTrials`).
   * Separate simulateDipole calls started together share the workers. Default: 1 in Node (this
   * thread); in browsers `navigator.hardwareConcurrency` (at most 8), and a page's main thread
   * never simulates itself (even nJobs 1 runs in a Web Worker). Results do not depend on nJobs or
   * on splitting: they are the same to the bit (test/browser/determinism.test.ts).
   */
  nJobs?: number;
  /**
   * Whether a trial's cells are split across workers when there are more jobs than trials.
   * Default true: measured on a busy 2-core machine, a split trial was faster than an unsplit one
   * also beside a competing CPU-bound process (README "Speed"). false: trials only run side by side.
   */
  splitTrials?: boolean;
  /**
   * Cancels the simulation: its workers are ended, a trial in this thread stops within about
   * 20 ms of work, and the promise rejects with the signal's reason (an `AbortError`
   * DOMException for `controller.abort()`). The workers are replaced when next needed.
   */
  signal?: AbortSignal;
  /** Restrict vsec/isec/ca recording to these gids. */
  recordGids?: number[];
  /** Called between chunks of simulated time. */
  onProgress?: (p: SimulationProgress) => void;
  /**
   * Memory (bytes) the run may need, estimated before it starts (cells, NetCons, drive events,
   * recordings × samples × trials); past it the call rejects with a MemoryLimitError naming the
   * largest parts. Default: the network's `maxMemoryBytes` (2 GiB unless set); `Infinity` for none.
   */
  maxMemoryBytes?: number;
}

/** hnn-core's order of the record_* values (its error message lists them so). */
const RECORD_OPTIONS: RecordOption[] = ["all", "soma", false];

function checkPositive(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    if (typeof value !== "number") throw new TypeError(`${name} must be a positive finite number (ms), got ${String(value)}`);
    throw new ValueError(`${name} must be a positive finite number (ms), got ${String(value)}`);
  }
  return value;
}

/** Checks simulateDipole's options and fills the defaults. */
function checkSimulateOptions(net: Network, opts: SimulateDipoleOptions): Required<Omit<SimulateDipoleOptions, "onProgress" | "recordGids" | "nJobs" | "signal" | "maxMemoryBytes">> & { nJobs: number } {
  if (typeof opts !== "object" || opts === null) throw new TypeError("simulateDipole options must be an object with at least { tstop }");
  const tstop = checkPositive("tstop", opts.tstop);
  const dt = checkPositive("dt", opts.dt ?? 0.025);
  if (dt > tstop) throw new ValueError(`dt (${dt} ms) must not exceed tstop (${tstop} ms)`);
  checkStepCount(tstop, dt);
  const fromParams = net.params["N_trials"];
  const nTrials = opts.nTrials ?? (typeof fromParams === "number" && fromParams > 0 ? fromParams : 1);
  if (!Number.isInteger(nTrials) || nTrials < 1) throw new ValueError(`nTrials must be a positive integer, got ${String(nTrials)}`);
  const nJobs = opts.nJobs ?? defaultJobs();
  if (!Number.isInteger(nJobs) || nJobs < 1) throw new ValueError(`nJobs must be a positive integer, got ${String(nJobs)}`);
  const gids = opts.recordGids;
  if (gids !== undefined && (!Array.isArray(gids) || !gids.every((g) => Number.isInteger(g) && g >= 0 && g < net.nGids))) {
    throw new ValueError(`recordGids must be an array of gids (integers in [0, ${net.nGids})), got ${Array.isArray(gids) ? JSON.stringify(gids) : String(gids)}`);
  }
  const record = (key: "recordVsec" | "recordIsec" | "recordCa") => checkOption(key, opts[key] ?? false, RECORD_OPTIONS);
  return {
    tstop,
    dt,
    nTrials,
    recordVsec: record("recordVsec"),
    recordIsec: record("recordIsec"),
    recordCa: record("recordCa"),
    postproc: opts.postproc ?? false,
    useStoredEvents: opts.useStoredEvents ?? false,
    nJobs,
    splitTrials: checkOption("splitTrials", opts.splitTrials ?? true, [true, false]),
  };
}

/** The plain-data view of a Network that the compile step reads (structured-cloneable for workers). */
export function compileView(net: Network): CompileNetwork {
  return {
    cellTypes: net.cellTypes,
    gidRanges: net.gidRanges,
    posDict: net.posDict,
    connectivity: net.connectivity.map(({ srcType, targetType, gidPairs, loc, receptor, ncDict }) => ({ srcType, targetType, gidPairs, loc, receptor, ncDict })),
    externalDrives: Object.fromEntries(Object.entries(net.externalDrives).map(([name, d]) => [name, { events: d.events }])),
    externalBiases: net.externalBiases,
    threshold: net.threshold,
    inplaneDistance: net.inplaneDistance,
    recArrays: Object.fromEntries(Object.entries(net.recArrays).map(([name, a]) => [name, { positions: a.positions, conductivity: a.conductivity, method: a.method, minDistance: a.minDistance }])),
  };
}

/** Dipole of one trial in nAm with hnn-core's baseline renormalisation (DIPOLE.md §4). */
export function trialDipole(net: Network, result: TrialResult): Dipole {
  const zeros = new Float64Array(result.times.length);
  const [nPyrX, nPyrY] = net.meshShape;
  return baselineRenormalize(result.times, result.dipolesFam["L2_pyramidal"] ?? zeros, result.dipolesFam["L5_pyramidal"] ?? zeros, nPyrX * nPyrY);
}

/**
 * Simulates the network's dipole, trial by trial (hnn-core `simulate_dipole`).
 * @returns one Dipole per trial; `net.cellResponse` holds the spikes (and vsec/isec/ca if recorded),
 *   `net.recArrays[name]` the potentials of each electrode array, one trial per trial.
 */
export async function simulateDipole(net: Network, opts: SimulateDipoleOptions): Promise<Dipole[]> {
  const o = checkSimulateOptions(net, opts);
  if (opts.signal !== undefined && !(opts.signal instanceof AbortSignal)) throw new TypeError(`signal must be an AbortSignal, got ${String(opts.signal)}`);
  opts.signal?.throwIfAborted();
  const celsius = net.celsius;
  if (!Number.isFinite(celsius)) throw new ValueError(`params['celsius'] must be a finite number (°C), got ${celsius}`);
  const sizes = { tstopMs: o.tstop, dtMs: o.dt, ...o, recordGids: opts.recordGids };
  checkSimulationMemory(net, sizes, checkMaxMemoryBytes(opts.maxMemoryBytes ?? net.maxMemoryBytes));
  if (!o.useStoredEvents) instantiateDrives(net, o.tstop, o.nTrials);
  const module = await loadEngine();
  const view = compileView(net);
  // hnn-core `_reset_rec_arrays`: each run records its trials afresh.
  for (const arr of Object.values(net.recArrays)) arr.reset();
  const partitions = partitionsPerTrial(o.nJobs, o.nTrials, o.splitTrials);
  const results = await runTrials(o.nTrials, opts.signal, (trial, signal) =>
    runTrialPooled(
      module,
      view,
      {
        tstopMs: o.tstop,
        dtMs: o.dt,
        trialIdx: trial,
        celsius,
        recordVsec: o.recordVsec,
        recordIsec: o.recordIsec,
        recordCa: o.recordCa,
        recordGids: opts.recordGids,
        signal,
        onProgress: opts.onProgress ? (tMs) => opts.onProgress!({ trial, nTrials: o.nTrials, tMs, tstopMs: o.tstop }) : undefined,
      },
      o.nJobs,
      partitions,
    ),
  );
  const dipoles: Dipole[] = [];
  const response = new CellResponse(Object.keys(net.cellTypes), { spikeTimes: [], spikeGids: [], spikeTypes: [] });
  // The cells whose traces were asked for (drive cells have none).
  const keep = opts.recordGids === undefined ? null : new Set(opts.recordGids);
  const cellGids = Object.keys(net.cellTypes).flatMap((t) => net.populations.gids(t)).filter((g) => keep?.has(g) ?? true);
  for (const result of results) {
    const dpl = trialDipole(net, result);
    if (o.postproc) {
      // DIPOLE.md §5: smooth by dipole_smooth_win, then scale by dipole_scalefctr (each only if > 0).
      const win = net.params["dipole_smooth_win"];
      const fctr = net.params["dipole_scalefctr"];
      if (typeof win === "number" && win > 0) dpl.smooth(win);
      if (typeof fctr === "number" && fctr > 0) dpl.scale(fctr);
    }
    dipoles.push(dpl);
    response.spikeTimes.push(result.spikeTimes);
    response.spikeGids.push(result.spikeGids);
    response.spikeTypes.push(result.spikeTypes);
    response.times = result.times;
    response.vsec.push(sectionTraces(result.vsec, o.recordVsec === false ? [] : cellGids));
    response.isec.push(Object.fromEntries([...result.isec].map(([gid, m]) => [gid, { ...groupBySection(m) }])));
    response.ca.push(sectionTraces(result.ca, o.recordCa === false ? [] : cellGids));
    for (const [name, traces] of Object.entries(result.extracellular)) net.recArrays[name].appendTrial(result.times, traces);
  }
  net.cellResponse = response;
  return dipoles;
}

/**
 * Workers per trial: the jobs left over when every trial has one, unless `splitTrials` is false.
 * Splitting is the default although a split trial steps its workers in lock-step (spikes are
 * exchanged every window of at most the smallest NetCon delay, 1 ms for jones2009), so that one
 * worker slowed by another process holds up the others. Measured (bench/load.ts, README "Speed")
 * on a shared 2-core machine (load average 11–13), jones2009's ERP trial split over 2 workers
 * beside a competing CPU-bound process took medians of 25.7 / 22.4 / 19.1 s against 34.7 / 30.1 /
 * 25.7 s unsplit; declining to split when os.loadavg() showed no idle core made that case as slow
 * as unsplit (33.5 / 27.2 s), so no such policy is applied.
 */
function partitionsPerTrial(nJobs: number, nTrials: number, splitTrials: boolean): number {
  return splitTrials ? Math.max(1, Math.floor(nJobs / nTrials)) : 1;
}

/**
 * Starts every trial with one signal that the caller's aborts, and that the first trial to fail
 * aborts too (ending the workers of the others); settles them all, so that no trial still works
 * when the promise rejects, then rejects with that first failure (the caller's abort reason, or
 * the failing trial's error).
 */
async function runTrials(nTrials: number, signal: AbortSignal | undefined, run: (trial: number, signal: AbortSignal) => Promise<TrialResult>): Promise<TrialResult[]> {
  const stop = new AbortController();
  const forward = (): void => stop.abort(signal!.reason);
  signal?.addEventListener("abort", forward, { once: true });
  let failure: { error: unknown } | null = null;
  try {
    const settled = await Promise.allSettled(
      Array.from({ length: nTrials }, (_, trial) =>
        run(trial, stop.signal).catch((error: unknown) => {
          failure ??= { error };
          stop.abort(error);
          throw error;
        }),
      ),
    );
    if (failure !== null) throw (failure as { error: unknown }).error;
    return settled.map((s) => (s as PromiseFulfilledResult<TrialResult>).value);
  } finally {
    signal?.removeEventListener("abort", forward);
  }
}

/**
 * hnn-core's gid -> section -> trace of one trial: every recorded cell, also one without a trace
 * (`{}`: hnn-core lists a cell whose sections have no cai so).
 */
function sectionTraces(traces: SectionTraceMap, gids: readonly number[]): SectionTraces {
  return Object.fromEntries(gids.map((gid) => [gid, Object.fromEntries(traces.get(gid) ?? [])]));
}

/** "section_receptor" -> trace into section -> receptor key -> trace (hnn-core's isec layout). */
function groupBySection(traces: Map<string, Float64Array>): Record<string, Record<string, Float64Array>> {
  const out: Record<string, Record<string, Float64Array>> = {};
  for (const [key, trace] of traces) {
    const cut = key.lastIndexOf("_");
    const section = key.slice(0, cut);
    (out[section] ??= {})[key] = trace;
  }
  return out;
}
