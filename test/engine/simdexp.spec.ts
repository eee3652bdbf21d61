// assembly/simdexp.ts exp2x: both lanes bit-identical to Math.exp (DESIGN.md speed probe), on the
// arguments cnexp sees (dt·(−1/τ)), across the fast path's edges and on the scalar fallback.
import { exp2x } from "../../assembly/simdexp";

/** Arguments where either lane's exp differs from Math.exp in any bit. */
function mismatches(xs: StaticArray<f64>): i32 {
  let bad = 0;
  for (let k = 0; k < xs.length; k++) {
    const x0 = xs[k];
    const x1 = xs[xs.length - 1 - k];
    const y = exp2x(f64x2.replace_lane(f64x2.splat(x0), 1, x1));
    const e0 = Math.exp(x0), e1 = Math.exp(x1);
    const ok0 = reinterpret<u64>(f64x2.extract_lane(y, 0)) == reinterpret<u64>(e0) || (isNaN(e0) && isNaN(f64x2.extract_lane(y, 0)));
    const ok1 = reinterpret<u64>(f64x2.extract_lane(y, 1)) == reinterpret<u64>(e1) || (isNaN(e1) && isNaN(f64x2.extract_lane(y, 1)));
    if (!ok0 || !ok1) {
      if (bad < 3) log("exp2x(" + x0.toString() + ", " + x1.toString() + ") != Math.exp");
      bad++;
    }
  }
  return bad;
}

describe("exp2x", () => {
  it("equals Math.exp on gate-update arguments", () => {
    const xs = new StaticArray<f64>(20000);
    // dt·(−1/τ) for τ from 0.01 ms to 10 s at dt = 0.025 ms, log-spaced.
    for (let k = 0; k < xs.length; k++) xs[k] = 0.025 * (-1.0 / Math.pow(10.0, -2.0 + (6.0 * <f64>k) / <f64>xs.length));
    expect(mismatches(xs)).toBe(0);
  });
  it("equals Math.exp across [−700, 700]", () => {
    const xs = new StaticArray<f64>(20001);
    for (let k = 0; k < xs.length; k++) xs[k] = -700.0 + (1400.0 * <f64>k) / <f64>(xs.length - 1);
    expect(mismatches(xs)).toBe(0);
  });
  it("equals Math.exp at the fast path's edges and special values", () => {
    const xs: StaticArray<f64> = [
      0.0, -0.0, reinterpret<f64>(0x3C90000000000000), -reinterpret<f64>(0x3C90000000000000), reinterpret<f64>(0x3C8FFFFFFFFFFFFF), 1e-300,
      511.9999999999999, 512.0, -512.0, -511.9999999999999, 709.78, 710.0, -745.2, -746.0, -1e300, 1e300,
      Infinity, -Infinity, NaN, 5e-324,
    ];
    expect(mismatches(xs)).toBe(0);
  });
});
