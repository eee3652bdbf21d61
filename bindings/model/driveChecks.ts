/**
 * hnn-core 0.6.1's checks of drive arguments (drives.py:15-153; DRIVES.md §1-4), with its messages:
 * target cell types, weights, delays and probabilities per target, and the parameter values of each
 * drive class.
 */

import { pyFloat, pyNum, pyRepr, pyType } from "../util/pyformat";
import { AttributeError, ValueError } from "../util/validate";
import type { CommonDriveOptions, ExternalDrive } from "./driveTypes";
import type { CellType } from "./types";

/** A plain object (hnn-core: a dict). */
export function isRecord(v: unknown): v is Record<string, number> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function sameKeys(a: Iterable<string>, b: Set<string>): boolean {
  const sa = new Set(a);
  if (sa.size !== b.size) return false;
  for (const k of sa) if (!b.has(k)) return false;
  return true;
}

/** Result of `_get_target_properties`. */
export interface TargetProperties {
  /** Target types in first-seen order (ampa keys, then nmda keys). */
  targets: Set<string>;
  /** type -> receptor -> weight; receptors in the order ampa, nmda. */
  weightsByType: Map<string, Map<string, number>>;
  delaysByType: Map<string, number>;
  probabilityByType: Map<string, number>;
}

/** `_get_target_properties` (drives.py:15-101, DRIVES.md §1.3). */
export function getTargetProperties(
  weightsAmpa: Record<string, number> | null | undefined,
  weightsNmda: Record<string, number> | null | undefined,
  synapticDelays: number | Record<string, number>,
  location: string,
  cellTypes: Record<string, CellType>,
  probability: number | Record<string, number>,
): TargetProperties {
  const ampa = weightsAmpa ?? {};
  const nmda = weightsNmda ?? {};
  const weightsByType = new Map<string, Map<string, number>>();
  for (const t of [...Object.keys(ampa), ...Object.keys(nmda)]) {
    if (!weightsByType.has(t)) weightsByType.set(t, new Map());
  }
  for (const [t, w] of Object.entries(ampa)) weightsByType.get(t)!.set("ampa", w);
  for (const [t, w] of Object.entries(nmda)) weightsByType.get(t)!.set("nmda", w);
  const targets = new Set(weightsByType.keys());
  if (targets.size === 0) {
    throw new ValueError("No target cell types have been given a synaptic weight for this drive.");
  }
  if (location === "distal") {
    for (const name of targets) {
      const meta = cellTypes[name]?.cellMetadata;
      if (meta !== undefined && meta.morphoType === "basket" && meta.layer === "5") {
        throw new ValueError(
          "Due to physiological/anatomical constraints, a distal drive cannot target L5_basket cell types. " +
            "L5_basket cell types must remain undefined by the user in all synaptic weights dictionaries " +
            "for this drive. Therefore, please remove the L5_basket entries from the corresponding dictionaries.",
        );
      }
    }
  }
  let delaysByType: Map<string, number>;
  if (typeof synapticDelays === "number") {
    delaysByType = new Map([...targets].map((t) => [t, synapticDelays]));
  } else if (isRecord(synapticDelays)) {
    delaysByType = new Map(Object.entries(synapticDelays));
  } else {
    throw new AttributeError(`'${pyType(synapticDelays).slice(8, -2)}' object has no attribute 'copy'`);
  }
  if (!sameKeys(delaysByType.keys(), targets)) {
    throw new ValueError(
      "synaptic_delays is either a common float or needs to be specified as a dict for each of the cell " +
        `types defined in weights_ampa and weights_nmda (${pyRepr(targets)})`,
    );
  }
  let probabilityByType: Map<string, number>;
  if (typeof probability === "number") {
    probabilityByType = new Map([...targets].map((t) => [t, probability]));
  } else {
    probabilityByType = new Map(Object.entries(probability));
  }
  if (!sameKeys(probabilityByType.keys(), targets)) {
    throw new ValueError(
      "probability is either a common float or needs to be specified as a dict for each of the cell " +
        `types defined in weights_ampa and weights_nmda (${pyRepr(targets)})`,
    );
  }
  return { targets, weightsByType, delaysByType, probabilityByType };
}

