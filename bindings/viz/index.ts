/**
 * Figures of hnn-wasm (hnn-core's `viz` module in camelCase). Every function takes data and returns
 * a {@link Figure} (plain SVG); in a browser use `figure.svg` / `figure.toSvg()`, in Node import
 * bindings/viz/node.ts for a DOM and `savePng` / `saveSvg`.
 */
export { Figure, stackFigures, type PngOptions, type StackOptions, type Block, type Cell } from "./figure.js";
export { resolveDocument, setDefaultDocument } from "./dom.js";
export { plotDipole, layerTitle, dipoleYLabel, type PlotDipoleOptions, type DipoleLayer } from "./dipole.js";
export { plotSpikesRaster, plotSpikesHist, histogram, linspace, DEFAULT_CELL_TYPES, type PlotSpikesRasterOptions, type PlotSpikesHistOptions } from "./spikes.js";
export {
  plotConnectivityMatrix, plotCellConnectivity, plotDriveStrength, driveStrengthMatrix, plotCells, connectionWeight,
  type PlotConnectivityMatrixOptions, type PlotCellConnectivityOptions, type PlotDriveStrengthOptions, type PlotCellsOptions,
} from "./network.js";
export {
  plotPsd, plotTfrMorlet,
  type PlotPsdOptions, type PlotTfrMorletOptions, type Spectrum, type PsdFunction, type TfrFunction,
} from "./spectral.js";
export type { DipoleLike, CellResponseLike, NetworkLike, ConnectionLike, NcDictLike, GidRangeLike } from "./types.js";
