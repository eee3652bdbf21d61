/**
 * Running one trial: load its image (all cells, or one partition of them; lower.ts) into a fresh
 * engine instance, finitialize, step in windows, and copy the outputs out of wasm memory once. A
 * trial split across workers advances all partitions window by window, exchanging cell spikes in
 * between; a window is never longer than the smallest cell-to-cell NetCon delay, so no event is
 * late (NEURON's parallel method). Unsplit, it is the same code with one partition.
 */
import { f64View, i32View, newEngineInstance, type Engine } from "../wasm";
import { Populations } from "../model/populations";
import { NODE_QUANTITIES, type LoweredTrial, type NodeQuantity, type TrialImage, type TrialNames } from "./image";
import { loadImage, type LoadedTrial } from "./load";
import { lowerTrial } from "./lower";
import type { CompileNetwork } from "./trialNetwork";

/** What to record besides spikes and dipoles (hnn-core's record_vsec / record_isec / record_ca). */
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
  /** Calcium (cai) where the Ca ion is; none when omitted. */
  recordCa?: RecordOption;
  /** Restrict voltage/current/calcium recording to these gids (all cells when omitted). */
  recordGids?: number[];
  /** Called between windows with the simulated time (ms). */
  onProgress?: (tMs: number) => void;
  /** Aborts the trial between windows (with the signal's reason, an AbortError by default). */
  signal?: AbortSignal;
}

/** Spikes as parallel arrays. */
export interface Spikes {
  times: number[];
  gids: number[];
}

/** Raw outputs of one trial (or of one partition of it, before merging). */
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
  vsec: SectionTraceMap;
  /** gid -> "section_receptor" -> synaptic current (nA). */
  isec: SectionTraceMap;
  /** gid -> section -> cai at the section centre (mM), sections with the Ca ion only. */
  ca: SectionTraceMap;
  /** Electrode array name → per contact its potential (µV); a partition's share before merging. */
  extracellular: Record<string, Float64Array[]>;
}

/** One partition's outputs before merging: its dipole by shard (lower.ts DIPOLE_SHARDS) instead of by type. */
export interface PartialResult extends Omit<TrialResult, "dipolesFam"> {
  /** The trial's dipole cell types. */
  dipoleTypes: string[];
  /** Raw dipole (fAm) of each shard of a dipole type held here. */
  dipoleShards: { type: string; shard: number; trace: Float64Array }[];
}

/** gid -> name (a section, or "section_receptor") -> trace. */
export type SectionTraceMap = Map<number, Map<string, Float64Array>>;

/** Adds one trace under gid and name. */
function addTrace(traces: SectionTraceMap, gid: number, name: string, trace: Float64Array): void {
  if (!traces.has(gid)) traces.set(gid, new Map());
  traces.get(gid)!.set(name, trace);
}

/** What a partition needs besides its image: the run's end, step and temperature. */
export type PartitionOptions = Pick<TrialOptions, "tstopMs" | "dtMs" | "celsius">;

/** Steps per window between progress callbacks (10 ms at dt = 0.025). */
const CHUNK_STEPS = 400;

/**
 * Spikes the engine's buffer holds between two drains, for gids 0 .. nGids − 1: every cell can spike
 * at most every other step; drive cells emit their stored times. run() stops early if the buffer
 * could overflow, and TrialPartition.step then simply calls it again.
 */
export function spikeCapacity(nGids: number): number {
  return nGids * (CHUNK_STEPS / 2 + 2) + 1024;
}

/** Number of fixed steps for tstop (NUMERICS.md §4: round(tstop/dt)). */
export function stepCount(tstopMs: number, dtMs: number): number {
  return Math.round(tstopMs / dtMs);
}

/** One engine instance holding a trial's cells, or one partition of them. */
export class TrialPartition {
  private readonly engine: Engine;
  private readonly image: TrialImage;
  private readonly names: TrialNames;
  private readonly loaded: LoadedTrial;
  private readonly nSamples: number;
  /** Steps this partition may run between spike exchanges. */
  readonly windowSteps: number;
  private readonly spikes: Spikes = { times: [], gids: [] };
  /** Spikes the engine's buffer holds between two drains. */
  private readonly spikeCapacity: number;
  /** The gid ranges of the trial's cell types and drives. */
  readonly populations: Populations;

