// Bench (b): the jones2009 ERP, one 170 ms trial, timed as whole processes of the command line
// (node start, model build, simulation, CSV output). When HNN_REF_PYTHON names a python3 with
// NEURON and hnn-core, hnn-core's own run of the same trial is timed in the same loop, alternating
// with ours, so that the ratio is taken on one machine at one time (machines differ by up to 8×).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { summarize, type Summary } from "./stats";

interface ErpResult {
  command: string;
  /** Worker threads (`--jobs`): 1 is one core, like hnn-core's default; 2 splits the trial's cells. */
  jobs: number;
  wallSeconds: Summary;
}

/** hnn-core's side of the comparison, when a reference python ran in the same loop. */
interface ErpReference {
  command: string;
  wallSeconds: Summary;
}

export interface ErpBench {
  ours: ErpResult[];
  /** null when HNN_REF_PYTHON is not set: no reference ran, no ratio is claimed. */
  reference: ErpReference | null;
}

const REFERENCE_SCRIPT = new URL("./hnn_core_erp.py", import.meta.url).pathname;

/** Wall seconds of one whole process; throws with its stderr when it fails. */
function timeProcess(cmd: string, args: string[], cwd: string): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8" });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`bench: '${cmd} ${args.join(" ")}' failed: ${(r.stderr || String(r.error ?? "")).trim()}`);
  return seconds;
}

function erpArgs(jobs: number, tstopMs: number): string[] {
  return ["simulate", "--model", "jones2009", "--drives-from-params", "--tstop", String(tstopMs), "--trials", "1", "--jobs", String(jobs)];
}

/**
 * Times hnn-wasm's ERP trial for each `jobs` value and, with `refPython`, hnn-core's, interleaved
 * run by run (ours for every jobs value, then the reference) so that drifts in machine load hit both.
 */
export function benchErp(root: string, runs: number, jobsList: number[], refPython: string | null, tstopMs = 170): ErpBench {
  const ours = jobsList.map(() => [] as number[]);
  const ref: number[] = [];
  for (let k = 0; k < runs; k++) {
    jobsList.forEach((jobs, i) => {
      const out = mkdtempSync(join(tmpdir(), "hnn-bench-"));
      try {
        ours[i].push(timeProcess(process.execPath, [join(root, "dist/cli.js"), ...erpArgs(jobs, tstopMs), "--out", out], root));
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });
    if (refPython !== null) ref.push(timeProcess(refPython, [REFERENCE_SCRIPT, String(tstopMs)], root));
  }
  return {
    ours: jobsList.map((jobs, i) => ({ command: `node dist/cli.js ${erpArgs(jobs, tstopMs).join(" ")} --out <tmpdir>`, jobs, wallSeconds: summarize(ours[i]) })),
    reference: refPython === null ? null : { command: `${refPython} bench/hnn_core_erp.py ${tstopMs}`, wallSeconds: summarize(ref) },
  };
}
