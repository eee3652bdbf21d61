// The node forest of all cells (NUMERICS.md §1-2, §3 steps 3-6): per-node arrays in structure-of-
// arrays form, nodes numbered parent-before-child, one Hines solve over every cell at once.
import { ldf, stf, ldi, ldf2, stf2, kv, ldc2, stc2, reserve } from "./util";

// f64x2 constants (util.ts kv): the 0.001 mV step of the numerical di/dv; the ±1000 mV blow-up limit.
// @ts-ignore: decorator
@lazy const K = memory.data<f64>([0.001, 0.001, 1000.0, 1000.0]);

/** Membrane potential (mV). */
export const v = new Array<f64>(0);
/** Node area (µm²); zero-area nodes carry the nominal 100 (NUMERICS.md §2). */
export const area = new Array<f64>(0);
/** Specific capacitance (µF/cm²); 0 on zero-area nodes. */
export const cm = new Array<f64>(0);
/** Parent node, -1 for a cell's root node. */
export const parent = new Array<i32>(0);
/** Resistance to the parent node (MΩ); 0 for roots. */
export const ri = new Array<f64>(0);
/** Coefficient of Δv_parent in this node's row (NUMERICS.md §2, b_i). */
export const bco = new Array<f64>(0);
/** Coefficient of Δv_i in the parent's row (a_i). */
export const aco = new Array<f64>(0);
/** Matrix diagonal and right-hand side, assembled every step. */
export const diag = new Array<f64>(0);
export const rhs = new Array<f64>(0);
/** Section of each node (-1 for root nodes), for error messages. */
export const nodeSection = new Array<i32>(0);

/** Per-section first interior node, segment count and end (x = 1) node. */
export const secFirst = new Array<i32>(0);
export const secNseg = new Array<i32>(0);
export const secEnd = new Array<i32>(0);

/** Room for nNodes more nodes and nSections more sections, so that adding them regrows no array. */
export function reserveTree(nNodes: i32, nSections: i32): void {
  reserve(v, nNodes);
  reserve(area, nNodes);
  reserve(cm, nNodes);
  reserve(parent, nNodes);
  reserve(ri, nNodes);
  reserve(bco, nNodes);
  reserve(aco, nNodes);
  reserve(diag, nNodes);
  reserve(rhs, nNodes);
  reserve(nodeSection, nNodes);
  reserve(secFirst, nSections);
  reserve(secNseg, nSections);
  reserve(secEnd, nSections);
}

function pushNode(vInit: f64, areaUm2: f64, cmUf: f64, par: i32, riMohm: f64, sec: i32): i32 {
  const i = v.length;
  v.push(vInit);
  area.push(areaUm2);
  cm.push(cmUf);
  parent.push(par);
  ri.push(riMohm);
  if (par < 0) {
    bco.push(0.0);
    aco.push(0.0);
  } else {
    const g = 1.0 / riMohm;
    // NUMERICS.md §2: b_i = −100·G/area_i, a_i = −100·G/area_parent.
    bco.push((-100.0 * g) / areaUm2);
    aco.push((-100.0 * g) / unchecked(area[par]));
  }
  diag.push(0.0);
  rhs.push(0.0);
  nodeSection.push(sec);
  return i;
}

/** Whether nd is a node index. */
export function isNode(nd: i32): bool {
  return nd >= 0 && nd < v.length;
}

/** Whether sec is a section index. */
export function isSection(sec: i32): bool {
  return sec >= 0 && sec < secFirst.length;
}

/** A cell's root node (the soma's x = 0 end, zero-area). */
export function addRoot(vInit: f64): i32 {
  return pushNode(vInit, 100.0, 0.0, -1, 0.0, -1);
}

/**
 * A section of nseg segments attached at node `parentNode`: nseg interior nodes and one
 * zero-area node at x = 1. Returns the section index.
 */
