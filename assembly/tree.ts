// The node forest of all cells (NUMERICS.md §1-2, §3 steps 3-6): per-node arrays in structure-of-
// arrays form, nodes numbered parent-before-child, one Hines solve over every cell at once.
import { ldf, stf, ldi } from "./util";

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
  const n = v.length;
  const dp = diag.dataStart;
  const rp = rhs.dataStart;
  for (let i = 0; i < n; i++) {
    stf(dp, i, 0.0);
    stf(rp, i, 0.0);
  }
}

/** Capacitance and axial terms (NUMERICS.md §3 steps 3-4), after the membrane currents. */
export function addCapacitanceAndAxial(dt: f64): void {
  const n = v.length;
  const vp = v.dataStart;
  const dp = diag.dataStart;
  const rp = rhs.dataStart;
  const cp = cm.dataStart;
  const pp = parent.dataStart;
  const ap = aco.dataStart;
  const bp = bco.dataStart;
  // capac.cpp: cfac = 0.001 · (1/dt).
  const cfac = 0.001 * (1.0 / dt);
  for (let i = 0; i < n; i++) stf(dp, i, ldf(dp, i) + ldf(cp, i) * cfac);
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
  for (let i = n - 1; i >= 0; i--) {
    const p = ldi(pp, i);
    if (p < 0) continue;
    const f = ldf(ap, i) / ldf(dp, i);
    stf(dp, p, ldf(dp, p) - f * ldf(bp, i));
    stf(rp, p, ldf(rp, p) - f * ldf(rp, i));
  }
  for (let i = 0; i < n; i++) {
    const p = ldi(pp, i);
    if (p < 0) stf(rp, i, ldf(rp, i) / ldf(dp, i));
    else stf(rp, i, (ldf(rp, i) - ldf(bp, i) * ldf(rp, p)) / ldf(dp, i));
  }
}

/** Solve and update v for all nodes (NUMERICS.md §3 steps 5-6); returns the first non-finite or runaway node, or -1. */
export function solveAndUpdate(): i32 {
  const n = v.length;
  hinesSolve(n, parent.dataStart, aco.dataStart, bco.dataStart, diag.dataStart, rhs.dataStart);
  const vp = v.dataStart;
  const rp = rhs.dataStart;
  let bad = -1;
  for (let i = 0; i < n; i++) {
    const x = ldf(vp, i) + ldf(rp, i);
    stf(vp, i, x);
    // A membrane potential beyond ±1000 mV (or NaN) means the integration has blown up.
    if (!(Math.abs(x) < 1000.0) && bad < 0) bad = i;
  }
  return bad;
}
