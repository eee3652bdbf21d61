/**
 * One trial of a reference network scenario (test/fixtures/scenarios) against ours: cell spikes and
 * drive spikes compared separately, element for element in the reference's order, and the agg, L2
 * and L5 dipoles sample by sample.
 *
 * Tolerances, from what the reference files can resolve:
 * - Spike times are written with full double precision, so they must be the same doubles (===).
 *   Drive events generated from the seeds are the exception: V8's Math.log differs from glibc's by
 *   an ulp on some arguments (RNG.md §3.5), so a few event times differ from numpy's in the last
 *   bits (at most 5.7e-14 ms in the reference scenarios, test/api/drives.events.test.ts).
 * - Dipoles have 10 significant digits (`%.10g`): each printed value is within half a unit of its
 *   10th digit, i.e. within 5e-10 relative, of NEURON's double. So NRMSE ≤ {@link NRMSE_BOUND} is the
 *   tightest bound the files allow, and sample by sample ours must round to the printed digits
 *   within {@link DIPOLE_SLACK_REL} of the layer's largest |value|: our last-bit differences from
 *   NEURON, measured beyond the print rounding, are ≤ 6.1e-13 of it in these networks and ≤ 7.1e-13
 *   in the single-cell cases.
 */
import { expect } from "vitest";
import { fixtureText, maxAbs, nrmse, parseCsv, printedAgreement } from "./fixtures";

const NRMSE_BOUND = 5e-10;
export const DIPOLE_SLACK_REL = 1e-11;
export const LAYERS = ["agg", "L2", "L5"] as const;

/** One trial's spikes as parallel arrays (ours, or the reference's). */
export interface SpikeTrain {
  times: ArrayLike<number>;
  gids: ArrayLike<number>;
  types: readonly string[];
}

/** The layers of a dipole (nAm), as `Dipole.data` holds them. */
export interface DipoleLayers {
  data: Partial<Record<(typeof LAYERS)[number], ArrayLike<number>>>;
}

interface ScenarioMeta {
  n_cells: Record<string, number>;
  gid_ranges: Record<string, [number, number]>;
}

/** The spikes of `train` whose gid passes `keep`, in their order. */
function select(train: SpikeTrain, keep: (gid: number) => boolean): { times: number[]; gids: number[]; types: string[] } {
  const out = { times: [] as number[], gids: [] as number[], types: [] as string[] };
  for (let i = 0; i < train.gids.length; i++) {
    if (!keep(train.gids[i])) continue;
    out.times.push(train.times[i]);
    out.gids.push(train.gids[i]);
    out.types.push(train.types[i]);
  }
  return out;
}

/**
 * Positions where gid and type agree and the times differ by at most `tolMs` (0: the same double);
 * how many of those are the same double; the largest |Δt| among them; the first position that differs.
 */
function compareSpikes(ours: SpikeTrain, ref: SpikeTrain, tolMs: number): { same: number; exact: number; maxDtMs: number; firstDifference: string } {
  let same = 0;
  let exact = 0;
  let maxDtMs = 0;
  let firstDifference = "";
  const show = (s: SpikeTrain, i: number) => (i < s.gids.length ? `t ${s.times[i]} gid ${s.gids[i]} ${s.types[i]}` : "none");
  for (let i = 0; i < Math.max(ours.gids.length, ref.gids.length); i++) {
    const dt = i < ours.gids.length && i < ref.gids.length ? Math.abs(ours.times[i] - ref.times[i]) : Infinity;
    if (dt <= tolMs && ours.gids[i] === ref.gids[i] && ours.types[i] === ref.types[i]) {
      same++;
      if (dt === 0) exact++;
      maxDtMs = Math.max(maxDtMs, dt);
    } else if (firstDifference === "") firstDifference = `spike #${i}: ours ${show(ours, i)}, reference ${show(ref, i)}`;
  }
  return { same, exact, maxDtMs, firstDifference };
}

