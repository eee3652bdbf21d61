/**
 * hnn-core's Cell and Section objects (bindings/model/cell.ts): distanceSection against hnn-core's
 * own table and an independent path sum, modifySection's end points (lengths, directions,
 * attachment), its effect on a simulation and its round trip through the network JSON.
 */
import { describe, expect, it } from "vitest";
import { Cell, Section } from "../../bindings/model/cell";
import { basket, pyramidal } from "../../bindings/model/cells";
import { jones2009Model } from "../../bindings/model/models";
import { networkToDict, writeNetworkConfiguration } from "../../bindings/io/networkJsonWrite";
import { readNetworkConfiguration } from "../../bindings/io/networkJson";
import { simulateDipole } from "../../bindings/simulate/simulateDipole";
import { ValueError } from "../../bindings/util/validate";

const sub = (a: number[], b: number[]) => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const norm = (v: number[]) => Math.hypot(v[0], v[1], v[2]);
const unit = (s: Section) => {
  const d = sub(s.endPts[1], s.endPts[0]);
  return d.map((x) => x / norm(d));
};

/** NEURON's `h.distance(soma(0), sec(0.5))` for a tree given as child -> [parent, end]: independent of hnn-core's recursion. */
function pathDistance(cell: Cell, target: string): number {
  const parent = new Map<string, [string, number]>();
  for (const [node, children] of Object.entries(cell.cellTree!)) {
    const [sec, end] = node.split(",");
    for (const c of children) if (c.split(",")[0] !== sec) parent.set(c.split(",")[0], [sec, Number(end)]);
  }
  let d = cell.sections[target].L / 2;
  for (let p = parent.get(target); p !== undefined; p = parent.get(p[0])) d += p[1] * cell.sections[p[0]].L;
  return d;
}

describe("distanceSection (hnn-core Cell.distance_section)", () => {
  it("L5 pyramidal from the soma's 0-end: hnn-core's test_cell.py table", () => {
    const l5 = pyramidal("L5_pyramidal");
    const table: Record<string, number> = {
      soma: 19.5, apical_trunk: 90, apical_oblique: 268.5, apical_1: 481, apical_2: 1161,
      apical_tuft: 1713.5, basal_1: 42.5, basal_2: 212.5, basal_3: 212.5,
    };
    for (const [sec, d] of Object.entries(table)) expect(l5.distanceSection(sec, ["soma", 0])).toBe(d);
  });

  it("equals the path sum from soma(0) for every section of both pyramidal cells", () => {
    for (const name of ["L2_pyramidal", "L5_pyramidal"] as const) {
      const cell = pyramidal(name);
      for (const sec of Object.keys(cell.sections)) expect(cell.distanceSection(sec, ["soma", 0])).toBeCloseTo(pathDistance(cell, sec), 10);
    }
  });

  it("from an inner node, NaN off the tree, TypeError without a tree", () => {
    const l5 = pyramidal("L5_pyramidal");
    // apical_trunk's 1-end: apical_1 (680) + apical_2 (680) + half the tuft (425 / 2).
    expect(l5.distanceSection("apical_tuft", ["apical_trunk", 1])).toBe(680 + 680 + 212.5);
    expect(l5.distanceSection("basal_2", ["apical_trunk", 1])).toBeNaN();
    expect(l5.distanceSection("soma", ["nowhere", 0])).toBeNaN();
    expect(() => basket("L2_basket").distanceSection("soma", ["soma", 0])).toThrow(new TypeError("distance_section() cannot work with cell_tree as None."));
  });
});

