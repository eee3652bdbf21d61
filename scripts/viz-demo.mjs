// @ts-check
// Bundles scripts/viz-demo.ts and runs it:
//   node scripts/viz-demo.mjs [outDir]     (default /tmp/viz-demo)
import { importBundled } from "./importBundled.mjs";

const { main } = /** @type {typeof import("./viz-demo")} */ (await importBundled("viz-demo"));
const t0 = Date.now();
const files = main(process.argv[2] ?? "/tmp/viz-demo");
console.log(`wrote ${files.length} figures in ${Date.now() - t0} ms:\n${files.join("\n")}`);
