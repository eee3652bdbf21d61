// Bench (d), under load: one jones2009 ERP trial (170 ms) with --jobs 1 (one core) and --jobs 2
// (its cells split over 2 workers, the default), each alone and beside one competing CPU-bound
// process (`node -e "for(;;){}"`, started before the run and killed after it). Each run is a
// fresh process (node dist/bench.js --erp-trial JOBS) timing build + simulation in-process; the cases
// alternate run by run so that drifts in the machine's load hit all of them. The 1-minute load
// average is recorded before every run (the machine may be shared: read the figures with it).
import { spawn, spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { join } from "node:path";
import { summarize, type Summary } from "./stats";

/** One case of the load bench. */
export interface LoadCase {
  jobs: number;
  competing: boolean;
  wallSeconds: Summary;
  /** 1-minute load average before each run. */
  loadAverage: Summary;
}

const CASES: Omit<LoadCase, "wallSeconds" | "loadAverage">[] = [
  { jobs: 1, competing: false },
  { jobs: 2, competing: false },
  { jobs: 1, competing: true },
  { jobs: 2, competing: true },
];

/** Wall seconds that `node dist/bench.js --erp-trial` reports for one trial. */
function timeTrial(root: string, jobs: number): number {
  const r = spawnSync(process.execPath, [join(root, "dist/bench.js"), "--erp-trial", String(jobs)], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`bench: --erp-trial ${jobs} failed: ${r.stderr.trim()}`);
  return (JSON.parse(r.stdout.trim().split("\n").pop()!) as { wallMs: number }).wallMs / 1000;
}

/** Runs every case `runs` times, alternating. */
export function benchLoad(root: string, runs: number): LoadCase[] {
  const walls = CASES.map(() => [] as number[]);
  const loads = CASES.map(() => [] as number[]);
  for (let k = 0; k < runs; k++) {
    CASES.forEach(({ jobs, competing }, i) => {
      const hog = competing ? spawn(process.execPath, ["-e", "for(;;){}"], { stdio: "ignore" }) : null;
      try {
        loads[i].push(loadavg()[0]);
        walls[i].push(timeTrial(root, jobs));
      } finally {
        hog?.kill("SIGKILL");
      }
    });
  }
  return CASES.map((c, i) => ({ ...c, wallSeconds: summarize(walls[i]), loadAverage: summarize(loads[i]) }));
}