  constructor(module: WebAssembly.Module, { image, names }: LoweredTrial, opts: PartitionOptions) {
    const engine = (this.engine = newEngineInstance(module));
    this.image = image;
    this.names = names;
    this.populations = new Populations(names.populations);
    this.loaded = loadImage(engine, image);
    const nSteps = stepCount(opts.tstopMs, opts.dtMs);
    this.nSamples = nSteps + 1;
    // NUMERICS.md §5: a spike detected in one window reaches another partition's synapses no
    // earlier than min delay + 1e-10 ms later, so a window of W steps needs W·dt < that.
    const delaySteps = Math.floor((engine.minCellNetConDelay() + 1e-10) / opts.dtMs - 1e-9);
    this.windowSteps = image.partition.count > 1 ? Math.max(1, Math.min(CHUNK_STEPS, delaySteps)) : CHUNK_STEPS;
    this.spikeCapacity = spikeCapacity(this.populations.nGids);
    engine.initialize(opts.dtMs, opts.celsius, nSteps, this.spikeCapacity);
  }

  /** The gid and section name of an image section. */
  private sectionName(s: number): { gid: number; section: string } {
    return { gid: this.image.cells.gid[this.image.sections.cell[s]], section: this.names.sectionNames[s] };
  }

  private unstableError(): Error {
    const engine = this.engine;
    const s = this.loaded.sectionOfNode(engine.unstableNode());
    let place = `node ${engine.unstableNode()}`;
    if (s >= 0) {
      const { gid, section } = this.sectionName(s);
      place = `gid ${gid} (${this.populations.typeOf(gid)}), section '${section}'`;
    }
    return new Error(`simulation became numerically unstable at t = ${engine.currentTime().toFixed(3)} ms: membrane potential at ${place} left ±1000 mV; reduce dt or check the parameters`);
  }

  /** Queues the spikes other partitions' cells fired, then runs nSteps; returns this window's spikes. */
  step(nSteps: number, incoming: Spikes): Spikes {
    const engine = this.engine;
    for (let i = 0; i < incoming.times.length; i++) engine.injectSpike(incoming.gids[i], incoming.times[i]);
    const out: Spikes = { times: [], gids: [] };
    let done = 0;
    while (done < nSteps) {
      const did = engine.run(nSteps - done);
      const n = engine.spikesRecorded();
      if (n > 0) {
        const ts = f64View(engine, engine.spikeTimesPtr(), n);
        const gs = i32View(engine, engine.spikeGidsPtr(), n);
        for (let i = 0; i < n; i++) {
          out.times.push(ts[i]);
          out.gids.push(gs[i]);
        }
        engine.clearSpikes();
      }
      const status = engine.runStatus();
      if (status === engine.STATUS_UNSTABLE.value) throw this.unstableError();
      if (status === engine.STATUS_SPIKE_OVERFLOW.value) {
        throw new Error(`spike buffer overflow at t = ${engine.currentTime().toFixed(3)} ms: one step emitted more spikes than the engine's buffer of ${this.spikeCapacity} had room for (many drive events at the same time?)`);
      }
      if (did === 0 && n === 0) throw new Error("internal error: the engine made no progress");
      done += did;
    }
    this.spikes.times.push(...out.times);
    this.spikes.gids.push(...out.gids);
    return out;
  }

  /** Simulated time reached (ms). */
  get tMs(): number {
    return this.engine.currentTime();
  }

