/**
 * hnn-core's `CellResponse` (cell_response.py of v0.6.1): spike times, gids and types per trial,
 * optional section voltages / synaptic currents per trial, mean firing rates, and hnn-core's spike
 * text files (`spk_<trial>.txt`: one spike per line, `time(%.3f)\tgid\ttype`).
 */

import { nodeFs, nodePath } from "../util/nodeFs";
import { formatFixed } from "../util/pyformat";
import { describe, ValueError } from "../util/validate";
import { gidsOf, isGidRange, type GidSet } from "../model/populations";
import { plotRenderer } from "../util/plotRenderers";
import type { Figure } from "../viz/figure";
import type { PlotSpikesRasterOptions } from "../viz/spikes";
import type { PlotSpikesHistOptions } from "../viz/spikesHist";

/** `net.gid_ranges` as hnn-core's functions take it: population (cell type or drive) name -> its gids (a range or a list). */
export type GidRanges = Readonly<Record<string, GidSet>>;

/** Per-trial recording of one quantity: gid -> section (or `section_receptor`) name -> trace. */
export type SectionTraces = Record<number, Record<string, Float64Array>>;

/** Per-trial synaptic currents: gid -> section -> receptor key -> trace (nA). */
export type SynapseTraces = Record<number, Record<string, Record<string, Float64Array>>>;

/** How {@link CellResponse.meanRates} averages. */
export type MeanType = "all" | "trial" | "cell";

/** Options of the {@link CellResponse} constructor (hnn-core's keyword arguments). */
export interface CellResponseInit {
  /** Per trial, spike times (ms). */
  spikeTimes?: number[][];
  /** Per trial, the gid of each spike. */
  spikeGids?: number[][];
  /** Per trial, the type (cell type or drive name) of each spike. */
  spikeTypes?: string[][];
  /** Sample times (ms) of the continuous recordings (vsec, isec, ca). */
  times?: ArrayLike<number>;
}

/** The network's cell types, in hnn-core's order (read_spikes' `network_cell_names`). */
const NETWORK_CELL_NAMES = ["L2_basket", "L2_pyramidal", "L5_basket", "L5_pyramidal"];

/**
 * The CellResponse class (hnn-core `CellResponse(cell_type_names, spike_times=None,
 * spike_gids=None, spike_types=None, times=None)`).
 */
export class CellResponse {
  /** Per trial, spike times (ms). */
  spikeTimes: number[][];
  /** Per trial, the gid of each spike. */
  spikeGids: number[][];
  /** Per trial, the type (cell type or drive name) of each spike. */
  spikeTypes: string[][];
  /** Sample times (ms) of vsec / isec / ca. */
  times: Float64Array;
  /** Per trial, section voltages (mV): gid -> section -> trace. */
  vsec: SectionTraces[] = [];
  /** Per trial, synaptic currents (nA): gid -> section -> receptor key -> trace. */
  isec: SynapseTraces[] = [];
  /** Per trial, calcium concentration (mM): gid -> section -> trace. */
  ca: SectionTraces[] = [];
  /** The cell types explicitly modelled in the network (used by {@link meanRates}). */
  cellTypeNames: string[];

  /**
   * @param cellTypeNames unique names of the cell types modelled in the network.
   * @param init spike lists per trial (equal numbers of trials) and the recording times.
   */
  constructor(cellTypeNames: string[], init: CellResponseInit = {}) {
    const spikeTimes = init.spikeTimes ?? [];
    const spikeGids = init.spikeGids ?? [];
    const spikeTypes = init.spikeTypes ?? [];
    const named: [string, unknown[]][] = [
      ["spikeTimes", spikeTimes],
      ["spikeGids", spikeGids],
      ["spikeTypes", spikeTypes],
    ];
    for (const [name, arg] of named) {
      if (!Array.isArray(arg) || !arg.every((t) => Array.isArray(t))) {
        throw new TypeError(`${name} should be a list of lists (one list per trial)`);
      }
      if (arg.length !== spikeTimes.length) {
        throw new ValueError(
          `spike times, gids, and types should be lists of the same length ` +
            `(spikeTimes has ${spikeTimes.length} trials, ${name} has ${arg.length})`,
        );
      }
    }
    spikeTimes.forEach((t, k) => {
      if (spikeGids[k].length !== t.length || spikeTypes[k].length !== t.length) {
        throw new ValueError(
          `trial ${k}: spikeTimes, spikeGids and spikeTypes must have equal lengths ` +
            `(${t.length}, ${spikeGids[k].length}, ${spikeTypes[k].length})`,
        );
      }
    });
    this.spikeTimes = spikeTimes;
    this.spikeGids = spikeGids;
    this.spikeTypes = spikeTypes;
    this.times = Float64Array.from(init.times ?? []);
    this.cellTypeNames = cellTypeNames;
  }

