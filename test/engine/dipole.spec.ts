// Dipole terms and recording buffers (assembly/record.ts; DIPOLE.md §2, NUMERICS.md §2, §3 step 10,
// §4 item 9) on a hand-built tree with hand-set voltages: per-node contributions, whole sections
// against DIPOLE.md's sum and against its closed form, groups summed apart, sample layout and count.
import * as tree from "../../assembly/tree";
import * as syn from "../../assembly/synapses";
import * as rec from "../../assembly/record";
import { halfSegmentResistance, sectionDipole } from "./dipoleRef";

/** Deterministic pseudo-random numbers in [0, 1) (64-bit LCG, top 53 bits). */
let lcgState: u64 = 0x5851f42d4c957f2d;
function rand(): f64 {
  lcgState = lcgState * 6364136223846793005 + 1442695040888963407;
  return <f64>(lcgState >> 11) / 9007199254740992.0;
}

/** |x − y| ≤ n units in the last place of y's magnitude. */
function withinUlps(x: f64, y: f64, n: f64): bool {
  const u = reinterpret<f64>(reinterpret<u64>(Math.abs(y)) + 1) - Math.abs(y);
  return Math.abs(x - y) <= n * u;
}

// Geometry (L µm, diam µm, Ra Ω·cm, nseg) of every section, by section index.
const LEN: StaticArray<f64> = [39.0, 306.0, 255.0, 85.0, 255.0, 100.0];
const DIAM: StaticArray<f64> = [28.9, 4.08, 5.1, 6.4, 2.0, 3.0];
const RA: StaticArray<f64> = [200.0, 200.0, 200.0, 200.0, 200.0, 150.0];
const NSEG: StaticArray<i32> = [1, 7, 5, 3, 8, 4];

// A pyramidal-like cell: soma (L5's), apical (L2's apical_1) and an oblique on the soma's x = 1
// end, a basal on the root and a second basal on its end; a second cell: one probe section.
const root = tree.addRoot(-65.0);
const soma = tree.addSection(root, LEN[0], DIAM[0], RA[0], 1.0, NSEG[0], -65.0);
const apical = tree.addSection(tree.secEnd[soma], LEN[1], DIAM[1], RA[1], 1.0, NSEG[1], -65.0);
const oblique = tree.addSection(tree.secEnd[soma], LEN[2], DIAM[2], RA[2], 1.0, NSEG[2], -65.0);
const basal = tree.addSection(root, LEN[3], DIAM[3], RA[3], 1.0, NSEG[3], -65.0);
const basal2 = tree.addSection(tree.secEnd[basal], LEN[4], DIAM[4], RA[4], 1.0, NSEG[4], -65.0);
const probeRoot = tree.addRoot(-65.0);
const probe = tree.addSection(probeRoot, LEN[5], DIAM[5], RA[5], 1.0, NSEG[5], -65.0);
const COS_BASAL2: f64 = -1.0 / Math.sqrt(2.0);
const COS_PROBE: f64 = 0.5;

// Groups: 0 the whole cell (cos θ as in DIPOLE.md's table), 1 the oblique alone (cos θ = 0),
// 2 and 3 the basal with cos θ = −1 and +1, 4 the probe. Added interleaved, as the bindings may.
rec.addDipoleSection(soma, LEN[0], 1.0, 0);
rec.addDipoleSection(oblique, LEN[2], 0.0, 1);
rec.addDipoleSection(apical, LEN[1], 1.0, 0);
rec.addDipoleSection(basal, LEN[3], -1.0, 2);
rec.addDipoleSection(basal, LEN[3], 1.0, 3);
rec.addDipoleSection(basal, LEN[3], -1.0, 0);
rec.addDipoleSection(basal2, LEN[4], COS_BASAL2, 0);
rec.addDipoleSection(probe, LEN[5], COS_PROBE, 4);
rec.addDipoleSection(oblique, LEN[2], 0.0, 0);

