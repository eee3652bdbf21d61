/**
 * CELLS.md §6 "Checks" (NEURON 8.2.2 + hnn-core v0.6.1, one cell built alone) reproduced through the
 * compile step and runTrial with single-cell networks made from the templates in bindings/model/cells.ts.
 *
 * Values are compared at the precision the table prints them (|Δ| ≤ half a unit in the last printed
 * digit); spike times to 1e-9 ms. The Checks build each cell alone, so there is no dipole baseline:
 * C8 compares the raw fAm dipole that runTrial returns.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { basket, defaultCellMetadata, pyramidal } from "../../bindings/model/cells";
import type { CellTemplate, TonicBias } from "../../bindings/model/types";
import { lowerTrial } from "../../bindings/simulate/lower";
import { loadImage } from "../../bindings/simulate/load";
import type { CompileConnection, CompileNetwork } from "../../bindings/simulate/trialNetwork";
import { runTrial, type TrialResult } from "../../bindings/simulate/runTrial";
import { loadEngine, newEngineInstance } from "../../bindings/wasm";

type CellName = "L2_pyramidal" | "L5_pyramidal" | "L2_basket" | "L5_basket";

const DT = 0.025;
const CELSIUS = 37.0;
const DRIVE = "evprox_single";

let engineModule: WebAssembly.Module;

beforeAll(async () => {
  engineModule = await loadEngine();
});

function template(name: CellName): CellTemplate {
  return name.endsWith("pyramidal") ? pyramidal(name as "L2_pyramidal" | "L5_pyramidal") : basket(name as "L2_basket" | "L5_basket");
}

interface SingleCellInput {
  /** IClamp at soma(0.5) (hnn-core tonic bias). */
  clamp?: { amplitude: number; t0: number; tstop: number };
  /** One drive spike at 100 ms onto `<section>_<receptor>` with weight w (µS), delay 1 ms. */
  event?: { section: string; receptor: string; weight: number };
}

/** A network holding one cell (gid 0) of the given type, optionally an IClamp and a one-spike drive (gid 1). */
function singleCellNet(name: CellName, input: SingleCellInput = {}): CompileNetwork {
  const net: CompileNetwork = {
    cellTypes: { [name]: { cellObject: template(name), cellMetadata: defaultCellMetadata(name) } },
    gidRanges: { [name]: { start: 0, stop: 1 } },
    posDict: { [name]: [[0, 0, 0]] },
    connectivity: [],
    externalDrives: {},
    externalBiases: {},
    threshold: 0.0,
  };
  if (input.clamp) {
    const bias: TonicBias = { amplitude: input.clamp.amplitude, t0: input.clamp.t0, tstop: input.clamp.tstop, section: "soma" };
    net.externalBiases = { tonic: { [name]: bias } };
  }
  if (input.event) {
    net.gidRanges[DRIVE] = { start: 1, stop: 2 };
    net.posDict[DRIVE] = [[0, 0, 0]];
    net.externalDrives[DRIVE] = { events: [[[100.0]]] };
    const conn: CompileConnection = {
      srcType: DRIVE,
      targetType: name,
      gidPairs: new Map([[1, [0]]]),
      loc: input.event.section,
      receptor: input.event.receptor,
      ncDict: { A_weight: input.event.weight, A_delay: 1.0, lamtha: 3.0, threshold: 0.0, gain: 1.0 },
    };
    net.connectivity.push(conn);
  }
  return net;
}

function simulate(name: CellName, tstopMs: number, input: SingleCellInput = {}): Promise<TrialResult> {
  return runTrial(engineModule, singleCellNet(name, input), {
    tstopMs,
    dtMs: DT,
    trialIdx: 0,
    celsius: CELSIUS,
    recordVsec: "soma",
    recordIsec: false,
  });
}

function somaV(r: TrialResult): Float64Array {
  const v = r.vsec.get(0)?.get("soma");
  if (v === undefined) throw new Error("no soma voltage recorded for gid 0");
  return v;
}

/** Sample index of time t (ms) on the dt grid. */
function idx(tMs: number): number {
  return Math.round(tMs / DT);
}

