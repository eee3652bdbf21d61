/** hnn-core 0.6.1 dipole references (test/fixtures/dipole_ops, gzipped) and the error measure the analysis tests use. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parseDipoleText, type Dipole } from "../../bindings/analysis";

const FIX = join(__dirname, "../fixtures/dipole_ops");

/** The text of fixture `name` (stored as `name.gz`). */
export const gz = (name: string): string => gunzipSync(readFileSync(join(FIX, name + ".gz"))).toString("utf8");

/** Trial `k` of jones2009_erp as hnn-core wrote it. */
export const trial = (k: number): Dipole => parseDipoleText(gz(`dipole_trial${k}.csv`));

/** Relative error of `ours` against the reference `ref`: max_i |ours_i − ref_i| / max_i |ref_i| (lengths must match). */
export function relMaxDiff(ours: ArrayLike<number>, ref: ArrayLike<number>): number {
  if (ours.length !== ref.length) throw new Error(`length ${ours.length} != reference length ${ref.length}`);
  let maxRef = 0;
  let maxDiff = 0;
  for (let i = 0; i < ref.length; i++) {
    maxRef = Math.max(maxRef, Math.abs(ref[i]));
    maxDiff = Math.max(maxDiff, Math.abs(ours[i] - ref[i]));
  }
  return maxDiff / maxRef;
}
