// Bench (c): from a simulateDipole call to the first step of jones2009 (10×10, the parameter file's
// drives, 170 ms): network build, drive events, lowering (bindings/simulate/lower.ts), load into a
// fresh engine (load.ts) and the engine's initialize, each timed. Cold runs are fresh processes, as
// the command line builds once per process; warm runs repeat in one process after WARM_UP untimed
// runs (the JIT's tiers settle over a few builds).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { jones2009Model } from "../bindings/model/models";
import { instantiateDrives } from "../bindings/model/eventTimes";
import { lowerTrial } from "../bindings/simulate/lower";
import { loadImage } from "../bindings/simulate/load";
import { spikeCapacity, stepCount } from "../bindings/simulate/runTrial";
import { compileView } from "../bindings/simulate/simulateDipole";
import { newEngineInstance } from "../bindings/wasm";
import { summarize, type Summary } from "./stats";

const TSTOP_MS = 170;
/** Untimed builds before the warm runs. */
export const WARM_UP = 5;
const DT_MS = 0.025;

/** Milliseconds of each phase of one build. */
export interface BuildPhases {
  /** `jones2009Model({ addDrivesFromParams: true })`. */
  network: number;
  /** The drives' event times for one trial (hnn-core's `_instantiate_drives`). */
  driveEvents: number;
  lower: number;
  /** A fresh engine instance and loadImage. */
  load: number;
  /** The engine's initialize (finitialize). */
  initialize: number;
}

const PHASES: (keyof BuildPhases)[] = ["network", "driveEvents", "lower", "load", "initialize"];

/** Build + lowering + load: the figure with the < 50 ms target. */
function buildLowerLoad(p: BuildPhases): number {
  return p.network + p.driveEvents + p.lower + p.load;
}

/** Builds jones2009 once to the first step, timing each phase. */
export function timeBuildOnce(module: WebAssembly.Module): BuildPhases {
  const t0 = performance.now();
  const net = jones2009Model({ addDrivesFromParams: true });
  const t1 = performance.now();
  instantiateDrives(net, TSTOP_MS, 1);
  const t2 = performance.now();
  const { image, names } = lowerTrial(compileView(net), { trialIdx: 0, tstopMs: TSTOP_MS });
  const t3 = performance.now();
  const engine = newEngineInstance(module);
  loadImage(engine, image);
  const t4 = performance.now();
  const nGids = names.populations.reduce((n, p) => Math.max(n, p.stop), 0);
  engine.initialize(DT_MS, 37.0, stepCount(TSTOP_MS, DT_MS), spikeCapacity(nGids));
  const t5 = performance.now();
  return { network: t1 - t0, driveEvents: t2 - t1, lower: t3 - t2, load: t4 - t3, initialize: t5 - t4 };
}

export type PhaseSummaries = Record<keyof BuildPhases | "buildLowerLoad", Summary>;

export interface BuildBench {
  command: string;
  /** One run per fresh process (`node dist/bench.js --build-once`). */
  cold: PhaseSummaries;
  /** Runs in this process after WARM_UP untimed runs. */
  warm: PhaseSummaries;
}

function summarizePhases(runs: BuildPhases[]): PhaseSummaries {
  const out = Object.fromEntries(PHASES.map((k) => [k, summarize(runs.map((r) => r[k]))])) as PhaseSummaries;
  out.buildLowerLoad = summarize(runs.map(buildLowerLoad));
  return out;
}

/** Times `runs` cold builds (each in a fresh process) and `runs` warm ones. */
export function benchBuild(root: string, module: WebAssembly.Module, runs: number): BuildBench {
  const cold: BuildPhases[] = [];
  for (let k = 0; k < runs; k++) {
    const r = spawnSync(process.execPath, [join(root, "dist/bench.js"), "--build-once"], { cwd: root, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`bench: 'node dist/bench.js --build-once' failed: ${r.stderr.trim()}`);
    cold.push(JSON.parse(r.stdout) as BuildPhases);
  }
  for (let k = 0; k < WARM_UP; k++) timeBuildOnce(module);
  const warm = Array.from({ length: runs }, () => timeBuildOnce(module));
  return { command: "node dist/bench.js --build-once", cold: summarizePhases(cold), warm: summarizePhases(warm) };
}
