// Rate TABLEs of the tabulated mechanisms (CHANNELS.md "Rate tables"): every table row equals the
// closed-form rates at NEURON's accumulated grid point, a lookup at a grid point returns that row,
// a lookup between grid points is NEURON's linear interpolation, and lookups clamp at both ends.
//
// The closed forms below are written independently of assembly/mechanisms/*.ts, in the operation
// order of the C code nocmodl generates from hnn-core's .mod files (e.g. km.mod `ntau = 1/tadj/(a+b)`
// → `1.0 / tadj / (a + b)`), so a wrong formula or a different rounding order makes a test fail.
import { RateTable, tableOut } from "../../assembly/tables";
import * as temperature from "../../assembly/mechanisms/temperature";
import * as hh2 from "../../assembly/mechanisms/hh2";
import * as km from "../../assembly/mechanisms/km";
import * as ca from "../../assembly/mechanisms/ca";
import * as cat from "../../assembly/mechanisms/cat";
import * as ar from "../../assembly/mechanisms/ar";

const CELSIUS: f64 = 37.0;

// hh2.mod: q10 = 3^((celsius − temp − tshift)/10), temp 6.3, tshift 30.7.
const Q10_HH2: f64 = Math.pow(3.0, (CELSIUS - 6.3 - 30.7) / 10.0);
// km.mod / ca.mod: tadj = q10^((celsius − temp − tshift)/10), q10 2.3, temp 23, tshift 30.7.
const TADJ: f64 = Math.pow(2.3, (CELSIUS - 23.0 - 30.7) / 10.0);

type Rates = (v: f64, out: StaticArray<f64>) => void;

// ---- closed forms (columns in the engine's table column order) ---------------------------------

function vtrapRef(x: f64, y: f64): f64 {
  if (Math.abs(x / y) < 1e-6) return y * (1.0 - x / y / 2.0);
  return x / (Math.exp(x / y) - 1.0);
}

/** hh2.mod rates(v): columns minf, mtau, hinf, htau, ninf, ntau. */
function hh2Ref(v: f64, out: StaticArray<f64>): void {
  let alpha = 0.1 * vtrapRef(-(v + 40.0), 10.0);
  let beta = 4.0 * Math.exp(-(v + 65.0) / 18.0);
  let sum = alpha + beta;
  out[1] = 1.0 / (Q10_HH2 * sum);
  out[0] = alpha / sum;
  alpha = 0.07 * Math.exp(-(v + 65.0) / 20.0);
  beta = 1.0 / (Math.exp(-(v + 35.0) / 10.0) + 1.0);
  sum = alpha + beta;
  out[3] = 1.0 / (Q10_HH2 * sum);
  out[2] = alpha / sum;
  alpha = 0.01 * vtrapRef(-(v + 55.0), 10.0);
  beta = 0.125 * Math.exp(-(v + 65.0) / 80.0);
  sum = alpha + beta;
  out[5] = 1.0 / (Q10_HH2 * sum);
  out[4] = alpha / sum;
}

/** km.mod rates(v): columns ninf, ntau (tha −30, qa 9, Ra = Rb = 0.001). */
function kmRef(v: f64, out: StaticArray<f64>): void {
  const a = (0.001 * (v - -30.0)) / (1.0 - Math.exp(-(v - -30.0) / 9.0));
  const b = (-0.001 * (v - -30.0)) / (1.0 - Math.exp((v - -30.0) / 9.0));
  out[1] = 1.0 / TADJ / (a + b);
  out[0] = a / (a + b);
}

/** ca.mod rates(vm): columns minf, mtau, hinf, htau. */
function caRef(v: f64, out: StaticArray<f64>): void {
  let a = (0.055 * (-27.0 - v)) / (Math.exp((-27.0 - v) / 3.8) - 1.0);
  let b = 0.94 * Math.exp((-75.0 - v) / 17.0);
  out[1] = 1.0 / TADJ / (a + b);
  out[0] = a / (a + b);
  a = 0.000457 * Math.exp((-13.0 - v) / 50.0);
  b = 0.0065 / (Math.exp((-v - 15.0) / 28.0) + 1.0);
  out[3] = 1.0 / TADJ / (a + b);
  out[2] = a / (a + b);
}

