/**
 * pycma's default boundary handling for CMA-ES, `BoundTransform` (cma/boundary_handler.py, with
 * `BoxConstraintsLinQuadTransformation` of cma/transformations.py): the search runs on an unbounded
 * genotype and each candidate is mapped into [lower, upper] by a smooth (C¹) periodic map that is the
 * identity on [lb + al, ub − au], quadratic down to lb − al and up to ub + au, and mirrored and shifted
 * beyond. The margins are al = min((ub − lb)/2, max(1, |lb|)/20) and au likewise with |ub| (pycma's
 * `margin_width2`, its default); an infinite bound gets margin 1 and no transformation on that side.
 */

/** The per-coordinate box of a {@link BoundTransform}. */
export class BoundTransform {
  private readonly lb: Float64Array;
  private readonly ub: Float64Array;
  private readonly al: Float64Array;
  private readonly au: Float64Array;

  /** @param lower lower bounds; @param upper upper bounds (same length, lower < upper, ±Infinity allowed). */
  constructor(lower: Float64Array, upper: Float64Array) {
    this.lb = lower;
    this.ub = upper;
    const n = lower.length;
    this.al = new Float64Array(n);
    this.au = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const half = (upper[i] - lower[i]) / 2;
      this.al[i] = Number.isFinite(lower[i]) ? Math.min(half, marginWidth(lower[i])) : 1;
      this.au[i] = Number.isFinite(upper[i]) ? Math.min(half, marginWidth(upper[i])) : 1;
    }
  }

  /** The phenotype in [lower, upper] of genotype `x` (a new array). */
  transform(x: ArrayLike<number>): Float64Array {
    const y = Float64Array.from(x);
    for (let i = 0; i < y.length; i++) y[i] = this.transformOne(y[i], i);
    return y;
  }

  /** The genotype in [lb − al, ub + au] that {@link transform} maps to `y` (a new array). */
  inverse(y: ArrayLike<number>): Float64Array {
    const x = Float64Array.from(y);
    for (let i = 0; i < x.length; i++) x[i] = this.inverseOne(x[i], i);
    return x;
  }

  private transformOne(x: number, i: number): number {
    const lb = this.lb[i];
    const ub = this.ub[i];
    const al = this.al[i];
    const au = this.au[i];
    // Far outside: shift by whole periods of length 2·(ub − lb + al + au) into the invertible domain's neighbourhood.
    const start = lb - 2 * al - (ub - lb) / 2;
    if (x < start || x > ub + 2 * au + (ub - lb) / 2) {
      const period = 2 * (ub - lb + al + au);
      x -= period * Math.floor((x - start) / period);
    }
    // Mirror at ub + au and lb − al.
    if (x > ub + au) x -= 2 * (x - ub - au);
    if (x < lb - al) x += 2 * (lb - al - x);
    // Quadratic near the bounds, identity in between.
    if (x < lb + al) return lb + ((x - (lb - al)) * (x - (lb - al))) / 4 / al;
    if (x > ub - au) return ub - ((x - (ub + au)) * (x - (ub + au))) / 4 / au;
    return x;
  }

  private inverseOne(y: number, i: number): number {
    const lb = this.lb[i];
    const ub = this.ub[i];
    const al = this.al[i];
    const au = this.au[i];
    if (!(lb <= y && y <= ub)) throw new RangeError(`BoundTransform.inverse: ${y} is outside [${lb}, ${ub}]`);
    if (y < lb + al) return lb - al + 2 * Math.sqrt(al * (y - lb));
    if (y > ub - au) return ub + au - 2 * Math.sqrt(au * (ub - y));
    return y;
  }
}

/** pycma's `margin_width2`: the width of the quadratic part at a bound, max(1, |bound|)/20. */
function marginWidth(bound: number): number {
  return Math.max(1, Math.abs(bound)) / 20;
}
