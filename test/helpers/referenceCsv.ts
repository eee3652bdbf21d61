/**
 * Comparing numbers with the reference CSV files of hnn-core 0.6.1 / NEURON 8.2, which print every
 * number with 10 significant digits (`%.10g`, ../shared/reference/README.md).
 *
 * The tolerance follows from that printing: one unit of the 10th significant digit (`ONE_DIGIT`,
 * 1e-10 to 1e-9 relative). The reference is rounded by up to half a unit; the other half covers
 * numbers that differ from NEURON's in their last bits (a sum taken in another order), which can
 * also print one unit apart. Any change to the model moves results by far more.
 */
import { parseCsv, type Table } from "./fixtures";

/** |ours − ref| up to one unit of the 10th significant digit. */
export const ONE_DIGIT = 1;

/** One unit in the 10th significant digit of x (0 for 0). */
function digitUnit(x: number): number {
  return x === 0 ? 0 : 10 ** (Math.floor(Math.log10(Math.abs(x))) - 9);
}

/**
 * Largest |ours − ref| over two series, in units of the 10th significant digit of the larger of
 * the two magnitudes at each index; `index` is where it happens (−1 when every pair is equal).
 */
export function digitError(ours: ArrayLike<number>, ref: ArrayLike<number>): { units: number; index: number } {
  if (ours.length !== ref.length) throw new Error(`length ${ours.length} != reference length ${ref.length}`);
  let units = 0;
  let index = -1;
  for (let i = 0; i < ref.length; i++) {
    const d = Math.abs(ours[i] - ref[i]);
    if (d === 0) continue;
    const u = d / digitUnit(Math.max(Math.abs(ours[i]), Math.abs(ref[i])));
    // The two doubles carry their own rounding error, up to ~1e-6 of a 10th-digit unit: round it away.
    const rounded = Math.round(u * 1e4) / 1e4;
    if (!(rounded <= units)) {
      units = rounded;
      index = i;
    }
  }
  return { units, index };
}

/**
 * Checks a CSV table of ours column by column against the reference text: the same header and
 * number of rows, and every number within `tolUnits` of the reference's 10th significant digit.
 * @returns the largest error (units) and how many numbers differ at all, for the record.
 */
export function compareCsv(ours: string, ref: string, tolUnits: number): { units: number; differing: number; total: number } {
  const [a, b]: Table[] = [parseCsv(ours), parseCsv(ref)];
  if (a.header.join(",") !== b.header.join(",")) throw new Error(`header '${a.header.join(",")}' != reference '${b.header.join(",")}'`);
  if (a.nRows !== b.nRows) throw new Error(`${a.nRows} rows != reference ${b.nRows}`);
  let units = 0;
  let differing = 0;
  for (const col of b.header) {
    const x = a.columns.get(col)!;
    const y = b.columns.get(col)!;
    const e = digitError(x, y);
    if (e.units > tolUnits) throw new Error(`column ${col}, row ${e.index + 1}: ${x[e.index]} vs reference ${y[e.index]} (${e.units} units of the 10th digit > ${tolUnits})`);
    units = Math.max(units, e.units);
    for (let i = 0; i < y.length; i++) if (x[i] !== y[i]) differing++;
  }
  return { units, differing, total: b.nRows * b.header.length };
}
