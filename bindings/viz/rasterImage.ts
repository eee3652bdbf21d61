/**
 * Heat maps too large for one SVG element per cell (a CSD is thousands of depths × thousands of
 * samples) as one embedded image: an 8-bit palette PNG (uncompressed deflate, so no dependency and
 * the same bytes in Node and browsers) in an SVG `<image>`. Colours come from matplotlib's 256-entry
 * lookup tables, indexed as matplotlib does (⌊256·(v − vmin)/(vmax − vmin)⌋, clipped to the ends).
 */
import { el } from "./figure.js";

/** Anchors (x, y) of a matplotlib LinearSegmentedColormap channel (continuous ones only). */
type Segments = readonly (readonly [number, number])[];

/** matplotlib's 'jet' (matplotlib/_cm.py). */
const JET: Record<"r" | "g" | "b", Segments> = {
  r: [[0, 0], [0.35, 0], [0.66, 1], [0.89, 1], [1, 0.5]],
  g: [[0, 0], [0.125, 0], [0.375, 1], [0.64, 1], [0.91, 0], [1, 0]],
  b: [[0, 0.5], [0.11, 1], [0.34, 1], [0.65, 0], [1, 0]],
};

/** A channel of a 256-entry lookup table, sampled at i/255 with linear interpolation between anchors. */
function channel(seg: Segments): number[] {
  return Array.from({ length: 256 }, (_, i) => {
    const x = i / 255;
    let k = 1;
    while (k < seg.length - 1 && seg[k]![0] < x) k++;
    const [x0, y0] = seg[k - 1]!;
    const [x1, y1] = seg[k]!;
    return Math.round(255 * Math.min(1, Math.max(0, y0 + ((x - x0) / (x1 - x0)) * (y1 - y0))));
  });
}

/** The 256 colours of matplotlib's 'jet' as [r, g, b] bytes; reversed for 'jet_r'. */
export function jetLut(reversed = false): [number, number, number][] {
  const [r, g, b] = [channel(JET.r), channel(JET.g), channel(JET.b)];
  const lut = r.map((_, i): [number, number, number] => [r[i]!, g[i]!, b[i]!]);
  return reversed ? lut.reverse() : lut;
}

/** The lookup-table index of `v` for the colour range [vmin, vmax] (matplotlib's Normalize and LUT). */
export function lutIndex(v: number, vmin: number, vmax: number): number {
  const x = vmax > vmin ? (v - vmin) / (vmax - vmin) : 0.5;
  return Math.min(255, Math.max(0, Math.floor(x * 256)));
}

const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

function crc32(bytes: Uint8Array, start: number, end: number): number {
  let c = -1;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** A PNG file from a growing list of chunks. */
class PngWriter {
  private parts: Uint8Array[] = [Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)];

  chunk(type: string, data: Uint8Array): void {
    const c = new Uint8Array(12 + data.length);
    const v = new DataView(c.buffer);
    v.setUint32(0, data.length);
    for (let i = 0; i < 4; i++) c[4 + i] = type.charCodeAt(i);
    c.set(data, 8);
    v.setUint32(8 + data.length, crc32(c, 4, 8 + data.length));
    this.parts.push(c);
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.parts.reduce((s, p) => s + p.length, 0));
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}

/** zlib stream of `raw` in stored (uncompressed) deflate blocks. */
function zlibStored(raw: Uint8Array): Uint8Array {
  const nBlocks = Math.max(1, Math.ceil(raw.length / 65535));
  const out = new Uint8Array(2 + raw.length + 5 * nBlocks + 4);
  out[0] = 0x78;
  out[1] = 0x01;
  let o = 2;
  for (let b = 0; b < nBlocks; b++) {
    const len = Math.min(65535, raw.length - b * 65535);
    out[o] = b === nBlocks - 1 ? 1 : 0;
    out[o + 1] = len & 0xff;
    out[o + 2] = len >>> 8;
    out[o + 3] = ~len & 0xff;
    out[o + 4] = (~len >>> 8) & 0xff;
    out.set(raw.subarray(b * 65535, b * 65535 + len), o + 5);
    o += 5 + len;
  }
  let s1 = 1;
  let s2 = 0;
  for (let i = 0; i < raw.length; i++) {
    s1 = (s1 + raw[i]!) % 65521;
    s2 = (s2 + s1) % 65521;
  }
  new DataView(out.buffer).setUint32(o, ((s2 << 16) | s1) >>> 0);
  return out;
}

/**
 * An 8-bit palette PNG.
 * @param indices - palette index per pixel, row by row from the top (width × height)
 * @param palette - up to 256 [r, g, b] colours
 */
function palettePng(indices: Uint8Array, width: number, height: number, palette: [number, number, number][]): Uint8Array {
  const png = new PngWriter();
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([8, 3, 0, 0, 0], 8); // 8 bits, palette colour, deflate, adaptive filtering, no interlace
  png.chunk("IHDR", ihdr);
  png.chunk("PLTE", Uint8Array.from(palette.flat()));
  const raw = new Uint8Array(height * (width + 1)); // filter byte 0 (none) before each row
  for (let y = 0; y < height; y++) raw.set(indices.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  png.chunk("IDAT", zlibStored(raw));
  png.chunk("IEND", new Uint8Array(0));
  return png.bytes();
}

function base64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * An SVG `<image class="hnn-heatmap">` showing `indices` stretched over the box (x, y, width,
 * height) in px; the pixel grid is in `data-columns` / `data-rows`.
 */
export function heatmapImage(
  doc: Document,
  indices: Uint8Array,
  grid: { columns: number; rows: number },
  palette: [number, number, number][],
  box: { x: number; y: number; width: number; height: number },
): SVGElement {
  const href = `data:image/png;base64,${base64(palettePng(indices, grid.columns, grid.rows, palette))}`;
  return el(doc, "image", {
    class: "hnn-heatmap",
    ...box,
    preserveAspectRatio: "none",
    href,
    "data-columns": grid.columns,
    "data-rows": grid.rows,
  });
}
