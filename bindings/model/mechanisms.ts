/**
 * The membrane mechanisms of hnn-core 0.6.1 (hnn_core/mod, CHANNELS.md): their parameter names as
 * sections store them and the .mod files' defaults, used where a section does not set a value.
 */
export const MECHANISM_PARAMS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  hh2: { gnabar_hh2: 0.12, gkbar_hh2: 0.036, gl_hh2: 0.0003, el_hh2: -54.3 }, // S/cm², mV
  km: { gbar_km: 10.0 }, // pS/µm²
  ca: { gbar_ca: 0.0 }, // pS/µm²
  cad: { taur_cad: 200.0 }, // ms
  kca: { gbar_kca: 0.0 }, // pS/µm²
  cat: { gbar_cat: 0.0 }, // S/cm²
  ar: { gbar_ar: 0.0 }, // S/cm²
};

/** Mechanism names, in hnn-core's order. */
export const MECHANISM_NAMES: readonly string[] = Object.keys(MECHANISM_PARAMS);
