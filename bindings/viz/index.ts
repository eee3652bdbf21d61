/**
 * Figures of hnn-wasm (hnn-core's `viz` module in camelCase). Every function takes the model and
 * analysis objects (Network, Dipole, CellResponse) and returns a {@link Figure} (plain SVG); in a
 * browser use `figure.svg` / `figure.toSvg()`, in Node import bindings/viz/node.ts for a DOM and
 * `savePng` / `saveSvg`.
 */
export { Figure, stackFigures, type PngOptions, type StackOptions, type Block, type Cell as FigureCell } from "./figure.js";
export { resolveDocument, setDefaultDocument } from "./dom.js";
export { plotDipole, type PlotDipoleOptions } from "./dipole.js";
export { plotSpikesRaster, type PlotSpikesRasterOptions } from "./spikes.js";
export { plotSpikesHist, histogram, linspace, type PlotSpikesHistOptions } from "./spikesHist.js";
export {
  plotConnectivityMatrix, plotCellConnectivity, connectionWeight,
  type PlotConnectivityMatrixOptions, type PlotCellConnectivityOptions, type ColorbarOptions,
} from "./connectivity.js";
export { plotDriveStrength, driveStrengthMatrix, type PlotDriveStrengthOptions } from "./drives.js";
export { plotCells, type PlotCellsOptions } from "./cells.js";
export {
  plotPsd, plotTfrMorlet,
  type PlotPsdOptions, type PlotTfrMorletOptions, type Spectrum, type PsdFunction, type TfrFunction,
} from "./spectral.js";
export { plotCellMorphology } from "./morphology.js";
export { NetworkPlotter, type NetworkPlotterOptions, type ExportMovieOptions, type AnimateOptions, type NetworkAnimation } from "./networkPlotter.js";
export { COLORMAP_NAMES } from "./colormaps.js";
export type { MovieFileInfo } from "./movie.js";


export { plotLaminarLfp, plotLaminarCsd, type PlotLaminarLfpOptions, type PlotLaminarCsdOptions, type RgbColor } from "./laminar.js";
export { decimate, decimatePlotData, type DecimatedData } from "../analysis/decimate.js";
export { plotConvergence, type PlotConvergenceOptions } from "./convergence.js";

// The plotting methods of Dipole, CellResponse and Network (dipole.plot(), …) call these.
import { registerPlotRenderers } from "../util/plotRenderers.js";
import { plotDipole } from "./dipole.js";
import { plotPsd, plotTfrMorlet } from "./spectral.js";
import { plotSpikesRaster } from "./spikes.js";
import { plotSpikesHist } from "./spikesHist.js";
import { plotCells } from "./cells.js";
import { plotLaminarLfp, plotLaminarCsd } from "./laminar.js";
import { plotCellMorphology } from "./morphology.js";
import { plotConvergence } from "./convergence.js";
registerPlotRenderers({ plotDipole, plotPsd, plotTfrMorlet, plotSpikesRaster, plotSpikesHist, plotCells, plotLaminarLfp, plotLaminarCsd, plotCellMorphology, plotConvergence });
