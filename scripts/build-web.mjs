// @ts-check
// Builds the workbench page into dist/web/: index.html, app.js (the custom elements), sim-worker.js
// (the page's simulation worker) and engine.wasm. Static files: any static host serves them.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";

const outdir = "dist/web";
mkdirSync(outdir, { recursive: true });
await build({
  entryPoints: { app: "web/main.ts", "sim-worker": "web/sim/worker.ts" },
  outdir,
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  // bindings/ still reaches Node modules on Node-only paths (dynamic imports, never taken in a page).
  external: ["node:*"],
  logLevel: "warning",
});
copyFileSync("web/index.html", `${outdir}/index.html`);
copyFileSync("build/engine.wasm", `${outdir}/engine.wasm`);
