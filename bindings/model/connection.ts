/**
 * Connections of hnn-core's Network (network.py `add_connection`, `_Connectivity`,
 * `_connection_probability`, `_get_gaussian_connection`; NETWORK.md §4-5): the connection record,
 * how `addConnection` checks its arguments and builds the gid pairs, the probabilistic pruning, and
 * the distance-dependent weight and delay of each NetCon.
 *
 * Where hnn-core 0.6.1 checks an argument itself, the error is its message, with its argument names
 * and spacing (test/fixtures/network/error_messages.json), except that its `allow_autapses` check
 * names "target_gids" and ours `allow_autapses`. Checks hnn-core lacks name the TypeScript argument.
 */

import { npExp } from "./npExp";
import { checkGids, isGidRange, range, rangeToList, type GidSelector } from "./populations";
import type { NcDict } from "./types";
import { checkNetworkMemory, locSections, type NetworkSizes } from "./memoryEstimate";
import { defaultRng } from "../random/index";
import { pyFloat, pyNum, pyRepr, roundHalfEven } from "../util/pyformat";
import { checkBool, checkFinite, checkOption, typeError, ValueError } from "../util/validate";

/** The default receptors of hnn-core (for pickConnection). */
export const VALID_RECEPTORS = ["ampa", "nmda", "gabaa", "gabab"] as const;

/** What {@link Connection}'s constructor takes: its data fields (gid sets as any iterable). */
export type ConnectionInit = Omit<Connection, "srcGids" | "targetGids" | "nPairs" | "copy" | "toString"> & {
  srcGids: Iterable<number>;
  targetGids: Iterable<number>;
};

/** One connection class (hnn-core `_Connectivity`). */
export class Connection {
  /** Source population (cell type or drive name). */
  srcType: string;
  /** Source gids, insertion order (hnn-core: a set; not updated by pruning). */
  srcGids: Set<number>;
  /** Number of source gids given (counts duplicates, not updated by pruning). */
  numSrcs: number;
  /** Target cell type. */
  targetType: string;
  /** Target gids (hnn-core: a set; not updated by pruning). */
  targetGids: Set<number>;
  /** Number of distinct target gids. */
  numTargets: number;
  /** Source gid -> its target gids, in hnn-core's order (after pruning). */
  gidPairs: Map<number, number[]>;
  /** A `sect_loc` group (`proximal`, `distal`) or a section name. */
  loc: string;
  /** `ampa`, `nmda`, `gabaa` or `gabab`. */
  receptor: string;
  /** NetCon parameters (A_delay, A_weight, lamtha, threshold, gain). */
  ncDict: NcDict;
  allowAutapses: boolean;
  /** The probability given to addConnection (1.0 = all-to-all). */
  probability: number;

  constructor(init: ConnectionInit) {
    this.srcType = init.srcType;
    this.srcGids = new Set(init.srcGids);
    this.numSrcs = init.numSrcs;
    this.targetType = init.targetType;
    this.targetGids = new Set(init.targetGids);
    this.numTargets = init.numTargets;
    this.gidPairs = init.gidPairs;
    this.loc = init.loc;
    this.receptor = init.receptor;
    this.ncDict = init.ncDict;
    this.allowAutapses = init.allowAutapses;
    this.probability = init.probability;
  }

  /** Total number of (src, target) pairs, i.e. NetCon groups. */
  get nPairs(): number {
    let n = 0;
    for (const t of this.gidPairs.values()) n += t.length;
    return n;
  }

  /** Deep copy. */
  copy(): Connection {
    const pairs = new Map<number, number[]>();
    for (const [s, t] of this.gidPairs) pairs.set(s, [...t]);
    return new Connection({ ...this, gidPairs: pairs, ncDict: { ...this.ncDict } });
  }

  /**
   * The connection summary as the seed example documents it (NETWORK.md §8), nc_dict values as
   * Python floats. hnn-core 0.6.1 also runs `threshold: …gain: …` onto the lamtha line by a
   * missing separator; that slip is left out.
   */
  toString(): string {
    const nc = this.ncDict;
    return (
      `${this.srcType} -> ${this.targetType}` +
      `\ncell counts: ${this.numSrcs} srcs, ` +
      `${this.numTargets} targets` +
      `\nconnection probability: ${pyFloat(this.probability)} ` +
      `\nloc: '${this.loc}'; receptor: '${this.receptor}'` +
      `\nweight: ${pyFloat(nc.A_weight)}; ` +
      `delay: ${pyFloat(nc.A_delay)}; ` +
      `lamtha: ${pyFloat(nc.lamtha)}` +
      "\n "
    );
  }
}

/** Options of {@link Network.addConnection} (hnn-core's keyword arguments). */
export interface AddConnectionOptions {
  /** Spike threshold of the source (mV); default `net.threshold`. */
  threshold?: number;
  /** Weight multiplier, >= 0 (default 1.0). */
  gain?: number;
  /** Allow a cell to connect to itself (default true). */
  allowAutapses?: boolean;
  /** Probability of each src-target pair, in (0, 1], default 1.0 (all-to-all). */
  probability?: number;
  /** Seed of numpy's `default_rng` for the pruning; null/undefined = OS entropy (not reproducible). */
  connSeed?: number | null;
}

