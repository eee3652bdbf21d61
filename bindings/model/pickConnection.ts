/**
 * hnn-core `pick_connection(net, src_gids=None, target_gids=None, loc=None, receptor=None)`
 * (network.py:200-313, NETWORK.md §6): indices of `net.connectivity` matching all given criteria.
 */

import { VALID_RECEPTORS } from "./connection";
import type { Network } from "./network";
import { checkGids, type GidSelector } from "./populations";
import { checkOption, typeError } from "../util/validate";

/** Search criteria; each may be omitted (null). A list means "any of these" (OR); criteria combine with AND. */
export interface PickConnectionOptions {
  /** Source gids: gid(s), population name(s) (cell types or drives) or a range; mixed types allowed. */
  srcGids?: GidSelector | null;
  /** Target gids: gid(s), cell type name(s) or a range; mixed types allowed. */
  targetGids?: GidSelector | null;
  /** `proximal`, `distal`, `soma`, or a list of them. */
  loc?: string | readonly string[] | null;
  /** `ampa`, `nmda`, `gabaa`, `gabab`, or a list of them. */
  receptor?: string | readonly string[] | null;
}

const VALID_LOC = ["proximal", "distal", "soma"] as const;

function stringInputToList(value: unknown, valid: readonly string[], argName: string): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value !== "string" && !Array.isArray(value)) throw typeError(argName, "str, list, or None", value);
  const list = typeof value === "string" ? [value] : (value as unknown[]);
  for (const item of list) checkOption(argName, item as string, valid);
  return list as string[];
}

/**
 * Sorted indices of the connections that match every non-empty criterion (hnn-core semantics: source
 * and target gids are matched against each connection's full `srcGids` / `targetGids`, not the pruned
 * pairs; an empty criterion is ignored; no criteria gives []).
 * @throws TypeError / ValueError for invalid selectors, as hnn-core.
 */
export function pickConnection(net: Network, opts: PickConnectionOptions = {}): number[] {
  if (typeof opts !== "object" || opts === null) throw typeError("opts", "dict", opts);
  const pops = net.populations;
  const src = emptyOk(opts.srcGids) ? [] : checkGids("src_gids", opts.srcGids, pops, pops.names, false);
  const tgt = emptyOk(opts.targetGids) ? [] : checkGids("target_gids", opts.targetGids, pops, Object.keys(net.cellTypes), false);
  const locList = stringInputToList(opts.loc, VALID_LOC, "loc");
  const recList = stringInputToList(opts.receptor, VALID_RECEPTORS, "receptor");

  const srcDict = new Map<number, number[]>();
  const tgtDict = new Map<number, number[]>();
  const locDict = new Map<string, number[]>();
  const recDict = new Map<string, number[]>();
  const push = <K>(m: Map<K, number[]>, k: K, idx: number) => {
    const l = m.get(k);
    if (l === undefined) m.set(k, [idx]);
    else l.push(idx);
  };
  net.connectivity.forEach((conn, idx) => {
    for (const g of conn.srcGids) push(srcDict, g, idx);
    for (const g of conn.targetGids) push(tgtDict, g, idx);
    push(locDict, conn.loc, idx);
    push(recDict, conn.receptor, idx);
  });

  let connSet: Set<number> | null = null;
  const searches: [unknown[], Map<unknown, number[]>][] = [
    [src, srcDict as Map<unknown, number[]>],
    [tgt, tgtDict as Map<unknown, number[]>],
    [locList, locDict as Map<unknown, number[]>],
    [recList, recDict as Map<unknown, number[]>],
  ];
  for (const [terms, dict] of searches) {
    if (terms.length === 0) continue;
    const inner = new Set<number>();
    for (const term of terms) for (const idx of dict.get(term) ?? []) inner.add(idx);
    if (inner.size === 0) return [];
    if (connSet === null || connSet.size === 0) connSet = inner;
    else {
      const cur: Set<number> = connSet;
      connSet = new Set([...cur].filter((i) => inner.has(i)));
      if (connSet.size === 0) return [];
    }
  }
  return connSet === null ? [] : [...connSet].sort((a, b) => a - b);
}

/** An empty list selects nothing and is ignored (hnn-core would fail with an IndexError). */
function emptyOk(v: unknown): boolean {
  return v === null || v === undefined || (Array.isArray(v) && v.length === 0);
}
