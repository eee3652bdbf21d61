/**
 * The figure functions behind the plotting methods of Dipole, CellResponse, Network, Cell,
 * ExtracellularArray and Optimizer (`dipole.plot()`, `cellResponse.plotSpikesRaster()`, `net.plotCells()`,
 * `cell.plotMorphology()`, `array.plotLfp()`, …). The core entry
 * (`hnn-wasm`) runs in workers and must not load the figures (a DOM, @observablehq/plot), so it
 * only holds this registry: importing `hnn-wasm/viz` (or `hnn-wasm/node`) fills it, and without that
 * the methods throw an Error saying so. Only types are imported from the figure modules.
 */
import type { plotDipole } from "../viz/dipole";
import type { plotPsd, plotTfrMorlet } from "../viz/spectral";
import type { plotSpikesRaster } from "../viz/spikes";
import type { plotSpikesHist } from "../viz/spikesHist";
import type { plotCells } from "../viz/cells";
import type { plotLaminarLfp, plotLaminarCsd } from "../viz/laminar";
import type { plotCellMorphology } from "../viz/morphology";
import type { plotConvergence } from "../viz/convergence";

/** The figure functions the methods call. */
export interface PlotRenderers {
  plotDipole: typeof plotDipole;
  plotPsd: typeof plotPsd;
  plotTfrMorlet: typeof plotTfrMorlet;
  plotSpikesRaster: typeof plotSpikesRaster;
  plotSpikesHist: typeof plotSpikesHist;
  plotCells: typeof plotCells;
  plotLaminarLfp: typeof plotLaminarLfp;
  plotLaminarCsd: typeof plotLaminarCsd;
  plotCellMorphology: typeof plotCellMorphology;
  plotConvergence: typeof plotConvergence;
}

/** One registry per JavaScript realm, even when two copies of this module are loaded (sources and dist/). */
const KEY = Symbol.for("hnn-wasm.plotRenderers");
const realm = globalThis as { [KEY]?: Partial<PlotRenderers> };
const renderers: Partial<PlotRenderers> = (realm[KEY] ??= {});

/** Registers the figure functions (called by bindings/viz/index.ts when it is imported). */
export function registerPlotRenderers(functions: PlotRenderers): void {
  Object.assign(renderers, functions);
}

/**
 * The registered figure function `name`, for the method `method`.
 * @throws Error when `hnn-wasm/viz` has not been imported
 */
export function plotRenderer<K extends keyof PlotRenderers>(name: K, method: string): PlotRenderers[K] {
  const f = renderers[name];
  if (!f) {
    throw new Error(`${method}() needs hnn-wasm's figures, which are not loaded: import 'hnn-wasm/viz' (in Node, 'hnn-wasm/node') once before calling it.`);
  }
  return f as PlotRenderers[K];
}
