/**
 * The statuses the stepping loop (bindings/simulate/runTrial.ts) turns into errors besides
 * instability: a spike-buffer overflow, made for real by many drive events at one time, and an
 * engine that makes no progress, made by a hook on the engine instance (no input causes it).
 */
import { describe, expect, it, vi } from "vitest";
import { jones2009Model, simulateDipole } from "../../bindings/index";
import type { EngineExports } from "../../bindings/wasm";

/** When set, every engine instance the bindings create gets its `run` replaced. */
const hook = vi.hoisted(() => ({ run: null as null | ((engine: EngineExports) => EngineExports["run"]) }));
vi.mock("../../bindings/wasm", async (importOriginal) => {
  const wasm = await importOriginal<typeof import("../../bindings/wasm")>();
  return {
    ...wasm,
    newEngineInstance: (module: WebAssembly.Module): EngineExports => {
      const engine = wasm.newEngineInstance(module);
      return hook.run === null ? engine : { ...engine, run: hook.run(engine) };
    },
  };
});

/** jones2009 on a 3×3 grid (45 cells) with one drive cell firing `numspikes` events at 20 ms. */
function withCoincidentEvents(numspikes: number) {
  const net = jones2009Model({ meshShape: [3, 3] });
  net.addEvokedDrive("burst", { mu: 20, sigma: 0, numspikes, location: "proximal", weightsAmpa: { L2_basket: 1e-6 }, nDriveCells: 1, cellSpecific: false });
  return net;
}

describe("runTrial statuses", () => {
  it("takes a drive cell's coincident events as long as the spike buffer holds them", async () => {
    const net = withCoincidentEvents(1000);
    await simulateDipole(net, { tstop: 25 });
    const times = net.cellResponse!.spikeTimes[0].filter((_, i) => net.cellResponse!.spikeTypes[0][i] === "burst");
    expect(times).toEqual(new Array(1000).fill(20));
  });

  it("stops with an overflow error when one step emits more spikes than the buffer holds", async () => {
    // The events at 20 ms are delivered in the step that ends at 20.025 ms.
    const error = await simulateDipole(withCoincidentEvents(20000), { tstop: 25 }).then(() => null, (e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const match = /^spike buffer overflow at t = 20\.025 ms: one step emitted more spikes than the engine's buffer of (\d+) had room for \(many drive events at the same time\?\)$/.exec(error!.message);
    expect(match, error!.message).not.toBeNull();
    // The buffer named is the one that held the 1000 events above and not these 20000.
    expect(Number(match![1])).toBeGreaterThanOrEqual(1000);
    expect(Number(match![1])).toBeLessThan(20000);
  });

  it("stops with an error, instead of looping, when the engine makes no progress", async () => {
    // A run() that never advances; after 100 calls it throws, so a loop without the check fails fast.
    let calls = 0;
    hook.run = () => () => {
      if (++calls > 100) throw new Error("run() called 100 times without progress");
      return 0;
    };
    try {
      await expect(simulateDipole(jones2009Model({ meshShape: [3, 3] }), { tstop: 5 })).rejects.toThrow("internal error: the engine made no progress");
    } finally {
      hook.run = null;
    }
  });
});
