/**
 * hnn-core 0.6.1's flat parameters as data:
 * - {@link getParamsDefault}: the template `Params()` fills from (`get_params_default(nprox, ndist)`,
 *   params_default.py): every key a Params object can hold, with its inactive default;
 * - {@link DEFAULT_PARAMS_JSON}: the values of `hnn_core/param/default.json` (the default model and its
 *   ERP drives, DRIVES.md §8.1, NETWORK.md §3.3), and {@link DEFAULT_PARAMS} = `read_params` of that
 *   file (the template filled with them: what `jones_2009_model()` uses as `net._params`);
 * - {@link GAMMA_L5WEAK_L2WEAK_JSON} / {@link GAMMA_L5WEAK_L2WEAK_PARAMS}: the same for the gamma
 *   example's `gamma_L5weak_L2weak.json`.
 * The cell geometry/biophysics keys are the same numbers in all of them and come from ./cellParams.ts.
 */

import { l2PyrParamsDefault, l5PyrParamsDefault } from "./cellParams";

/** One parameter value (JSON number, string or boolean). */
export type ParamValue = number | string | boolean;

/** A flat hnn-core parameter set (hnn-core `Params`: a dict of the template's keys). */
export type Params = Record<string, ParamValue>;

/** `get_ev_params_default(n, isprox)` (params_default.py): inactive evoked-input keys. */
function evParamsDefault(n: number, isProx: boolean): Params {
  const out: Params = {};
  const pref = isProx ? "evprox" : "evdist";
  const types = isProx ? ["L2Pyr", "L5Pyr", "L2Basket", "L5Basket"] : ["L2Pyr", "L5Pyr", "L2Basket"];
  for (let i = 0; i < n; i++) {
    const key = `${pref}_${i + 1}`;
    for (const ty of types) for (const sy of ["ampa", "nmda"]) out[`gbar_${key}_${ty}_${sy}`] = 0.0;
    out[`t_${key}`] = 0.0;
    out[`sigma_t_${key}`] = 0.0;
    out[`prng_seedcore_${key}`] = 0;
    out[`numspikes_${key}`] = 1;
  }
  return out;
}

/** Feed/weight keys of the template for one cell short name (Gauss and Poisson inputs). */
function feedDefaults(short: string, gaussSigma: number): Params {
  return {
    [`${short}_Gauss_A_weight`]: 0.0,
    [`${short}_Gauss_mu`]: 2000.0,
    [`${short}_Gauss_sigma`]: gaussSigma,
    [`${short}_Pois_A_weight_ampa`]: 0.0,
    [`${short}_Pois_A_weight_nmda`]: 0.0,
    [`${short}_Pois_lamtha`]: 0.0,
  };
}

/** Common (bursty) input keys `<key>_<side>` with the given values, in the given order. */
function sideKeys(side: "prox" | "dist", values: Params): Params {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [`${k}_${side}`, v]));
}

/** Common (bursty) input keys of the template for `prox` / `dist`. */
function commonInputDefaults(side: "prox" | "dist"): Params {
  return sideKeys(side, { distribution: "normal", t0_input: 1000.0, tstop_input: 250.0, f_input: 10.0, f_stdev: 20.0, events_per_cycle: 2, repeats: 10, t0_input_stdev: 0.0 });
}

/**
 * hnn-core's parameter template `get_params_default(nprox, ndist)` (params_default.py): the keys (in
 * hnn-core's order) and inactive values that `Params(dict)` keeps.
 */
