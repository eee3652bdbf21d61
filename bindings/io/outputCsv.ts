/**
 * The reference output layout (../shared/reference/README.md): dipole_trialK.csv, spikes_trialK.csv,
 * vsec_trialK.csv, isec_trialK.csv and ca_trialK.csv, numbers as C's `%.10g`, spike times as Python's float repr.
 */
import { pyFloat } from "../util/pyformat";
import type { Dipole } from "../analysis/dipole";

/** C/Python `%.<precision>g` of a finite number (or nan/inf). */
function formatG(x: number, precision = 10): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const [mant, expText] = x.toExponential(precision - 1).split("e");
  const exp = Number(expText);
  const trim = (s: string): string => (s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s);
  if (exp < -4 || exp >= precision) {
    const mag = Math.abs(exp);
    return `${trim(mant)}e${exp < 0 ? "-" : "+"}${mag < 10 ? "0" : ""}${mag}`;
  }
  return trim(x.toFixed(Math.max(0, precision - 1 - exp)));
}

/** `t,agg,L2,L5` table of a dipole. */
export function dipoleCsv(dpl: Dipole): string {
  const layers = dpl.layers();
  const rows = ["t," + layers.join(",")];
  for (let i = 0; i < dpl.times.length; i++) {
    rows.push([dpl.times[i], ...layers.map((l) => dpl.data[l]![i])].map((x) => formatG(x)).join(","));
  }
  return rows.join("\n") + "\n";
}

/** `t,gid,type` table of one trial's spikes (already sorted by time then gid). */
export function spikesCsv(times: number[], gids: number[], types: string[]): string {
  const rows = ["t,gid,type"];
  for (let i = 0; i < times.length; i++) rows.push(`${pyFloat(times[i])},${gids[i]},${types[i]}`);
  return rows.join("\n") + "\n";
}

/**
 * `t,<column>,...` table of traces. Columns whose values are all exactly zero are left out when
 * `dropAllZero` (hnn-core's record_isec='all' files list only synapses that carried current).
 */
export function tracesCsv(times: ArrayLike<number>, columns: [string, ArrayLike<number>][], dropAllZero: boolean): string {
  const kept = dropAllZero ? columns.filter(([, trace]) => Array.prototype.some.call(trace, (x: number) => x !== 0)) : columns;
  const rows = ["t" + kept.map(([name]) => "," + name).join("")];
  for (let i = 0; i < times.length; i++) {
    let row = formatG(times[i]);
    for (const [, trace] of kept) row += "," + formatG(trace[i]);
    rows.push(row);
  }
  return rows.join("\n") + "\n";
}
