/**
 * External drives and tonic biases of hnn-core 0.6.1 (../shared/spec/DRIVES.md §1-6, §10):
 * `add_evoked_drive`, `add_poisson_drive`, `add_bursty_drive`, `add_spike_train_drive`,
 * `add_tonic_bias` and `_attach_drive`, with hnn-core's defaults, argument checks and messages. The
 * drive record and options are in ./driveTypes.ts, the argument checks in ./driveChecks.ts, event
 * times in ./eventTimes.ts.
 *
 * The Network's methods (`net.addEvokedDrive(name, opts)`, ...) delegate to the functions here. What
 * they need from the Network is the small {@link DriveHost} interface.
 *
 * hnn-core's `ValueError` is thrown as `ValueError` (../util/validate.ts); its `TypeError` as
 * JavaScript's TypeError. Messages are hnn-core's text (Python formatting of numbers and containers,
 * see ../util/pyformat.ts).
 */

import { pyNum, pyRepr, pyType } from "../util/pyformat";
import { checkOption, typeError, ValueError } from "../util/validate";
import { warn } from "../util/warnings";
import type { MemoryPart } from "../util/memoryLimit";
import { checkNetworkMemory, DRIVE_CELL_BYTES, locSections } from "./memoryEstimate";
import { checkDriveParameterValues, checkPoissonRates, commonDriveFields, getTargetProperties, isRecord } from "./driveChecks";
import {
  DEFAULT_SPACE_CONSTANT,
  ExternalDrive,
  type BurstyDriveOptions,
  type CommonDriveOptions,
  type DriveHost,
  type EvokedDriveOptions,
  type PoissonDriveOptions,
  type SpikeTrainDriveOptions,
  type SpikeTrainDynamics,
  type TonicBiasOptions,
} from "./driveTypes";
import { repeatPoint } from "./positions";

// ---------------------------------------------------------------------------------------------
// Attaching a drive (network.py:1249-1480)

/** What each `add_*_drive` gives {@link attachDrive} besides the common options. */
type DriveFields = Pick<ExternalDrive, "type" | "eventSeed" | "connSeed" | "dynamics"> & { sourceToGidMap?: Record<string, number> };

/**
 * Refuses a drive whose cells and connections (all-to-all unless cell-specific; probability not
 * counted) would pass the network's memory limit, before any is added.
 */
function checkDriveMemory(net: DriveHost, name: string, nDriveCells: number, targetTypes: readonly string[], cellSpecific: boolean, location: string): void {
  let pairs = 0;
  let netCons = 0;
  for (const t of targetTypes) {
    const r = net.gidRanges[t];
    const n = cellSpecific ? r.stop - r.start : nDriveCells * (r.stop - r.start);
    pairs += n;
    netCons += n * locSections(net.cellTypes[t], location);
  }
  const cells: MemoryPart = { what: `drive cells (${nDriveCells})`, bytes: nDriveCells * DRIVE_CELL_BYTES };
  checkNetworkMemory(net, `drive '${name}' (${nDriveCells} drive cells)`, { pairs, netCons }, [cells]);
}

/**
 * `_attach_drive`: validate targets, register drive cells and their connections (DRIVES.md §1).
 * @param spaceConstant the drive class's default, unless `opts` gives one.
 */
