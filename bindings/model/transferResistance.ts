/**
 * Transfer resistances between a cell's segments and an extracellular electrode, as hnn-core 0.6.1
 * computes them (extracellular.py `_transfer_resistance`), from the sections' 3-D points as NEURON
 * holds them after hnn-core built the cell (cell.py `_create_sections`):
 * - `pt3dadd(end_pt + cell.pos)` for both end points: NEURON stores 3-D points as float32;
 * - `sec.L = L` with pt3dconst 0 rescales the points about the first one (treeset.cpp
 *   nrn_length_change), and `sec.L` then reads back the rescaled arc length;
 * - `h.define_shape()` translates each child section (in float32) so that its first point sits on
 *   its parent's connection point (treeset.cpp nrn_define_shape / nrn_translate_shape).
 *
 * Units: µm, S/m; a transfer resistance is in µV/nA (kΩ): potential = Σ R·i_membrane.
 */
import type { Vec3 } from "./types";

/** A section's geometry as NEURON holds it: its two 3-D points (µm) and its length (µm). */
export interface Section3d {
  start: Vec3;
  end: Vec3;
  lengthUm: number;
}

/** A section as the geometry needs it: hnn-core's end points (before the cell's position), L, parent. */
export interface SectionShape {
  endPts: readonly [Vec3, Vec3] | readonly Vec3[];
  L: number;
  /**
   * The section (an earlier index) at whose x = 1 end this one attaches; -1 for the root section
   * (index 0) and for sections attached at its x = 0 end.
   */
  parent: number;
}

const f32 = Math.fround;

/**
 * The 3-D points and lengths NEURON gives a cell's sections (see the module note), in the order of
 * `sections` (parents before children; the root section first), for a cell at `pos` (µm).
 */
export function sectionPoints3d(sections: readonly SectionShape[], pos: Vec3): Section3d[] {
  const out: Section3d[] = [];
  sections.forEach((s, i) => {
    const p0 = s.endPts[0].map((x, k) => f32(x + pos[k])) as Vec3;
    let p1 = s.endPts[1].map((x, k) => f32(x + pos[k])) as Vec3;
    // nrn_pt3dmodified: the arc from float differences, in double.
    const t = p1.map((x, k) => f32(x - p0[k]));
    const arc = Math.sqrt(t[0] * t[0] + t[1] * t[1] + t[2] * t[2]);
    // nrn_length_change: fac = L / arc, points scaled about the first (double, stored as float).
    const fac = s.L / arc;
    p1 = p1.map((x, k) => f32(p0[k] + (x - p0[k]) * fac)) as Vec3;
    let start = p0;
    let end = p1;
    if (i > 0) {
      // nrn_translate_shape: float differences to the parent's connection point, added in float.
      const at = s.parent >= 0 ? out[s.parent].end : out[0].start;
      const d = at.map((x, k) => f32(x - start[k]));
      start = start.map((x, k) => f32(x + d[k])) as Vec3;
      end = end.map((x, k) => f32(x + d[k])) as Vec3;
    }
    out.push({ start, end, lengthUm: arc * fac });
  });
  return out;
}

/** Options of {@link transferResistance}: hnn-core's ExtracellularArray settings. */
export interface TransferOptions {
  /** Extracellular conductivity (S/m). */
  conductivity: number;
  /** 'psa': point source at each segment centre; 'lsa': line source around it. */
  method: "psa" | "lsa";
  /** Smallest distance (psa) or perpendicular distance (lsa) used (µm). */
  minDistance: number;
}

function dot(a: readonly number[], b: readonly number[]): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/** Holt (1998) line-source potential factor of the line start → end at electrode e (1/µm). */
function lineSource(start: Vec3, end: Vec3, e: Vec3, minDistance: number): number {
  const a = [end[0] - start[0], end[1] - start[1], end[2] - start[2]];
  const normA = Math.sqrt(dot(a, a));
  const b = [e[0] - end[0], e[1] - end[1], e[2] - end[2]];
  const H = dot(b, a) / normA;
  const L = H + normA;
  const R2 = Math.max(dot(b, b) - H ** 2, minDistance ** 2);
  let num: number, denom: number;
  if (L < 0 && H < 0) {
    num = Math.sqrt(H ** 2 + R2) - H;
    denom = Math.sqrt(L ** 2 + R2) - L;
  } else if (L > 0 && H < 0) {
    num = (Math.sqrt(H ** 2 + R2) - H) * (L + Math.sqrt(L ** 2 + R2));
    denom = R2;
  } else {
    num = Math.sqrt(L ** 2 + R2) + L;
    denom = Math.sqrt(H ** 2 + R2) + H;
  }
  return Math.log(num / denom) / normA;
}

/**
 * hnn-core `_transfer_resistance(section, electrode_pos, conductivity, method, min_distance)`: the
 * transfer resistance (µV/nA) of each of the section's `nseg` segments to the electrode at `electrode`
 * (µm). psa: 1/max(distance to the segment centre, minDistance); lsa: a line source through the
 * centre, from the previous to the next centre (the first and last reach the section ends and beyond
 * by the same amount: hnn-core's half-lengths); both scaled by 1000/(4π·conductivity).
 */
export function transferResistance(sec: Section3d, nseg: number, electrode: Vec3, opts: TransferOptions, out = new Float64Array(nseg)): Float64Array {
  const { start, end, lengthUm } = sec;
  const vec = [end[0] - start[0], end[1] - start[1], end[2] - start[2]];
  const scale = 4.0 * Math.PI * opts.conductivity;
  const normVec = Math.sqrt(dot(vec, vec));
  for (let k = 0; k < nseg; k++) {
    const x = (k + 0.5) / nseg; // NEURON's segment centre
    const ctr: Vec3 = [start[0] + x * vec[0], start[1] + x * vec[1], start[2] + x * vec[2]];
    let phi: number;
    if (opts.method === "psa") {
      const d = [electrode[0] - ctr[0], electrode[1] - ctr[1], electrode[2] - ctr[2]];
      phi = 1.0 / Math.max(Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]), opts.minDistance);
    } else {
      // hnn-core's line_lens: x₀·L for the first segment, then the differences of x_{k+1}·L and x_k·L, the last L − x·L.
      const next = k + 1 < nseg ? ((k + 1.5) / nseg) * lengthUm : lengthUm;
      const half = k === 0 ? x * lengthUm : next - x * lengthUm;
      const reach = vec.map((c) => (half * c) / normVec);
      const a: Vec3 = [ctr[0] - reach[0], ctr[1] - reach[1], ctr[2] - reach[2]];
      const b: Vec3 = [ctr[0] + reach[0], ctr[1] + reach[1], ctr[2] + reach[2]];
      phi = lineSource(a, b, electrode, opts.minDistance);
    }
    out[k] = (1000.0 * phi) / scale;
  }
  return out;
}
