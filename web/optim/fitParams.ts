/**
 * The Optimization tab's model of what is fitted: the drive parameters a fit may vary (as parameter
 * paths, bindings/batch/paramPaths.ts), the range chosen for each as percentages of its current
 * value (hnn-core 0.6.1 GUI: a checkbox per drive variable and Min/Max constraints in % that default
 * to 100 ± 50 %), and the Optimizer's constraints and `setParams` built from those choices.
 */
import type { Constraints, Network } from "../../bindings/index";

/** One drive parameter a fit may vary. */
export interface FitParam {
  /** Parameter path, e.g. `drives.evprox1.mu`, `drives.evdist1.weightsAmpa.L2_pyramidal`. */
  path: string;
  /** The drive it belongs to. */
  drive: string;
  /** Its name within the drive, e.g. `mu`, `AMPA L2_pyramidal`. */
  label: string;
  /** Unit shown next to it. */
  unit: string;
  /** Its value in the network now. */
  value: number;
}

/** Whether a parameter is fitted and its range, in % of its current value. */
export interface RangeChoice {
  fit: boolean;
  minPct: number;
  maxPct: number;
}

/** hnn-core GUI's default range: 100 − 50 % to 100 + 50 % of the current value, not fitted. */
export const DEFAULT_RANGE: RangeChoice = { fit: false, minPct: 50, maxPct: 150 };

/** The dynamics a fit may vary, by drive type (hnn-core GUI's fitted variables, numspikes left out: it is an integer). */
const DYNAMICS: Record<string, [key: string, unit: string][]> = {
  evoked: [["mu", "ms"], ["sigma", "ms"]],
  gaussian: [["mu", "ms"], ["sigma", "ms"]],
  poisson: [["tstart", "ms"], ["tstop", "ms"], ["rateConstant", "Hz"]],
  bursty: [["tstart", "ms"], ["tstartStd", "ms"], ["tstop", "ms"], ["burstRate", "Hz"], ["burstStd", "ms"]],
};

/**
 * The parameters of `net`'s drives a fit may vary: the timing dynamics of each drive (those set to
 * a number; a per-cell-type Poisson rate gives one entry per cell type) and every AMPA and NMDA
 * weight the drive connects with.
 */
export function fittableParams(net: Network): FitParam[] {
  const out: FitParam[] = [];
  for (const d of Object.values(net.externalDrives)) {
    const dyn = d.dynamics as unknown as Record<string, unknown>;
    for (const [key, unit] of DYNAMICS[d.type] ?? []) {
      const v = dyn[key];
      if (typeof v === "number") out.push({ path: `drives.${d.name}.${key}`, drive: d.name, label: key, unit, value: v });
      else if (typeof v === "object" && v !== null) {
        for (const [t, r] of Object.entries(v as Record<string, number>)) out.push({ path: `drives.${d.name}.${key}.${t}`, drive: d.name, label: `${key} ${t}`, unit, value: r });
      }
    }
    for (const [field, receptor] of [["weightsAmpa", "ampa"], ["weightsNmda", "nmda"]] as const) {
      for (const [t, w] of Object.entries(d[field] ?? {})) {
        if (!net.connectivity.some((c) => c.srcType === d.name && c.targetType === t && c.receptor === receptor)) continue;
        out.push({ path: `drives.${d.name}.${field}.${t}`, drive: d.name, label: `${receptor.toUpperCase()} ${t}`, unit: "µS", value: w });
      }
    }
  }
  return out;
}

/** The range a choice gives a parameter: [lower, upper], or null when it is empty (a value of 0). */
export function rangeOf(p: FitParam, c: RangeChoice): [number, number] | null {
  const a = (p.value * c.minPct) / 100;
  const b = (p.value * c.maxPct) / 100;
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  return lo < hi ? [lo, hi] : null;
}

/** What the Optimizer gets from the tab's choices. */
export interface FitSetup {
  constraints: Constraints;
  /** The current values (the fit starts from the network as it is). */
  initialParams: Record<string, number>;
  /** Checked parameters left out because their range is empty (hnn-core's GUI skips them too). */
  skipped: string[];
}

/**
 * The constraints and starting values of the checked parameters.
 * @throws RangeError when no parameter with a non-empty range is checked, or a choice's Min % is
 *   above its Max % or either is not a finite number ≥ 0.
 */
export function fitSetup(params: readonly FitParam[], choices: Readonly<Record<string, RangeChoice>>): FitSetup {
  const constraints: Record<string, [number, number]> = {};
  const initialParams: Record<string, number> = {};
  const skipped: string[] = [];
  for (const p of params) {
    const c = choices[p.path] ?? DEFAULT_RANGE;
    if (!c.fit) continue;
    if (!(Number.isFinite(c.minPct) && Number.isFinite(c.maxPct) && c.minPct >= 0 && c.minPct <= c.maxPct)) {
      throw new RangeError(`${p.path}: Min % and Max % must be numbers with 0 ≤ Min ≤ Max, got ${c.minPct} and ${c.maxPct}`);
    }
    const range = rangeOf(p, c);
    if (range === null) {
      skipped.push(p.path);
      continue;
    }
    constraints[p.path] = range;
    initialParams[p.path] = Math.min(Math.max(p.value, range[0]), range[1]);
  }
  if (Object.keys(constraints).length === 0) {
    throw new RangeError("choose at least one parameter to fit (a checked parameter whose value is 0 has an empty range)");
  }
  return { constraints, initialParams, skipped };
}