function attachDrive(
  net: DriveHost,
  name: string,
  opts: CommonDriveOptions,
  fields: DriveFields,
  spaceConstant: number,
  nDriveCells: number | "n_cells",
  cellSpecific: boolean,
): ExternalDrive {
  const drive = { ...fields, ...commonDriveFields(opts) };
  if (name in net.externalDrives) throw new ValueError(`Drive ${name} already defined`);
  const probability = drive.probability;
  if (typeof probability !== "number" && !isRecord(probability)) throw typeError("probability", "float or dict", probability);
  const props = getTargetProperties(
    drive.weightsAmpa,
    drive.weightsNmda,
    drive.synapticDelays,
    drive.location,
    net.cellTypes,
    probability,
  );
  const cellTypeNames = Object.keys(net.cellTypes);
  for (const t of props.targets) {
    if (!cellTypeNames.includes(t)) {
      // Python: ValueError("Allowed drive target cell types are: ", f"{self.cell_types.keys()}")
      throw new ValueError(
        `('Allowed drive target cell types are: ', "dict_keys(${pyRepr(cellTypeNames)})")`,
      );
    }
  }
  let targetTypes = cellTypeNames.filter((t) => props.targets.has(t));

  // location must be a section of every target or a sect_loc group of every target.
  const sectionSets = targetTypes.map((t) => Object.keys(net.cellTypes[t].cellObject.sections));
  const sectLocSets = targetTypes.map((t) => Object.keys(net.cellTypes[t].cellObject.sectLoc));
  const intersect = (sets: string[][]): string[] =>
    sets.length === 0 ? [] : sets[0].filter((x) => sets.every((s) => s.includes(x)));
  const validLoc = [...intersect(sectionSets), ...intersect(sectLocSets)];
  checkOption(
    "location",
    drive.location,
    validLoc,
    ` (the location '${drive.location}' is not defined for one of the targeted cells)`,
  );

  const weightsByType = props.weightsByType;
  const delaysByType = props.delaysByType;
  const probabilityByType = props.probabilityByType;
  if (net.legacyMode) {
    targetTypes = [...cellTypeNames];
    for (const t of targetTypes) {
      if (!weightsByType.has(t)) weightsByType.set(t, new Map([["ampa", 0.0]]));
      if (!delaysByType.has(t)) delaysByType.set(t, 0.1);
      if (!probabilityByType.has(t)) probabilityByType.set(t, 1.0);
    }
  } else if (targetTypes.length === 0) {
    throw new ValueError("No target populations have been specified for this drive.");
  }

  if (cellSpecific && nDriveCells !== "n_cells") {
    throw new ValueError(`If cell_specific is True, n_drive_cells must equal 'n_cells'. Got ${pyNum(nDriveCells as number)}.`);
  } else if (!cellSpecific) {
    if (typeof nDriveCells !== "number" || !Number.isInteger(nDriveCells)) {
      throw new ValueError(`If cell_specific is False, n_drive_cells must be of type int. Got ${pyType(nDriveCells)}.`);
    }
    if (!(nDriveCells > 0)) throw new ValueError(`Number of drive cells must be greater than 0. Got ${nDriveCells}.`);
  }

  let n: number;
  if (nDriveCells === "n_cells") {
    n = 0;
    for (const t of targetTypes) n += net.gidRanges[t].stop - net.gidRanges[t].start;
  } else {
    n = nDriveCells;
  }
  checkDriveMemory(net, name, n, targetTypes, cellSpecific, drive.location);
  const stored = new ExternalDrive({ ...drive, nDriveCells: n, name, targetTypes, cellSpecific });
  net.externalDrives[name] = stored;

  net.addDriveCells(name, repeatPoint(net.origin, n));

  const driveRange = net.gidRanges[name];
  let srcIdx = 0;
  targetTypes.forEach((targetType, seedIncrement) => {
    const tr = net.gidRanges[targetType];
    const targetGids: number[] = [];
    for (let g = tr.start; g < tr.stop; g++) targetGids.push(g);
    const delay = delaysByType.get(targetType)!;
    const prob = probabilityByType.get(targetType)!;
    const connSeed = stored.connSeed === null ? null : stored.connSeed + seedIncrement;
    // Cell-specific: drive cell k targets only target cell k; otherwise all drive cells target all.
    let srcGids: string | number[] = name;
    let targets: number[] | number[][] = targetGids;
    if (cellSpecific) {
      targets = targetGids.map((g) => [g]);
      const srcIdxEnd = srcIdx + targetGids.length;
      srcGids = [];
      for (let k = srcIdx; k < srcIdxEnd && driveRange.start + k < driveRange.stop; k++) srcGids.push(driveRange.start + k);
      srcIdx = srcIdxEnd;
    }
    [...weightsByType.get(targetType)!.entries()].forEach(([receptor, weight], receptorIdx) => {
      net.addConnection(srcGids, targets, drive.location, receptor, weight, delay, opts.spaceConstant ?? spaceConstant, {
        probability: prob,
        connSeed,
      });
      if (receptorIdx > 0) net.shareLastSrcGids();
    });
  });
  return stored;
}

