/**
 * The matplotlib calls of hnn-core's examples that are not hnn-core functions (`plt.plot` of a
 * voltage or of a data trace).
 */
import * as Plot from "@observablehq/plot";
import { Figure, resolveDocument } from "../../bindings/node";
import { axis, baseOptions, cssColor, legendCell, plotCell, yaxis, PANEL } from "../../bindings/viz/common";

/** One curve of {@link linePlot}. */
export interface Line {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** matplotlib colour ('r', 'g', '#1f77b4', …); default black. */
  color?: string;
  /** matplotlib style: '-' (default), '--', ':' or 'o--' (dashed with circles). */
  style?: "-" | "--" | ":" | "o--";
  /** Legend label (a legend is drawn when any line has one). */
  label?: string;
}

/** Options of {@link linePlot}: axis labels and limits, title, a dotted zero line (`axhline(0, ls=':')`). */
export interface LinePlotOptions {
  xlabel?: string;
  ylabel?: string;
  xlim?: [number, number];
  title?: string;
  zeroLine?: boolean;
  /** A logarithmic x axis (`plt.xscale('log')`). */
  logX?: boolean;
  /** Room (px) left of the y axis for long tick labels (default the panel's). */
  marginLeft?: number;
  width?: number;
  height?: number;
}

/** matplotlib's log-axis tick label: 10⁻⁴ at powers of ten, none between. */
function powerOfTen(x: number): string {
  const k = Math.log10(x);
  const sup = (n: number): string => String(n).replace(/./g, (c) => "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"["-0123456789".indexOf(c)]);
  return Math.abs(k - Math.round(k)) < 1e-9 ? `10${sup(Math.round(k))}` : "";
}

/** matplotlib's `plt.plot(x, y, fmt)` for one or more lines on one axes. */
export function linePlot(lines: Line[], options: LinePlotOptions = {}): Figure {
  const doc = resolveDocument();
  const width = options.width ?? PANEL.width;
  const height = options.height ?? PANEL.height;
  const marks: Plot.Markish[] = [Plot.frame()];
  if (options.zeroLine) marks.push(Plot.ruleY([0], { stroke: "black", strokeDasharray: "1,3" }));
  for (const line of lines) {
    const xs = Array.from(line.x, Number);
    const ys = Array.from(line.y, Number);
    const stroke = cssColor(line.color ?? "k");
    const dash = line.style === "--" || line.style === "o--" ? "6,4" : line.style === ":" ? "1,3" : undefined;
    marks.push(Plot.line(xs, { x: xs, y: ys, stroke, strokeWidth: 1.3, strokeDasharray: dash }));
    if (line.style === "o--") marks.push(Plot.dot(xs, { x: xs, y: ys, stroke, r: 2.5 }));
  }
  const node = Plot.plot({
    ...baseOptions(doc, { width, height, marginLeft: options.marginLeft }),
    x: axis(options.xlabel ?? "", { ...(options.xlim ? { domain: options.xlim } : {}), ...(options.logX ? { type: "log", tickFormat: powerOfTen } : {}) }),
    y: yaxis(options.ylabel ?? "", { nice: true, ...(options.marginLeft === undefined ? {} : { labelOffset: options.marginLeft - 8 }) }),
    marks,
  });
  const cells = [plotCell(node, width, height)];
  const labelled = lines.filter((l) => l.label !== undefined);
  if (labelled.length > 0) cells.push(legendCell(doc, labelled.map((l) => ({ label: l.label!, color: cssColor(l.color ?? "k") }))));
  return new Figure(doc, [{ cells }], options.title);
}
