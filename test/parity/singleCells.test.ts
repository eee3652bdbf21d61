/**
 * Every single-cell reference case of NEURON 8.2.2 + hnn-core 0.6.1 (test/fixtures/single_cells),
 * simulated from its own network.json and compared trace by trace (issue: engine parity).
 * A new case is a new fixture folder, not new code.
 */
import { afterAll, describe, expect, it } from "vitest";
import { readNetworkConfiguration } from "../../bindings/io/networkJson";
import { simulateDipole } from "../../bindings/simulate/simulateDipole";
import { fixtureExists, fixtureText, maxAbs, maxAbsDiff, parseCsv, printedAgreement } from "../helpers/fixtures";
import { DIPOLE_SLACK_REL, LAYERS } from "../helpers/scenarioParity";

/*
 * Tolerances. The traces are written with 10 significant digits (%.10g), so a printed value is
 * within half a unit of its 10th digit of NEURON's double (5e-9 mV at −70 mV). Every sample of ours
 * must round to the printed digits, allowing beyond that only the last-bit differences between our
 * arithmetic and NEURON's, measured: ≤ 2.0e-11 mV in V (spike upstrokes), ≤ 1.5e-14 of the trace's
 * largest |I| in synaptic currents, ≤ 7.1e-13 of the layer's largest |value| in the dipole. The slacks
 * below are 5× to 70× those, and far below any signal: in the subthreshold cases the dipole is
 * 4e-6 to 6e-5 nAm, the L2 column of basket and L5 cases 4e-8 nAm.
 */
const SLACK_V_MV = 1e-10;
const SLACK_I_REL = 1e-12;

interface CaseInfo {
  case: string;
  cell_type: string;
}
const cases = JSON.parse(fixtureText("single_cells/index.json")) as CaseInfo[];

/** Worst agreement per case, printed at the end for the record. */
const worst: Record<string, { dV: number; dI: number; dDipole: number; ratio: number; spikes: number }> = {};

describe("single cells match NEURON trace by trace", () => {
  afterAll(() => {
    const all = Object.values(worst);
    if (all.length === 0) return;
    const max = (k: "dV" | "dI" | "dDipole") => Math.max(...all.map((w) => w[k])).toExponential(2);
    const ratio = Math.max(...all.map((w) => w.ratio)).toFixed(3);
    console.log(`single cells: ${all.length} cases, max |dV| ${max("dV")} mV, max |dI| ${max("dI")} nA, max |d dipole| ${max("dDipole")} nAm, worst sample ${ratio} of its allowance, ${all.reduce((s, w) => s + w.spikes, 0)} spikes identical`);
  });

  it("has all 32 reference cases", () => {
    expect(cases.length).toBe(32);
  });

  for (const { case: name } of cases) {
    it(name, async () => {
      const dir = `single_cells/${name}`;
      const meta = JSON.parse(fixtureText(`${dir}/meta.json`)) as { tstop_ms: number; dt_ms: number };
      const net = readNetworkConfiguration(JSON.parse(fixtureText(`${dir}/network.json`)));
      const [dpl] = await simulateDipole(net, { tstop: meta.tstop_ms, dt: meta.dt_ms, recordVsec: "all", recordIsec: "all", useStoredEvents: true });
      const resp = net.cellResponse!;

      const w = (worst[name] = { dV: 0, dI: 0, dDipole: 0, ratio: 0, spikes: 0 });
      /** Checks one trace sample by sample against its printed reference column. */
      const expectPrinted = (what: string, ours: ArrayLike<number>, ref: ArrayLike<number>, slack: number): number => {
        const a = printedAgreement(ours, ref, slack);
        w.ratio = Math.max(w.ratio, a.worst);
        expect(a.worst, `${what} at sample ${a.index}: ours ${ours[a.index]}, reference ${ref[a.index]}`).toBeLessThanOrEqual(1);
        return maxAbsDiff(ours, ref).value;
      };
      const vsec = parseCsv(fixtureText(`${dir}/vsec_trial0.csv`));
      expect(resp.times.length).toBe(vsec.nRows);
      expectPrinted("t", resp.times, vsec.columns.get("t")!, 0);
      for (const col of vsec.header.slice(1)) {
        const [gid, ...sec] = col.split("_");
        const ours = resp.vsec[0][Number(gid)]?.[sec.join("_")];
        expect(ours, col).toBeDefined();
        w.dV = Math.max(w.dV, expectPrinted(col, ours!, vsec.columns.get(col)!, SLACK_V_MV));
      }

      // isec: the reference lists only synapses that carried current (no file when none did).
      const isec = fixtureExists(`${dir}/isec_trial0.csv`) ? parseCsv(fixtureText(`${dir}/isec_trial0.csv`)) : { header: ["t"], columns: new Map<string, Float64Array>(), nRows: 0 };
      const nonZero: string[] = [];
      for (const [gid, secs] of Object.entries(resp.isec[0])) {
        for (const syns of Object.values(secs)) for (const [key, trace] of Object.entries(syns)) if (trace.some((x) => x !== 0)) nonZero.push(`${gid}_${key}`);
      }
      expect(nonZero.sort()).toEqual(isec.header.slice(1).sort());
      for (const col of isec.header.slice(1)) {
        const [gid, ...rest] = col.split("_");
        const key = rest.join("_");
        const section = key.slice(0, key.lastIndexOf("_"));
        const ref = isec.columns.get(col)!;
        w.dI = Math.max(w.dI, expectPrinted(col, resp.isec[0][Number(gid)][section][key], ref, SLACK_I_REL * maxAbs(ref)));
      }

      const ref = parseCsv(fixtureText(`${dir}/dipole_trial0.csv`));
      for (const layer of LAYERS) {
        const r = ref.columns.get(layer)!;
        w.dDipole = Math.max(w.dDipole, expectPrinted(`${layer} dipole`, dpl.data[layer]!, r, DIPOLE_SLACK_REL * maxAbs(r)));
      }

      // Spikes (drive cells included): the same doubles, gids and types; times are full precision.
      const spikes = parseCsv(fixtureText(`${dir}/spikes_trial0.csv`));
      expect(resp.spikeGids[0]).toEqual(Array.from(spikes.columns.get("gid")!));
      expect(resp.spikeTypes[0]).toEqual(spikes.text.get("type"));
      expect(resp.spikeTimes[0]).toEqual(Array.from(spikes.columns.get("t")!));
      w.spikes = spikes.nRows;
    });
  }
});
