/**
 * `hnn-wasm batch` (dist/cli.js, built by `npm test`): DIR/<k>/ holds the files `hnn-wasm
 * simulate` writes for parameter set k (compared as text with those of simulateDipole alone),
 * summary.csv lists k, the values and the files; bad grids and a non-empty DIR are refused.
 */
import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as src from "../../bindings/index";
import { dipoleCsv, spikesCsv } from "../../bindings/io/outputCsv";

const CLI = new URL("../../dist/cli.js", import.meta.url).pathname;
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), "hnn-wasm-cli-batch-"));
  made.push(dir);
  return dir;
}

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, "batch", ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const small = () => src.jones2009Model({ addDrivesFromParams: true, meshShape: [3, 3] });
const dir = tmp();
const network = join(dir, "network.json");
writeFileSync(network, src.writeNetworkConfiguration(small()));
function gridFile(grid: unknown): string {
  const file = join(tmp(), "grid.json");
  writeFileSync(file, JSON.stringify(grid));
  return file;
}
const GRID = { "drives.evprox1.mu": [9, 13.5], "connectivity.28.weight": [0.01, 0.025] };

describe("hnn-wasm batch", () => {
  it("writes <k>/dipole_trial0.csv, <k>/spikes_trial0.csv (as simulate would) and summary.csv", async () => {
    const out = join(tmp(), "out");
    const r = run(["--network", network, "--grid", gridFile(GRID), "--tstop", "20", "--jobs", "2", "--out", out]);
    expect(r.stderr.split("\n").filter((l) => l !== "" && !l.startsWith("batch "))).toEqual([]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^wrote 4 simulation\(s\) of 20 ms \(1 trial\(s\) each\) to /);
    expect(readdirSync(out).sort()).toEqual(["0", "1", "2", "3", "summary.csv"]);
    expect(readFileSync(join(out, "summary.csv"), "utf8")).toBe(
      [
        "k,drives.evprox1.mu,connectivity.28.weight,files",
        "0,9.0,0.01,0/dipole_trial0.csv 0/spikes_trial0.csv",
        "1,9.0,0.025,1/dipole_trial0.csv 1/spikes_trial0.csv",
        "2,13.5,0.01,2/dipole_trial0.csv 2/spikes_trial0.csv",
        "3,13.5,0.025,3/dipole_trial0.csv 3/spikes_trial0.csv",
        "",
      ].join("\n"),
    );
    const dipoles = new Set<string>();
    for (const [k, params] of src.paramCombinations(GRID).entries()) {
      const net = src.readNetworkConfiguration(readFileSync(network, "utf8"));
      src.setParamPaths(net, params);
      const [dpl] = await src.simulateDipole(net, { tstop: 20 });
      const text = readFileSync(join(out, `${k}/dipole_trial0.csv`), "utf8");
      expect(text).toBe(dipoleCsv(dpl));
      const cr = net.cellResponse!;
      expect(readFileSync(join(out, `${k}/spikes_trial0.csv`), "utf8")).toBe(spikesCsv(cr.spikeTimes[0], cr.spikeGids[0], cr.spikeTypes[0]));
      dipoles.add(text);
    }
    expect(dipoles.size).toBe(4);

    const again = run(["--network", network, "--grid", gridFile({ "drives.evprox1.mu": [9] }), "--tstop", "5", "--out", out]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`hnn-wasm: error: --out ${out} exists and is not empty; give --overwrite`);
    writeFileSync(join(out, "notes.txt"), "mine");
    const replaced = run(["--network", network, "--grid", gridFile({ "drives.evprox1.mu": [9] }), "--tstop", "5", "--out", out, "--overwrite"]);
    expect(replaced.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["0", "notes.txt", "summary.csv"]);
  });

  it("refuses a bad grid with one line naming the problem", () => {
    const out = join(tmp(), "out");
    const cases: [unknown, string][] = [
      [{ "network.mu": [1] }, "parameter path 'network.mu': unknown root 'network'; a path starts with one of 'drives', 'connectivity', 'biases'"],
      [{ "drives.evprox1.mu": [] }, "'drives.evprox1.mu' must map to a non-empty list of numbers, got []"],
      [[1, 2], "must hold an object of parameter path -> list of values"],
    ];
    for (const [grid, message] of cases) {
      const r = run(["--network", network, "--grid", gridFile(grid), "--tstop", "5", "--out", out]);
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split("\n")).toEqual([expect.stringContaining(message)]);
    }
    expect(run(["--network", network, "--grid", gridFile(GRID), "--tstop", "5"]).stderr).toContain("required option '--out <dir>' not specified");
  });
});
