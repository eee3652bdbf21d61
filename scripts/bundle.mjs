// @ts-check
// Bundles the TypeScript entry points into dist/ (ESM for Node). The wasm stays in build/ and
// is located at run time relative to the bundle (../build/engine.wasm), as from bindings/.
import { build } from "esbuild";
import { existsSync } from "node:fs";

const entries = {
  index: "bindings/index.ts",
  node: "bindings/node.ts",
  cli: "bindings/cli.ts",
  plot_connectivity: "examples/plot_connectivity.ts",
  bench: "bench/run.ts",
  worker: "bindings/simulate/trialWorker.ts",
};
const entryPoints = Object.fromEntries(Object.entries(entries).filter(([, path]) => existsSync(path)));

await build({
  entryPoints,
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
  banner: { js: "#!/usr/bin/env node" },
});
