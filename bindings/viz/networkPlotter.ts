/**
 * hnn-core's network animation (`hnn_core.viz.NetworkPlotter`): every cell of the network drawn in
 * 3-D at its position (./morphology.ts), each section coloured by its membrane potential at one
 * time step of a simulation run with `recordVsec: 'all'`. `fig` is the figure at `timeIdx`;
 * {@link NetworkPlotter.animate} plays it in a browser (SVG + requestAnimationFrame),
 * {@link NetworkPlotter.exportMovie} writes an animated GIF in Node.
 */
import type { Network } from "../model/network.js";
import { checkBool, typeError, ValueError } from "../util/validate.js";
import { colormapLut, lutColorbarCell, type Colormap } from "./colormaps.js";
import { cssColor } from "./common.js";
import { resolveDocument } from "./dom.js";
import { Figure, el, text } from "./figure.js";
import { movieBackend, type MovieFileInfo } from "./movie.js";
import { cellLines, checkView, drawLines, linewidthScale, type SectionLine } from "./morphology.js";
import { View3d } from "./view3d.js";

/** Options of {@link NetworkPlotter} (hnn-core's keyword arguments in camelCase, plus the figure size). */
export interface NetworkPlotterOptions {
  /** Voltage at the bottom of the colormap (mV). Default -100. */
  vmin?: number;
  /** Voltage at the top of the colormap (mV). Default 50. */
  vmax?: number;
  /** Background of the 3-D panel. Default 'black'. */
  bgColor?: string;
  /** Draw a colour bar. Default true. */
  colorbar?: boolean;
  /** matplotlib colormap name. Default 'viridis'. */
  voltageColormap?: string;
  /** View elevation (degrees). Default 10. */
  elev?: number;
  /** View azimuth (degrees). Default -500. */
  azim?: number;
  /** x limits (µm). Default [-200, 3100]. */
  xlim?: [number, number];
  /** y limits (µm). Default [-200, 3100]. */
  ylim?: [number, number];
  /** z limits (µm). Default [-300, 2200]. */
  zlim?: [number, number];
  /** Trial shown. Default 0. */
  trialIdx?: number;
  /** Time sample shown. Default 0. */
  timeIdx?: number;
  /** Size of the 3-D panel (px). Default 640 × 480 (matplotlib's figure at 100 dpi). */
  width?: number;
  height?: number;
  document?: Document;
}

/** Options of {@link NetworkPlotter.exportMovie} (hnn-core's `export_movie`). */
export interface ExportMovieOptions {
  /** Frames per second of the file. Default 30. */
  fps?: number;
  /** Resolution (matplotlib dots per inch; 100 gives the figure's own size). Default 300. */
  dpi?: number;
  /** Every `decim`-th time sample is a frame. Default 10. */
  decim?: number;
  /** Delay between frames of a live animation (ms); the file's frame time is 1000 / fps. Default 30. */
  interval?: number;
  /** First time sample. Default 0. */
  frameStart?: number;
  /** Time sample to stop before. Default the last sample. */
  frameStop?: number;
}

/** Options of {@link NetworkPlotter.animate}. */
export interface AnimateOptions {
  /** Every `decim`-th time sample is a frame. Default 10. */
  decim?: number;
  /** Time per frame (ms). Default 30 (hnn-core's `interval`). */
  interval?: number;
  /** Start again after the last frame. Default true. */
  loop?: boolean;
  /** Element to append the animation's `<svg>` to. */
  container?: Element;
}

/** A running browser animation. */
export interface NetworkAnimation {
  /** The animated figure. */
  svg: SVGSVGElement;
  play(): void;
  pause(): void;
  /** Shows time sample `timeIdx` (also while paused). */
  seek(timeIdx: number): void;
  readonly playing: boolean;
  readonly timeIdx: number;
}

const NOT_SIMULATED = "Network must be simulated with `simulateDipole(net, { recordVsec: 'all' })` before";

function checkInt(name: string, v: unknown, lo: number, hi: number): number {
  if (typeof v !== "number" || !Number.isInteger(v)) throw typeError(name, "int", v);
  if (v < lo || v > hi) throw new ValueError(`${name} must be in [${lo}, ${hi}], got ${v}`);
  return v;
}

function checkNumber(name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw typeError(name, "int or float", v);
  return v;
}

