/**
 * Resource limits before allocation (issue 13): the calls of "Why" fail with a clear error in under
 * a second, the memory estimate tracks what the engine and the results really hold, and every
 * build and simulate path refuses past `maxMemoryBytes` before it allocates, naming the estimate
 * and its largest parts. The engine's own allocation failures surface as the same error class.
 */
import { describe, expect, it } from "vitest";
import { addErpDrivesToJonesModel, DEFAULT_MAX_MEMORY_BYTES, jones2009Model, MemoryLimitError, simulateDipole, ValueError } from "../../bindings/index";
import { instantiateDrives } from "../../bindings/model/eventTimes";
import { Network } from "../../bindings/model/network";
import { DEFAULT_PARAMS } from "../../bindings/model/paramsDefault";
import { compileView } from "../../bindings/simulate/simulateDipole";
import { lowerTrial } from "../../bindings/simulate/lower";
import { TrialPartition, type TrialOptions } from "../../bindings/simulate/runTrial";
import { MAX_STEPS, simulationParts } from "../../bindings/simulate/simulationMemory";
import { errorFromWire, errorToWire } from "../../bindings/util/validate";
import { loadEngine, newEngineInstance } from "../../bindings/wasm";

/** Runs `call`, returns its error and how long it took (ms). */
async function failure(call: () => unknown): Promise<{ error: unknown; ms: number }> {
  const t0 = performance.now();
  try {
    await call();
  } catch (error) {
    return { error, ms: performance.now() - t0 };
  }
  throw new Error("expected the call to fail");
}

describe('the three calls of issue 13 "Why" fail clearly in under a second', () => {
  it("jones2009Model({ meshShape: [300, 300] }) refuses its 240000 cells", async () => {
    const { error, ms } = await failure(() => jones2009Model({ meshShape: [300, 300] }));
    expect(error).toBeInstanceOf(MemoryLimitError);
    expect(error).toBeInstanceOf(ValueError);
    expect((error as Error).message).toMatch(/^Network\(meshShape: \[300, 300\]\) would need about \d+\.\d GiB, more than maxMemoryBytes \(2\.0 GiB\); largest parts: cells \(240000\) .*Use a smaller meshShape, or raise maxMemoryBytes\.$/);
    expect(ms).toBeLessThan(1000);
  });

  it.each([
    ["tstop 1e7", { tstop: 1e7 }, /^tstop \(10000000 ms\) \/ dt \(0\.025 ms\) gives 4\.00e\+8 steps, more than the 134217725 one trial can record; shorten tstop or increase dt/],
    ["tstop 1, dt 1e-9", { tstop: 1, dt: 1e-9 }, /^tstop \(1 ms\) \/ dt \(1e-9 ms\) gives 1\.00e\+9 steps, more than the 134217725 one trial can record/],
  ])("simulateDipole(net, %s) refuses the step count", async (_, opts, message) => {
    const net = jones2009Model();
    const { error, ms } = await failure(() => simulateDipole(net, opts));
    expect(error).toBeInstanceOf(ValueError);
    expect((error as Error).message).toMatch(message);
    expect(ms).toBeLessThan(1000);
  });

  it("the step cap is the engine's: samples (steps + 1) fill one array of at most 2^30 - 16 bytes", () => {
    expect((MAX_STEPS + 1) * 8).toBeLessThanOrEqual(2 ** 30 - 16);
    expect((MAX_STEPS + 2) * 8).toBeGreaterThan(2 ** 30 - 16);
  });
});

