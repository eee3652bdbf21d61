/**
 * hnn-core 0.6.1's `generate_opt_history_table` (optimization/general_optimization.py): a text
 * report of finished fits — solver, objective, iterations, each parameter's initial and final value,
 * and the objective's values — laid out character for character as hnn-core writes it.
 */

import { formatFixed } from "../util/pyformat";
import { describe } from "../util/validate";

/** One finished fit (hnn-core's dict keys, camelCase). */
export interface OptResult {
  /** Parameter name → initial value, in the fit's order. */
  initialParams: Record<string, number>;
  /** Fitted values, in the order of `initialParams`. */
  optParams: readonly number[];
  /** The objective's values, one line each (e.g. `Optimizer.obj_`). */
  objValues: readonly number[];
  /** Solver name (`N/A` when absent). */
  solver?: string;
  /** Objective name (`unknown` when absent). */
  objFun?: string;
  /** Iterations (`N/A` when absent). */
  maxIter?: number;
  /** Target data set's name (listed for dipole_rmse). */
  targetData?: string;
  /** Trials per evaluation (listed for dipole_rmse with targetData). */
  nTrials?: number;
  /** Bands (Hz) of maximize_psd. */
  psdFBands?: readonly (readonly [number, number])[];
  /** Band weights of maximize_psd, one per band. */
  psdRelativeBandpower?: readonly number[];
}

/** Python's `f"{x:+W.Df}"`. */
function signedFixed(x: number, digits: number, width: number): string {
  const s = formatFixed(x, digits);
  return (s.startsWith("-") ? s : "+" + s).padStart(width, " ");
}

/**
 * hnn-core `generate_opt_history_table(opt_results, report_timestamp)`: the history of the fits in
 * `optResults` as text (`No optimization runs have been completed yet.` when there are none).
 * @param reportTimestamp written after `Generated: `.
 */
export function generateOptHistoryTable(optResults: readonly OptResult[], reportTimestamp: string): string {
  if (!(optResults instanceof Array)) throw new TypeError(`opt_results must be an array of results, got ${describe(optResults)}`);
  if (optResults.length === 0) return "No optimization runs have been completed yet.";
  const rule = "=".repeat(100);
  const dash = "-".repeat(100);
  const lines = [rule, "OPTIMIZATION HISTORY", `Generated: ${reportTimestamp}`, rule, ""];
  optResults.forEach((r, k) => {
    const objFun = r.objFun ?? "unknown";
    lines.push(`Run #${k + 1}`, dash, `Solver: ${r.solver ?? "N/A"}`, `Objective Function: ${objFun}`, `Max Iterations: ${r.maxIter ?? "N/A"}`);
    if (objFun === "dipole_rmse" && r.targetData !== undefined) {
      lines.push(`Target Dataset: ${r.targetData}`);
      if (r.nTrials !== undefined) lines.push(`Number of Trials: ${r.nTrials}`);
    }
    if (objFun === "maximize_psd" && r.psdFBands !== undefined) {
      const weights = r.psdRelativeBandpower ?? [];
      // Python's zip: as many lines as the shorter list.
      for (let i = 0; i < Math.min(r.psdFBands.length, weights.length); i++) {
        const [lo, hi] = r.psdFBands[i];
        lines.push(`  Frequency Band ${i + 1}: ${formatFixed(lo, 1)}-${formatFixed(hi, 1)} Hz (weight: ${formatFixed(weights[i], 3)})`);
      }
    }
    lines.push("", `${"Parameter".padEnd(40)} ${"Initial Value".padStart(15)} ${"Final Value".padStart(15)} ${"Change".padStart(15)}`, dash);
    Object.entries(r.initialParams).forEach(([name, initial], i) => {
      const final = r.optParams[i];
      lines.push(`${name.padEnd(40)} ${formatFixed(initial, 6, 15)} ${formatFixed(final, 6, 15)} ${signedFixed(final - initial, 6, 15)}`);
    });
    lines.push("", `Objective Function (${objFun}) Values:`);
    r.objValues.forEach((v, i) => lines.push(`  Iteration ${i}: ${formatFixed(v, 6, 15)}`));
    lines.push(`Total Change:  ${signedFixed(r.objValues[r.objValues.length - 1] - r.objValues[0], 6, 15)}`, "", rule, "");
  });
  return lines.join("\n");
}
