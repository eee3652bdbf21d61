/**
 * hnn-core 0.6.1 parameter files (../shared/spec/DRIVES.md §8): `read_params`, `Params(dict)` and
 * `create_pext` (params.py), the legacy feed dicts that the params-file drives (./paramsDrives.ts)
 * are made from.
 *
 * Where hnn-core's code and DRIVES.md §8 differ, the code is followed (see the notes at
 * {@link validateFeed} and {@link createPext}).
 */

import { describe, KeyError, ValueError } from "../util/validate";
import { countEvokedInputs, type ParamValue, type Params } from "./paramsDefault";
import { Params as ParamsObject } from "./paramsObject";


/** A numeric parameter (a boolean counts as 0/1). @throws KeyError when missing, TypeError when not a number. */
export function paramNum(p: Params, key: string): number {
  if (!(key in p)) throw new KeyError(`'${key}'`);
  const v = p[key];
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v !== "number") throw new TypeError(`parameter '${key}' must be a number, got ${typeof v === "string" ? `'${v}'` : describe(v)}`);
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
 * hnn-core parameters) or legacy `.param`, chosen by the extension of `fname`; returns a
 * {@link ParamsObject | Params} of the values (keys usable as fnmatch patterns).
 * @throws ValueError `Unrecognized extension, expected one of .json, .param. Got <ext>`,
 *   `Failed to read parameters from file: <fname>` (empty), `Failed to read parameters from file
 *   <fname>: not valid JSON (…)`.
 */
export function readParams(text: string, fname = "params.json"): ParamsObject {
  const dot = fname.lastIndexOf(".");
  const slash = Math.max(fname.lastIndexOf("/"), fname.lastIndexOf("\\"));
  const ext = dot > slash + 1 ? fname.slice(dot) : "";
  if (ext !== ".json" && ext !== ".param") {
    throw new ValueError(`Unrecognized extension, expected one of .json, .param. Got ${ext}`);
  }
  let dict: Record<string, ParamValue>;
  if (ext === ".json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      // Python's json.JSONDecodeError is a ValueError.
      throw new ValueError(`Failed to read parameters from file ${fname}: not valid JSON (${(e as Error).message})`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new ValueError(`params_input must be dict or None. Got ${Array.isArray(parsed) ? "list" : typeof parsed}`);
    }
    dict = parsed as Record<string, ParamValue>;
  } else {
    dict = readLegacyParams(text);
  }
  if (Object.keys(dict).length === 0) throw new ValueError(`Failed to read parameters from file: ${fname}`);
  return new ParamsObject(dict);
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
          if (!(k in p)) p[k] = paramNum(p, `gbar_${skey}_${ct}`);
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

/** Cells of the extgauss / extpois feeds in hnn-core's key order: name, short name, synaptic delay (ms). */
const EXT_FEED_CELLS: [string, string, number][] = [
  ["L2_basket", "L2Basket", 1.0],
  ["L2_pyramidal", "L2Pyr", 0.1],
  ["L5_basket", "L5Basket", 1.0],
  ["L5_pyramidal", "L5Pyr", 1.0],
];

/**
 * An extgauss / extpois `cells` dict: per cell type the tuple of parameters `<short>_<field>`, with
 * `"delay"` standing for the cell type's synaptic delay.
 */
function extFeedCells(p: Params, fields: string[]): Record<string, Tuple> {
  return Object.fromEntries(EXT_FEED_CELLS.map(([name, short, delay]) => [name, fields.map((f) => (f === "delay" ? delay : paramNum(p, `${short}_${f}`)))]));
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
      const delay = paramNum(p, `input_${side}_A_delay_${ty.slice(0, 2)}`);
      for (const sy of ["ampa", "nmda"]) syn[`${ty}_${sy}`] = [paramNum(p, `input_${side}_A_weight_${ty}_${sy}`), delay];
    }
    return {
      fInput: paramNum(p, `f_input_${side}`),
      t0: paramNum(p, `t0_input_${side}`),
      tstop: paramNum(p, `tstop_input_${side}`),
      stdev: paramNum(p, `f_stdev_${side}`),
      syn,
      eventsPerCycle: paramNum(p, `events_per_cycle_${side}`),
      prngSeedcore: pyInt(paramNum(p, `prng_seedcore_input_${side}`)),
      lamtha: 100.0,
      loc: side === "prox" ? "proximal" : "distal",
      nDriveCells: paramNum(p, `repeats_${side}`),
      t0Stdev: paramNum(p, `t0_input_stdev_${side}`),
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
      const sigma = paramNum(p, `sigma_t_${skey}`);
      const w = (ty: string, delay: number): Tuple => [
        paramNum(p, `gbar_${skey}_${ty}_ampa`),
        paramNum(p, `gbar_${skey}_${ty}_nmda`),
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
        t0: paramNum(p, `t_${skey}`),
        cells,
        prngSeedcore: pyInt(paramNum(p, `prng_seedcore_${skey}`)),
        lamtha: 3.0,
        loc: side === "prox" ? "proximal" : "distal",
        syncEvinput: p.sync_evinput,
        numspikes: paramNum(p, `numspikes_${skey}`),
      };
    }
  }
  pUnique.extgauss = {
    cells: extFeedCells(p, ["Gauss_A_weight", "Gauss_A_weight", "delay", "Gauss_mu", "Gauss_sigma"]),
    lamtha: 100.0,
    prngSeedcore: pyInt(paramNum(p, "prng_seedcore_extgauss")),
    loc: "proximal",
  };
  checkPoisSynkeys(p);
  pUnique.extpois = {
    cells: extFeedCells(p, ["Pois_A_weight_ampa", "Pois_A_weight_nmda", "delay", "Pois_lamtha"]),
    lamtha: 100.0,
    prngSeedcore: pyInt(paramNum(p, "prng_seedcore_extpois")),
    tInterval: [paramNum(p, "t0_pois"), paramNum(p, "T_pois")],
    loc: "proximal",
  };
  return { pCommon, pUnique };
}