describe("the memory estimate", () => {
  /** Engine memory after initialize plus the outputs copied to JavaScript, for one trial. */
  async function measured(meshShape: [number, number], tstopMs: number, record: false | "soma" | "all"): Promise<{ estimate: number; actual: number }> {
    const net = jones2009Model({ meshShape });
    addErpDrivesToJonesModel(net);
    const sizes = { tstopMs, dtMs: 0.025, nTrials: 1, nJobs: 1, recordVsec: record, recordIsec: record, recordCa: false, useStoredEvents: false } as const;
    const estimate = simulationParts(net, sizes).reduce((sum, p) => sum + p.bytes, 0);
    instantiateDrives(net, tstopMs, 1);
    const opts: TrialOptions = { tstopMs, dtMs: 0.025, trialIdx: 0, celsius: 37, recordVsec: record, recordIsec: record };
    const partition = new TrialPartition(await loadEngine(), lowerTrial(compileView(net), opts), opts);
    const engineBytes = (partition as unknown as { engine: { memory: WebAssembly.Memory } }).engine.memory.buffer.byteLength;
    const result = partition.finish();
    let jsBytes = result.times.byteLength;
    for (const d of result.dipoleShards) jsBytes += d.trace.byteLength;
    for (const traces of [result.vsec, result.isec]) for (const m of traces.values()) for (const t of m.values()) jsBytes += t.byteLength;
    return { estimate, actual: engineBytes + jsBytes };
  }

  // The engine's memory grows by doubling, so what it holds is known within a factor 2.
  it.each([
    ["NetCons dominate: mesh [10, 10], 20 ms", [10, 10], 20, false],
    ["traces dominate: mesh [5, 5], 200 ms, every trace", [5, 5], 200, "all"],
    ["soma traces: mesh [5, 5], 300 ms", [5, 5], 300, "soma"],
  ] as const)("is within a factor 2 of the memory used (%s)", async (_, mesh, tstop, record) => {
    const { estimate, actual } = await measured([mesh[0], mesh[1]], tstop, record);
    expect(estimate / actual).toBeGreaterThan(0.5);
    expect(estimate / actual).toBeLessThan(2);
  });

  it("counts every trial held at once, and only those in a worker pool", () => {
    const net = jones2009Model();
    const base = { tstopMs: 100, dtMs: 0.025, recordVsec: "all", recordIsec: false, recordCa: false, useStoredEvents: false } as const;
    const traces = (nTrials: number, nJobs: number) => simulationParts(net, { ...base, nTrials, nJobs }).find((p) => p.what.startsWith("recorded traces"))!.bytes;
    // In this thread every trial's engine stays (3 per trace: 2 in the engine, 1 copied out) ...
    expect(traces(4, 1)).toBe(4 * traces(1, 1));
    // ... with 2 workers, 2 engines at once and 4 copies out: (2 · 2 + 4) / (2 + 1).
    expect(traces(4, 2) / traces(1, 1)).toBeCloseTo(8 / 3, 12);
  });
});

