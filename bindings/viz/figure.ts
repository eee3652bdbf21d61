/**
 * The figure object every plot function returns, and the small layout engine behind it.
 *
 * A figure is a title over a column of blocks; a block is an optional title over a row of cells
 * (a plot panel made by @observablehq/plot, a legend, a colour bar). Everything is plain SVG (no
 * HTML wrappers, no external fonts), so the same string renders in a browser, in an `<img>`, and
 * through resvg in Node.
 */
import { SVG_NS } from "./dom.js";
import { ValueError } from "../util/validate.js";

/** Font stack used by every text element (DejaVu Sans is what resvg finds on Linux). */
export const FONT_FAMILY = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";
/** Tick-label and legend font size (px). */
export const FONT_SIZE = 12;
/** Figure title font size (px). */
const TITLE_SIZE = 16;
/** Block (panel) title font size (px). */
const SUBTITLE_SIZE = 14;

/** One placed element of a block: an `<svg>` or `<g>` with its size in px. */
export interface Cell {
  node: SVGElement;
  width: number;
  height: number;
  /** Vertical offset inside the block row (px). */
  dy?: number;
}

/** One row of cells with an optional title centred above it. */
export interface Block {
  title?: string;
  cells: Cell[];
}

/** Options of {@link Figure.toPng} / {@link Figure.savePng}. */
export interface PngOptions {
  /** Output width in pixels (height follows the aspect ratio). Wins over `scale`. */
  width?: number;
  /** Zoom factor over the SVG's own size (default 2: sharp on high-density screens and in print). */
  scale?: number;
}

/** What bindings/viz/node.ts registers so that figures can write files in Node. */
export interface NodeBackend {
  toPng(svg: string, options: PngOptions): Uint8Array;
  writeFile(path: string, data: string | Uint8Array): void;
}

let nodeBackend: NodeBackend | null = null;

/** Registers the Node file/PNG backend (called by bindings/viz/node.ts). */
export function registerNodeBackend(backend: NodeBackend | null): void {
  nodeBackend = backend;
}

const PAD = 10;
const TITLE_H = 30;
const SUBTITLE_H = 22;
const BLOCK_GAP = 6;

/** An SVG figure: build once, serialise with {@link Figure.toSvg}, save in Node with `savePng`/`saveSvg`. */
export class Figure {
  /** Document the figure's elements belong to. */
  readonly document: Document;
  /** Figure title (drawn on top), if any. */
  readonly title: string | undefined;
  /** Rows of panels, top to bottom. */
  readonly blocks: readonly Block[];
  private cached: SVGSVGElement | null = null;

  constructor(document: Document, blocks: Block[], title?: string) {
    this.document = document;
    this.blocks = blocks;
    this.title = title;
  }

  /** Width of the figure (px). */
  get width(): number {
    let w = 0;
    for (const b of this.blocks) w = Math.max(w, b.cells.reduce((s, c) => s + c.width, 0));
    if (this.title) w = Math.max(w, textWidth(this.title, TITLE_SIZE) + 20);
    return Math.ceil(w + 2 * PAD);
  }

  /** Height of the figure (px). */
  get height(): number {
    let h = PAD + (this.title ? TITLE_H : 0);
    for (const b of this.blocks) {
      h += (b.title ? SUBTITLE_H : 0) + blockHeight(b) + BLOCK_GAP;
    }
    return Math.ceil(h + PAD - BLOCK_GAP);
  }

  /** The figure as an `<svg>` element (built on first access, then reused). */
  get svg(): SVGSVGElement {
    if (!this.cached) this.cached = this.render();
    return this.cached;
  }

  /** The figure as a standalone SVG document string. */
  toSvg(): string {
    let s = this.svg.outerHTML;
    if (!s.includes("xmlns=")) s = s.replace("<svg", `<svg xmlns="${SVG_NS}"`);
    return s;
  }

  /** PNG bytes (Node only: needs bindings/viz/node.ts). */
  toPng(options: PngOptions = {}): Uint8Array {
    return backend("toPng").toPng(this.toSvg(), options);
  }

  /** Writes the figure as PNG (Node only: needs bindings/viz/node.ts). */
  savePng(path: string, options: PngOptions = {}): void {
    const b = backend("savePng");
    b.writeFile(path, b.toPng(this.toSvg(), options));
  }

  /** Writes the figure as SVG (Node only: needs bindings/viz/node.ts). */
  saveSvg(path: string): void {
    backend("saveSvg").writeFile(path, `<?xml version="1.0" encoding="UTF-8"?>\n${this.toSvg()}\n`);
  }

