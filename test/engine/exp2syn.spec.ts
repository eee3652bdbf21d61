// Exp2Syn constants (CHANNELS.md §Exp2Syn; NEURON exp2syn.mod INITIAL): tp and the peak-normalising
// factor for the receptor time constants hnn-core uses, and the tau1 adjustments.
import * as syn from "../../assembly/synapses";

/** exp2syn.mod INITIAL, written independently: tp = τ1τ2/(τ2 − τ1)·ln(τ2/τ1). */
function tpRef(tau1: f64, tau2: f64): f64 {
  return ((tau1 * tau2) / (tau2 - tau1)) * Math.log(tau2 / tau1);
}
/** factor = 1/(−exp(−tp/τ1) + exp(−tp/τ2)). */
function factorRef(tau1: f64, tau2: f64): f64 {
  const tp = tpRef(tau1, tau2);
  return 1.0 / (-Math.exp(-tp / tau1) + Math.exp(-tp / tau2));
}

/** |x − y| in units of the last place of y. */
function ulps(x: f64, y: f64): f64 {
  if (x == y) return 0.0;
  const u = reinterpret<f64>(reinterpret<u64>(Math.abs(y)) + 1) - Math.abs(y);
  return Math.abs(x - y) / u;
}

describe("Exp2Syn tp and factor (CHANNELS.md values)", () => {
  it("tp for (0.5, 5), (1, 20), (45, 200)", () => {
    expect(tpRef(0.5, 5.0)).toBe(1.2792139405522478);
    expect(tpRef(1.0, 20.0)).toBe(3.1534023932147273);
    expect(tpRef(45.0, 200.0)).toBe(86.61221865160937);
  });
  it("ampa/gabaa (0.5, 5): factor 1.435055183349871", () => {
    const s = syn.addExp2Syn(0, 0.0, 0.5, 5.0);
    expect(syn.synFactor[s]).toBe(1.435055183349871);
    expect(syn.synFactor[s]).toBe(factorRef(0.5, 5.0));
    expect(syn.synTau1[s]).toBe(0.5);
    expect(syn.synTau2[s]).toBe(5.0);
  });
  it("nmda/gabab (1, 20): factor 1.2323999091818731", () => {
    const s = syn.addExp2Syn(0, 0.0, 1.0, 20.0);
    expect(syn.synFactor[s]).toBe(1.2323999091818731);
    expect(syn.synFactor[s]).toBe(factorRef(1.0, 20.0));
  });
  it("law_2021 gabab (45, 200): factor 1.9896392539612353", () => {
    const s = syn.addExp2Syn(0, -80.0, 45.0, 200.0);
    const f = syn.synFactor[s];
    if (f != 1.9896392539612353) log("factor(45, 200) = " + f.toString() + ", " + ulps(f, 1.9896392539612353).toString() + " ulp from NEURON");
    expect(ulps(f, 1.9896392539612353)).toBeLessThanOrEqual(1.0);
    expect(f).toBe(factorRef(45.0, 200.0));
  });
  it("tau1 is kept below tau2: ratio > 0.9999 → tau1 = 0.9999·tau2", () => {
    const s = syn.addExp2Syn(0, 0.0, 5.0, 5.0);
    expect(syn.synTau1[s]).toBe(0.9999 * 5.0);
    const s2 = syn.addExp2Syn(0, 0.0, 7.0, 5.0);
    expect(syn.synTau1[s2]).toBe(0.9999 * 5.0);
    expect(syn.synFactor[s2]).toBe(factorRef(0.9999 * 5.0, 5.0));
  });
  it("tau1 ratio < 1e-9 → tau1 = 1e-9·tau2", () => {
    const s = syn.addExp2Syn(0, 0.0, 0.0, 5.0);
    expect(syn.synTau1[s]).toBe(1e-9 * 5.0);
  });
  it("an event adds w·factor to A and B; decay factors are 1 − exp(dt·(−1/τ))", () => {
    const s = syn.addExp2Syn(0, 0.0, 0.5, 5.0);
    syn.initSynapses(0.025);
    expect(syn.synDecay1[s]).toBe(1.0 - Math.exp(0.025 * (-1.0 / 0.5)));
    expect(syn.synDecay2[s]).toBe(1.0 - Math.exp(0.025 * (-1.0 / 5.0)));
    syn.receive(s, 0.001);
    expect(syn.synA[s]).toBe(0.001 * 1.435055183349871);
    expect(syn.synB[s]).toBe(0.001 * 1.435055183349871);
  });
});
