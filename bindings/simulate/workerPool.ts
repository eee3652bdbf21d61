/**
 * Parallel trials (DESIGN.md decision 7): a lazily created pool of Node worker_threads, each running
 * trials in its own engine instance. Trials of every simulateDipole call share the pool, so
 * independent simulations started together run side by side. Where workers are unavailable
 * (browsers for now, or unbundled sources under a test runner) trials run in the calling thread.
 */
import type { CompileNetwork } from "./compile";
import { runTrial, type TrialOptions, type TrialResult } from "./runTrial";
import type { TrialReply, TrialRequest } from "./trialWorker";

interface WorkerLike {
  postMessage(message: unknown): void;
  on(event: "message", listener: (reply: TrialReply) => void): void;
  on(event: "error", listener: (err: Error) => void): void;
  unref(): void;
  ref(): void;
}

interface Job {
  request: TrialRequest;
  onProgress?: (tMs: number) => void;
  resolve: (r: TrialResult) => void;
  reject: (e: Error) => void;
}

const workers: WorkerLike[] = [];
const idle: WorkerLike[] = [];
const queue: Job[] = [];
const running = new Map<number, { job: Job; worker: WorkerLike }>();
let nextId = 0;

/** The bundled worker script next to the bundle (dist/worker.js), or null when not bundled. */
async function workerScript(): Promise<URL | null> {
  if (typeof process === "undefined" || !process.versions?.node) return null;
  const url = new URL("./worker.js", import.meta.url);
  const { existsSync } = await import("node:fs");
  return existsSync(url) ? url : null;
}

/** Whether trials can run in worker threads here. */
export async function workersAvailable(): Promise<boolean> {
  return (await workerScript()) !== null;
}

async function growPool(size: number): Promise<void> {
  const script = await workerScript();
  if (script === null) return;
  const { Worker } = await import("node:worker_threads");
  while (workers.length < size) {
    const w = new Worker(script) as unknown as WorkerLike;
    w.on("message", (reply: TrialReply) => onReply(w, reply));
    w.on("error", (err: Error) => {
      for (const [id, r] of running) if (r.worker === w) {
        running.delete(id);
        r.job.reject(err);
      }
    });
    w.unref();
    workers.push(w);
    idle.push(w);
  }
}

function onReply(worker: WorkerLike, reply: TrialReply): void {
  const r = running.get(reply.id);
  if (r === undefined) return;
  if (reply.kind === "progress") {
    r.job.onProgress?.(reply.tMs);
    return;
  }
  running.delete(reply.id);
  worker.unref();
  idle.push(worker);
  if (reply.kind === "done") r.job.resolve(reply.result);
  else r.job.reject(new Error(reply.message));
  dispatch();
}

function dispatch(): void {
  while (idle.length > 0 && queue.length > 0) {
    const worker = idle.pop()!;
    const job = queue.shift()!;
    running.set(job.request.id, { job, worker });
    worker.ref();
    worker.postMessage(job.request);
  }
}

/**
 * Runs one trial, in a worker when `nJobs` > 1 and workers are available, else in this thread.
 * The network must be plain data (it is structured-cloned into the worker).
 */
export async function runTrialPooled(module: WebAssembly.Module, net: CompileNetwork, opts: TrialOptions, nJobs: number): Promise<TrialResult> {
  if (nJobs > 1) await growPool(nJobs);
  if (nJobs <= 1 || workers.length === 0) return runTrial(module, net, opts);
  const { onProgress, ...plainOpts } = opts;
  return new Promise<TrialResult>((resolve, reject) => {
    queue.push({ request: { id: nextId++, module, net, opts: plainOpts }, onProgress, resolve, reject });
    dispatch();
  });
}
