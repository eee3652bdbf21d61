/**
 * Per-trial drive event times exactly as hnn-core 0.6.1 makes them (../shared/spec/DRIVES.md §7,
 * RNG.md §5): `Network._instantiate_drives` (network.py:1492-1554) and `_drive_cell_event_times`,
 * `_create_extpois`, `_create_gauss`, `_create_bursty_input` (drives.py:245-517).
 *
 * Seeds: drive cell k of a drive in trial i draws from `RandomState(eventSeed + i * nGids + k)`; the
 * bursty start jitter from `RandomState(eventSeed + i * nGids)`. Arithmetic is in hnn-core's order so
 * that times are bit-identical to numpy's wherever the RandomState draws are.
 */

import { RandomState } from "../random/index";
import { pyNum } from "../util/pyformat";
import { ValueError } from "../util/validate";
import { checkBurstFitsPeriod } from "./driveChecks";
import type { BurstyDynamics, DriveHost, EvokedDynamics, ExternalDrive, PoissonDynamics, SpikeTrainDynamics } from "./driveTypes";

const VALID_DRIVES = ["evoked", "poisson", "gaussian", "bursty", "spike_train"];

/**
 * numpy's `arange(start, stop, step)` for floats (DRIVES.md §7.3): `n = ceil((stop - start) / step)`
 * elements (none if n <= 0); element 0 is `start`, then `start + i * delta` with
 * `delta = (start + step) - start`.
 */
function npArange(start: number, stop: number, step: number): number[] {
  const len = Math.ceil((stop - start) / step);
  if (!(len > 0)) return [];
  const out = new Array<number>(len);
  out[0] = start;
  if (len > 1) {
    const next = start + step;
    const delta = next - start;
    out[1] = next;
    for (let i = 2; i < len; i++) out[i] = start + i * delta;
  }
  return out;
}

/** `_create_extpois` (drives.py:386-425): a Poisson train on [t0, T) at `lamtha` Hz. */
function createExtpois(t0: number, T: number, lamtha: number, prng: RandomState): number[] {
  if (t0 < 0) throw new ValueError(`The start time for Poisson inputs must begreater than 0. Got ${pyNum(t0)}`);
  if (T < t0) throw new ValueError(`The end time for Poisson inputs must begreater than start time. Got (${pyNum(t0)}, ${pyNum(T)})`);
  if (lamtha <= 0.0) throw new ValueError(`Rate must be > 0. Got ${pyNum(lamtha)}`);
  const out: number[] = [];
  let t = t0;
  const scale = 1.0 / lamtha;
  while (t < T) {
    t += prng.exponential(scale) * 1000.0;
    if (t < T) out.push(t);
  }
  return out;
}

/** `_create_gauss` (drives.py:428-447): `numspikes` successive normal(mu, sigma) draws. */
function createGauss(mu: number, sigma: number, numspikes: number, prng: RandomState): number[] {
  return Array.from(prng.normalN(mu, sigma, numspikes));
}

/** `_create_bursty_input` (drives.py:450-517). */
function createBurstyInput(
  d: { t0: number; t0Stdev: number; tstop: number; fInput: number; eventsJitterStd: number; eventsPerCycle: number; cycleEventsIsi: number },
  prng: RandomState,
  prng2: RandomState,
): number[] {
  let t0 = d.t0;
  if (d.t0Stdev > 0.0) t0 = prng2.normal(t0, d.t0Stdev);
  const burstPeriod = checkBurstFitsPeriod(d.eventsPerCycle, d.cycleEventsIsi, d.fInput);
  const means = npArange(t0, d.tstop, burstPeriod);
  const t = Array.from(prng.normalEach(means, d.eventsJitterStd));
  if (d.eventsPerCycle > 1) {
    const out: number[] = [];
    for (let k = 0; k < d.eventsPerCycle; k++) {
      const shift = d.cycleEventsIsi * (k - (d.eventsPerCycle - 1) / 2);
      for (const ti of t) out.push(ti + shift);
    }
    return out;
  }
  return t;
}

/**
 * `_drive_cell_event_times` (drives.py:268-383): the event times of one drive cell in one trial,
 * kept in (0, tstop] and sorted. `targetType` is the cell type a cell-specific drive cell targets,
 * or `'any'`.
 */
