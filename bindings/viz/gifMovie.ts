/// <reference path="../types/gifenc.d.ts" />
/**
 * Node side of `NetworkPlotter.exportMovie`: SVG frames -> RGBA (a renderer passed in: resvg) ->
 * an animated GIF with gifenc (per-frame 256-colour palette, looping forever like matplotlib's
 * pillow writer).
 */
import * as gifencModule from "gifenc";
import type { MovieBackend, MovieFileOptions } from "./movie.js";

/** RGBA pixels of one rendered frame. */
export interface RgbaImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

// Node's ESM loader gives gifenc's CommonJS build as the default export only; bundlers give its ESM
// build, whose named exports are what we use (and whose default is the GIFEncoder function).
const gifenc: typeof gifencModule = typeof gifencModule.GIFEncoder === "function" ? gifencModule : (gifencModule as unknown as { default: typeof gifencModule }).default;

/** A {@link MovieBackend} rendering frames with `render` and writing with `writeFile`. */
export function gifMovieBackend(render: (svg: string, scale: number) => RgbaImage, writeFile: (path: string, data: Uint8Array) => void): MovieBackend {
  return {
    writeGif(path: string, frames: Iterable<string>, options: MovieFileOptions) {
      const gif = gifenc.GIFEncoder();
      let n = 0;
      let width = 0;
      let height = 0;
      for (const svg of frames) {
        const img = render(svg, options.scale);
        if (n === 0) ({ width, height } = img);
        const palette = gifenc.quantize(img.pixels, 256);
        const index = gifenc.applyPalette(img.pixels, palette);
        gif.writeFrame(index, img.width, img.height, { palette, delay: options.delayMs, repeat: 0 });
        n++;
      }
      gif.finish();
      const bytes = gif.bytes();
      writeFile(path, bytes);
      return { frames: n, width, height, bytes: bytes.length };
    },
  };
}