  /** Copies the recorded outputs out of wasm memory (spikes unsorted, types filled by merge). */
  finish(): PartialResult {
    const engine = this.engine;
    const n = this.nSamples;
    const copy = (ptr: number) => new Float64Array(f64View(engine, ptr, n));
    const dipoleShards = this.names.dipoleGroups.map(({ type, shard }, group) => ({ type, shard, trace: copy(engine.dipolePtr(group)) }));
    const byQuantity: Record<NodeQuantity, SectionTraceMap> = { v: new Map(), cai: new Map() };
    const { node } = this.image.recordings;
    this.loaded.nodeRecordings.forEach((rec, r) => {
      const { gid, section } = this.sectionName(node.section[r]);
      addTrace(byQuantity[NODE_QUANTITIES[node.quantity[r]]], gid, section, copy(engine.nodeTracePtr(rec)));
    });
    const isec: SectionTraceMap = new Map();
    this.loaded.synapseRecordings.forEach((rec, r) => {
      const syn = this.image.recordings.synapse[r];
      const { gid, section } = this.sectionName(this.image.synapses.section[syn]);
      addTrace(isec, gid, `${section}_${this.names.receptors[syn]}`, copy(engine.synCurrentPtr(rec)));
    });
    // A partition without segments has no contacts in its engine: its share is zero.
    const hasContacts = (this.image.extracellular?.transfer.length ?? 0) > 0;
    let contact = 0;
    const extracellular: Record<string, Float64Array[]> = {};
    for (const { name, nContacts } of this.names.electrodeArrays) {
      extracellular[name] = Array.from({ length: nContacts }, () => (hasContacts ? copy(engine.extracellularPtr(contact++)) : new Float64Array(n)));
    }
    return { times: copy(engine.timesPtr()), dipoleTypes: this.names.dipoleTypes, dipoleShards, spikeTimes: this.spikes.times, spikeGids: this.spikes.gids, spikeTypes: [], vsec: byQuantity.v, isec, ca: byQuantity.cai, extracellular };
  }
}

/** A partition as the stepping loop sees it: in this thread or in a worker. */
export interface PartitionHandle {
  readonly windowSteps: number;
  step(nSteps: number, incoming: Spikes): Spikes | Promise<Spikes>;
  finish(): PartialResult | Promise<PartialResult>;
}

/**
 * Awaits every partition's promise, so none is still busy when the caller moves on, then throws
 * the failure of the lowest partition index: the same error whichever worker answers first.
 */
export async function settleAll<T>(promises: (T | Promise<T>)[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed !== undefined) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

/**
 * Advances partitions in lockstep windows, handing each one the cell spikes the others fired in
 * the previous window (drive cells are replicated in every partition, so only partition 0's
 * drive spikes are kept). Returns the merged result.
 */
export async function stepPartitions(parts: PartitionHandle[], opts: TrialOptions, populations: Populations): Promise<TrialResult> {
  const nSteps = stepCount(opts.tstopMs, opts.dtMs);
  const window = Math.min(...parts.map((p) => p.windowSteps));
  let pending: Spikes[] = parts.map(() => ({ times: [], gids: [] }));
  let done = 0;
  while (done < nSteps) {
    // Partitions in this thread give the event loop a turn within each window (SlicedPartition);
    // a worker's reply arrives as a task of its own.
    opts.signal?.throwIfAborted();
    const n = Math.min(window, nSteps - done);
    const fired = await settleAll(parts.map((p, i) => p.step(n, pending[i])));
    const cellSpikes = fired.map((s) => {
      const kept: Spikes = { times: [], gids: [] };
      s.gids.forEach((g, k) => {
        if (!populations.isDrive(g)) {
          kept.gids.push(g);
          kept.times.push(s.times[k]);
        }
      });
      return kept;
    });
    pending = parts.map((_, i) => ({
      times: cellSpikes.flatMap((s, j) => (j === i ? [] : s.times)),
      gids: cellSpikes.flatMap((s, j) => (j === i ? [] : s.gids)),
    }));
    done += n;
    opts.onProgress?.((done * opts.tstopMs) / nSteps);
  }
  const partials = await settleAll(parts.map((p) => p.finish()));
  return mergePartials(partials, populations);
}

/** Sums the partitions' traces sample by sample, in partition order (the same result every run). */
function sumPartials(traces: Float64Array[], nSamples: number): Float64Array {
  const sum = new Float64Array(nSamples);
  for (const t of traces) t.forEach((x, k) => (sum[k] += x));
  return sum;
}

/**
 * One trial's result from its partitions: spikes united and sorted, dipoles (shard by shard, in
 * shard order, whichever partition holds each) and potentials summed, traces united.
 */
function mergePartials(partials: PartialResult[], populations: Populations): TrialResult {
  const times: number[] = [];
  const gids: number[] = [];
  partials.forEach((p, i) =>
    p.spikeGids.forEach((g, k) => {
      if (i === 0 || !populations.isDrive(g)) {
        gids.push(g);
        times.push(p.spikeTimes[k]);
      }
    }),
  );
  const order = times.map((_, i) => i).sort((a, b) => times[a] - times[b] || gids[a] - gids[b]);
  const first = partials[0];
  const dipolesFam: Record<string, Float64Array> = {};
  const shards = partials.flatMap((p) => p.dipoleShards).sort((a, b) => a.shard - b.shard);
  for (const type of first.dipoleTypes) dipolesFam[type] = sumPartials(shards.filter((s) => s.type === type).map((s) => s.trace), first.times.length);
  const extracellular: Record<string, Float64Array[]> = {};
  for (const [name, contacts] of Object.entries(first.extracellular)) {
    extracellular[name] = contacts.map((_, c) => sumPartials(partials.map((p) => p.extracellular[name][c]), first.times.length));
  }
  const sortedGids = order.map((i) => gids[i]);
  const unite = (key: "vsec" | "isec" | "ca"): SectionTraceMap => new Map(partials.flatMap((p) => [...p[key]]));
  return {
    times: first.times,
    dipolesFam,
    spikeTimes: order.map((i) => times[i]),
    spikeGids: sortedGids,
    spikeTypes: sortedGids.map((g) => populations.typeOf(g) ?? "unknown"),
    vsec: unite("vsec"),
    isec: unite("isec"),
    ca: unite("ca"),
    extracellular,
  };
}

/** Wall time (ms) of the engine's work between two turns of the event loop, when a signal can cancel it. */
const SLICE_MS = 20;

/** Lets the event loop run its other tasks (an abort from a timer or a click), unclamped (not setTimeout). */
function nextTask(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (f: () => void) => unknown }).setImmediate;
  if (immediate !== undefined) return new Promise((resume) => void immediate(resume));
  return new Promise((resume) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resume();
    };
    channel.port2.postMessage(null);
  });
}

