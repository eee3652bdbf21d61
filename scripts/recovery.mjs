// @ts-check
// Bundles scripts/recovery.ts and runs it:
//   node scripts/recovery.mjs [tstopMs] [maxIter]     (defaults 100, 30)
import { importBundled } from "./importBundled.mjs";

const { main } = /** @type {typeof import("./recovery")} */ (await importBundled("recovery", { inlineEngine: true }));
await main(Number(process.argv[2] ?? 100), Number(process.argv[3] ?? 30));
