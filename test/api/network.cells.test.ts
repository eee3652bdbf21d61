/**
 * Cell templates (bindings/model/cells.ts) against the `cell_types` hnn-core 0.6.1 wrote into the
 * reference network.json files: every value must be identical (===), per-segment lists included.
 */
import { describe, expect, it } from "vitest";
import { basket, pyramidal, pyramidalCa, linearGAtDist } from "../../bindings/model/cells";
import { getNseg, segCenters } from "../../bindings/model/cellGeometry";
import { jones2009Model, law2021Model, calciumModel } from "../../bindings/model/models";
import { networkToDict } from "../../bindings/io/networkJsonWrite";
import { referenceJson } from "../helpers/networkFixtures";

const erp = referenceJson("jones2009_erp");
const beta = referenceJson("beta");

describe("cell templates equal hnn-core's network.json cell_types", () => {
  it("the four default templates (jones2009_erp), value for value", () => {
    const d = networkToDict(jones2009Model());
    expect(d.cell_types).toStrictEqual(erp.cell_types);
  });

  it("law_2021 edits (beta): GABAb taus and no ca in the L5 soma/basal sections", () => {
    const d = networkToDict(law2021Model());
    expect(d.cell_types).toStrictEqual(beta.cell_types);
    const l5 = (d.cell_types as Record<string, { cell_object: { sections: Record<string, { mechs: object }> } }>).L5_pyramidal
      .cell_object.sections;
    expect(Object.keys(l5.basal_2.mechs)).not.toContain("ca");
    expect(Object.keys(l5.apical_1.mechs)).toContain("ca");
  });

  it("stand-alone templates: names, pos, synapse order", () => {
    expect(pyramidal("L2_pyramidal").name).toBe("L2Pyr");
    expect(basket("L5_basket").sectLoc.distal).toStrictEqual([]);
    expect(Object.keys(basket("L2_basket").synapses)).toStrictEqual(["ampa", "gabaa", "nmda"]);
    expect(Object.keys(pyramidal("L5_pyramidal").sections).at(-1)).toBe("soma");
  });

  it("a shifted template keeps its shape (soma 0-end at pos)", () => {
    const c = pyramidal("L5_pyramidal", [10, 20, 30]);
    expect(c.sections.soma.endPts[0]).toStrictEqual([10, 20, 30]);
    expect(c.sections.apical_tuft.endPts[1][2]).toBeCloseTo(30 + 1926, 9);
  });

  it("nseg and segment centres follow hnn-core (np.linspace)", () => {
    expect([getNseg(22.1), getNseg(306), getNseg(680), getNseg(200)]).toStrictEqual([1, 7, 13, 5]);
    expect(segCenters(5)).toStrictEqual([0.1, 0.30000000000000004, 0.5, 0.7000000000000001, 0.9]);
  });
});

describe("calcium model (pyramidal_ca), CELLS.md §3.6 values", () => {
  const l5 = pyramidalCa("L5_pyramidal");
  const seg = (sec: string, mech: string, attr: string) => l5.sections[sec].mechs[mech][attr] as [number[], number[]];
  it("soma scalars", () => {
    expect(l5.sections.soma.mechs.hh2.gkbar_hh2).toBe(0.06);
    expect(l5.sections.soma.mechs.hh2.gnabar_hh2).toBe(0.32);
    expect(l5.sections.soma.mechs.ca.gbar_ca).toBe(60.0);
  });
  it("apical_tuft gbar_ca = 40 in every segment; gnabar plateau 0.0028000000000000247", () => {
    expect(seg("apical_tuft", "ca", "gbar_ca")[1].every((v) => v === 40.0)).toBe(true);
    expect(seg("apical_2", "hh2", "gnabar_hh2")[1].slice(4).every((v) => v === 0.0028000000000000247)).toBe(true);
    expect(linearGAtDist(2000, 0.32, 28e-4, 962)).toBe(0.0028000000000000247);
  });
  it("basal_1 gkbar ≈ 0.046501 and every dendrite is per-segment", () => {
    expect(seg("basal_1", "hh2", "gkbar_hh2")[1][0]).toBeCloseTo(0.046501, 6);
    for (const [name, s] of Object.entries(l5.sections)) {
      if (name === "soma") continue;
      for (const [m, a] of [["hh2", "gkbar_hh2"], ["hh2", "gnabar_hh2"], ["ca", "gbar_ca"], ["ar", "gbar_ar"]]) {
        const v = s.mechs[m][a] as [number[], number[]];
        expect(v[0].length).toBe(s.nseg);
        expect(v[1].length).toBe(s.nseg);
      }
    }
  });
  it("calciumModel swaps only the L5 pyramidal template", () => {
    const net = calciumModel();
    expect(Array.isArray(net.cellTypes.L5_pyramidal.cellObject.sections.apical_1.mechs.hh2.gkbar_hh2)).toBe(true);
    expect(net.connectivity.length).toBe(16);
    expect(net.cellTypes.L2_pyramidal.cellObject.sections.apical_1.mechs.hh2.gkbar_hh2).toBe(0.01);
  });
});