const NO_SPIKES: Spikes = { times: [], gids: [] };

/**
 * A partition in this thread that a signal can cancel mid-window: each window runs in slices of
 * about SLICE_MS (sized from the last slice's speed), with a turn of the event loop and a check of
 * the signal after each. The engine's run is the same however its steps are grouped, and the
 * window's incoming spikes are queued before its first slice, so results do not change.
 */
class SlicedPartition implements PartitionHandle {
  private stepsPerSlice = 1;

  constructor(
    private readonly partition: TrialPartition,
    private readonly signal: AbortSignal,
  ) {}

  get windowSteps(): number {
    return this.partition.windowSteps;
  }

  async step(nSteps: number, incoming: Spikes): Promise<Spikes> {
    const out: Spikes = { times: [], gids: [] };
    for (let done = 0; done < nSteps; ) {
      const n = Math.min(this.stepsPerSlice, nSteps - done);
      const t0 = performance.now();
      const fired = this.partition.step(n, done === 0 ? incoming : NO_SPIKES);
      const perStepMs = Math.max(performance.now() - t0, 0.01) / n;
      this.stepsPerSlice = Math.max(1, Math.min(2 * this.stepsPerSlice, Math.floor(SLICE_MS / perStepMs)));
      out.times.push(...fired.times);
      out.gids.push(...fired.gids);
      done += n;
      await nextTask();
      this.signal.throwIfAborted();
    }
    return out;
  }

  finish(): PartialResult {
    return this.partition.finish();
  }
}

/**
 * Simulates one trial in this thread, its cells split into `partitions` engine instances (default
 * 1). With `opts.signal`, the event loop gets a turn every SLICE_MS of work, so an abort takes
 * effect that soon.
 */
export async function runTrial(module: WebAssembly.Module, net: CompileNetwork, opts: TrialOptions, partitions = 1): Promise<TrialResult> {
  const parts = Array.from({ length: partitions }, (_, index) => new TrialPartition(module, lowerTrial(net, opts, { index, count: partitions }), opts));
  const { signal } = opts;
  return stepPartitions(signal === undefined ? parts : parts.map((p) => new SlicedPartition(p, signal)), opts, parts[0].populations);
}