/** Spike times of the cell (gid 0), without the drive's spikes. */
function cellSpikes(r: TrialResult): number[] {
  return r.spikeTimes.filter((_, i) => r.spikeGids[i] === 0);
}

/** |got − want| ≤ half a unit in the last printed digit of `printed` (the table's text). */
function expectPrinted(got: number, printed: string, what: string): void {
  const want = Number(printed);
  const frac = printed.replace(/^[-+]?\d*\.?/, "").replace(/e.*$/i, "");
  const exp = /e([-+]?\d+)$/i.exec(printed);
  const decimals = printed.includes(".") ? frac.length : 0;
  const tol = 0.5 * 10 ** (-decimals + (exp ? Number(exp[1]) : 0));
  const msg = `${what}: expected ${printed} (±${tol.toExponential(1)}), got ${got}`;
  expect(Math.abs(got - want), msg).toBeLessThanOrEqual(tol * (1 + 1e-9));
}

/**
 * Spike times equal the NEURON values to 1e-9 ms and, beyond that, to every printed digit (the table
 * prints 11 decimals, so this also checks the accumulated step time + 1e-10, NUMERICS.md §6).
 */
function expectSpikeTime(got: number | undefined, printed: string, what: string): void {
  expect(got, `${what}: missing spike`).toBeDefined();
  const want = Number(printed);
  expect(Math.abs((got as number) - want), `${what}: expected ${printed}, got ${got}`).toBeLessThanOrEqual(1e-9);
  expectPrinted(got as number, printed, what);
}

/** An engine instance with the cell compiled and initialised (for geometry and ion queries). */
function compiledCell(name: CellName, tstopMs: number) {
  const engine = newEngineInstance(engineModule);
  const { image, names } = lowerTrial(singleCellNet(name), { trialIdx: 0, tstopMs });
  const { engineSection } = loadImage(engine, image);
  const nSteps = Math.round(tstopMs / DT);
  engine.initialize(DT, CELSIUS, nSteps, 4096);
  const sec = (section: string): number => {
    const s = names.sectionNames.indexOf(section);
    if (s < 0) throw new Error(`no section ${section}`);
    return engineSection[s];
  };
  return { engine, engineSection, nSteps, sec };
}

// ---- C1, C2, ri ----------------------------------------------------------------------------------

const GEOMETRY: [CellName, number, number, string][] = [
  // cell, segments (C1), sections, area (C2, µm²)
  ["L2_pyramidal", 32, 8, "18552.8169"],
  ["L5_pyramidal", 55, 9, "57380.5612"],
  ["L2_basket", 1, 1, "2450.4423"],
  ["L5_basket", 1, 1, "2450.4423"],
];

describe("C1/C2: segments and membrane area", () => {
  for (const [name, nsegTotal, nSections, areaPrinted] of GEOMETRY) {
    it(`${name}: ${nsegTotal} segments, area ${areaPrinted} µm²`, async () => {
      const t = template(name);
      const secs = Object.values(t.sections);
      expect(secs.length).toBe(nSections);
      expect(secs.reduce((s, x) => s + x.nseg, 0), "C1 sum of nseg in the template").toBe(nsegTotal);

      const { engine, engineSection } = compiledCell(name, 0);
      // NUMERICS.md §1: N interior nodes + one x = 1 node per section + the root node.
      expect(engine.nodeCount(), "C1 node count N + S + 1").toBe(nsegTotal + nSections + 1);
      let area = 0;
      let interior = 0;
      for (const sec of engineSection) {
        const nseg = engine.sectionNseg(sec);
        for (let k = 0; k < nseg; k++) {
          area += engine.nodeArea(engine.sectionNode(sec, k));
          interior++;
        }
        // The x = 1 end node is zero-area (nominal 100).
        expect(engine.nodeArea(engine.sectionEndNode(sec))).toBe(100);
      }
      expect(interior, "C1 interior nodes in the engine").toBe(nsegTotal);
      expectPrinted(area, areaPrinted, `C2 ${name} area`);
    });
  }
});

