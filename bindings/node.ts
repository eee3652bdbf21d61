/**
 * Node-only additions to the public API (`hnn-wasm/node`): a headless DOM and PNG/SVG files for
 * figures, and reading files; with the core (`hnn-wasm`) and the figures (`hnn-wasm/viz`). Import this
 * instead of the other entries in Node scripts.
 */
import { registerQueueBackend } from "./batch/jobBackend";

export * from "./index";
export * from "./viz/index";
export { savePng, saveSvg, svgToPng, createDocument } from "./viz/node";
export { readDipole } from "./analysis/dipole";
export { readSpikes } from "./analysis/cellResponse";
export { readNetworkFile } from "./io/networkFile";
export { readParams, convertToJson, type ConvertToJsonOptions } from "./io/paramsFile";
export { readDipoleHdf5, writeDipoleHdf5, type WriteDipoleHdf5Options } from "./io/dipoleHdf5";
export { nodeWorkerFactory } from "./simulate/platformWorkers";
// `BatchSimulate.run(grid, { backend: { queue: "redis://..." } })`: the Redis queue (hnn-wasm/queue), loaded when first used.
registerQueueBackend(async (spec) => (await import("./queue/redisBackend")).redisBackend(spec));
