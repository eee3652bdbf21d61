/**
 * Figures of hnn-wasm (hnn-core's `viz` module in camelCase). Every function takes the model and
 * analysis objects (Network, Dipole, CellResponse) and returns a {@link Figure} (plain SVG); in a
 * browser use `figure.svg` / `figure.toSvg()`, in Node import bindings/viz/node.ts for a DOM and
 * `savePng` / `saveSvg`.
 */
export { Figure, stackFigures, type PngOptions, type StackOptions, type Block, type Cell as FigureCell } from "./figure.js";
export { resolveDocument, setDefaultDocument } from "./dom.js";
export { plotDipole, type PlotDipoleOptions } from "./dipole.js";
export { plotSpikesRaster, plotSpikesHist, histogram, linspace, type PlotSpikesRasterOptions, type PlotSpikesHistOptions } from "./spikes.js";
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

// Core objects' plot methods (cell.plotMorphology(), …) draw with these (bindings/util/renderers.ts).
import { registerRenderer } from "../util/renderers.js";
import { plotCellMorphology as cellMorphologyRenderer } from "./morphology.js";
registerRenderer("plotCellMorphology", cellMorphologyRenderer);
