// @ts-check
// Writes every fixture under test/fixtures/ (test/fixtures/README.md says what each is), so tests run on a
// clean clone without ../shared. Files ending in .gz are gzip level 9 with no name and mtime 0, so a rerun
// gives the same bytes.
//
//   node scripts/make-fixtures.mjs             copies the reference data from ../shared/reference and
//                                              ../shared/spec, and prints the generator commands
//   node scripts/make-fixtures.mjs --generate  also runs the generators (python3 with numpy and scipy; the
//                                              hnn-core ones need hnn-core v0.6.1's hnn_core/ at /tmp/hnn061
//                                              and import stubs at /tmp/stubs; those missing are skipped)
import { readFileSync, writeFileSync, mkdirSync, readdirSync, existsSync } from "node:fs";
import { gzipSync, gunzipSync } from "node:zlib";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const ref = join(root, "../shared/reference");
const spec = join(root, "../shared/spec");
const out = join(root, "test/fixtures");

/** The scenarios of ../shared/reference the tests use (scenarios/, drives/reference_drives.json.gz). */
const SCENARIOS = ["jones2009_erp", "seed_custom_all", "seed_custom_sparse", "alpha", "gamma", "beta"];

/** @param {string} path a file, read as is or from `path.gz` @returns {Buffer} */
function readMaybeGz(path) {
  if (existsSync(path)) return readFileSync(path);
  return gunzipSync(readFileSync(path + ".gz"));
}

/**
 * Write `buf` to test/fixtures/<rel>, gzip-compressed when rel ends in .gz.
 * @param {string} rel
 * @param {Buffer} buf
 */
function write(rel, buf) {
  const path = join(out, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, rel.endsWith(".gz") ? gzipSync(buf, { level: 9 }) : buf);
}

/**
 * Copy a file of ../shared (plain or .gz) to test/fixtures/<rel>, optionally transformed.
 * @param {string} src
 * @param {string} rel
 * @param {(buf: Buffer) => Buffer} [transform]
 */
function copy(src, rel, transform = (buf) => buf) {
  write(rel, transform(readMaybeGz(src)));
}

/** @param {Buffer} buf @returns {any} */
const json = (buf) => JSON.parse(buf.toString("utf8"));

/**
 * network.json without the recorded outputs (cell_response), which tests read from the CSVs.
 * @param {Buffer} buf
 */
function slimNetwork(buf) {
  const net = json(buf);
  net.cell_response = {};
  return Buffer.from(JSON.stringify(net));
}

/**
 * Copy every file of a reference case folder, gzipped.
 * @param {string} srcDir
 * @param {string} dstRel
 */
function copyCase(srcDir, dstRel) {
  for (const f of readdirSync(srcDir).map((name) => name.replace(/\.gz$/, ""))) {
    copy(join(srcDir, f), `${dstRel}/${f}.gz`, f === "network.json" ? slimNetwork : undefined);
  }
}

// --- single_cells/, scenarios/: reference simulations (NEURON 8.2.2 + hnn-core 0.6.1) ---
for (const c of readdirSync(join(ref, "single_cells")).filter((d) => !d.endsWith(".json"))) {
  copyCase(join(ref, "single_cells", c), `single_cells/${c}`);
}
copy(join(ref, "single_cells/index.json"), "single_cells/index.json");
for (const s of SCENARIOS) copyCase(join(ref, s), `scenarios/${s}`);
// Extracellular potentials and calcium (its own folder: the network walk of parity/networks skips it).
copyCase(join(ref, "lfp_neymotin2020_erp"), "lfp_neymotin2020_erp");

// --- dipole_ops/: hnn-core's Dipole operations on jones2009_erp's dipoles, and those dipoles ---
for (const f of ["average_trial0_trial1.csv", "trial0_hnn_core_write.txt", "trial0_savgol_hfreq40.csv", "trial0_smooth30.csv", "trial0_smooth30_scale3000.csv"]) {
  copy(join(ref, "dipole_ops", f), `dipole_ops/${f}.gz`);
}
for (const k of [0, 1]) copy(join(ref, `jones2009_erp/dipole_trial${k}.csv`), `dipole_ops/dipole_trial${k}.csv.gz`);

// --- networks/: hnn-core's own test assets (network JSON files) ---
for (const f of ["gamma_L5weak_L2weak_hierarchical.json", "neymotin2020_3x3_drives.json"]) {
  copy(join(ref, "hnn_core_assets", f), `networks/${f}.gz`);
}

// --- rng/: numpy RNG vectors of RNG.md ---
copy(join(spec, "rng_vectors.json"), "rng/rng_vectors.json.gz");

