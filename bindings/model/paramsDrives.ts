/**
 * The drives a parameter file defines (../shared/spec/DRIVES.md §8-9):
 * `_extract_drive_specs_from_hnn_params`, `_extract_bias_specs_from_hnn_params` (params.py) and
 * `_add_drives_from_params` (drives.py:156-242), which `new Network(params, { addDrivesFromParams:
 * true })`, `net.addDrivesFromParams()` and the model functions call.
 *
 * Where hnn-core's code and DRIVES.md §8 differ, the code is followed (see the note at
 * {@link extractDriveSpecsFromHnnParams}).
 */

import { addBurstyDrive, addEvokedDrive, addPoissonDrive, addTonicBias } from "./drives";
import type { DriveHost } from "./driveTypes";
import { createPext, paramNum, type UniqueFeed } from "./params";
import type { ParamValue, Params } from "./paramsDefault";
import { ValueError } from "../util/validate";

/** One drive as `_extract_drive_specs_from_hnn_params` describes it. */
export interface DriveSpec {
  type: "bursty" | "evoked" | "gaussian" | "poisson";
  cellSpecific: boolean;
  location: string;
  spaceConstant: number;
  eventSeed: number;
  weightsAmpa: Record<string, number>;
  weightsNmda: Record<string, number>;
  synapticDelays: Record<string, number>;
  /** Dynamics with hnn-core's extra `nDriveCells` (evoked, bursty). */
  dynamics: Record<string, unknown>;
}

const SHORT_NAME: Record<string, string> = {
  L2_basket: "L2Basket",
  L5_basket: "L5Basket",
  L2_pyramidal: "L2Pyr",
  L5_pyramidal: "L5Pyr",
};
const shortName = (n: string): string => SHORT_NAME[n] ?? n;

/** A spec of a feed's kind, location, space constant and seed, with no targets or dynamics yet. */
function emptySpec(type: DriveSpec["type"], cellSpecific: boolean, feed: { loc: string; lamtha: number; prngSeedcore: number }): DriveSpec {
  const { loc: location, lamtha: spaceConstant, prngSeedcore: eventSeed } = feed;
  return { type, cellSpecific, location, spaceConstant, eventSeed, weightsAmpa: {}, weightsNmda: {}, synapticDelays: {}, dynamics: {} };
}

/**
 * A unique feed's targets into `spec`, in `cellnameList` order: AMPA weight at tuple index 0, NMDA
 * weight at 1, the synaptic delay at `delayIdx`.
 */
function setTargets(spec: DriveSpec, cells: UniqueFeed["cells"], cellnameList: string[], delayIdx: number): void {
  for (const cellname of cellnameList) {
    const t = cells[cellname];
    if (t === undefined) continue;
    spec.weightsAmpa[cellname] = t[0];
    spec.weightsNmda[cellname] = t[1];
    spec.synapticDelays[cellname] = t[delayIdx];
  }
}

/** Python truthiness of a parameter value. */
const truthy = (v: ParamValue | undefined): boolean => v !== undefined && v !== 0 && v !== false && v !== "";

/**
 * `_extract_drive_specs_from_hnn_params(params, cellname_list, legacy_mode)` (params.py:162-310).
 *
 * Note (differs from DRIVES.md §8): for `extgauss` hnn-core takes the synaptic delay of each type from
 * tuple index 3, which is that type's `*_Gauss_mu`, not the 1.0/0.1 delay at index 2. Reproduced.
 */
export function extractDriveSpecsFromHnnParams(
  params: Params,
  cellnameList: string[],
  legacyMode = false,
): Record<string, DriveSpec> {
  const tstop = paramNum(params, "tstop");
  const { pCommon, pUnique } = createPext(params, tstop);
  const specs: Record<string, DriveSpec> = {};
  pCommon.forEach((par, ic) => {
    if (!legacyMode && par.tstop < par.t0) return;
    const spec = emptySpec("bursty", false, par);
    spec.dynamics = {
      tstart: par.t0,
      tstartStd: par.t0Stdev,
      tstop: par.tstop,
      burstRate: par.fInput,
      burstStd: par.stdev,
      numspikes: par.eventsPerCycle,
      nDriveCells: par.nDriveCells,
      spikeIsi: 10,
    };
    for (const cellname of cellnameList) {
      const a = par.syn[`${shortName(cellname)}_ampa`];
      const n = par.syn[`${shortName(cellname)}_nmda`];
      if (a !== undefined) {
        spec.weightsAmpa[cellname] = a[0];
        spec.synapticDelays[cellname] = a[1];
      }
      if (n !== undefined) spec.weightsNmda[cellname] = n[0];
    }
    specs[`bursty${ic + 1}`] = spec;
  });

  for (const [feedName, par] of Object.entries(pUnique)) {
    const spec = emptySpec("evoked", true, par);
    if (feedName.startsWith("evprox") || feedName.startsWith("evdist")) {
      spec.location = feedName.startsWith("evprox") ? "proximal" : "distal";
      const present = Object.keys(par.cells).filter((k) => cellnameList.includes(k));
      const sigma = par.cells[present[0]][3];
      let nDriveCells: number | "n_cells" = "n_cells";
      if (truthy(par.syncEvinput)) {
        nDriveCells = 1;
        spec.cellSpecific = false;
      }
      spec.dynamics = { mu: par.t0, sigma, numspikes: par.numspikes, nDriveCells };
      if (legacyMode) spec.eventSeed -= 18;
      setTargets(spec, par.cells, cellnameList, 2);
    } else if (feedName.startsWith("extgauss")) {
      if (!legacyMode && par.cells.L2_basket[3] > tstop) continue;
      spec.type = "gaussian";
      spec.dynamics = { mu: par.cells.L2_basket[3], sigma: par.cells.L2_basket[4], numspikes: 50, syncWithinTrial: false };
      setTargets(spec, par.cells, cellnameList, 3);
      spec.weightsNmda = {};
    } else if (feedName.startsWith("extpois")) {
      const [t0, T] = par.tInterval!;
      if (!legacyMode && T < t0) continue;
      spec.type = "poisson";
      const rates: Record<string, number> = {};
      for (const cellname of cellnameList) {
        const t = par.cells[cellname];
        if (t !== undefined) rates[cellname] = t[3] > 0 ? t[3] : 1;
      }
      setTargets(spec, par.cells, cellnameList, 2);
      spec.dynamics = { tstart: Math.max(0, t0), tstop: Math.max(0, T), rateConstant: rates };
    }
    specs[feedName] = spec;
  }
  return specs;
}

