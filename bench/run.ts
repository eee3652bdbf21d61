// `npm run bench`: time from simulateDipole to the first step of jones2009 (build, lowering, load;
// cold and warm), speed of one L5 pyramidal cell (in-process) and of the jones2009 ERP (whole
// process), medians of 5 runs with min/max; writes bench/results.json. `node dist/bench.js --runs N`
// changes the number of runs. With HNN_REF_PYTHON=<python3 with hnn-core and NEURON>, hnn-core's ERP
// trial is timed in the same loop and the ratio printed; without it no speed-up is claimed. Last,
// one ERP trial in Node in-process against the same in headless Chromium (bench/browser.ts);
// `--browser-only` runs that comparison alone. Then the ERP trial with --jobs 1 and 2, with and
// without a competing CPU-bound process (bench/load.ts); `--load-only` runs that alone.
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { loadEngine } from "../bindings/wasm";
import { benchSingleCell } from "./singleCell";
import { benchErp } from "./erp";
import { benchBrowserErp } from "./browser";
import { benchBuild, timeBuildOnce, WARM_UP, type PhaseSummaries } from "./build";
import type { Summary } from "./stats";
import { ERP_TSTOP_MS, timeErpTrial } from "./erpTrial";
import { benchLoad, type LoadCase } from "./load";

const root = fileURLToPath(new URL("..", import.meta.url));
const runsArg = process.argv.indexOf("--runs");
const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 5;
if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs must be a positive integer");

const fmt = (s: Summary, digits: number, scale = 1): string =>
  `${(s.median * scale).toFixed(digits)} (${(s.min * scale).toFixed(digits)}–${(s.max * scale).toFixed(digits)})`;

const module = await loadEngine();
if (process.argv.includes("--build-once")) {
  // One cold build for benchBuild, in this fresh process.
  console.log(JSON.stringify(timeBuildOnce(module)));
  process.exit(0);
}
const erpTrialArg = process.argv.indexOf("--erp-trial");
if (erpTrialArg >= 0) {
  // One ERP trial for benchLoad, in this fresh process: --erp-trial JOBS.
  console.log(JSON.stringify(await timeErpTrial({ nJobs: Number(process.argv[erpTrialArg + 1]) })));
  process.exit(0);
}
const fmtLoad = (cases: LoadCase[]): [string, string][] => [
  [`jones2009 ERP, ${ERP_TSTOP_MS} ms, 1 trial, in-process wall s; "busy": one \`node -e "for(;;){}"\` beside it (${cpus().length} cores)`, ""],
  ...cases.map((c): [string, string] => [
    `  --jobs ${c.jobs}${c.jobs > 1 ? " (split)" : ""}, ${c.competing ? "busy" : "idle"}; load average ${fmt(c.loadAverage, 1)}`,
    `${fmt(c.wallSeconds, 2)}  runs ${c.wallSeconds.runs.map((w, k) => `${w.toFixed(1)}@${c.loadAverage.runs[k].toFixed(1)}`).join(" ")}`,
  ]),
];
const fmtBrowser = (b: Awaited<ReturnType<typeof benchBrowserErp>>): [string, string][] =>
  "skipped" in b
    ? [["jones2009 ERP, Node vs Chromium", `skipped: ${b.skipped}`]]
    : [
        [`jones2009 ERP, ${ERP_TSTOP_MS} ms, 1 trial, nJobs 1, in-process, Node and ${b.browser} alternating (spikes ${b.spikes.node} / ${b.spikes.chromium})`, ""],
        ["  Node wall s", fmt(b.nodeSeconds, 2)],
        ["  Chromium wall s", fmt(b.chromiumSeconds, 2)],
        ["  Chromium / Node (medians; goal within 10 %)", b.ratio.toFixed(3)],
      ];
const printRows = (rows: [string, string][]): void => {
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log(`hnn-wasm bench: median (min–max) of ${runs} runs, node ${process.version}, ${cpus()[0]?.model ?? "cpu"}`);
  for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
};
if (process.argv.includes("--load-only")) {
  printRows(fmtLoad(benchLoad(root, runs)));
  process.exit(0);
}
if (process.argv.includes("--browser-only")) {
  printRows(fmtBrowser(await benchBrowserErp(root, runs)));
  process.exit(0);
}
const build = benchBuild(root, module, runs);
const cell = await benchSingleCell(module, runs);
const refPython = process.env.HNN_REF_PYTHON?.trim() || null;
const erp = benchErp(root, runs, [1, 2], refPython);
const browser = await benchBrowserErp(root, runs);
const load = benchLoad(root, runs);

const phases = (p: PhaseSummaries): [string, string][] => [
  ["    network build", fmt(p.network, 1)],
  ["    drive events", fmt(p.driveEvents, 1)],
  ["    lowering (validate + lower)", fmt(p.lower, 1)],
  ["    load (fresh instance + loadImage)", fmt(p.load, 1)],
  ["    = build + lowering + load (target < 50 ms)", fmt(p.buildLowerLoad, 1)],
  ["    engine initialize (to the first step)", fmt(p.initialize, 1)],
];
const rows: [string, string][] = [
  ["jones2009 10×10, drives from params: simulateDipole to the first step, ms", ""],
  ["  cold: a fresh process per run, as the command line", ""],
  ...phases(build.cold),
  [`  warm: in one process, after ${WARM_UP} untimed runs`, ""],
  ...phases(build.warm),
  [`L5 pyramidal, ${cell.tstopMs} ms, ${cell.ampNa} nA soma IClamp (${cell.spikes} spikes)`, ""],
  ["  wall s per simulated s", fmt(cell.wallPerSimSecond, 3)],
  [`  compartment-steps/s (${cell.compartments} × ${cell.steps})`, `${fmt(cell.compartmentStepsPerSecond, 2, 1e-6)} M`],
  ...erp.ours.flatMap((r): [string, string][] => [
    [`jones2009 ERP, 170 ms, 1 trial, whole process, --jobs ${r.jobs} (${r.jobs === 1 ? "one core" : `cells split over ${r.jobs} workers`})`, ""],
    ["  wall s", fmt(r.wallSeconds, 2)],
    ...(erp.reference === null ? [] : ([[`  speed-up over hnn-core (same run, median ratio)`, `${(erp.reference.wallSeconds.median / r.wallSeconds.median).toFixed(2)}×`]] as [string, string][])),
  ]),
  erp.reference === null
    ? ["hnn-core reference", "none ran (set HNN_REF_PYTHON to a python3 with hnn-core 0.6.1 and NEURON to time it side by side)"]
    : ["hnn-core 0.6.1 + NEURON, one core, same loop, wall s", fmt(erp.reference.wallSeconds, 2)],
  ...fmtBrowser(browser),
  ...fmtLoad(load),
];
printRows(rows);

const results = { date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model ?? null, runs, build, singleCell: cell, erp, browser, load };
writeFileSync(new URL("../bench/results.json", import.meta.url), JSON.stringify(results, null, 2) + "\n");
console.log("wrote bench/results.json");