/**
 * Checks the spikes of one trial of scenario `dir` (a fixture folder): cell spikes and drive spikes
 * (by the reference's gid ranges), each element for element. Cell spike times must be the same
 * doubles; drive spike times may differ by `driveTolMs` (0 when the stored events are replayed).
 * Returns "cell spikes n/N identical, drive spikes n/N identical …".
 */
export function expectSpikeParity(dir: string, trial: number, ours: SpikeTrain, driveTolMs = 0): string {
  const meta = JSON.parse(fixtureText(`${dir}/meta.json`)) as ScenarioMeta;
  const cellRanges = Object.keys(meta.n_cells).map((type) => meta.gid_ranges[type]);
  const isCell = (gid: number) => cellRanges.some(([start, stop]) => gid >= start && gid < stop);
  const table = parseCsv(fixtureText(`${dir}/spikes_trial${trial}.csv`));
  const ref: SpikeTrain = { times: table.columns.get("t")!, gids: table.columns.get("gid")!, types: table.text.get("type")! };
  const parts: string[] = [];
  for (const [kind, keep, tolMs] of [["cell", isCell, 0], ["drive", (g: number) => !isCell(g), driveTolMs]] as const) {
    const o = select(ours, keep);
    const r = select(ref, keep);
    const { same, exact, maxDtMs, firstDifference } = compareSpikes(o, r, tolMs);
    const counts = o.gids.length === r.gids.length ? "" : `, ${o.gids.length} ours`;
    const none = r.gids.length === 0 ? " (the reference has none)" : "";
    const inexact = exact === same ? "" : ` (${exact} the same double, max |Δt| ${maxDtMs.toExponential(1)} ms)`;
    parts.push(`${kind} spikes ${same}/${r.gids.length} identical${counts}${none}${inexact}`);
    expect(firstDifference, `trial ${trial}: ${kind} spikes (${same}/${r.gids.length} identical)`).toBe("");
  }
  return parts.join(", ");
}

/**
 * Checks the agg, L2 and L5 dipoles of one trial against `dipole_trial<k>.csv` of folder `dir`:
 * NRMSE ≤ {@link NRMSE_BOUND} and every sample within its allowance. Returns "dipole NRMSE agg …, L2 …, L5 …; worst sample … of its allowance".
 */
function expectDipoleParity(dir: string, trial: number, dipole: DipoleLayers): string {
  const dpl = parseCsv(fixtureText(`${dir}/dipole_trial${trial}.csv`));
  const errors: string[] = [];
  let worstSample = 0;
  for (const layer of LAYERS) {
    const r = dpl.columns.get(layer)!;
    const o = dipole.data[layer];
    expect(o, `trial ${trial}: ${layer} dipole`).toBeDefined();
    expect(o!.length, `trial ${trial}: ${layer} samples`).toBe(dpl.nRows);
    const err = nrmse(o!, r);
    const sample = printedAgreement(o!, r, DIPOLE_SLACK_REL * maxAbs(r));
    errors.push(`${layer} ${err.toExponential(2)}`);
    worstSample = Math.max(worstSample, sample.worst);
    expect(err, `trial ${trial}: ${layer} dipole NRMSE`).toBeLessThanOrEqual(NRMSE_BOUND);
    expect(sample.worst, `trial ${trial}: ${layer} dipole at sample ${sample.index}: ours ${o![sample.index]}, reference ${r[sample.index]}`).toBeLessThanOrEqual(1);
  }
  return `dipole NRMSE ${errors.join(", ")}; worst sample ${worstSample.toFixed(3)} of its allowance`;
}

/** Spikes and dipoles of one trial of scenario `dir`; returns the line printed for the record. */
export function expectTrialParity(dir: string, trial: number, ours: SpikeTrain, dipole: DipoleLayers, driveTolMs = 0): string {
  return `${expectSpikeParity(dir, trial, ours, driveTolMs)}; ${expectDipoleParity(dir, trial, dipole)}`;
}
