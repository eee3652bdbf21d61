/**
 * BatchSimulate.run on the Redis queue (`backend: { queue }`, dist/node.js) with two `hnn-wasm
 * worker` processes: a 16-simulation grid gives the same summaries, dipoles and spikes, to the
 * last bit, as BatchSimulate with the local pool; the network configuration is stored once, and
 * the batch's jobs and record are gone from Redis once collected.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { findRedis, startRedis, startWorker, stopAll, completedIds, type Proc, type RedisServer } from "../helpers/queueHarness";

type Api = typeof import("../../bindings/node");
const api = (await import(new URL("../../dist/node.js", import.meta.url).href)) as Api;
const found = findRedis();

const TSTOP = 20;
const GRID = { "drives.evprox1.mu": [8, 11, 14, 17], "drives.evprox1.weightsAmpa.L5_pyramidal": [0.0005, 0.002, 0.008, 0.03] };
const small = () => api.jones2009Model({ addDrivesFromParams: true, meshShape: [3, 3] });
/** Peak |agg| and spike count per simulation. */
const summary = (results: import("../../bindings/node").BatchResult[]) => results.map((r) => ({ params: r.paramValues, peak: Math.max(...r.dpl![0].data.agg.map(Math.abs)), spikes: r.spiking!.spikeTimes[0].length }));

describe.skipIf("reason" in found)("BatchSimulate on a Redis queue with two workers", () => {
  let redis: RedisServer;
  let workers: Proc[] = [];
  beforeAll(async () => {
    redis = await startRedis((found as { path: string }).path);
    workers = await Promise.all([startWorker(redis.url("grid")), startWorker(redis.url("grid"))]);
  });
  afterAll(async () => {
    try {
      await stopAll(workers);
    } finally {
      await redis?.dispose();
    }
  });

  it("16 simulations: summaries, dipoles and spikes identical to the local pool's", async () => {
    const batch = new api.BatchSimulate({ net: small(), tstop: TSTOP, saveSpiking: true, batchSize: 8, summaryFunc: summary });
    let t0 = performance.now();
    const local = await batch.run(GRID, { nJobs: 2 });
    const localMs = performance.now() - t0;
    const seen: import("../../bindings/node").BatchProgress[] = [];
    let batchId = "";
    t0 = performance.now();
    const queued = await batch.run(GRID, { backend: { queue: redis.url("grid") }, onSubmitted: (id) => (batchId = id), onProgress: (p) => seen.push(p) });
    console.log(`16 simulations (3x3, ${TSTOP} ms): local pool (nJobs 2) ${localMs.toFixed(0)} ms, queue with 2 workers ${(performance.now() - t0).toFixed(0)} ms`);

    expect(queued!.summaryStatistics).toEqual(local!.summaryStatistics);
    expect(queued!.summaryStatistics).toHaveLength(2); // batchSize 8: two summaries
    const [q, l] = [queued!.simulatedData!.flat(), local!.simulatedData!.flat()];
    expect(q.map((r) => r.paramValues)).toEqual(api.paramCombinations(GRID));
    q.forEach((r, k) => {
      expect(r.error).toBeUndefined();
      for (const layer of ["agg", "L2", "L5"] as const) expect(Array.from(r.dpl![0].data[layer]!)).toEqual(Array.from(l[k].dpl![0].data[layer]!));
      expect(r.spiking).toEqual(l[k].spiking);
    });
    expect(new Set(q.map((r) => r.dpl![0].data.agg.join(","))).size).toBe(16);

    const last = seen[seen.length - 1];
    expect(last).toMatchObject({ done: 16, total: 16, fraction: 1, queue: { batchId, total: 16, done: 16, failed: 0, active: 0, waiting: 0, etaS: 0 } });
    expect(last.queue!.ratePerMin).toBeGreaterThan(0);
    // Each job ran once, on one of the two workers.
    const ids = workers.flatMap(completedIds);
    expect(ids.sort()).toEqual(Array.from({ length: 16 }, (_, k) => `${batchId}.${k}`).sort());

    const client = new Redis(`redis://127.0.0.1:${redis.port}`);
    try {
      const configKeys = await client.keys("hnn-wasm:grid:config:*");
      expect(configKeys).toHaveLength(1); // one network configuration for the whole grid
      const hash = configKeys[0].split(":").pop()!;
      expect(hash).toBe((await api.hashedNetworkConfig(small())).hash);
      expect(await client.keys(`hnn-wasm:grid:batch:*`)).toEqual([]);
      expect(await client.zcard("bull:grid:completed")).toBe(0);
    } finally {
      client.disconnect();
    }
  });
});
