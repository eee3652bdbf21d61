/**
 * Every single-cell reference case of NEURON 8.2.2 + hnn-core 0.6.1 (test/fixtures/single_cells),
 * simulated from its own network.json and compared trace by trace (issue: engine parity).
 * A new case is a new fixture folder, not new code.
 */
import { afterAll, describe, expect, it } from "vitest";
import { readNetworkConfiguration } from "../../bindings/io/networkJson";
import { simulateDipole } from "../../bindings/simulate/simulateDipole";
import { fixtureExists, fixtureText, maxAbsDiff, parseCsv } from "./fixtures";

const TOL_V_MV = 1e-4;
const TOL_I_NA = 1e-6;
const TOL_DIPOLE_NAM = 1e-6;

interface CaseInfo {
  case: string;
  cell_type: string;
}
const cases = JSON.parse(fixtureText("single_cells/index.json")) as CaseInfo[];

/** Worst agreement per case, printed at the end for the record. */
const worst: Record<string, { dV: number; dI: number; dDipole: number; spikes: number }> = {};

describe("single cells match NEURON trace by trace", () => {
  afterAll(() => {
    const all = Object.values(worst);
    if (all.length === 0) return;
    const max = (k: "dV" | "dI" | "dDipole") => Math.max(...all.map((w) => w[k])).toExponential(2);
    console.log(`single cells: ${all.length} cases, max |dV| ${max("dV")} mV, max |dI| ${max("dI")} nA, max |d dipole| ${max("dDipole")} nAm, ${all.reduce((s, w) => s + w.spikes, 0)} spikes identical`);
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

      const w = (worst[name] = { dV: 0, dI: 0, dDipole: 0, spikes: 0 });
      const vsec = parseCsv(fixtureText(`${dir}/vsec_trial0.csv`));
      expect(resp.times.length).toBe(vsec.nRows);
      expect(maxAbsDiff(resp.times, vsec.columns.get("t")!).value).toBeLessThan(1e-9);
      for (const col of vsec.header.slice(1)) {
        const [gid, ...sec] = col.split("_");
        const ours = resp.vsec[0][Number(gid)]?.[sec.join("_")];
        expect(ours, col).toBeDefined();
        const d = maxAbsDiff(ours!, vsec.columns.get(col)!);
        w.dV = Math.max(w.dV, d.value);
        expect(d.value, `${col} at sample ${d.index}`).toBeLessThanOrEqual(TOL_V_MV);
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
        const d = maxAbsDiff(resp.isec[0][Number(gid)][section][key], isec.columns.get(col)!);
        w.dI = Math.max(w.dI, d.value);
        expect(d.value, `${col} at sample ${d.index}`).toBeLessThanOrEqual(TOL_I_NA);
      }

      const ref = parseCsv(fixtureText(`${dir}/dipole_trial0.csv`));
      for (const layer of ["agg", "L2", "L5"] as const) {
        const d = maxAbsDiff(dpl.data[layer]!, ref.columns.get(layer)!);
        w.dDipole = Math.max(w.dDipole, d.value);
        expect(d.value, `${layer} dipole at sample ${d.index}`).toBeLessThanOrEqual(TOL_DIPOLE_NAM);
      }

      // Spikes: the same at the same steps (drive cells included).
      const spikes = parseCsv(fixtureText(`${dir}/spikes_trial0.csv`));
      expect(resp.spikeGids[0]).toEqual(Array.from(spikes.columns.get("gid")!));
      expect(resp.spikeTypes[0]).toEqual(spikes.text.get("type"));
      const dt = maxAbsDiff(resp.spikeTimes[0], spikes.columns.get("t")!);
      expect(dt.value).toBeLessThan(1e-9);
      w.spikes = spikes.nRows;
    });
  }
});