describe("modifySection (hnn-core Cell.modify_section)", () => {
  it("a new L: every section keeps its length and direction, children stay attached, nseg stays", () => {
    const cell = pyramidal("L5_pyramidal");
    const before = pyramidal("L5_pyramidal");
    cell.modifySection("apical_1", { L: 500, diam: 3.1, cm: 0.9, Ra: 150, v0: -70 });
    const s = cell.sections.apical_1;
    expect([s.L, s.diam, s.cm, s.Ra, s.v0, s.nseg]).toStrictEqual([500, 3.1, 0.9, 150, -70, before.sections.apical_1.nseg]);
    for (const [name, sec] of Object.entries(cell.sections)) {
      expect(norm(sub(sec.endPts[1], sec.endPts[0]))).toBeCloseTo(sec.L, 9);
      unit(sec).forEach((u, i) => expect(u).toBeCloseTo(unit(before.sections[name])[i], 12));
    }
    for (const [node, children] of Object.entries(cell.cellTree!)) {
      const [sec, end] = node.split(",");
      for (const c of children) {
        const [csec, cend] = c.split(",");
        if (csec !== sec) expect(cell.sections[csec].endPts[Number(cend)]).toStrictEqual(cell.sections[sec].endPts[Number(end)]);
      }
    }
    // apical_1 is 180 µm shorter: the sections beyond it move down by 180 µm, the others stay.
    expect(cell.sections.apical_tuft.endPts[1][2]).toBeCloseTo(before.sections.apical_tuft.endPts[1][2] - 180, 9);
    expect(cell.sections.basal_3.endPts).toStrictEqual(before.sections.basal_3.endPts);
    expect(cell.sections.soma.endPts).toStrictEqual(before.sections.soma.endPts);
  });

  it("gives the template that pyramidal(..., overrideParams) builds for the same length", () => {
    const modified = pyramidal("L2_pyramidal");
    modified.modifySection("apical_1", { L: 320 });
    const built = pyramidal("L2_pyramidal", [0, 0, 0], { L2Pyr_apical1_L: 320 });
    for (const [name, sec] of Object.entries(built.sections)) {
      expect(modified.sections[name].L).toBe(sec.L);
      expect(modified.sections[name].nseg).toBe(sec.nseg);
      sec.endPts.flat().forEach((v, i) => expect(modified.sections[name].endPts.flat()[i]).toBeCloseTo(v, 9));
    }
  });

  it("errors: hnn-core's messages; the geometry fields are read-only", () => {
    const cell = pyramidal("L5_pyramidal");
    expect(() => cell.modifySection("apical", { L: 1 })).toThrow(ValueError);
    expect(() => cell.modifySection("apical", { L: 1 })).toThrow(/Invalid value for the 'sec_name' parameter\. Allowed values are 'apical_trunk', .* and 'soma', but got 'apical' instead\./);
    expect(() => cell.modifySection("soma", { L: "5" as unknown as number })).toThrow(new TypeError("L must be an instance of float or int, got <class 'str'> instead"));
    expect(() => cell.modifySection("soma", { length: 5 } as unknown as { L: number })).toThrow(ValueError);
    expect(() => {
      (cell.sections.soma as { L: number }).L = 3;
    }).toThrow(TypeError);
    expect(cell.sections.soma.L).toBe(pyramidal("L5_pyramidal").sections.soma.L);
    expect(String(cell.sections.soma)).toBe("L=39, diam=28.9, cm=0.85, Ra=200, v0=-72");
  });

  it("round-trips through the network JSON (read back as Cell objects)", () => {
    const net = jones2009Model({ meshShape: [1, 1] });
    net.cellTypes.L5_pyramidal.cellObject.modifySection("apical_2", { L: 600, diam: 4 });
    const back = readNetworkConfiguration(writeNetworkConfiguration(net));
    const cell = back.cellTypes.L5_pyramidal.cellObject;
    expect(cell).toBeInstanceOf(Cell);
    expect(networkToDict(back).cell_types).toStrictEqual(networkToDict(net).cell_types);
    expect(cell.distanceSection("apical_tuft", ["soma", 0])).toBe(39 + 102 + 680 + 600 + 212.5);
    expect(net.copy().cellTypes.L5_pyramidal.cellObject.sections.apical_2.L).toBe(600);
  });

  it("changes the simulation: the modified network equals one built with the new length, and differs from the default", async () => {
    const run = async (edit: (net: ReturnType<typeof jones2009Model>) => void) => {
      const net = jones2009Model({ meshShape: [1, 1] });
      net.clearConnectivity();
      edit(net);
      net.addTonicBias({ amplitude: { L2_pyramidal: 0.5 }, t0: 5, tstop: 40 });
      const [dpl] = await simulateDipole(net, { tstop: 40 });
      return dpl!.data.L2!;
    };
    const base = await run(() => undefined);
    const modified = await run((net) => net.cellTypes.L2_pyramidal.cellObject.modifySection("apical_1", { L: 320 }));
    const built = await run((net) => {
      net.cellTypes.L2_pyramidal.cellObject = pyramidal("L2_pyramidal", [0, 0, 0], { L2Pyr_apical1_L: 320 });
    });
    let maxDiff = 0;
    let peak = 0;
    for (let i = 0; i < base.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(modified[i] - base[i]));
      peak = Math.max(peak, Math.abs(base[i]));
    }
    expect(maxDiff).toBeGreaterThan(0.01 * peak);
    for (let i = 0; i < base.length; i++) expect(modified[i]).toBeCloseTo(built[i], 12);
  });
});