// Recordings: two voltages and one synaptic current.
const recSomaV = rec.recordNode(rec.QUANTITY_V, tree.secFirst[soma]);
const recProbeEndV = rec.recordNode(rec.QUANTITY_V, tree.secEnd[probe]);
const synapse = syn.addExp2Syn(tree.secFirst[soma], 0.0, 0.5, 5.0);
const recI = rec.recordSynCurrent(synapse);
const N_SAMPLES = 4;

/** V_0 … V_{n+1} of a section (DIPOLE.md §2's point list) from the current node voltages. */
function sectionVolts(sec: i32): Array<f64> {
  const n = tree.secNseg[sec];
  const first = tree.secFirst[sec];
  const out = new Array<f64>(n + 2);
  out[0] = tree.v[tree.parent[first]];
  for (let k = 1; k <= n; k++) out[k] = tree.v[first + k - 1];
  out[n + 1] = tree.v[tree.secEnd[sec]];
  return out;
}
function dipoleOf(sec: i32, cosTheta: f64): f64 {
  return sectionDipole(sectionVolts(sec), LEN[sec], DIAM[sec], RA[sec], cosTheta);
}
function cellDipole(): f64 {
  return (
    dipoleOf(soma, 1.0) + dipoleOf(apical, 1.0) + dipoleOf(basal, -1.0) + dipoleOf(basal2, COS_BASAL2) + dipoleOf(oblique, 0.0)
  );
}
function recorded(ptr: usize, s: i32): f64 {
  return load<f64>(ptr + (<usize>s << 3));
}
function setRandomVoltages(): void {
  for (let nd = 0; nd < tree.v.length; nd++) tree.v[nd] = -80.0 + 120.0 * rand();
}
/** Probe cell voltages: 0 mV everywhere except `delta` mV at node nd. */
function probeOnly(nd: i32, delta: f64): void {
  for (let i = probeRoot; i <= tree.secEnd[probe]; i++) tree.v[i] = 0.0;
  tree.v[nd] = delta;
}

// Expected values, noted when each sample is taken.
const expCell = new Array<f64>(N_SAMPLES);
const expSomaV = new Array<f64>(N_SAMPLES);
const expBasalClosed = new Array<f64>(N_SAMPLES);

/**
 * The basal section (cos θ = +1) in closed form: Δz_k/R_k is the same for every point of a section,
 * so DIPOLE.md's sum telescopes to πd²/(4·0.01·Ra) · (V(0) − V(1)), whatever L and nseg.
 */
function basalClosedForm(): f64 {
  const vs = sectionVolts(basal);
  const d = <f64>(<f32>DIAM[3]);
  return ((Math.PI * d * d) / (4.0 * 0.01 * RA[3])) * (vs[0] - vs[vs.length - 1]);
}

