/**
 * The submitter's side of the Redis queue: a {@link JobBackend} on BullMQ. A batch puts each
 * network configuration once under `hnn-wasm:<name>:config:<hash>`, a record of the batch
 * (`hnn-wasm:<name>:batch:<id>`: its jobs and the caller's meta) and one BullMQ job per
 * simulation (ID `<batchId>.<index>`, data `{ batchId, job }`), then polls the jobs' hashes until
 * each has finished: a completed job's result is its BullMQ return value, which stays in Redis
 * until the batch is collected, so a submitter that restarts can {@link RedisJobBackend.attach}
 * to its batch and lose nothing. Jobs that Redis lost (restarted without persistence) are added
 * again from the record; a Redis that stays unreachable fails the run with a clear error.
 */
import { Job, Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { BatchJob, JobResult } from "../batch/batchJob";
import type { BackendRunOptions, BatchOutcome, JobBackend, JobBatch, JobOutcome, QueueProgress, QueueSpec } from "../batch/jobBackend";
import { ValueError } from "../util/validate";
import { connect, jobId, keys, queueAddress, type QueueAddress } from "./queueSpec";

/** What a queued job carries (BullMQ's job data). */
export interface QueuedJob {
  batchId: string;
  job: BatchJob;
}

/** A batch's record in Redis. */
interface BatchRecord {
  total: number;
  createdAtMs: number;
  jobs: BatchJob[];
  configHashes: string[];
  meta: unknown;
}

/** Options of {@link redisBackend}. */
export interface RedisBackendOptions {
  /** How often the submitter looks at its jobs (ms). Default 500. */
  pollMs?: number;
  /** A Redis that has not answered for this long fails the run (ms). Default 60 000. */
  redisTimeoutMs?: number;
  /** Tries per job (BullMQ attempts; errors of bad input are not retried). Default 3. */
  attempts?: number;
  /** First retry delay, doubling after each try (ms). Default 1000. */
  backoffMs?: number;
  /** Remove the batch's jobs and record from Redis once its outcomes are returned. Default true. */
  removeWhenCollected?: boolean;
}

/** Finished jobs nobody collected are dropped by BullMQ after a week (s). */
const KEEP_S = 7 * 24 * 3600;

/** A new batch ID: UTC date and time, and 8 random hex digits (`20261105-171955-3fa2c1d0`). */
function newBatchId(): string {
  const stamp = new Date().toISOString().slice(0, 19).replace(/-/g, "").replace("T", "-").replace(/:/g, "");
  const random = Array.from(globalThis.crypto.getRandomValues(new Uint8Array(4)), (b) => b.toString(16).padStart(2, "0")).join("");
  return `${stamp}-${random}`;
}

/** An error that ends a run whatever the connection does (not a lost connection). */
class BatchError extends Error {}

const sleep = (ms: number, signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });

/** A {@link JobBackend} on a BullMQ queue in Redis (Node). */
export class RedisJobBackend implements JobBackend {
  readonly address: QueueAddress;
  private readonly redis: Redis;
  private readonly queue: Queue<QueuedJob, JobResult>;
  private readonly o: Required<RedisBackendOptions>;

  constructor(spec: QueueSpec, opts: RedisBackendOptions = {}) {
    this.address = queueAddress(spec);
    this.o = { pollMs: 500, redisTimeoutMs: 60_000, attempts: 3, backoffMs: 1000, removeWhenCollected: true, ...opts };
    this.redis = connect(this.address, false);
    // Errors reach the run through the failing commands; without a listener ioredis would print each one.
    this.redis.on("error", () => {});
    this.queue = new Queue<QueuedJob, JobResult>(this.address.name, { connection: this.redis });
    this.queue.on("error", () => {});
  }

