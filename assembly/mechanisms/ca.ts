// ca: high-voltage-activated Ca current writing ica (CHANNELS.md §ca; hnn-core ca.mod).
import { addOhmic2 } from "../tree";
import { GateSet } from "./gates";
import { ica, eca, attachPool } from "./caion";
import { tadjK } from "./temperature";
import { ldi, ldf2, stf2, kv, ldc2 } from "../util";

// f64x2 constant (util.ts kv): 1e-4 (pS/µm² → S/cm²).
// @ts-ignore: decorator
@lazy const K = memory.data<f64>([1e-4, 1e-4]);

export const node = new Array<i32>(0);
export const pool = new Array<i32>(0);
export const gbar = new Array<f64>(0); // pS/µm²
export const m = new Array<f64>(0);
export const h = new Array<f64>(0);

/** The instance's Ca pool (cad's at the node); BUILD_NO_ION_POOL without one. */
export function attach(nd: i32): i32 {
  return attachPool(nd, pool);
}

// ca.mod:110-127 in nocmodl's operation order (mtau = 1/tadj/(a+b)); columns minf, mtau, hinf, htau.
function rates(vm: f64, out: StaticArray<f64>): void {
  const a = (0.055 * (-27.0 - vm)) / (Math.exp((-27.0 - vm) / 3.8) - 1.0);
  const b = 0.94 * Math.exp((-75.0 - vm) / 17.0);
  unchecked((out[1] = 1.0 / tadjK / (a + b)));
  unchecked((out[0] = a / (a + b)));
  const a2 = 0.000457 * Math.exp((-13.0 - vm) / 50.0);
  const b2 = 0.0065 / (Math.exp((-vm - 15.0) / 28.0) + 1.0);
  unchecked((out[3] = 1.0 / tadjK / (a2 + b2)));
  unchecked((out[2] = a2 / (a2 + b2)));
}

/** TABLE from −120 to 100 mV in 199 steps (ca.mod:96-99); INITIAL: m = m∞(v), h = h∞(v). */
export const gates = new GateSet(node, -120.0, 100.0, 199, rates, [m, h]);

/** ca.mod:72-76: ica = 1e-4·gca·(v − eca), gca = tadj·gbar·m²h, pS/µm² → mA/cm², added to the pool's ica. */
export function addCurrents(): void {
  const np = node.dataStart, pp = pool.dataStart, gp = gbar.dataStart, mp = m.dataStart, hp = h.dataStart;
  const ip = ica.dataStart, ep = eca.dataStart;
  const scale = kv(K, 0), tadj = f64x2.splat(tadjK);
  for (let i = 0, cnt = node.length; i < cnt; i += 2) {
    const j = min(i + 1, cnt - 1); // an odd count's last instance fills both lanes
    const p = ldi(pp, i), q = ldi(pp, j);
    const mi = ldc2(mp, i, j);
    const g = f64x2.mul(scale, f64x2.mul(f64x2.mul(f64x2.mul(f64x2.mul(tadj, ldc2(gp, i, j)), mi), mi), ldc2(hp, i, j)));
    const i0 = addOhmic2(ldi(np, i), ldi(np, j), g, ldf2(ep, p, q));
    stf2(ip, p, q, f64x2.add(ldf2(ip, p, q), i0));
  }
}