/** hnn-core `NetworkPlotter(net, ax=None, vmin=-100, vmax=50, bg_color='black', ...)`. */
export class NetworkPlotter {
  /** The network drawn. */
  readonly net: Network;
  /** Sample times (ms) of the voltages, or null before a simulation. */
  readonly times: Float64Array | null;
  #o: Required<Omit<NetworkPlotterOptions, "document">>;
  #doc: Document;
  #cmap: Colormap;
  #lines: SectionLine[] = [];
  /** Per line, its voltage trace of the current trial (empty without recordings). */
  #traces: Float64Array[] = [];
  #vsecRecorded: boolean;
  /** x limits at construction: they size the lines (hnn-core draws the cells once, then). */
  #linewidthXlim: [number, number];

  constructor(net: Network, options: NetworkPlotterOptions = {}) {
    if (typeof net !== "object" || net === null || typeof net.cellTypes !== "object") throw typeError("net", "Network", net);
    this.net = net;
    this.#doc = resolveDocument(options.document);
    const view = checkView(options, { xlim: [-200, 3100], ylim: [-200, 3100], zlim: [-300, 2200], elev: 10, azim: -500 });
    this.#o = {
      ...view,
      vmin: checkNumber("vmin", options.vmin ?? -100),
      vmax: checkNumber("vmax", options.vmax ?? 50),
      bgColor: options.bgColor ?? "black",
      colorbar: checkBool("colorbar", options.colorbar ?? true),
      voltageColormap: options.voltageColormap ?? "viridis",
      trialIdx: 0,
      timeIdx: 0,
      width: checkNumber("width", options.width ?? 640),
      height: checkNumber("height", options.height ?? 480),
    };
    if (typeof this.#o.bgColor !== "string") throw typeError("bgColor", "str", this.#o.bgColor);
    this.#cmap = colormapLut(this.#o.voltageColormap);
    this.#linewidthXlim = view.xlim;
    for (const [type, ct] of Object.entries(net.cellTypes)) {
      for (const pos of net.positions(type)) this.#lines.push(...cellLines(ct.cellObject, [pos[0], pos[1], pos[2]]));
    }
    const response = net.cellResponse;
    this.times = response && response.times.length > 0 ? response.times : null;
    this.#vsecRecorded = this.times !== null && response!.vsec.length > 0 && this.#gidSections().every(([gid, sec]) => response!.vsec[0]![gid]?.[sec] !== undefined);
    if (options.trialIdx !== undefined) this.trialIdx = options.trialIdx;
    else this.#loadTraces();
    if (options.timeIdx !== undefined) this.timeIdx = options.timeIdx;
  }