  /** hnn-core's repr: `<CellResponse | N simulation trials>`. */
  toString(): string {
    return `<CellResponse | ${this.spikeTimes.length} simulation trials>`;
  }

  /** Spike raster (hnn-core `CellResponse.plot_spikes_raster`; {@link plotSpikesRaster}). Needs `hnn-wasm/viz` imported. */
  plotSpikesRaster(options: PlotSpikesRasterOptions = {}): Figure {
    return plotRenderer("plotSpikesRaster", "CellResponse.plotSpikesRaster")(this, options);
  }

  /** Spike-time histogram (hnn-core `CellResponse.plot_spikes_hist`; {@link plotSpikesHist}). Needs `hnn-wasm/viz` imported. */
  plotSpikesHist(options: PlotSpikesHistOptions = {}): Figure {
    return plotRenderer("plotSpikesHist", "CellResponse.plotSpikesHist")(this, options);
  }

  /** Number of trials. */
  get nTrials(): number {
    return this.spikeTimes.length;
  }

  /** Unique spike types over all trials, sorted (hnn-core `cell_types`). */
  get cellTypes(): string[] {
    const set = new Set<string>();
    for (const trial of this.spikeTypes) for (const t of trial) set.add(t);
    return [...set].sort();
  }

  /** Spike type -> per trial, the spike times of that type (hnn-core `spike_times_by_type`). */
  get spikeTimesByType(): Record<string, number[][]> {
    const out: Record<string, number[][]> = {};
    for (const type of this.cellTypes) {
      out[type] = this.spikeTimes.map((times, k) =>
        times.filter((_, i) => this.spikeTypes[k][i] === type),
      );
    }
    return out;
  }

  /** Spike type -> number of spikes in each trial. */
  spikeCountsByType(): Record<string, number[]> {
    const out: Record<string, number[]> = {};
    for (const type of this.cellTypes) out[type] = new Array<number>(this.nTrials).fill(0);
    this.spikeTypes.forEach((types, k) => {
      for (const t of types) out[t][k]++;
    });
    return out;
  }

  /**
   * Re-derive every spike's type from its gid (hnn-core `update_types`); gids in no range get "".
   * @param gidRanges population name -> gids; the ranges must be disjoint.
   */
  updateTypes(gidRanges: GidRanges): void {
    // Ranges are compared by their ends, never listed: a range of 1e9 gids costs nothing.
    const sets = checkedGidSets(gidRanges);
    const has = (s: CheckedGidSet, g: number): boolean => (Array.isArray(s) ? s.includes(g) : g >= s.start && g < s.stop);
    sets.forEach(([name, s], j) => {
      for (const [other, o] of sets.slice(0, j)) {
        const both = Array.isArray(s) ? s.find((g) => has(o, g)) : Array.isArray(o) ? o.find((g) => has(s, g)) : Math.max(s.start, o.start) < Math.min(s.stop, o.stop) ? Math.max(s.start, o.start) : undefined;
        if (both !== undefined) {
          throw new ValueError(`gid_ranges should contain only disjoint sets of gid values (gid ${both} is in both '${other}' and '${name}')`);
        }
      }
    });
    const owner = new Map<number, string>();
    for (const g of new Set(this.spikeGids.flat())) {
      const found = sets.find(([, s]) => has(s, g));
      if (found !== undefined) owner.set(g, found[0]);
    }
    this.spikeTypes = this.spikeGids.map((gids) => gids.map((g) => owner.get(g) ?? ""));
  }

