// @ts-check
// Builds the workbench page into dist/web/: index.html, app.js (the custom elements; simulation
// Web Workers inlined, scripts/inline.mjs) and engine.wasm, served beside app.js rather than inlined
// so that the page's script stays small. Static files: any static host serves them.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { inlineDefines } from "./inline.mjs";

const outdir = "dist/web";
mkdirSync(outdir, { recursive: true });
const { __HNN_WORKER_SOURCE__ } = await inlineDefines();
await build({
  entryPoints: { app: "web/main.ts" },
  outdir,
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  define: { __HNN_WORKER_SOURCE__ },
  logLevel: "warning",
});
copyFileSync("web/index.html", `${outdir}/index.html`);
copyFileSync("build/engine.wasm", `${outdir}/engine.wasm`);