/** `_extract_bias_specs_from_hnn_params` (params.py:138-159): `Itonic_{A,t0,T}_<short>_soma` keys. */
function extractBiasSpecsFromHnnParams(
  params: Record<string, ParamValue>,
  cellnameList: string[],
): { tonic: Record<string, { amplitude: number; t0: number; tstop: number }> } {
  const out: { tonic: Record<string, { amplitude: number; t0: number; tstop: number }> } = { tonic: {} };
  for (const cellname of cellnameList) {
    const s = shortName(cellname);
    const present = ["A", "t0", "T"].map((k) => `Itonic_${k}_${s}_soma` in params);
    if (present.some((x) => x)) {
      if (!present.every((x) => x)) {
        throw new ValueError(
          "Tonic input must have the amplitude, start time and end time specified. One or more parameter may be " +
            `missing for cell type ${cellname}`,
        );
      }
      out.tonic[cellname] = {
        amplitude: paramNum(params, `Itonic_A_${s}_soma`),
        t0: paramNum(params, `Itonic_t0_${s}_soma`),
        tstop: paramNum(params, `Itonic_T_${s}_soma`),
      };
    }
  }
  return out;
}

/**
 * `_add_drives_from_params(net)` (drives.py:156-242, DRIVES.md §8): add the drives (alphabetical order)
 * and tonic biases a parameter set defines, then add each new drive's first gid to its `eventSeed`
 * (HNN-GUI's "absolute gid" seeding). hnn-core calls this only while constructing a Network (so it
 * offsets every drive); here only the drives added by this call are offset, which is the same there.
 * `params` is copied first (create_pext adds missing weight keys in place in hnn-core).
 */
export function addDrivesFromParams(net: DriveHost, params: Params): void {
  const p: Params = { ...params };
  const cellNames = Object.keys(net.cellTypes);
  const driveSpecs = extractDriveSpecsFromHnnParams(p, cellNames, net.legacyMode);
  const biasSpecs = extractBiasSpecsFromHnnParams(p, cellNames);
  const before = new Set(Object.keys(net.externalDrives));
  for (const name of Object.keys(driveSpecs).sort()) {
    const s = driveSpecs[name];
    const d = s.dynamics as Record<string, never>;
    const common = {
      weightsAmpa: s.weightsAmpa,
      weightsNmda: s.weightsNmda,
      location: s.location,
      eventSeed: s.eventSeed,
      synapticDelays: s.synapticDelays,
      spaceConstant: s.spaceConstant,
    };
    if (s.type === "evoked") {
      addEvokedDrive(net, name, {
        mu: d.mu,
        sigma: d.sigma,
        numspikes: d.numspikes,
        nDriveCells: d.nDriveCells,
        cellSpecific: s.cellSpecific,
        ...common,
      });
    } else if (s.type === "poisson") {
      addPoissonDrive(net, name, { tstart: d.tstart, tstop: d.tstop, rateConstant: d.rateConstant, ...common });
    } else if (s.type === "gaussian") {
      addEvokedDrive(net, name, { mu: d.mu, sigma: d.sigma, numspikes: d.numspikes, ...common });
    } else {
      addBurstyDrive(net, name, {
        tstart: d.tstart,
        tstartStd: d.tstartStd,
        tstop: d.tstop,
        burstRate: d.burstRate,
        burstStd: d.burstStd,
        numspikes: d.numspikes,
        spikeIsi: d.spikeIsi,
        nDriveCells: d.nDriveCells,
        cellSpecific: s.cellSpecific,
        ...common,
      });
    }
  }
  const tonic = Object.entries(biasSpecs.tonic);
  if (tonic.length > 0) {
    const amplitude: Record<string, number> = {};
    for (const [cellname, b] of tonic) amplitude[cellname] = b.amplitude;
    const last = tonic[tonic.length - 1][1];
    addTonicBias(net, { amplitude, t0: last.t0, tstop: last.tstop });
  }
  for (const [name, drive] of Object.entries(net.externalDrives)) {
    if (!before.has(name)) drive.eventSeed += net.gidRanges[name].start;
  }
}
