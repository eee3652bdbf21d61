/**
 * The `cell_types` part of hnn-core's network JSON (hnn_io.py `_read_cell_types`): cell templates
 * with their sections, mechanisms (checked against the known mechanisms and their parameters),
 * synapses, cell tree and section groups, and the cell metadata. Stored end points and per-segment
 * values are kept as they are.
 */

import { MECHANISM_NAMES } from "../model/mechanisms";
import { defaultCellMetadata } from "../model/cells";
import { Cell } from "../model/cell";
import type { CellType, MechParam, SectionSpec, SynapseSpec } from "../model/types";
import { ValueError } from "../util/validate";
import { arr, bool, fail, int, num, obj, str, vec3, type Json } from "./jsonFields";

function readSection(v: Json, path: string): SectionSpec {
  const s = obj(v, path);
  const nseg = int(s.nseg, `${path}.nseg`);
  if (nseg < 1) fail(`${path}.nseg`, "a positive integer", s.nseg);
  const L = num(s.L, `${path}.L`);
  const diam = num(s.diam, `${path}.diam`);
  if (!(L > 0)) fail(`${path}.L`, "a positive length (µm)", s.L);
  if (!(diam > 0)) fail(`${path}.diam`, "a positive diameter (µm)", s.diam);
  const endPtsRaw = arr(s.end_pts, `${path}.end_pts`);
  if (endPtsRaw.length !== 2) fail(`${path}.end_pts`, "two points [[x, y, z], [x, y, z]]", s.end_pts);
  const mechs: Record<string, Record<string, MechParam>> = {};
  for (const [mech, params] of Object.entries(obj(s.mechs, `${path}.mechs`))) {
    if (!MECHANISM_NAMES.includes(mech)) {
      throw new ValueError(
        `network JSON: ${path}.mechs has unknown mechanism '${mech}'; hnn-core 0.6.1 mechanisms are ${MECHANISM_NAMES.join(", ")}`,
      );
    }
    const m: Record<string, MechParam> = {};
    for (const [attr, val] of Object.entries(obj(params, `${path}.mechs.${mech}`))) {
      const p = `${path}.mechs.${mech}.${attr}`;
      if (!attr.endsWith(`_${mech}`)) {
        throw new ValueError(`network JSON: ${p} is not a parameter of mechanism '${mech}' (names end with '_${mech}')`);
      }
      if (Array.isArray(val)) {
        if (val.length !== 2) fail(p, "a number or [segXs, segValues]", val);
        const xs = arr(val[0], `${p}[0]`).map((x, k) => num(x, `${p}[0][${k}]`));
        const ys = arr(val[1], `${p}[1]`).map((x, k) => num(x, `${p}[1][${k}]`));
        if (xs.length !== nseg || ys.length !== nseg) fail(p, `two lists of nseg = ${nseg} values`, val);
        m[attr] = [xs, ys];
      } else {
        m[attr] = num(val, p);
      }
    }
    mechs[mech] = m;
  }
  return {
    L,
    diam,
    cm: num(s.cm, `${path}.cm`),
    Ra: num(s.Ra, `${path}.Ra`),
    endPts: [vec3(endPtsRaw[0], `${path}.end_pts[0]`), vec3(endPtsRaw[1], `${path}.end_pts[1]`)],
    nseg,
    v0: s.v0 === undefined ? -65 : num(s.v0, `${path}.v0`),
    mechs,
    syns: arr(s.syns, `${path}.syns`).map((r, k) => str(r, `${path}.syns[${k}]`)),
  };
}

/** Cell types that hnn-core's legacy layout may name (their metadata are the defaults). */
const DEFAULT_CELL_NAMES = ["L2_basket", "L2_pyramidal", "L5_basket", "L5_pyramidal"] as const;