export function addSection(parentNode: i32, lengthUm: f64, diamUm: f64, raOhmCm: f64, cmUf: f64, nseg: i32, vInit: f64): i32 {
  const sec = secFirst.length;
  // CELLS.md §2: NEURON stores 3-D diameters as float32.
  const d = <f64>(<f32>diamUm);
  const delta = lengthUm / <f64>nseg;
  const areaInt = Math.PI * d * delta;
  // NUMERICS.md §2: half-segment resistance (MΩ).
  const rHalf = ((raOhmCm * (delta / 2.0)) / ((Math.PI * d * d) / 4.0)) * 0.01;
  let prev = parentNode;
  let first = -1;
  for (let k = 1; k <= nseg; k++) {
    const node = pushNode(vInit, areaInt, cmUf, prev, k == 1 ? rHalf : 2.0 * rHalf, sec);
    if (k == 1) first = node;
    prev = node;
  }
  const end = pushNode(vInit, 100.0, 0.0, prev, rHalf, sec);
  secFirst.push(first);
  secNseg.push(nseg);
  secEnd.push(end);
  return sec;
}

/** Reset diagonal and right-hand side before assembly (NUMERICS.md §3 step 3). */
export function clearMatrix(): void {
  const bytes = <usize>v.length << 3;
  memory.fill(diag.dataStart, 0, bytes);
  memory.fill(rhs.dataStart, 0, bytes);
}

/** Capacitance terms (NUMERICS.md §3 step 4), after the membrane currents. */
export function addCapacitance(dt: f64): void {
  const n = v.length;
  const dp = diag.dataStart;
  const cp = cm.dataStart;
  // capac.cpp: cfac = 0.001 · (1/dt).
  const cfac = f64x2.splat(0.001 * (1.0 / dt));
  for (let i = 0; i < n; i += 2) {
    const j = min(i + 1, n - 1); // an odd count's last node fills both lanes
    stc2(dp, i, j, f64x2.add(ldc2(dp, i, j), f64x2.mul(ldc2(cp, i, j), cfac)));
  }
}

/** Axial terms (NUMERICS.md §3 steps 3-4), after the capacitance. */
export function addAxial(): void {
  const n = v.length;
  const vp = v.dataStart;
  const dp = diag.dataStart;
  const rp = rhs.dataStart;
  const pp = parent.dataStart;
  const ap = aco.dataStart;
  const bp = bco.dataStart;
  for (let i = 0; i < n; i++) {
    const p = ldi(pp, i);
    if (p < 0) continue;
    const dv = ldf(vp, p) - ldf(vp, i);
    const b = ldf(bp, i);
    const a = ldf(ap, i);
    stf(rp, i, ldf(rp, i) - b * dv);
    stf(rp, p, ldf(rp, p) + a * dv);
    stf(dp, i, ldf(dp, i) - b);
    stf(dp, p, ldf(dp, p) - a);
  }
}

/**
 * Hines elimination over a parent-before-child forest (NUMERICS.md §3 step 5): rhs becomes Δv.
 * Works on raw pointers so engine specs can run it on small hand-made trees.
 */
export function hinesSolve(n: i32, pp: usize, ap: usize, bp: usize, dp: usize, rp: usize): void {
  solveLanes(0, n, 0, pp, ap, bp, dp, rp);
}

/**
 * Hines elimination of nodes [first, first + len) in lane 0 and, in lane 1, of the same-shaped
 * nodes `delta` further on (delta 0: one system in both lanes). Trees are independent, so solving
 * two cells side by side keeps every cell's operation order (DESIGN.md, speed probe).
 */
function solveLanes(first: i32, len: i32, delta: i32, pp: usize, ap: usize, bp: usize, dp: usize, rp: usize): void {
  for (let i = first + len - 1; i >= first; i--) {
    const p = ldi(pp, i);
    if (p < 0) continue;
    const j = i + delta, q = p + delta;
    const f = f64x2.div(ldf2(ap, i, j), ldf2(dp, i, j));
    stf2(dp, p, q, f64x2.sub(ldf2(dp, p, q), f64x2.mul(f, ldf2(bp, i, j))));
    stf2(rp, p, q, f64x2.sub(ldf2(rp, p, q), f64x2.mul(f, ldf2(rp, i, j))));
  }
  for (let i = first; i < first + len; i++) {
    const p = ldi(pp, i);
    const j = i + delta;
    const r = p < 0 ? ldf2(rp, i, j) : f64x2.sub(ldf2(rp, i, j), f64x2.mul(ldf2(bp, i, j), ldf2(rp, p, p + delta)));
    stf2(rp, i, j, f64x2.div(r, ldf2(dp, i, j)));
  }
}

// Solve groups: [first node, node count, lane-1 offset]; a cell is paired with the next cell of
// identical shape, else solved alone (offset 0). Rebuilt by prepareSolve().
const groupFirst = new Array<i32>(0);
const groupLen = new Array<i32>(0);
const groupDelta = new Array<i32>(0);