  /**
   * Mean spike rates (Hz) by cell type (hnn-core `mean_rates`). As in hnn-core, every spike of
   * the trial counts (tstart/tstop only set the duration): a cell's rate is
   * count / (tstop − tstart) · 1000, and cells that did not fire count as 0 Hz.
   * @param tstart start time of all trials (ms).
   * @param tstop stop time of all trials (ms), > tstart.
   * @param gidRanges population name -> gids; must name every type of `cellTypeNames`.
   * @param meanType 'all': one number per type, mean over cells then trials; 'trial': per
   *   trial, mean over cells; 'cell': per trial, per cell (in gid-range order).
   */
  meanRates(tstart: number, tstop: number, gidRanges: GidRanges, meanType?: "all"): Record<string, number>;
  meanRates(tstart: number, tstop: number, gidRanges: GidRanges, meanType: "trial"): Record<string, number[]>;
  meanRates(tstart: number, tstop: number, gidRanges: GidRanges, meanType: "cell"): Record<string, number[][]>;
  meanRates(
    tstart: number,
    tstop: number,
    gidRanges: GidRanges,
    meanType: MeanType = "all",
  ): Record<string, number | number[] | number[][]> {
    if (!["all", "trial", "cell"].includes(meanType)) {
      throw new ValueError(
        `Invalid mean_type. Valid arguments include 'all', 'trial', or 'cell'. Got ${describe(meanType)}`,
      );
    }
    if (
      typeof tstart !== "number" || typeof tstop !== "number" ||
      !Number.isFinite(tstart) || !Number.isFinite(tstop)
    ) {
      throw new ValueError(
        `tstart and tstop must be of type int or float (finite numbers), got tstart=${describe(tstart)}, tstop=${describe(tstop)}`,
      );
    } else if (tstop <= tstart) {
      throw new ValueError(`tstop must be greater than tstart (tstart=${tstart}, tstop=${tstop})`);
    }
    const out: Record<string, number | number[] | number[][]> = {};
    for (const cellType of this.cellTypeNames) {
      const range = gidRanges[cellType];
      if (range === undefined) {
        throw new ValueError(
          `gidRanges has no entry for cell type '${cellType}' (it has: ${Object.keys(gidRanges).join(", ")})`,
        );
      }
      const gids = gidsOf(range);
      const rates = this.spikeTimes.map((_, k) => {
        const counts = new Map<number, number>();
        const types = this.spikeTypes[k];
        this.spikeGids[k].forEach((g, i) => {
          if (types[i] === cellType) counts.set(g, (counts.get(g) ?? 0) + 1);
        });
        return gids.map((g) => ((counts.get(g) ?? 0) / (tstop - tstart)) * 1000);
      });
      const meanOf = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
      if (meanType === "all") out[cellType] = meanOf(rates.map(meanOf));
      else if (meanType === "trial") out[cellType] = rates.map(meanOf);
      else out[cellType] = rates;
    }
    return out;
  }

  /**
   * Structural equality as hnn-core's `__eq__`: spike times compared after rounding to 3
   * decimals, gids and types exactly, and the recorded traces element by element.
   */
  equals(other: CellResponse): boolean {
    const r3 = (tt: number[][]): string => JSON.stringify(tt.map((t) => t.map((x) => formatFixed(x, 3))));
    const traces = (x: unknown): string =>
      JSON.stringify(x, (_k, v: unknown) => (v instanceof Float64Array ? Array.from(v) : v));
    return (
      r3(this.spikeTimes) === r3(other.spikeTimes) &&
      JSON.stringify(this.spikeGids) === JSON.stringify(other.spikeGids) &&
      JSON.stringify(this.spikeTypes) === JSON.stringify(other.spikeTypes) &&
      traces([this.vsec, this.isec, this.ca]) === traces([other.vsec, other.isec, other.ca])
    );
  }

