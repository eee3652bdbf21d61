/**
 * hnn-core 0.6.1 parameter files and the drives they define (../shared/spec/DRIVES.md §8-9):
 * `read_params`, `Params(dict)`, `create_pext`, `_extract_drive_specs_from_hnn_params`,
 * `_extract_bias_specs_from_hnn_params`, `_add_drives_from_params` (params.py, drives.py:156-242).
 * Importing this module registers `addDrivesFromParams` with the Network (for
 * `new Network(params, { addDrivesFromParams: true })` and the model functions).
 *
 * Where hnn-core's code and DRIVES.md §8 differ, the code is followed (see the notes at
 * {@link validateFeed} and {@link createPext}).
 */

import {
  addBurstyDrive,
  addEvokedDrive,
  addPoissonDrive,
  addTonicBias,
  type DriveHost,
} from "./drives";
import { registerAddDrivesFromParams } from "./network";
import { KeyError, ValueError } from "../util/validate";
import { countEvokedInputs, makeParams, type ParamValue, type Params } from "./paramsDefault";

export { countEvokedInputs, makeParams } from "./paramsDefault";
export type { ParamValue, Params } from "./paramsDefault";

function num(p: Params, key: string): number {
  if (!(key in p)) throw new KeyError(`'${key}'`);
  const v = p[key];
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v !== "number") throw new TypeError(`parameter '${key}' must be a number, got '${v}'`);
  return v;
}

/** Python `int(x)` of a number (truncation toward zero). */
function pyInt(x: number): number {
  return Math.trunc(x);
}

/** `_read_legacy_params` (params.py:45-69): `key: value` lines; floats, ints, else strings. */
function readLegacyParams(text: string): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === "") lines.pop(); // splitlines() has no piece after a final newline
  for (const line of lines) {
    const fields = line.trimStart().split(":").map((f) => f.trim());
    if (fields.length !== 2) {
      throw new ValueError(
        fields.length < 2
          ? `not enough values to unpack (expected 2, got ${fields.length})`
          : `too many values to unpack (expected 2)`,
      );
    }
    const [key, value] = fields;
    const looksFloat = value.includes(".") || value.includes("e");
    if (looksFloat && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value)) out[key] = Number(value);
    else if (!looksFloat && /^[+-]?\d+$/.test(value)) out[key] = Number(value);
    else out[key] = value;
  }
  return out;
}

/**
 * `read_params(params_fname, file_contents)` (params.py:72-110) on text already read: `.json` (flat
 * hnn-core parameters) or legacy `.param`, chosen by the extension of `fname`; returns
 * {@link makeParams} of the values.
 * @throws ValueError `Unrecognized extension, expected one of .json, .param. Got <ext>`,
 *   `Failed to read parameters from file: <fname>` (empty), or SyntaxError for bad JSON.
 */
export function readParams(text: string, fname = "params.json"): Params {
  const dot = fname.lastIndexOf(".");
  const slash = Math.max(fname.lastIndexOf("/"), fname.lastIndexOf("\\"));
  const ext = dot > slash + 1 ? fname.slice(dot) : "";
  if (ext !== ".json" && ext !== ".param") {
    throw new ValueError(`Unrecognized extension, expected one of .json, .param. Got ${ext}`);
  }
  let dict: Record<string, ParamValue>;
  if (ext === ".json") {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new ValueError(`params_input must be dict or None. Got ${Array.isArray(parsed) ? "list" : typeof parsed}`);
    }
    dict = parsed as Record<string, ParamValue>;
  } else {
    dict = readLegacyParams(text);
  }
  if (Object.keys(dict).length === 0) throw new ValueError(`Failed to read parameters from file: ${fname}`);
  return makeParams(dict);
}

// ---------------------------------------------------------------------------------------------
// Legacy feed dicts (create_pext)

/** A synapse entry of a feed: `[weight, delay]` (common feeds) or longer tuples (unique feeds). */
type Tuple = number[];

