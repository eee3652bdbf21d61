/**
 * Where `NetworkPlotter.exportMovie` writes its frames: a backend that Node registers
 * (bindings/viz/node.ts: resvg renders each SVG frame, gifenc encodes the GIF, ./gifMovie.ts), so
 * that the figures stay browser-safe and free of the encoder.
 */

/** Options of one movie file. */
export interface MovieFileOptions {
  /** Zoom over the SVG's own size (matplotlib's dpi / 100). */
  scale: number;
  /** Display time of each frame (ms). */
  delayMs: number;
}

/** What a movie file holds once written. */
export interface MovieFileInfo {
  frames: number;
  width: number;
  height: number;
  bytes: number;
}

/** Writes an animated GIF from SVG frames. */
export interface MovieBackend {
  writeGif(path: string, frames: Iterable<string>, options: MovieFileOptions): MovieFileInfo;
}

let backend: MovieBackend | null = null;

/** Registers the movie writer (called by bindings/viz/node.ts). */
export function registerMovieBackend(b: MovieBackend | null): void {
  backend = b;
}

/** The registered movie writer. @throws Error outside Node (no writer registered). */
export function movieBackend(): MovieBackend {
  if (backend === null) {
    throw new Error("exportMovie writes files in Node: import 'hnn-wasm/node' (in a browser use NetworkPlotter.animate())");
  }
  return backend;
}