function driveCellEventTimes(
  drive: Pick<ExternalDrive, "type" | "dynamics" | "eventSeed">,
  tstop: number,
  targetType: string,
  trialIdx: number,
  driveCellOffset: number,
  trialSeedOffset: number,
): number[] {
  const seed = drive.eventSeed + trialIdx * trialSeedOffset;
  const prng = new RandomState(seed + driveCellOffset);
  const type = drive.type as string;
  const matches = VALID_DRIVES.filter((f) => type.includes(f));
  if (matches.length === 0) throw new ValueError(`Invalid external drive: ${type}`);
  if (matches.length > 1) throw new ValueError(`Ambiguous external drive: ${type}`);

  let times: number[] = [];
  if (type === "poisson") {
    const dyn = drive.dynamics as PoissonDynamics;
    const rc = dyn.rateConstant;
    let rate: number | undefined;
    if (targetType === "any") rate = rc as number;
    else if (typeof rc === "object" && targetType in rc) rate = rc[targetType];
    // legacy mode: a drive cell whose target type has no rate gets no events
    if (rate !== undefined) {
      if (dyn.tstop === null) throw new TypeError("'<' not supported between instances of 'NoneType' and 'int'");
      times = createExtpois(dyn.tstart, dyn.tstop, rate, prng);
    }
  } else if (type === "evoked" || type === "gaussian") {
    const dyn = drive.dynamics as EvokedDynamics;
    times = createGauss(dyn.mu, dyn.sigma, dyn.numspikes, prng);
  } else if (type === "bursty") {
    const dyn = drive.dynamics as BurstyDynamics;
    if (dyn.tstop === null) throw new TypeError("unsupported operand type(s) for -: 'NoneType' and 'float'");
    const prng2 = new RandomState(seed);
    times = createBurstyInput(
      {
        t0: dyn.tstart,
        t0Stdev: dyn.tstartStd,
        tstop: dyn.tstop,
        fInput: dyn.burstRate,
        eventsJitterStd: dyn.burstStd,
        eventsPerCycle: dyn.numspikes,
        cycleEventsIsi: dyn.spikeIsi,
      },
      prng,
      prng2,
    );
  } else if (type === "spike_train") {
    // hnn-core returns these as given (input order, not filtered or sorted; drives.py:358-372).
    const dyn = drive.dynamics as SpikeTrainDynamics;
    if (dyn.times.length === 0 || dyn.gids.length === 0) return [];
    const out: number[] = [];
    for (let i = 0; i < dyn.times.length; i++) if (dyn.gids[i] === driveCellOffset) out.push(dyn.times[i]);
    return out;
  }
  return times.filter((t) => t > 0 && t <= tstop).sort((a, b) => a - b);
}

/**
 * Prepare drives and biases for a simulation of `tstopMs` and make their event times for `nTrials`
 * trials: hnn-core's `simulate_dipole` steps before building (dipole.py:76-109) followed by
 * `Network._instantiate_drives(tstop, n_trials)` (network.py:1492-1554; DRIVES.md §7).
 * - every drive dynamics `tstop` that is null becomes `tstopMs` (permanently, as in hnn-core);
 *   likewise every bias `tstop`; a bias ending before 0 or before its `t0` is an error;
 * - each drive's `events` is replaced by `events[trial][driveCell]`.
 * @throws ValueError `Invalid number of simulations: <n>` for nTrials < 1, hnn-core's bias messages,
 *   and RangeError from RandomState for a seed outside [0, 2**32 - 1].
 */
export function instantiateDrives(net: DriveHost, tstopMs: number, nTrials = 1): void {
  if (nTrials < 1) throw new ValueError(`Invalid number of simulations: ${Math.trunc(nTrials)}`);
  for (const drive of Object.values(net.externalDrives)) {
    const dyn = drive.dynamics as unknown as Record<string, unknown>;
    if ("tstop" in dyn && dyn.tstop === null) dyn.tstop = tstopMs;
  }
  for (const bias of Object.values(net.externalBiases)) {
    for (const b of Object.values(bias)) {
      if (b.tstop === null) b.tstop = tstopMs;
      if (b.tstop < 0.0) throw new ValueError("End time of tonic input cannot be negative");
      if (b.tstop - b.t0 < 0.0) throw new ValueError("Duration of tonic input cannot be negative");
    }
  }
  instantiateDriveEvents(net, tstopMs, nTrials);
}

/**
 * hnn-core's `_instantiate_drives(tstop, n_trials)` alone (no tstop filling): clear all events, then
 * for every trial and drive (insertion order) and drive cell (ascending gid) append the cell's
 * times. A cell-specific drive cell gets one list per target type of the connections whose
 * `srcGids` contain it (one in practice, none if its connections were removed).
 */
export function instantiateDriveEvents(net: DriveHost, tstopMs: number, nTrials = 1): void {
  const drives = Object.values(net.externalDrives);
  for (const drive of drives) drive.events = [];
  // target types per drive gid, from the connections (hnn-core: pick_connection(net, src_gids=gid))
  const targetTypesOf = new Map<string, Map<number, string[]>>();
  for (const drive of drives) {
    if (!drive.cellSpecific) continue;
    const r = net.gidRanges[drive.name];
    const m = new Map<number, string[]>();
    for (const conn of net.connectivity) {
      for (const gid of conn.srcGids) {
        if (gid < r.start || gid >= r.stop) continue;
        let list = m.get(gid);
        if (list === undefined) m.set(gid, (list = []));
        if (!list.includes(conn.targetType)) list.push(conn.targetType);
      }
    }
    targetTypesOf.set(drive.name, m);
  }
  for (let trialIdx = 0; trialIdx < nTrials; trialIdx++) {
    for (const drive of drives) {
      const r = net.gidRanges[drive.name];
      const trialSeedOffset = net.nGids;
      const perCell: number[][] = [];
      for (let gid = r.start; gid < r.stop; gid++) {
        const offset = gid - r.start;
        if (drive.cellSpecific) {
          for (const targetType of targetTypesOf.get(drive.name)!.get(gid) ?? []) {
            perCell.push(driveCellEventTimes(drive, tstopMs, targetType, trialIdx, offset, trialSeedOffset));
          }
        } else {
          perCell.push(driveCellEventTimes(drive, tstopMs, "any", trialIdx, offset, trialSeedOffset));
        }
      }
      drive.events.push(perCell);
    }
  }
}