/** What building a connection needs from its network. */
export interface ConnectionHost extends NetworkSizes {
  /** Default spike threshold of the source (mV). */
  readonly threshold: number;
}

/**
 * The arguments of hnn-core `add_connection(src_gids, target_gids, loc, receptor, weight, delay,
 * lamtha, ...)` (NETWORK.md §4):
 * - `srcGids`: a gid, gids, a population name (cell type or drive), names, or a range;
 * - `targetGids`: a gid, gids (all-to-all), one list per source gid, a cell type name, or a range;
 * - `loc`: `proximal`, `distal` or a section name of the target cell type;
 * - `receptor`: `ampa`, `nmda`, `gabaa` or `gabab` (must exist in every targeted section);
 * - `weight`: A_weight (µS) at distance 0; `delay`: A_delay (ms) at distance 0, >= 0;
 * - `lamtha`: space constant (in units of the in-plane distance), > 0;
 * - `opts`: the keyword arguments ({@link AddConnectionOptions}).
 */
export type AddConnectionArgs = [
  srcGids: GidSelector,
  targetGids: GidSelector | readonly (readonly number[])[],
  loc: string,
  receptor: string,
  weight: number,
  delay: number,
  lamtha: number,
  opts?: AddConnectionOptions,
];

/**
 * hnn-core `add_connection` without appending: check the arguments ({@link AddConnectionArgs}) and
 * build the connection (pruned when `probability` < 1).
 * @throws TypeError / ValueError with hnn-core's messages.
 */
export function makeConnection(host: ConnectionHost, ...[srcGids, targetGids, loc, receptor, weight, delay, lamtha, opts = {}]: AddConnectionArgs): Connection {
  if (typeof opts !== "object" || opts === null) throw typeError("opts", "dict", opts);
  const threshold = opts.threshold ?? host.threshold;
  const gain = opts.gain ?? 1.0;
  const allowAutapses = opts.allowAutapses ?? true;
  const probability = opts.probability ?? 1.0;
  const connSeed = opts.connSeed ?? null;

  const tg = targetGids as unknown;
  if (!(typeof tg === "number" || typeof tg === "string" || Array.isArray(tg) || isGidRange(tg))) {
    throw typeError("target_gids", "int list, range or str", tg);
  }
  checkBool("allow_autapses", allowAutapses);
  const pops = host.populations;
  const src = checkGids("src_gids", srcGids, pops, pops.names);

  // targetGids -> one list per source gid
  let lists: unknown[];
  const cellNames = Object.keys(host.cellTypes);
  if (typeof tg === "number") lists = src.map(() => [tg]);
  else if (typeof tg === "string") {
    checkOption("target_gids", tg, cellNames);
    const l = pops.gids(tg);
    lists = src.map(() => l);
  } else if (isGidRange(tg)) {
    const l = rangeToList(range(tg.start, tg.stop));
    lists = src.map(() => l);
  } else {
    const arr = tg as unknown[];
    if (arr.length === 0) throw new ValueError("targetGids must not be empty");
    lists = arr.every((t) => typeof t === "number") ? src.map(() => arr) : arr;
  }
  // Before reading the pairs: a huge all-to-all must fail here, not after minutes of building.
  let pairs = 0;
  for (const l of lists) pairs += Array.isArray(l) ? l.length : 0;
  const first: unknown = Array.isArray(lists[0]) ? lists[0][0] : undefined;
  const firstType = typeof first === "number" ? pops.typeOf(first) : null;
  const sections = firstType !== null && typeof loc === "string" ? locSections(host.cellTypes[firstType], loc) : 1;
  checkNetworkMemory(host, `addConnection (${src.length} sources, ${pairs} gid pairs)`, { pairs, netCons: pairs * sections });
  const targetSet = new Set<number>();
  lists.forEach((l, idx) => {
    if (!Array.isArray(l)) throw typeError(`targetGids[${idx}]`, "list or range", l);
    for (const t of l) {
      if (typeof t !== "number" || !Number.isInteger(t)) throw typeError("target_gid", "int", t);
      targetSet.add(t);
    }
  });
  const firstList = lists[0] as number[];
  if (firstList.length === 0) throw new ValueError("targetGids[0] must not be empty");
  const targetType = pops.typeOf(firstList[0]);
  for (const t of targetSet) {
    const tt = pops.typeOf(t);
    if (tt === null) throw new ValueError(`target_gid ${t}not in net.gid_ranges`);
    if (tt !== targetType) throw new ValueError("All target_gids must be of the same type");
  }
  if (targetType === null || !(targetType in host.cellTypes)) {
    throw new ValueError(`targetGids must be gids of a cell type (${cellNames.join(", ")}), got gids of '${targetType}'`);
  }
  if (lists.length !== src.length) throw new ValueError("target_gids must have a list for each src.");

  const gidPairs = new Map<number, number[]>();
  src.forEach((s, i) => {
    let l = lists[i] as number[];
    l = allowAutapses ? [...l] : l.filter((t) => t !== s);
    gidPairs.set(s, l);
  });
  const srcType = pops.typeOf(src[0]) as string;

  if (typeof loc !== "string") throw typeError("loc", "str", loc);
  if (typeof receptor !== "string") throw typeError("receptor", "str", receptor);
  const template = host.cellTypes[targetType].cellObject;
  const sectLoc = template.sectLoc as Record<string, string[]>;
  const validLoc = [...Object.keys(sectLoc), ...Object.keys(template.sections)];
  checkOption("loc", loc, validLoc, ` (the loc '${loc}' is not defined for '${targetType}' cells)`);
  if (Object.prototype.hasOwnProperty.call(sectLoc, loc)) {
    for (const secName of sectLoc[loc]) {
      checkOption(
        "receptor",
        receptor,
        template.sections[secName].syns,
        ` (the '${receptor}' receptor is not defined for the '${secName}' of'${targetType}' cells)`,
      );
    }
  } else {
    checkOption(
      "receptor",
      receptor,
      template.sections[loc].syns,
      `(the '${receptor}' receptor is not defined for the '${loc}' of'${targetType}' cells)`,
    );
  }

  const ncDict: NcDict = {
    A_delay: checkFinite("delay", delay),
    A_weight: checkFinite("weight", weight),
    lamtha: checkFinite("lamtha", lamtha),
    threshold: checkFinite("threshold", threshold),
    gain: checkFinite("gain", gain),
  };
  if (ncDict.A_delay < 0) throw new ValueError(`delay must be non-negative, got ${pyNum(ncDict.A_delay)}`);
  if (!(ncDict.lamtha > 0)) throw new ValueError(`lamtha must be positive, got ${pyNum(ncDict.lamtha)}`);
  if (ncDict.gain < 0) {
    throw new ValueError(`Synaptic gains must be non-negative.Got ${pyNum(gain)} for connection ${srcType}->${targetType}.`);
  }

  const conn = new Connection({
    srcType,
    srcGids: src,
    numSrcs: src.length,
    targetType,
    targetGids: targetSet,
    numTargets: targetSet.size,
    gidPairs,
    loc,
    receptor,
    ncDict,
    allowAutapses,
    probability: 1.0,
  });
  if (typeof probability !== "number") throw typeError("probability", "float", probability);
  if (probability !== 1.0) {
    connectionProbability(conn, probability, connSeed);
  }
  conn.probability = probability;
  return conn;
}


