/**
 * `hnn-wasm batch --network FILE --grid GRID.json --tstop MS [--trials N] [--jobs N] --out DIR
 * [--overwrite] [--queue redis://HOST:PORT[/NAME]]`: runs BatchSimulate over the Cartesian product
 * of GRID.json (parameter path -> values; paramPaths.ts) and writes, per parameter set k,
 * `DIR/<k>/dipole_trial<t>.csv` and `DIR/<k>/spikes_trial<t>.csv` (the layout of `hnn-wasm
 * simulate`), and `DIR/summary.csv` (k, each parameter's value, the files). Drive events are
 * regenerated from the network's seeds (a network file's stored events belong to its own parameters).
 * With `--queue` the simulations run on `hnn-wasm worker`s serving that Redis queue, and the batch's
 * ID is printed; `--resume ID --queue URL --out DIR` re-attaches to it after a restart. A
 * simulation that failed there leaves its row's files empty and its error in `DIR/errors.csv`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Dipole } from "../analysis/dipole";
import { dipoleFromData, type JobResult } from "../batch/batchJob";
import { BatchSimulate, type BatchProgress } from "../batch/batchSimulate";
import type { BatchOutcome, QueueProgress } from "../batch/jobBackend";
import type { ParamGrid, ParamValues } from "../batch/paramPaths";
import { readNetworkFile } from "../io/networkFile";
import { dipoleCsv, spikesCsv } from "../io/outputCsv";
import { pyFloat } from "../util/pyformat";
import { OutputBatch } from "./outputFiles";
import { exitIfInterrupted, handleInterrupts } from "./interrupt";
import { ValueError } from "../util/validate";
import { ProgressBar } from "./progress";

/** The flags of `hnn-wasm batch`. */
export interface BatchFlags {
  network?: string;
  grid?: string;
  tstop?: number;
  dt: number;
  trials: number;
  jobs: number;
  out: string;
  overwrite?: boolean;
  queue?: string;
  resume?: string;
}

/** What a queued batch keeps for `--resume` (the backend's batch meta). */
interface CliMeta {
  command: "hnn-wasm batch";
  paths: string[];
  tstop: number;
  trials: number;
}