describe("NUMERICS.md §2: axial resistances (ri, MΩ)", () => {
  it("L5 soma ri = 0.0594537", async () => {
    const { engine, sec } = compiledCell("L5_pyramidal", 0);
    expectPrinted(engine.nodeAxialResistance(engine.sectionNode(sec("soma"), 0)), "0.0594537", "L5 soma ri");
  });
  it("L2 apical_1 ri = 3.34359, 6.68718, … and r_half at its x = 1 node", async () => {
    const { engine, sec } = compiledCell("L2_pyramidal", 0);
    const s = sec("apical_1");
    expectPrinted(engine.nodeAxialResistance(engine.sectionNode(s, 0)), "3.34359", "L2 apical_1 ri(seg 1)");
    for (let k = 1; k < 7; k++) expectPrinted(engine.nodeAxialResistance(engine.sectionNode(s, k)), "6.68718", `L2 apical_1 ri(seg ${k + 1})`);
    expectPrinted(engine.nodeAxialResistance(engine.sectionEndNode(s)), "3.34359", "L2 apical_1 ri(x = 1)");
  });
});

// ---- C3, C4, C8, C9: no input, 200 ms -----------------------------------------------------------

const REST: [CellName, string, string][] = [
  // C3 v(200), C4 v(50)
  ["L2_pyramidal", "-71.462686", "-71.464088"],
  ["L5_pyramidal", "-72.065689", "-72.147955"],
  ["L2_basket", "-64.973678", "-64.973678"],
  ["L5_basket", "-64.973678", "-64.973678"],
];

const DIPOLE_TIMES = [0, 0.025, 0.05, 50, 200];
const DIPOLES: Record<string, string[]> = {
  L2_pyramidal: ["0.0", "0.000669", "0.001366", "0.045905", "0.044603"],
  L5_pyramidal: ["0.0", "-61.211335", "-61.432833", "-51.133078", "-50.566624"],
};

describe("C3/C4/C8/C9: no input, tstop 200 ms", () => {
  const results = new Map<CellName, Promise<TrialResult>>();
  const run = (name: CellName): Promise<TrialResult> => {
    if (!results.has(name)) results.set(name, simulate(name, 200));
    return results.get(name)!;
  };

  for (const [name, v200, v50] of REST) {
    it(`${name}: C3 soma v(200) = ${v200}, C4 soma v(50) = ${v50}`, async () => {
      const v = somaV((await run(name)));
      expectPrinted(v[idx(200)], v200, `C3 ${name} v(200)`);
      expectPrinted(v[idx(50)], v50, `C4 ${name} v(50)`);
      expect(cellSpikes((await run(name))).length, "no spikes at rest").toBe(0);
    });
    it(`${name}: C9 8001 samples, last t = 199.99999999995504`, async () => {
      const r = (await run(name));
      expect(r.times.length).toBe(8001);
      expect(somaV(r).length).toBe(8001);
      expect(r.times[0]).toBe(0);
      expect(r.times[1]).toBe(0.025);
      expect(r.times[8000]).toBe(199.99999999995504);
    });
  }

  for (const name of ["L2_pyramidal", "L5_pyramidal"] as const) {
    it(`${name}: C8 raw dipole (fAm) at t = ${DIPOLE_TIMES.join(", ")} ms`, async () => {
      const r = (await run(name));
      const q = r.dipolesFam[name];
      expect(q, "dipole of the cell type").toBeDefined();
      expect(q.length).toBe(8001);
      expect(q[0], "t = 0 sample is exactly 0").toBe(0);
      DIPOLE_TIMES.forEach((t, i) => expectPrinted(q[idx(t)], DIPOLES[name][i], `C8 ${name} dipole(${t})`));
    });
  }

  it("baskets have no dipole", async () => {
    expect(Object.keys((await run("L2_basket")).dipolesFam)).toEqual([]);
  });
});

// ---- C5: input resistance --------------------------------------------------------------------------