export function getParamsDefault(nprox = 2, ndist = 1): Params {
  const p: Params = {
    sim_prefix: "default",
    tstop: 250.0,
    N_pyr_x: 1,
    N_pyr_y: 1,
    ...feedDefaults("L2Basket", 3.6),
    ...feedDefaults("L2Pyr", 3.6),
    ...feedDefaults("L5Pyr", 4.8),
    ...feedDefaults("L5Basket", 2.0),
  };
  for (const k of [
    "gbar_L2Pyr_L2Pyr_ampa",
    "gbar_L2Pyr_L2Pyr_nmda",
    "gbar_L2Basket_L2Pyr_gabaa",
    "gbar_L2Basket_L2Pyr_gabab",
    "gbar_L2Pyr_L2Basket",
    "gbar_L2Basket_L2Basket",
    "gbar_L5Pyr_L5Pyr_ampa",
    "gbar_L5Pyr_L5Pyr_nmda",
    "gbar_L2Pyr_L5Pyr",
    "gbar_L2Basket_L5Pyr",
    "gbar_L5Basket_L5Pyr_gabaa",
    "gbar_L5Basket_L5Pyr_gabab",
    "gbar_L5Basket_L5Basket",
    "gbar_L5Pyr_L5Basket",
    "gbar_L2Pyr_L5Basket",
  ]) {
    p[k] = 0.0;
  }
  Object.assign(p, commonInputDefaults("prox"), commonInputDefaults("dist"));
  for (const side of ["prox", "dist"] as const) {
    const types = side === "prox" ? ["L2Pyr", "L5Pyr", "L2Basket", "L5Basket"] : ["L2Pyr", "L5Pyr", "L2Basket"];
    for (const ty of types) for (const sy of ["ampa", "nmda"]) p[`input_${side}_A_weight_${ty}_${sy}`] = 0.0;
    p[`input_${side}_A_delay_L2`] = side === "prox" ? 0.1 : 5.0;
    p[`input_${side}_A_delay_L5`] = side === "prox" ? 1.0 : 5.0;
  }
  Object.assign(p, {
    dt_evprox0_evdist: -1,
    dt_evprox0_evprox1: -1,
    sync_evinput: 1,
    inc_evinput: 0.0,
    save_spec_data: 0,
    f_max_spec: 40.0,
    spec_cmap: "jet",
    dipole_scalefctr: 30e3,
    dipole_smooth_win: 15.0,
    save_figs: 0,
    save_dpl: 0,
    record_vsoma: 0,
    record_isoma: 0,
    record_vsec: 0,
    record_isec: 0,
    record_ca: 0,
    N_trials: 1,
    prng_seedcore_input_prox: 0,
    prng_seedcore_input_dist: 0,
    prng_seedcore_extpois: 0,
    prng_seedcore_extgauss: 0,
    t0_pois: 0.0,
    T_pois: -1,
    dt: 0.025,
    celsius: 37.0,
    threshold: 0.0,
  });
  Object.assign(p, l2PyrParamsDefault(), l5PyrParamsDefault());
  Object.assign(p, evParamsDefault(nprox, true), evParamsDefault(ndist, false));
  return p;
}

/** `_count_evoked_inputs` (params.py:19-27): keys starting with `t_` and containing `evprox` / `evdist`. */
export function countEvokedInputs(d: Record<string, unknown>): [number, number] {
  let nprox = 0;
  let ndist = 0;
  for (const k of Object.keys(d)) {
    if (k.startsWith("t_")) {
      if (k.includes("evprox")) nprox += 1;
      else if (k.includes("evdist")) ndist += 1;
    }
  }
  return [nprox, ndist];
}

/**
 * hnn-core `Params(params_input)` (params.py:313-335): the template `get_params_default(nprox, ndist)`
 * (nprox/ndist counted in the input), each key taking the input's value when present. Keys that are
 * not in the template (e.g. `Itonic_*`) are dropped.
 * @throws TypeError if `input` is not a plain object.
 */
export function makeParams(input: Readonly<Record<string, ParamValue>> | null = null): Params {
  if (input === null) input = {};
  if (typeof input !== "object" || Array.isArray(input)) {
    throw new TypeError(`params_input must be dict or None. Got ${Array.isArray(input) ? "list" : typeof input}`);
  }
  const [nprox, ndist] = countEvokedInputs(input);
  const template = getParamsDefault(nprox, ndist);
  const out: Params = {};
  for (const key of Object.keys(template)) out[key] = key in input ? input[key] : template[key];
  return out;
}

/** Per-drive-type weight keys of an evoked input `evprox_<i>` / `evdist_<i>`. */
function ev(prefix: string, t: number, sigma: number, weights: Record<string, [number, number]>, seed = 2): Params {
  const out: Params = { [`t_${prefix}`]: t, [`sigma_t_${prefix}`]: sigma, [`numspikes_${prefix}`]: 1 };
  for (const [ty, [ampa, nmda]] of Object.entries(weights)) {
    out[`gbar_${prefix}_${ty}_ampa`] = ampa;
    out[`gbar_${prefix}_${ty}_nmda`] = nmda;
  }
  out[`prng_seedcore_${prefix}`] = seed;
  return out;
}

/** Bursty (common) input values of default.json for one side. */
function commonInput(side: "prox" | "dist", delayL2: number, delayL5: number): Params {
  const out = sideKeys(side, { t0_input: 1000.0, t0_input_stdev: 0.0, tstop_input: 1001, f_input: 10.0, f_stdev: 20.0, events_per_cycle: 2, repeats: 10 });
  const types = side === "prox" ? ["L2Pyr", "L2Basket", "L5Pyr", "L5Basket"] : ["L2Pyr", "L2Basket", "L5Pyr"];
  for (const ty of types) for (const sy of ["ampa", "nmda"]) out[`input_${side}_A_weight_${ty}_${sy}`] = 0.0;
  out[`input_${side}_A_delay_L2`] = delayL2;
  out[`input_${side}_A_delay_L5`] = delayL5;
  return out;
}

