/**
 * The workbench's figures, made with bindings/viz from the runs kept side by side: the dipole of
 * every run (trial average, smoothed and scaled as set) with the experimental data over it, and the
 * latest run's spikes and spectra; the network's cells, connections and drives.
 */
import { averageDipoles, type CellResponse, type Dipole, type Network } from "../bindings/index";
import {
  plotCellConnectivity, plotCells, plotConnectivityMatrix, plotDipole, plotDriveStrength, plotPsd, plotSpikesHist, plotSpikesRaster, plotTfrMorlet, stackFigures, type Figure,
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

/** The connection and source cell of the cell-connectivity figure (null: the first source). */
export interface CellPick {
  connIdx: number;
  srcGid: number | null;
}

/** The connections the cell-connectivity figure can show: those from cells (index → title). */
export function cellConnections(net: Network): Record<string, string> {
  const out: Record<string, string> = {};
  net.connectivity.forEach((c, i) => {
    if (c.srcType in net.cellTypes) out[String(i)] = `${i}: ${c.srcType} → ${c.targetType} (${c.loc}, ${c.receptor})`;
  });
  return out;
}

/** Source gids of connection `connIdx` that connect, in the order plotCellConnectivity draws them (`g.hnn-source` dots). */
export function connectedSources(net: Network, connIdx: number): number[] {
  const conn = net.connectivity[connIdx];
  return conn ? net.populations.gids(conn.srcType).filter((g) => conn.gidPairs.has(g)) : [];
}

/** The connection the cell-connectivity figure shows: the picked one, else the first from cells; null when none is. */
export function pickedConnection(net: Network, pick: CellPick): number | null {
  const ids = Object.keys(cellConnections(net));
  return ids.includes(String(pick.connIdx)) ? pick.connIdx : ids.length > 0 ? Number(ids[0]) : null;
}

function cellConnectivity(net: Network, pick: CellPick): Figure | string {
  const connIdx = pickedConnection(net, pick);
  if (connIdx === null) return "the network has no connections from cells";
  const srcGid = pick.srcGid !== null && connectedSources(net, connIdx).includes(pick.srcGid) ? pick.srcGid : undefined;
  return plotCellConnectivity(net, connIdx, { srcGid });
}

/**
 * A figure of `kind`, or a sentence saying why there is none yet.
 * @throws the viz functions' ValueError for settings they reject (shown by the caller)
 */
function makeFigure(kind: FigureKind, { net, runs, data, settings: s, pick }: FigureInputs): Figure | string {
  if (kind === "cells") return plotCells(net);
  if (kind === "connectivity") return net.connectivity.length > 0 ? plotConnectivityMatrix(net, 0) : "the network has no connections";
  if (kind === "cellConnectivity") return cellConnectivity(net, pick);
  if (kind === "driveStrength") return Object.keys(net.externalDrives).length > 0 ? plotDriveStrength(net) : "the network has no drives";
  const last = runs[runs.length - 1];
  if (kind === "dipole") return runs.length > 0 || data ? dipoleOverlay(runs, data, s) : "run a simulation to see the dipole";
  if (!last) return "run a simulation to see this figure";
  const trials = processed(last, s);
  const average = trials.length > 1;
  switch (kind) {
    case "dipoleLayers":
      return plotDipole(trials, { layer: ["L2", "L5"], average });
    case "raster":
      return plotSpikesRaster(last.response);
    case "rasterDipole":
      return stackFigures([plotDipole(trials, { layer: "agg", average }), plotSpikesRaster(last.response)]);
    case "hist":
      return plotSpikesHist(last.response);
    case "psd":
      return plotPsd(trials, { fmin: s.fminHz, fmax: s.fmaxHz });
    case "psdLayers":
      return stackFigures((["L2", "L5"] as const).map((layer) => plotPsd(trials, { layer, fmin: s.fminHz, fmax: s.fmaxHz })), { title: "PSD per layer (L2/3 above, L5 below)" });
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
  pick: CellPick;
}

const INPUT_KEYS = ["net", "networkJson", "runs", "data", "settings", "pick"] as const;

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
    const fig = makeFigure(kind, inputs);
    this.slots.set(slot, { kind, inputs, fig });
    return fig;
  }
}
