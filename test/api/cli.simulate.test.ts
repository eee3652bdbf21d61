/**
 * The command line (dist/cli.js, built by `npm test` before the tests): outputs in the reference
 * layout, and one clear error line with a non-zero exit for bad input.
 */
import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { FIXTURES, fixtureText, parseCsv } from "../helpers/fixtures";
import { compareCsv, ONE_DIGIT } from "../helpers/referenceCsv";
import { readNetworkConfiguration } from "../../bindings/io/networkJson";
import { tracesCsv } from "../../bindings/io/outputCsv";
import { simulateDipole } from "../../bindings/simulate/simulateDipole";

const CLI = new URL("../../dist/cli.js", import.meta.url).pathname;
const CASE = join(FIXTURES, "single_cells/L2_basket_evoked_proximal_ampa_supra");
/** A pyramidal cell: nine sections, so vsec has nine columns. */
const PYRAMIDAL = "single_cells/L5_pyramidal_evoked_proximal_ampa_supra";

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** stderr less the progress lines a run longer than a second prints. */
const problems = (stderr: string): string[] => stderr.split("\n").filter((l) => l !== "" && !l.startsWith("simulating "));

const made: string[] = [];
function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), "hnn-wasm-cli-"));
  made.push(dir);
  return dir;
}
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the case's (or `dir`'s) network.json with `edit` applied, written to a temporary file. */
function editedNetwork(edit: (net: Record<string, any>) => void, dir = CASE): string {
  const net = JSON.parse(gunzipSync(readFileSync(join(dir, "network.json.gz"))).toString("utf8"));
  edit(net);
  const path = join(tmp(), "network.json.gz");
  writeFileSync(path, gzipSync(JSON.stringify(net)));
  return path;
}

/** Compares a file we wrote with NEURON's beside the fixture: spikes and isec as text, dipole and vsec number by number. */
function expectNeuronFile(out: string, file: string, fixtureDir: string): void {
  const ours = readFileSync(join(out, file), "utf8");
  const ref = fixtureText(`${fixtureDir}/${file}`);
  if (file.startsWith("spikes") || file.startsWith("isec")) {
    expect(ours, file).toBe(ref);
    return;
  }
  const r = compareCsv(ours, ref, ONE_DIGIT);
  console.log(`${fixtureDir}/${file}: ${r.differing} of ${r.total} numbers differ from NEURON's, by at most ${r.units} unit(s) of the 10th digit`);
}

