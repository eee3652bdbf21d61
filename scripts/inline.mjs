// @ts-check
// What the bundles carry inside them so that no bundler has to find a file: engine.wasm as base64
// and the Web Worker's source (bindings/simulate/webTrialWorker.ts, bundled and minified), handed
// to esbuild as `define`s (bindings/wasm.ts, bindings/simulate/platformWorkers.ts).
import { build } from "esbuild";
import { readFileSync } from "node:fs";

/** esbuild `define`s of the engine bytes and the worker source. */
export async function inlineDefines() {
  const worker = await build({
    entryPoints: ["bindings/simulate/webTrialWorker.ts"],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    // wasm.ts's loadEngine reads import.meta.url; the worker never calls it (tree-shaken).
    logOverride: { "empty-import-meta": "silent" },
    logLevel: "warning",
  });
  return {
    __HNN_ENGINE_BASE64__: JSON.stringify(readFileSync("build/engine.wasm").toString("base64")),
    __HNN_WORKER_SOURCE__: JSON.stringify(worker.outputFiles[0].text),
  };
}
