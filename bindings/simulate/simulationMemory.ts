/**
 * simulateDipole's bounds, checked before any drive event is drawn or engine built: the step count
 * (tstop / dt), the engine's largest array, and the memory of the whole run (../util/memoryLimit.ts)
 * from counts alone: cells and NetCons (../model/memoryEstimate.ts), drive events, recorded traces,
 * dipoles, electrode potentials and spike buffers, times the trials held at once.
 *
 * How many trials are held at once: in this thread (nJobs 1 in Node) every trial's engine lives
 * until the run ends; with workers, `nJobs` engines (a trial split over floor(nJobs / nTrials)
 * workers). Every trial's results stay in JavaScript, and every trial is lowered before it runs.
 */
import type { Network } from "../model/network";
import type { BurstyDynamics, EvokedDynamics, ExternalDrive, PoissonDynamics, SpikeTrainDynamics } from "../model/driveTypes";
import { cellCounts, cellsPart, connectionCounts, ENGINE_GROWTH, ENGINE_NETCON_BYTES, IMAGE_NETCON_BYTES, networkCellCounts } from "../model/memoryEstimate";
import { checkMemory, formatBytes, type MemoryPart } from "../util/memoryLimit";
import { MemoryLimitError, ValueError } from "../util/validate";
import { onPageThread } from "./platformWorkers";
import { spikeCapacity, stepCount, type RecordOption } from "./runTrial";
import { DIPOLE_SHARDS } from "./lower";

/**
 * Doubles in one engine array: AssemblyScript's largest block (2^30 − 16 bytes) / 8. The sample
 * times of a trial are one such array, so a trial has at most this many samples.
 */
const MAX_ENGINE_ARRAY_LENGTH = ((2 ** 30 - 16) / 8) | 0;

/** Most steps of one trial: its samples (steps + 1) must fit one engine array. */
export const MAX_STEPS = MAX_ENGINE_ARRAY_LENGTH - 1;

/** Bytes of a double. */
const F64 = 8;
/** Bytes of one spike in the engine's buffer (time and gid). */
const SPIKE_BYTES = 12;

/**
 * Steps of a run of tstop at dt (round(tstop / dt), NUMERICS.md §4), bounded by {@link MAX_STEPS}.
 * @throws ValueError when tstop / dt gives no step or more than the engine holds.
 */
export function checkStepCount(tstopMs: number, dtMs: number): number {
  const nSteps = stepCount(tstopMs, dtMs);
  if (nSteps < 1) throw new ValueError(`tstop (${tstopMs} ms) / dt (${dtMs} ms) rounds to ${nSteps} steps; tstop must be at least dt / 2`);
  if (nSteps > MAX_STEPS) {
    throw new ValueError(`tstop (${tstopMs} ms) / dt (${dtMs} ms) gives ${nSteps.toExponential(2)} steps, more than the ${MAX_STEPS} one trial can record; shorten tstop or increase dt (0.025 ms is hnn-core's default)`);
  }
  return nSteps;
}

/** What simulateDipole will do, as its checked options say. */
export interface SimulationSizes {
  tstopMs: number;
  dtMs: number;
  nTrials: number;
  nJobs: number;
  recordVsec: RecordOption;
  recordIsec: RecordOption;
  recordCa: RecordOption;
  recordGids?: readonly number[];
  useStoredEvents: boolean;
}

/** Expected events of one trial of a drive (Poisson at its rate, bursts to the drive's end; at least the stored ones when they are used). */
function driveEvents(drive: ExternalDrive, o: SimulationSizes): number {
  if (o.useStoredEvents) {
    let n = 0;
    for (const cell of drive.events[0] ?? []) n += cell.length;
    return n;
  }
  const cells = drive.nDriveCells;
  const span = (tstart: number, tstop: number | null) => Math.max(0, Math.min(tstop ?? o.tstopMs, o.tstopMs) - tstart);
  switch (drive.type) {
    case "evoked":
    case "gaussian":
      return cells * (drive.dynamics as EvokedDynamics).numspikes;
    case "poisson": {
      const d = drive.dynamics as PoissonDynamics;
      const rates = typeof d.rateConstant === "number" ? [d.rateConstant] : Object.values(d.rateConstant);
      return cells * Math.max(0, ...rates) * (span(d.tstart, d.tstop) / 1000);
    }
    case "bursty": {
      const d = drive.dynamics as BurstyDynamics;
      return cells * d.numspikes * (Math.ceil((span(d.tstart, d.tstop) * d.burstRate) / 1000) + 1);
    }
    case "spike_train":
      return (drive.dynamics as SpikeTrainDynamics).times.length;
  }
}