  /** Stores the configurations, the batch's record and its jobs, then waits for every job. */
  async runJobs(batch: JobBatch, opts: BackendRunOptions = {}): Promise<BatchOutcome> {
    opts.signal?.throwIfAborted();
    const byHash = new Map(batch.configs.map((c) => [c.hash, c.config]));
    for (const job of batch.jobs) if (!byHash.has(job.networkHash)) throw new ValueError(`job ${job.index} names network configuration ${job.networkHash}, which the batch does not hold`);
    batch.jobs.forEach((job, k) => {
      if (job.index !== k) throw new ValueError(`jobs must be numbered 0 .. ${batch.jobs.length - 1} in order; job ${k} has index ${job.index}`);
    });
    const batchId = newBatchId();
    const record: BatchRecord = { total: batch.jobs.length, createdAtMs: Date.now(), jobs: batch.jobs, configHashes: [...byHash.keys()], meta: batch.meta ?? null };
    const store = async (indices: number[]): Promise<void> => {
      for (const [hash, config] of byHash) await this.redis.set(keys.config(this.address.name, hash), JSON.stringify(config), "EX", KEEP_S);
      await this.redis.set(keys.batch(this.address.name, batchId), JSON.stringify(record));
      await this.addJobs(batchId, indices.map((k) => batch.jobs[k]));
    };
    await store(batch.jobs.map((_, k) => k));
    opts.onSubmitted?.(batchId);
    return this.watch(batchId, record, opts, store);
  }

  /** Waits for batch `batchId` (submitted earlier, by any process) and returns its outcomes. */
  async attach(batchId: string, opts: BackendRunOptions = {}): Promise<BatchOutcome> {
    const text = await this.redis.get(keys.batch(this.address.name, batchId));
    if (text === null) throw new ValueError(`batch '${batchId}' is not in Redis at ${this.address.url} (queue '${this.address.name}'): wrong ID or queue, collected already, or lost by Redis`);
    const record = JSON.parse(text) as BatchRecord;
    return this.watch(batchId, record, opts, (missing) => this.readd(batchId, record, missing));
  }

  /** Removes a batch's jobs (with their results) and record from Redis; running jobs are left to finish. */
  async forget(batchId: string): Promise<void> {
    const text = await this.redis.get(keys.batch(this.address.name, batchId));
    if (text === null) return;
    const { total } = JSON.parse(text) as BatchRecord;
    await Promise.all(Array.from({ length: total }, (_, k) => this.queue.remove(jobId(batchId, k))));
    await this.redis.del(keys.batch(this.address.name, batchId));
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.redis.disconnect();
  }

  private async addJobs(batchId: string, jobs: BatchJob[]): Promise<void> {
    // A job ID that is already there (a finished or running job) is left as it is.
    await this.queue.addBulk(
      jobs.map((job) => ({
        name: "simulate",
        data: { batchId, job },
        opts: { jobId: jobId(batchId, job.index), attempts: this.o.attempts, backoff: { type: "exponential", delay: this.o.backoffMs }, removeOnComplete: { age: KEEP_S }, removeOnFail: { age: KEEP_S } },
      })),
    );
  }

  /** Adds jobs Redis no longer has, from the batch's record (its configurations must still be there). */
  private async readd(batchId: string, record: BatchRecord, missing: number[]): Promise<void> {
    for (const hash of record.configHashes) {
      if ((await this.redis.exists(keys.config(this.address.name, hash))) === 0) {
        throw new BatchError(`batch '${batchId}': network configuration ${hash} is no longer in Redis, so its lost jobs cannot be added again; submit the batch again`);
      }
    }
    await this.addJobs(batchId, missing.map((k) => record.jobs[k]));
  }

  /** A finished job's outcome: its result, or the error of its last try. */
  private async outcome(batchId: string, index: number): Promise<JobOutcome> {
    const id = jobId(batchId, index);
    const [state, job] = await Promise.all([this.queue.getJobState(id), Job.fromId<QueuedJob, JobResult>(this.queue, id)]);
    if (state === "completed" && job?.returnvalue?.index === index) return { ok: true, result: job.returnvalue };
    if (state === "completed") throw new BatchError(`job ${id} completed without a result for index ${index}`);
    return { ok: false, index, params: job?.data.job?.params ?? {}, error: job?.failedReason || `job ${id} failed without a message` };
  }