/** One common (bursty) feed of `create_pext`. */
export interface CommonFeed {
  fInput: number;
  t0: number;
  tstop: number;
  stdev: number;
  /** `L2Pyr_ampa`, ... -> [weight, delay]. */
  syn: Record<string, [number, number]>;
  eventsPerCycle: number;
  prngSeedcore: number;
  lamtha: number;
  loc: "proximal" | "distal";
  nDriveCells: number;
  t0Stdev: number;
}

/** One unique (evoked / gaussian / poisson) feed of `create_pext`. */
export interface UniqueFeed {
  t0?: number;
  /** Long cell-type name -> tuple (meaning depends on the feed, see createPext). */
  cells: Record<string, Tuple>;
  prngSeedcore: number;
  lamtha: number;
  loc: string;
  syncEvinput?: ParamValue;
  numspikes?: number;
  tInterval?: [number, number];
}

/**
 * `_validate_feed` (params.py:351-390): clip the feed's tstop to the simulation's.
 *
 * Note (differs from DRIVES.md §8): hnn-core's "weights ×5 when stdev is 0" and "L5 delay -1" rules
 * test keys ending in `Pyr`/`Basket` and the key `L2Pyr`, which common feeds never have (their keys
 * are `L2Pyr_ampa`, ...). So the ×5 rule never applies, and an L5 AMPA delay of -1 makes hnn-core
 * fail with `KeyError: 'L2Pyr'`; both are reproduced.
 */
function validateFeed(feed: CommonFeed, tstop: number): CommonFeed {
  if (feed.tstop > tstop) feed.tstop = tstop;
  if (feed.syn.L5Pyr_ampa[1] === -1) throw new KeyError("'L2Pyr'");
  return feed;
}

/** `check_evoked_synkeys` (params.py:435-457): fill missing receptor-specific evoked weights. */
function checkEvokedSynkeys(p: Params, nprox: number, ndist: number): void {
  const lctprox = ["L2Pyr", "L5Pyr", "L2Basket", "L5Basket"];
  const lctdist = ["L2Pyr", "L5Pyr", "L2Basket"];
  for (const [nev, pref, lct] of [
    [nprox, "evprox_", lctprox],
    [ndist, "evdist_", lctdist],
  ] as const) {
    for (let i = 0; i < nev; i++) {
      const skey = pref + String(i + 1);
      for (const sy of ["ampa", "nmda"]) {
        for (const ct of lct) {
          const k = `gbar_${skey}_${ct}_${sy}`;
          if (!(k in p)) p[k] = num(p, `gbar_${skey}_${ct}`);
        }
      }
    }
  }
}

/** `check_pois_synkeys` (params.py:460-472): missing Poisson weights are 0. */
function checkPoisSynkeys(p: Params): void {
  for (const ct of ["L2Pyr", "L5Pyr", "L2Basket", "L5Basket"]) {
    for (const sy of ["ampa", "nmda"]) {
      const k = `${ct}_Pois_A_weight_${sy}`;
      if (!(k in p)) p[k] = 0.0;
    }
  }
}

/**
 * `create_pext(p, tstop)` (params.py:476-720): the legacy feed dicts. Like hnn-core, missing
 * receptor-specific evoked and Poisson weight keys are added to `p` in place.
 *
 * Unique-feed tuples: evoked `[ampa, nmda, delay, sigma]`; extgauss `[weight, weight, delay, mu, sigma]`;
 * extpois `[ampa, nmda, delay, rate]`.
 */