describe("hnn-wasm simulate", () => {
  it("writes NEURON's files for a network file (spikes, isec as text; dipole, vsec to the 10th digit)", () => {
    const out = tmp();
    const r = run(["simulate", "--network", join(FIXTURES, PYRAMIDAL, "network.json.gz"), "--out", out, "--tstop", "200", "--record-vsec", "all", "--record-isec", "all", "--gids", "3"]);
    expect(problems(r.stderr)).toEqual([]);
    expect(r.status).toBe(0);
    for (const f of ["spikes_trial0.csv", "isec_trial0.csv", "dipole_trial0.csv", "vsec_trial0.csv"]) expectNeuronFile(out, f, PYRAMIDAL);
  });

  it("writes ca_trialK.csv in vsec's layout, the sections with the Ca ion of the --gids cells only", () => {
    const out = tmp();
    const r = run(["simulate", "--network", join(FIXTURES, PYRAMIDAL, "network.json.gz"), "--out", out, "--tstop", "100", "--record-vsec", "all", "--record-ca", "all", "--gids", "3"]);
    expect(problems(r.stderr)).toEqual([]);
    expect(r.status).toBe(0);
    const [ca, vsec] = ["ca_trial0.csv", "vsec_trial0.csv"].map((f) => parseCsv(readFileSync(join(out, f), "utf8")));
    // Every L5 pyramidal section has cad: the columns are NEURON's vsec columns (hnn-core's order).
    expect(ca.header).toEqual(parseCsv(fixtureText(`${PYRAMIDAL}/vsec_trial0.csv`)).header);
    expect([...ca.columns.get("t")!]).toEqual([...vsec.columns.get("t")!]);
    for (const col of ca.header.slice(1)) {
      const trace = ca.columns.get(col)!;
      expect(trace[0], col).toBe(1e-4); // cad's INITIAL: cainf
      expect(Math.min(...trace), col).toBeGreaterThanOrEqual(1e-4);
    }
    expect(Math.max(...ca.columns.get("3_soma")!)).toBeGreaterThan(2e-4); // the cell fired
    // One cell of each type (gids 0-3): only the L5 pyramidal cell has the Ca ion; --gids without it leaves t alone.
    for (const [gidArgs, header] of [[[], ["t", "3_soma"]], [["--gids", "0,1,2"], ["t"]]] as const) {
      const dir = tmp();
      expect(run(["simulate", "--network", join(CASE, "network.json.gz"), "--out", dir, "--tstop", "10", "--record-ca", "soma", ...gidArgs]).status).toBe(0);
      expect(parseCsv(readFileSync(join(dir, "ca_trial0.csv"), "utf8")).header).toEqual(header);
    }
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

  it("writes NEURON's files for two trials in parallel, each trial's cells split over two workers", () => {
    const out = tmp();
    const scenario = "scenarios/jones2009_erp";
    const r = run(["simulate", "--network", join(FIXTURES, scenario, "network.json.gz"), "--tstop", "170", "--trials", "2", "--jobs", "4", "--out", out]);
    expect(problems(r.stderr)).toEqual([]);
    expect(r.status).toBe(0);
    for (const k of [0, 1]) for (const f of [`spikes_trial${k}.csv`, `dipole_trial${k}.csv`]) expectNeuronFile(out, f, scenario);
  });

  it("writes lfp_<array>_trialK.csv for every electrode array of the network file (t,e0,e1,… as the reference)", async () => {
    const arrays = {
      shank: { positions: [[0, 0, -100], [0, 0, 400], [0, 0, 900]], conductivity: 0.3, method: "psa", min_distance: 0.5, times: [], voltages: [] },
      near: { positions: [[-20, 10, 50]], conductivity: 0.5, method: "lsa", min_distance: 1.0, times: [], voltages: [] },
    };
    const file = editedNetwork((n) => (n.rec_arrays = arrays), join(FIXTURES, PYRAMIDAL));
    const out = tmp();
    const r = run(["simulate", "--network", file, "--out", out, "--tstop", "20"]);
    expect(problems(r.stderr)).toEqual([]);
    expect(r.status).toBe(0);
    // The same network through the API, written in the same layout (the CLI's job is the files).
    const net = readNetworkConfiguration(gunzipSync(readFileSync(file)).toString("utf8"));
    await simulateDipole(net, { tstop: 20, useStoredEvents: true });
    const dipoleTimes = readFileSync(join(out, "dipole_trial0.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(",")[0]);
    for (const [name, a] of Object.entries(arrays)) {
      const text = readFileSync(join(out, `lfp_${name}_trial0.csv`), "utf8");
      const lines = text.trim().split("\n");
      expect(lines[0]).toBe(["t", ...a.positions.map((_, c) => `e${c}`)].join(","));
      expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(dipoleTimes);
      expect(lines[1]).toBe(["0", ...a.positions.map(() => "0")].join(","));
      const rec = net.recArrays[name];
      expect(text).toBe(tracesCsv(rec.times, rec.voltages[0].map((v, c): [string, Float64Array] => [`e${c}`, v]), false));
    }
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
    ["an electrode array with an unknown method", () => ["--network", editedNetwork((n) => (n.rec_arrays = { s: { positions: [[0, 0, 0]], conductivity: 0.3, method: "csd", min_distance: 0.5 } })), "--tstop", "10"], /rec_arrays\.s: .*'method'.*'csd'/],
    ["an unknown mechanism", () => ["--network", editedNetwork((n) => (n.cell_types.L2_basket.cell_object.sections.soma.mechs.nav = {})), "--tstop", "10"], /unknown mechanism 'nav'/],
    ["tstop 0", () => ["--network", join(CASE, "network.json.gz"), "--tstop", "0"], /--tstop must be a positive number/],
    ["a negative tstop", () => ["--network", join(CASE, "network.json.gz"), "--tstop", "-5"], /--tstop must be a positive number/],
    ["dt 0", () => ["--network", join(CASE, "network.json.gz"), "--tstop", "10", "--dt", "0"], /--dt must be a positive number/],
    ["a missing --tstop when the network has none", () => ["--network", join(CASE, "network.json.gz")], /--tstop is required \(the network does not define tstop\)/],
    ["--tstop without a value", () => ["--network", join(CASE, "network.json.gz"), "--tstop"], /option '--tstop <ms>' argument missing/],
    ["--trials 0", () => ["--network", join(CASE, "network.json.gz"), "--tstop", "10", "--trials", "0"], /--trials must be a positive integer, got '0'/],
    ["a fractional --trials", () => ["--network", join(CASE, "network.json.gz"), "--tstop", "10", "--trials", "1.5"], /--trials must be a positive integer, got '1.5'/],
    ["an unknown --record-ca", () => ["--network", join(CASE, "network.json.gz"), "--tstop", "10", "--record-ca", "true"], /--record-ca must be 'all' or 'soma', got 'true'/],
    ["an unknown --record-vsec", () => ["--network", join(CASE, "network.json.gz"), "--tstop", "10", "--record-vsec", "dendrites"], /--record-vsec must be 'all' or 'soma', got 'dendrites'/],
    ["--gids that are not numbers", () => ["--network", join(CASE, "network.json.gz"), "--tstop", "10", "--record-vsec", "all", "--gids", "0,soma"], /--gids must be a comma-separated list of gids \(integers in \[0, 5\)\), got '0,soma'/],
    ["--gids with an empty item", () => ["--network", join(CASE, "network.json.gz"), "--tstop", "10", "--record-vsec", "all", "--gids", "0,,1"], /--gids must be a comma-separated list of gids \(integers in \[0, 5\)\), got '0,,1'/],
    ["--gids beyond the network", () => ["--network", join(CASE, "network.json.gz"), "--tstop", "10", "--record-vsec", "all", "--gids", "5"], /--gids must be a comma-separated list of gids \(integers in \[0, 5\)\), got '5'/],
    ["a negative gid", () => ["--network", join(CASE, "network.json.gz"), "--tstop", "10", "--record-vsec", "all", "--gids", "-1"], /--gids must be a comma-separated list of gids \(integers in \[0, 5\)\), got '-1'/],
    ["an unknown model", () => ["--model", "jones2010", "--tstop", "10"], /unknown --model 'jones2010'/],
    ["both --network and --model", () => ["--model", "jones2009", "--network", join(CASE, "network.json.gz"), "--tstop", "10"], /exactly one of --network FILE or --model NAME/],
  ];
  for (const [what, args, message] of bad) {
    it(`rejects ${what} with one clear line`, () => {
      const r = run(["simulate", "--out", tmp(), ...args()]);
      expect(r.status).toBe(1);
      const lines = r.stderr.trim().split("\n");
      expect(lines.length, r.stderr).toBe(1);
      expect(lines[0]).toMatch(/^hnn-wasm: error/);
      expect(lines[0]).toMatch(message);
      expect(r.stderr).not.toMatch(/RuntimeError|WebAssembly|unreachable|\n\s+at /);
    });
  }
});