  /** [gid, section] of every line, in drawing order. */
  #gidSections(): [number, string][] {
    const out: [number, string][] = [];
    for (const [type, ct] of Object.entries(this.net.cellTypes)) {
      const range = this.net.gidRanges[type]!;
      for (let gid = range.start; gid < range.stop; gid++) for (const sec of Object.keys(ct.cellObject.sections)) out.push([gid, sec]);
    }
    return out;
  }

  #loadTraces(): void {
    const vsec = this.#vsecRecorded ? this.net.cellResponse!.vsec[this.#o.trialIdx]! : null;
    this.#traces = vsec === null ? [] : this.#gidSections().map(([gid, sec]) => vsec[gid]![sec]!);
  }

  #requireVsec(what: string): void {
    if (!this.#vsecRecorded) throw new Error(`${NOT_SIMULATED} ${what}.`);
  }

  /** Colour of every line at time sample `t` (blue without recordings, as hnn-core's first view). */
  colorsAt(t: number): string[] {
    if (!this.#vsecRecorded) return this.#lines.map(() => cssColor("b"));
    const { vmin, vmax } = this.#o;
    return this.#traces.map((trace) => this.#cmap.at((trace[t]! - vmin) / (vmax - vmin)));
  }

  /** The figure at the current `timeIdx`. */
  get fig(): Figure {
    return this.#figure(this.colorsAt(this.#o.timeIdx), this.#timeLabel(this.#o.timeIdx));
  }

  #timeLabel(t: number): string {
    return this.times === null ? "" : `t = ${this.times[t]!.toFixed(1)} ms`;
  }

  #figure(colors: readonly string[], timeLabel: string): Figure {
    const doc = this.#doc;
    const { width, height, xlim, ylim, zlim, elev, azim, bgColor } = this.#o;
    const view = new View3d({ xlim, ylim, zlim, elev, azim }, width, height);
    const svg = el(doc, "svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "hnn-network-plot" });
    svg.appendChild(el(doc, "rect", { x: 0, y: 0, width, height, fill: cssColor(bgColor) }));
    const box = el(doc, "g", { class: "hnn-box", stroke: "#808080", "stroke-width": 0.6, opacity: 0.6 });
    for (const [p, q] of view.boxEdges()) box.appendChild(el(doc, "line", { x1: p.x, y1: p.y, x2: q.x, y2: q.y }));
    svg.appendChild(box);
    const pxPerUm = linewidthScale(width, this.#linewidthXlim);
    const lines = this.#lines;
    svg.appendChild(drawLines(doc, lines, view, (i) => colors[i]!, (i) => Math.max(0.5, lines[i]!.diam * pxPerUm)));
    const dark = cssColor(bgColor) === "black" || cssColor(bgColor) === "#000000";
    svg.appendChild(text(doc, timeLabel, 10, 20, { fill: dark ? "white" : "black", cls: "hnn-time" }));
    const cells = [{ node: svg, width, height }];
    if (this.#o.colorbar) cells.push(lutColorbarCell(doc, this.#cmap, this.#o.vmin, this.#o.vmax, "Voltage (mV)", height, { top: 40, bottom: 40 }));
    return new Figure(doc, [{ cells }]);
  }

  /** Time samples of the frames: `frameStart, frameStart + decim, …` before `frameStop`. */
  #frames(decim: number, frameStart: number, frameStop: number | undefined): number[] {
    const n = this.times!.length;
    checkInt("decim", decim, 1, Number.MAX_SAFE_INTEGER);
    checkInt("frameStart", frameStart, 0, n - 1);
    const stop = frameStop === undefined ? n - 1 : checkInt("frameStop", frameStop, frameStart + 1, n);
    const out: number[] = [];
    for (let t = frameStart; t < stop; t += decim) out.push(t);
    return out;
  }

  /**
   * hnn-core `export_movie(fname, fps=30, dpi=300, decim=10, interval=30, frame_start=0,
   * frame_stop=None)` as an animated GIF (Node: needs `hnn-wasm/node`).
   * @returns the number of frames, the size (px) and the file size (bytes).
   * @throws Error without `recordVsec: 'all'`; ValueError for a file name not ending in .gif.
   */
  exportMovie(fname: string, options: ExportMovieOptions = {}): MovieFileInfo {
    this.#requireVsec("plotting voltages");
    if (typeof fname !== "string" || !fname.toLowerCase().endsWith(".gif")) throw new ValueError(`fname must be a file name ending in .gif (hnn-wasm writes animated GIFs), got ${JSON.stringify(fname)}`);
    const fps = checkNumber("fps", options.fps ?? 30);
    const dpi = checkNumber("dpi", options.dpi ?? 300);
    if (!(fps > 0) || !(dpi > 0)) throw new ValueError(`fps and dpi must be positive, got fps=${fps}, dpi=${dpi}`);
    checkNumber("interval", options.interval ?? 30);
    const frames = this.#frames(options.decim ?? 10, options.frameStart ?? 0, options.frameStop);
    // One SVG with a placeholder per colour and for the time label; each frame fills them in.
    const parts = this.#figure(this.#lines.map((_, i) => `@@${i}@@`), "@@t@@").toSvg().split(/@@(\d+|t)@@/);
    const svgs = function* (self: NetworkPlotter) {
      for (const t of frames) {
        const colors = self.colorsAt(t);
        const label = self.#timeLabel(t);
        yield parts.map((p, k) => (k % 2 === 0 ? p : p === "t" ? label : colors[Number(p)])).join("");
      }
    };
    return movieBackend().writeGif(fname, svgs(this), { scale: dpi / 100, delayMs: 1000 / fps });
  }

  /**
   * Plays the animation in a browser: the figure's sections change colour every `interval` ms
   * (requestAnimationFrame, frames chosen by the clock so a slow page skips frames instead of
   * slowing down).
   * @throws Error without `recordVsec: 'all'` or without `requestAnimationFrame`.
   */
  animate(options: AnimateOptions = {}): NetworkAnimation {
    this.#requireVsec("animating voltages");
    const raf = (globalThis as { requestAnimationFrame?: (cb: (tMs: number) => void) => number }).requestAnimationFrame;
    if (typeof raf !== "function") throw new Error("animate() needs a browser (requestAnimationFrame); in Node use exportMovie()");
    const interval = checkNumber("interval", options.interval ?? 30);
    const frames = this.#frames(options.decim ?? 10, 0, undefined);
    const loop = checkBool("loop", options.loop ?? true);
    const svg = this.fig.svg;
    const lineEls: Element[] = [];
    for (const node of Array.from(svg.querySelectorAll("line.hnn-section"))) lineEls[Number(node.getAttribute("data-i"))] = node;
    const label = svg.querySelector("text.hnn-time");
    let frame = 0;
    let playing = false;
    let startMs: number | null = null;
    const show = (t: number) => {
      const colors = this.colorsAt(t);
      lineEls.forEach((node, i) => node.setAttribute("stroke", colors[i]!));
      if (label) label.textContent = this.#timeLabel(t);
      this.#o.timeIdx = t;
    };
    const tick = (nowMs: number) => {
      if (!playing) return;
      startMs ??= nowMs - frame * interval;
      let next = Math.floor((nowMs - startMs) / interval);
      if (next >= frames.length) {
        if (!loop) {
          playing = false;
          return;
        }
        startMs = nowMs;
        next = 0;
      }
      if (next !== frame) show(frames[(frame = next)]!);
      raf(tick);
    };
    options.container?.appendChild(svg);
    show(frames[0]!);
    const current = () => this.#o.timeIdx;
    const handle: NetworkAnimation = {
      svg,
      play: () => {
        if (playing) return;
        playing = true;
        startMs = null;
        raf(tick);
      },
      pause: () => {
        playing = false;
      },
      seek: (timeIdx: number) => {
        show(checkInt("timeIdx", timeIdx, 0, this.times!.length - 1));
        frame = Math.max(0, frames.findIndex((t) => t >= timeIdx));
        startMs = null;
      },
      get playing() {
        return playing;
      },
      get timeIdx() {
        return current();
      },
    };
    handle.play();
    return handle;
  }

  /** Time sample shown (hnn-core `time_idx`). @throws Error without `recordVsec: 'all'`. */
  get timeIdx(): number {
    return this.#o.timeIdx;
  }
  set timeIdx(t: number) {
    this.#requireVsec("setting `timeIdx`");
    this.#o.timeIdx = checkInt("timeIdx", t, 0, this.times!.length - 1);
  }

  /** Trial shown (hnn-core `trial_idx`). @throws Error without `recordVsec: 'all'`. */
  get trialIdx(): number {
    return this.#o.trialIdx;
  }
  set trialIdx(t: number) {
    this.#requireVsec("setting `trialIdx`");
    this.#o.trialIdx = checkInt("trialIdx", t, 0, this.net.cellResponse!.vsec.length - 1);
    this.#loadTraces();
  }

  /** View and colour settings (hnn-core's properties). */
  get vmin(): number {
    return this.#o.vmin;
  }
  set vmin(v: number) {
    this.#o.vmin = checkNumber("vmin", v);
  }
  get vmax(): number {
    return this.#o.vmax;
  }
  set vmax(v: number) {
    this.#o.vmax = checkNumber("vmax", v);
  }
  get elev(): number {
    return this.#o.elev;
  }
  set elev(v: number) {
    this.#o.elev = checkNumber("elev", v);
  }
  get azim(): number {
    return this.#o.azim;
  }
  set azim(v: number) {
    this.#o.azim = checkNumber("azim", v);
  }
  get xlim(): [number, number] {
    return this.#o.xlim;
  }
  set xlim(v: [number, number]) {
    this.#o.xlim = checkView({ xlim: v }, this.#o).xlim;
  }
  get ylim(): [number, number] {
    return this.#o.ylim;
  }
  set ylim(v: [number, number]) {
    this.#o.ylim = checkView({ ylim: v }, this.#o).ylim;
  }
  get zlim(): [number, number] {
    return this.#o.zlim;
  }
  set zlim(v: [number, number]) {
    this.#o.zlim = checkView({ zlim: v }, this.#o).zlim;
  }
  get bgColor(): string {
    return this.#o.bgColor;
  }
  set bgColor(v: string) {
    if (typeof v !== "string") throw typeError("bgColor", "str", v);
    this.#o.bgColor = v;
  }
  get voltageColormap(): string {
    return this.#o.voltageColormap;
  }
  set voltageColormap(v: string) {
    this.#cmap = colormapLut(v);
    this.#o.voltageColormap = v;
  }
  get colorbar(): boolean {
    return this.#o.colorbar;
  }
  set colorbar(v: boolean) {
    this.#o.colorbar = checkBool("colorbar", v);
  }
}