  /**
   * Polls the batch's unfinished jobs until every one has finished; reports progress; re-adds jobs
   * Redis lost with `readd`; removes the waiting jobs when `opts.signal` aborts.
   */
  private async watch(batchId: string, record: BatchRecord, opts: BackendRunOptions, readd: (missing: number[]) => Promise<void>): Promise<BatchOutcome> {
    const { total } = record;
    const outcomes: (JobOutcome | undefined)[] = new Array(total);
    let pending = Array.from({ length: total }, (_, k) => k);
    const startedMs = Date.now();
    let lastAnswerMs = startedMs;
    let finishedHere = 0;
    for (;;) {
      if (opts.signal?.aborted) {
        await this.cancel(batchId, pending);
        throw opts.signal.reason;
      }
      let active = 0;
      try {
        const fields = await Promise.all(pending.map((k) => this.redis.hmget(this.queue.toKey(jobId(batchId, k)), "timestamp", "finishedOn", "processedOn")));
        const missing = pending.filter((_, i) => fields[i][0] === null);
        const finished = pending.filter((_, i) => fields[i][0] !== null && fields[i][1] !== null);
        active = fields.filter(([added, finishedOn, processedOn]) => added !== null && finishedOn === null && processedOn !== null).length;
        const got = await Promise.all(finished.map((k) => this.outcome(batchId, k)));
        finished.forEach((k, i) => (outcomes[k] = got[i]));
        finishedHere += finished.length;
        if (missing.length > 0) await readd(missing);
        pending = pending.filter((k) => outcomes[k] === undefined);
        lastAnswerMs = Date.now();
      } catch (e) {
        if (e instanceof BatchError) throw e;
        const silentS = (Date.now() - lastAnswerMs) / 1000;
        if (silentS * 1000 >= this.o.redisTimeoutMs) {
          throw new Error(`Redis at ${this.address.url} has not answered for ${silentS.toFixed(0)} s (${(e as Error).message}); batch '${batchId}' can be re-attached to once it is back`);
        }
      }
      opts.onProgress?.(this.progress(batchId, outcomes, pending.length, active, finishedHere, startedMs));
      if (pending.length === 0) break;
      await sleep(this.o.pollMs, opts.signal);
    }
    if (this.o.removeWhenCollected) await this.forget(batchId);
    return { batchId, outcomes: outcomes as JobOutcome[], meta: record.meta };
  }

  private progress(batchId: string, outcomes: (JobOutcome | undefined)[], pending: number, active: number, finishedHere: number, startedMs: number): QueueProgress {
    const failed = outcomes.filter((o) => o?.ok === false).length;
    const done = outcomes.length - pending - failed;
    const minutes = (Date.now() - startedMs) / 60_000;
    const ratePerMin = finishedHere > 0 && minutes > 0 ? finishedHere / minutes : 0;
    const etaS = ratePerMin > 0 ? (pending / ratePerMin) * 60 : pending === 0 ? 0 : null;
    return { batchId, total: outcomes.length, done, failed, active: Math.min(active, pending), waiting: Math.max(0, pending - active), ratePerMin, etaS };
  }

  /** Cancellation: removes the batch's waiting jobs and its record (running jobs cannot be removed; they finish). */
  private async cancel(batchId: string, pending: number[]): Promise<void> {
    await Promise.all(pending.map((k) => this.queue.remove(jobId(batchId, k)).catch(() => 0)));
    await this.redis.del(keys.batch(this.address.name, batchId)).catch(() => 0);
  }
}

/** The BullMQ backend of `{ queue: "redis://HOST:PORT[/NAME]", name }`. */
export async function redisBackend(spec: QueueSpec, opts: RedisBackendOptions = {}): Promise<RedisJobBackend> {
  return new RedisJobBackend(spec, opts);
}
