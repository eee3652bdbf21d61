/**
 * `hnn-wasm fit` (dist/cli.js, built by `npm test` before the tests): a 3-iteration COBYLA fit of one
 * drive's mean time on a 3×3 network writes the fitted network, the best dipole and the history,
 * prints a progress line per iteration, and rejects a bad SPEC.json with one line.
 */
import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jones2009Model, readNetworkConfiguration, simulateDipole, writeNetworkConfiguration } from "../../bindings/index";
import { parseFitSpec } from "../../bindings/cli/fit";

const CLI = new URL("../../dist/cli.js", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "hnn-wasm-fit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  return spawnSync(process.execPath, [CLI, "fit", ...args], { encoding: "utf8" });
}

async function inputs(): Promise<{ network: string; target: string }> {
  const net = jones2009Model({ meshShape: [3, 3] });
  net.addEvokedDrive("evprox1", { mu: 15, sigma: 2, numspikes: 1, location: "proximal", weightsAmpa: { L2_pyramidal: 0.02, L5_pyramidal: 0.012 }, synapticDelays: 0.1 });
  const network = join(dir, "network.json");
  writeFileSync(network, writeNetworkConfiguration(net));
  const target = join(dir, "target.txt");
  (await simulateDipole(net.copy(), { tstop: 30, nTrials: 1 }))[0].write(target);
  return { network, target };
}

describe("hnn-wasm fit", () => {
  it("writes network.json, dipole_best.csv and history.csv, with a progress line per iteration", async () => {
    const { network, target } = await inputs();
    const spec = join(dir, "spec.json");
    writeFileSync(spec, JSON.stringify({ "drives.evprox1.mu": { bounds: [10, 25], initial: 18 } }));
    const out = join(dir, "out");
    const r = run(["--network", network, "--target", target, "--params", spec, "--solver", "cobyla", "--max-iter", "3", "--out", out]);
    expect(r.stderr.split("\n").filter((l) => l.startsWith("fit iteration"))).toHaveLength(3);
    expect(r.status).toBe(0);
    const history = readFileSync(join(out, "history.csv"), "utf8").trim().split("\n");
    expect(history[0]).toBe("evaluation,drives.evprox1.mu,rmse");
    const rows = history.slice(1).map((l) => l.split(",").map(Number));
    expect(rows.map((row) => row[0])).toEqual([1, 2, 3]);
    // COBYLA starts at the initial value and steps by hnn-core's rhobeg, 0.1.
    expect(rows[0][1]).toBe(18);
    expect(rows[1][1]).toBeCloseTo(18.1, 12);
    const best = rows.reduce((a, b) => (b[2] < a[2] ? b : a));
    const fitted = readNetworkConfiguration(readFileSync(join(out, "network.json"), "utf8"));
    expect(fitted.externalDrives.evprox1.dynamics).toMatchObject({ mu: best[1] });
    const dipole = readFileSync(join(out, "dipole_best.csv"), "utf8").split("\n");
    expect(dipole[0]).toBe("t,agg,L2,L5");
    expect(dipole.filter((l) => l !== "")).toHaveLength(1 + 30 / 0.025 + 1);
    expect(r.stdout).toContain("fitted drives.evprox1.mu = ");
    // The folder now holds a fit: a second run refuses it before simulating, unless --overwrite.
    const again = run(["--network", network, "--target", target, "--params", spec, "--max-iter", "3", "--out", out]);
    expect(again.status).toBe(1);
    expect(again.stderr.trim()).toBe(`hnn-wasm: error: output folder ${out} is not empty; pass --overwrite to replace its files, or choose another --out`);
  }, 120_000);

  it("a bad SPEC.json or parameter path ends with status 1 and one line", async () => {
    const { network, target } = await inputs();
    const spec = join(dir, "bad.json");
    writeFileSync(spec, JSON.stringify({ "drives.evprox9.mu": [10, 20] }));
    const r = run(["--network", network, "--target", target, "--params", spec, "--out", join(dir, "bad")]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^hnn-wasm: error: parameter path 'drives\.evprox9\.mu': no drive 'evprox9'/)]);
    expect(() => parseFitSpec('{"drives.evprox1.mu": [20, 10]}', "s.json")).toThrow("params file s.json: 'drives.evprox1.mu' needs bounds [low, high] with low < high");
    expect(parseFitSpec('{"a.b": [1, 2], "c.d": {"bounds": [0, 1], "initial": 0.5}}', "s.json")).toEqual({ constraints: { "a.b": [1, 2], "c.d": [0, 1] } });
  }, 60_000);
});