  private render(): SVGSVGElement {
    const doc = this.document;
    const W = this.width;
    const H = this.height;
    const root = el(doc, "svg", {
      xmlns: SVG_NS,
      width: W,
      height: H,
      viewBox: `0 0 ${W} ${H}`,
      "font-family": FONT_FAMILY,
      "font-size": FONT_SIZE,
    }) as SVGSVGElement;
    root.appendChild(el(doc, "rect", { x: 0, y: 0, width: W, height: H, fill: "white" }));
    let y = PAD;
    if (this.title) {
      root.appendChild(text(doc, this.title, W / 2, y + TITLE_SIZE + 4, { size: TITLE_SIZE, anchor: "middle", cls: "hnn-title" }));
      y += TITLE_H;
    }
    for (const b of this.blocks) {
      const bw = b.cells.reduce((s, c) => s + c.width, 0);
      if (b.title) {
        // Centre the block title over the first cell (the main panel), like matplotlib's ax.set_title.
        const first = b.cells[0];
        const cx = PAD + (first ? first.width / 2 : bw / 2);
        root.appendChild(text(doc, b.title, cx, y + SUBTITLE_SIZE + 2, { size: SUBTITLE_SIZE, anchor: "middle", cls: "hnn-subtitle" }));
        y += SUBTITLE_H;
      }
      let x = PAD;
      for (const c of b.cells) {
        const node = c.node.cloneNode(true) as SVGElement;
        const cy = y + (c.dy ?? 0);
        if (node.tagName.toLowerCase() === "svg") {
          node.setAttribute("x", String(x));
          node.setAttribute("y", String(cy));
          root.appendChild(node);
        } else {
          const g = el(doc, "g", { transform: `translate(${x},${cy})` });
          g.appendChild(node);
          root.appendChild(g);
        }
        x += c.width;
      }
      y += blockHeight(b) + BLOCK_GAP;
    }
    return root;
  }
}

function blockHeight(b: Block): number {
  let h = 0;
  for (const c of b.cells) h = Math.max(h, c.height + (c.dy ?? 0));
  return h;
}

function backend(what: string): NodeBackend {
  if (!nodeBackend) {
    throw new Error(`Figure.${what} needs Node: import bindings/viz/node.ts (in a browser use figure.toSvg() or figure.svg).`);
  }
  return nodeBackend;
}

/** Options of {@link stackFigures}. */
export interface StackOptions {
  /** Title over the whole stack. */
  title?: string;
}

/**
 * Stacks figures vertically into one (like matplotlib subplots with one column), e.g. dipoles on top
 * and a spike histogram below. Each figure's title becomes the title of its panel row. Panels made
 * with the default margins line up on the x axis.
 */
export function stackFigures(figures: Figure[], options: StackOptions = {}): Figure {
  if (!Array.isArray(figures) || figures.length === 0) {
    throw new ValueError("figures must be a non-empty array of Figure");
  }
  const blocks: Block[] = [];
  for (const f of figures) {
    if (!(f instanceof Figure)) throw new TypeError("figures must contain only Figure objects");
    const [first, ...rest] = f.blocks;
    if (f.title && first && !first.title) blocks.push({ ...first, title: f.title }, ...rest);
    else {
      if (f.title) blocks.push({ title: f.title, cells: [] });
      blocks.push(...f.blocks);
    }
  }
  return new Figure(figures[0]!.document, blocks, options.title);
}

// ---------------------------------------------------------------------------------------------
// Small SVG helpers shared by the plot modules.

/** Creates an SVG element with attributes. */
export function el(doc: Document, tag: string, attrs: Record<string, string | number> = {}): SVGElement {
  const e = doc.createElementNS(SVG_NS, tag) as SVGElement;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** Creates a `<text>` element. */
export function text(
  doc: Document,
  content: string,
  x: number,
  y: number,
  o: { size?: number; anchor?: "start" | "middle" | "end"; weight?: string; fill?: string; rotate?: number; cls?: string } = {},
): SVGElement {
  const attrs: Record<string, string | number> = {
    x,
    y,
    "font-size": o.size ?? FONT_SIZE,
    "text-anchor": o.anchor ?? "start",
    fill: o.fill ?? "black",
  };
  if (o.weight) attrs["font-weight"] = o.weight;
  if (o.rotate) attrs.transform = `rotate(${o.rotate},${x},${y})`;
  if (o.cls) attrs.class = o.cls;
  const t = el(doc, "text", attrs);
  t.textContent = content;
  return t;
}

/** Approximate rendered width of `s` in DejaVu Sans at `size` px (no canvas in Node to measure). */
export function textWidth(s: string, size: number): number {
  return s.length * size * 0.62;
}