// --- drives/reference_drives.json.gz: each scenario's drives with their events, and RNG.md's drive vectors ---
{
  /** @type {Record<string, object>} */
  const scenarios = {};
  for (const s of SCENARIOS) {
    const meta = json(readMaybeGz(join(ref, s, "meta.json")));
    const net = json(readMaybeGz(join(ref, s, "network.json")));
    scenarios[s] = {
      calls: meta.calls,
      tstop: meta.tstop_ms,
      nTrials: meta.n_trials,
      gidRanges: net.gid_ranges,
      externalDrives: net.external_drives,
      externalBiases: net.external_biases,
    };
  }
  const e2e = json(readMaybeGz(join(spec, "rng_vectors.json"))).end_to_end;
  const endToEnd = Object.fromEntries(["jones2009_params_drives", "bursty_examples", "poisson_example"].map((k) => [k, e2e[k]]));
  write("drives/reference_drives.json.gz", Buffer.from(JSON.stringify({ scenarios, endToEnd })));
}

// --- optim/: ../shared/spec/optim's oracles of hnn-core's objectives and scipy's fmin_cobyla ---
for (const f of ["objectives_oracle.json", "cobyla_oracle.json"]) copy(join(spec, "optim", f), `optim/${f}.gz`);

// --- parity/: fixtures of test/parity beyond the reference copies above go here (copy() / write()) ---

// --- Generated fixtures: a script beside each prints the file's content to stdout ---
const HNN_CORE = ["/tmp/hnn061/hnn_core", "/tmp/stubs"];
const SCIPY115 = "/tmp/sp115/bin/python";
const GENERATED = [
  { file: "drives/error_messages.json", script: "drives/gen_errors.py", needs: HNN_CORE },
  { file: "drives/params_cases.json.gz", script: "drives/gen_params_cases.py", needs: HNN_CORE },
  { file: "network/error_messages.json", script: "network/gen_errors.py", needs: HNN_CORE },
  { file: "dipole_ops/spectral_reference.json.gz", script: "dipole_ops/spectral_reference.py", needs: HNN_CORE },
  { file: "dipole_ops/baseline_renormalize.json", script: "dipole_ops/baseline_renormalize.py", needs: HNN_CORE },
  { file: "dipole_ops/trial0_savgol_hfreq40_exact.csv.gz", script: "dipole_ops/savgol_exact.py", needs: [] },
  { file: "rng/extra_vectors.json.gz", script: "rng/gen_extra_vectors.py", needs: [] },
  { file: "network/convert_to_json.json.gz", script: "network/gen_convert.py", needs: HNN_CORE },
  // h5py, real h5io: a python with h5py (Debian's python3-h5py: PYTHON_H5=/usr/bin/python3).
  { file: "dipole_ops/average_trial0_trial1_scale3000.hdf5.gz", script: "dipole_ops/gen_hdf5.py", needs: [...HNN_CORE, "/tmp/h5io/h5io"], python: process.env.PYTHON_H5 ?? "python3" },
  { file: "optim/objectives_reference.json.gz", script: "optim/objectives_reference.py", needs: HNN_CORE },
  // scipy <= 1.15 (the Fortran COBYLA2) in a virtual environment of its own (see the script).
  { file: "optim/cobyla_extra.json.gz", script: "optim/cobyla_extra.py", needs: [SCIPY115], python: SCIPY115 },
  { file: "viz/decimate_csd.json.gz", script: "viz/gen_decimate_csd.py", needs: [] },
];
/** Python's set order (printed in some hnn-core messages) is fixed by the hash seed. */
const env = { ...process.env, PYTHONHASHSEED: "0" };
const generate = process.argv.includes("--generate");
for (const g of GENERATED) {
  const python = g.python ?? "python3";
  const cmd = `PYTHONHASHSEED=0 ${python} test/fixtures/${g.script}`;
  const missing = g.needs.filter((p) => !existsSync(p));
  if (!generate || missing.length > 0) {
    const why = generate ? `skipped, missing ${missing.join(", ")}` : "not run (--generate runs it)";
    console.log(`${g.file}: ${cmd} (${why})`);
    continue;
  }
  const r = spawnSync(python, [join(out, g.script)], { env, maxBuffer: 1 << 28, stdio: ["ignore", "pipe", "inherit"] });
  if (r.status !== 0) throw new Error(`${cmd} failed (exit ${r.status ?? r.error})`);
  write(g.file, r.stdout);
  console.log(`${g.file}: written by ${cmd}`);
}
console.log("fixtures written to", out);
