#!/usr/bin/env node
// The README's "Many machines" figures: `npm run build && node bench/queue.mjs [JOBS] [REPEATS]`.
// jones2009 ERP jobs (1 trial, 170 ms, BatchSimulate over drives.evprox1.mu) on the Redis queue
// with 1 and 2 `hnn-wasm worker` processes (concurrency 1 each) against BatchSimulate with the local
// pool (nJobs 1 and 2), median wall time of REPEATS runs; and what crosses the network: the stored
// network configuration, a job's data, a result (dipole only; dipole and spikes as the CLI keeps).
// Starts its own redis-server on a free port (Debian's /usr/bin/redis-server) and stops it after.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";

const api = await import("../dist/node.js");
const CLI = new URL("../dist/cli.js", import.meta.url).pathname;
const JOBS = Number(process.argv[2] ?? 4);
const REPEATS = Number(process.argv[3] ?? 3);
const TSTOP = 170;

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, "127.0.0.1", () => {
    const { port: p } = /** @type {{ port: number }} */ (s.address());
    s.close(() => resolve(p));
  });
});
const dir = mkdtempSync(join(tmpdir(), "hnn-wasm-bench-queue-"));
const redis = spawn("/usr/bin/redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "no"], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 500));
const url = `redis://127.0.0.1:${port}/bench`;

/** @param {number} n */
async function startWorkers(n) {
  return Promise.all(
    Array.from({ length: n }, () => {
      const child = spawn(process.execPath, [CLI, "worker", "--queue", url], { stdio: ["ignore", "pipe", "inherit"] });
      return new Promise((resolve) => child.stdout.once("data", () => resolve(child)));
    }),
  );
}

const grid = { "drives.evprox1.mu": Array.from({ length: JOBS }, (_, k) => 20 + k) };
const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** @param {object} opts */
async function timeRun(opts) {
  const batch = new api.BatchSimulate({ net: api.jones2009Model({ addDrivesFromParams: true }), tstop: TSTOP });
  const t0 = performance.now();
  await batch.run(grid, opts);
  return (performance.now() - t0) / 1000;
}

// Payload sizes (bytes of JSON text, as stored in Redis).
const config = await api.hashedNetworkConfig(api.jones2009Model({ addDrivesFromParams: true }));
const job = { index: 0, networkHash: config.hash, params: { "drives.evprox1.mu": 20 }, applyParamPaths: true, tstop: TSTOP, dt: 0.025, nTrials: 1, recordVsec: false, recordIsec: false, postproc: false, outputs: { dpl: true, spiking: false, lfp: false, voltages: false, currents: false } };
const dplOnly = await api.runBatchJob(job, config.config);
const withSpikes = await api.runBatchJob({ ...job, outputs: { ...job.outputs, spiking: true } }, config.config);
const size = (/** @type {unknown} */ x) => Buffer.byteLength(JSON.stringify(x));
console.log(`network configuration (stored once per batch): ${size(config.config)} bytes`);
console.log(`job data { batchId, job }: ${size({ batchId: "20261126-180000-0123abcd", job })} bytes`);
console.log(`result, dipole only: ${size(dplOnly)} bytes; dipole and spikes: ${size(withSpikes)} bytes`);

console.log(`load average at the start ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);
const rows = [];
for (const n of [1, 2]) {
  const local = [];
  for (let r = 0; r < REPEATS; r++) local.push(await timeRun({ nJobs: n }));
  const workers = await startWorkers(n);
  const queued = [];
  for (let r = 0; r < REPEATS; r++) queued.push(await timeRun({ backend: { queue: url } }));
  workers.forEach((w) => w.kill("SIGTERM"));
  await Promise.all(workers.map((w) => new Promise((r) => w.on("exit", r))));
  const [l, q] = [median(local), median(queued)];
  rows.push(`${n} worker(s): queue ${q.toFixed(1)} s = ${((JOBS / q) * 60).toFixed(1)} jobs/min; local pool (nJobs ${n}) ${l.toFixed(1)} s = ${((JOBS / l) * 60).toFixed(1)} jobs/min; overhead ${(((q - l) / JOBS) * n).toFixed(2)} s per job (runs: queue ${queued.map((x) => x.toFixed(1)).join(", ")}; local ${local.map((x) => x.toFixed(1)).join(", ")})`);
  console.log(rows[rows.length - 1]);
}
console.log(`${JOBS} jobs per run, median of ${REPEATS}; load average at the end ${loadavg().map((x) => x.toFixed(1)).join(" ")} on ${(await import("node:os")).cpus().length} cores`);
redis.kill("SIGTERM");
await new Promise((r) => redis.on("exit", r));
rmSync(dir, { recursive: true, force: true });
process.exit(0);
