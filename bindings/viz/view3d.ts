/**
 * matplotlib's 3-D view (mpl_toolkits.mplot3d `Axes3D.get_proj`, matplotlib ≥ 3.6) for the
 * morphology figures: each axis is scaled from its limits into a box of aspect 4:4:3, the eye looks
 * at the box centre from `elev` / `azim` (degrees) at distance 10 (box units) with perspective
 * (focal length 1), and z is up. {@link View3d.project} gives panel pixels; points farther from the
 * eye have a larger `depth`.
 */

/** Limits and view angles of a 3-D panel. */
export interface ViewOptions {
  xlim: [number, number];
  ylim: [number, number];
  zlim: [number, number];
  /** Elevation (degrees). */
  elev: number;
  /** Azimuth (degrees). */
  azim: number;
}

/** A point on the panel (px) with its distance along the viewing direction (box units). */
export interface Projected {
  x: number;
  y: number;
  depth: number;
}

/** matplotlib's default box aspect (4, 4, 3) scaled to norm 1.8294640721620434 (`set_box_aspect(None)`). */
const BOX = (() => {
  const a = [4, 4, 3];
  const k = 1.8294640721620434 / Math.hypot(a[0], a[1], a[2]);
  return a.map((v) => v * k);
})();
/** matplotlib's eye distance (`Axes3D._dist`). */
const EYE_DIST = 10;

type V3 = [number, number, number];
const cross = (a: V3, b: V3): V3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const dot = (a: V3, b: V3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const normalize = (a: V3): V3 => {
  const n = Math.hypot(a[0], a[1], a[2]);
  return [a[0] / n, a[1] / n, a[2] / n];
};

/**
 * A 3-D view fitted into a panel of `width` × `height` px: uniform scale, the projected limit box
 * centred and filling `fill` of the panel (matplotlib leaves a margin around its 3-D box, and draws
 * what lies beyond the limits there).
 */
export class View3d {
  private readonly u: V3;
  private readonly v: V3;
  private readonly w: V3;
  private scale = 1;
  private cx = 0;
  private cy = 0;

  constructor(readonly options: ViewOptions, width: number, height: number, fill = 0.8) {
    const e = (options.elev * Math.PI) / 180;
    const a = (options.azim * Math.PI) / 180;
    this.w = [Math.cos(e) * Math.cos(a), Math.cos(e) * Math.sin(a), Math.sin(e)];
    // matplotlib's view axes: u to the right, v up (the vertical flips when the view is upside down).
    const up: V3 = Math.cos(e) < 0 ? [0, 0, -1] : [0, 0, 1];
    this.u = normalize(cross(up, this.w));
    this.v = cross(this.w, this.u);
    const corners: Projected[] = [];
    for (const x of options.xlim) for (const y of options.ylim) for (const z of options.zlim) corners.push(this.raw(x, y, z));
    const xs = corners.map((c) => c.x);
    const ys = corners.map((c) => c.y);
    const spanX = Math.max(...xs) - Math.min(...xs);
    const spanY = Math.max(...ys) - Math.min(...ys);
    this.scale = fill * Math.min(width / spanX, height / spanY);
    this.cx = width / 2 - ((Math.max(...xs) + Math.min(...xs)) / 2) * this.scale;
    this.cy = height / 2 + ((Math.max(...ys) + Math.min(...ys)) / 2) * this.scale;
  }

  /** Box coordinates relative to the centre, projected with perspective (y up, box units). */
  private raw(x: number, y: number, z: number): Projected {
    const { xlim, ylim, zlim } = this.options;
    const p: V3 = [
      ((x - xlim[0]) / (xlim[1] - xlim[0]) - 0.5) * BOX[0],
      ((y - ylim[0]) / (ylim[1] - ylim[0]) - 0.5) * BOX[1],
      ((z - zlim[0]) / (zlim[1] - zlim[0]) - 0.5) * BOX[2],
    ];
    const toward = dot(p, this.w);
    const f = EYE_DIST / (EYE_DIST - toward);
    return { x: dot(p, this.u) * f, y: dot(p, this.v) * f, depth: -toward };
  }

  /** Panel pixels of a point (µm). */
  project(x: number, y: number, z: number): Projected {
    const r = this.raw(x, y, z);
    return { x: this.cx + r.x * this.scale, y: this.cy - r.y * this.scale, depth: r.depth };
  }

  /** The 12 edges of the limit box in panel pixels (for a frame around a network view). */
  boxEdges(): [Projected, Projected][] {
    const { xlim, ylim, zlim } = this.options;
    const c = (i: number) => this.project(xlim[i & 1], ylim[(i >> 1) & 1], zlim[(i >> 2) & 1]);
    const edges: [Projected, Projected][] = [];
    for (let i = 0; i < 8; i++) for (const bit of [1, 2, 4]) if (!(i & bit)) edges.push([c(i), c(i | bit)]);
    return edges;
  }
}
