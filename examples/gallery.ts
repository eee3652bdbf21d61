/**
 * The gallery runner: `npm run example -- <name> [--tstop MS] [--decim N] [--out DIR]` runs examples/<name>.ts,
 * `npm run example -- --list` lists them. Bundled to dist/gallery.js by `npm run build:js`.
 *
 * Each example prints what hnn-core's prints and writes its figures as SVG and PNG into
 * out/<name>/ (or --out), named as hnn-core's gallery names them (`sphx_glr_<script>_001.png`, …).
 * `--tstop MS` caps every simulation's tstop, `--max-iter N` every fit's iterations and `--decim N`
 * sets the frame step of exported animations (short runs for tests). Other files an example writes
 * (hnn_animation's GIF) go to the same folder. The seed example,
 * plot_connectivity, is its own script (`npm start`); the runner starts it in a child process.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { setWarningHandler } from "../bindings/node";
import { ExampleContext, type Example } from "./lib/kit";
import { example as evoked } from "./simulate_evoked";
import { example as alpha } from "./simulate_alpha";
import { example as beta } from "./simulate_beta";
import { example as gamma } from "./simulate_gamma";
import { example as somato, makeTargetExample } from "./simulate_somato";
import { example as firingPattern } from "./firing_pattern";
import { example as replaying } from "./replaying_spike_data_as_input";
import { example as mpiBackend } from "./simulate_mpi_backend";
import { example as extracellular } from "./record_extracellular_potentials";
import { example as animation } from "./hnn_animation";
import { example as optimizeEvoked, makeTargetExample as makeEvokedTarget } from "./optimize_evoked";
import { example as optimizeRhythmic } from "./optimize_rhythmic";
import { example as batchSimulate } from "./batch_simulate";

const ROOT = fileURLToPath(new URL("../", import.meta.url)); // dist/.. = the repository
const SEED = { name: "plot_connectivity", description: "(seed, `npm start`) modifying local connectivity: three networks, ten figures" };
const EXAMPLES: Example[] = [evoked, alpha, beta, gamma, somato, firingPattern, replaying, mpiBackend, extracellular, animation, batchSimulate, optimizeEvoked, optimizeRhythmic, makeTargetExample, makeEvokedTarget];

const USAGE = "usage: npm run example -- <name> [--tstop MS] [--max-iter N] [--decim N] [--out DIR]   |   npm run example -- --list";

/** Exits with status 2 and a message on stderr. */
function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

/** The command line: one example name and the options. */
function parseArgs(argv: string[]): { name: string | null; list: boolean; tstopMs: number | null; movieDecim: number | null; maxIter: number | null; outDir: string | null } {
  const out = { name: null as string | null, list: false, tstopMs: null as number | null, movieDecim: null as number | null, maxIter: null as number | null, outDir: null as string | null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--list") out.list = true;
    else if (arg === "--tstop") {
      const v = Number(argv[++i]);
      if (!(v > 0) || !Number.isFinite(v)) fail(`--tstop must be a positive number of ms, got ${String(argv[i])}`);
      out.tstopMs = v;
    } else if (arg === "--decim") {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 1) fail(`--decim must be a positive integer (time samples per frame), got ${String(argv[i])}`);
      out.movieDecim = v;
    } else if (arg === "--max-iter") {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) fail(`--max-iter must be a positive integer, got ${String(argv[i])}`);
      out.maxIter = n;
    } else if (arg === "--out") {
      if (argv[i + 1] === undefined) fail("--out needs a folder");
      out.outDir = argv[++i];
    } else if (arg.startsWith("--")) fail(`unknown option ${arg}`);
    else if (out.name === null) out.name = arg;
    else fail(`one example at a time, got ${out.name} and ${arg}`);
  }
  return out;
}

const args = parseArgs(process.argv.slice(2));
if (args.list || args.name === null) {
  if (!args.list) console.error(USAGE);
  const width = Math.max(...[SEED, ...EXAMPLES].map((e) => e.name.length));
  for (const e of [SEED, ...EXAMPLES]) console.log(`${e.name.padEnd(width)}  ${e.description}`);
  process.exit(args.list ? 0 : 2);
}

const outDir = args.outDir ?? join("out", args.name);
if (args.name === SEED.name) {
  if (args.tstopMs !== null || args.movieDecim !== null || args.maxIter !== null) fail("plot_connectivity has a fixed tstop (170 ms), no animation and no fit; --tstop, --decim and --max-iter are not supported for it");
  const r = spawnSync(process.execPath, [join(ROOT, "dist", "plot_connectivity.js"), outDir], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}
const example = EXAMPLES.find((e) => e.name === args.name);
if (example === undefined) fail(`unknown example '${args.name}'; the examples are ${[SEED, ...EXAMPLES].map((e) => e.name).join(", ")}`);

// hnn-core's warnings go to stderr, as Python's do.
setWarningHandler((message) => console.warn(message));
const ctx = new ExampleContext(outDir, example.hnnScript, { tstopCapMs: args.tstopMs, movieDecim: args.movieDecim, maxIter: args.maxIter }, join(ROOT, "examples", "data"));
const started = performance.now();
await example.run(ctx);
const others = ctx.files.map((f) => ` and ${f}`).join("");
console.log(`saved ${ctx.figures.length} figures to ${outDir} (SVG and PNG)${others} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