/**
 * The values of hnn-core 0.6.1's `param/default.json` (the file `jones_2009_model()` reads): the
 * default 10×10 model, its cell-to-cell weights (NETWORK.md §3.3) and the three ERP drives
 * evprox1/evdist1/evprox2 (DRIVES.md §8.1). Bursty, Gaussian and Poisson inputs are present but
 * inactive (start after tstop / T_pois < 0).
 */
export const DEFAULT_PARAMS_JSON: Readonly<Params> = Object.freeze({
  tstop: 170,
  dt: 0.025,
  celsius: 37.0,
  N_trials: 1,
  threshold: 0.0,
  save_dpl: 0,
  save_figs: 0,
  save_spec_data: 0,
  f_max_spec: 100,
  dipole_scalefctr: 3000,
  dipole_smooth_win: 30,
  save_vsoma: 0,
  prng_seedcore_input_prox: 2,
  prng_seedcore_input_dist: 2,
  prng_seedcore_extpois: 2,
  prng_seedcore_extgauss: 2,
  prng_seedcore_evprox_1: 2,
  prng_seedcore_evdist_1: 2,
  prng_seedcore_evprox_2: 2,
  prng_seedcore_evdist_2: 0,
  ...l2PyrParamsDefault(),
  ...l5PyrParamsDefault(),
  N_pyr_x: 10,
  N_pyr_y: 10,
  // cell-to-cell weights (µS), NETWORK.md §3.3
  gbar_L2Pyr_L2Pyr_ampa: 0.0005,
  gbar_L2Pyr_L2Pyr_nmda: 0.0005,
  gbar_L2Basket_L2Pyr_gabaa: 0.05,
  gbar_L2Basket_L2Pyr_gabab: 0.05,
  gbar_L2Pyr_L5Pyr: 0.00025,
  gbar_L2Basket_L5Pyr: 0.001,
  gbar_L5Pyr_L5Pyr_ampa: 0.0005,
  gbar_L5Pyr_L5Pyr_nmda: 0.0005,
  gbar_L5Basket_L5Pyr_gabaa: 0.025,
  gbar_L5Basket_L5Pyr_gabab: 0.025,
  gbar_L2Pyr_L2Basket: 0.0005,
  gbar_L2Basket_L2Basket: 0.02,
  gbar_L2Pyr_L5Basket: 0.00025,
  gbar_L5Pyr_L5Basket: 0.0005,
  gbar_L5Basket_L5Basket: 0.02,
  // inactive rhythmic inputs
  ...commonInput("prox", 0.1, 1.0),
  ...commonInput("dist", 5.0, 5.0),
  t0_input_dist: 1000,
  // ERP drives, DRIVES.md §8.1: [ampa, nmda] per target
  ...ev("evprox_1", 26.61, 2.47, {
    L2Pyr: [0.01525, 0.0],
    L2Basket: [0.08831, 0.0],
    L5Pyr: [0.00865, 0.0],
    L5Basket: [0.19934, 0.0],
  }),
  ...ev("evdist_1", 63.53, 3.85, {
    L2Pyr: [0.000007, 0.004317],
    L2Basket: [0.006562, 0.019482],
    L5Pyr: [0.1423, 0.080074],
  }),
  ...ev("evprox_2", 137.12, 8.33, {
    L2Pyr: [1.43884, 0.0],
    L2Basket: [0.000003, 0.0],
    L5Pyr: [0.684013, 0.0],
    L5Basket: [0.008958, 0.0],
  }),
  sync_evinput: false,
  inc_evinput: 0.0,
  // inactive Poisson input
  L2Pyr_Pois_A_weight_ampa: 0.0,
  L2Pyr_Pois_A_weight_nmda: 0.0,
  L2Pyr_Pois_lamtha: 0.0,
  L2Basket_Pois_A_weight_ampa: 0.0,
  L2Basket_Pois_A_weight_nmda: 0.0,
  L2Basket_Pois_lamtha: 0.0,
  L5Pyr_Pois_A_weight_ampa: 0.0,
  L5Pyr_Pois_A_weight_nmda: 0.0,
  L5Pyr_Pois_lamtha: 0.0,
  L5Basket_Pois_A_weight_ampa: 0.0,
  L5Basket_Pois_A_weight_nmda: 0.0,
  L5Basket_Pois_lamtha: 0.0,
  t0_pois: 0.0,
  T_pois: -1,
});

