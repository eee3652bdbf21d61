/**
 * The command line's files (issue 13): the output folder is checked before the run, outputs are
 * written under temporary names and renamed together, and SIGINT / SIGTERM stop a run with a
 * non-zero status and no output at all. Runs dist/cli.js (built by `npm test` before the tests).
 */
import { afterAll, describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { discardOutputs, OutputBatch, prepareOutputDir } from "../../bindings/cli/outputFiles";
import { ValueError } from "../../bindings/util/validate";

const CLI = new URL("../../dist/cli.js", import.meta.url).pathname;

const made: string[] = [];
function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), "hnn-wasm-files-"));
  made.push(dir);
  return dir;
}
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function run(args: string[]): { status: number | null; stderr: string; ms: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CLI, "simulate", ...args], { encoding: "utf8" });
  return { status: r.status, stderr: r.stderr, ms: performance.now() - t0 };
}

/** stderr less the progress lines. */
const problems = (stderr: string): string[] => stderr.split("\n").filter((l) => l !== "" && !l.startsWith("simulating "));

describe("the output folder", () => {
  it("is not written into when it holds files, unless --overwrite", () => {
    const out = tmp();
    writeFileSync(join(out, "dipole_trial0.csv"), "mine\n");
    const r = run(["--model", "jones2009", "--tstop", "5", "--out", out]);
    expect(r.status).toBe(1);
    expect(problems(r.stderr)).toEqual([`hnn-wasm: error: output folder ${out} is not empty; pass --overwrite to replace its files, or choose another --out`]);
    expect(readFileSync(join(out, "dipole_trial0.csv"), "utf8")).toBe("mine\n");
  });

  it("with --overwrite, replaces an earlier run's outputs (stale trials too) and keeps other files", () => {
    const out = tmp();
    for (const f of ["dipole_trial0.csv", "spikes_trial3.csv", "lfp_shank_trial1.csv", "notes.txt"]) writeFileSync(join(out, f), "old\n");
    const r = run(["--model", "jones2009", "--tstop", "5", "--out", out, "--overwrite"]);
    expect(problems(r.stderr)).toEqual([]);
    expect(r.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["dipole_trial0.csv", "notes.txt", "spikes_trial0.csv"]);
    const dipole = readFileSync(join(out, "dipole_trial0.csv"), "utf8").trim().split("\n");
    expect(dipole[0]).toBe("t,agg,L2,L5");
    expect(dipole).toHaveLength(1 + 201); // 5 ms at 0.025 ms
  });

  it.each([
    ["a path under a file", (file: string) => join(file, "sub"), (p: string) => `cannot write to output folder ${p}: ENOTDIR: not a directory`],
    ["a file", (file: string) => file, (p: string) => `--out ${p} exists and is not a folder`],
  ])("that cannot be written (%s) is a one-line error before the run starts", (_, outOf, message) => {
    const file = join(tmp(), "a-file");
    writeFileSync(file, "");
    // 10 s of simulated time would take minutes: the error comes first.
    const r = run(["--model", "jones2009", "--tstop", "10000", "--out", outOf(file)]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`hnn-wasm: error: ${message(outOf(file))}\n`);
    expect(r.ms).toBeLessThan(5000);
  });

  it("prepareOutputDir creates a missing folder, and discardOutputs removes it again while empty", () => {
    const base = tmp();
    const out = join(base, "a", "b");
    prepareOutputDir(out, false);
    expect(readdirSync(out)).toEqual([]);
    discardOutputs();
    expect(readdirSync(base)).toEqual([]);
    expect(() => prepareOutputDir(base, false)).not.toThrow();
    writeFileSync(join(base, "x"), "");
    expect(() => prepareOutputDir(base, false)).toThrow(ValueError);
  });
});

describe("atomic output files", () => {
  it("exist under their names only once the batch is committed, and leave no temporary file", () => {
    const out = tmp();
    const batch = new OutputBatch(out);
    batch.write("dipole_trial0.csv", "t,agg\n0,0\n");
    batch.write("spikes_trial0.csv", "t,gid,type\n");
    const before = readdirSync(out);
    expect(before.filter((f) => f.endsWith(".csv"))).toEqual([]);
    expect(before).toHaveLength(2);
    batch.commit();
    expect(readdirSync(out).sort()).toEqual(["dipole_trial0.csv", "spikes_trial0.csv"]);
    expect(readFileSync(join(out, "dipole_trial0.csv"), "utf8")).toBe("t,agg\n0,0\n");
  });

  it("written but not committed are removed by discardOutputs", () => {
    const out = tmp();
    new OutputBatch(out).write("dipole_trial0.csv", "t\n");
    expect(readdirSync(out)).toHaveLength(1);
    discardOutputs();
    expect(readdirSync(out)).toEqual([]);
  });
});

/**
 * Starts a run that takes several seconds, sends `signal` once it reports progress, and returns
 * its exit status and how long it took to exit after the signal (ms).
 */
function interrupt(args: string[], signal: NodeJS.Signals): Promise<{ status: number | null; afterSignalMs: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, "simulate", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    let sentAt = 0;
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (sentAt === 0 && stderr.includes("simulating ")) {
        sentAt = performance.now();
        child.kill(signal);
      }
    });
    child.on("error", reject);
    child.on("exit", (status) => resolve({ status, afterSignalMs: performance.now() - sentAt, stderr }));
  });
}

describe("an interrupted run", () => {
  it.each([
    ["SIGINT", 130, ["--jobs", "1"]],
    ["SIGTERM", 143, ["--jobs", "2", "--trials", "2"]],
  ] as const)("%s stops it (workers too) with status %i, promptly, and writes nothing", async (signal, status, jobs) => {
    const out = tmp();
    const r = await interrupt(["--model", "jones2009", "--drives-from-params", "--tstop", "170", "--out", out, ...jobs], signal);
    console.log(`${signal} ${jobs.join(" ")}: exit status ${r.status} ${r.afterSignalMs.toFixed(0)} ms after the signal`);
    expect(r.status).toBe(status);
    expect(problems(r.stderr)).toEqual([`hnn-wasm: interrupted by ${signal}; no output was written`]);
    expect(r.afterSignalMs).toBeLessThan(3000);
    expect(readdirSync(out)).toEqual([]);
  });

  it("leaves no folder it created", async () => {
    const out = join(tmp(), "new");
    const r = await interrupt(["--model", "jones2009", "--drives-from-params", "--tstop", "170", "--out", out], "SIGINT");
    expect(r.status).toBe(130);
    expect(existsSync(out)).toBe(false);
  });
});

// An existing empty folder is used as it is.
it("accepts an existing empty folder", () => {
  const out = join(tmp(), "empty");
  mkdirSync(out);
  const r = run(["--model", "jones2009", "--tstop", "5", "--out", out]);
  expect(r.status).toBe(0);
  expect(readdirSync(out).sort()).toEqual(["dipole_trial0.csv", "spikes_trial0.csv"]);
});