  /**
   * Plain-object form with hnn-core's `to_dict` keys (spike_times, spike_gids, spike_types, vsec,
   * isec, ca, times), traces as number arrays, gid keys as strings: ready for JSON.
   */
  toDict(): Record<string, unknown> {
    const plain = (x: unknown): unknown =>
      JSON.parse(JSON.stringify(x, (_k, v: unknown) => (v instanceof Float64Array ? Array.from(v) : v)));
    return {
      spike_times: this.spikeTimes,
      spike_gids: this.spikeGids,
      spike_types: this.spikeTypes,
      vsec: plain(this.vsec),
      isec: plain(this.isec),
      ca: plain(this.ca),
      times: Array.from(this.times),
    };
  }

  /**
   * One trial's spikes in hnn-core's spike file format: a line `"{t:.3f}\t{gid}\t{type}\n"` per
   * spike, in stored order.
   */
  toText(trialIdx: number): string {
    if (!Number.isInteger(trialIdx) || trialIdx < 0 || trialIdx >= this.nTrials) {
      throw new ValueError(`trialIdx must be an integer in [0, ${this.nTrials}), got ${describe(trialIdx)}`);
    }
    const times = this.spikeTimes[trialIdx];
    const gids = this.spikeGids[trialIdx];
    const types = this.spikeTypes[trialIdx];
    let s = "";
    for (let i = 0; i < times.length; i++) {
      s += `${formatFixed(times[i], 3)}\t${Math.trunc(gids[i])}\t${types[i]}\n`;
    }
    return s;
  }

  /**
   * Write one spike file per trial (hnn-core `write`; Node only).
   * @param fname a template with the trial index as `%d` (e.g. `spk_%d.txt`) or `{0}` / `{}`
   *   (e.g. `spk_{0}.txt`); or an existing directory (files `spk_<k>.txt` in it); or a plain file
   *   name, to which `_<k>` is added before `.txt` (what hnn-core's docstring promises).
   * @returns the paths written, in trial order.
   */
  write(fname: string): string[] {
    const fs = nodeFs();
    const path = nodePath();
    let nameOf: (k: number) => string;
    if (/%d/.test(fname)) nameOf = (k) => fname.replace(/%d/g, String(k));
    else if (/\{0?\}/.test(fname)) nameOf = (k) => fname.replace(/\{0?\}/g, String(k));
    else if (fs.existsSync(fname) && fs.statSync(fname).isDirectory()) {
      nameOf = (k) => path.join(fname, `spk_${k}.txt`);
    } else {
      nameOf = (k) => (fname.endsWith(".txt") ? `${fname.slice(0, -4)}_${k}.txt` : `${fname}_${k}.txt`);
    }
    const written: string[] = [];
    for (let k = 0; k < this.nTrials; k++) {
      const f = nameOf(k);
      fs.writeFileSync(f, this.toText(k));
      written.push(f);
    }
    return written;
  }
}

/** A gid set of {@link CellResponse.updateTypes}, checked: a range of integers or a list of integer gids. */
type CheckedGidSet = { start: number; stop: number } | number[];

/**
 * The entries of a `gid_ranges` argument, checked.
 * @throws TypeError for a non-object, or an entry that is neither `{start, stop}` nor a list;
 *   ValueError for an entry whose ends or gids are not integers.
 */
function checkedGidSets(gidRanges: unknown): [string, CheckedGidSet][] {
  if (typeof gidRanges !== "object" || gidRanges === null || Array.isArray(gidRanges)) {
    throw new TypeError(`gid_ranges must be an object of population name -> gids, got ${describe(gidRanges)}`);
  }
  return Object.entries(gidRanges).map(([name, r]): [string, CheckedGidSet] => {
    if (Array.isArray(r)) {
      if (!r.every((g) => Number.isSafeInteger(g))) throw new ValueError(`gid_ranges['${name}'] must hold integer gids`);
      return [name, r];
    }
    if (!isGidRange(r)) throw new TypeError(`gid_ranges['${name}'] must be a range {start, stop} or a list of gids, got ${describe(r)}`);
    if (!Number.isSafeInteger(r.start) || !Number.isSafeInteger(r.stop)) {
      throw new ValueError(`gid_ranges['${name}'] must have integer start and stop, got ${r.start} and ${r.stop}`);
    }
    return [name, { start: r.start, stop: r.stop }];
  });
}