/** True when the cells starting at nodes r and s have n nodes each, laid out alike. */
function sameShape(r: i32, s: i32, n: i32): bool {
  for (let k = 0; k < n; k++) {
    const p = unchecked(parent[r + k]), q = unchecked(parent[s + k]);
    if ((p < 0) != (q < 0) || (p >= 0 && p - r != q - s)) return false;
  }
  return true;
}

/** Splits the forest into cells (contiguous node ranges, one root each) and pairs them. */
export function prepareSolve(): void {
  groupFirst.length = 0;
  groupLen.length = 0;
  groupDelta.length = 0;
  const n = v.length;
  // A cell's range runs to the next root; if any node's parent lies outside it, solve as one forest.
  let pending = -1;
  let pendingLen = 0;
  for (let r = 0; r < n; ) {
    let e = r + 1;
    while (e < n && unchecked(parent[e]) >= 0) e++;
    for (let k = r + 1; k < e; k++) {
      if (unchecked(parent[k]) < r) {
        groupFirst.length = 0;
        groupLen.length = 0;
        groupDelta.length = 0;
        pushGroup(0, n, 0);
        return;
      }
    }
    if (pending >= 0 && pendingLen == e - r && sameShape(pending, r, e - r)) {
      pushGroup(pending, pendingLen, r - pending);
      pending = -1;
    } else {
      if (pending >= 0) pushGroup(pending, pendingLen, 0);
      pending = r;
      pendingLen = e - r;
    }
    r = e;
  }
  if (pending >= 0) pushGroup(pending, pendingLen, 0);
}

function pushGroup(first: i32, len: i32, delta: i32): void {
  groupFirst.push(first);
  groupLen.push(len);
  groupDelta.push(delta);
}

/** Solve and update v for all nodes (NUMERICS.md §3 steps 5-6); returns the first non-finite or runaway node, or -1. */
export function solveAndUpdate(): i32 {
  const n = v.length;
  const pp = parent.dataStart, ap = aco.dataStart, bp = bco.dataStart, dp = diag.dataStart;
  const vp = v.dataStart, rp = rhs.dataStart;
  for (let g = 0; g < groupFirst.length; g++) {
    solveLanes(unchecked(groupFirst[g]), unchecked(groupLen[g]), unchecked(groupDelta[g]), pp, ap, bp, dp, rp);
  }
  let bad = -1;
  const limit = kv(K, 1);
  for (let i = 0; i < n; i += 2) {
    const j = min(i + 1, n - 1); // an odd count's last node fills both lanes
    const x = f64x2.add(ldc2(vp, i, j), ldc2(rp, i, j));
    stc2(vp, i, j, x);
    // A membrane potential beyond ±1000 mV (or NaN) means the integration has blown up.
    const ok = i64x2.bitmask(f64x2.lt(f64x2.abs(x), limit));
    if (ok != 3 && bad < 0) bad = (ok & 1) == 0 ? i : j;
  }
  return bad;
}

/**
 * A density mechanism's current at two nodes (NUMERICS.md §3 steps 3-4): rhs −= I(v), diag +=
 * (I(v + 0.001) − I(v))/0.001, lane 0 at node a, lane 1 at node b. A mechanism has one instance per
 * node (NEURON's insert), so a ≠ b except when both lanes hold the same instance.
 */
// @ts-ignore: decorator
@inline export function addCurrent2(a: i32, b: i32, i1: v128, i0: v128): void {
  const rp = rhs.dataStart, dp = diag.dataStart;
  stf2(rp, a, b, f64x2.sub(ldf2(rp, a, b), i0));
  stf2(dp, a, b, f64x2.add(ldf2(dp, a, b), f64x2.div(f64x2.sub(i1, i0), kv(K, 0))));
}

/** An ohmic current i = g·(v − e) (mA/cm²) at nodes a, b as addCurrent2 takes it; returns i at v. */
// @ts-ignore: decorator
@inline export function addOhmic2(a: i32, b: i32, g: v128, e: v128): v128 {
  const vm = ldf2(v.dataStart, a, b);
  const i0 = f64x2.mul(g, f64x2.sub(vm, e));
  addCurrent2(a, b, f64x2.mul(g, f64x2.sub(f64x2.add(vm, kv(K, 0)), e)), i0);
  return i0;
}
