/**
 * One model of gids (hnn-core `gid_ranges`, `_n_gids`, `gid_to_type`, `_check_gids`): every
 * population (a cell type or a drive) owns one range `[start, stop)` of gids. {@link Populations}
 * holds them in hnn-core's order (cell types, then drives as added), sorted once for lookups. The
 * Network, the compile step, the trial runner and the worker pool all ask it which population a
 * gid belongs to and whether it is a drive.
 */

import { pyNum } from "../util/pyformat";
import { checkOption, typeError, ValueError } from "../util/validate";
import type { GidRange } from "./types";

/** A gid range `[start, stop)` like Python's `range(start, stop)`. */
export function range(start: number, stop: number): GidRange {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(stop)) {
    throw new TypeError(`range(start, stop) needs integers, got ${pyNum(start)}, ${pyNum(stop)}`);
  }
  return { start, stop };
}

/** Is `v` a `{start, stop}` gid range object? */
export function isGidRange(v: unknown): v is GidRange {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    typeof (v as GidRange).start === "number" &&
    typeof (v as GidRange).stop === "number" &&
    Object.keys(v).length === 2
  );
}

/** The gids of a range, ascending. */
export function rangeToList(r: GidRange): number[] {
  const out: number[] = [];
  for (let g = r.start; g < r.stop; g++) out.push(g);
  return out;
}

/** A population's gids as hnn-core accepts them in `gid_ranges` arguments: a range or a list. */
export type GidSet = GidRange | readonly number[];

/** The gids of a {@link GidSet}, in order. */
export function gidsOf(set: GidSet): number[] {
  return isGidRange(set) ? rangeToList(set) : Array.from(set as readonly number[]);
}

/** Source/target selector: a gid, a list of gids, a population name (or list of names), or a range. */
export type GidSelector = number | readonly number[] | string | readonly string[] | GidRange;

/** A cell type (cells with a template) or a drive (artificial cells replaying events). */
export type PopulationKind = "cell" | "drive";

/** One population's gid range. */
export interface Population {
  readonly name: string;
  readonly start: number;
  readonly stop: number;
  readonly kind: PopulationKind;
}

/**
 * The gid ranges of a network, immutable. Ranges must be disjoint; an empty range (a drive with no
 * cells) is allowed.
 */
export class Populations {
  /** Populations in hnn-core's order (the order of `gid_ranges`). */
  readonly list: readonly Population[];
  /** `gid_ranges` as a frozen record (name -> range), in the same order. */
  readonly ranges: Readonly<Record<string, Readonly<GidRange>>>;
  /** hnn-core `_n_gids`: one past the largest gid (0 when there are none). */
  readonly nGids: number;
  /** Non-empty populations by first gid, for lookups. */
  readonly #sorted: readonly Population[];
  readonly #byName: ReadonlyMap<string, Population>;

