/** The convergence plot of a fit (hnn-core `Optimizer.plot_convergence`). */
import * as Plot from "@observablehq/plot";
import { resolveDocument } from "./dom.js";
import { Figure } from "./figure.js";
import { axis, yaxis, baseOptions, plotCell } from "./common.js";
import { ValueError } from "../util/validate.js";

/** Options of {@link plotConvergence}. */
export interface PlotConvergenceOptions {
  /** Line colour (default black, as hnn-core). */
  color?: string;
  width?: number;
  height?: number;
  document?: Document;
}

/**
 * The lowest objective after each call against the number of calls, 1 … n (hnn-core
 * `plot_convergence`: a black line, y from min − 0.01 to max + 0.01, grid, title "Convergence").
 * The line is `path.hnn-convergence-line`.
 * @param objValues `Optimizer.obj_`.
 */
export function plotConvergence(objValues: readonly number[], options: PlotConvergenceOptions = {}): Figure {
  if (!Array.isArray(objValues) || objValues.length === 0 || !objValues.every((v) => typeof v === "number" && Number.isFinite(v))) {
    throw new ValueError("objValues must be a non-empty array of finite numbers (Optimizer.obj_)");
  }
  const doc = resolveDocument(options.document);
  const calls = objValues.map((_, i) => i + 1);
  const lo = Math.min(...objValues) - 0.01;
  const hi = Math.max(...objValues) + 0.01;
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const node = Plot.plot({
    ...baseOptions(doc, { width, height }),
    x: axis("Number of calls", { grid: true }),
    y: yaxis("Objective value", { domain: [lo, hi], grid: true }),
    marks: [Plot.frame(), Plot.line(calls, { x: calls, y: objValues, stroke: options.color ?? "black", strokeWidth: 1.5, className: "hnn-convergence-line" })],
  });
  return new Figure(doc, [{ cells: [plotCell(node, width, height)] }], "Convergence");
}