/** One parameter set's outputs as written to DIR (a failed one has only `error`). */
interface Written {
  paramValues: ParamValues;
  dpl?: Dipole[];
  spiking?: JobResult["spiking"];
  error?: string;
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

/** Stages one parameter set's files for DIR/<k>/ and returns their paths relative to DIR. */
function writeResult(files: OutputBatch, out: string, k: number, result: Written): string[] {
  if (result.error !== undefined) return [];
  mkdirSync(join(out, String(k)));
  const names: string[] = [];
  const { spikeTimes, spikeGids, spikeTypes } = result.spiking!;
  result.dpl!.forEach((dpl, t) => {
    const [dipole, spikes] = [`${k}/dipole_trial${t}.csv`, `${k}/spikes_trial${t}.csv`];
    files.write(dipole, dipoleCsv(dpl));
    files.write(spikes, spikesCsv(spikeTimes[t], spikeGids[t], spikeTypes[t]));
    names.push(dipole, spikes);
  });
  return names;
}

/** The progress line's detail: simulations done, and with a queue its view. */
function progressDetail(p: BatchProgress, startedMs: number): string {
  const seconds = `${((Date.now() - startedMs) / 1000).toFixed(0)} s`;
  const q: QueueProgress | undefined = p.queue;
  if (q === undefined) return `${p.done} of ${p.total} simulations, ${seconds}`;
  const eta = q.etaS === null ? "" : `, ETA ${q.etaS.toFixed(0)} s`;
  return `${q.done} of ${q.total} done, ${q.failed} failed, ${q.active} running, ${q.waiting} waiting, ${q.ratePerMin.toFixed(1)}/min${eta}, ${seconds}`;
}

/**
 * Writes DIR: `<k>/` per parameter set, summary.csv, and errors.csv when some failed; the CSVs are
 * written under temporary names and renamed into place together (./outputFiles.ts).
 * @returns a function that prints what was written, or throws naming errors.csv if some failed.
 */
function writeOut(out: string, paths: string[], results: Written[], tstop: number, trials: number, startedMs: number): () => void {
  mkdirSync(out, { recursive: true });
  for (const entry of readdirSync(out)) {
    // --overwrite: this command's own earlier outputs go; other files stay.
    if (/^\d+$/.test(entry) || entry === "summary.csv" || entry === "errors.csv") rmSync(join(out, entry), { recursive: true, force: true });
  }
  const staged = new OutputBatch(out);
  const rows = [["k", ...paths, "files"].map(csvField).join(",")];
  const errors = [["k", "error"].join(",")];
  results.forEach((r, k) => {
    const files = writeResult(staged, out, k, r);
    rows.push([String(k), ...paths.map((p) => pyFloat(r.paramValues[p] as number)), files.join(" ")].map(csvField).join(","));
    if (r.error !== undefined) errors.push([String(k), r.error].map(csvField).join(","));
  });
  staged.write("summary.csv", rows.join("\n") + "\n");
  const failed = errors.length - 1;
  if (failed > 0) staged.write("errors.csv", errors.join("\n") + "\n");
  staged.commit();
  const seconds = ((Date.now() - startedMs) / 1000).toFixed(1);
  return () => {
    if (failed > 0) throw new Error(`${failed} of ${results.length} simulation(s) failed (their errors are in ${join(out, "errors.csv")}); the others were written to ${out}`);
    console.log(`wrote ${results.length} simulation(s) of ${tstop} ms (${trials} trial(s) each) to ${out} in ${seconds} s`);
  };
}

/** The Redis queue's backend, kept until the CLI has written DIR (then it forgets the batch). */
async function queueBackend(queue: string) {
  const { redisBackend } = await import("../queue/redisBackend");
  return redisBackend({ queue }, { removeWhenCollected: false });
}

/** `--resume ID --queue URL`: waits for a queued batch and writes DIR from its outcomes. */
async function resumeCommand(flags: BatchFlags & { resume: string }): Promise<void> {
  if (flags.queue === undefined) throw new ValueError("--resume needs --queue redis://HOST:PORT[/NAME], the queue the batch was sent to");
  const backend = await queueBackend(flags.queue);
  const bar = new ProgressBar("batch");
  const started = Date.now();
  try {
    const outcome: BatchOutcome = await backend.attach(flags.resume, {
      onProgress: (q) => bar.update((q.done + q.failed) / Math.max(1, q.total), progressDetail({ done: q.done, total: q.total, fraction: 0, queue: q }, started)),
    });
    bar.finish();
    const meta = outcome.meta as CliMeta | null;
    if (meta?.command !== "hnn-wasm batch") throw new ValueError(`batch '${flags.resume}' was not submitted by hnn-wasm batch, so it has no folder layout to write`);
    const results = outcome.outcomes.map((o): Written => (o.ok ? { paramValues: o.result.params, dpl: o.result.dpl?.map(dipoleFromData), spiking: o.result.spiking } : { paramValues: o.params, error: o.error }));
    const report = writeOut(flags.out, meta.paths, results, meta.tstop, meta.trials, started);
    await backend.forget(flags.resume);
    report();
  } finally {
    await backend.close();
  }
}

/** Runs `hnn-wasm batch`. */
export async function batchCommand(flags: BatchFlags): Promise<void> {
  if (existsSync(flags.out) && readdirSync(flags.out).length > 0 && flags.overwrite !== true) {
    throw new ValueError(`--out ${flags.out} exists and is not empty; give --overwrite to replace its contents, or another folder`);
  }
  if (flags.resume !== undefined) return resumeCommand({ ...flags, resume: flags.resume });
  if (flags.network === undefined || flags.grid === undefined || flags.tstop === undefined) {
    throw new ValueError("give --network FILE, --grid GRID.json and --tstop MS (or --resume ID with --queue to re-attach to a queued batch)");
  }
  const grid = readGrid(flags.grid);
  const net = readNetworkFile(flags.network);
  const batch = new BatchSimulate({ net, tstop: flags.tstop, dt: flags.dt, nTrials: flags.trials, saveSpiking: true });
  const paths = Object.keys(grid);
  const bar = new ProgressBar("batch");
  const started = Date.now();
  const backend = flags.queue === undefined ? undefined : await queueBackend(flags.queue);
  let batchId: string | undefined;
  const interrupts = handleInterrupts();
  try {
    const meta: CliMeta = { command: "hnn-wasm batch", paths, tstop: flags.tstop, trials: flags.trials };
    const result = await batch.run(grid, {
      nJobs: flags.jobs,
      backend,
      batchMeta: meta,
      onSubmitted: (id) => {
        batchId = id;
        process.stderr.write(`batch ${id} queued on ${backend!.address.url} (queue '${backend!.address.name}'); re-attach with: hnn-wasm batch --resume ${id} --queue ${flags.queue} --out ${flags.out}\n`);
      },
      onProgress: (p) => bar.update(p.fraction, progressDetail(p, started)),
      signal: interrupts.signal,
    }).catch((e: unknown) => {
      exitIfInterrupted(interrupts.signal);
      throw e;
    });
    interrupts.dispose();
    bar.finish();
    const report = writeOut(flags.out, paths, result!.simulatedData!.flat(), flags.tstop, flags.trials, started);
    if (batchId !== undefined) await backend!.forget(batchId);
    report();
  } finally {
    await backend?.close();
  }
}