function readCellTemplate(v: Json, path: string): Cell {
  const c = obj(v, path);
  const sections: Record<string, SectionSpec> = {};
  for (const [name, s] of Object.entries(obj(c.sections, `${path}.sections`))) {
    sections[name] = readSection(s, `${path}.sections.${name}`);
  }
  if (!Object.hasOwn(sections, "soma")) throw new ValueError(`network JSON: ${path}.sections must contain 'soma'`);
  const synapses: Record<string, SynapseSpec> = {};
  for (const [r, sv] of Object.entries(obj(c.synapses, `${path}.synapses`))) {
    const so = obj(sv, `${path}.synapses.${r}`);
    synapses[r] = {
      e: num(so.e, `${path}.synapses.${r}.e`),
      tau1: num(so.tau1, `${path}.synapses.${r}.tau1`),
      tau2: num(so.tau2, `${path}.synapses.${r}.tau2`),
    };
  }
  for (const [name, s] of Object.entries(sections)) {
    for (const r of s.syns) {
      if (!Object.hasOwn(synapses, r)) throw new ValueError(`network JSON: ${path}.sections.${name}.syns names receptor '${r}' that ${path}.synapses does not define`);
    }
  }
  let cellTree: Record<string, string[]> | null = null;
  if (c.cell_tree !== null && c.cell_tree !== undefined) {
    cellTree = {};
    for (const [parent, children] of Object.entries(obj(c.cell_tree, `${path}.cell_tree`))) {
      const list = arr(children, `${path}.cell_tree.${parent}`).map((x, k) => str(x, `${path}.cell_tree.${parent}[${k}]`));
      for (const node of [parent, ...list]) {
        const [sec, end] = node.split(",");
        if (!Object.hasOwn(sections, sec) || (end !== "0" && end !== "1")) {
          throw new ValueError(`network JSON: ${path}.cell_tree node '${node}' must be '<section>,0' or '<section>,1' of a defined section`);
        }
      }
      cellTree[parent] = list;
    }
  }
  const sl = obj(c.sect_loc, `${path}.sect_loc`);
  const sectLoc: Record<string, string[]> = {};
  for (const [group, secs] of Object.entries(sl)) {
    sectLoc[group] = arr(secs, `${path}.sect_loc.${group}`).map((x, k) => {
      const s = str(x, `${path}.sect_loc.${group}[${k}]`);
      if (!Object.hasOwn(sections, s)) throw new ValueError(`network JSON: ${path}.sect_loc.${group} names unknown section '${s}'`);
      return s;
    });
  }
  return new Cell({
    name: str(c.name, `${path}.name`),
    pos: vec3(c.pos, `${path}.pos`),
    sections,
    synapses,
    cellTree,
    sectLoc: { proximal: sectLoc.proximal ?? [], distal: sectLoc.distal ?? [], ...sectLoc },
  });
}

/** `cell_types` of the network JSON (current layout with `cell_object` / `cell_metadata`, or hnn-core's legacy layout). */
export function readCellTypes(v: Json): Record<string, CellType> {
  const out: Record<string, CellType> = {};
  for (const [name, entry] of Object.entries(obj(v, "cell_types"))) {
    const e = obj(entry, `cell_types.${name}`);
    if (Object.hasOwn(e, "cell_object") && Object.hasOwn(e, "cell_metadata")) {
      const md = obj(e.cell_metadata, `cell_types.${name}.cell_metadata`);
      out[name] = {
        cellObject: readCellTemplate(e.cell_object, `cell_types.${name}.cell_object`),
        cellMetadata: {
          morphoType: str(md.morpho_type, `cell_types.${name}.cell_metadata.morpho_type`),
          electroType: str(md.electro_type, `cell_types.${name}.cell_metadata.electro_type`),
          layer: str(md.layer, `cell_types.${name}.cell_metadata.layer`),
          measureDipole: bool(md.measure_dipole, `cell_types.${name}.cell_metadata.measure_dipole`),
          reference: md.reference === undefined ? "" : str(md.reference, `cell_types.${name}.cell_metadata.reference`),
        },
      };
    } else {
      // Legacy layout: the cell dict itself; metadata from the name (hnn_io.py `_read_cell_types`).
      const known = DEFAULT_CELL_NAMES.find((n) => n === name);
      if (known === undefined) {
        throw new ValueError(
          `network JSON: cell_types.${name} has no cell_metadata and '${name}' is not a default cell type (${DEFAULT_CELL_NAMES.join(", ")})`,
        );
      }
      out[name] = { cellObject: readCellTemplate(e, `cell_types.${name}`), cellMetadata: defaultCellMetadata(known) };
    }
  }
  return out;
}
