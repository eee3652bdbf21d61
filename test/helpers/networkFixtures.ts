/** Reference network.json files (hnn-core 0.6.1), gzipped copies of ../shared/reference. */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

/** Reference files: jones2009_erp, beta, alpha, gamma, seed_custom_all, seed_custom_sparse (scenarios/<name>/network.json, outputs stripped),
 * neymotin2020_3x3_drives, gamma_L5weak_L2weak_hierarchical (hnn-core test assets). */
export function referenceText(name: string): string {
  const file = name.startsWith("neymotin") || name.startsWith("gamma_L5") ? `networks/${name}.json.gz` : `scenarios/${name}/network.json.gz`;
  return gunzipSync(readFileSync(FIXTURES + file)).toString("utf8");
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJson = any;

export function referenceJson(name: string): AnyJson {
  return JSON.parse(referenceText(name));
}
