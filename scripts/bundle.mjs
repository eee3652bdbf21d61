// @ts-check
// Bundles the package's entry points into dist/ (ESM, shared code in chunks): index (core), viz
// (figures), node (Node extras), queue (Redis queue, Node), cli and worker (Node worker_threads). The engine and the Web
// Worker's source are inlined (scripts/inline.mjs). The bench and the examples are bundled apart
// (dist/bench.js, dist/plot_connectivity.js, dist/gallery.js; not in the package's files).
import { build } from "esbuild";
import { existsSync, writeFileSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { inlineDefines } from "./inline.mjs";

// Chunks of an earlier build would otherwise stay in dist/ (and in the package).
for (const f of existsSync("dist") ? readdirSync("dist") : []) if (f.startsWith("chunk-")) rmSync(`dist/${f}`);

const common = /** @type {const} */ ({
  outdir: "dist",
  bundle: true,
  format: "esm",
  target: "es2022",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});

await build({
  ...common,
  entryPoints: {
    index: "bindings/index.ts",
    viz: "bindings/viz/index.ts",
    node: "bindings/node.ts",
    queue: "bindings/queue/index.ts",
    cli: "bindings/cli.ts",
    worker: "bindings/simulate/trialWorker.ts",
  },
  // "neutral": browser and Node alike; no `node:` import is reachable from index or viz.
  platform: "neutral",
  mainFields: ["module", "main"],
  splitting: true,
  chunkNames: "[name]-[hash]", // beside worker.js, which platformWorkers.ts finds at ./worker.js
  define: await inlineDefines(),
});

const dev = { bench: "bench/run.ts", plot_connectivity: "examples/plot_connectivity.ts", gallery: "examples/gallery.ts" };
await build({
  ...common,
  entryPoints: Object.fromEntries(Object.entries(dev).filter(([, path]) => existsSync(path))),
  platform: "node",
  // Our own scripts: keep every module they import for its effects (bindings/viz/node.ts registers
  // the Node DOM and PNG writer), whatever package.json's sideEffects says to bundlers of the package.
  ignoreAnnotations: true,
  banner: { js: "#!/usr/bin/env node" },
});

// The page of the bench's Node-vs-Chromium row (bench/browser.ts): everything bundled, engine inlined.
if (existsSync("bench/browserPage.ts")) {
  const { packages: _external, ...bundleAll } = common;
  await build({ ...bundleAll, entryPoints: { "bench-browser": "bench/browserPage.ts" }, platform: "browser", define: await inlineDefines() });
  writeFileSync("dist/bench-browser.html", '<!doctype html><html><body><script type="module" src="bench-browser.js"></script></body></html>\n');
}

// require() of any entry: a clear message instead of ERR_PACKAGE_PATH_NOT_EXPORTED / ERR_REQUIRE_ESM.
writeFileSync("dist/esm-only.cjs", 'throw new Error("hnn-wasm is an ES module package: use import (e.g. `import { simulateDipole } from \\"hnn-wasm/node\\"`, or `await import(\\"hnn-wasm/node\\")` from CommonJS); require() is not supported");\n');

// The type of `import url from "hnn-wasm/engine.wasm"` (a bundler's asset import: the file's URL).
mkdirSync("dist/types", { recursive: true });
writeFileSync("dist/types/engine.wasm.d.ts", "/** URL of engine.wasm, as a bundler's asset import gives it; pass it to loadEngine. */\ndeclare const engineWasmUrl: string;\nexport default engineWasmUrl;\n");