/**
 * `_attach_drive` of an existing drive record again (hnn-core `remove_nulled_drives`): its
 * kind, seeds, dynamics, targets and weights, with the space constant and probability of its first
 * connection; the stored record keeps the drive's own `probability`, as hnn-core's does.
 */
export function reattachDrive(net: DriveHost, drive: ExternalDrive, spaceConstant: number, probability: number): ExternalDrive {
  const { location, weightsAmpa, weightsNmda, synapticDelays } = drive;
  const fields: DriveFields = { type: drive.type, eventSeed: drive.eventSeed, connSeed: drive.connSeed, dynamics: drive.dynamics };
  if (drive.sourceToGidMap !== undefined) fields.sourceToGidMap = drive.sourceToGidMap;
  const nDriveCells = drive.cellSpecific ? "n_cells" : drive.nDriveCells;
  const opts = { location, weightsAmpa, weightsNmda, synapticDelays, probability };
  const stored = attachDrive(net, drive.name, opts, fields, spaceConstant, nDriveCells, drive.cellSpecific);
  stored.probability = drive.probability;
  return stored;
}

// ---------------------------------------------------------------------------------------------
// The add_* functions

/**
 * `Network.add_evoked_drive` (network.py:705-831, DRIVES.md §2): `numspikes` spikes per drive cell with
 * times ~ N(mu, sigma²). A drive named `extgauss` gets type `'gaussian'`.
 * @throws ValueError / TypeError with hnn-core's messages (see DRIVES.md §1-2).
 */
export function addEvokedDrive(net: DriveHost, name: string, opts: EvokedDriveOptions): ExternalDrive {
  const { mu, sigma, numspikes } = opts;
  if (!net.legacyMode) checkDriveParameterValues("evoked", { sigma, numspikes });
  const type = name === "extgauss" ? "gaussian" : "evoked";
  const fields: DriveFields = { type, eventSeed: opts.eventSeed ?? 2, connSeed: opts.connSeed ?? 3, dynamics: { mu, sigma, numspikes } };
  return attachDrive(net, name, opts, fields, DEFAULT_SPACE_CONSTANT.evoked, opts.nDriveCells ?? "n_cells", opts.cellSpecific ?? true);
}

/**
 * `Network.add_poisson_drive` (network.py:833-974, DRIVES.md §3). A single rate with a cell-specific
 * drive is stored per target type.
 * @throws ValueError / TypeError with hnn-core's messages.
 */
export function addPoissonDrive(net: DriveHost, name: string, opts: PoissonDriveOptions): ExternalDrive {
  const tstart = opts.tstart ?? 0;
  const tstop = opts.tstop ?? null;
  const cellSpecific = opts.cellSpecific ?? true;
  const nDriveCells = opts.nDriveCells ?? "n_cells";
  const synapticDelays = opts.synapticDelays ?? 0.1;
  const probability = opts.probability ?? 1.0;
  checkDriveParameterValues("Poisson", { tstart, tstop });
  const { targets } = getTargetProperties(
    opts.weightsAmpa,
    opts.weightsNmda,
    synapticDelays,
    opts.location,
    net.cellTypes,
    probability,
  );
  let rateConstant = opts.rateConstant;
  checkPoissonRates(rateConstant, targets, Object.keys(net.cellTypes));
  if (isRecord(rateConstant)) {
    if (!cellSpecific) {
      throw new ValueError(
        "Drives specific to cell types are only possible with cell_specific=True and n_drive_cells='n_cells'. " +
          `Got cell_specific cell_specific=False and n_drive_cells=${typeof nDriveCells === "string" ? nDriveCells : pyNum(nDriveCells)}.`,
      );
    }
    rateConstant = { ...rateConstant };
  } else if (cellSpecific) {
    const rate = rateConstant;
    rateConstant = Object.fromEntries([...targets].map((t) => [t, rate]));
  }
  const fields: DriveFields = { type: "poisson", eventSeed: opts.eventSeed ?? 2, connSeed: opts.connSeed ?? 3, dynamics: { tstart, tstop, rateConstant } };
  return attachDrive(net, name, opts, fields, DEFAULT_SPACE_CONSTANT.poisson, nDriveCells, cellSpecific);
}

