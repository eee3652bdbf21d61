/**
 * The command line (dist/cli.js, built by `npm test` before the tests): outputs in the reference
 * layout, and one clear error line with a non-zero exit for bad input.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { FIXTURES } from "../parity/fixtures";

const CLI = new URL("../../dist/cli.js", import.meta.url).pathname;
const CASE = join(FIXTURES, "single_cells/L2_basket_evoked_proximal_ampa_supra");

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), "hnn-wasm-cli-"));
}

/** A copy of the case's network.json with `edit` applied, written to a temporary file. */
function editedNetwork(edit: (net: Record<string, any>) => void): string {
  const net = JSON.parse(gunzipSync(readFileSync(join(CASE, "network.json.gz"))).toString("utf8"));
  edit(net);
  const path = join(tmp(), "network.json.gz");
  writeFileSync(path, gzipSync(JSON.stringify(net)));
  return path;
}

describe("hnn-wasm simulate", () => {
  it("writes the reference layout for a network file (spikes and isec identical to NEURON's files)", () => {
    const out = tmp();
    const r = run(["simulate", "--network", join(CASE, "network.json.gz"), "--out", out, "--tstop", "200", "--record-vsec", "all", "--record-isec", "all", "--gids", "0"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    for (const f of ["spikes_trial0.csv", "isec_trial0.csv"]) {
      expect(readFileSync(join(out, f), "utf8")).toBe(gunzipSync(readFileSync(join(CASE, f + ".gz"))).toString("utf8"));
    }
    const header = (f: string) => readFileSync(join(out, f), "utf8").split("\n")[0];
    expect(header("dipole_trial0.csv")).toBe("t,agg,L2,L5");
    expect(header("vsec_trial0.csv")).toBe("t,0_soma");
    expect(readFileSync(join(out, "dipole_trial0.csv"), "utf8").trim().split("\n").length).toBe(8002);
  });

  it("builds a model with its parameter-file drives and runs several trials", () => {
    const out = tmp();
    const r = run(["simulate", "--model", "jones2009", "--drives-from-params", "--tstop", "30", "--trials", "2", "--out", out]);
    expect(r.status).toBe(0);
    for (const k of [0, 1]) {
      expect(existsSync(join(out, `dipole_trial${k}.csv`))).toBe(true);
      const spikes = readFileSync(join(out, `spikes_trial${k}.csv`), "utf8").trim().split("\n");
      expect(spikes[0]).toBe("t,gid,type");
      expect(spikes.some((l) => l.endsWith(",evprox1"))).toBe(true);
    }
    // The trials differ only in their drive event times, which come from per-trial seeds.
    expect(readFileSync(join(out, "spikes_trial0.csv"), "utf8")).not.toBe(readFileSync(join(out, "spikes_trial1.csv"), "utf8"));
  });

  it("gives the same files with the trial's cells split over two workers", () => {
    const [one, two] = [tmp(), tmp()];
    const args = ["simulate", "--model", "jones2009", "--drives-from-params", "--tstop", "40"];
    expect(run([...args, "--out", one]).status).toBe(0);
    expect(run([...args, "--jobs", "2", "--out", two]).status).toBe(0);
    const spikes = readFileSync(join(one, "spikes_trial0.csv"), "utf8");
    expect(spikes.split("\n").length).toBeGreaterThan(100);
    expect(readFileSync(join(two, "spikes_trial0.csv"), "utf8")).toBe(spikes);
    // Dipoles are sums over both halves, added in another order: equal up to the last printed digit.
    const rows = (dir: string) => readFileSync(join(dir, "dipole_trial0.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(",").map(Number));
    const [a, b] = [rows(one), rows(two)];
    expect(b.length).toBe(a.length);
    const scale = Math.max(...a.map((r) => Math.abs(r[1])));
    a.forEach((r, i) => r.forEach((x, c) => expect(Math.abs(x - b[i][c])).toBeLessThanOrEqual(1e-9 * scale)));
  });

  const bad: [string, () => string[], RegExp][] = [
    ["a missing file", () => ["--network", "/nonexistent/network.json", "--tstop", "10"], /network file not found: \/nonexistent\/network.json/],
    ["a file that is not JSON", () => {
      const p = join(tmp(), "bad.json");
      writeFileSync(p, "not json\n");
      return ["--network", p, "--tstop", "10"];
    }, /is not JSON/],
    ["a file of another object type", () => ["--network", editedNetwork((n) => (n.object_type = "Dipole")), "--tstop", "10"], /should encode a Network object/],
    ["a file without cell_types", () => ["--network", editedNetwork((n) => delete n.cell_types), "--tstop", "10"], /cell_types/],
    ["an unknown cell type in the connectivity", () => ["--network", editedNetwork((n) => (n.connectivity[0].target_type = "L6_pyramidal")), "--tstop", "10"], /L6_pyramidal/],
    ["an unknown mechanism", () => ["--network", editedNetwork((n) => (n.cell_types.L2_basket.cell_object.sections.soma.mechs.nav = {})), "--tstop", "10"], /unknown mechanism 'nav'/],
    ["tstop 0", () => ["--network", join(CASE, "network.json.gz"), "--tstop", "0"], /--tstop must be a positive number/],
    ["a negative tstop", () => ["--network", join(CASE, "network.json.gz"), "--tstop", "-5"], /--tstop must be a positive number/],
    ["dt 0", () => ["--network", join(CASE, "network.json.gz"), "--tstop", "10", "--dt", "0"], /--dt must be a positive number/],
    ["an unknown model", () => ["--model", "jones2010", "--tstop", "10"], /unknown --model 'jones2010'/],
    ["both --network and --model", () => ["--model", "jones2009", "--network", join(CASE, "network.json.gz"), "--tstop", "10"], /exactly one of --network FILE or --model NAME/],
  ];
  for (const [what, args, message] of bad) {
    it(`rejects ${what} with one clear line`, () => {
      const r = run(["simulate", "--out", tmp(), ...args()]);
      expect(r.status).not.toBe(0);
      const lines = r.stderr.trim().split("\n");
      expect(lines.length, r.stderr).toBe(1);
      expect(lines[0]).toMatch(/^hnn-wasm: error/);
      expect(lines[0]).toMatch(message);
      expect(r.stderr).not.toMatch(/RuntimeError|WebAssembly|unreachable|\n\s+at /);
    });
  }
});
