/**
 * The trial image (bindings/simulate/lower.ts) as data, without an engine: jones2009 on a 3×3 grid
 * with the parameter file's drives, checked against the cell facts of ../shared/spec/CELLS.md
 * (sections, segments, synapses, mechanisms, sect_loc, dipole directions), the NetCon rule of
 * CELLS.md §4 / NETWORK.md §5, the drives' stored events, and the partition rule.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { jones2009Model } from "../../bindings/model/models";
import { instantiateDrives } from "../../bindings/model/eventTimes";
import type { Network } from "../../bindings/model/network";
import { compileView } from "../../bindings/simulate/simulateDipole";
import { DIPOLE_SHARDS, lowerTrial } from "../../bindings/simulate/lower";
import { NODE_QUANTITIES, transferList, type LoweredTrial, type TrialImage } from "../../bindings/simulate/image";
import type { Vec3 } from "../../bindings/model/types";
import { ValueError } from "../../bindings/util/validate";

const TSTOP_MS = 170;
const N_TRIALS = 2;

/** CELLS.md §2 and §4: sections, segments and synapses (soma receptors + 4 per dendrite) of one cell. */
const CELL_FACTS: Record<string, { sections: number; segments: number; synapses: number }> = {
  L2_pyramidal: { sections: 8, segments: 32, synapses: 2 + 7 * 4 },
  L5_pyramidal: { sections: 9, segments: 55, synapses: 2 + 8 * 4 },
  L2_basket: { sections: 1, segments: 1, synapses: 3 },
  L5_basket: { sections: 1, segments: 1, synapses: 3 },
};
/** CELLS.md §4 receptor constants: e (mV), tau1, tau2 (ms). */
const RECEPTORS: Record<string, [number, number, number]> = { ampa: [0, 0.5, 5], nmda: [0, 1, 20], gabaa: [-80, 0.5, 5], gabab: [-80, 1, 20] };

let net: Network;
let whole: LoweredTrial;

beforeAll(() => {
  net = jones2009Model({ meshShape: [3, 3], addDrivesFromParams: true });
  instantiateDrives(net, TSTOP_MS, N_TRIALS);
  whole = lowerTrial(compileView(net), { trialIdx: 1, tstopMs: TSTOP_MS });
});

/** Image cell index → cell type. */
function cellType(image: TrialImage, c: number): string {
  const gid = image.cells.gid[c];
  return Object.keys(net.cellTypes).find((t) => gid >= net.gidRanges[t].start && gid < net.gidRanges[t].stop)!;
}

/** Image section index → [gid, section name]. */
function sectionOf({ image, names }: LoweredTrial, s: number): [number, string] {
  return [image.cells.gid[image.sections.cell[s]], names.sectionNames[s]];
}

