/** Reading the reference data copied into test/fixtures/ (gzip-compressed CSV and JSON), and measuring agreement with it. */
import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";

export const FIXTURES = new URL("../fixtures/", import.meta.url).pathname;

/** Text of a fixture file stored as `<path>.gz`. */
export function fixtureText(path: string): string {
  const full = join(FIXTURES, path);
  return existsSync(full + ".gz") ? gunzipSync(readFileSync(full + ".gz")).toString("utf8") : readFileSync(full, "utf8");
}

export function fixtureExists(path: string): boolean {
  const full = join(FIXTURES, path);
  return existsSync(full) || existsSync(full + ".gz");
}

/** A CSV table: header names and numeric columns (non-numeric cells are kept in `text`). */
export interface Table {
  header: string[];
  columns: Map<string, Float64Array>;
  text: Map<string, string[]>;
  nRows: number;
}

export function parseCsv(text: string): Table {
  const lines = text.trim().split("\n");
  const header = lines[0].split(",");
  const n = lines.length - 1;
  const columns = new Map<string, Float64Array>();
  const textCols = new Map<string, string[]>();
  header.forEach((h) => {
    columns.set(h, new Float64Array(n));
    textCols.set(h, new Array<string>(n));
  });
  for (let r = 0; r < n; r++) {
    const cells = lines[r + 1].split(",");
    for (let c = 0; c < header.length; c++) {
      columns.get(header[c])![r] = Number(cells[c]);
      textCols.get(header[c])![r] = cells[c];
    }
  }
  return { header, columns, text: textCols, nRows: n };
}

/** Max |a − b| over two arrays of equal length, with the index where it happens. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): { value: number; index: number } {
  if (a.length !== b.length) throw new Error(`length mismatch: ${a.length} vs ${b.length}`);
  let value = 0;
  let index = -1;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= value)) {
      value = d;
      index = i;
    }
  }
  return { value, index };
}

/**
 * Half a unit in the 10th significant digit of `printed`: a value written with `%.10g` (the
 * reference CSVs) lies at most this far from the double it was written from. Rounding up to a power
 * of ten only makes the printed value's unit larger, so the bound holds with the printed exponent.
 */
function printedHalfUnit(printed: number): number {
  const a = Math.abs(printed);
  if (a === 0) return 0;
  let e = Math.floor(Math.log10(a));
  if (10 ** (e + 1) <= a) e++;
  else if (10 ** e > a) e--;
  return 0.5 * 10 ** (e - 9);
}

/**
 * Agreement of our trace with a 10-digit reference column, sample by sample: the worst
 * |ours − ref| / (printed half unit + `slack`), where `slack` is what we allow beyond the print
 * rounding. `worst` ≤ 1 means every sample rounds to the reference's digits within that slack.
 */
export function printedAgreement(ours: ArrayLike<number>, ref: ArrayLike<number>, slack: number): { worst: number; index: number } {
  if (ours.length !== ref.length) throw new Error(`length mismatch: ${ours.length} vs ${ref.length}`);
  let worst = 0;
  let index = -1;
  for (let i = 0; i < ref.length; i++) {
    const d = Math.abs(ours[i] - ref[i]);
    // The parsed reference double is itself within half an ulp of the printed decimal.
    const ratio = d === 0 ? 0 : d / (printedHalfUnit(ref[i]) + Number.EPSILON * Math.abs(ref[i]) + slack);
    if (!(ratio <= worst)) {
      worst = ratio;
      index = i;
    }
  }
  return { worst, index };
}

/** Largest |x| of a trace. */
export function maxAbs(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
  return m;
}

/** Root-mean-square error normalised by the reference's RMS. */
export function nrmse(ours: ArrayLike<number>, ref: ArrayLike<number>): number {
  if (ours.length !== ref.length) throw new Error(`length mismatch: ${ours.length} vs ${ref.length}`);
  let se = 0;
  let ss = 0;
  for (let i = 0; i < ref.length; i++) {
    se += (ours[i] - ref[i]) ** 2;
    ss += ref[i] ** 2;
  }
  return Math.sqrt(se / ss);
}