/**
 * The record fields every `add_*_drive` takes from the common options, with hnn-core's defaults
 * (no weights, delay 0.1 ms, probability 1), and no events yet.
 */
export function commonDriveFields(
  opts: CommonDriveOptions,
): Pick<ExternalDrive, "location" | "events" | "weightsAmpa" | "weightsNmda" | "synapticDelays" | "probability"> {
  return {
    location: opts.location,
    events: [],
    weightsAmpa: opts.weightsAmpa ?? null,
    weightsNmda: opts.weightsNmda ?? null,
    synapticDelays: opts.synapticDelays ?? 0.1,
    probability: opts.probability ?? 1.0,
  };
}

/** `_check_drive_parameter_values` (drives.py:104-131), keyword arguments as a plain object. */
export function checkDriveParameterValues(
  driveType: string,
  kw: {
    tstart?: number;
    tstop?: number | null;
    sigma?: number;
    numspikes?: number;
    spikeIsi?: number;
    burstRate?: number;
  },
): void {
  if ("tstop" in kw && kw.tstop !== null && kw.tstop !== undefined) {
    if (kw.tstop < 0.0) throw new ValueError(`End time of ${driveType} drive cannot be negative`);
    if (kw.tstart !== undefined && kw.tstop < kw.tstart) {
      throw new ValueError(`Duration of ${driveType} drive cannot be negative`);
    }
  }
  if (kw.sigma !== undefined && kw.sigma < 0.0) throw new ValueError("Standard deviation cannot be negative");
  if (kw.numspikes !== undefined && !(kw.numspikes > 0)) {
    throw new ValueError("Number of spikes must be greater than zero");
  }
  if (kw.tstart !== undefined && kw.tstart < 0) {
    throw new ValueError(`Start time of ${driveType} drive cannot be negative`);
  }
  if (kw.numspikes !== undefined && kw.spikeIsi !== undefined && kw.burstRate !== undefined) {
    checkBurstFitsPeriod(kw.numspikes, kw.spikeIsi, kw.burstRate);
  }
}

/**
 * A burst of `numspikes` spikes `spikeIsi` ms apart must fit in one period `1000 / burstRate` ms
 * (hnn-core checks it when the drive is added and again when its events are made).
 * @returns the burst period (ms).
 * @throws ValueError with hnn-core's message otherwise.
 */
export function checkBurstFitsPeriod(numspikes: number, spikeIsi: number, burstRate: number): number {
  const burstPeriod = 1000.0 / burstRate;
  const burstDuration = (numspikes - 1) * spikeIsi;
  if (burstDuration > burstPeriod) {
    throw new ValueError(
      `Burst duration (${pyNum(burstDuration)}s) cannot be greater than burst period (${pyFloat(burstPeriod)}s)` +
        "Consider increasing the spike ISI or burst rate",
    );
  }
  return burstPeriod;
}

/** `_check_poisson_rates` (drives.py:134-153). */
export function checkPoissonRates(
  rateConstant: number | Record<string, number>,
  targets: Set<string>,
  allCellTypes: string[],
): void {
  if (isRecord(rateConstant)) {
    const provided = Object.keys(rateConstant);
    for (const t of targets) {
      if (!provided.includes(t)) {
        throw new ValueError(`Rate constants not provided for all target cell populations (${pyRepr(targets)})`);
      }
    }
    const extra = provided.filter((k) => !allCellTypes.includes(k));
    if (extra.length > 0) {
      throw new ValueError(`Rate constant provided for unknown target cell population: ${pyRepr(new Set(extra))}`);
    }
    for (const [key, val] of Object.entries(rateConstant)) {
      if (!(val > 0.0)) throw new ValueError(`Rate constant must be positive (${key}, ${pyNum(val)})`);
    }
  } else if (!(rateConstant > 0.0)) {
    throw new ValueError(`Rate constant must be positive, got ${pyNum(rateConstant)}`);
  }
}