export function createPext(p: Params, tstop: number): { pCommon: CommonFeed[]; pUnique: Record<string, UniqueFeed> } {
  const common = (side: "prox" | "dist"): CommonFeed => {
    const types = side === "prox" ? ["L2Pyr", "L5Pyr", "L2Basket", "L5Basket"] : ["L2Pyr", "L5Pyr", "L2Basket"];
    const syn: Record<string, [number, number]> = {};
    for (const ty of types) {
      const delay = num(p, `input_${side}_A_delay_${ty.slice(0, 2)}`);
      for (const sy of ["ampa", "nmda"]) syn[`${ty}_${sy}`] = [num(p, `input_${side}_A_weight_${ty}_${sy}`), delay];
    }
    return {
      fInput: num(p, `f_input_${side}`),
      t0: num(p, `t0_input_${side}`),
      tstop: num(p, `tstop_input_${side}`),
      stdev: num(p, `f_stdev_${side}`),
      syn,
      eventsPerCycle: num(p, `events_per_cycle_${side}`),
      prngSeedcore: pyInt(num(p, `prng_seedcore_input_${side}`)),
      lamtha: 100.0,
      loc: side === "prox" ? "proximal" : "distal",
      nDriveCells: num(p, `repeats_${side}`),
      t0Stdev: num(p, `t0_input_stdev_${side}`),
    };
  };
  const pCommon = [validateFeed(common("prox"), tstop), validateFeed(common("dist"), tstop)];

  const [nprox, ndist] = countEvokedInputs(p);
  checkEvokedSynkeys(p, nprox, ndist);
  const pUnique: Record<string, UniqueFeed> = {};
  for (const [n, side] of [
    [nprox, "prox"],
    [ndist, "dist"],
  ] as const) {
    for (let i = 0; i < n; i++) {
      const skey = `ev${side}_${i + 1}`;
      const sigma = num(p, `sigma_t_${skey}`);
      const w = (ty: string, delay: number): Tuple => [
        num(p, `gbar_${skey}_${ty}_ampa`),
        num(p, `gbar_${skey}_${ty}_nmda`),
        delay,
        sigma,
      ];
      // key order of hnn-core's dicts: prox L2_pyramidal, L2_basket, L5_pyramidal, L5_basket;
      // dist L2_pyramidal, L5_pyramidal, L2_basket
      const cells: Record<string, Tuple> =
        side === "prox"
          ? { L2_pyramidal: w("L2Pyr", 0.1), L2_basket: w("L2Basket", 0.1), L5_pyramidal: w("L5Pyr", 1.0), L5_basket: w("L5Basket", 1.0) }
          : { L2_pyramidal: w("L2Pyr", 0.1), L5_pyramidal: w("L5Pyr", 0.1), L2_basket: w("L2Basket", 0.1) };
      pUnique[`ev${side}${i + 1}`] = {
        t0: num(p, `t_${skey}`),
        cells,
        prngSeedcore: pyInt(num(p, `prng_seedcore_${skey}`)),
        lamtha: 3.0,
        loc: side === "prox" ? "proximal" : "distal",
        syncEvinput: p.sync_evinput,
        numspikes: num(p, `numspikes_${skey}`),
      };
    }
  }
  const gauss = (short: string, delay: number): Tuple => [
    num(p, `${short}_Gauss_A_weight`),
    num(p, `${short}_Gauss_A_weight`),
    delay,
    num(p, `${short}_Gauss_mu`),
    num(p, `${short}_Gauss_sigma`),
  ];
  pUnique.extgauss = {
    cells: {
      L2_basket: gauss("L2Basket", 1.0),
      L2_pyramidal: gauss("L2Pyr", 0.1),
      L5_basket: gauss("L5Basket", 1.0),
      L5_pyramidal: gauss("L5Pyr", 1.0),
    },
    lamtha: 100.0,
    prngSeedcore: pyInt(num(p, "prng_seedcore_extgauss")),
    loc: "proximal",
  };
  checkPoisSynkeys(p);
  const pois = (short: string, delay: number): Tuple => [
    num(p, `${short}_Pois_A_weight_ampa`),
    num(p, `${short}_Pois_A_weight_nmda`),
    delay,
    num(p, `${short}_Pois_lamtha`),
  ];
  pUnique.extpois = {
    cells: {
      L2_basket: pois("L2Basket", 1.0),
      L2_pyramidal: pois("L2Pyr", 0.1),
      L5_basket: pois("L5Basket", 1.0),
      L5_pyramidal: pois("L5Pyr", 1.0),
    },
    lamtha: 100.0,
    prngSeedcore: pyInt(num(p, "prng_seedcore_extpois")),
    tInterval: [num(p, "t0_pois"), num(p, "T_pois")],
    loc: "proximal",
  };
  return { pCommon, pUnique };
}

