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
  /** Why the fallback command was used, or null. */
  fallbackReason: string | null;
  wallSeconds: Summary;
  neuronSeconds: number;
  /** NEURON's time / ours (median). */
  speedup: number;
}

function run(root: string, args: string[]): { seconds: number; ok: boolean; err: string } {
  const out = mkdtempSync(join(tmpdir(), "hnn-bench-"));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(root, "dist/cli.js"), ...args, "--out", out], { cwd: root, encoding: "utf8" });
  const seconds = (performance.now() - t0) / 1000;
  rmSync(out, { recursive: true, force: true });
  return { seconds, ok: r.status === 0, err: (r.stderr || r.stdout || String(r.error ?? "")).trim().split("\n").slice(-1)[0] ?? "" };
}

export function benchErp(root: string, runs: number, tstopMs = 170): ErpResult {
  const primary = ["simulate", "--model", "jones2009", "--drives-from-params", "--tstop", String(tstopMs), "--trials", "1"];
  const fallback = ["simulate", "--network", "test/fixtures/scenarios/jones2009_erp/network.json.gz", "--tstop", String(tstopMs)];
  let args = primary;
  let fallbackReason: string | null = null;
  const first = run(root, args);
  const times: number[] = [];
  if (first.ok) times.push(first.seconds);
  else {
    fallbackReason = `'${primary.join(" ")}' failed: ${first.err}`;
    args = fallback;
  }
  while (times.length < runs) {
    const r = run(root, args);
    if (!r.ok) throw new Error(`bench: 'node dist/cli.js ${args.join(" ")}' failed: ${r.err}`);
    times.push(r.seconds);
  }
  const wallSeconds = summarize(times);
  return { command: `node dist/cli.js ${args.join(" ")} --out <tmpdir>`, fallbackReason, wallSeconds, neuronSeconds: NEURON_ERP_SECONDS, speedup: NEURON_ERP_SECONDS / wallSeconds.median };
}
