// Copies the reference data the tests need from ../shared/reference into test/fixtures/,
// gzip-compressed, so tests run on a clean clone without ../shared. Run: node scripts/make-fixtures.mjs
import { readFileSync, writeFileSync, mkdirSync, readdirSync, existsSync } from "node:fs";
import { gzipSync, gunzipSync } from "node:zlib";
import { join } from "node:path";

const ref = new URL("../../shared/reference/", import.meta.url).pathname;
const out = new URL("../test/fixtures/", import.meta.url).pathname;

function readMaybeGz(path) {
  if (existsSync(path)) return readFileSync(path);
  return gunzipSync(readFileSync(path + ".gz"));
}

/** network.json without the recorded outputs (cell_response), which tests read from the CSVs. */
function slimNetwork(buf) {
  const net = JSON.parse(buf.toString("utf8"));
  net.cell_response = {};
  return Buffer.from(JSON.stringify(net));
}

function copyCase(srcDir, dstDir, files) {
  mkdirSync(dstDir, { recursive: true });
  for (const f of files) {
    let buf = readMaybeGz(join(srcDir, f));
    if (f === "network.json") buf = slimNetwork(buf);
    writeFileSync(join(dstDir, f + ".gz"), gzipSync(buf, { level: 9 }));
  }
}

const cases = readdirSync(join(ref, "single_cells")).filter((d) => !d.endsWith(".json"));
for (const c of cases) {
  const files = readdirSync(join(ref, "single_cells", c)).map((f) => f.replace(/\.gz$/, ""));
  copyCase(join(ref, "single_cells", c), join(out, "single_cells", c), files);
}
writeFileSync(join(out, "single_cells", "index.json"), readFileSync(join(ref, "single_cells", "index.json")));

for (const scenario of ["jones2009_erp", "seed_custom_all", "seed_custom_sparse", "alpha", "gamma", "beta"]) {
  const files = readdirSync(join(ref, scenario)).map((f) => f.replace(/\.gz$/, ""));
  copyCase(join(ref, scenario), join(out, "scenarios", scenario), files);
}
console.log("fixtures written to", out);
