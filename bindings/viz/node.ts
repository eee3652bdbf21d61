/**
 * Node side of the figures: importing this module registers a linkedom document (so figure functions
 * work without a browser) and the PNG/SVG writers behind `Figure.savePng` / `saveSvg` / `toPng`.
 * PNG rendering uses @resvg/resvg-js with the system fonts (DejaVu Sans on Debian); no font is embedded.
 */
import { writeFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { setDefaultDocument } from "./dom.js";
import { registerNodeBackend, type Figure, type PngOptions } from "./figure.js";
import { gifMovieBackend } from "./gifMovie.js";
import { registerMovieBackend } from "./movie.js";

export * from "./index.js";

/**
 * linkedom and @resvg/resvg-js (a native binary) are optional peer dependencies, so that browser
 * users of the package do not install them; Node users of `hnn-wasm/node` install both.
 */
async function peer<T>(name: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch {
    throw new Error(`hnn-wasm/node needs the package '${name}' for figures in Node: npm install linkedom @resvg/resvg-js`);
  }
}
const { parseHTML } = await peer<typeof import("linkedom")>("linkedom");
const { Resvg } = await peer<typeof import("@resvg/resvg-js")>("@resvg/resvg-js");

/** A fresh linkedom document. */
export function createDocument(): Document {
  return parseHTML("<!DOCTYPE html><html><head></head><body></body></html>").document as unknown as Document;
}

/** resvg font settings: system fonts (no embedded font), DejaVu Sans for generic and unknown families. */
export const RESVG_FONT_OPTIONS = {
  loadSystemFonts: true,
  defaultFontFamily: "DejaVu Sans",
  sansSerifFamily: "DejaVu Sans",
} as const;

/** Renders an SVG string to PNG bytes (default 2× the SVG's size). */
export function svgToPng(svg: string, options: PngOptions = {}): Uint8Array {
  const fitTo = options.width !== undefined
    ? { mode: "width" as const, value: Math.round(options.width) }
    : { mode: "zoom" as const, value: options.scale ?? 2 };
  const r = new Resvg(svg, {
    fitTo,
    background: "white",
    font: { ...RESVG_FONT_OPTIONS },
  });
  return r.render().asPng();
}

function writeFile(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

setDefaultDocument(createDocument());
registerNodeBackend({ toPng: svgToPng, writeFile });
// NetworkPlotter.exportMovie: resvg renders each SVG frame to RGBA, gifenc writes the GIF.
registerMovieBackend(
  gifMovieBackend((svg, scale) => {
    const img = new Resvg(svg, { fitTo: { mode: "zoom", value: scale }, background: "white", font: { ...RESVG_FONT_OPTIONS } }).render();
    return { width: img.width, height: img.height, pixels: img.pixels };
  }, writeFile),
);

/** Writes `figure` as PNG (same as `figure.savePng(path, options)`). */
export function savePng(figure: Figure, path: string, options: PngOptions = {}): void {
  figure.savePng(path, options);
}

/** Writes `figure` as SVG (same as `figure.saveSvg(path)`). */
export function saveSvg(figure: Figure, path: string): void {
  figure.saveSvg(path);
}
