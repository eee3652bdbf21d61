/**
 * The worker's side of the Redis queue: a BullMQ Worker that runs `concurrency` jobs at once, each
 * with {@link runBatchJob} in this process's simulation thread pool (so that the main thread stays
 * free to renew the jobs' locks), reading each network configuration once from Redis by its hash.
 * A job whose worker dies is noticed by BullMQ's stalled-job check (every `stalledMs`) and run
 * again by another worker; errors of bad input (TypeError, ValueError, a missing configuration) fail
 * the job at once with their message, other errors are retried (the job's attempts and backoff).
 */
import { UnrecoverableError, Worker, type Job } from "bullmq";
import { runBatchJob, type JobResult } from "../batch/batchJob";
import type { QueueSpec } from "../batch/jobBackend";
import { ValueError } from "../util/validate";
import { connect, keys, queueAddress } from "./queueSpec";
import type { QueuedJob } from "./redisBackend";

/** Options of {@link startQueueWorker}. */
export interface QueueWorkerOptions {
  /** Jobs at once (BullMQ concurrency; also the size of the simulation thread pool, at least 2). Default 1. */
  concurrency?: number;
  /**
   * BullMQ's lockDuration and stalledInterval (ms): a job whose worker has not renewed its lock for
   * this long is given to another worker. Default 30 000 (BullMQ's).
   */
  stalledMs?: number;
  /** Times a job may stall before it fails (BullMQ maxStalledCount). Default 2. */
  maxStalledCount?: number;
  /** Called with a line per finished job and per failed try. */
  log?: (line: string) => void;
}

/** A running worker. */
export interface QueueWorker {
  /** Stops taking jobs and resolves once the running ones have finished (`force`: hands them back unfinished). */
  close(force?: boolean): Promise<void>;
}

/**
 * How long close() waits for BullMQ's own closing once no job is running any more (ms): BullMQ's
 * close can wait on a connection that lost Redis; the jobs are finished (or their locks lost, so
 * they go to another worker) either way.
 */
const CLOSE_GRACE_MS = 5000;

/** Network configurations by hash; a batch uses one or a few, so a handful are kept. */
const CACHE_SIZE = 8;

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** Checks the parts of a job's data the worker relies on before it simulates; bad ones fail the job at once. */
function checkJobData(data: unknown): QueuedJob {
  if (!isObject(data) || typeof data.batchId !== "string" || !isObject(data.job)) throw new ValueError("job data must be { batchId: string, job: BatchJob }");
  const job = data.job;
  if (!Number.isInteger(job.index) || (job.index as number) < 0) throw new ValueError(`job.index must be a non-negative integer, got ${JSON.stringify(job.index)}`);
  if (typeof job.networkHash !== "string" || !/^[0-9a-f]{64}$/.test(job.networkHash)) throw new ValueError(`job.networkHash must be a SHA-256 in hex, got ${JSON.stringify(job.networkHash)}`);
  if (!isObject(job.params) || !isObject(job.outputs)) throw new ValueError("job.params and job.outputs must be objects");
  return data as unknown as QueuedJob;
}

/** True for errors that a retry would only repeat: bad input. */
function isInputError(e: unknown): boolean {
  const name = (e as Error | null)?.name;
  return name === "TypeError" || name === "ValueError" || name === "RangeError";
}

/**
 * Starts a worker on the queue `spec` names. It runs until {@link QueueWorker.close}.
 * @throws ValueError for a bad queue URL or concurrency.
 */
export async function startQueueWorker(spec: QueueSpec, opts: QueueWorkerOptions = {}): Promise<QueueWorker> {
  const address = queueAddress(spec);
  const concurrency = opts.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new ValueError(`concurrency must be a positive integer, got ${String(concurrency)}`);
  const stalledMs = opts.stalledMs ?? 30_000;
  if (!Number.isFinite(stalledMs) || stalledMs < 100) throw new ValueError(`stalledMs must be at least 100 (ms), got ${String(stalledMs)}`);
  const log = opts.log ?? (() => {});
  const redis = connect(address, true);
  redis.on("error", () => {}); // ioredis reconnects by itself; BullMQ reports what matters through the worker's events
  const configs = new Map<string, object>();
  let running = 0;
  let onIdle: (() => void) | null = null;

  async function config(hash: string): Promise<object> {
    const cached = configs.get(hash);
    if (cached !== undefined) return cached;
    const text = await redis.get(keys.config(address.name, hash));
    if (text === null) throw new UnrecoverableError(`network configuration ${hash} is not in Redis (queue '${address.name}')`);
    const parsed = JSON.parse(text) as object;
    if (configs.size >= CACHE_SIZE) configs.delete(configs.keys().next().value!);
    configs.set(hash, parsed);
    return parsed;
  }

  const processor = async (job: Job<QueuedJob, JobResult>): Promise<JobResult> => {
    running++;
    try {
      const { job: batchJob } = checkJobData(job.data);
      return await runBatchJob(batchJob, await config(batchJob.networkHash), { nJobs: Math.max(2, concurrency) });
    } catch (e) {
      if (isInputError(e)) throw new UnrecoverableError(`${(e as Error).name}: ${(e as Error).message}`);
      throw e;
    } finally {
      if (--running === 0) onIdle?.();
    }
  };
  const worker = new Worker<QueuedJob, JobResult>(address.name, processor, {
    connection: redis,
    concurrency,
    lockDuration: stalledMs,
    stalledInterval: stalledMs,
    maxStalledCount: opts.maxStalledCount ?? 2,
  });
  worker.on("completed", (job) => log(`completed ${job.id} in ${(((job.finishedOn ?? 0) - (job.processedOn ?? 0)) / 1000).toFixed(2)} s`));
  worker.on("failed", (job, err) => log(`failed ${job?.id ?? "?"} (try ${job?.attemptsMade ?? "?"} of ${job?.opts.attempts ?? 1}): ${err.message}`));
  worker.on("error", (err) => log(`error: ${err.message}`));
  await worker.waitUntilReady();
  return {
    async close(force = false): Promise<void> {
      const idle = running === 0 || force ? Promise.resolve() : new Promise<void>((resolve) => (onIdle = resolve));
      const grace = idle.then(() => new Promise<void>((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref()));
      await Promise.race([worker.close(force), grace]);
      redis.disconnect();
    },
  };
}
