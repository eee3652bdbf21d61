/** Reading the reference data copied into test/fixtures/ (gzip-compressed CSV and JSON). */
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
