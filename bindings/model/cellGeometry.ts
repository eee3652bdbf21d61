/**
 * How hnn-core's `Cell` constructor turns a cell description into a template (cell.py), in the same
 * floating-point order, so the values equal the `cell_types` hnn-core writes into network.json:
 * - `nseg` from the section length (CELLS.md §1);
 * - end points shifted so the soma's 0-end sits at `pos`, then rescaled along the tree to the
 *   section lengths (`Cell._update_end_pts` / `define_shape`, cell.py:974-1076);
 * - distance-dependent mechanism values evaluated per segment into `[segXs, segVals]` lists
 *   (`Cell._compute_section_mechs`, CELLS.md §3.2, §3.6 "Per-segment details").
 */

import { ValueError } from "../util/validate";
import type { CellTemplate, MechParam, SectionSpec, SynapseSpec, Vec3 } from "./types";

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

function nodeKey(sec: string, end: number): string {
  return `${sec},${end}`;
}

function parseNode(node: string): [string, number] {
  const i = node.lastIndexOf(",");
  return [node.slice(0, i), Number(node.slice(i + 1))];
}

/**
 * Path distance (µm) from `currNode` to the middle of `targetSec`, hnn-core's `Cell.distance_section`
 * (cell.py), same recursion and summation order. NaN when unreachable.
 */
function distanceSection(
  sections: Record<string, { L: number }>,
  cellTree: Record<string, string[]> | null,
  targetSec: string,
  currNode: string,
): number {
  if (cellTree === null) throw new TypeError("distance_section() cannot work with cell_tree as None.");
  const children = cellTree[currNode];
  if (children === undefined) return NaN;
  for (const end of [0, 1]) {
    if (children.includes(nodeKey(targetSec, end))) return sections[targetSec].L / 2;
  }
  const currSec = parseNode(currNode)[0];
  let dist = NaN;
  for (const child of children) {
    const childSec = parseNode(child)[0];
    let distTemp: number;
    if (childSec === currSec) {
      distTemp = distanceSection(sections, cellTree, targetSec, child) + sections[childSec].L;
    } else {
      distTemp = distanceSection(sections, cellTree, targetSec, child);
    }
    if (Number.isNaN(dist) && Number.isNaN(distTemp)) dist = NaN;
    else if (Number.isNaN(dist)) dist = distTemp;
    else if (!Number.isNaN(distTemp)) dist = Math.min(dist, distTemp);
  }
  return dist;
}

/** Segment centres `np.linspace(0, 1, 2*nseg+1)[1::2]` (CELLS.md §3.6). */
export function segCenters(nseg: number): number[] {
  const step = 1.0 / (2 * nseg);
  const xs: number[] = [];
  for (let i = 1; i < 2 * nseg + 1; i += 2) xs.push(i * step);
  return xs;
}

function updateSectionEndPtsL(sections: Record<string, SectionDraft>, tree: Record<string, string[]>, node: string, dpt: number[]): void {
  const [sec, end] = parseNode(node);
  const pt = sections[sec].endPts[end];
  pt[0] = pt[0] + dpt[0];
  pt[1] = pt[1] + dpt[1];
  pt[2] = pt[2] + dpt[2];
  const children = tree[node];
  if (children === undefined) return;
  for (const child of children) updateSectionEndPtsL(sections, tree, child, dpt);
}

function defineShape(sections: Record<string, SectionDraft>, tree: Record<string, string[]>, node: string): void {
  const [sec, end] = parseNode(node);
  const oppEnd = end === 1 ? 0 : 1;
  const pts = sections[sec].endPts;
  const [x0, y0, z0] = pts[end];
  const [x1, y1, z1] = pts[oppEnd];
  const d0 = x0 - x1;
  const d1 = y0 - y1;
  const d2 = z0 - z1;
  const oldLen = Math.sqrt(d0 * d0 + d1 * d1 + d2 * d2);
  const fac = sections[sec].L / oldLen;
  const xNew = x0 + (x1 - x0) * fac;
  const yNew = y0 + (y1 - y0) * fac;
  const zNew = z0 + (z1 - z0) * fac;
  updateSectionEndPtsL(sections, tree, nodeKey(sec, oppEnd), [xNew - x1, yNew - y1, zNew - z1]);
  const children = tree[node];
  if (children !== undefined) {
    for (const child of children) defineShape(sections, tree, child);
  }
}

/**
 * hnn-core's `Cell(...)` construction: shift to `pos`, rescale end points to the section lengths,
 * evaluate distance functions per segment. Returns a finished template.
 */
export function makeCell(
  name: string,
  pos: Vec3,
  sections: Record<string, SectionDraft>,
  synapses: Record<string, SynapseSpec>,
  sectLoc: { proximal: string[]; distal: string[] },
  cellTree: Record<string, string[]> | null,
): CellTemplate {
  if (!("soma" in sections)) throw new ValueError("soma must be defined for cell");
  if (cellTree !== null) {
    const soma0 = sections.soma.endPts[0];
    const dx = pos[0] - soma0[0];
    const dy = pos[1] - soma0[1];
    const dz = pos[2] - soma0[2];
    for (const s of Object.values(sections)) {
      s.endPts = s.endPts.map((p) => [p[0] + dx, p[1] + dy, p[2] + dz]) as [Vec3, Vec3];
    }
    defineShape(sections, cellTree, "soma,0");
  }
  const out: Record<string, SectionSpec> = {};
  for (const [secName, s] of Object.entries(sections)) {
    const mechs: Record<string, Record<string, MechParam>> = {};
    for (const [mechName, p] of Object.entries(s.mechs)) {
      const m: Record<string, MechParam> = {};
      for (const [attr, val] of Object.entries(p)) {
        if (typeof val === "function") {
          const sectionDistance = distanceSection(sections, cellTree, secName, "soma,0");
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
  return { name, pos: [pos[0], pos[1], pos[2]], sections: out, synapses, cellTree, sectLoc };
}