const INPUT_RESISTANCE: [CellName, string, string][] = [
  ["L2_pyramidal", "63.8301", "-77.84570"],
  ["L5_pyramidal", "22.8697", "-74.35265"],
  ["L2_basket", "50.4546", "-70.01914"],
  ["L5_basket", "50.4546", "-70.01914"],
];

describe("C5: input resistance, IClamp −0.1 nA at soma(0.5) from 200 to 600 ms", () => {
  for (const [name, rinPrinted, v600Printed] of INPUT_RESISTANCE) {
    it(`${name}: Rin = ${rinPrinted} MΩ, V(600) = ${v600Printed}`, async () => {
      const r = (await simulate(name, 600, { clamp: { amplitude: -0.1, t0: 200, tstop: 600 } }));
      const v = somaV(r);
      expect(v.length).toBe(24001);
      const rin = (v[idx(200)] - v[idx(600)]) / 0.1;
      expectPrinted(v[idx(600)], v600Printed, `C5 ${name} V(600)`);
      expectPrinted(rin, rinPrinted, `C5 ${name} Rin`);
    });
  }
});

// ---- C6: current steps ------------------------------------------------------------------------------

describe("C6: IClamp step at soma(0.5) 50 → 250 ms, tstop 300", () => {
  it("L2_pyramidal 0.5 nA: 3 spikes at 52.55000000010, 80.07500000011, 167.15000000008", async () => {
    const s = cellSpikes((await simulate("L2_pyramidal", 300, { clamp: { amplitude: 0.5, t0: 50, tstop: 250 } })));
    expect(s.length, `spike times ${s.join(", ")}`).toBe(3);
    ["52.55000000010", "80.07500000011", "167.15000000008"].forEach((t, i) => expectSpikeTime(s[i], t, `L2_pyramidal spike ${i + 1}`));
  });
  it("L5_pyramidal 1.0 nA: 6 spikes, first 54.25000000010, 64.10000000011, 73.45000000011, last 243.42500000002", async () => {
    const s = cellSpikes((await simulate("L5_pyramidal", 300, { clamp: { amplitude: 1.0, t0: 50, tstop: 250 } })));
    expect(s.length, `spike times ${s.join(", ")}`).toBe(6);
    ["54.25000000010", "64.10000000011", "73.45000000011"].forEach((t, i) => expectSpikeTime(s[i], t, `L5_pyramidal spike ${i + 1}`));
    expectSpikeTime(s[5], "243.42500000002", "L5_pyramidal last spike");
  });
  it("L5_pyramidal 0.5 nA: 3 spikes at 57.600…, 67.650…, 77.750…", async () => {
    const s = cellSpikes((await simulate("L5_pyramidal", 300, { clamp: { amplitude: 0.5, t0: 50, tstop: 250 } })));
    expect(s.length, `spike times ${s.join(", ")}`).toBe(3);
    // The table prints three decimals; the spikes are step times + 1e-10 (NUMERICS.md §6).
    [57.6, 67.65, 77.75].forEach((t, i) => {
      expect(s[i], `L5_pyramidal 0.5 nA spike ${i + 1}`).toBeDefined();
      expect(Math.abs(s[i] - t), `L5_pyramidal 0.5 nA spike ${i + 1}: expected ${t}…, got ${s[i]}`).toBeLessThan(1e-9);
    });
  });
  it("L2_basket 0.2 nA: 13 spikes, first 51.95000000010, last 238.77500000002", async () => {
    const s = cellSpikes((await simulate("L2_basket", 300, { clamp: { amplitude: 0.2, t0: 50, tstop: 250 } })));
    expect(s.length, `spike times ${s.join(", ")}`).toBe(13);
    expectSpikeTime(s[0], "51.95000000010", "L2_basket first spike");
    expectSpikeTime(s[12], "238.77500000002", "L2_basket last spike");
  });
});

// ---- C7: one synaptic event at 100 ms, NetCon delay 1 ms ----------------------------------------

/** Peak of the soma potential after the event (t ≥ 101 ms): value, time, and the potential at 100 ms
 * (the drive spike's time; the Checks' "from" value is v(100): −71.463264 for the L2 pyramid). */