/** cat.mod settables(v): columns minf, mtau, hinf, htau. */
function catRef(v: f64, out: StaticArray<f64>): void {
  out[0] = 1.0 / (1.0 + Math.exp((-v - 56.0) / 6.2));
  out[1] = 0.204 + 0.333 / (Math.exp((v + 15.8) / 18.2) + Math.exp((-v - 131.0) / 16.7));
  out[2] = 1.0 / (1.0 + Math.exp((v + 80.0) / 4.0));
  if (v < -81.0) out[3] = 0.333 * Math.exp((v + 466.0) / 66.6);
  else out[3] = 9.32 + 0.333 * Math.exp((-v - 21.0) / 10.5);
}

/** ar.mod settables(v): columns minf, mtau. */
function arRef(v: f64, out: StaticArray<f64>): void {
  out[0] = 1.0 / (1.0 + Math.exp((v + 75.0) / 5.5));
  out[1] = 1.0 / (Math.exp(-14.6 - 0.086 * v) + Math.exp(-1.87 + 0.07 * v));
}

// ---- the checks ----------------------------------------------------------------------------------

/** Reference table: NEURON's grid x_{i+1} = x_i + Δ (repeated addition), rows of closed forms. */
class RefTable {
  x: Array<f64>;
  t: Array<f64>;
  mfac: f64;
  dx: f64;
  constructor(public lo: f64, public hi: f64, public n: i32, public nc: i32, fn: Rates) {
    this.x = new Array<f64>(n + 1);
    this.t = new Array<f64>((n + 1) * nc);
    const dx = (hi - lo) / <f64>n;
    this.dx = dx;
    this.mfac = 1.0 / dx;
    const row = new StaticArray<f64>(8);
    let x = lo;
    for (let i = 0; i <= n; i++) {
      fn(x, row);
      this.x[i] = x;
      for (let c = 0; c < nc; c++) this.t[i * nc + c] = row[c];
      x += dx;
    }
  }

  /** NEURON's lookup (_n_<proc> in the generated C): ξ = mfac·(v − lo), clamp, interpolate. */
  lookup(v: f64, c: i32): f64 {
    const xi = this.mfac * (v - this.lo);
    if (xi <= 0.0) return this.t[c];
    if (xi >= <f64>this.n) return this.t[this.n * this.nc + c];
    const i = <i32>xi;
    const theta = xi - <f64>i;
    const t0 = this.t[i * this.nc + c];
    return t0 + theta * (this.t[(i + 1) * this.nc + c] - t0);
  }
}

/** Number of table rows whose columns differ from the closed form (exact comparison). */
function rowMismatches(name: string, tab: RateTable, ref: RefTable): i32 {
  let bad = 0;
  for (let i = 0; i <= ref.n; i++) {
    for (let c = 0; c < ref.nc; c++) {
      const got = tab.data[i * ref.nc + c];
      const want = ref.t[i * ref.nc + c];
      if (got != want) {
        if (bad < 3) log(name + " row " + i.toString() + " col " + c.toString() + " v=" + ref.x[i].toString() + ": table " + got.toString() + " closed form " + want.toString());
        bad++;
      }
    }
  }
  return bad;
}

/** Lookups at every grid point: exact closed form where ξ is an integer, else NEURON's interpolation. */
function gridLookupMismatches(name: string, tab: RateTable, ref: RefTable): i32 {
  let bad = 0;
  for (let i = 0; i <= ref.n; i++) {
    const v = ref.x[i];
    tab.lookup(v);
    const xiIntegral = ref.mfac * (v - ref.lo) == <f64>i;
    for (let c = 0; c < ref.nc; c++) {
      const got = tableOut[c];
      const exact = ref.t[i * ref.nc + c];
      const want = xiIntegral ? exact : ref.lookup(v, c);
      // Where ξ lands a hair below i, NEURON interpolates with θ ≈ 1: still within 1e-12 of the row.
      const close = Math.abs(got - exact) <= 1e-12 * Math.abs(exact);
      if (got != want || !close) {
        if (bad < 3) log(name + " grid " + i.toString() + " col " + c.toString() + ": lookup " + got.toString() + " expected " + want.toString());
        bad++;
      }
    }
  }
  return bad;
}