describe("lowerTrial: cells of jones2009 3×3", () => {
  it("holds every cell once, in gid order, with CELLS.md's sections, segments and synapses", () => {
    const { image } = whole;
    const cellGids = Object.keys(net.cellTypes).flatMap((t) => net.populations.gids(t));
    expect([...image.cells.gid]).toEqual(cellGids);
    for (let c = 0; c < image.cells.gid.length; c++) {
      const facts = CELL_FACTS[cellType(image, c)];
      const [first, end] = [image.cells.sectionStart[c], image.cells.sectionStart[c + 1]];
      expect(end - first).toBe(facts.sections);
      expect(image.sections.nseg.subarray(first, end).reduce((a, b) => a + b, 0)).toBe(facts.segments);
      const syns = image.synapses.section.filter((s) => s >= first && s < end);
      expect(syns.length).toBe(facts.synapses);
      for (let s = first; s < end; s++) expect(image.sections.cell[s]).toBe(c);
    }
    expect(image.sections.nseg.length).toBe(Object.keys(CELL_FACTS).reduce((n, t) => n + net.populations.gids(t).length * CELL_FACTS[t].sections, 0));
  });

  it("orders sections parent first: each attaches to an earlier section of its cell, or to the root", () => {
    const { image, names } = whole;
    for (let s = 0; s < image.sections.parent.length; s++) {
      const p = image.sections.parent[s];
      const first = image.cells.sectionStart[image.sections.cell[s]];
      if (p < 0) expect(["soma", "basal_1"]).toContain(names.sectionNames[s]); // soma(0) children (CELLS.md §2)
      else expect(p >= first && p < s).toBe(true);
      if (s === first) expect([p, names.sectionNames[s]]).toEqual([-1, "soma"]);
    }
  });

  it("takes the geometry and v0 of CELLS.md §2 and §3.5 (L5 pyramidal)", () => {
    const { image, names } = whole;
    const gid = net.populations.gids("L5_pyramidal")[4];
    const row = (name: string) => {
      const s = names.sectionNames.findIndex((n, i) => n === name && image.cells.gid[image.sections.cell[i]] === gid);
      const { lengthUm, diamUm, nseg, cmUfCm2, raOhmCm, v0Mv, parent } = image.sections;
      return [lengthUm[s], diamUm[s], nseg[s], cmUfCm2[s], raOhmCm[s], v0Mv[s], parent[s] < 0 ? "root" : names.sectionNames[parent[s]]];
    };
    expect(row("apical_1")).toEqual([680, 7.48, 13, 0.85, 200, -71.32, "apical_trunk"]);
    expect(row("apical_tuft")).toEqual([425, 3.4, 9, 0.85, 200, -67.3, "apical_2"]);
    expect(row("basal_2")).toEqual([255, 8.5, 5, 0.85, 200, -72, "basal_1"]);
    expect(row("basal_1")).toEqual([85, 6.8, 1, 0.85, 200, -72, "root"]);
  });

  it("inserts CELLS.md §3's mechanisms at every segment, pools first", () => {
    const { image } = whole;
    const n = (t: string) => net.populations.gids(t).length * CELL_FACTS[t].segments;
    const counts = Object.fromEntries(image.mechanisms.map((m) => [m.name, m.section.length]));
    const l5 = n("L5_pyramidal");
    expect(image.mechanisms[0].name).toBe("cad");
    expect(counts).toEqual({ cad: l5, hh2: n("L2_pyramidal") + l5 + n("L2_basket") + n("L5_basket"), km: n("L2_pyramidal") + l5, ca: l5, kca: l5, cat: l5, ar: l5 });
    // hh2's four parameters of an L5 dendrite (gnabar, gkbar, gl, el) and a basket's .mod defaults.
    const hh2 = image.mechanisms.find((m) => m.name === "hh2")!;
    const paramsAt = (i: number) => [...hh2.params.subarray(4 * i, 4 * i + 4)];
    const at = (type: string, section: string) => hh2.section.findIndex((s) => cellType(image, image.sections.cell[s]) === type && whole.names.sectionNames[s] === section);
    expect(paramsAt(at("L5_pyramidal", "apical_2"))).toEqual([0.14, 0.01, 4.26e-5, -71]);
    expect(paramsAt(at("L2_basket", "soma"))).toEqual([0.12, 0.036, 0.0003, -54.3]);
    // The ar gradient: apical_trunk segment 1 at path distance 56 µm → 1.18294e-6 S/cm² (CELLS.md §3.2).
    const ar = image.mechanisms.find((m) => m.name === "ar")!;
    const trunk = ar.section.findIndex((s) => whole.names.sectionNames[s] === "apical_trunk");
    expect(ar.segment[trunk]).toBe(0);
    expect(ar.params[trunk]).toBeCloseTo(1.18294e-6, 11);
  });

  it("puts each synapse at its section's middle segment with CELLS.md §4's constants", () => {
    const { image, names } = whole;
    image.synapses.section.forEach((s, i) => {
      expect(image.synapses.segment[i]).toBe(Math.floor(image.sections.nseg[s] / 2));
      expect([image.synapses.eMv[i], image.synapses.tau1Ms[i], image.synapses.tau2Ms[i]]).toEqual(RECEPTORS[names.receptors[i]]);
    });
  });

  it("watches soma(0.5) of every cell at the network threshold", () => {
    const { image, names } = whole;
    image.cells.sourceSection.forEach((s, c) => {
      expect(names.sectionNames[s]).toBe("soma");
      expect(image.sections.cell[s]).toBe(c);
      expect(image.cells.sourceSegment[c]).toBe(0);
      expect(image.cells.thresholdMv[c]).toBe(net.threshold);
    });
  });

  it("measures the pyramidal dipoles with the sections' direction to the apical trunk (DIPOLE.md §2)", () => {
    const { image, names } = whole;
    expect(names.dipoleTypes).toEqual(["L2_pyramidal", "L5_pyramidal"]);
    expect(image.dipoles.section.length).toBe(9 * 8 + 9 * 9);
    const cos: Record<string, number> = { soma: 1, apical_trunk: 1, apical_1: 1, apical_2: 1, apical_tuft: 1, apical_oblique: 0, basal_1: -1, basal_2: -Math.SQRT1_2, basal_3: -Math.SQRT1_2 };
    image.dipoles.section.forEach((s, i) => {
      const { type, shard } = names.dipoleGroups[image.dipoles.group[i]];
      expect(type).toBe(cellType(image, image.sections.cell[s]));
      // Cell k of its type sums into shard k mod DIPOLE_SHARDS.
      expect(shard).toBe((image.cells.gid[image.sections.cell[s]] - net.gidRanges[type].start) % DIPOLE_SHARDS);
      expect(image.dipoles.cosTheta[i]).toBeCloseTo(cos[names.sectionNames[s]], 12);
    });
  });
});

