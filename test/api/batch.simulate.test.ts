/**
 * BatchSimulate (hnn-core 0.6.1 batch_simulate.py) on the built package (dist/index.js, worker
 * threads) and its plain jobs: every result is the one simulateDipole gives for the same network
 * alone (this thread, sources), to the last bit; files, summaries, errors and cancellation.
 */
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as src from "../../bindings/index";

type Api = typeof import("../../bindings/index");
const pooled = (await import(new URL("../../dist/index.js", import.meta.url).href)) as Api;
const small = (api: Api, drives = true) => api.jones2009Model({ addDrivesFromParams: drives, meshShape: [3, 3] });
const TSTOP = 30;

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), "hnn-wasm-batch-"));
  made.push(dir);
  return dir;
}

/** simulateDipole alone, in this thread, on a copy of `net` with `set` applied. */
async function alone(set: (net: src.Network) => void, opts: { tstop: number; nTrials?: number }) {
  const net = small(src);
  set(net);
  const dpl = await src.simulateDipole(net, { tstop: opts.tstop, nTrials: opts.nTrials ?? 1 });
  return { dpl, spikes: net.cellResponse! };
}

function expectSameDipole(a: src.Dipole, b: src.Dipole): void {
  expect(Array.from(a.times)).toEqual(Array.from(b.times));
  for (const layer of ["agg", "L2", "L5"] as const) expect(Array.from(a.data[layer]!), layer).toEqual(Array.from(b.data[layer]!));
}

describe("paramCombinations", () => {
  it("is itertools.product (last key fastest) or zip (shortest list)", () => {
    expect(src.paramCombinations({ a: [1, 2], b: [3, 4, 5] })).toEqual([
      { a: 1, b: 3 }, { a: 1, b: 4 }, { a: 1, b: 5 }, { a: 2, b: 3 }, { a: 2, b: 4 }, { a: 2, b: 5 },
    ]);
    expect(src.paramCombinations({ a: [1, 2], b: [3, 4, 5] }, false)).toEqual([{ a: 1, b: 3 }, { a: 2, b: 4 }]);
    expect(() => src.paramCombinations([] as never)).toThrow("param_grid must be an instance of dict, got <class 'list'> instead");
    expect(() => src.paramCombinations({ a: 3 } as never)).toThrow("param_grid['a'] must be a list of values, got number");
  });
});

