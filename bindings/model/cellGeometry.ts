/**
 * How hnn-core's `Cell` constructor turns a cell description into a template (cell.py), in the same
 * floating-point order, so the values equal the `cell_types` hnn-core writes into network.json:
 * - `nseg` from the section length (CELLS.md §1);
 * - end points shifted so the soma's 0-end sits at `pos`, then rescaled along the tree to the
 *   section lengths (`Cell._update_end_pts` / `define_shape`, cell.py:974-1076);
 * - distance-dependent mechanism values evaluated per segment into `[segXs, segVals]` lists
 *   (`Cell._compute_section_mechs`, CELLS.md §3.2, §3.6 "Per-segment details").
 */

import { Cell, treeDistance, updateEndPts } from "./cell";
import type { MechParam, SectionSpec, SynapseSpec, Vec3 } from "./types";

/** A mechanism value while a template is being built: a number, per-segment lists, or a function of
 * the path distance (µm) from the soma's 0-end (hnn-core's `partial(...)` callables). */
export type MechValueOrFn = MechParam | ((x: number) => number);

/** Section count rule (cell.py:160-167, CELLS.md §1). */
export function getNseg(L: number): number {
  let nseg = 1;
  if (L > 100.0) {
    nseg = Math.trunc(L / 50.0);
    if (nseg % 2 === 0) nseg += 1;
  }
  return nseg;
}

/** A section under construction: mechanism values may still be functions of distance. */
export interface SectionDraft extends Omit<SectionSpec, "mechs"> {
  mechs: Record<string, Record<string, MechValueOrFn>>;
}

/** A section with no mechanisms or synapses yet; `nseg` from its length. */
export function makeSection(L: number, diam: number, Ra: number, cm: number, v0: number, endPts: number[][]): SectionDraft {
  return {
    L,
    diam,
    cm,
    Ra,
    endPts: endPts.map((p) => [p[0], p[1], p[2]]) as [Vec3, Vec3],
    nseg: getNseg(L),
    v0,
    mechs: {},
    syns: [],
  };
}

/** Segment centres `np.linspace(0, 1, 2*nseg+1)[1::2]` (CELLS.md §3.6). */
export function segCenters(nseg: number): number[] {
  const step = 1.0 / (2 * nseg);
  const xs: number[] = [];
  for (let i = 1; i < 2 * nseg + 1; i += 2) xs.push(i * step);
  return xs;
}

/**
 * hnn-core's `Cell(...)` construction: shift to `pos`, rescale end points to the section lengths,
 * evaluate distance functions per segment. Returns the finished {@link Cell}.
 */
export function makeCell(
  name: string,
  pos: Vec3,
  sections: Record<string, SectionDraft>,
  synapses: Record<string, SynapseSpec>,
  sectLoc: { proximal: string[]; distal: string[] },
  cellTree: Record<string, string[]> | null,
): Cell {
  updateEndPts(sections, cellTree, pos);
  const out: Record<string, SectionSpec> = {};
  for (const [secName, s] of Object.entries(sections)) {
    const mechs: Record<string, Record<string, MechParam>> = {};
    for (const [mechName, p] of Object.entries(s.mechs)) {
      const m: Record<string, MechParam> = {};
      for (const [attr, val] of Object.entries(p)) {
        if (typeof val === "function") {
          const sectionDistance = treeDistance(sections, cellTree, secName, "soma,0");
          const xs = segCenters(s.nseg);
          const vals: number[] = [];
          for (const segX of xs) {
            const secEndDist = sectionDistance - s.L / 2;
            vals.push(val(secEndDist + segX * s.L));
          }
          m[attr] = [xs, vals];
        } else {
          m[attr] = val;
        }
      }
      mechs[mechName] = m;
    }
    out[secName] = { ...s, mechs };
  }
  return new Cell({ name, pos, sections: out, synapses, cellTree, sectLoc });
}
