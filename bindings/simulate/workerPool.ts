/**
 * Parallel simulation (DESIGN.md decision 7): a lazily created pool of workers (Node worker_threads
 * or Web Workers, platformWorkers.ts). A trial leases as many workers as it has partitions, lowers
 * each partition here and sends the worker its image (transferring the arrays), and steps them
 * together (runTrial.ts); trials of every simulateDipole call share the pool, so simulations started
 * together run side by side. Without workers, trials run in the calling thread, unsplit. An aborted
 * simulation ends the workers it leased, and a worker that fails (an uncaught exception, out of
 * memory, an exit) leaves the pool and fails its trial with an error naming the trial; the pool
 * grows again when needed.
 */
import type { CompileNetwork } from "./trialNetwork";
import { Populations } from "../model/populations";
import { errorFromWire } from "../util/validate";
import { transferList, type LoweredTrial } from "./image";
import { lowerTrial } from "./lower";
import { runTrial, settleAll, stepPartitions, type PartitionHandle, type PartitionOptions, type TrialOptions, type TrialResult } from "./runTrial";
import type { PartitionReply, PartitionRequest } from "./partitionServer";
import { onPageThread, workerFactory, type PoolWorker } from "./platformWorkers";

/** A started worker and the replies it owes, by partition id. */
interface Slot {
  worker: PoolWorker;
  waiting: Map<number, { resolve: (r: PartitionReply) => void; reject: (e: unknown) => void }>;
  /** Set once the worker is ended: later failure reports (its exit after an error) change nothing. */
  ended: boolean;
}

/** A worker's own failure (not the trial's error it replied with); the message is the clause "ran out of memory (…)". */
class WorkerLost extends Error {}

const slots: Slot[] = [];
const idle: Slot[] = [];
const leases: { count: number; grant: (s: Slot[]) => void; signal?: AbortSignal }[] = [];
let nextId = 0;

/**
 * Ends a worker and fails what it owed with `reason`; it leaves the pool. Trials waiting for
 * workers get replacements (otherwise a lease larger than what is left would wait forever).
 */
function retire(slot: Slot, reason: unknown): void {
  if (slot.ended) return;
  slot.ended = true;
  slot.worker.terminate();
  for (const h of slot.waiting.values()) h.reject(reason);
  slot.waiting.clear();
  for (const list of [slots, idle]) {
    const k = list.indexOf(slot);
    if (k >= 0) list.splice(k, 1);
  }
  const waiting = leases.filter((l) => !(l.signal?.aborted ?? false));
  if (waiting.length > 0) growPool(Math.max(...waiting.map((l) => l.count)));
  grantLeases();
}

function growPool(size: number): void {
  const factory = workerFactory();
  while (factory !== null && slots.length < size) {
    const slot: Slot = { worker: factory(), waiting: new Map(), ended: false };
    slot.worker.listen(
      (reply) => {
        const handler = slot.waiting.get(reply.id);
        slot.waiting.delete(reply.id);
        if (reply.kind === "error") handler?.reject(errorFromWire(reply.error));
        else handler?.resolve(reply);
      },
      (err) => retire(slot, new WorkerLost(err.message, { cause: err })),
    );
    slot.worker.keepAlive?.(false);
    slots.push(slot);
    idle.push(slot);
  }
}

function grantLeases(): void {
  while (leases.length > 0 && idle.length >= leases[0].count) {
    const lease = leases.shift()!;
    const granted = idle.splice(0, lease.count);
    granted.forEach((s) => s.worker.keepAlive?.(true));
    lease.grant(granted);
  }
}

/** Waits for `count` idle workers; an abort while waiting leaves the queue. */
function lease(count: number, signal: AbortSignal | undefined): Promise<Slot[]> {
  return new Promise((grant, reject) => {
    const entry = { count, grant, signal };
    leases.push(entry);
    signal?.addEventListener("abort", () => {
      const k = leases.indexOf(entry);
      if (k >= 0) leases.splice(k, 1);
      reject(signal.reason);
    }, { once: true });
    grantLeases();
  });
}

function release(granted: Slot[]): void {
  const alive = granted.filter((s) => slots.includes(s));
  alive.forEach((s) => s.worker.keepAlive?.(false));
  idle.push(...alive);
  grantLeases();
}

function request(slot: Slot, req: PartitionRequest, transfer: ArrayBuffer[] = []): Promise<PartitionReply> {
  return new Promise((resolve, reject) => {
    slot.waiting.set(req.id, { resolve, reject });
    slot.worker.postMessage(req, transfer);
  });
}

/**
 * Opens a lowered partition in a worker (its arrays move there) and returns the handle the
 * stepping loop drives. If the worker itself fails, its requests reject with an error that names
 * the trial (and the partition of a split one) and says why.
 */
async function openInWorker(slot: Slot, module: WebAssembly.Module, lowered: LoweredTrial, opts: PartitionOptions, trialIdx: number): Promise<PartitionHandle> {
  const id = nextId++;
  const { index, count } = lowered.image.partition;
  const call = async <K extends PartitionReply["kind"]>(req: PartitionRequest, transfer: ArrayBuffer[] = []): Promise<Extract<PartitionReply, { kind: K }>> => {
    try {
      return (await request(slot, req, transfer)) as Extract<PartitionReply, { kind: K }>;
    } catch (e) {
      if (!(e instanceof WorkerLost)) throw e;
      const which = count > 1 ? ` (cells of partition ${index + 1} of ${count})` : "";
      throw new Error(`trial ${trialIdx} failed: its simulation worker${which} ${e.message}`, { cause: e.cause });
    }
  };
  const opened = await call<"opened">({ kind: "open", id, module, lowered, opts }, transferList(lowered.image));
  return {
    windowSteps: opened.windowSteps,
    step: async (nSteps, incoming) => (await call<"stepped">({ kind: "step", id, nSteps, incoming })).spikes,
    finish: async () => (await call<"done">({ kind: "finish", id })).result,
  };
}

/**
 * Runs one trial split into `partitions` workers (sharing the pool of `poolSize` workers), or in
 * this thread when workers are unavailable or not asked for (poolSize 1, except on a page's main
 * thread, which keeps even one job off itself). `opts.signal` aborts it, ending its workers.
 */
export async function runTrialPooled(module: WebAssembly.Module, net: CompileNetwork, opts: TrialOptions, poolSize: number, partitions: number): Promise<TrialResult> {
  const { signal } = opts;
  signal?.throwIfAborted();
  if (poolSize > 1 || onPageThread()) growPool(poolSize);
  if ((poolSize <= 1 && !onPageThread()) || slots.length === 0) return runTrial(module, net, opts);
  const count = Math.min(partitions, slots.length);
  const lowered: LoweredTrial[] = [];
  for (let index = 0; index < count; index++) {
    // On a page, each lowering (tens of ms for the ERP network) is a task of its own.
    if (onPageThread()) await new Promise((resume) => setTimeout(resume, 0));
    lowered.push(lowerTrial(net, opts, { index, count }));
  }
  const populations = new Populations(lowered[0].names.populations);
  const granted = await lease(count, signal);
  const abort = (): void => granted.forEach((s) => retire(s, signal!.reason));
  signal?.addEventListener("abort", abort, { once: true });
  try {
    signal?.throwIfAborted();
    const { tstopMs, dtMs, celsius } = opts;
    const parts = await settleAll(granted.map((s, index) => openInWorker(s, module, lowered[index], { tstopMs, dtMs, celsius }, opts.trialIdx)));
    return await stepPartitions(parts, opts, populations);
  } finally {
    signal?.removeEventListener("abort", abort);
    release(granted);
  }
}