describe("lowerTrial: drives and NetCons", () => {
  it("replays each drive cell's stored events of the trial as CSR", () => {
    const { drives } = whole.image;
    const driveGids = Object.keys(net.externalDrives).flatMap((d) => net.populations.gids(d));
    expect([...drives.gid]).toEqual(driveGids);
    expect(drives.eventStart[0]).toBe(0);
    drives.gid.forEach((gid, d) => {
      const name = Object.keys(net.externalDrives).find((n) => gid >= net.gidRanges[n].start && gid < net.gidRanges[n].stop)!;
      const want = net.externalDrives[name].events[1][gid - net.gidRanges[name].start];
      expect([...drives.timesMs.subarray(drives.eventStart[d], drives.eventStart[d + 1])]).toEqual(want);
    });
    expect(drives.timesMs.length).toBe(drives.eventStart[drives.gid.length]);
  });

  /** The target sections of a connection (sect_loc, CELLS.md §4). */
  const targetSections = (conn: Network["connectivity"][number]) => {
    const sectLoc = net.cellTypes[conn.targetType].cellObject.sectLoc as Record<string, string[]>;
    return sectLoc[conn.loc] ?? [conn.loc];
  };

  it("makes one NetCon per gid pair and target section, with CELLS.md §4's weight and delay", () => {
    const { image, names } = whole;
    const nc = image.netCons;
    let expected = 0;
    for (const conn of net.connectivity) for (const targets of conn.gidPairs.values()) expected += targets.length * targetSections(conn).length;
    expect(nc.srcGid.length).toBe(expected);
    // NetCons follow the connections and their pairs in order; check each against its pair.
    let j = 0;
    const pos = (type: string, gid: number): Vec3 => {
      const p = net.posDict[type];
      return Array.isArray(p[0]) ? (p as Vec3[])[gid - net.gidRanges[type].start] : (p as Vec3);
    };
    for (const conn of net.connectivity) {
      const srcType = Object.keys(net.gidRanges).find((t) => net.gidRanges[t].start <= [...conn.gidPairs.keys()][0] && [...conn.gidPairs.keys()][0] < net.gidRanges[t].stop)!;
      const { A_weight, A_delay, lamtha, gain } = conn.ncDict;
      for (const [src, targets] of conn.gidPairs) {
        for (const tgt of targets) {
          const [a, b] = [pos(srcType, src), pos(conn.targetType, tgt)];
          const g = Math.exp(-((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) / (lamtha * net.inplaneDistance) ** 2);
          for (const section of targetSections(conn)) {
            expect(nc.srcGid[j]).toBe(src);
            const syn = nc.synapse[j];
            expect([...sectionOf(whole, image.synapses.section[syn]), names.receptors[syn]]).toEqual([tgt, section, conn.receptor]);
            // To rounding: np.exp and Math.exp differ by 1 ulp (npExp.ts), d² by a few ulps (sqrt, then squared).
            expect(Math.abs(nc.weightUs[j] - A_weight * gain * g)).toBeLessThanOrEqual(1e-14 * A_weight * gain * g);
            expect(Math.abs(nc.delayMs[j] - A_delay / g)).toBeLessThanOrEqual(1e-14 * (A_delay / g));
            j++;
          }
        }
      }
    }
  });
});

describe("lowerTrial: partitions, recordings, transfer", () => {
  it.each([2, 3])("gives each of %i partitions exactly its share of cells and NetCons, and every drive cell", (count) => {
    const parts = Array.from({ length: count }, (_, index) => lowerTrial(compileView(net), { trialIdx: 1, tstopMs: TSTOP_MS }, { index, count }));
    const all = [...whole.image.cells.gid];
    const byGid = (gid: number) => Object.keys(net.cellTypes).find((t) => gid >= net.gidRanges[t].start && gid < net.gidRanges[t].stop)!;
    // Cell k of its type: partition k mod count, or for the pyramidal (dipole) types (k mod DIPOLE_SHARDS) mod count.
    const partitionOf = (gid: number) => {
      const type = byGid(gid);
      const k = gid - net.gidRanges[type].start;
      return (net.cellTypes[type].cellMetadata.measureDipole ? k % DIPOLE_SHARDS : k) % count;
    };
    parts.forEach(({ image }, index) => {
      expect(image.partition).toEqual({ index, count });
      const mine = all.filter((gid) => partitionOf(gid) === index);
      expect([...image.cells.gid]).toEqual(mine);
      expect(image.drives).toEqual(whole.image.drives);
      // Every NetCon lands on a cell of this partition.
      for (const syn of image.netCons.synapse) expect(mine).toContain(image.cells.gid[image.sections.cell[image.synapses.section[syn]]]);
    });
    expect(parts.reduce((n, p) => n + p.image.netCons.srcGid.length, 0)).toBe(whole.image.netCons.srcGid.length);
    expect(parts.reduce((n, p) => n + p.image.sections.nseg.length, 0)).toBe(whole.image.sections.nseg.length);
  });

  it("records soma voltages and soma synaptic currents of the chosen gids, in hnn-core's section order", () => {
    const gids = [net.populations.gids("L2_pyramidal")[1], net.populations.gids("L5_basket")[0]];
    const lowered = lowerTrial(compileView(net), { trialIdx: 0, tstopMs: TSTOP_MS, recordVsec: "all", recordIsec: "soma", recordGids: gids });
    const { node: voltage, synapse } = lowered.image.recordings;
    expect(new Set(voltage.quantity)).toEqual(new Set([NODE_QUANTITIES.indexOf("v")]));
    const vsec = [...voltage.section].map((s, r) => [...sectionOf(lowered, s), voltage.segment[r] === Math.floor(lowered.image.sections.nseg[s] / 2)]);
    const l2Order = ["apical_trunk", "apical_1", "apical_tuft", "apical_oblique", "basal_1", "basal_2", "basal_3", "soma"];
    expect(vsec).toEqual([...l2Order.map((n) => [gids[0], n, true]), [gids[1], "soma", true]]);
    const isec = [...synapse].map((s) => [...sectionOf(lowered, lowered.image.synapses.section[s]), lowered.names.receptors[s]]);
    expect(isec).toEqual([[gids[0], "soma", "gabaa"], [gids[0], "soma", "gabab"], [gids[1], "soma", "ampa"], [gids[1], "soma", "gabaa"], [gids[1], "soma", "nmda"]]);
    expect(whole.image.recordings.node.section.length + whole.image.recordings.synapse.length).toBe(0);
  });

  it("records cai at the centre of the sections that have the Ca ion only (hnn-core: hasattr(sec(0.5), '_ref_cai'))", () => {
    const gids = [net.populations.gids("L2_pyramidal")[0], net.populations.gids("L5_pyramidal")[0], net.populations.gids("L5_basket")[0]];
    const lowered = lowerTrial(compileView(net), { trialIdx: 0, tstopMs: TSTOP_MS, recordCa: "all", recordVsec: "soma", recordGids: gids });
    const { node } = lowered.image.recordings;
    const rows = [...node.section].map((s, r) => [...sectionOf(lowered, s), NODE_QUANTITIES[node.quantity[r]], node.segment[r] === Math.floor(lowered.image.sections.nseg[s] / 2)]);
    const l5 = net.cellTypes["L5_pyramidal"].cellObject.sections;
    const withCa = Object.keys(l5).filter((name) => "cad" in l5[name].mechs);
    expect(withCa.length).toBeGreaterThan(1);
    expect(rows.filter((r) => r[2] === "cai")).toEqual(withCa.map((name) => [gids[1], name, "cai", true]));
    expect(rows.filter((r) => r[2] === "v")).toEqual([...gids].sort((a, b) => a - b).map((g) => [g, "soma", "v", true]));
  });

  it("adds one IClamp per cell of a tonic bias, on from t0 to the bias's or the run's end", () => {
    const biased = jones2009Model({ meshShape: [3, 3] });
    biased.addTonicBias({ amplitude: { L5_pyramidal: 0.5, L2_basket: -0.2 }, t0: 10, tstop: null });
    const { image, names } = lowerTrial(compileView(biased), { trialIdx: 0, tstopMs: 150 });
    const rows = [...image.clamps.section].map((s, i) => [image.cells.gid[image.sections.cell[s]], names.sectionNames[s], image.clamps.segment[i], image.clamps.delayMs[i], image.clamps.durMs[i], image.clamps.ampNa[i]]);
    expect(rows).toEqual([...biased.populations.gids("L5_pyramidal").map((g) => [g, "soma", 0, 10, 140, 0.5]), ...biased.populations.gids("L2_basket").map((g) => [g, "soma", 0, 10, 140, -0.2])]);
  });

  it("survives a structured clone, and a transfer leaves the sender's arrays empty", async () => {
    const lowered = lowerTrial(compileView(net), { trialIdx: 0, tstopMs: TSTOP_MS, recordVsec: "soma" });
    const copy = structuredClone(lowered);
    expect(copy).toEqual(lowered);
    const buffers = transferList(copy.image);
    expect(buffers.length).toBeGreaterThan(30);
    const { port1, port2 } = new MessageChannel();
    const arrived = new Promise<LoweredTrial>((resolve) => (port2.onmessage = (e) => resolve(e.data as LoweredTrial)));
    port1.postMessage(copy, buffers);
    const received = await arrived;
    port1.close();
    port2.close();
    expect(received).toEqual(lowered);
    expect(copy.image.netCons.weightUs.length).toBe(0);
  });
});

describe("lowerTrial: errors", () => {
  it("names the target gid of a connection onto a section without the receptor", () => {
    const view = compileView(net);
    const conn = view.connectivity.find((c) => c.srcType === "L2_pyramidal" && c.targetType === "L5_pyramidal")!;
    conn.loc = "soma";
    conn.receptor = "ampa";
    const first = [...conn.gidPairs.values()][0][0];
    expect(() => lowerTrial(view, { trialIdx: 0, tstopMs: TSTOP_MS })).toThrow(new ValueError(`connection L2_pyramidal -> L5_pyramidal: gid ${first} has no 'ampa' synapse at 'soma'`));
  });

  it("asks for stored events of the trial", () => {
    expect(() => lowerTrial(compileView(net), { trialIdx: N_TRIALS, tstopMs: TSTOP_MS })).toThrow(/^drive 'evdist1' has no events for trial 2 \(it has 2 trial\(s\)\)$/);
  });
});