/**
 * `Network.add_bursty_drive` (network.py:976-1123, DRIVES.md §4): rhythmic bursts of `numspikes`
 * spikes `spikeIsi` apart, one burst per period `1000 / burstRate` ms from `tstart`.
 * @throws ValueError / TypeError with hnn-core's messages.
 */
export function addBurstyDrive(net: DriveHost, name: string, opts: BurstyDriveOptions): ExternalDrive {
  const tstart = opts.tstart ?? 0;
  const tstartStd = opts.tstartStd ?? 0;
  const tstop = opts.tstop ?? null;
  const burstStd = opts.burstStd ?? 0;
  const numspikes = opts.numspikes ?? 2;
  const spikeIsi = opts.spikeIsi ?? 10;
  const burstRate = opts.burstRate;
  if (!net.legacyMode) {
    checkDriveParameterValues("bursty", { tstart, tstop, sigma: tstartStd });
    checkDriveParameterValues("bursty", { sigma: burstStd, numspikes, spikeIsi, burstRate });
  }
  const dynamics = { tstart, tstartStd, tstop, burstRate, burstStd, numspikes, spikeIsi };
  const fields: DriveFields = { type: "bursty", eventSeed: opts.eventSeed ?? 2, connSeed: opts.connSeed ?? 3, dynamics };
  return attachDrive(net, name, opts, fields, DEFAULT_SPACE_CONSTANT.bursty, opts.nDriveCells ?? 1, opts.cellSpecific ?? false);
}

/** `_standardize_spike_data` (network.py:2143-2279) for formats 1 (dict) and 2 ([time, gid] pairs). */
export function standardizeSpikeData(spikeData: unknown): {
  dynamics: SpikeTrainDynamics;
  nDriveCells: number;
  sourceToGidMap: Record<string, number> | undefined;
} {
  if (Array.isArray(spikeData) && spikeData.every((x) => Array.isArray(x) && x.length === 2)) {
    const pairs = spikeData as [number, number][];
    const times = pairs.map((p) => p[0]);
    const gids = pairs.map((p) => p[1]);
    const unique = [...new Set(gids)].sort((a, b) => a - b);
    const n = unique.length;
    if (n === 0) return { dynamics: { times: [], gids: [] }, nDriveCells: 0, sourceToGidMap: undefined };
    if (unique[0] !== 0 || unique[n - 1] !== n - 1) {
      const map = new Map(unique.map((g, i) => [g, i]));
      return { dynamics: { times, gids: gids.map((g) => map.get(g)!) }, nDriveCells: n, sourceToGidMap: undefined };
    }
    return { dynamics: { times, gids }, nDriveCells: n, sourceToGidMap: undefined };
  }
  if (isRecord(spikeData)) {
    const ids = Object.keys(spikeData);
    const sourceToGidMap: Record<string, number> = {};
    ids.forEach((id, i) => (sourceToGidMap[id] = i));
    const times: number[] = [];
    const gids: number[] = [];
    for (const [id, ts] of Object.entries(spikeData as Record<string, unknown>)) {
      if (!Array.isArray(ts) && !(ts instanceof Float64Array)) {
        throw new ValueError(`Spike times for source '${id}' must be a list or array. Got ${pyType(ts)}.`);
      }
      const arr = ts as ArrayLike<number>;
      for (let i = 0; i < arr.length; i++) {
        times.push(arr[i]);
        gids.push(sourceToGidMap[id]);
      }
    }
    return { dynamics: { times, gids }, nDriveCells: ids.length, sourceToGidMap };
  }
  throw new ValueError(
    "spike_data must be either:\n1. A dictionary {source_id: [spike_times], ...}\n2. A list of (time, gid) tuples\n" +
      `3. A file path string loadable with read_spikes()\nGot ${pyType(spikeData)}.`,
  );
}

