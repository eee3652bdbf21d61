/**
 * Optimizer.fit on the Redis queue (`backend: { queue }`, dist/node.js) with two `hnn-wasm worker`
 * processes: CMA-ES (popsize 4, 2 generations) on a 3×3 network, 20 ms, each evaluation one job.
 * The fitted values, the convergence curve and every evaluation equal the local fit's to the bit,
 * and each evaluation ran as exactly one job on a worker.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRedis, startRedis, startWorker, stopAll, completedIds, type Proc, type RedisServer } from "../helpers/queueHarness";

type Api = typeof import("../../bindings/node");
type Network = import("../../bindings/node").Network;
type Evaluation = import("../../bindings/optim/optimizer").OptimizerEvaluation;
const api = (await import(new URL("../../dist/node.js", import.meta.url).href)) as Api;
const found = findRedis();

const TSTOP = 20;
const base = (): Network => api.jones2009Model({ meshShape: [3, 3] });
function setParams(net: Network, p: Record<string, number>): void {
  net.addEvokedDrive("evprox1", { mu: p.mu, sigma: 2, numspikes: 1, location: "proximal", weightsAmpa: { L2_pyramidal: 0.02, L5_pyramidal: p.w }, synapticDelays: 0.1 });
}

describe.skipIf("reason" in found)("Optimizer.fit on a Redis queue with two workers", () => {
  let redis: RedisServer;
  let workers: Proc[] = [];
  beforeAll(async () => {
    redis = await startRedis((found as { path: string }).path);
    workers = await Promise.all([startWorker(redis.url("fit")), startWorker(redis.url("fit"))]);
  });
  afterAll(async () => {
    try {
      await stopAll(workers);
    } finally {
      await redis?.dispose();
    }
  });

  it("CMA-ES: obj_, optParams_ and every evaluation identical to the local fit", async () => {
    const truth = base();
    setParams(truth, { mu: 10, w: 0.012 });
    const target = (await api.simulateDipole(truth, { tstop: TSTOP, nTrials: 1 }))[0];
    const fit = async (backend?: { queue: string }) => {
      const opt = new api.Optimizer(base(), { tstop: TSTOP, constraints: { mu: [5, 15], w: [0.004, 0.03] }, setParams, initialParams: { mu: 13, w: 0.006 }, solver: "cma", maxIter: 2 });
      const evals: Evaluation[] = [];
      await opt.fit({ target, popsize: 4, tolfun: 1e-9, backend, onEvaluation: (e) => evals.push(e) });
      return { opt, evals: evals.sort((a, b) => a.objective - b.objective).map(({ params, objective }) => ({ params, objective })) };
    };
    const local = await fit();
    const queued = await fit({ queue: redis.url("fit") });
    expect(queued.opt.obj_).toEqual(local.opt.obj_);
    expect(queued.opt.optParams_).toEqual(local.opt.optParams_);
    expect(queued.evals).toEqual(local.evals);
    expect(local.evals).toHaveLength(8);
    expect(new Set(local.evals.map((e) => e.objective)).size).toBeGreaterThan(1);
    expect(workers.flatMap(completedIds)).toHaveLength(8); // one job per evaluation
  });
});
