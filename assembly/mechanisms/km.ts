// km: slow muscarinic K current (CHANNELS.md §km; hnn-core km.mod).
import { addOhmic2 } from "../tree";
import { GateSet } from "./gates";
import { tadjK } from "./temperature";
import { ldi, kv, ldc2 } from "../util";

const EK: f64 = -77.0;
const THA: f64 = -30.0; // mV
const QA: f64 = 9.0; // mV
const RA: f64 = 0.001; // /ms
const RB: f64 = 0.001; // /ms

// f64x2 constants (util.ts kv): ek, 1e-4 (pS/µm² → S/cm²).
// @ts-ignore: decorator
@lazy const K = memory.data<f64>([EK, EK, 1e-4, 1e-4]);

export const node = new Array<i32>(0);
export const gbar = new Array<f64>(0); // pS/µm²
export const n = new Array<f64>(0);

// km.mod:120-125 in nocmodl's operation order (ntau = 1/tadj/(a+b)); columns ninf, ntau.
function rates(vm: f64, out: StaticArray<f64>): void {
  const a = (RA * (vm - THA)) / (1.0 - Math.exp(-(vm - THA) / QA));
  const b = (-RB * (vm - THA)) / (1.0 - Math.exp((vm - THA) / QA));
  unchecked((out[1] = 1.0 / tadjK / (a + b)));
  unchecked((out[0] = a / (a + b)));
}

/** TABLE from vmin −120 to vmax 100 mV in 199 steps (km.mod:106-110); INITIAL: n = n∞(v). */
export const gates = new GateSet(node, -120.0, 100.0, 199, rates, [n]);

export function addCurrents(): void {
  addTadjKCurrents(node, gbar, n);
}

/** ik = 1e-4·tadj·gbar·n·(v − ek), gbar in pS/µm², at each instance's node (km.mod:89-93, kca.mod:83-87). */
// @ts-ignore: decorator
@inline export function addTadjKCurrents(nodes: Array<i32>, gbars: Array<f64>, states: Array<f64>): void {
  const np = nodes.dataStart, gp = gbars.dataStart, nq = states.dataStart;
  const ek = kv(K, 0), scale = kv(K, 1), tadj = f64x2.splat(tadjK);
  for (let i = 0, cnt = nodes.length; i < cnt; i += 2) {
    const j = min(i + 1, cnt - 1); // an odd count's last instance fills both lanes
    addOhmic2(ldi(np, i), ldi(np, j), f64x2.mul(scale, f64x2.mul(f64x2.mul(tadj, ldc2(gp, i, j)), ldc2(nq, i, j))), ek);
  }
}