/**
 * Build a CellResponse from spike file texts (one per trial, in order), as hnn-core's
 * `read_spikes` does with files: columns time, gid and (optionally, legacy HNN files lack it) type.
 * @param gidRanges when given, spike types are re-derived from the gids; required when a file
 *   has no type column.
 */
export function readSpikesText(texts: readonly string[], gidRanges?: GidRanges, names?: readonly string[]): CellResponse {
  const spikeTimes: number[][] = [];
  const spikeGids: number[][] = [];
  const spikeTypes: string[][] = [];
  texts.forEach((text, k) => {
    const name = names?.[k] ?? `text ${k}`;
    const times: number[] = [];
    const gids: number[] = [];
    const types: string[] = [];
    let ncols = -1;
    text.split(/\r?\n/).forEach((raw, lineIdx) => {
      const line = raw.replace(/#.*$/, "").trim();
      if (line === "") return;
      const f = line.split(/\s+/);
      if (ncols === -1) ncols = f.length;
      if (f.length !== ncols || (ncols !== 2 && ncols !== 3)) {
        throw new ValueError(`${name}, line ${lineIdx + 1}: expected 2 or 3 columns (time gid [type]), got '${raw}'`);
      }
      const t = Number(f[0]);
      const g = Number(f[1]);
      if (Number.isNaN(t) || !Number.isInteger(g)) {
        throw new ValueError(`${name}, line ${lineIdx + 1}: could not read a spike time and an integer gid in '${raw}'`);
      }
      times.push(t);
      gids.push(g);
      if (ncols === 3) types.push(f[2]);
    });
    if (ncols === 2 && gidRanges === undefined) {
      throw new ValueError(`gid_ranges must be provided if spike types are unspecified in the file ${name}`);
    }
    spikeTimes.push(times);
    spikeGids.push(gids);
    spikeTypes.push(ncols === 2 ? gids.map(() => "") : types);
  });
  // hnn-core intends the modelled cell types present among the spikes (its own test of
  // membership looks in the per-trial lists and so always finds none); we do what it intends.
  const present = new Set(spikeTypes.flat());
  const cellTypeNames = NETWORK_CELL_NAMES.filter((n) => present.has(n));
  const cr = new CellResponse(cellTypeNames, { spikeTimes, spikeGids, spikeTypes });
  if (gidRanges !== undefined) cr.updateTypes(gidRanges);
  return cr;
}

/**
 * hnn-core `read_spikes(fname, gid_ranges=None)` (Node only): read spike files into a
 * CellResponse, one trial per file.
 * @param fname a wildcard pattern in the file name part (e.g. `out/spk_*.txt`; files taken in
 *   sorted order, as hnn-core's `sorted(glob(...))`), or an explicit list of paths (taken in the
 *   given order).
 */
export function readSpikes(fname: string | readonly string[], gidRanges?: GidRanges): CellResponse {
  const fs = nodeFs();
  const path = nodePath();
  let files: string[];
  if (typeof fname === "string") {
    const dir = path.dirname(fname);
    const base = path.basename(fname);
    if (/[*?[]/.test(base)) {
      const re = new RegExp(
        "^" +
          base
            .replace(/[.+^${}()|\\]/g, "\\$&")
            .replace(/\*/g, ".*")
            .replace(/\?/g, ".") +
          "$",
      );
      files = fs.existsSync(dir)
        ? fs.readdirSync(dir).filter((f) => re.test(f)).map((f) => path.join(dir, f)).sort()
        : [];
    } else files = [fname];
  } else files = [...fname];
  for (const f of files) {
    if (!fs.existsSync(f)) throw new Error(`File not found at path ${f}.`);
  }
  return readSpikesText(
    files.map((f) => fs.readFileSync(f, "utf8")),
    gidRanges,
    files,
  );
}
