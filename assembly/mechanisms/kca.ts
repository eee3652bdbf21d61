// kca: Ca-activated K current, rates computed directly from cai (CHANNELS.md §kca; kca.mod).
import { cnexp2 } from "../tables";
import { inFastRangeWithMargin } from "../simdexp";
import { cai, attachPool } from "./caion";
import { addTadjKCurrents } from "./km";
import { tadjK } from "./temperature";
import { BUILD_OK } from "../status";
import { ldi, ldf2, kv, ldc2, stc2 } from "../util";

const RA: f64 = 0.01; // /ms
const RB: f64 = 0.02; // /ms
// @ts-ignore: decorator
@lazy const K = memory.data<f64>([RA, RA, RB, RB, 1.0, 1.0]); // f64x2 lanes (util.ts kv)

export const node = new Array<i32>(0);
export const pool = new Array<i32>(0);
export const gbar = new Array<f64>(0); // pS/µm²
export const n = new Array<f64>(0);

/** The instance's Ca pool (cad's at the node) and state; BUILD_NO_ION_POOL without a pool. */
export function attach(nd: i32): i32 {
  const s = attachPool(nd, pool);
  if (s == BUILD_OK) n.push(0.0);
  return s;
}

/** INITIAL n = n∞(cai), after cad's INITIAL. */
export function init(dtMs: f64): void {
  for (let i = 0; i < node.length; i++) {
    const a = RA * unchecked(cai[unchecked(pool[i])]);
    unchecked((n[i] = a / (a + RB)));
  }
}

// kca.mod:83-87: ik = 1e-4·gk·(v − ek), gk = tadj·gbar·n, as km's.
export function addCurrents(): void {
  addTadjKCurrents(node, gbar, n);
}

/** Uses the cai cad has just updated (cad runs first, CHANNELS.md §cad). */
export function updateStates(dt: f64): void {
  if (tausInExpRange(dt)) advanceInRange(dt);
  else advanceChecked(dt);
}

/** kca.mod: ntau = 1/tadj/(a + b), a = Ra·cai, in nocmodl's order of operations. */
function ntau(c: f64): f64 {
  return 1.0 / tadjK / (RA * c + RB);
}

/**
 * Whether cnexp2's exp argument dt·(−1/τ) is in exp2x's fast range for every pool's cai this step:
 * τ falls as cai rises, so τ at the smallest and largest cai bound it (margin as tables.ts).
 */
function tausInExpRange(dt: f64): bool {
  const cnt = cai.length;
  const cp = cai.dataStart;
  let lo = f64x2.splat(Infinity), hi = f64x2.splat(-Infinity), nan = f64x2.splat(0.0);
  for (let i = 0; i < cnt; i += 2) {
    const x = ldc2(cp, i, min(i + 1, cnt - 1));
    lo = f64x2.pmin(lo, x);
    hi = f64x2.pmax(hi, x);
    nan = v128.or(nan, f64x2.ne(x, x));
  }
  const cLo = min(f64x2.extract_lane(lo, 0), f64x2.extract_lane(lo, 1));
  const cHi = max(f64x2.extract_lane(hi, 0), f64x2.extract_lane(hi, 1));
  return !v128.any_true(nan) && cLo >= 0.0 && inFastRangeWithMargin(dt / ntau(cHi)) && inFastRangeWithMargin(dt / ntau(cLo));
}

// One function per exp path (simdexp.ts): a hot loop shares its function with no Math.exp call.
function advanceInRange(dt: f64): void {
  advance(dt, true);
}
function advanceChecked(dt: f64): void {
  advance(dt, false);
}

// @ts-ignore: decorator
@inline function advance(dt: f64, inRange: bool): void {
  const cnt = node.length;
  const pp = pool.dataStart, cp = cai.dataStart, nq = n.dataStart;
  const dtv = f64x2.splat(dt), tadj = f64x2.splat(tadjK), ra = kv(K, 0), rb = kv(K, 1), one = kv(K, 2);
  for (let i = 0; i < cnt; i += 2) {
    const j = min(i + 1, cnt - 1); // an odd count's last instance fills both lanes
    const a = f64x2.mul(ra, ldf2(cp, ldi(pp, i), ldi(pp, j)));
    const ab = f64x2.add(a, rb);
    // kca.mod: ntau = 1/tadj/(a + b), in nocmodl's order of operations.
    const tau = f64x2.div(f64x2.div(one, tadj), ab);
    stc2(nq, i, j, cnexp2(ldc2(nq, i, j), f64x2.div(a, ab), tau, dtv, inRange));
  }
}