describe("maxMemoryBytes", () => {
  it("defaults to 2 GiB and can be raised or lowered per network and per run", async () => {
    expect(DEFAULT_MAX_MEMORY_BYTES).toBe(2 * 2 ** 30);
    expect(jones2009Model().maxMemoryBytes).toBe(DEFAULT_MAX_MEMORY_BYTES);
    expect(() => jones2009Model({ maxMemoryBytes: 1e6 })).toThrow(/^Network\(meshShape: \[10, 10\]\) would need about 6\.\d MiB, more than maxMemoryBytes \(976\.6 KiB\)/);
    // A limit just below what a 200 ms run of a 3 × 3 mesh needs: the network is built, the run refused ...
    const sizes = { tstopMs: 200, dtMs: 0.025, nTrials: 1, nJobs: 1, recordVsec: false, recordIsec: false, recordCa: false, useStoredEvents: false } as const;
    const needed = simulationParts(jones2009Model({ meshShape: [3, 3] }), sizes).reduce((sum, p) => sum + p.bytes, 0);
    const net = jones2009Model({ meshShape: [3, 3], maxMemoryBytes: needed - 1 });
    expect(net.copy().maxMemoryBytes).toBe(needed - 1);
    await expect(simulateDipole(net, { tstop: 200 })).rejects.toThrow(/^simulateDipole would need about .* more than maxMemoryBytes .*; largest parts: .*Shorten tstop, increase dt, run fewer trials at once, or record less \(recordGids, 'soma'\), or raise maxMemoryBytes\.$/);
    // ... unless the run raises it.
    const dpls = await simulateDipole(net, { tstop: 200, maxMemoryBytes: needed });
    expect(dpls[0].times.length).toBe(8001);
  });

  it.each([
    [0, ValueError, /maxMemoryBytes must be a positive number of bytes \(or Infinity for no limit\), got 0/],
    [NaN, ValueError, /got NaN/],
    ["1GB", TypeError, /maxMemoryBytes must be a number of bytes, got 1GB/],
  ])("rejects maxMemoryBytes %s", (value, cls, message) => {
    expect(() => jones2009Model({ maxMemoryBytes: value as number })).toThrow(cls);
    expect(() => jones2009Model({ maxMemoryBytes: value as number })).toThrow(message);
  });

  it("a connection past the limit is refused before it is built, and the network is unchanged", () => {
    // 9600 cells fit; the all-to-all connections of the model do not.
    const net = new Network({ ...DEFAULT_PARAMS }, { meshShape: [60, 60] });
    expect(net.connectivity).toHaveLength(0);
    const connect = () => net.addConnection("L2_pyramidal", "L5_pyramidal", "proximal", "ampa", 1e-3, 1, 3);
    expect(connect).toThrow(MemoryLimitError);
    expect(connect).toThrow(/^addConnection \(3600 sources, 12960000 gid pairs\) would need about .*largest parts: NetCons \(\d+\)/);
    expect(net.connectivity).toHaveLength(0);
  });

  it("a drive with too many drive cells is refused before its cells are added", () => {
    const net = jones2009Model({ meshShape: [3, 3] });
    const nGids = net.nGids;
    expect(() => net.addPoissonDrive("p", { rateConstant: 10, location: "soma", weightsAmpa: { L2_basket: 1e-3 }, cellSpecific: false, nDriveCells: 1e8 })).toThrow(
      /^drive 'p' \(100000000 drive cells\) would need about .*largest parts: NetCons \(\d+\)/,
    );
    expect(net.nGids).toBe(nGids);
    expect(net.externalDrives).toEqual({});
  });

  it("drive events past the limit are refused before they are drawn", async () => {
    const net = jones2009Model({ meshShape: [3, 3] });
    net.addEvokedDrive("ev", { mu: 10, sigma: 1, numspikes: 1e8, location: "soma", weightsAmpa: { L2_basket: 1e-3 } });
    const { error, ms } = await failure(() => simulateDipole(net, { tstop: 20 }));
    expect((error as Error).message).toMatch(/largest parts: drive events \(~\d+ per trial\)/);
    expect(ms).toBeLessThan(1000);
  });

  it("a recording that would not fit one engine buffer is refused, whatever the limit", async () => {
    // 6610 synapses × 24001 samples > 2^27 doubles.
    const net = jones2009Model();
    await expect(simulateDipole(net, { tstop: 600, recordIsec: "all", maxMemoryBytes: Infinity })).rejects.toThrow(
      /^simulateDipole would hold 6610 synaptic current traces × 24001 samples \(1\.2 GiB\) in one engine buffer, more than its 1024\.0 MiB; record fewer cells \(recordGids\)/,
    );
  });
});

describe("the engine's allocation failures", () => {
  it("an array too large for the engine is a MemoryLimitError, not an abort", async () => {
    const engine = newEngineInstance(await loadEngine());
    const call = () => engine.initialize(0.025, 37, 2e8, 100);
    expect(call).toThrow(MemoryLimitError);
    expect(call).toThrow(/^the simulation engine ran out of memory: an array was too large to allocate \(Invalid length\)/);
  });

  it("keeps its class across a worker boundary", () => {
    const back = errorFromWire(errorToWire(new MemoryLimitError("too big")));
    expect(back).toBeInstanceOf(MemoryLimitError);
    expect(back).toBeInstanceOf(ValueError);
    expect(back.message).toBe("too big");
  });
});
