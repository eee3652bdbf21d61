/**
 * Where a batch's simulations run, as a small interface: {@link JobBackend} takes plain
 * {@link BatchJob}s and the network configurations they name and returns one {@link JobOutcome}
 * per job. BatchSimulate (and later the Optimizer) hand their simulations to one when given
 * `backend`. The core has no backend of its own: `{ queue: "redis://HOST:PORT", name }` is made
 * into the Redis (BullMQ) backend by the Node entry (`hnn-wasm/node`, `hnn-wasm/queue`), which
 * registers its factory here; the core and its browser bundles never import the queue's packages.
 */
import { typeError, ValueError } from "../util/validate";
import type { BatchJob, HashedConfig, JobResult } from "./batchJob";
import type { ParamValues } from "./paramPaths";

/** A batch for a backend: the jobs and every network configuration they name (by hash). */
export interface JobBatch {
  jobs: BatchJob[];
  configs: HashedConfig[];
  /** Kept with the batch for whoever re-attaches to it (e.g. the CLI's flags); plain JSON. */
  meta?: unknown;
}

/** A job that ended in an error (after the backend's retries): its index, parameter set and the error's message. */
export interface JobFailure {
  index: number;
  params: ParamValues;
  error: string;
}

/** What became of one job. */
export type JobOutcome = { ok: true; result: JobResult } | ({ ok: false } & JobFailure);

/** The submitter's view of a running batch. */
export interface QueueProgress {
  /** The batch's ID (to re-attach to it). */
  batchId: string;
  total: number;
  /** Jobs finished with a result. */
  done: number;
  /** Jobs finished with an error (no more retries). */
  failed: number;
  /** Jobs running now. */
  active: number;
  /** Jobs waiting for a worker (including those waiting to be retried). */
  waiting: number;
  /** Jobs finished per minute since this submitter started watching (0 until one has). */
  ratePerMin: number;
  /** Seconds until every job is finished at that rate (null while the rate is 0). */
  etaS: number | null;
}

/** Options of {@link JobBackend.runJobs} and {@link JobBackend.attach}. */
export interface BackendRunOptions {
  /** Cancels: waiting jobs are removed, running ones are left to finish, and the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  onProgress?: (p: QueueProgress) => void;
  /** Called once the batch has been submitted, with its ID. */
  onSubmitted?: (batchId: string) => void;
}

/** A finished batch: an outcome per job, by job index (0 .. total − 1), and what was stored with it. */
export interface BatchOutcome {
  batchId: string;
  outcomes: JobOutcome[];
  meta: unknown;
}

/** Runs batches of jobs somewhere else (another thread pool, other machines). */
export interface JobBackend {
  /** Submits the batch and resolves when every job has finished (with a result or an error). */
  runJobs(batch: JobBatch, opts?: BackendRunOptions): Promise<BatchOutcome>;
  /** Re-attaches to a batch submitted earlier (by this or another process) and waits for it. */
  attach(batchId: string, opts?: BackendRunOptions): Promise<BatchOutcome>;
  /** Releases the backend's connections. */
  close(): Promise<void>;
}

/** `backend: { queue: "redis://HOST:PORT[/NAME]", name }`: a Redis queue (the Node entry's BullMQ backend). */
export interface QueueSpec {
  /** Redis URL; a path (`/NAME`) names the queue. */
  queue: string;
  /** Queue name (default: the URL's path, else "hnn"). */
  name?: string;
}

type QueueFactory = (spec: QueueSpec) => Promise<JobBackend>;
let queueFactory: QueueFactory | null = null;

/** Sets how `{ queue }` specs become backends (the Node entry registers the BullMQ one). */
export function registerQueueBackend(factory: QueueFactory): void {
  queueFactory = factory;
}

function isBackend(x: object): x is JobBackend {
  const b = x as Partial<JobBackend>;
  return typeof b.runJobs === "function" && typeof b.attach === "function" && typeof b.close === "function";
}

/**
 * The backend `spec` names, and whether the caller made it (and so closes it).
 * @throws TypeError for anything but a JobBackend or a QueueSpec; ValueError for a queue without the Node entry.
 */
export async function resolveBackend(spec: JobBackend | QueueSpec): Promise<{ backend: JobBackend; owned: boolean }> {
  if (typeof spec !== "object" || spec === null) throw typeError("backend", "JobBackend or { queue: 'redis://HOST:PORT', name }", spec);
  if (isBackend(spec)) return { backend: spec, owned: false };
  if (typeof spec.queue !== "string") throw typeError("backend", "JobBackend or { queue: 'redis://HOST:PORT', name }", spec);
  if (queueFactory === null) {
    throw new ValueError("backend { queue } needs the Redis queue of the Node entry: import hnn-wasm/node (or hnn-wasm/queue) instead of hnn-wasm");
  }
  return { backend: await queueFactory(spec), owned: true };
}