/** Lookups between grid points equal T[i] + θ·(T[i+1] − T[i]) and lie between the two rows. */
function interpolationMismatches(name: string, tab: RateTable, ref: RefTable): i32 {
  const fracs: StaticArray<f64> = [0.125, 0.5, 0.875, 0.999];
  let bad = 0;
  for (let i = 0; i < ref.n; i++) {
    for (let k = 0; k < fracs.length; k++) {
      const v = ref.x[i] + fracs[k] * ref.dx;
      tab.lookup(v);
      for (let c = 0; c < ref.nc; c++) {
        const got = tableOut[c];
        const want = ref.lookup(v, c);
        const lo = Math.min(ref.t[i * ref.nc + c], ref.t[(i + 1) * ref.nc + c]);
        const hi = Math.max(ref.t[i * ref.nc + c], ref.t[(i + 1) * ref.nc + c]);
        const tol = 1e-15 * Math.max(Math.abs(lo), Math.abs(hi));
        if (got != want || got < lo - tol || got > hi + tol) {
          if (bad < 3) log(name + " v=" + v.toString() + " col " + c.toString() + ": lookup " + got.toString() + " expected " + want.toString());
          bad++;
        }
      }
    }
  }
  return bad;
}

/** Lookups outside [lo, hi] return row 0 / row N exactly. */
function clampMismatches(name: string, tab: RateTable, ref: RefTable): i32 {
  const below: StaticArray<f64> = [ref.lo, ref.lo - 1e-9, ref.lo - 1.0, ref.lo - 500.0, -1e300];
  const above: StaticArray<f64> = [ref.hi + 1e-6, ref.hi + 1.0, ref.hi + 500.0, 1e300];
  let bad = 0;
  for (let k = 0; k < below.length; k++) {
    tab.lookup(below[k]);
    for (let c = 0; c < ref.nc; c++) {
      if (tableOut[c] != ref.t[c]) {
        if (bad < 3) log(name + " clamp below v=" + below[k].toString() + " col " + c.toString() + ": " + tableOut[c].toString() + " != " + ref.t[c].toString());
        bad++;
      }
    }
  }
  for (let k = 0; k < above.length; k++) {
    tab.lookup(above[k]);
    for (let c = 0; c < ref.nc; c++) {
      const want = ref.t[ref.n * ref.nc + c];
      if (tableOut[c] != want) {
        if (bad < 3) log(name + " clamp above v=" + above[k].toString() + " col " + c.toString() + ": " + tableOut[c].toString() + " != " + want.toString());
        bad++;
      }
    }
  }
  return bad;
}

function checkShape(tab: RateTable, ref: RefTable): void {
  expect(tab.n).toBe(ref.n, "number of intervals");
  expect(tab.nCols).toBe(ref.nc, "number of columns");
  expect(tab.lo).toBe(ref.lo, "lowest voltage");
  expect(tab.mfac).toBe(ref.mfac, "1/Δ");
  expect(tab.data.length).toBe((ref.n + 1) * ref.nc, "N + 1 rows");
}

// Tables are built as finitialize does (assembly/mechanisms/registry.ts initialize): temperature first.
temperature.setCelsius(CELSIUS);
hh2.gates.build();
km.gates.build();
ca.gates.build();
cat.gates.build();
ar.gates.build();

const hh2Ref_ = new RefTable(-100.0, 100.0, 200, 6, hh2Ref);
const kmRef_ = new RefTable(-120.0, 100.0, 199, 2, kmRef);
const caRef_ = new RefTable(-120.0, 100.0, 199, 4, caRef);
const catRef_ = new RefTable(-120.0, 40.0, 641, 4, catRef);
const arRef_ = new RefTable(-120.0, 40.0, 641, 2, arRef);

const hh2Tab = hh2.gates.table!;
const kmTab = km.gates.table!;
const caTab = ca.gates.table!;
const catTab = cat.gates.table!;
const arTab = ar.gates.table!;

describe("temperature factors at 37 °C (CHANNELS.md)", () => {
  it("hh2 q10 is exactly 1", () => {
    expect(Q10_HH2).toBe(1.0);
  });
  it("tadj of km/ca/kca is 0.2488367461978179 and the engine uses it", () => {
    expect(TADJ).toBe(0.2488367461978179);
    expect(temperature.tadjK).toBe(TADJ);
  });
});