// ---------------------------------------------------------------------------------------------
// Drive specs

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
  const tstop = num(params, "tstop");
  const { pCommon, pUnique } = createPext(params, tstop);
  const specs: Record<string, DriveSpec> = {};
  pCommon.forEach((par, ic) => {
    if (!legacyMode && par.tstop < par.t0) return;
    const spec: DriveSpec = {
      type: "bursty",
      cellSpecific: false,
      dynamics: {
        tstart: par.t0,
        tstartStd: par.t0Stdev,
        tstop: par.tstop,
        burstRate: par.fInput,
        burstStd: par.stdev,
        numspikes: par.eventsPerCycle,
        nDriveCells: par.nDriveCells,
        spikeIsi: 10,
      },
      location: par.loc,
      spaceConstant: par.lamtha,
      eventSeed: par.prngSeedcore,
      weightsAmpa: {},
      weightsNmda: {},
      synapticDelays: {},
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
    const spec: DriveSpec = {
      type: "evoked",
      cellSpecific: true,
      location: par.loc,
      spaceConstant: par.lamtha,
      eventSeed: par.prngSeedcore,
      weightsAmpa: {},
      weightsNmda: {},
      synapticDelays: {},
      dynamics: {},
    };
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
      for (const cellname of cellnameList) {
        const t = par.cells[cellname];
        if (t === undefined) continue;
        spec.weightsAmpa[cellname] = t[0];
        spec.weightsNmda[cellname] = t[1];
        spec.synapticDelays[cellname] = t[2];
      }
    } else if (feedName.startsWith("extgauss")) {
      if (!legacyMode && par.cells.L2_basket[3] > tstop) continue;
      spec.type = "gaussian";
      spec.dynamics = { mu: par.cells.L2_basket[3], sigma: par.cells.L2_basket[4], numspikes: 50, syncWithinTrial: false };
      for (const cellname of cellnameList) {
        const t = par.cells[cellname];
        if (t === undefined) continue;
        spec.weightsAmpa[cellname] = t[0];
        spec.synapticDelays[cellname] = t[3];
      }
      spec.weightsNmda = {};
    } else if (feedName.startsWith("extpois")) {
      const [t0, T] = par.tInterval!;
      if (!legacyMode && T < t0) continue;
      spec.type = "poisson";
      const rates: Record<string, number> = {};
      for (const cellname of cellnameList) {
        const t = par.cells[cellname];
        if (t === undefined) continue;
        rates[cellname] = t[3] > 0 ? t[3] : 1;
        spec.weightsAmpa[cellname] = t[0];
        spec.weightsNmda[cellname] = t[1];
        spec.synapticDelays[cellname] = t[2];
      }
      spec.dynamics = { tstart: Math.max(0, t0), tstop: Math.max(0, T), rateConstant: rates };
    }
    specs[feedName] = spec;
  }
  return specs;
}

/** `_extract_bias_specs_from_hnn_params` (params.py:138-159): `Itonic_{A,t0,T}_<short>_soma` keys. */
export function extractBiasSpecsFromHnnParams(
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
        amplitude: num(params, `Itonic_A_${s}_soma`),
        t0: num(params, `Itonic_t0_${s}_soma`),
        tstop: num(params, `Itonic_T_${s}_soma`),
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

// The Network constructor (`addDrivesFromParams: true`) and `net.addDrivesFromParams()` call this.
registerAddDrivesFromParams((net) => addDrivesFromParams(net, net._params as Params));