describe("BatchSimulate with nJobs 2 (worker threads)", () => {
  const grid = { "drives.evprox1.mu": [8, 11, 14, 17], "drives.evprox1.weightsAmpa.L5_pyramidal": [0.0005, 0.002, 0.008, 0.03] };

  it("16 simulations of a parameter-path grid, each identical to the same simulation alone", async () => {
    const batch = new pooled.BatchSimulate({ net: small(pooled), tstop: TSTOP, saveSpiking: true });
    let last = { done: 0, total: 0, fraction: 0 };
    const t0 = performance.now();
    const out = await batch.run(grid, { nJobs: 2, onProgress: (p) => (last = p) });
    console.log(`16 simulations (3x3 network, ${TSTOP} ms) with nJobs 2: ${(performance.now() - t0).toFixed(0)} ms`);
    const results = out!.simulatedData!.flat();
    expect(results.map((r) => r.paramValues)).toEqual(src.paramCombinations(grid));
    expect(last).toEqual({ done: 16, total: 16, fraction: 1 });
    for (const r of results) {
      const ref = await alone((net) => src.setParamPaths(net, r.paramValues), { tstop: TSTOP });
      expectSameDipole(r.dpl![0], ref.dpl[0]);
      expect(r.spiking!.spikeTimes).toEqual(ref.spikes.spikeTimes);
      expect(r.spiking!.spikeGids).toEqual(ref.spikes.spikeGids);
      expect(r.net.externalDrives.evprox1.dynamics).toMatchObject({ mu: r.paramValues["drives.evprox1.mu"] });
    }
    // Both parameters change the simulation: 16 different dipoles.
    expect(new Set(results.map((r) => r.dpl![0].data.agg.join(","))).size).toBe(16);
  });

  it("a setParams function (hnn-core's example: add a drive), with 2 trials", async () => {
    const setParams = (net: src.Network, p: src.ParamValues): void => {
      const w = p.weight as number;
      net.addEvokedDrive("evprox", {
        mu: 10, sigma: 3, numspikes: 1, location: "proximal",
        weightsAmpa: { L2_basket: w, L2_pyramidal: w, L5_basket: w, L5_pyramidal: w },
        synapticDelays: { L2_basket: 0.1, L2_pyramidal: 0.1, L5_basket: 1.0, L5_pyramidal: 1.0 },
      });
    };
    const batch = new pooled.BatchSimulate({ net: small(pooled, false), setParams, tstop: 20, nTrials: 2 });
    const out = await batch.run({ weight: [0.001, 0.01, 0.05] }, { nJobs: 2 });
    const results = out!.simulatedData![0];
    expect(results.length).toBe(3);
    for (const r of results) {
      const ref = await alone((net) => { net.clearDrives(); setParams(net, r.paramValues); }, { tstop: 20, nTrials: 2 });
      expect(r.dpl!.length).toBe(2);
      r.dpl!.forEach((d, t) => expectSameDipole(d, ref.dpl[t]));
    }
  });

  it("cancels: the promise rejects with an AbortError and the next batch runs", async () => {
    const controller = new AbortController();
    const batch = new pooled.BatchSimulate({ net: small(pooled), tstop: 300 });
    const run = batch.run(grid, { nJobs: 2, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
    const again = await new pooled.BatchSimulate({ net: small(pooled), tstop: 5 }).run({ "drives.evprox1.mu": [1, 2] }, { nJobs: 2 });
    expect(again!.simulatedData![0].map((r) => r.dpl![0].times.length)).toEqual([201, 201]);
    await expect(batch.run(grid, { signal: AbortSignal.abort(new Error("stop")) })).rejects.toThrow("stop");
  });

  it("a failing simulation stops the batch with its error", async () => {
    const batch = new pooled.BatchSimulate({
      net: small(pooled),
      tstop: 10,
      setParams: (net, p) => {
        if (p.mu === 3) throw new src.ValueError("mu 3 is not allowed here");
        net.externalDrives.evprox1.dynamics = { ...net.externalDrives.evprox1.dynamics, mu: p.mu as number };
      },
    });
    await expect(batch.run({ mu: [1, 2, 3, 4] }, { nJobs: 2 })).rejects.toThrow("mu 3 is not allowed here");
  });
});

describe("jobs are plain data", () => {
  it("a job and its network survive JSON and give simulateDipole's result; equal networks share a hash", async () => {
    const net = small(src);
    src.setParamPaths(net, { "connectivity.0.weight": 0.01 });
    const { hash, config } = await src.hashedNetworkConfig(net);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await src.hashedNetworkConfig(net.copy())).hash).toBe(hash);
    const other = net.copy();
    src.setParamPaths(other, { "drives.evdist1.sigma": 4 });
    expect((await src.hashedNetworkConfig(other)).hash).not.toBe(hash);
    const job: src.BatchJob = {
      index: 0, networkHash: hash, params: { "drives.evdist1.sigma": 4 }, applyParamPaths: true,
      tstop: 25, dt: 0.025, nTrials: 1, recordVsec: false, recordIsec: false, postproc: false,
      outputs: { dpl: true, spiking: true, lfp: false, voltages: false, currents: false },
    };
    const wire = JSON.parse(JSON.stringify(job)) as src.BatchJob;
    const result = JSON.parse(JSON.stringify(await src.runBatchJob(wire, JSON.parse(JSON.stringify(config))))) as src.JobResult;
    const dpl = await src.simulateDipole(other, { tstop: 25 });
    expectSameDipole(src.dipoleFromData(result.dpl![0]), dpl[0]);
    expect(result.spiking!.spikeGids).toEqual(other.cellResponse!.spikeGids);
  });
});

describe("result files", () => {
  it("saveLfp: each electrode array's potentials, saved and loaded back, equal to the run alone", async () => {
    const folder = tmp();
    const withArray = small(src);
    withArray.addElectrodeArray("shank", [[0, 0, 100], [0, 0, 600], [0, 0, 1100]]);
    const batch = new src.BatchSimulate({ net: withArray, tstop: 10, saveOutputs: true, saveFolder: folder, saveLfp: true });
    const out = await batch.run({ "drives.evprox1.mu": [2, 4] });
    const runs = out!.simulatedData!.flat();
    const loaded = batch.loadAllResults()[0];
    for (const [k, r] of runs.entries()) {
      const ref = withArray.copy();
      src.setParamPaths(ref, r.paramValues);
      await src.simulateDipole(ref, { tstop: 10 });
      const want = ref.recArrays.shank.toDict();
      expect(r.lfp!.shank).toEqual(want);
      expect(loaded.lfp![k]!.shank).toEqual(want);
      expect(want.voltages[0]![1]!.some((v) => v !== 0)).toBe(true);
    }
  });

  it("saves one JSON file per batch, loads them back exactly; summaryFunc per batch; clearCache; overwrite", async () => {
    const folder = tmp();
    const summaries: number[] = [];
    const batch = new src.BatchSimulate({
      net: small(src), tstop: 12, batchSize: 3, saveOutputs: true, saveFolder: folder, saveSpiking: true, clearCache: true,
      summaryFunc: (results) => results.map((r) => (summaries.push(r.dpl![0].data.agg[479]), Math.max(...r.dpl![0].data.agg))),
    });
    const out = await batch.run({ "drives.evprox1.sigma": [1, 2], "drives.evprox1.mu": [3, 5] });
    expect(out).toEqual({ summaryStatistics: [expect.any(Array), expect.any(Array)] });
    expect((out!.summaryStatistics as number[][]).map((s) => s.length)).toEqual([3, 1]);
    expect(readdirSync(folder).sort()).toEqual(["sim_run_0-3.json", "sim_run_3-4.json"]);
    const all = batch.loadAllResults();
    expect(all.map((f) => f.paramValues.length)).toEqual([3, 1]);
    expect(all[1].paramValues).toEqual([{ "drives.evprox1.sigma": 2, "drives.evprox1.mu": 5 }]);
    expect(all.flatMap((f) => f.dpl!.map((d) => d[0].data.agg[479]))).toEqual(summaries);
    expect(Object.keys(all[0]).sort()).toEqual(["dpl", "paramValues", "spiking"]);
    expect(Object.keys(batch.loadResults(join(folder, "sim_run_3-4.json"), ["spiking"])).sort()).toEqual(["paramValues", "spiking"]);
    const strict = new src.BatchSimulate({ net: small(src), tstop: 5, saveOutputs: true, saveFolder: folder, overwrite: false });
    await expect(strict.run({ "drives.evprox1.mu": [1, 2, 3] })).rejects.toThrow(`File ${join(folder, "sim_run_0-3.json")} already exists and overwrite is set to False.`);
  });
});