describe("hh2 rate table (−100..100 mV, 200 intervals)", () => {
  it("has NEURON's grid", () => {
    checkShape(hh2Tab, hh2Ref_);
  });
  it("rows equal the closed-form rates exactly", () => {
    expect(rowMismatches("hh2", hh2Tab, hh2Ref_)).toBe(0);
  });
  it("lookup at grid points equals the closed form", () => {
    expect(gridLookupMismatches("hh2", hh2Tab, hh2Ref_)).toBe(0);
  });
  it("lookup between grid points is linear interpolation", () => {
    expect(interpolationMismatches("hh2", hh2Tab, hh2Ref_)).toBe(0);
  });
  it("clamps at both ends", () => {
    expect(clampMismatches("hh2", hh2Tab, hh2Ref_)).toBe(0);
  });
  it("vtrap branch: at v = −40 (m) and −55 (n) the grid hits x = 0", () => {
    // ξ is an integer on the 1 mV grid, so the lookup returns the vtrap limit value itself.
    hh2Tab.lookup(-40.0);
    expect(tableOut[0]).toBe(hh2Ref_.t[60 * 6 + 0]);
    hh2Tab.lookup(-55.0);
    expect(tableOut[4]).toBe(hh2Ref_.t[45 * 6 + 4]);
  });
});

describe("km rate table (−120..100 mV, 199 intervals)", () => {
  it("has NEURON's grid", () => {
    checkShape(kmTab, kmRef_);
  });
  it("rows equal the closed-form rates exactly", () => {
    expect(rowMismatches("km", kmTab, kmRef_)).toBe(0);
  });
  it("lookup at grid points equals the closed form", () => {
    expect(gridLookupMismatches("km", kmTab, kmRef_)).toBe(0);
  });
  it("lookup between grid points is linear interpolation", () => {
    expect(interpolationMismatches("km", kmTab, kmRef_)).toBe(0);
  });
  it("clamps at both ends", () => {
    expect(clampMismatches("km", kmTab, kmRef_)).toBe(0);
  });
});

describe("ca rate table (−120..100 mV, 199 intervals)", () => {
  it("has NEURON's grid", () => {
    checkShape(caTab, caRef_);
  });
  it("rows equal the closed-form rates exactly", () => {
    expect(rowMismatches("ca", caTab, caRef_)).toBe(0);
  });
  it("lookup at grid points equals the closed form", () => {
    expect(gridLookupMismatches("ca", caTab, caRef_)).toBe(0);
  });
  it("lookup between grid points is linear interpolation", () => {
    expect(interpolationMismatches("ca", caTab, caRef_)).toBe(0);
  });
  it("clamps at both ends", () => {
    expect(clampMismatches("ca", caTab, caRef_)).toBe(0);
  });
});

describe("cat rate table (−120..40 mV, 641 intervals)", () => {
  it("has NEURON's grid", () => {
    checkShape(catTab, catRef_);
  });
  it("rows equal the closed-form rates exactly", () => {
    expect(rowMismatches("cat", catTab, catRef_)).toBe(0);
  });
  it("lookup at grid points equals the closed form", () => {
    expect(gridLookupMismatches("cat", catTab, catRef_)).toBe(0);
  });
  it("lookup between grid points is linear interpolation", () => {
    expect(interpolationMismatches("cat", catTab, catRef_)).toBe(0);
  });
  it("clamps at both ends", () => {
    expect(clampMismatches("cat", catTab, catRef_)).toBe(0);
  });
});

describe("ar rate table (−120..40 mV, 641 intervals)", () => {
  it("has NEURON's grid", () => {
    checkShape(arTab, arRef_);
  });
  it("rows equal the closed-form rates exactly", () => {
    expect(rowMismatches("ar", arTab, arRef_)).toBe(0);
  });
  it("lookup at grid points equals the closed form", () => {
    expect(gridLookupMismatches("ar", arTab, arRef_)).toBe(0);
  });
  it("lookup between grid points is linear interpolation", () => {
    expect(interpolationMismatches("ar", arTab, arRef_)).toBe(0);
  });
  it("clamps at both ends", () => {
    expect(clampMismatches("ar", arTab, arRef_)).toBe(0);
  });
});