function peakAfterEvent(r: TrialResult): { peak: number; tPeak: number; base: number } {
  const v = somaV(r);
  let best = idx(101);
  for (let i = idx(101); i < v.length; i++) if (v[i] > v[best]) best = i;
  return { peak: v[best], tPeak: r.times[best], base: v[idx(100)] };
}

describe("C7: single synaptic event (drive spike at 100 ms, delay 1 ms)", () => {
  it("L2_pyramidal basal_2_ampa, w = 0.001 µS: peak −69.27688 (+2.18638 from −71.46326) at 108.300", async () => {
    const r = (await simulate("L2_pyramidal", 200, { event: { section: "basal_2", receptor: "ampa", weight: 0.001 } }));
    expect(r.spikeTimes.filter((_, i) => r.spikeGids[i] === 1)).toEqual([100]);
    expect(cellSpikes(r)).toEqual([]);
    const { peak, tPeak, base } = peakAfterEvent(r);
    expectPrinted(peak, "-69.27688", "C7 L2_pyramidal peak");
    expectPrinted(base, "-71.46326", "C7 L2_pyramidal v before the event");
    expectPrinted(peak - base, "2.18638", "C7 L2_pyramidal rise");
    expectPrinted(tPeak, "108.300", "C7 L2_pyramidal peak time");
  });
  it("L5_pyramidal apical_tuft_ampa, w = 0.01 µS: spikes at 105.475, 115.550, 126.525 (+1e-10)", async () => {
    const r = (await simulate("L5_pyramidal", 200, { event: { section: "apical_tuft", receptor: "ampa", weight: 0.01 } }));
    const s = cellSpikes(r);
    expect(s.length, `spike times ${s.join(", ")}`).toBe(3);
    [105.475, 115.55, 126.525].forEach((t, i) => {
      expect(s[i]).toBeDefined();
      expect(Math.abs(s[i] - (t + 1e-10)), `L5_pyramidal spike ${i + 1}: expected ${t} + 1e-10, got ${s[i]}`).toBeLessThan(1e-9);
    });
  });
  it("L2_basket soma_ampa, w = 0.0005 µS: peak −62.74155 (+2.23213) at 104.375", async () => {
    const r = (await simulate("L2_basket", 200, { event: { section: "soma", receptor: "ampa", weight: 0.0005 } }));
    expect(cellSpikes(r)).toEqual([]);
    const { peak, tPeak, base } = peakAfterEvent(r);
    expectPrinted(peak, "-62.74155", "C7 L2_basket peak");
    expectPrinted(peak - base, "2.23213", "C7 L2_basket rise");
    expectPrinted(tPeak, "104.375", "C7 L2_basket peak time");
  });
});

// ---- C10: Ca ion in the L5 soma -------------------------------------------------------------------

describe("C10: L5_pyramidal soma eca and cai at 200 ms, no input", () => {
  it("eca = 132.32654 mV, cai = 1.0000106e-4 mM", async () => {
    const { engine, nSteps, sec } = compiledCell("L5_pyramidal", 200);
    let done = 0;
    while (done < nSteps) {
      const did = engine.run(nSteps - done);
      expect(engine.runStatus()).toBe(0);
      if (did === 0) throw new Error("engine made no progress");
      done += did;
    }
    expect(engine.currentTime()).toBe(199.99999999995504);
    const soma = engine.sectionNode(sec("soma"), 0);
    expectPrinted(engine.caiAt(soma), "1.0000106e-4", "C10 cai");
    expectPrinted(engine.ecaAt(soma), "132.32654", "C10 eca");
  });
  it("eca at finitialize is Nernst(cai = 1e-4) = 132.3267 mV (CELLS.md §3.4)", async () => {
    const { engine, sec } = compiledCell("L5_pyramidal", 200);
    const soma = engine.sectionNode(sec("soma"), 0);
    expect(engine.caiAt(soma)).toBe(1e-4);
    expectPrinted(engine.ecaAt(soma), "132.3267", "eca(1e-4)");
  });
});
