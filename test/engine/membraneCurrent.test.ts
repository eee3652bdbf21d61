/**
 * The engine's membrane currents (NEURON's i_membrane_ under use_fast_imem) and electrode
 * potentials, on small hand-made cells: Kirchhoff's current law (the membrane currents of a cell
 * add up to the current injected into it), the potential as Σ R·i_m, and that switching the
 * computation on changes nothing else. NEURON parity: test/parity/extracellular.test.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { f64View, insertMechanism, loadEngine, newEngineInstance, type Engine } from "../../bindings/wasm";

let module: WebAssembly.Module;
beforeAll(async () => {
  module = await loadEngine();
});

const STEPS = 400;
const CLAMP = { delayMs: 2, durMs: 4, ampNa: 0.3 };

/** A soma (nseg 1, hh2) with a 3-segment dendrite, an IClamp on the dendrite's middle segment; its 4 segment nodes. */
function cell(): { engine: Engine; segments: Int32Array; soma: number } {
  const engine = newEngineInstance(module);
  const soma = engine.addSection(engine.addRoot(-65), 20, 20, 100, 1, 1, -65);
  const dend = engine.addSection(engine.sectionEndNode(soma), 150, 2, 150, 1, 3, -65);
  const segments = Int32Array.of(engine.sectionNode(soma, 0), engine.sectionNode(dend, 0), engine.sectionNode(dend, 1), engine.sectionNode(dend, 2));
  insertMechanism(engine, engine.mechanisms.get("hh2")!, segments[0], [0.18, 0.036, 0.0003, -65]);
  engine.addIClamp(segments[2], CLAMP.delayMs, CLAMP.durMs, CLAMP.ampNa);
  return { engine, segments, soma: segments[0] };
}

function stage(engine: Engine, column: Int32Array | Float64Array): number {
  const at = engine.stagingPtr(column.byteLength);
  (column instanceof Int32Array ? new Int32Array(engine.memory.buffer, at, column.length) : new Float64Array(engine.memory.buffer, at, column.length)).set(column);
  return at;
}

describe("membrane currents and electrode potentials", () => {
  it("the segments' membrane currents add up to the injected current (nA) at every step", () => {
    const { engine, segments } = cell();
    engine.recordMembraneCurrents(segments.length, stage(engine, segments));
    engine.addElectrodes(1, stage(engine, Float64Array.of(1, 1, 1, 1)));
    engine.initialize(0.025, 37, STEPS, 64);
    let worst = 0;
    let spiked = false;
    for (let k = 1; k <= STEPS; k++) {
      engine.run(1);
      const tMid = (k - 0.5) * 0.025;
      const injected = tMid >= CLAMP.delayMs && tMid < CLAMP.delayMs + CLAMP.durMs ? CLAMP.ampNa : 0;
      const sum = f64View(engine, engine.membraneCurrentPtr(), 4).reduce((a, b) => a + b, 0);
      worst = Math.max(worst, Math.abs(sum - injected));
      spiked ||= Math.abs(f64View(engine, engine.membraneCurrentPtr(), 4)[0]) > 1;
    }
    // Rounding of the elimination only: the membrane currents themselves reach nA.
    expect(worst).toBeLessThan(1e-12);
    expect(spiked, "the soma fires (large membrane currents)").toBe(true);
    // R = 1 everywhere: the potential is the same sum; t = 0 is 0 by definition.
    const potential = f64View(engine, engine.extracellularPtr(0), STEPS + 1);
    expect(potential[0]).toBe(0);
    const onAt = Math.round(CLAMP.delayMs / 0.025) + 1;
    expect(potential[onAt + 10]).toBeCloseTo(CLAMP.ampNa, 12);
    expect(potential[STEPS]).toBeCloseTo(0, 12);
  });

  it("each contact's potential is Σ R·i_m of this step, contacts in the order added", () => {
    const { engine, segments } = cell();
    engine.recordMembraneCurrents(2, stage(engine, segments.subarray(0, 2)));
    engine.recordMembraneCurrents(2, stage(engine, segments.subarray(2)));
    const r = [Float64Array.of(2, 0, 0, 0), Float64Array.of(0, 0, -1, 3), Float64Array.of(0.5, 0.25, 0.125, 1)];
    engine.addElectrodes(2, stage(engine, Float64Array.from([...r[0], ...r[1]])));
    engine.addElectrodes(1, stage(engine, r[2]));
    engine.initialize(0.025, 37, STEPS, 64);
    for (let k = 1; k <= STEPS; k++) {
      engine.run(1);
      const im = f64View(engine, engine.membraneCurrentPtr(), 4);
      r.forEach((row, c) => {
        const expected = row[0] * im[0] + row[1] * im[1] + row[2] * im[2] + row[3] * im[3];
        expect(f64View(engine, engine.extracellularPtr(c), STEPS + 1)[k], `contact ${c}, step ${k}`).toBeCloseTo(expected, 12);
      });
    }
  });

  it("recording them changes no membrane potential (bit for bit)", () => {
    const trace = (withElectrodes: boolean): Float64Array => {
      const { engine, segments, soma } = cell();
      const rec = engine.recordNode(engine.QUANTITY_V.value, soma);
      if (withElectrodes) {
        engine.recordMembraneCurrents(segments.length, stage(engine, segments));
        engine.addElectrodes(1, stage(engine, Float64Array.of(1, 2, 3, 4)));
      }
      engine.initialize(0.025, 37, STEPS, 64);
      engine.run(STEPS);
      return f64View(engine, engine.nodeTracePtr(rec), STEPS + 1).slice();
    };
    expect(trace(true)).toEqual(trace(false));
  });

  it("refuses zero-area nodes, contacts before segments and segments after contacts", () => {
    const { engine, segments } = cell();
    expect(() => engine.addElectrodes(1, stage(engine, Float64Array.of(1)))).toThrow("out of range");
    expect(() => engine.recordMembraneCurrents(1, stage(engine, Int32Array.of(0)))).toThrow("out of range"); // the root node
    engine.recordMembraneCurrents(segments.length, stage(engine, segments));
    engine.addElectrodes(1, stage(engine, Float64Array.of(1, 1, 1, 1)));
    expect(() => engine.recordMembraneCurrents(1, stage(engine, segments))).toThrow("out of range");
  });
});