describe("errors (hnn-core's wording)", () => {
  const net = small(src);
  it("options", () => {
    for (const name of ["saveOutputs", "saveDpl", "saveSpiking", "saveLfp", "saveVoltages", "saveCurrents", "clearCache", "overwrite", "postproc"]) {
      expect(() => new src.BatchSimulate({ net, [name]: "invalid" })).toThrow(new TypeError(`${name} must be an instance of bool, got <class 'str'> instead`));
    }
    expect(() => new src.BatchSimulate({ net, setParams: "invalid" as never })).toThrow(new TypeError("setParams must be a callable function"));
    expect(() => new src.BatchSimulate({ net, summaryFunc: 3 as never })).toThrow(new TypeError("summaryFunc must be a callable function"));
    expect(() => new src.BatchSimulate({ net: "invalid_network" as never })).toThrow(/^net must be an instance of Network, got <class 'str'> instead$/);
    expect(() => new src.BatchSimulate({ net, recordVsec: "invalid" as never })).toThrow("Invalid value for the 'recordVsec' parameter. Allowed values are 'all', 'soma', and False, but got 'invalid' instead.");
    expect(() => new src.BatchSimulate({ net, tstop: "170" as never })).toThrow("tstop must be an instance of int or float");
    expect(() => new src.BatchSimulate({ net, tstop: -1 })).toThrow("tstop must be positive, got -1");
    expect(() => new src.BatchSimulate({ net, nTrials: 1.5 })).toThrow("nTrials must be an instance of int");
    expect(() => new src.BatchSimulate({ net, batchSize: 0 })).toThrow("batchSize must be a positive integer, got 0");
    expect(() => new src.BatchSimulate({ net, saveLfp: 1 as never })).toThrow("saveLfp must be an instance of bool");
  });

  it("run / simulateBatch arguments", async () => {
    const batch = new src.BatchSimulate({ net, tstop: 5 });
    await expect(batch.run("invalid_param_grid" as never)).rejects.toThrow("param_grid must be an instance of dict, got <class 'str'> instead");
    await expect(batch.run({ "drives.evprox1.mu": [1] }, { nJobs: "invalid" as never })).rejects.toThrow("nJobs must be an instance of int, got <class 'str'> instead");
    await expect(batch.simulateBatch("invalid" as never)).rejects.toThrow("paramCombinations must be an instance of list");
  });

  it("parameter paths: each names the path and what is allowed, before any simulation", async () => {
    const cases: [string, unknown, string | RegExp][] = [
      ["network.evprox1.mu", 1, "parameter path 'network.evprox1.mu': unknown root 'network'; a path starts with one of 'drives', 'connectivity', 'biases'"],
      ["drives.evprox9.mu", 1, "no drive 'evprox9'; the network's drives: 'evdist1', 'evprox1', 'evprox2'"],
      ["drives.evprox1.rate", 1, /drive 'evprox1' \(evoked\) has no parameter 'rate'; allowed: 'mu', 'sigma', 'numspikes', 'eventSeed'/],
      ["drives.evdist1.weightsAmpa.L5_basket", 1, "drive 'evdist1' has no AMPA connection to 'L5_basket'; its AMPA targets: 'L2_basket', 'L2_pyramidal', 'L5_pyramidal'"],
      ["connectivity.9999.weight", 1, /connection index must be an integer in \[0, \d+\)/],
      ["connectivity.0.strength", 1, "a connection's parameter must be one of 'weight', 'delay', 'lamtha', 'gain'"],
      ["drives.evprox1.numspikes", 1.5, "value must be an integer, got 1.5"],
      ["drives.evprox1.mu", "20", 'value must be a finite number, got "20"'],
    ];
    for (const [path, value, message] of cases) expect(() => src.setParamPath(net.copy(), path, value), path).toThrow(message);
    let simulated = false;
    const batch = new src.BatchSimulate({ net, tstop: 5 });
    const run = batch.run({ "drives.evprox1.mu": [1, 2], "drives.evprox1.sgima": [1] }, { onProgress: () => (simulated = true) });
    await expect(run).rejects.toThrow("parameter path 'drives.evprox1.sgima'");
    expect(simulated).toBe(false);
  });
});
