/**
 * The whole workbench as one JSON file, to share or to reopen later: the saved state (network
 * configuration JSON, model choice, simulation settings, figure layout) and the runs kept side by
 * side (raw dipoles and spikes of every trial). Opened like any file: picker or drag-and-drop.
 */
import { CellResponse, Dipole } from "../bindings/index";
import type { Run } from "./figures";
import { usableState, type SavedState } from "./state";

/** `object_type` of a workbench file (hnn-core's network files say "Network"). */
const SESSION_TYPE = "hnn-wasm workbench";
const LAYERS = ["agg", "L2", "L5"] as const;

interface RunJson {
  label: string;
  wallMs: number;
  dipoles: { times: number[]; agg: number[]; L2?: number[]; L5?: number[] }[];
  cellTypeNames: string[];
  spikeTimes: number[][];
  spikeGids: number[][];
  spikeTypes: string[][];
}

/** The workbench file's text. Doubles are written in full (JSON keeps every bit). */
export function writeSession(state: SavedState, runs: Run[]): string {
  const runJson = runs.map((r): RunJson => ({
    label: r.label,
    wallMs: r.wallMs,
    dipoles: r.dipoles.map((d) => ({ times: Array.from(d.times), ...Object.fromEntries(LAYERS.filter((l) => d.data[l]).map((l) => [l, Array.from(d.data[l]!)])) }) as RunJson["dipoles"][number]),
    cellTypeNames: r.response.cellTypeNames,
    spikeTimes: r.response.spikeTimes,
    spikeGids: r.response.spikeGids,
    spikeTypes: r.response.spikeTypes,
  }));
  return JSON.stringify({ object_type: SESSION_TYPE, version: 1, state, runs: runJson });
}

/**
 * The state and runs of a workbench file, or null when `text` is not one (another JSON file, or no
 * JSON: the caller reads it as a network and reports its errors).
 * @throws TypeError naming what is wrong in a workbench file that is damaged
 */
export function readSession(text: string): { state: SavedState; runs: Run[] } | null {
  let doc: { object_type?: unknown; state?: unknown; runs?: unknown };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch {
    return null;
  }
  if (doc === null || typeof doc !== "object" || doc.object_type !== SESSION_TYPE) return null;
  const state = usableState(doc.state);
  if (state === null) throw new TypeError("the workbench file's state is incomplete (networkJson, choice, settings, layout and panels are needed)");
  if (!Array.isArray(doc.runs)) throw new TypeError("the workbench file's runs must be a list");
  const runs = (doc.runs as RunJson[]).map((r, i): Run => {
    if (!Array.isArray(r?.dipoles) || r.dipoles.length === 0) throw new TypeError(`run ${i + 1} of the workbench file has no dipoles`);
    return {
      label: String(r.label),
      wallMs: Number(r.wallMs),
      dipoles: r.dipoles.map((d) => new Dipole(d.times, { agg: d.agg, L2: d.L2, L5: d.L5 })),
      response: new CellResponse(r.cellTypeNames, { spikeTimes: r.spikeTimes, spikeGids: r.spikeGids, spikeTypes: r.spikeTypes }),
    };
  });
  return { state, runs };
}
