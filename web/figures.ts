/**
 * The workbench's figures, made with bindings/viz from the runs kept side by side: the dipole of
 * every run (trial average, smoothed and scaled as set) with the experimental data over it, and the
 * latest run's spikes and spectra.
 */
import { averageDipoles, type CellResponse, type Dipole, type Network } from "../bindings/index";
import {
  plotCells, plotConnectivityMatrix, plotDipole, plotPsd, plotSpikesHist, plotSpikesRaster, plotTfrMorlet, type Figure,
} from "../bindings/viz/index";
import type { FigureKind, Settings } from "./state";

/** One run kept for comparison. */
export interface Run {
  label: string;
  /** Raw dipoles, one per trial (nAm). */
  dipoles: Dipole[];
  response: CellResponse;
  wallMs: number;
}

/** Experimental dipole loaded from a file. */
export interface DataFile {
  name: string;
  dipole: Dipole;
}

/** The trials of a run smoothed and scaled as in hnn-core (smooth, then scale). */
function processed(run: Run, s: Settings): Dipole[] {
  return run.dipoles.map((d) => {
    const c = d.copy();
    if (s.smoothWinMs > 0) c.smooth(s.smoothWinMs);
    if (s.scaleFactor !== 1) c.scale(s.scaleFactor);
    return c;
  });
}

/** The processed trial average of a run (what is compared with data). */
export function runAverage(run: Run, s: Settings): Dipole {
  const trials = processed(run, s);
  return trials.length === 1 ? trials[0]! : averageDipoles(trials);
}

/** Every run's average (and the data) on one figure. */
function dipoleOverlay(runs: Run[], data: DataFile | null, s: Settings): Figure {
  const dpls = runs.map((r) => runAverage(r, s));
  const labels = runs.map((r) => r.label);
  if (data) {
    const d = data.dipole.copy();
    // Data files hold the dipole in the units the simulation is shown in (hnn-core overlays them as they are).
    d.scaleApplied = dpls[0]?.scaleApplied ?? 1;
    dpls.push(d);
    labels.push(`data: ${data.name}`);
  }
  return plotDipole(dpls, { labels: dpls.length > 1 ? labels : undefined, title: "Current dipole (aggregate)" });
}

/**
 * A figure of `kind`, or a sentence saying why there is none yet.
 * @throws the viz functions' ValueError for settings they reject (shown by the caller)
 */
function makeFigure(kind: FigureKind, net: Network, runs: Run[], data: DataFile | null, s: Settings): Figure | string {
  if (kind === "cells") return plotCells(net);
  if (kind === "connectivity") return net.connectivity.length > 0 ? plotConnectivityMatrix(net, 0) : "the network has no connections";
  const last = runs[runs.length - 1];
  if (kind === "dipole") return runs.length > 0 || data ? dipoleOverlay(runs, data, s) : "run a simulation to see the dipole";
  if (!last) return "run a simulation to see this figure";
  const trials = processed(last, s);
  switch (kind) {
    case "dipoleLayers":
      return plotDipole(trials, { layer: ["L2", "L5"], average: trials.length > 1 });
    case "raster":
      return plotSpikesRaster(last.response);
    case "hist":
      return plotSpikesHist(last.response);
    case "psd":
      return plotPsd(trials, { fmin: s.fminHz, fmax: s.fmaxHz });
    case "spectrogram": {
      const n = 40;
      const freqs = Array.from({ length: n }, (_, i) => s.fminHz + ((s.fmaxHz - s.fminHz) * i) / (n - 1));
      return plotTfrMorlet(trials, freqs);
    }
  }
}

/** What a figure is drawn from; it is redrawn only when one of these changes (compared with ===). */
export interface FigureInputs {
  net: Network;
  /** The network as saved: changes on every edit, also of `net` in place. */
  networkJson: string;
  runs: Run[];
  data: DataFile | null;
  settings: Settings;
}

const INPUT_KEYS = ["net", "networkJson", "runs", "data", "settings"] as const;

/**
 * Figures drawn per slot (a place on a tab), kept while their kind and inputs stay the same: the
 * page re-renders on every progress message of a run, and redrawing every figure each time held the
 * main thread for over a second per run, delaying the workers' messages.
 */
export class FigureCache {
  private readonly slots = new Map<string, { kind: FigureKind; inputs: FigureInputs; fig: Figure | string }>();

  /**
   * The figure of `kind` for `slot`, or a sentence saying why there is none yet.
   * @throws the viz functions' ValueError for settings they reject (not kept: tried again next time)
   */
  get(slot: string, kind: FigureKind, inputs: FigureInputs): Figure | string {
    const kept = this.slots.get(slot);
    if (kept && kept.kind === kind && INPUT_KEYS.every((k) => kept.inputs[k] === inputs[k])) return kept.fig;
    const fig = makeFigure(kind, inputs.net, inputs.runs, inputs.data, inputs.settings);
    this.slots.set(slot, { kind, inputs, fig });
    return fig;
  }
}
