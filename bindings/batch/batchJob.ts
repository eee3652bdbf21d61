/**
 * The unit of work of a batch: one parameter set -> one simulation -> its outputs, as plain data.
 * A {@link BatchJob} and its {@link JobResult} survive `JSON.stringify` / `JSON.parse` unchanged
 * (doubles round-trip exactly), so a job can be queued, sent to another process or machine, and
 * run there by {@link runBatchJob}. The network travels as its configuration (hnn-core's
 * `network_to_dict`), referenced from the job by its SHA-256 hash ({@link NetworkStore}), so a
 * batch stores each distinct network once.
 */
import { Dipole } from "../analysis/dipole";
import type { SectionTraces } from "../analysis/cellResponse";
import { readNetworkConfiguration } from "../io/networkJson";
import { networkToDict } from "../io/networkJsonWrite";
import type { Network } from "../model/network";
import type { RecordOption } from "../simulate/runTrial";
import { simulateDipole, type SimulationProgress } from "../simulate/simulateDipole";
import type { ExtracellularArrayDict } from "../model/extracellular";
import { setParamPaths, type ParamValues } from "./paramPaths";

/** Which outputs a job returns (hnn-core's save_dpl, save_spiking, save_lfp, save_voltages, save_currents). */
export interface JobOutputs {
  dpl: boolean;
  spiking: boolean;
  lfp: boolean;
  voltages: boolean;
  currents: boolean;
}

/** One simulation of a batch, as JSON-ready data. */
export interface BatchJob {
  /** Index of the parameter set in the batch (0-based). */
  index: number;
  /** SHA-256 (hex) of the network configuration's JSON text ({@link hashedNetworkConfig}). */
  networkHash: string;
  /** The parameter set (for the record; applied by the executor when `applyParamPaths`). */
  params: ParamValues;
  /**
   * True: `params` are parameter paths (paramPaths.ts) that the executor sets on the network;
   * false: the network configuration already has them (a setParams function ran on the submitter).
   */
  applyParamPaths: boolean;
  /** simulateDipole's options. The drive events come from the network's seeds, trials 0 .. nTrials − 1. */
  tstop: number;
  dt: number;
  nTrials: number;
  recordVsec: RecordOption;
  recordIsec: RecordOption;
  postproc: boolean;
  outputs: JobOutputs;
}

/** A dipole as plain data (times in ms, layers in nAm). */
export interface DipoleData {
  times: number[];
  data: Record<string, number[]>;
  nave: number;
  scaleApplied: number;
}

/** gid -> section (or receptor) -> trace, one record per trial. */
type TraceData = Record<string, Record<string, number[] | Record<string, number[]>>>[];

/** What a job returns: per trial, the outputs its `outputs` asked for. */
export interface JobResult {
  index: number;
  params: ParamValues;
  /** One dipole per trial. */
  dpl?: DipoleData[];
  /** hnn-core's `spiking`: spike times (ms), gids and cell types per trial. */
  spiking?: { spikeTimes: number[][]; spikeGids: number[][]; spikeTypes: string[][] };
  /** hnn-core's `lfp` (net.rec_arrays): per electrode array its `toDict()` (all trials, µV). */
  lfp?: Record<string, ExtracellularArrayDict>;
  /** cellResponse.vsec per trial: gid -> section -> mV. */
  voltages?: TraceData;
  /** cellResponse.isec per trial: gid -> section -> receptor -> nA. */
  currents?: TraceData;
}

/** A network configuration (hnn-core's network dict, JSON-ready) and the SHA-256 (hex) of its JSON text. */
export interface HashedConfig {
  hash: string;
  config: object;
}

/**
 * The configuration of `net` as a job carries it (hnn-core `network_to_dict`, without drive events:
 * they are regenerated from the seeds) and its hash, by which a batch can store it once.
 */
export async function hashedNetworkConfig(net: Network): Promise<HashedConfig> {
  const text = JSON.stringify(networkToDict(net));
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  const hash = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  return { hash, config: JSON.parse(text) as object };
}

/** Options of {@link runBatchJob}. */
export interface RunJobOptions {
  /** Size of the worker pool the job's trials run in (each trial on one worker). Default 1 (this thread). */
  nJobs?: number;
  signal?: AbortSignal;
  onProgress?: (p: SimulationProgress) => void;
}

const toPlain = (a: ArrayLike<number>): number[] => Array.from(a);

/** A Dipole as plain data. */
export function dipoleToData(dpl: Dipole): DipoleData {
  const data = Object.fromEntries(Object.entries(dpl.data).map(([layer, x]) => [layer, toPlain(x as Float64Array)]));
  return { times: toPlain(dpl.times), data, nave: dpl.nave, scaleApplied: dpl.scaleApplied };
}

/** The Dipole that {@link dipoleToData} described (the same doubles). */
export function dipoleFromData(d: DipoleData): Dipole {
  const dpl = new Dipole(d.times, d.data as { agg: number[] }, d.nave);
  dpl.scaleApplied = d.scaleApplied;
  return dpl;
}

function tracesToData(traces: Record<number, Record<string, Float64Array | Record<string, Float64Array>>>): TraceData[number] {
  return Object.fromEntries(
    Object.entries(traces).map(([gid, secs]) => [
      gid,
      Object.fromEntries(Object.entries(secs).map(([sec, x]) => [sec, x instanceof Float64Array ? toPlain(x) : Object.fromEntries(Object.entries(x).map(([k, y]) => [k, toPlain(y)]))])),
    ]),
  );
}

/**
 * Runs one job: rebuilds the network from its configuration, sets the parameter paths if the job
 * says so, simulates with simulateDipole (each trial on one worker of a pool of `nJobs`, never
 * split) and returns the asked-for outputs as plain data. The result is the one simulateDipole
 * gives for the same network alone: the configuration round trip keeps every number.
 * @param networkConfig the configuration the job's `networkHash` names.
 */
export async function runBatchJob(job: BatchJob, networkConfig: object, opts: RunJobOptions = {}): Promise<JobResult> {
  // A copy: the network may keep parts of what it reads, and paths must not reach the stored config.
  const net = readNetworkConfiguration(structuredClone(networkConfig));
  if (job.applyParamPaths) setParamPaths(net, job.params);
  const dipoles = await simulateDipole(net, {
    tstop: job.tstop,
    dt: job.dt,
    nTrials: job.nTrials,
    recordVsec: job.recordVsec,
    recordIsec: job.recordIsec,
    postproc: job.postproc,
    nJobs: opts.nJobs ?? 1,
    splitTrials: false,
    signal: opts.signal,
    onProgress: opts.onProgress,
  });
  const response = net.cellResponse!;
  const result: JobResult = { index: job.index, params: job.params };
  if (job.outputs.dpl) result.dpl = dipoles.map(dipoleToData);
  if (job.outputs.spiking) result.spiking = { spikeTimes: response.spikeTimes, spikeGids: response.spikeGids, spikeTypes: response.spikeTypes };
  if (job.outputs.lfp) result.lfp = Object.fromEntries(Object.entries(net.recArrays).map(([name, arr]) => [name, arr.toDict()]));
  if (job.outputs.voltages) result.voltages = response.vsec.map((t: SectionTraces) => tracesToData(t));
  if (job.outputs.currents) result.currents = response.isec.map((t) => tracesToData(t));
  return result;
}
