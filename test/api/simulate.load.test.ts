/**
 * Loading a trial image into the engine (bindings/simulate/load.ts) and running it, on networks of
 * one-compartment cells whose response is known in closed form: hh2 with its Na and K conductances
 * at 0 is a leak (CELLS.md §3.3's mechanism, CHANNELS.md), an IClamp on it relaxes the potential by
 * backward Euler (NUMERICS.md §3), and one drive event opens an Exp2Syn whose peak conductance is
 * the NetCon weight (CHANNELS.md §Exp2Syn).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadEngine, newEngineInstance } from "../../bindings/wasm";
import { lowerTrial } from "../../bindings/simulate/lower";
import { loadImage } from "../../bindings/simulate/load";
import { runTrial } from "../../bindings/simulate/runTrial";
import type { CompileNetwork } from "../../bindings/simulate/trialNetwork";
import type { CellType, Vec3 } from "../../bindings/model/types";

const DT_MS = 0.025;
const EL_MV = -65;
const GL_SCM2 = 0.001;
const CM_UFCM2 = 1;
/** The soma is 20 µm long and wide (20 is exact in float32, CELLS.md §2): area π·20·20 µm². */
const AREA_UM2 = Math.PI * 20 * 20;

let engineModule: WebAssembly.Module;
beforeAll(async () => {
  engineModule = await loadEngine();
});

/** A one-compartment cell: a leak through hh2, and an AMPA synapse (e 0 mV, τ 0.5 / 5 ms). */
function leakCell(): CellType {
  return {
    cellObject: {
      name: "leaky",
      pos: [0, 0, 0],
      sections: {
        soma: { L: 20, diam: 20, cm: CM_UFCM2, Ra: 100, endPts: [[0, 0, 0], [0, 0, 20]], nseg: 1, v0: EL_MV, mechs: { hh2: { gnabar_hh2: 0, gkbar_hh2: 0, gl_hh2: GL_SCM2, el_hh2: EL_MV } }, syns: ["ampa"] },
      },
      synapses: { ampa: { e: 0, tau1: 0.5, tau2: 5 } },
      cellTree: null,
      sectLoc: { proximal: ["soma"], distal: ["soma"] },
    },
    cellMetadata: { morphoType: "point", electroType: "leak", layer: "2", measureDipole: false, reference: "" },
  };
}

/** `nCells` leaky cells (gids 0 ..) and, if `eventMs` is given, one drive cell firing then onto every cell's AMPA synapse. */
function leakNetwork(nCells: number, drive?: { eventMs: number; weightUs: number; delayMs: number }): CompileNetwork {
  const net: CompileNetwork = {
    cellTypes: { leaky: leakCell() },
    gidRanges: { leaky: { start: 0, stop: nCells } },
    posDict: { leaky: Array.from({ length: nCells }, (): Vec3 => [0, 0, 0]) },
    connectivity: [],
    externalDrives: {},
    externalBiases: {},
    threshold: 0,
  };
  if (drive !== undefined) {
    net.gidRanges.drive = { start: nCells, stop: nCells + 1 };
    net.posDict.drive = [0, 0, 0];
    net.externalDrives.drive = { events: [[[drive.eventMs]]] };
    const targets = Array.from({ length: nCells }, (_, g) => g);
    net.connectivity.push({ srcType: "drive", targetType: "leaky", gidPairs: new Map([[nCells, targets]]), loc: "soma", receptor: "ampa", ncDict: { A_weight: drive.weightUs, A_delay: drive.delayMs, lamtha: 3, threshold: 0, gain: 1 } });
  }
  return net;
}

describe("loadImage", () => {
  it("builds each image section as an engine section, and names every engine node's section", () => {
    const { image } = lowerTrial(leakNetwork(2), { trialIdx: 0, tstopMs: 1 });
    const engine = newEngineInstance(engineModule);
    const loaded = loadImage(engine, image);
    // NUMERICS.md §1: per cell, a root node, the segment and the section's x = 1 end.
    expect(engine.nodeCount()).toBe(2 * 3);
    expect(loaded.engineSection.length).toBe(2);
    for (const sec of loaded.engineSection) {
      expect(engine.sectionNseg(sec)).toBe(1);
      expect(engine.nodeArea(engine.sectionNode(sec, 0)) / AREA_UM2 - 1).toBeCloseTo(0, 14);
    }
    const owners = Array.from({ length: engine.nodeCount() }, (_, nd) => loaded.sectionOfNode(nd));
    expect(owners.filter((s) => s === 0).length).toBe(3);
    expect(owners.filter((s) => s === 1).length).toBe(3);
    expect(loaded.engineSynapse.length).toBe(2);
  });

  it("relaxes a clamped leak compartment to el + 100·I/(area·gl) with backward Euler's factor (1 + dt/τ)^−n", async () => {
    const ampNa = 0.1;
    const net = leakNetwork(1);
    net.externalBiases = { tonic: { leaky: { amplitude: ampNa, t0: 0, tstop: null, section: "soma" } } };
    const tauMs = (1e-3 * CM_UFCM2) / GL_SCM2;
    const vInf = EL_MV + (100 * ampNa) / (AREA_UM2 * GL_SCM2);
    const result = await runTrial(engineModule, net, { tstopMs: 5 * tauMs, dtMs: DT_MS, trialIdx: 0, celsius: 37, recordVsec: "soma", recordIsec: false });
    const v = result.vsec.get(0)!.get("soma")!;
    expect(v.length).toBe(Math.round((5 * tauMs) / DT_MS) + 1);
    let worst = 0;
    v.forEach((x, n) => (worst = Math.max(worst, Math.abs(x - (vInf + (EL_MV - vInf) * (1 + DT_MS / tauMs) ** -n)))));
    expect(worst).toBeLessThan(1e-9);
    expect(result.spikeTimes).toEqual([]);
  });

  it("delivers a drive event through its NetCon after the delay, with the weight as peak conductance", async () => {
    const [eventMs, delayMs, weightUs] = [2, 1, 1e-7];
    const result = await runTrial(engineModule, leakNetwork(2, { eventMs, weightUs, delayMs }), { tstopMs: 20, dtMs: DT_MS, trialIdx: 0, celsius: 37, recordVsec: false, recordIsec: "all" });
    expect([result.spikeTimes, result.spikeGids]).toEqual([[eventMs], [2]]);
    for (const gid of [0, 1]) {
      const i = result.isec.get(gid)!.get("soma_ampa")!;
      const onset = i.findIndex((x) => x !== 0);
      // NUMERICS.md §5: delivered at the step boundary t_m = 2 + 1 ms (A = B += w·factor, so g = 0
      // in that step's current); g = B − A > 0 in the current of the next step, the sample at t_m + 2·dt.
      expect(onset).toBe(Math.round((eventMs + delayMs) / DT_MS) + 2);
      // i = g·(v − e) at v ≈ el (the 1e-7 µS synapse moves v by < 1e-3 mV); the peak of g is the weight.
      const peak = Math.min(...i);
      expect(Math.abs(peak / (weightUs * (EL_MV - 0)) - 1)).toBeLessThan(1e-3);
    }
  });
});
