/**
 * The workbench's state: which model the network came from, the network itself (kept as hnn-core
 * network configuration JSON, the same text the page saves and loads), the simulation and display
 * settings, and the figure layout. Saved in localStorage so that it survives a reload.
 */
import { jones2009Model, neymotin2020Model, law2021Model, calciumModel, writeNetworkConfiguration, type Network } from "../bindings/index";

/** The built-in models (hnn-core's network_models). */
export const MODELS = { jones2009: jones2009Model, neymotin2020: neymotin2020Model, law2021: law2021Model, calcium: calciumModel } as const;
export type ModelName = keyof typeof MODELS;

/** How a fresh network is made. */
export interface ModelChoice {
  model: ModelName;
  /** Pyramidal grid (hnn-core's GUI uses 3×3). */
  meshX: number;
  meshY: number;
  /** Add the parameter file's ERP drives (evdist1, evprox1, evprox2). */
  drivesFromParams: boolean;
}

/** Simulation and display settings (hnn-core GUI's Simulation tab). */
export interface Settings {
  tstopMs: number;
  dtMs: number;
  nTrials: number;
  nJobs: number;
  /** Dipole smoothing window (ms); 0 = none. */
  smoothWinMs: number;
  /** Dipole scaling factor; 1 = none. */
  scaleFactor: number;
  /** Spectral range of the PSD and spectrogram (Hz). */
  fminHz: number;
  fmaxHz: number;
}

/** The figure kinds of the Visualization tab. */
export const FIGURE_KINDS = {
  dipole: "Current dipole (agg)",
  dipoleLayers: "Current dipole (L2/3, L5)",
  raster: "Spike raster",
  hist: "Input histogram",
  psd: "PSD",
  spectrogram: "Spectrogram (Morlet)",
  cells: "Network (cells)",
  connectivity: "Connectivity matrix",
  psdLayers: "PSD per layer (L2/3, L5)",
  rasterDipole: "Spike raster + dipole",
  cellConnectivity: "Cell connectivity (click a source)",
  driveStrength: "Drive strength",
} as const;
export type FigureKind = keyof typeof FIGURE_KINDS;

/** Layouts (hnn-core GUI templates): rows × columns. */
export const LAYOUTS = { single: [1, 1], "2x1": [2, 1], "1x2": [1, 2], "2x2": [2, 2] } as const;
export type LayoutName = keyof typeof LAYOUTS;

/** Everything that is saved. */
export interface SavedState {
  choice: ModelChoice;
  networkJson: string;
  /** Where the network came from (model name or file name), shown in the page. */
  networkSource: string;
  settings: Settings;
  layout: LayoutName;
  panels: FigureKind[];
}

const DEFAULT_CHOICE: ModelChoice = { model: "jones2009", meshX: 3, meshY: 3, drivesFromParams: true };
const DEFAULT_SETTINGS: Settings = { tstopMs: 170, dtMs: 0.025, nTrials: 1, nJobs: 2, smoothWinMs: 30, scaleFactor: 3000, fminHz: 10, fmaxHz: 100 };
const STORAGE_KEY = "hnn-wasm-workbench-v1";

/** A fresh network of the chosen model. */
export function buildModel(c: ModelChoice): Network {
  return MODELS[c.model]({ addDrivesFromParams: c.drivesFromParams, meshShape: [c.meshX, c.meshY] });
}

/** How the page names a network made from `c` (the header shows it; a file's name otherwise). */
export function modelLabel(c: ModelChoice): string {
  return `${c.model} (${c.meshX}×${c.meshY})`;
}

/** The default state: hnn-core GUI's default network (jones2009, 3×3, ERP drives). */
export function defaultState(): SavedState {
  const net = buildModel(DEFAULT_CHOICE);
  return {
    choice: { ...DEFAULT_CHOICE },
    networkJson: writeNetworkConfiguration(net),
    networkSource: modelLabel(DEFAULT_CHOICE),
    settings: { ...DEFAULT_SETTINGS },
    layout: "2x2",
    panels: ["dipole", "raster", "hist", "psd"],
  };
}

/** `s` as a state (settings missing from older saves take their defaults), or null when it is not one. */
export function usableState(value: unknown): SavedState | null {
  const s = (value ?? {}) as Partial<SavedState>;
  if (typeof s.networkJson !== "string" || !s.choice || !(s.choice.model in MODELS) || !s.settings || !s.layout || !(s.layout in LAYOUTS) || !Array.isArray(s.panels)) return null;
  return { ...defaultState(), ...s, settings: { ...DEFAULT_SETTINGS, ...s.settings } } as SavedState;
}

/** The saved state, or null when there is none or it is not usable. */
export function loadSaved(storage: Storage | undefined): SavedState | null {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (!raw) return null;
    return usableState(JSON.parse(raw));
  } catch {
    return null;
  }
}

/** Saves the state; returns an error message when the browser refuses (quota), else null. */
export function save(storage: Storage | undefined, state: SavedState): string | null {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(state));
    return null;
  } catch (e) {
    return `could not save the state in this browser: ${(e as Error).message}`;
  }
}

/** Forgets the saved state. */
export function clearSaved(storage: Storage | undefined): void {
  storage?.removeItem(STORAGE_KEY);
}
