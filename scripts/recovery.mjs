// @ts-check
// Bundles scripts/recovery.ts with esbuild (tsx is not installed) and runs it:
//   node scripts/recovery.mjs [tstopMs] [maxIter]     (defaults 100, 30)
import { build } from "esbuild";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";
import { inlineDefines } from "./inline.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outfile = join(root, "node_modules", ".cache", "recovery.bundle.mjs");
await build({
  entryPoints: [join(root, "scripts", "recovery.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "warning",
  define: await inlineDefines(), // the engine inlined, as in dist/
});
/** @type {typeof import("./recovery")} */
const { main } = await import(pathToFileURL(outfile).href);
await main(Number(process.argv[2] ?? 100), Number(process.argv[3] ?? 30));
