/**
 * Runs one trial in a fresh engine instance: compile, finitialize, step in chunks (progress and
 * cancellation between chunks), and copy the outputs out of wasm memory once.
 */
import { compileTrial, type CompileNetwork, type CompiledNetwork } from "./compile";
import { f64View, i32View, newEngineInstance, type EngineExports } from "../wasm";

/** What to record besides spikes and dipoles (hnn-core's record_vsec / record_isec). */
export type RecordOption = false | "soma" | "all";

export interface TrialOptions {
  /** Simulation end (ms). */
  tstopMs: number;
  /** Fixed step (ms). */
  dtMs: number;
  trialIdx: number;
  /** Temperature (°C); hnn-core's default params use 37. */
  celsius: number;
  recordVsec: RecordOption;
  recordIsec: RecordOption;
  /** Restrict voltage/current recording to these gids (all cells when omitted). */
  recordGids?: number[];
  /** Called between chunks with the simulated time (ms). */
  onProgress?: (tMs: number) => void;
}

/** Raw outputs of one trial. */
export interface TrialResult {
  /** Sample times (ms), accumulated as NEURON does. */
  times: Float64Array;
  /** Raw dipole (fAm) per dipole cell type. */
  dipolesFam: Record<string, Float64Array>;
  /** Spike times (ms) and gids, sorted by time then gid; drive cells included. */
  spikeTimes: number[];
  spikeGids: number[];
  spikeTypes: string[];
  /** gid -> section -> membrane potential at the section centre (mV). */
  vsec: Map<number, Map<string, Float64Array>>;
  /** gid -> "section_receptor" -> synaptic current (nA). */
  isec: Map<number, Map<string, Float64Array>>;
}

/** Steps per chunk between progress callbacks (10 ms at dt = 0.025). */
const CHUNK_STEPS = 400;

/** Number of fixed steps for tstop (NUMERICS.md §4: round(tstop/dt)). */
export function stepCount(tstopMs: number, dtMs: number): number {
  return Math.round(tstopMs / dtMs);
}

function unstableError(compiled: CompiledNetwork, engine: EngineExports): Error {
  const node = engine.unstableNode();
  const sec = engine.nodeSectionIndex(node);
  const where = sec >= 0 ? compiled.sections.find((s) => s.engineSection === sec) : undefined;
  const place = where ? `gid ${where.gid} (${where.cellType}), section '${where.section}'` : `node ${node}`;
  return new Error(`simulation became numerically unstable at t = ${engine.currentTime().toFixed(3)} ms: membrane potential at ${place} left ±1000 mV; reduce dt or check the parameters`);
}

/** Simulates one trial of a network from its stored drive events for that trial. */
export function runTrial(module: WebAssembly.Module, net: CompileNetwork, opts: TrialOptions): TrialResult {
  const engine = newEngineInstance(module);
  const compiled = compileTrial(engine, net, { trialIdx: opts.trialIdx, tstopMs: opts.tstopMs });
  const nSteps = stepCount(opts.tstopMs, opts.dtMs);
  const nSamples = nSteps + 1;

  const keep = opts.recordGids ? new Set(opts.recordGids) : null;
  const vRecs: { gid: number; section: string; rec: number }[] = [];
  if (opts.recordVsec !== false) {
    for (const s of compiled.sections) {
      if (keep && !keep.has(s.gid)) continue;
      if (opts.recordVsec === "soma" && s.section !== "soma") continue;
      const nseg = engine.sectionNseg(s.engineSection);
      vRecs.push({ gid: s.gid, section: s.section, rec: engine.recordVoltage(engine.sectionNode(s.engineSection, Math.min(Math.floor(0.5 * nseg), nseg - 1))) });
    }
  }
  const iRecs: { gid: number; name: string; rec: number }[] = [];
  if (opts.recordIsec !== false) {
    for (const s of compiled.synapses) {
      if (keep && !keep.has(s.gid)) continue;
      if (opts.recordIsec === "soma" && s.section !== "soma") continue;
      iRecs.push({ gid: s.gid, name: `${s.section}_${s.receptor}`, rec: engine.recordSynCurrent(s.engineSynapse) });
    }
  }

  // A chunk of CHUNK_STEPS steps: every cell can spike at most every other step; drive cells
  // emit their stored times. run() stops early if the buffer could overflow.
  const nCells = compiled.sections.length > 0 ? compiled.nGids : 0;
  const spikeCapacity = nCells * (CHUNK_STEPS / 2 + 2) + 1024;
  engine.initialize(opts.dtMs, opts.celsius, nSteps, spikeCapacity);

  const spikeTimes: number[] = [];
  const spikeGids: number[] = [];
  let done = 0;
  while (done < nSteps) {
    const want = Math.min(CHUNK_STEPS, nSteps - done);
    const did = engine.run(want);
    const n = engine.spikesRecorded();
    if (n > 0) {
      const ts = f64View(engine, engine.spikeTimesPtr(), n);
      const gs = i32View(engine, engine.spikeGidsPtr(), n);
      for (let i = 0; i < n; i++) {
        spikeTimes.push(ts[i]);
        spikeGids.push(gs[i]);
      }
      engine.clearSpikes();
    }
    if (engine.runStatus() === 1) throw unstableError(compiled, engine);
    if (engine.runStatus() === 2) throw new Error("internal error: spike buffer overflow in the engine");
    if (did === 0 && n === 0) throw new Error("internal error: the engine made no progress");
    done += did;
    opts.onProgress?.(engine.currentTime());
  }

  const times = new Float64Array(f64View(engine, engine.timesPtr(), nSamples));
  const dipolesFam: Record<string, Float64Array> = {};
  compiled.dipoleTypes.forEach((type, group) => {
    dipolesFam[type] = new Float64Array(f64View(engine, engine.dipolePtr(group), nSamples));
  });
  const vsec = new Map<number, Map<string, Float64Array>>();
  for (const r of vRecs) {
    if (!vsec.has(r.gid)) vsec.set(r.gid, new Map());
    vsec.get(r.gid)!.set(r.section, new Float64Array(f64View(engine, engine.voltagePtr(r.rec), nSamples)));
  }
  const isec = new Map<number, Map<string, Float64Array>>();
  for (const r of iRecs) {
    if (!isec.has(r.gid)) isec.set(r.gid, new Map());
    isec.get(r.gid)!.set(r.name, new Float64Array(f64View(engine, engine.synCurrentPtr(r.rec), nSamples)));
  }

  const order = spikeTimes.map((_, i) => i).sort((a, b) => spikeTimes[a] - spikeTimes[b] || spikeGids[a] - spikeGids[b]);
  const sortedTimes = order.map((i) => spikeTimes[i]);
  const sortedGids = order.map((i) => spikeGids[i]);
  return {
    times,
    dipolesFam,
    spikeTimes: sortedTimes,
    spikeGids: sortedGids,
    spikeTypes: sortedGids.map((g) => compiled.gidType(g)),
    vsec,
    isec,
  };
}
