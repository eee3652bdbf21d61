// Child process of test/api/simulate.workerFaults.test.ts: `node faultRun.mjs FAULT` runs two
// trials of jones2009 3×3 on 2 workers of which the first fails at its 3rd window (faultyWorker.mjs),
// then the same call again, printing one JSON line after each: the rejection (message, progress
// reports of any trial after it, worker threads left 300 ms later) and the next call's outputs.
// It never calls process.exit: the test times how soon the process ends by itself.
import { performance } from "node:perf_hooks";

const dist = await import(new URL("../../dist/node.js", import.meta.url).href);
const WORKER = new URL("../../dist/worker.js", import.meta.url);
const fault = process.argv[2];
const faulty = dist.nodeWorkerFactory(new URL("./faultyWorker.mjs", import.meta.url), {
  workerData: { fault, atStep: 3, script: WORKER.href },
  resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 },
});
const healthy = dist.nodeWorkerFactory(WORKER);
let made = 0;
dist.setWorkerFactory(() => (made++ === 0 ? faulty : healthy)());

const threads = () => process.report.getReport().workers.length;
const options = { tstop: 100, nTrials: 2, nJobs: 2 };
const small = () => dist.jones2009Model({ addDrivesFromParams: true, meshShape: [3, 3] });

let rejectedAt = Infinity;
const late = [];
const error = await dist
  .simulateDipole(small(), { ...options, onProgress: (p) => performance.now() > rejectedAt && late.push(p.trial) })
  .then(() => null, (e) => e);
rejectedAt = performance.now();
await new Promise((resume) => setTimeout(resume, 300));
console.log(JSON.stringify({ message: error?.message ?? null, late, threads: threads() }));

const net = small();
const dipoles = await dist.simulateDipole(net, options);
const r = net.cellResponse;
console.log(JSON.stringify({ agg: dipoles.map((d) => Array.from(d.data.agg)), spikeTimes: r.spikeTimes, spikeGids: r.spikeGids, made }));