/**
 * `Network.add_spike_train_drive` (network.py:1125-1247, DRIVES.md §5): replay given spike times,
 * all-to-all. hnn-core warns that spike-train drives can only target `sectLoc` groups; the warning
 * goes to the warning handler (../util/warnings.ts) unless the network is in legacy mode.
 *
 * Deviation: with the default `connSeed` null hnn-core 0.6.1 fails (`None + int` in `_attach_drive`);
 * here null is passed on as "no seed".
 */
export function addSpikeTrainDrive(
  net: DriveHost,
  name: string,
  opts: SpikeTrainDriveOptions,
): ExternalDrive {
  if (!net.legacyMode) {
    warn("Spike train drives can only target sections defined in `Cell.sect_loc` when `legacy_mode=False`.");
  }
  const { dynamics, nDriveCells, sourceToGidMap } = standardizeSpikeData(opts.spikeData);
  const fields: DriveFields = { type: "spike_train", ...(sourceToGidMap !== undefined ? { sourceToGidMap } : {}), eventSeed: 0, connSeed: opts.connSeed ?? null, dynamics };
  return attachDrive(net, name, opts, fields, DEFAULT_SPACE_CONSTANT.spikeTrain, nDriveCells, false);
}

/** `_add_cell_type_bias` (network.py:2409-2470). */
function addCellTypeBias(
  net: DriveHost,
  amplitude: number,
  cellType: string,
  section: string,
  biasName: string,
  t0: number,
  tstop: number | null,
): void {
  const names = Object.keys(net.cellTypes);
  if (!names.includes(cellType)) throw new ValueError(`cell_type must be one of ${pyRepr(names)}. Got ${cellType}`);
  const biases = net.externalBiases;
  if (!(biasName in biases)) biases[biasName] = {};
  if (cellType in biases[biasName]) throw new ValueError(`Bias named ${biasName} already defined for ${cellType}`);
  const sections = Object.keys(net.cellTypes[cellType].cellObject.sections);
  if (!sections.includes(section)) throw new ValueError(`section must be one of ${pyRepr(sections)}. Got ${section}.`);
  biases[biasName][cellType] = { amplitude, t0, tstop, section };
}

/**
 * `Network.add_tonic_bias` (network.py:1556-1635, DRIVES.md §10): a current clamp per cell type,
 * stored in `externalBiases[biasName][cellType]`. The deprecated `cellType` form warns (through
 * ../util/warnings.ts); an empty amplitude dict warns and does nothing.
 */
export function addTonicBias(net: DriveHost, opts: TonicBiasOptions): void {
  const section = opts.section ?? "soma";
  const biasName = opts.biasName ?? "tonic";
  const t0 = opts.t0 ?? 0;
  const tstop = opts.tstop ?? null;
  const amplitude = opts.amplitude;
  if (opts.cellType !== undefined && opts.cellType !== null) {
    warn(
      "cell_type argument will be deprecated and removed in future releases. Use amplitude as a " +
        "cell_type:str,amplitude:float dictionary.Read the function docustring for more information",
    );
    if (typeof amplitude !== "number") throw typeError("amplitude", "float or int", amplitude);
    addCellTypeBias(net, amplitude as number, opts.cellType, section, biasName, t0, tstop);
    return;
  }
  if (!isRecord(amplitude)) throw typeError("amplitude", "dict", amplitude);
  const entries = Object.entries(amplitude as Record<string, number>);
  if (entries.length === 0) {
    warn("No bias have been defined, no action taken");
    return;
  }
  for (const [cellType, amp] of entries) addCellTypeBias(net, amp, cellType, section, biasName, t0, tstop);
}