/**
 * hnn-core `_connection_probability` (NETWORK.md §4.4): keep `round_half_even(n·p)` of the n pairs,
 * chosen by `default_rng(connSeed).choice(range(n), k, replace=False)`; sources left without targets
 * are dropped. `srcGids`, `targetGids`, `numSrcs`, `numTargets` keep describing the full set.
 * @throws Error unless 0 < probability < 1.
 */
function connectionProbability(conn: Connection, probability: number, connSeed: number | null): void {
  if (typeof probability !== "number") throw typeError("probability", "float", probability);
  if (Number.isNaN(probability) || probability <= 0.0 || probability >= 1.0) {
    throw new ValueError("probability must be in the range (0,1)");
  }
  if (connSeed !== null && (typeof connSeed !== "number" || !Number.isSafeInteger(connSeed) || connSeed < 0)) {
    throw new TypeError(`connSeed must be a non-negative integer or null, got ${pyRepr(connSeed)}`);
  }
  const rng = defaultRng(connSeed);
  let n = 0;
  for (const t of conn.gidPairs.values()) n += t.length;
  const nKeep = roundHalfEven(n * probability);
  const keep = new Set<number>(rng.choice(n, nKeep, { replace: false }));
  let idx = 0;
  const remove: number[] = [];
  for (const [src, targets] of conn.gidPairs) {
    const kept: number[] = [];
    for (const t of targets) {
      if (keep.has(idx)) kept.push(t);
      idx++;
    }
    if (kept.length > 0) conn.gidPairs.set(src, kept);
    else remove.push(src);
  }
  for (const s of remove) conn.gidPairs.delete(s);
}

/**
 * Distance-dependent weight and delay of one NetCon (NETWORK.md §5, hnn-core `_get_gaussian_connection`):
 * `weight = A_weight·gain·exp(-d²/L²)`, `delay = A_delay / exp(-d²/L²)`, d in the x-y plane,
 * L = lamtha · inplaneDistance. Uses numpy's exp values where known (`npExp`).
 */
export function gaussianConnection(
  srcPos: ArrayLike<number>,
  targetPos: ArrayLike<number>,
  ncDict: Pick<NcDict, "A_weight" | "A_delay" | "lamtha" | "gain">,
  inplaneDistance = 1.0,
): { weight: number; delay: number } {
  const xd = targetPos[0] - srcPos[0];
  const yd = targetPos[1] - srcPos[1];
  const dist = Math.sqrt(xd ** 2 + yd ** 2);
  const L = ncDict.lamtha * inplaneDistance;
  const g = npExp(-(dist ** 2) / L ** 2);
  return { weight: ncDict.A_weight * ncDict.gain * g, delay: ncDict.A_delay / (1 * g) };
}
