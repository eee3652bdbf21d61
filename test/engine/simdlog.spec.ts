// assembly/simdlog.ts log2x: both lanes bit-identical to Math.log, on the arguments eca sees
// (cao/cai), across the table path's edges, near 1 and on the scalar fallback.
import { log2x } from "../../assembly/simdlog";

/** Deterministic pseudo-random 64-bit patterns (LCG). */
let lcgState: u64 = 0x2545f4914f6cdd1d;
function randBits(): u64 {
  lcgState = lcgState * 6364136223846793005 + 1442695040888963407;
  return lcgState;
}

/** Arguments where either lane's log differs from Math.log in any bit. */
function mismatches(xs: StaticArray<f64>): i32 {
  let bad = 0;
  for (let k = 0; k < xs.length; k++) {
    const x0 = xs[k];
    const x1 = xs[xs.length - 1 - k];
    const y = log2x(f64x2.replace_lane(f64x2.splat(x0), 1, x1));
    const e0 = Math.log(x0), e1 = Math.log(x1);
    const ok0 = reinterpret<u64>(f64x2.extract_lane(y, 0)) == reinterpret<u64>(e0) || (isNaN(e0) && isNaN(f64x2.extract_lane(y, 0)));
    const ok1 = reinterpret<u64>(f64x2.extract_lane(y, 1)) == reinterpret<u64>(e1) || (isNaN(e1) && isNaN(f64x2.extract_lane(y, 1)));
    if (!ok0 || !ok1) {
      if (bad < 3) log("log2x(" + x0.toString() + ", " + x1.toString() + ") != Math.log");
      bad++;
    }
  }
  return bad;
}

describe("log2x", () => {
  it("equals Math.log on eca arguments", () => {
    const xs = new StaticArray<f64>(40000);
    // cao/cai = 2 mM / cai for cai from 1e-7 to 10 mM, log-spaced.
    for (let k = 0; k < xs.length; k++) xs[k] = 2.0 / Math.pow(10.0, -7.0 + (8.0 * <f64>k) / <f64>xs.length);
    expect(mismatches(xs)).toBe(0);
  });
  it("equals Math.log across [1e-300, 1e300]", () => {
    const xs = new StaticArray<f64>(40001);
    for (let k = 0; k < xs.length; k++) xs[k] = Math.pow(10.0, -300.0 + (600.0 * <f64>k) / <f64>(xs.length - 1));
    expect(mismatches(xs)).toBe(0);
  });
  it("equals Math.log around 1 and every table interval", () => {
    const xs = new StaticArray<f64>(40000);
    for (let k = 0; k < xs.length; k++) xs[k] = 0.5 + (1.5 * <f64>k) / <f64>xs.length + 1e-9 * <f64>(k % 7);
    expect(mismatches(xs)).toBe(0);
  });
  it("equals Math.log on random bit patterns (every sign, exponent and mantissa)", () => {
    const xs = new StaticArray<f64>(200000);
    for (let k = 0; k < xs.length; k++) xs[k] = reinterpret<f64>(randBits());
    expect(mismatches(xs)).toBe(0);
  });
  it("equals Math.log at the table path's edges and special values", () => {
    const xs: StaticArray<f64> = [
      1.0, reinterpret<f64>(0x3FEE000000000000), reinterpret<f64>(0x3FEDFFFFFFFFFFFF), reinterpret<f64>(0x3FF1090000000000),
      reinterpret<f64>(0x3FF108FFFFFFFFFF), reinterpret<f64>(0x0010000000000000), reinterpret<f64>(0x000FFFFFFFFFFFFF), 5e-324,
      reinterpret<f64>(0x7FEFFFFFFFFFFFFF), 0.0, -0.0, -1.0, Infinity, -Infinity, NaN, 2.0, 20000.0, 1e-100,
    ];
    expect(mismatches(xs)).toBe(0);
  });
});
