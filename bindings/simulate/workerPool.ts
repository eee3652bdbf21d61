/**
 * Parallel simulation (DESIGN.md decision 7): a lazily created pool of Node worker_threads. A trial
 * leases as many workers as it has partitions, lowers each partition here and sends the worker its
 * image (transferring the arrays), and steps them together (runTrial.ts); trials of
 * every simulateDipole call share the pool, so simulations started together run side by side.
 * Where workers are unavailable (browsers for now, or unbundled sources under a test runner)
 * trials run in the calling thread, unsplit.
 */
import type { CompileNetwork } from "./trialNetwork";
import { Populations } from "../model/populations";
import { errorFromWire } from "../util/validate";
import { transferList, type LoweredTrial } from "./image";
import { lowerTrial } from "./lower";
import { runTrial, settleAll, stepPartitions, type PartitionHandle, type PartitionOptions, type Spikes, type TrialOptions, type TrialResult } from "./runTrial";
import type { PartitionReply, PartitionRequest } from "./trialWorker";

interface WorkerLike {
  postMessage(message: PartitionRequest, transfer?: ArrayBuffer[]): void;
  on(event: "message", listener: (reply: PartitionReply) => void): void;
  on(event: "error", listener: (err: Error) => void): void;
  unref(): void;
  ref(): void;
}

const workers: WorkerLike[] = [];
const idle: WorkerLike[] = [];
const leases: { count: number; grant: (ws: WorkerLike[]) => void }[] = [];
/** Reply handlers of requests in flight, by partition id. */
const waiting = new Map<number, { resolve: (r: PartitionReply) => void; reject: (e: Error) => void }>();
let nextId = 0;

/** The bundled worker script next to the bundle (dist/worker.js), or null when not bundled. */
async function workerScript(): Promise<URL | null> {
  if (typeof process === "undefined" || !process.versions?.node) return null;
  const url = new URL("./worker.js", import.meta.url);
  const { existsSync } = await import("node:fs");
  return existsSync(url) ? url : null;
}

async function growPool(size: number): Promise<void> {
  const script = await workerScript();
  if (script === null) return;
  const { Worker } = await import("node:worker_threads");
  while (workers.length < size) {
    const w = new Worker(script) as unknown as WorkerLike;
    w.on("message", (reply: PartitionReply) => {
      const handler = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (reply.kind === "error") handler?.reject(errorFromWire(reply.error));
      else handler?.resolve(reply);
    });
    w.on("error", (err: Error) => {
      for (const h of waiting.values()) h.reject(err);
      waiting.clear();
    });
    w.unref();
    workers.push(w);
    idle.push(w);
  }
}

function grantLeases(): void {
  while (leases.length > 0 && idle.length >= leases[0].count) {
    const lease = leases.shift()!;
    const ws = idle.splice(0, lease.count);
    ws.forEach((w) => w.ref());
    lease.grant(ws);
  }
}

function lease(count: number): Promise<WorkerLike[]> {
  return new Promise((grant) => {
    leases.push({ count, grant });
    grantLeases();
  });
}

function release(ws: WorkerLike[]): void {
  ws.forEach((w) => w.unref());
  idle.push(...ws);
  grantLeases();
}

function request(worker: WorkerLike, req: PartitionRequest, transfer: ArrayBuffer[] = []): Promise<PartitionReply> {
  return new Promise((resolve, reject) => {
    waiting.set(req.id, { resolve, reject });
    worker.postMessage(req, transfer);
  });
}

/** Opens a lowered partition in a worker (its arrays move there) and returns the handle the stepping loop drives. */
async function openInWorker(worker: WorkerLike, module: WebAssembly.Module, lowered: LoweredTrial, opts: PartitionOptions): Promise<PartitionHandle> {
  const id = nextId++;
  const opened = await request(worker, { kind: "open", id, module, lowered, opts }, transferList(lowered.image));
  return {
    windowSteps: (opened as Extract<PartitionReply, { kind: "opened" }>).windowSteps,
    step: async (nSteps: number, incoming: Spikes) => ((await request(worker, { kind: "step", id, nSteps, incoming })) as Extract<PartitionReply, { kind: "stepped" }>).spikes,
    finish: async () => ((await request(worker, { kind: "finish", id })) as Extract<PartitionReply, { kind: "done" }>).result,
  };
}

/**
 * Runs one trial split into `partitions` workers (sharing the pool of `poolSize` workers), or in
 * this thread when workers are unavailable or not asked for (poolSize 1).
 */
export async function runTrialPooled(module: WebAssembly.Module, net: CompileNetwork, opts: TrialOptions, poolSize: number, partitions: number): Promise<TrialResult> {
  if (poolSize > 1) await growPool(poolSize);
  if (poolSize <= 1 || workers.length === 0) return runTrial(module, net, opts);
  const count = Math.min(partitions, workers.length);
  const lowered = Array.from({ length: count }, (_, index) => lowerTrial(net, opts, { index, count }));
  const populations = new Populations(lowered[0].names.populations);
  const ws = await lease(count);
  try {
    const { tstopMs, dtMs, celsius } = opts;
    const parts = await settleAll(ws.map((w, index) => openInWorker(w, module, lowered[index], { tstopMs, dtMs, celsius })));
    return await stepPartitions(parts, opts, populations);
  } finally {
    release(ws);
  }
}
