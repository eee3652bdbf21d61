// Bench (a): one L5 pyramidal cell driven by a tonic IClamp on the soma, simulated in-process with
// the same compile + run path as a network trial (bindings/simulate/runTrial.ts).
import { pyramidal, defaultCellMetadata } from "../bindings/model/cells";
import { runTrial, stepCount } from "../bindings/simulate/runTrial";
import type { CompileNetwork } from "../bindings/simulate/trialNetwork";
import { summarize, type Summary } from "./stats";

export interface SingleCellResult {
  tstopMs: number;
  dtMs: number;
  ampNa: number;
  compartments: number;
  steps: number;
  spikes: number;
  /** Wall seconds per simulated second. */
  wallPerSimSecond: Summary;
  /** Compartment-steps per wall second. */
  compartmentStepsPerSecond: Summary;
}

/** A network of one L5 pyramidal cell with an IClamp of ampNa from 0 to tstop on the soma. */
function oneCellNetwork(ampNa: number, tstopMs: number): { net: CompileNetwork; compartments: number } {
  const cell = pyramidal("L5_pyramidal");
  // NUMERICS.md §1: N segments + S zero-area section ends + 1 root node.
  const secs = Object.values(cell.sections);
  const compartments = secs.reduce((n, s) => n + s.nseg + 1, 0) + 1;
  const net: CompileNetwork = {
    cellTypes: { L5_pyramidal: { cellObject: cell, cellMetadata: defaultCellMetadata("L5_pyramidal") } },
    gidRanges: { L5_pyramidal: { start: 0, stop: 1 } },
    posDict: { L5_pyramidal: [[0, 0, 0]] },
    connectivity: [],
    externalDrives: {},
    externalBiases: { tonic: { L5_pyramidal: { amplitude: ampNa, t0: 0, tstop: tstopMs, section: "soma" } } },
    threshold: 0,
  };
  return { net, compartments };
}

export async function benchSingleCell(module: WebAssembly.Module, runs: number, tstopMs = 1000, ampNa = 1.0, dtMs = 0.025): Promise<SingleCellResult> {
  const { net, compartments } = oneCellNetwork(ampNa, tstopMs);
  const opts = { tstopMs, dtMs, trialIdx: 0, celsius: 37, recordVsec: false as const, recordIsec: false as const };
  const steps = stepCount(tstopMs, dtMs);
  let spikes = (await runTrial(module, net, opts)).spikeTimes.length; // warm-up (JIT tiers), untimed
  const wall: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    spikes = (await runTrial(module, net, opts)).spikeTimes.length;
    wall.push((performance.now() - t0) / 1000);
  }
  return {
    tstopMs,
    dtMs,
    ampNa,
    compartments,
    steps,
    spikes,
    wallPerSimSecond: summarize(wall.map((w) => w / (tstopMs / 1000))),
    compartmentStepsPerSecond: summarize(wall.map((w) => (compartments * steps) / w)),
  };
}
