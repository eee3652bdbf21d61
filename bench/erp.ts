// Bench (b): the jones2009 ERP, one 170 ms trial, timed as whole processes of the command line
// (node start, model build, simulation, CSV output), like NEURON's figure below.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { summarize, type Summary } from "./stats";

/** hnn-core 0.6.1 + NEURON 8.2.2, one core, same machine kind: whole process, median of 5 (s). */
export const NEURON_ERP_SECONDS = 14.9;

export interface ErpResult {
  command: string;
  /** Worker threads (`--jobs`): 1 is one core, like NEURON's figure; 2 splits the trial's cells. */
  jobs: number;
  wallSeconds: Summary;
  neuronSeconds: number;
  /** NEURON's time / ours (median). */
  speedup: number;
}

function run(root: string, args: string[]): number {
  const out = mkdtempSync(join(tmpdir(), "hnn-bench-"));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(root, "dist/cli.js"), ...args, "--out", out], { cwd: root, encoding: "utf8" });
  const seconds = (performance.now() - t0) / 1000;
  rmSync(out, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`bench: 'node dist/cli.js ${args.join(" ")}' failed: ${(r.stderr || String(r.error ?? "")).trim()}`);
  return seconds;
}

export function benchErp(root: string, runs: number, jobs: number, tstopMs = 170): ErpResult {
  const args = ["simulate", "--model", "jones2009", "--drives-from-params", "--tstop", String(tstopMs), "--trials", "1", "--jobs", String(jobs)];
  const wallSeconds = summarize(Array.from({ length: runs }, () => run(root, args)));
  return { command: `node dist/cli.js ${args.join(" ")} --out <tmpdir>`, jobs, wallSeconds, neuronSeconds: NEURON_ERP_SECONDS, speedup: NEURON_ERP_SECONDS / wallSeconds.median };
}