/** Traces (node and synaptic-current recordings) of the recorded cells, and segments of all cells. */
function traceCounts(net: Network, o: SimulationSizes): { node: number; synapse: number; segments: number } {
  const keep = o.recordGids === undefined ? null : new Set(o.recordGids);
  const pick = (opt: RecordOption, all: number, soma: number) => (opt === "all" ? all : opt === "soma" ? soma : 0);
  let node = 0;
  let synapse = 0;
  let segments = 0;
  for (const [type, nCells] of Object.entries(networkCellCounts(net))) {
    const c = cellCounts(net.cellTypes[type].cellObject);
    const r = net.populations.range(type);
    let recorded = nCells;
    if (keep !== null) {
      recorded = 0;
      for (const g of keep) if (g >= r.start && g < r.stop) recorded++;
    }
    node += recorded * (pick(o.recordVsec, c.vsecAll, c.vsecSoma) + pick(o.recordCa, c.caAll, c.caSoma));
    synapse += recorded * pick(o.recordIsec, c.isecAll, c.isecSoma);
    segments += nCells * c.segments;
  }
  return { node, synapse, segments };
}

/** The run's memory parts (bytes). */
export function simulationParts(net: Network, o: SimulationSizes): MemoryPart[] {
  const samples = stepCount(o.tstopMs, o.dtMs) + 1;
  const trials = o.nTrials;
  const inThread = o.nJobs <= 1 && !onPageThread();
  const atOnce = inThread ? trials : Math.min(trials, o.nJobs);
  const partitions = inThread ? 1 : Math.max(1, Math.floor(o.nJobs / trials));
  const engines = atOnce * partitions;
  const { netCons } = connectionCounts(net.cellTypes, net.connectivity);
  let events = 0;
  for (const d of Object.values(net.externalDrives)) events += driveEvents(d, o);
  const traces = traceCounts(net, o);
  // The engine sums each dipole type's cells in DIPOLE_SHARDS shards (lower.ts); the trial holds one trace per type.
  const types = Object.values(net.cellTypes).filter((t) => t.cellMetadata.measureDipole).length;
  let contacts = 0;
  for (const a of Object.values(net.recArrays)) contacts += a.positions.length;
  const cells = cellsPart(net.cellTypes, networkCellCounts(net));
  const sampleBytes = samples * F64;
  return [
    { what: `${cells.what} × ${atOnce} trial(s) at once`, bytes: cells.bytes * atOnce },
    { what: `NetCons (${netCons})`, bytes: netCons * (ENGINE_NETCON_BYTES * ENGINE_GROWTH * atOnce + IMAGE_NETCON_BYTES * trials) },
    { what: `drive events (~${Math.round(events)} per trial)`, bytes: events * F64 * (2 * trials + ENGINE_GROWTH * engines) },
    { what: `recorded traces (${traces.node + traces.synapse} × ${samples} samples)`, bytes: (traces.node + traces.synapse) * sampleBytes * (ENGINE_GROWTH * atOnce + trials) },
    { what: `dipoles and times (${samples} samples)`, bytes: sampleBytes * ((1 + types * DIPOLE_SHARDS) * ENGINE_GROWTH * engines + (1 + types) * trials + 4 * trials) },
    {
      what: `extracellular potentials (${contacts} contacts × ${samples} samples)`,
      bytes: contacts * (sampleBytes * (ENGINE_GROWTH * engines + 2 * trials) + traces.segments * F64 * (ENGINE_GROWTH * atOnce + trials)),
    },
    { what: "spike buffers", bytes: spikeCapacity(net.nGids) * SPIKE_BYTES * ENGINE_GROWTH * engines },
  ];
}

/**
 * Refuses a run past `maxMemoryBytes`, or one with a recording buffer larger than one engine array
 * (all node recordings of a trial share one, as do its synaptic currents and its contacts).
 * @throws MemoryLimitError naming the estimate and its largest parts.
 */
export function checkSimulationMemory(net: Network, o: SimulationSizes, maxMemoryBytes: number): void {
  const samples = stepCount(o.tstopMs, o.dtMs) + 1;
  const traces = traceCounts(net, o);
  let contacts = 0;
  for (const a of Object.values(net.recArrays)) contacts += a.positions.length;
  for (const [what, n] of [["membrane potential and calcium traces", traces.node], ["synaptic current traces", traces.synapse], ["electrode contacts", contacts]] as const) {
    if (n * samples > MAX_ENGINE_ARRAY_LENGTH) {
      throw new MemoryLimitError(
        `simulateDipole would hold ${n} ${what} × ${samples} samples (${formatBytes(n * samples * F64)}) in one engine buffer, more than its ${formatBytes(MAX_ENGINE_ARRAY_LENGTH * F64)}; record fewer cells (recordGids) or sections ('soma'), or shorten tstop`,
      );
    }
  }
  checkMemory("simulateDipole", simulationParts(net, o), maxMemoryBytes, "Shorten tstop, increase dt, run fewer trials at once, or record less (recordGids, 'soma')");
}
