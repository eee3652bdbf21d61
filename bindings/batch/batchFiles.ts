/**
 * BatchSimulate's result files (hnn-core `_save`, `load_results`, `load_all_results`): JSON, one
 * file `sim_run_<start>-<end>.json` per batch (hnn-core writes the same names with .npz), holding
 * `paramValues`, the saved outputs per simulation (`dpl`: per trial `{ times, data: { agg, L2, L5
 * }, nave, scaleApplied }`; `spiking`: `{ spikeTimes, spikeGids, spikeTypes }` per trial; `lfp`: per
 * electrode array its `toDict()` (positions, settings, times, voltages of every trial);
 * `voltages`, `currents`: gid -> section traces per trial) and `metadata` ({ batchSize, nTrials,
 * tstop, dt }). Numbers are JSON doubles, read back exactly (Python: `json.load`). Node only.
 */
import type { Dipole } from "../analysis/dipole";
import { nodeFs, nodePath } from "../util/nodeFs";
import { typeError } from "../util/validate";
import { dipoleFromData, dipoleToData, type DipoleData, type JobResult } from "./batchJob";
import type { ParamValues } from "./paramPaths";

/** The outputs a result file can hold, in hnn-core's order. */
export const SAVED_KINDS = ["dpl", "spiking", "lfp", "voltages", "currents"] as const;

/** One of {@link SAVED_KINDS}. */
export type SavedKind = (typeof SAVED_KINDS)[number];

/** One simulation's outputs, `dpl` as Dipole objects. */
export type SimOutputs = Omit<JobResult, "index" | "params" | "dpl"> & { dpl?: Dipole[] };

/** What {@link loadResultsFile} returns: the parameter sets and, per kind asked for, one entry per simulation. */
export interface LoadedResults {
  paramValues: ParamValues[];
  dpl?: Dipole[][];
  spiking?: JobResult["spiking"][];
  lfp?: JobResult["lfp"][];
  voltages?: JobResult["voltages"][];
  currents?: JobResult["currents"][];
}

/** Metadata stored with every file (hnn-core's `metadata`). */
export interface BatchMetadata {
  batchSize: number;
  nTrials: number;
  tstop: number;
  dt: number;
}

/**
 * hnn-core `_save`: writes `results[k]`'s kinds in `kinds` for simulations `startIdx` .. `endIdx - 1`.
 * @returns the file's path.
 * @throws Error (hnn-core's FileExistsError text) when the file exists and `overwrite` is false.
 */
export function saveResultsFile(
  folder: string,
  results: (SimOutputs & { paramValues: ParamValues })[],
  startIdx: number,
  endIdx: number,
  kinds: readonly SavedKind[],
  metadata: BatchMetadata,
  overwrite: boolean,
): string {
  if (!Array.isArray(results)) throw typeError("results", "list", results);
  if (!Number.isInteger(startIdx)) throw typeError("startIdx", "int", startIdx);
  if (!Number.isInteger(endIdx)) throw typeError("endIdx", "int", endIdx);
  const fs = nodeFs();
  fs.mkdirSync(folder, { recursive: true });
  const file = nodePath().join(folder, `sim_run_${startIdx}-${endIdx}.json`);
  if (fs.existsSync(file) && !overwrite) {
    const e = new Error(`File ${file} already exists and overwrite is set to False.`);
    e.name = "FileExistsError";
    throw e;
  }
  const data: Record<string, unknown> = { paramValues: results.map((r) => r.paramValues) };
  for (const kind of kinds) {
    if (results.length > 0 && results[0][kind] !== undefined) {
      data[kind] = results.map((r) => (kind === "dpl" ? r.dpl!.map(dipoleToData) : r[kind]));
    }
  }
  data.metadata = metadata;
  fs.writeFileSync(file, JSON.stringify(data));
  return file;
}

/** hnn-core `load_results(file_path, return_data)`: `paramValues` and the kinds in `returnData` the file has. */
export function loadResultsFile(file: string, returnData: readonly SavedKind[]): LoadedResults {
  const data = JSON.parse(nodeFs().readFileSync(file, "utf8")) as Record<string, unknown>;
  const out: LoadedResults = { paramValues: data.paramValues as ParamValues[] };
  for (const kind of returnData) {
    if (!(kind in data)) continue;
    if (kind === "dpl") out.dpl = (data.dpl as DipoleData[][]).map((trials) => trials.map(dipoleFromData));
    else out[kind] = data[kind] as never;
  }
  return out;
}

/** The `sim_run_<start>-<end>.json` files of a folder, by start index. */
export function resultFiles(folder: string): string[] {
  const pattern = /^sim_run_(\d+)-(\d+)\.json$/;
  return nodeFs()
    .readdirSync(folder)
    .filter((name) => pattern.test(name))
    .sort((a, b) => Number(pattern.exec(a)![1]) - Number(pattern.exec(b)![1]))
    .map((name) => nodePath().join(folder, name));
}
