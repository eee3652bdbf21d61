/**
 * The page's one entry to simulation: the public simulateDipole, which on a page runs every trial
 * in Web Workers (nJobs of them, from the Workers field; a trial's cells split across workers when
 * there are more workers than trials), so the page stays responsive and Cancel ends the workers.
 */
import { loadEngine, readNetworkConfiguration, simulateDipole, type CellResponse, type Dipole } from "../../bindings/index";

/** Settings of one run. */
export interface RunSettings {
  tstopMs: number;
  dtMs: number;
  nTrials: number;
  /** Web Workers to use. */
  nJobs: number;
}

/** One finished run: raw dipoles (nAm, one per trial) and spikes. */
export interface RunResult {
  dipoles: Dipole[];
  response: CellResponse;
  /** Wall-clock time of the run (ms), engine load included. */
  wallMs: number;
}

/** Progress: fraction in [0, 1] of all trials' simulated time. */
export type ProgressHandler = (fraction: number) => void;

/** Thrown when a run is cancelled through its AbortSignal. */
export class RunCancelled extends Error {
  override name = "RunCancelled";
}

let loadedFrom: string | null = null;

/** Loads the engine from `engineUrl` unless it was loaded from there already (simulations in this page need it). */
export async function ensureEngine(engineUrl: string): Promise<void> {
  if (loadedFrom === engineUrl) return;
  await loadEngine(engineUrl);
  loadedFrom = engineUrl;
}

/**
 * Simulates the network given as hnn-core JSON.
 * @param engineUrl - where engine.wasm is served
 * @throws RunCancelled when `signal` aborts; the API's ValueError/TypeError messages otherwise
 */
export async function simulate(networkJson: string, settings: RunSettings, engineUrl: string, onProgress?: ProgressHandler, signal?: AbortSignal): Promise<RunResult> {
  if (signal?.aborted) throw new RunCancelled("run cancelled");
  const t0 = performance.now();
  await ensureEngine(engineUrl);
  const net = readNetworkConfiguration(networkJson);
  const reached = new Array<number>(settings.nTrials).fill(0);
  try {
    const dipoles = await simulateDipole(net, {
      tstop: settings.tstopMs,
      dt: settings.dtMs,
      nTrials: settings.nTrials,
      nJobs: settings.nJobs,
      signal,
      onProgress: (p) => {
        reached[p.trial] = p.tMs;
        onProgress?.(reached.reduce((a, b) => a + b, 0) / (p.tstopMs * p.nTrials));
      },
    });
    return { dipoles, response: net.cellResponse!, wallMs: performance.now() - t0 };
  } catch (e) {
    if (signal?.aborted) throw new RunCancelled("run cancelled");
    throw e;
  }
}
