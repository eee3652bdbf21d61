// @ts-check
// Bundles one TypeScript script of scripts/ with esbuild (tsx is not installed) and imports it:
// the shared step of the small runners (recovery.mjs, viz-demo.mjs).
import { build } from "esbuild";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";
import { inlineDefines } from "./inline.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * @param {string} name the script's name in scripts/, without `.ts`
 * @param {{ inlineEngine?: boolean }} [opts] inlineEngine: the engine inlined, as in dist/
 * @returns {Promise<unknown>} the bundled module
 */
export async function importBundled(name, opts = {}) {
  const outfile = join(root, "node_modules", ".cache", `${name}.bundle.mjs`);
  await build({
    entryPoints: [join(root, "scripts", `${name}.ts`)],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
    ...(opts.inlineEngine ? { define: await inlineDefines() } : {}),
  });
  return import(pathToFileURL(outfile).href);
}
