// @ts-check
// Bundles scripts/viz-demo.ts with esbuild (tsx is not installed) and runs it:
//   node scripts/viz-demo.mjs [outDir]     (default /tmp/viz-demo)
import { build } from "esbuild";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outfile = join(root, "node_modules", ".cache", "viz-demo.bundle.mjs");
await build({
  entryPoints: [join(root, "scripts", "viz-demo.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});
/** @type {typeof import("./viz-demo")} */
const { main } = await import(pathToFileURL(outfile).href);
const t0 = Date.now();
const files = main(process.argv[2] ?? "/tmp/viz-demo");
console.log(`wrote ${files.length} figures in ${Date.now() - t0} ms:\n${files.join("\n")}`);