  /** @throws ValueError for a repeated name, a range with stop < start or non-integer ends, or overlapping ranges. */
  constructor(list: readonly Population[] = []) {
    const byName = new Map<string, Population>();
    for (const p of list) {
      if (byName.has(p.name)) throw new ValueError(`${p.name} is already a population of the network`);
      if (!Number.isSafeInteger(p.start) || !Number.isSafeInteger(p.stop) || p.start < 0 || p.stop < p.start) {
        throw new ValueError(`gid range of '${p.name}' must be [start, stop) with integers 0 <= start <= stop, got [${p.start}, ${p.stop})`);
      }
      byName.set(p.name, Object.freeze({ ...p }));
    }
    this.list = Object.freeze([...byName.values()]);
    this.#byName = byName;
    this.#sorted = this.list.filter((p) => p.stop > p.start).sort((a, b) => a.start - b.start);
    for (let i = 1; i < this.#sorted.length; i++) {
      const [a, b] = [this.#sorted[i - 1], this.#sorted[i]];
      if (b.start < a.stop) throw new ValueError(`gid ranges of '${a.name}' [${a.start}, ${a.stop}) and '${b.name}' [${b.start}, ${b.stop}) overlap`);
    }
    this.ranges = Object.freeze(Object.fromEntries(this.list.map((p) => [p.name, Object.freeze({ start: p.start, stop: p.stop })])));
    this.nGids = this.list.reduce((n, p) => Math.max(n, p.stop), 0);
  }

  /** Populations from `gid_ranges`; names in `cellTypeNames` are cell types, the others drives. */
  static fromRanges(gidRanges: Readonly<Record<string, GidRange>>, cellTypeNames: Iterable<string>): Populations {
    const cells = new Set(cellTypeNames);
    return new Populations(
      Object.entries(gidRanges).map(([name, r]) => ({ name, start: r.start, stop: r.stop, kind: cells.has(name) ? "cell" : "drive" })),
    );
  }

  /** These populations and one more of `size` gids starting at {@link nGids} (hnn-core `_add_cell_type`). */
  appended(name: string, size: number, kind: PopulationKind): Populations {
    return new Populations([...this.list, { name, start: this.nGids, stop: this.nGids + size, kind }]);
  }

  /** These populations without those `drop` selects (gids are not renumbered). */
  without(drop: (p: Population) => boolean): Populations {
    return new Populations(this.list.filter((p) => !drop(p)));
  }

  /** Population names in order. */
  get names(): string[] {
    return this.list.map((p) => p.name);
  }

  /** Whether a population of this name exists. */
  has(name: string): boolean {
    return this.#byName.has(name);
  }

  /** The gid range of a population. @throws ValueError naming the populations for an unknown name. */
  range(name: string): GidRange {
    const p = this.#byName.get(name);
    if (p === undefined) checkOption("name", name, this.names);
    return { start: p!.start, stop: p!.stop };
  }

  /** The gids of a population, ascending. @throws ValueError for an unknown name. */
  gids(name: string): number[] {
    return rangeToList(this.range(name));
  }

  /** hnn-core `gid_to_type`: the population holding `gid`, or null. */
  typeOf(gid: number): string | null {
    if (!Number.isInteger(gid)) return null;
    const sorted = this.#sorted;
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].start <= gid) lo = mid + 1;
      else hi = mid - 1;
    }
    const p = sorted[hi];
    return p !== undefined && gid < p.stop ? p.name : null;
  }

  /** Whether `gid` belongs to a drive. */
  isDrive(gid: number): boolean {
    const name = this.typeOf(gid);
    return name !== null && this.#byName.get(name)!.kind === "drive";
  }
}

/**
 * hnn-core `_check_gids` (check.py): turn a selector into a list of gids. `null`/`undefined` → [].
 * @param validNames population names a string selector may use.
 * @param sameType require all gids to belong to one population.
 * @throws TypeError for a wrong type or a non-integer gid; ValueError for an unknown name, a gid
 *   outside every range, or (with `sameType`) gids of different populations.
 */
export function checkGids(
  argName: string,
  gids: unknown,
  populations: Populations,
  validNames: readonly string[],
  sameType = true,
): number[] {
  if (gids === null || gids === undefined) return [];
  let list: unknown[];
  if (typeof gids === "number") list = [gids];
  else if (typeof gids === "string") {
    checkOption(argName, gids, validNames);
    list = populations.gids(gids);
  } else if (isGidRange(gids)) list = rangeToList(range(gids.start, gids.stop));
  else if (Array.isArray(gids)) list = gids as unknown[];
  else throw typeError(argName, "int, list, range, str, or None", gids);

  if (list.length > 0 && list.every((g) => typeof g === "string")) {
    const names = list as string[];
    for (const n of names) checkOption(argName, n, validNames);
    list = names.flatMap((n) => populations.gids(n));
  }
  if (list.length === 0) throw new ValueError(`${argName} must not be empty`);
  const first = list[0];
  const cellType = typeof first === "number" ? populations.typeOf(first) : null;
  for (const gid of list) {
    if (typeof gid !== "number" || !Number.isInteger(gid)) throw typeError(argName, "int", gid);
    const t = populations.typeOf(gid);
    if (t === null) throw new ValueError(`${argName} ${pyNum(gid)} not in net.gid_ranges`);
    if (sameType && t !== cellType) throw new ValueError(`All ${argName} must be of the same type`);
  }
  return list as number[];
}
