/**
 * The Redis queue under faults, with real `hnn-wasm worker` processes: a worker killed with
 * SIGKILL mid-batch (BullMQ's stalled-job check gives its job to the other worker: every job
 * completes exactly once), Redis restarted mid-batch (the batch completes), and Redis gone for
 * good (the submitter fails with a clear error instead of hanging). Every result is compared with
 * runBatchJob in this thread.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Job, Queue } from "bullmq";
import { Redis } from "ioredis";
import { completedIds, findRedis, gridJobs, startRedis, startWorker, stopAll, waitForCompleted, type Proc, type RedisServer } from "../helpers/queueHarness";

type Api = typeof import("../../bindings/node");
type QueueApi = typeof import("../../bindings/queue/index");
const api = (await import(new URL("../../dist/node.js", import.meta.url).href)) as Api;
const queue = (await import(new URL("../../dist/queue.js", import.meta.url).href)) as QueueApi;
const found = findRedis();
const redisPath = (found as { path: string }).path;

const TSTOP = 30;
const GRID = { "drives.evprox1.mu": [8, 11, 14, 17], "drives.evprox1.weightsAmpa.L5_pyramidal": [0.0005, 0.002, 0.008, 0.03] };

/** Every outcome is a result equal to runBatchJob's in this thread. */
async function expectLocalResults(outcomes: import("../../bindings/queue/index").JobOutcome[], batch: Awaited<ReturnType<typeof gridJobs>>): Promise<void> {
  expect(outcomes).toHaveLength(batch.jobs.length);
  for (const [k, o] of outcomes.entries()) {
    expect(o.ok, JSON.stringify(o).slice(0, 200)).toBe(true);
    const local = await api.runBatchJob(batch.jobs[k], batch.configs[0].config);
    expect((o as { result: unknown }).result).toEqual(local);
  }
}

describe.skipIf("reason" in found)("queue faults", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    // Workers before their Redis; every step runs, the first failure is reported.
    const failures: unknown[] = [];
    for (const c of cleanups) await c().catch((e: unknown) => failures.push(e));
    if (failures.length > 0) throw failures[0];
  });

  describe("a worker killed with SIGKILL mid-batch", () => {
    let redis: RedisServer;
    let workers: Proc[];
    beforeAll(async () => {
      redis = await startRedis(redisPath);
      workers = await Promise.all([startWorker(redis.url("kill"), 1500), startWorker(redis.url("kill"), 1500)]);
      cleanups.push(() => stopAll(workers), () => redis.dispose());
    });

    it("every job completes exactly once, on the surviving worker if need be", async () => {
      const batch = await gridJobs(api, GRID, TSTOP);
      const backend = await queue.redisBackend({ queue: redis.url("kill") }, { pollMs: 100, removeWhenCollected: false });
      let batchId = "";
      const t0 = performance.now();
      const run = backend.runJobs(batch, { onSubmitted: (id) => (batchId = id) });
      // On completing a job a BullMQ worker takes the next one: killing it now leaves that job active.
      await waitForCompleted(workers[0], 1);
      workers[0].child.kill("SIGKILL");
      const { outcomes } = await run;
      console.log(`kill -9: 16 jobs done in ${(performance.now() - t0).toFixed(0)} ms; killed worker completed ${completedIds(workers[0]).length}, survivor ${completedIds(workers[1]).length}`);
      await expectLocalResults(outcomes, batch);
      const ids = workers.flatMap(completedIds).sort();
      expect(ids).toEqual(Array.from({ length: 16 }, (_, k) => `${batchId}.${k}`).sort()); // each once, none twice
      // The job the killed worker held was recovered by the stalled-job check.
      const client = new Redis(`redis://127.0.0.1:${redis.port}`, { maxRetriesPerRequest: null });
      const q = new Queue("kill", { connection: client });
      try {
        const jobs = await Promise.all(Array.from({ length: 16 }, (_, k) => Job.fromId(q, `${batchId}.${k}`)));
        expect(jobs.map((j) => j!.finishedOn !== undefined && j!.returnvalue !== null)).toEqual(new Array(16).fill(true));
        expect(jobs.reduce((s, j) => s + j!.stalledCounter, 0)).toBe(1);
      } finally {
        await backend.forget(batchId);
        await q.close();
        client.disconnect();
        await backend.close();
      }
    });
  });

  describe("Redis restarted mid-batch (appendonly)", () => {
    let redis: RedisServer;
    let workers: Proc[];
    beforeAll(async () => {
      redis = await startRedis(redisPath, true);
      workers = await Promise.all([startWorker(redis.url("restart")), startWorker(redis.url("restart"))]);
      cleanups.push(() => stopAll(workers), () => redis.dispose());
    });

    it("the batch completes with every result", async () => {
      const batch = await gridJobs(api, GRID, TSTOP);
      const backend = await queue.redisBackend({ queue: redis.url("restart") }, { pollMs: 100, redisTimeoutMs: 60_000 });
      const t0 = performance.now();
      const run = backend.runJobs(batch);
      await waitForCompleted(workers[0], 2);
      await redis.stop();
      await new Promise((r) => setTimeout(r, 1000));
      await redis.restart();
      const { outcomes } = await run;
      console.log(`Redis restart: 16 jobs done in ${(performance.now() - t0).toFixed(0)} ms`);
      await backend.close();
      await expectLocalResults(outcomes, batch);
    });

    it("Redis gone for good: the submitter fails with a clear error within its timeout", async () => {
      const batch = await gridJobs(api, { "drives.evprox1.mu": [8, 11, 14, 17] }, 200);
      const backend = await queue.redisBackend({ queue: redis.url("restart") }, { pollMs: 100, redisTimeoutMs: 3000 });
      let submitted = false;
      const run = backend.runJobs(batch, { onSubmitted: () => (submitted = true) });
      while (!submitted) await new Promise((r) => setTimeout(r, 20));
      const t0 = performance.now();
      await redis.stop();
      await expect(run).rejects.toThrow(new RegExp(`^Redis at redis://127.0.0.1:${redis.port} has not answered for \\d+ s .*; batch '[\\w-]+' can be re-attached to once it is back$`));
      const waitedMs = performance.now() - t0;
      console.log(`Redis gone: the submitter gave up after ${waitedMs.toFixed(0)} ms`);
      expect(waitedMs).toBeLessThan(15_000);
      await backend.close();
      await redis.restart(); // for the workers' clean stop
    });
  });
});
