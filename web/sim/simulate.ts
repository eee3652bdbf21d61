/**
 * The page's one entry to simulation. Today it runs simulateDipole in a dedicated Web Worker of the
 * page (sim/worker.ts, one thread, so `nJobs` is not used yet) so that the page stays responsive and
 * a run can be cancelled by ending the worker. When bindings/ gets its worker-backed simulateDipole
 * (issue 9, deliverable 2), only this module changes.
 */
import { CellResponse, Dipole } from "../../bindings/index";
import type { RunRequest, WorkerReply } from "./protocol";

/** Settings of one run. */
export interface RunSettings {
  tstopMs: number;
  dtMs: number;
  nTrials: number;
  /** Workers requested (used once bindings/ simulates in workers; one thread until then). */
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

let idleWorker: Worker | null = null;

/** The worker script, resolved next to this bundle; fetched into a blob when on another origin. */
async function newWorker(): Promise<Worker> {
  const url = new URL("./sim-worker.js", import.meta.url);
  if (url.origin === location.origin) return new Worker(url, { type: "module" });
  const source = await (await fetch(url)).text();
  return new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })), { type: "module" });
}

/**
 * Simulates the network given as hnn-core JSON.
 * @param engineUrl - where engine.wasm is served
 * @throws RunCancelled when `signal` aborts; the API's ValueError/TypeError messages otherwise
 */
export async function simulate(networkJson: string, settings: RunSettings, engineUrl: string, onProgress?: ProgressHandler, signal?: AbortSignal): Promise<RunResult> {
  if (signal?.aborted) throw new RunCancelled("run cancelled");
  const t0 = performance.now();
  const worker = idleWorker ?? (await newWorker());
  idleWorker = null;
  const reached = new Array<number>(settings.nTrials).fill(0);
  const request: RunRequest = { engineUrl, networkJson, tstopMs: settings.tstopMs, dtMs: settings.dtMs, nTrials: settings.nTrials };
  const reply = await new Promise<Extract<WorkerReply, { kind: "done" }>>((resolve, reject) => {
    const abort = (): void => {
      worker.terminate();
      reject(new RunCancelled("run cancelled"));
    };
    signal?.addEventListener("abort", abort, { once: true });
    worker.onerror = (e) => {
      signal?.removeEventListener("abort", abort);
      worker.terminate();
      reject(new Error(`the simulation worker failed: ${e.message}`));
    };
    worker.onmessage = (ev: MessageEvent<WorkerReply>) => {
      const m = ev.data;
      if (m.kind === "progress") {
        reached[m.trial] = m.tMs;
        onProgress?.(reached.reduce((a, b) => a + b, 0) / (m.tstopMs * m.nTrials));
        return;
      }
      signal?.removeEventListener("abort", abort);
      idleWorker = worker;
      if (m.kind === "done") resolve(m);
      else reject(Object.assign(new Error(m.message), { name: m.name }));
    };
    worker.postMessage(request);
  });
  const dipoles = reply.trials.map((t) => new Dipole(t.timesMs, { agg: t.agg, L2: t.L2, L5: t.L5 }));
  const response = new CellResponse(reply.cellTypes, {
    spikeTimes: reply.trials.map((t) => t.spikeTimesMs),
    spikeGids: reply.trials.map((t) => t.spikeGids),
    spikeTypes: reply.trials.map((t) => t.spikeTypes),
  });
  return { dipoles, response, wallMs: performance.now() - t0 };
}
