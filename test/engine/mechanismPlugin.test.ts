/**
 * Adding a mechanism: test/engine/leak/leak.ts (one file) plus one engine row (leak/engine.ts) and
 * one bindings row (LEAK below), and nothing else, give a simulated mechanism: one compartment
 * relaxes to e_leak with the time constant cm/g. The engine is compiled here with asc.
 */
import { beforeAll, describe, expect, it } from "vitest";
import asc from "assemblyscript/asc";
import { f64View, loadEngine, newEngineInstance } from "../../bindings/wasm";
import { lowerTrial } from "../../bindings/simulate/lower";
import { loadImage } from "../../bindings/simulate/load";
import { WHOLE_TRIAL } from "../../bindings/simulate/image";
import type { CompileNetwork } from "../../bindings/simulate/trialNetwork";
import { MECHANISMS, type MechanismSpec } from "../../bindings/model/mechanisms";
import { ValueError } from "../../bindings/util/validate";

/** The bindings row: parameters in the order leak.ts's insert reads them, with units and ranges. */
const LEAK: MechanismSpec = {
  name: "leak",
  kind: "channel",
  params: [
    { name: "g_leak", unit: "S/cm²", default: 0.001, range: ">= 0" },
    { name: "e_leak", unit: "mV", default: -70.0, range: "finite" },
  ],
  ions: [],
};
const TABLE = [...MECHANISMS, LEAK];

const DT_MS = 0.025;
const V0_MV = -50.0;
const CM_UF_CM2 = 1.0;

let leakEngine: WebAssembly.Module;

beforeAll(async () => {
  // The release options of asconfig.json at optimize level 0 (faster to compile); outputs kept in memory.
  let binary: Uint8Array | null = null;
  const { error, stderr } = await asc.main(
    ["test/engine/leak/engine.ts", "--config", "asconfig.json", "--target", "release", "--optimizeLevel", "0", "--outFile", "leak.wasm", "--textFile", "leak.wat"],
    {
      writeFile: (name, contents) => {
        if (name === "leak.wasm" && typeof contents !== "string") binary = contents;
      },
      stderr: asc.createMemoryStream(),
    },
  );
  expect(error, stderr.toString()).toBeNull();
  leakEngine = await WebAssembly.compile(binary! as BufferSource);
});

/** One cell of one compartment (nseg 1) with the given mechanisms on its soma. */
function oneCompartment(mechs: Record<string, Record<string, number>>): CompileNetwork {
  return {
    cellTypes: {
      cell: {
        cellObject: {
          name: "cell",
          pos: [0, 0, 0],
          sections: {
            soma: { L: 20, diam: 20, cm: CM_UF_CM2, Ra: 100, endPts: [[0, 0, 0], [0, 0, 20]], nseg: 1, v0: V0_MV, mechs, syns: [] },
          },
          synapses: {},
          cellTree: null,
          sectLoc: { proximal: [], distal: [] },
        },
        cellMetadata: { morphoType: "point", electroType: "passive", layer: "2", measureDipole: false, reference: "" },
      },
    },
    gidRanges: { cell: { start: 0, stop: 1 } },
    posDict: { cell: [[0, 0, 0]] },
    connectivity: [],
    externalDrives: {},
    externalBiases: {},
    threshold: 0,
  };
}

/** Soma voltage (mV) at every step of tstopMs. */
function simulate(module: WebAssembly.Module, mechs: Record<string, Record<string, number>>, tstopMs: number): Float64Array {
  const engine = newEngineInstance(module);
  const loaded = loadImage(engine, lowerTrial(oneCompartment(mechs), { trialIdx: 0, tstopMs }, WHOLE_TRIAL, TABLE).image);
  const rec = engine.recordNode(engine.QUANTITY_V.value, engine.sectionNode(loaded.engineSection[0], 0));
  const nSteps = Math.round(tstopMs / DT_MS);
  engine.initialize(DT_MS, 37, nSteps, 16);
  expect(engine.run(nSteps)).toBe(nSteps);
  return new Float64Array(f64View(engine, engine.nodeTracePtr(rec), nSteps + 1));
}

describe("a mechanism added by one file and one row per side", () => {
  it("relaxes one compartment to e_leak with τ = cm/g", () => {
    const gScm2 = 0.002;
    const eMv = -72.0;
    const tauMs = (1e-3 * CM_UF_CM2) / gScm2; // µF/cm² / (S/cm²) = 1e-6 s = 1e-3 ms
    const v = simulate(leakEngine, { leak: { g_leak: gScm2, e_leak: eMv } }, 20 * tauMs);
    // Backward Euler (NUMERICS.md §3): v_n − e = (v0 − e)·(1 + dt/τ)^−n.
    let worst = 0;
    v.forEach((x, n) => (worst = Math.max(worst, Math.abs(x - (eMv + (V0_MV - eMv) * (1 + DT_MS / tauMs) ** -n)))));
    expect(worst).toBeLessThan(1e-9);
    // The continuous solution e + (v0 − e)·exp(−t/τ), to the method's O(dt) error.
    const atTau = v[Math.round(tauMs / DT_MS)];
    expect(Math.abs(atTau - (eMv + (V0_MV - eMv) * Math.exp(-1)))).toBeLessThan(0.02 * Math.abs(V0_MV - eMv));
    expect(Math.abs(v[v.length - 1] - eMv)).toBeLessThan(1e-6);
  });

  it("takes the row's defaults (g_leak 0.001 S/cm², e_leak −70 mV)", () => {
    const v = simulate(leakEngine, { leak: {} }, 1.0);
    // τ = 1e-3·1/0.001 = 1 ms; the first step of backward Euler toward −70 mV.
    expect(Math.abs(v[1] - (-70.0 + (V0_MV + 70.0) / (1 + DT_MS / 1.0)))).toBeLessThan(1e-12);
  });

  it("checks each parameter against the row's range and names its unit", () => {
    expect(() => simulate(leakEngine, { leak: { g_leak: -1 } }, 1.0)).toThrow(ValueError);
    expect(() => simulate(leakEngine, { leak: { g_leak: -1 } }, 1.0)).toThrow("cell type 'cell', section 'soma': g_leak must be a finite number >= 0 (S/cm²) or a per-segment list of them, got -1");
    expect(() => simulate(leakEngine, { leak: { gbar_leak: 1 } }, 1.0)).toThrow("cell type 'cell', section 'soma': unknown parameter 'gbar_leak' of mechanism 'leak' (known: g_leak, e_leak)");
  });

  it("needs the engine row: the production engine has no leak", async () => {
    const production = await loadEngine();
    expect(() => simulate(production, { leak: {} }, 1.0)).toThrow("engine.wasm has no mechanism 'leak' with 2 parameter(s): rebuild with `npm run build`");
  });
});
