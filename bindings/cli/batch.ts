/**
 * `hnn-wasm batch --network FILE --grid GRID.json --tstop MS [--trials N] [--jobs N] --out DIR
 * [--overwrite]`: runs BatchSimulate over the Cartesian product of GRID.json (parameter path ->
 * values; paramPaths.ts) and writes, per parameter set k, `DIR/<k>/dipole_trial<t>.csv` and
 * `DIR/<k>/spikes_trial<t>.csv` (the layout of `hnn-wasm simulate`), and `DIR/summary.csv`
 * (k, each parameter's value, the files). Drive events are regenerated from the network's seeds
 * (a network file's stored events belong to its own parameters).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BatchSimulate, type BatchResult } from "../batch/batchSimulate";
import { paramCombinations, type ParamGrid } from "../batch/paramPaths";
import { readNetworkFile } from "../io/networkFile";
import { dipoleCsv, spikesCsv } from "../io/outputCsv";
import { pyFloat } from "../util/pyformat";
import { ValueError } from "../util/validate";
import { ProgressBar } from "./progress";

/** The flags of `hnn-wasm batch`. */
export interface BatchFlags {
  network: string;
  grid: string;
  tstop: number;
  dt: number;
  trials: number;
  jobs: number;
  out: string;
  overwrite?: boolean;
}

/** Reads GRID.json: an object of parameter path -> non-empty list of numbers. */
function readGrid(file: string): ParamGrid {
  if (!existsSync(file)) throw new Error(`grid file not found: ${file}`);
  let grid: unknown;
  try {
    grid = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new ValueError(`grid file ${file} is not JSON: ${(e as Error).message}`);
  }
  if (typeof grid !== "object" || grid === null || Array.isArray(grid) || Object.keys(grid).length === 0) {
    throw new ValueError(`grid file ${file} must hold an object of parameter path -> list of values, e.g. {"drives.evprox1.mu": [20, 26]}`);
  }
  for (const [path, values] of Object.entries(grid)) {
    if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === "number" && Number.isFinite(v))) {
      throw new ValueError(`grid file ${file}: '${path}' must map to a non-empty list of numbers, got ${JSON.stringify(values)}`);
    }
  }
  return grid as ParamGrid;
}

/** A CSV field, quoted when it holds a comma or a quote. */
function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes one parameter set's files into DIR/<k>/ and returns their paths relative to DIR. */
function writeResult(out: string, k: number, result: BatchResult): string[] {
  mkdirSync(join(out, String(k)));
  const files: string[] = [];
  const { spikeTimes, spikeGids, spikeTypes } = result.spiking!;
  result.dpl!.forEach((dpl, t) => {
    const names = [`${k}/dipole_trial${t}.csv`, `${k}/spikes_trial${t}.csv`];
    writeFileSync(join(out, names[0]), dipoleCsv(dpl));
    writeFileSync(join(out, names[1]), spikesCsv(spikeTimes[t], spikeGids[t], spikeTypes[t]));
    files.push(...names);
  });
  return files;
}

/** Runs `hnn-wasm batch`. */
export async function batchCommand(flags: BatchFlags): Promise<void> {
  const grid = readGrid(flags.grid);
  if (existsSync(flags.out) && readdirSync(flags.out).length > 0 && flags.overwrite !== true) {
    throw new ValueError(`--out ${flags.out} exists and is not empty; give --overwrite to replace its contents, or another folder`);
  }
  const net = readNetworkFile(flags.network);
  const batch = new BatchSimulate({ net, tstop: flags.tstop, dt: flags.dt, nTrials: flags.trials, saveSpiking: true });
  const paths = Object.keys(grid);
  const total = paramCombinations(grid).length;
  const bar = new ProgressBar("batch");
  const started = Date.now();
  const result = await batch.run(grid, {
    nJobs: flags.jobs,
    onProgress: (p) => bar.update(p.fraction, `${p.done} of ${p.total} simulations, ${((Date.now() - started) / 1000).toFixed(0)} s`),
  });
  bar.finish();
  mkdirSync(flags.out, { recursive: true });
  for (const entry of readdirSync(flags.out)) {
    // --overwrite: this command's own earlier outputs go; other files stay.
    if (/^\d+$/.test(entry) || entry === "summary.csv") rmSync(join(flags.out, entry), { recursive: true, force: true });
  }
  const rows = [["k", ...paths, "files"].map(csvField).join(",")];
  result!.simulatedData!.flat().forEach((r, k) => {
    const files = writeResult(flags.out, k, r);
    rows.push([String(k), ...paths.map((p) => pyFloat(r.paramValues[p] as number)), files.join(" ")].map(csvField).join(","));
  });
  writeFileSync(join(flags.out, "summary.csv"), rows.join("\n") + "\n");
  console.log(`wrote ${total} simulation(s) of ${flags.tstop} ms (${flags.trials} trial(s) each) to ${flags.out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
