/**
 * The queue tests' fixtures: a real redis-server on a free loopback port with a temporary folder
 * (scripts/ensure-redis.mjs finds it or installs Debian's package; where it can do neither the
 * suites skip, saying why), `hnn-wasm worker` processes (dist/cli.js), and the tiny network.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
const ENSURE_SCRIPT = fileURLToPath(new URL("../../scripts/ensure-redis.mjs", import.meta.url));

/** redis-server's path, or why the queue tests cannot run here (ensure-redis.mjs's last stderr line). */
export function findRedis(): { path: string } | { reason: string } {
  const r = spawnSync(process.execPath, [ENSURE_SCRIPT], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 900_000 });
  if (r.status === 0) return { path: r.stdout.trim() };
  const reason = r.stderr.trim().split("\n").pop() || `ensure-redis.mjs exited with ${r.status}`;
  console.log(`queue test skipped: ${reason}`);
  return { reason };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** Resolves when `child`'s stdout has printed a line matching `pattern` (rejects if it exits first). */
function waitForLine(child: ChildProcess, lines: string[], pattern: RegExp, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => lines.some((l) => pattern.test(l));
    if (check()) return resolve();
    const onData = (): void => {
      if (check()) {
        child.stdout!.off("data", onData);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${what} exited (${code}) before printing ${pattern}: ${lines.join(" | ")}`)));
  });
}

/** A process whose stdout lines are collected. */
export interface Proc {
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
}

function start(cmd: string, args: string[]): Proc {
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  let partial = "";
  child.stdout!.on("data", (d: Buffer) => {
    const parts = (partial + d.toString()).split("\n");
    partial = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.on("data", (d: Buffer) => lines.push(...d.toString().trim().split("\n").map((l) => `stderr: ${l}`)));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  // Nothing outlives the test process, even when a hook times out.
  const reap = (): void => void (child.exitCode === null && child.signalCode === null && child.kill("SIGKILL"));
  process.once("exit", reap);
  void exited.then(() => process.off("exit", reap));
  return { child, lines, exited };
}

/** A redis-server of the test's own. */
export interface RedisServer {
  port: number;
  /** The queue URL of queue `name` on it. */
  url(name: string): string;
  /** Stops it (SIGTERM: with appendonly, it writes its file first). */
  stop(): Promise<void>;
  /** Starts it again on the same port and folder. */
  restart(): Promise<void>;
  /** Stops it and removes its folder. */
  dispose(): Promise<void>;
}

/** Starts redis-server on a free loopback port with a temporary folder; `appendonly` for the restart test. */
export async function startRedis(path: string, appendonly = false): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), "hnn-wasm-redis-"));
  const port = await freePort();
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", appendonly ? "yes" : "no"];
  let proc: Proc;
  const launch = async (): Promise<void> => {
    proc = start(path, args);
    await waitForLine(proc.child, proc.lines, /Ready to accept connections/, "redis-server");
  };
  const stop = async (): Promise<void> => {
    if (proc.child.exitCode === null) proc.child.kill("SIGTERM");
    await proc.exited;
  };
  await launch();
  return {
    port,
    url: (name) => `redis://127.0.0.1:${port}/${name}`,
    restart: launch,
    stop,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts `hnn-wasm worker` on `url` and waits until it serves. */
export async function startWorker(url: string, stalledMs = 2000): Promise<Proc> {
  const proc = start(process.execPath, [CLI, "worker", "--queue", url, "--stalled-ms", String(stalledMs)]);
  await waitForLine(proc.child, proc.lines, /^worker \d+ serving /, "hnn-wasm worker");
  return proc;
}

/** How long a worker may take to finish its job after SIGTERM (ms). */
const STOP_MS = 30_000;

/** Stops workers with SIGTERM (they finish their jobs) and waits for them; throws with its output if one does not stop. */
export async function stopAll(procs: Proc[]): Promise<void> {
  const alive = procs.filter((p) => p.child.exitCode === null && p.child.signalCode === null);
  alive.forEach((p) => p.child.kill("SIGTERM"));
  const stuck: Proc[] = [];
  await Promise.all(alive.map((p) => Promise.race([p.exited, new Promise((r) => setTimeout(r, STOP_MS)).then(() => void stuck.push(p))])));
  stuck.forEach((p) => p.child.kill("SIGKILL"));
  if (stuck.length > 0) throw new Error(`a worker did not stop within ${STOP_MS} ms of SIGTERM: ${stuck[0].lines.slice(-8).join(" | ")}`);
}

/** The job IDs a worker reported completed (`completed <id> in S s`). */
export const completedIds = (p: Proc): string[] => p.lines.flatMap((l) => /^completed (\S+) in /.exec(l)?.[1] ?? []);

/** Resolves once `p` has reported `n` completed jobs. */
export async function waitForCompleted(p: Proc, n: number): Promise<void> {
  while (completedIds(p).length < n) {
    if (p.child.exitCode !== null) throw new Error(`worker exited: ${p.lines.join(" | ")}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A temporary folder removed by `cleanup`. */
export function tempDir(made: string[], prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes the folders `tempDir` made. */
export function cleanup(made: string[]): void {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
}

type NodeApi = typeof import("../../bindings/node");

/** The jobs of `grid` on the 3×3 jones2009 network (parameter paths set by the workers) and its configuration. */
export async function gridJobs(api: NodeApi, grid: Record<string, number[]>, tstop: number) {
  const config = await api.hashedNetworkConfig(api.jones2009Model({ addDrivesFromParams: true, meshShape: [3, 3] }));
  const outputs = { dpl: true, spiking: true, lfp: false, voltages: false, currents: false };
  const jobs = api.paramCombinations(grid).map((params, index) => ({
    index, networkHash: config.hash, params, applyParamPaths: true, tstop, dt: 0.025, nTrials: 1, recordVsec: false as const, recordIsec: false as const, postproc: false, outputs,
  }));
  return { jobs, configs: [config] };
}
