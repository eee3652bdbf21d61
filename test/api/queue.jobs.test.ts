/**
 * The submitter's side of the Redis queue with real `hnn-wasm worker` processes: malformed jobs
 * fail with their message (not retried) while the others complete; cancelling removes the waiting
 * jobs; and `hnn-wasm batch --queue` killed with SIGKILL mid-batch, then `--resume ID`, writes the
 * same folder as a local `hnn-wasm batch`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { CLI, cleanup, completedIds, findRedis, gridJobs, startRedis, startWorker, stopAll, tempDir, waitForCompleted, type Proc, type RedisServer } from "../helpers/queueHarness";

type Api = typeof import("../../bindings/node");
type QueueApi = typeof import("../../bindings/queue/index");
const api = (await import(new URL("../../dist/node.js", import.meta.url).href)) as Api;
const queue = (await import(new URL("../../dist/queue.js", import.meta.url).href)) as QueueApi;
const found = findRedis();

const made: string[] = [];
/** Runs the CLI without blocking this process (the workers' output keeps arriving). */
function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on("close", (status) => resolve({ status, stdout, stderr })));
}

/** Every file under `dir` (relative path -> text). */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out[join(e.parentPath, e.name).slice(dir.length + 1)] = readFileSync(join(e.parentPath, e.name), "utf8");
  }
  return out;
}

describe.skipIf("reason" in found)("queued jobs", () => {
  let redis: RedisServer;
  let workers: Proc[];
  beforeAll(async () => {
    redis = await startRedis((found as { path: string }).path);
    workers = await Promise.all([startWorker(redis.url("jobs")), startWorker(redis.url("jobs"))]);
  });
  afterAll(async () => {
    try {
      await stopAll(workers);
    } finally {
      await redis?.dispose();
      cleanup(made);
    }
  });

  it("malformed jobs fail with their message, once; the others complete", async () => {
    const batch = await gridJobs(api, { "drives.evprox1.mu": [8, 11, 14, 17, 20] }, 20);
    batch.jobs[1] = { ...batch.jobs[1], params: { "drives.nope.mu": 3 } };
    batch.jobs[3] = { ...batch.jobs[3], tstop: "long" as unknown as number };
    const backend = await queue.redisBackend({ queue: redis.url("jobs") }, { pollMs: 100 });
    const { batchId, outcomes } = await backend.runJobs(batch);
    await backend.close();
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true, false, true]);
    expect(outcomes[1]).toEqual({ ok: false, index: 1, params: { "drives.nope.mu": 3 }, error: expect.stringMatching(/^ValueError: parameter path 'drives.nope.mu': .*'nope'/) });
    expect(outcomes[3]).toMatchObject({ ok: false, index: 3, error: expect.stringMatching(/^TypeError: .*tstop/) });
    for (const k of [0, 2, 4]) expect((outcomes[k] as { result: unknown }).result).toEqual(await api.runBatchJob(batch.jobs[k], batch.configs[0].config));
    // Bad input is not retried: one failed try each.
    const failedLines = workers.flatMap((w) => w.lines.filter((l) => l.startsWith(`failed ${batchId}.`)));
    expect(failedLines.map((l) => l.split(" ")[1]).sort()).toEqual([`${batchId}.1`, `${batchId}.3`]);
    expect(failedLines.every((l) => l.includes("(try 1 of 3)"))).toBe(true);
  });

  it("cancelling removes the waiting jobs and rejects with the signal's reason", async () => {
    const batch = await gridJobs(api, { "drives.evprox1.mu": [8, 11, 14, 17, 20, 23, 26, 29] }, 20);
    const backend = await queue.redisBackend({ queue: redis.url("cancelled") }, { pollMs: 100 }); // a queue no worker serves
    const controller = new AbortController();
    const run = backend.runJobs(batch, { signal: controller.signal, onSubmitted: () => controller.abort(new Error("enough")) });
    await expect(run).rejects.toThrow("enough");
    await backend.close();
    const client = new Redis(`redis://127.0.0.1:${redis.port}`, { maxRetriesPerRequest: null });
    const q = new Queue("cancelled", { connection: client });
    expect(await q.getJobCounts("waiting", "active", "delayed")).toEqual({ waiting: 0, active: 0, delayed: 0 });
    expect(await client.keys("hnn-wasm:cancelled:batch:*")).toEqual([]);
    await q.close();
    client.disconnect();
  });

  it("hnn-wasm batch --queue killed mid-batch, then --resume ID: the folder a local batch writes", async () => {
    const dir = tempDir(made, "hnn-wasm-queue-cli-");
    const network = join(dir, "network.json");
    writeFileSync(network, api.writeNetworkConfiguration(api.jones2009Model({ addDrivesFromParams: true, meshShape: [3, 3] })));
    const grid = join(dir, "grid.json");
    writeFileSync(grid, JSON.stringify({ "drives.evprox1.mu": [8, 11, 14, 17], "connectivity.28.weight": [0.01, 0.025] }));
    const common = ["--network", network, "--grid", grid, "--tstop", "30"];
    const local = await cli(["batch", ...common, "--jobs", "2", "--out", join(dir, "local")]);
    expect(local.status, local.stderr).toBe(0);

    const out = join(dir, "queued");
    const before = workers.flatMap(completedIds).length;
    const submitter = spawn(process.execPath, [CLI, "batch", ...common, "--queue", redis.url("jobs"), "--out", out], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    submitter.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise((resolve) => submitter.on("exit", resolve));
    await Promise.race([waitForCompleted(workers[0], completedIds(workers[0]).length + 1), exited]);
    submitter.kill("SIGKILL");
    await exited;
    expect(workers.flatMap(completedIds).length - before).toBeLessThan(8); // killed mid-batch
    const id = /^batch (\S+) queued on redis:\/\/127\.0\.0\.1:\d+ \(queue 'jobs'\); re-attach with: hnn-wasm batch --resume \1 --queue /m.exec(stderr)?.[1];
    expect(id, stderr).toBeDefined();
    expect(readdirSync(dir)).not.toContain("queued"); // the killed submitter wrote nothing

    const resumed = await cli(["batch", "--resume", id!, "--queue", redis.url("jobs"), "--out", out]);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/^wrote 8 simulation\(s\) of 30 ms \(1 trial\(s\) each\) to /);
    expect(tree(out)).toEqual(tree(join(dir, "local")));
    expect(Object.keys(tree(out))).toHaveLength(17);
    await new Promise((r) => setTimeout(r, 300)); // the workers' last lines
    expect(workers.flatMap(completedIds).length - before).toBe(8); // each simulation ran once
    // Collected: the batch is gone, so resuming again says so.
    const again = await cli(["batch", "--resume", id!, "--queue", redis.url("jobs"), "--out", join(dir, "again")]);
    expect(again.status).toBe(1);
    expect(again.stderr.trim()).toBe(`hnn-wasm: error: batch '${id}' is not in Redis at redis://127.0.0.1:${redis.port} (queue 'jobs'): wrong ID or queue, collected already, or lost by Redis`);
  });
});