/**
 * `gamma_L5weak_L2weak.json` of hnn-core's gamma example (examples/workflows/plot_simulate_gamma.py),
 * as its differences from {@link DEFAULT_PARAMS_JSON}: weak L2/L5 pyramidal-to-basket loops, no ERP drives,
 * a proximal Poisson input (140 Hz to L2, 40 Hz to L5 pyramidal), tonic-bias keys (zero; dropped by
 * `Params()`), and no `save_dpl` key.
 */
export const GAMMA_L5WEAK_L2WEAK_JSON: Readonly<Params> = Object.freeze(
  (() => {
    const p: Params = { ...DEFAULT_PARAMS_JSON };
    delete p.save_dpl;
    Object.assign(p, {
      tstop: 250.0,
      save_spec_data: 1,
      dipole_scalefctr: 30000.0,
      dipole_smooth_win: 0.0,
      prng_seedcore_opt: 0,
      prng_seedcore_input_prox: 0,
      prng_seedcore_input_dist: 0,
      prng_seedcore_extpois: -3,
      prng_seedcore_extgauss: 0,
      prng_seedcore_evprox_1: 0,
      prng_seedcore_evdist_1: 0,
      prng_seedcore_evprox_2: 0,
      gbar_L2Pyr_L2Pyr_ampa: 0.0,
      gbar_L2Pyr_L2Pyr_nmda: 0.0,
      gbar_L2Basket_L2Pyr_gabaa: 0.007,
      gbar_L2Basket_L2Pyr_gabab: 0.0,
      gbar_L2Pyr_L5Pyr: 0.0,
      gbar_L2Basket_L5Pyr: 0.0,
      gbar_L5Pyr_L5Pyr_ampa: 0.0,
      gbar_L5Pyr_L5Pyr_nmda: 0.0,
      gbar_L5Basket_L5Pyr_gabaa: 0.08,
      gbar_L5Basket_L5Pyr_gabab: 0.0,
      gbar_L2Pyr_L2Basket: 0.0012,
      gbar_L2Basket_L2Basket: 0.01,
      gbar_L2Pyr_L5Basket: 0.0,
      gbar_L5Pyr_L5Basket: 0.00091,
      gbar_L5Basket_L5Basket: 0.0075,
      tstop_input_prox: 250.0,
      tstop_input_dist: 250.0,
      t_evprox_1: 2000.0,
      sigma_t_evprox_1: 2.5,
      t_evdist_1: 2000.0,
      sigma_t_evdist_1: 6.0,
      t_evprox_2: 2000.0,
      sigma_t_evprox_2: 7.0,
      sync_evinput: 1,
      L2Pyr_Pois_A_weight_ampa: 0.0008,
      L2Pyr_Pois_lamtha: 140.0,
      L5Pyr_Pois_A_weight_ampa: 0.0075,
      L5Pyr_Pois_lamtha: 40.0,
      T_pois: 250.0,
      Itonic_A_L2Pyr_soma: 0.0,
      Itonic_t0_L2Pyr_soma: 0.0,
      Itonic_T_L2Pyr_soma: 0.0,
      Itonic_A_L2Basket: 0.0,
      Itonic_t0_L2Basket: 0.0,
      Itonic_T_L2Basket: 0.0,
      Itonic_A_L5Pyr_soma: 0.0,
      Itonic_t0_L5Pyr_soma: 0.0,
      Itonic_T_L5Pyr_soma: 0.0,
      Itonic_A_L5Basket: 0.0,
      Itonic_t0_L5Basket: 0.0,
      Itonic_T_L5Basket: 0.0,
    });
    for (const [prefix, types] of [
      ["evprox_1", ["L2Pyr", "L2Basket", "L5Pyr", "L5Basket"]],
      ["evdist_1", ["L2Pyr", "L2Basket", "L5Pyr"]],
      ["evprox_2", ["L2Pyr", "L2Basket", "L5Pyr", "L5Basket"]],
    ] as const) {
      for (const ty of types) for (const sy of ["ampa", "nmda"]) p[`gbar_${prefix}_${ty}_${sy}`] = 0.0;
    }
    return p;
  })(),
);

/** `read_params('default.json')`: the parameters of hnn-core's default model (`net._params` of `jones_2009_model()`). */
export const DEFAULT_PARAMS: Readonly<Params> = Object.freeze(makeParams(DEFAULT_PARAMS_JSON));

/** `read_params('gamma_L5weak_L2weak.json')`: the gamma example's parameters as hnn-core's `Params`. */
export const GAMMA_L5WEAK_L2WEAK_PARAMS: Readonly<Params> = Object.freeze(makeParams(GAMMA_L5WEAK_L2WEAK_JSON));
