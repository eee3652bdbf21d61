/// <reference path="../types/gifenc.d.ts" />
/**
 * Node side of `NetworkPlotter.exportMovie`: SVG frames -> RGBA (a renderer passed in: resvg) ->
 * an animated GIF with gifenc (a 256-colour palette per frame, the frames after the first holding only
 * the pixels that changed; looping forever like matplotlib's pillow writer).
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

/** RGBA bytes as one 32-bit word per pixel (copied when not 4-byte aligned). */
function words(rgba: Uint8Array): Uint32Array {
  const a = rgba.byteOffset % 4 === 0 ? rgba : rgba.slice();
  return new Uint32Array(a.buffer, a.byteOffset, a.length / 4);
}

/** A {@link MovieBackend} rendering frames with `render` and writing with `writeFile`. */
export function gifMovieBackend(render: (svg: string, scale: number) => RgbaImage, writeFile: (path: string, data: Uint8Array) => void): MovieBackend {
  return {
    writeGif(path: string, frames: Iterable<string>, options: MovieFileOptions) {
      const gif = gifenc.GIFEncoder();
      let n = 0;
      let width = 0;
      let height = 0;
      let previous: Uint8Array | null = null;
      for (const svg of frames) {
        const img = render(svg, options.scale);
        if (n === 0) ({ width, height } = img);
        else if (img.width !== width || img.height !== height) throw new Error("internal: movie frames differ in size");
        if (previous === null) {
          const palette = gifenc.quantize(img.pixels, 256);
          gif.writeFrame(gifenc.applyPalette(img.pixels, palette), width, height, { palette, delay: options.delayMs, repeat: 0 });
        } else {
          // Pixels that did not change stay transparent over the previous frame (kept: dispose 1),
          // which LZW packs into a few bytes: only the recoloured sections cost space.
          // Colours map to the 255 quantised ones only: index 255 is the transparent "unchanged" one
          // (padding the palette first let black pixels map to it and show the last frame through).
          const palette = gifenc.quantize(img.pixels, 255);
          const index = gifenc.applyPalette(img.pixels, palette);
          while (palette.length < 256) palette.push([0, 0, 0]);
          const px = words(img.pixels);
          const prev = words(previous);
          for (let i = 0; i < index.length; i++) if (px[i] === prev[i]) index[i] = 255;
          gif.writeFrame(index, width, height, { palette, delay: options.delayMs, transparent: true, transparentIndex: 255, dispose: 1 });
        }
        previous = img.pixels;
        n++;
      }
      gif.finish();
      const bytes = gif.bytes();
      writeFile(path, bytes);
      return { frames: n, width, height, bytes: bytes.length };
    },
  };
}