describe("dipole coefficients (DIPOLE.md §2)", () => {
  it("section resistances are NEURON's measured ri (NUMERICS.md §2)", () => {
    // L2 apical_1: 3.34359, 6.68718, …, 3.34359 (end); L5 soma: 0.0594537, twice r_half in all.
    const a = tree.secFirst[apical];
    expect(Math.round(tree.ri[a] * 1e5) / 1e5).toBe(3.34359);
    for (let k = 1; k < 7; k++) expect(Math.round(tree.ri[a + k] * 1e5) / 1e5).toBe(6.68718);
    expect(Math.round(tree.ri[tree.secEnd[apical]] * 1e5) / 1e5).toBe(3.34359);
    expect(Math.round(tree.ri[tree.secFirst[soma]] * 1e7) / 1e7).toBe(0.0594537);
    expect(tree.ri[tree.secFirst[soma]]).toBe(halfSegmentResistance(LEN[0], DIAM[0], RA[0], 1));
  });
  it("samples 0-3: t = 0 is exactly 0; then sums per group at hand-set voltages", () => {
    rec.initRecording(N_SAMPLES);
    setRandomVoltages();
    expCell[0] = 0.0;
    expSomaV[0] = tree.v[tree.secFirst[soma]];
    rec.takeSample(0.0, true);
    for (let s = 1; s < N_SAMPLES; s++) {
      setRandomVoltages();
      // Probe: only V_0 (the root), only an interior node, only V_{n+1} (the x = 1 node).
      probeOnly(s == 1 ? probeRoot : s == 2 ? tree.secFirst[probe] + 2 : tree.secEnd[probe], 7.0);
      expCell[s] = cellDipole();
      expSomaV[s] = tree.v[tree.secFirst[soma]];
      expBasalClosed[s] = basalClosedForm();
      syn.synI[synapse] = <f64>s * 0.5;
      rec.takeSample(0.025 * <f64>s, false);
    }
    setRandomVoltages();
    syn.synI[synapse] = 99.0;
    rec.takeSample(0.1, false); // one more than initRecording's count: ignored
    const tp = rec.timesPtr();
    for (let s = 0; s < N_SAMPLES; s++) expect(recorded(tp, s)).toBe(0.025 * <f64>s);
  });
  it("the whole cell equals DIPOLE.md's sum over sections and points", () => {
    const dp = rec.dipolePtr(0);
    expect(recorded(dp, 0)).toBe(0.0);
    for (let s = 1; s < N_SAMPLES; s++) {
      const got = recorded(dp, s);
      expect(Math.abs(got - expCell[s])).toBeLessThanOrEqual(1e-12 * Math.abs(expCell[s]) + 1e-12);
      expect(Math.abs(expCell[s])).toBeGreaterThan(1.0);
    }
  });
  it("cos θ = 0 contributes exactly 0; cos θ = −1 is exactly the negative of +1", () => {
    for (let s = 0; s < N_SAMPLES; s++) {
      expect(recorded(rec.dipolePtr(1), s)).toBe(0.0);
      expect(recorded(rec.dipolePtr(2), s)).toBe(-recorded(rec.dipolePtr(3), s));
    }
  });
  it("per node: +c·δ at x = 0, 0 at an interior node, −c·δ at x = 1, c = (L/2n)·cos θ / r_half", () => {
    const rHalf = halfSegmentResistance(LEN[5], DIAM[5], RA[5], NSEG[5]);
    const c = ((0.5 * LEN[5]) / <f64>NSEG[5]) * COS_PROBE / rHalf;
    const dp = rec.dipolePtr(4);
    expect(withinUlps(recorded(dp, 1), c * 7.0, 4.0)).toBe(true);
    expect(recorded(dp, 2)).toBe(0.0);
    expect(withinUlps(recorded(dp, 3), -c * 7.0, 4.0)).toBe(true);
  });
  it("a section's sum telescopes to πd²/(4·0.01·Ra) · (V(0) − V(1)) (the basal, cos θ = 1)", () => {
    for (let s = 1; s < N_SAMPLES; s++) {
      const got = recorded(rec.dipolePtr(3), s);
      expect(Math.abs(got - expBasalClosed[s])).toBeLessThanOrEqual(1e-13 * Math.abs(expBasalClosed[s]));
    }
  });
  it("voltage and synaptic current traces: [trace][sample], the extra sample ignored", () => {
    for (let s = 0; s < N_SAMPLES; s++) {
      expect(recorded(rec.nodeTracePtr(recSomaV), s)).toBe(expSomaV[s]);
      expect(recorded(rec.synCurrentPtr(recI), s)).toBe(s == 0 ? 0.0 : <f64>s * 0.5);
    }
    // The probe's x = 1 node: sample 3 set it to 7 mV, samples 1 and 2 to 0.
    expect(recorded(rec.nodeTracePtr(recProbeEndV), 1)).toBe(0.0);
    expect(recorded(rec.nodeTracePtr(recProbeEndV), 3)).toBe(7.0);
  });
});
