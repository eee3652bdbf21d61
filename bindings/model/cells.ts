/**
 * hnn-core 0.6.1's default cell templates (cells_default.py, params_default.py, cell.py): the L2 and
 * L5 pyramidal cells as one table of data ({@link PYRAMIDAL}: sections, their tree, end points,
 * resting potentials, mechanisms), the basket cells, the calcium model's L5 pyramidal cell, and the
 * default cell types with their metadata. Templates are finished by ./cellGeometry.ts the way
 * hnn-core's `Cell` constructor finishes them.
 */

import { makeCell, makeSection, type MechValueOrFn, type SectionDraft } from "./cellGeometry";
import { l2PyrParamsDefault, l5PyrParamsDefault } from "./cellParams";
import { npExp } from "./npExp";
import type { Cell, NetworkCellType } from "./cell";
import type { CellMetadata, CellType, SynapseSpec, Vec3 } from "./types";
import { ValueError } from "../util/validate";

/** Override values for `pyramidal` / `pyramidalCa`, keyed like hnn-core's flat parameters
 * (`L5Pyr_dend_gbar_ca`, `L2Pyr_soma_L`, ...). */
export type CellOverrideParams = Record<string, number | ((x: number) => number)>;

/** The pyramidal cell type names hnn-core knows. */
export type PyramidalName = "L2_pyramidal" | "L5_pyramidal";
/** The basket cell type names hnn-core knows. */
export type BasketName = "L2_basket" | "L5_basket";

/** hnn-core's `reference` metadata of the four default cell types. */
const DEFAULT_CELL_REFERENCE = "https://doi.org/10.7554/eLife.51214";

/** `_exp_g_at_dist` (cells_default.py): `gbar_at_zero * (slope * exp(exp_term * x) + offset)`. */
function expGAtDist(x: number, gbarAtZero: number, expTerm: number, offset: number, slope = 1): number {
  return gbarAtZero * (slope * npExp(expTerm * x) + offset);
}

/** `_linear_g_at_dist` without hot zone (cells_default.py): `gsoma + min(xkink, x) * (gdend - gsoma) / xkink`. */
export function linearGAtDist(x: number, gsoma: number, gdend: number, xkink: number): number {
  return gsoma + (Math.min(xkink, x) * (gdend - gsoma)) / xkink;
}

// ---------------------------------------------------------------------------------------------
// Pyramidal cells (cells_default.py `_cell_L2Pyr`, `_cell_L5Pyr`)

/** One dendrite: name, the tree node it hangs from (`"<section>,<end>"`), end points (µm) before the cell is placed, resting potential v0 (mV). */
type DendriteRow = [name: string, parent: string, endPts: [number[], number[]], v0Mv: number];

/** A pyramidal cell type as data. */
interface PyramidalSpec {
  /** Prefix of its flat parameters and its template name. */
  prefix: "L2Pyr" | "L5Pyr";
  /** Its default flat parameters. */
  defaults: () => Record<string, number>;
  /** Soma end points (µm) and resting potential (mV). */
  soma: { endPts: [number[], number[]]; v0Mv: number };
  /** Dendrites in hnn-core's section order. */
  dendrites: DendriteRow[];
  /** Mechanism -> parameters read from `<prefix>_soma_<p>` / `<prefix>_dend_<p>`, in hnn-core's order. */
  mechanisms: Record<string, string[]>;
  /** Dendritic parameters that are functions of the distance from the soma (µm) instead. */
  dendriteGradients: Record<string, Record<string, (x: number) => number>>;
}

const PYR_SYNAPSES = ["ampa", "nmda", "gabaa", "gabab"] as const;
const PYR_SOMA_SYNAPSES = ["gabaa", "gabab"];
const PYR_SECT_LOC = { proximal: ["apical_oblique", "basal_2", "basal_3"], distal: ["apical_tuft"] };

/** The L2 and L5 pyramidal cells of hnn-core 0.6.1. */
const PYRAMIDAL: Record<PyramidalName, PyramidalSpec> = {
  L2_pyramidal: {
    prefix: "L2Pyr",
    defaults: l2PyrParamsDefault,
    soma: { endPts: [[-50, 0, 765], [-50, 0, 778]], v0Mv: -71.46 },
    dendrites: [
      ["apical_trunk", "soma,1", [[-50, 0, 778], [-50, 0, 813]], -71.46],
      ["apical_1", "apical_trunk,1", [[-50, 0, 813], [-50, 0, 993]], -71.46],
      ["apical_tuft", "apical_1,1", [[-50, 0, 993], [-50, 0, 1133]], -71.46],
      ["apical_oblique", "apical_trunk,1", [[-50, 0, 813], [-250, 0, 813]], -71.46],
      ["basal_1", "soma,0", [[-50, 0, 765], [-50, 0, 715]], -71.46],
      ["basal_2", "basal_1,1", [[-50, 0, 715], [-156, 0, 609]], -71.46],
      ["basal_3", "basal_1,1", [[-50, 0, 715], [56, 0, 609]], -71.46],
    ],
    mechanisms: { km: ["gbar_km"], hh2: ["gkbar_hh2", "gnabar_hh2", "gl_hh2", "el_hh2"] },
    dendriteGradients: {},
  },
  L5_pyramidal: {
    prefix: "L5Pyr",
    defaults: l5PyrParamsDefault,
    soma: { endPts: [[0, 0, 0], [0, 0, 23]], v0Mv: -72.0 },
    dendrites: [
      ["apical_trunk", "soma,1", [[0, 0, 23], [0, 0, 83]], -72],
      ["apical_1", "apical_trunk,1", [[0, 0, 83], [0, 0, 483]], -71.32],
      ["apical_2", "apical_1,1", [[0, 0, 483], [0, 0, 883]], -69.08],
      ["apical_tuft", "apical_2,1", [[0, 0, 883], [0, 0, 1133]], -67.3],
      ["apical_oblique", "apical_trunk,1", [[0, 0, 83], [-150, 0, 83]], -72],
      ["basal_1", "soma,0", [[0, 0, 0], [0, 0, -50]], -72],
      ["basal_2", "basal_1,1", [[0, 0, -50], [-106, 0, -156]], -72],
      ["basal_3", "basal_1,1", [[0, 0, -50], [106, 0, -156]], -72],
    ],
    mechanisms: {
      hh2: ["gkbar_hh2", "gnabar_hh2", "gl_hh2", "el_hh2"],
      ca: ["gbar_ca"],
      cad: ["taur_cad"],
      kca: ["gbar_kca"],
      km: ["gbar_km"],
      cat: ["gbar_cat"],
      ar: ["gbar_ar"],
    },
    // cells_default.py: partial(_exp_g_at_dist, gbar_at_zero=1e-6, exp_term=3e-3, offset=0.0)
    dendriteGradients: { ar: { gbar_ar: (x: number) => expGAtDist(x, 1e-6, 3e-3, 0.0) } },
  },
};

/**
 * hnn-core's `cell_tree` of a pyramidal cell: each dendrite's own 0 -> 1 edge, then the branch
 * points in section order (the soma's 0 end first), children in dendrite order.
 */
function pyramidalTree(dendrites: DendriteRow[]): Record<string, string[]> {
  const tree: Record<string, string[]> = {};
  for (const [name] of dendrites) tree[`${name},0`] = [`${name},1`];
  const childrenOf = (node: string) => dendrites.filter((d) => d[1] === node).map(([name]) => `${name},0`);
  tree["soma,0"] = ["soma,1", ...childrenOf("soma,0")];
  for (const sec of ["soma", ...dendrites.map(([name]) => name)]) {
    const children = childrenOf(`${sec},1`);
    if (children.length > 0) tree[`${sec},1`] = children;
  }
  return tree;
}

function num(p: CellOverrideParams, key: string): number {
  const v = p[key];
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new TypeError(`cell parameter ${key} must be a finite number, got ${String(v)}`);
  }
  return v;
}

/** One section's mechanisms from the flat parameters (`_get_mechanisms`). */
function sectionMechanisms(p: CellOverrideParams, prefix: string, where: "soma" | "dend", mechanisms: Record<string, string[]>): Record<string, Record<string, MechValueOrFn>> {
  const out: Record<string, Record<string, MechValueOrFn>> = {};
  for (const [mechName, attrs] of Object.entries(mechanisms)) {
    const mech: Record<string, MechValueOrFn> = {};
    for (const attr of attrs) {
      const v = p[`${prefix}_${where}_${attr}`];
      if (v === undefined) throw new ValueError(`missing cell parameter ${prefix}_${where}_${attr}`);
      mech[attr] = v;
    }
    out[mechName] = mech;
  }
  return out;
}

/** hnn-core `_cell_L2Pyr` / `_cell_L5Pyr` from the table. */
function pyramidalCell(spec: PyramidalSpec, overrideParams: CellOverrideParams | undefined, pos: Vec3): Cell {
  const p: CellOverrideParams = { ...spec.defaults(), ...(overrideParams ?? {}) };
  const pre = spec.prefix;
  const sections: Record<string, SectionDraft> = {};
  for (const [name, , endPts, v0Mv] of spec.dendrites) {
    const middle = name.replace(/_/g, "");
    const s = makeSection(num(p, `${pre}_${middle}_L`), num(p, `${pre}_${middle}_diam`), num(p, `${pre}_dend_Ra`), num(p, `${pre}_dend_cm`), v0Mv, endPts);
    s.syns = [...PYR_SYNAPSES];
    s.mechs = sectionMechanisms(p, pre, "dend", spec.mechanisms);
    for (const [mech, params] of Object.entries(spec.dendriteGradients)) Object.assign(s.mechs[mech], params);
    sections[name] = s;
  }
  const soma = makeSection(num(p, `${pre}_soma_L`), num(p, `${pre}_soma_diam`), num(p, `${pre}_soma_Ra`), num(p, `${pre}_soma_cm`), spec.soma.v0Mv, spec.soma.endPts);
  soma.syns = [...PYR_SOMA_SYNAPSES];
  soma.mechs = sectionMechanisms(p, pre, "soma", spec.mechanisms);
  sections.soma = soma;
  const synapses: Record<string, SynapseSpec> = {};
  for (const r of PYR_SYNAPSES) synapses[r] = { e: num(p, `${pre}_${r}_e`), tau1: num(p, `${pre}_${r}_tau1`), tau2: num(p, `${pre}_${r}_tau2`) };
  return makeCell(pre, pos, sections, synapses, structuredClone(PYR_SECT_LOC), pyramidalTree(spec.dendrites));
}

function checkPos(pos: unknown): Vec3 {
  if (
    !Array.isArray(pos) ||
    pos.length !== 3 ||
    !pos.every((v) => typeof v === "number" && Number.isFinite(v))
  ) {
    throw new TypeError(`pos must be an array of 3 finite numbers [x, y, z], got ${JSON.stringify(pos)}`);
  }
  return [pos[0], pos[1], pos[2]];
}

/**
 * hnn-core `pyramidal(cell_name, pos=(0,0,0), override_params=None)`: the L2 or L5 pyramidal template.
 * @throws ValueError `Unknown pyramidal cell type: X` for another name.
 */
export function pyramidal(cellName: PyramidalName, pos: Vec3 = [0, 0, 0], overrideParams?: CellOverrideParams): Cell {
  const p = checkPos(pos);
  if (!Object.hasOwn(PYRAMIDAL, cellName)) throw new ValueError(`Unknown pyramidal cell type: ${String(cellName)}`);
  return pyramidalCell(PYRAMIDAL[cellName], overrideParams, p);
}

/**
 * hnn-core `basket(cell_name, pos=(0,0,0))`: one soma with hh2 at the .mod defaults (CELLS.md §2.3).
 * @throws ValueError `Unknown basket cell type: X` for another name.
 */
export function basket(cellName: BasketName, pos: Vec3 = [0, 0, 0]): Cell {
  const p = checkPos(pos);
  let sectLoc: { proximal: string[]; distal: string[] };
  if (cellName === "L2_basket") sectLoc = { proximal: ["soma"], distal: ["soma"] };
  else if (cellName === "L5_basket") sectLoc = { proximal: ["soma"], distal: [] };
  else throw new ValueError(`Unknown basket cell type: ${String(cellName)}`);
  const soma = makeSection(39.0, 20.0, 200.0, 0.85, -64.9737, [
    [0, 0, 0],
    [0, 0, 39.0],
  ]);
  const synapses: Record<string, SynapseSpec> = {
    ampa: { e: 0, tau1: 0.5, tau2: 5.0 },
    gabaa: { e: -80, tau1: 0.5, tau2: 5.0 },
    nmda: { e: 0, tau1: 1.0, tau2: 20.0 },
  };
  soma.syns = Object.keys(synapses);
  soma.mechs = { hh2: {} };
  return makeCell(cellName, p, { soma }, synapses, sectLoc, null);
}

/**
 * hnn-core `pyramidal_ca(cell_name, pos, override_params=None)` (cells_default.py, CELLS.md §3.6):
 * the L5 pyramidal cell with distance-dependent gkbar_hh2, gnabar_hh2 and gbar_ca in the dendrites.
 */
export function pyramidalCa(cellName: PyramidalName, pos: Vec3 = [0, 0, 0], overrideParams?: CellOverrideParams): Cell {
  const o: CellOverrideParams = { ...(overrideParams ?? {}) };
  o.L5Pyr_soma_gkbar_hh2 = 0.06;
  o.L5Pyr_soma_gnabar_hh2 = 0.32;
  const gsomaNa = o.L5Pyr_soma_gnabar_hh2;
  const gkZero = o.L5Pyr_soma_gkbar_hh2;
  o.L5Pyr_dend_gbar_ca = (x: number) => linearGAtDist(x, 10.0, 40.0, 1501);
  o.L5Pyr_dend_gnabar_hh2 = (x: number) => linearGAtDist(x, gsomaNa, 28e-4, 962);
  o.L5Pyr_dend_gkbar_hh2 = (x: number) => expGAtDist(x, gkZero, -0.006, 1e-4);
  return pyramidal(cellName, pos, o);
}

/** hnn-core's `cell_metadata` of a default cell type (network.py:525-566). */
export function defaultCellMetadata(cellType: PyramidalName | BasketName): CellMetadata {
  const isPyr = cellType.endsWith("pyramidal");
  return {
    morphoType: isPyr ? "pyramidal" : "basket",
    electroType: isPyr ? "excitatory" : "inhibitory",
    layer: cellType.startsWith("L2") ? "2" : "5",
    measureDipole: isPyr,
    reference: DEFAULT_CELL_REFERENCE,
  };
}

/** The four default cell types in hnn-core's order (L2_basket, L2_pyramidal, L5_basket, L5_pyramidal). */
export function defaultCellTypes(): Record<string, NetworkCellType> {
  return {
    L2_basket: { cellObject: basket("L2_basket"), cellMetadata: defaultCellMetadata("L2_basket") },
    L2_pyramidal: { cellObject: pyramidal("L2_pyramidal"), cellMetadata: defaultCellMetadata("L2_pyramidal") },
    L5_basket: { cellObject: basket("L5_basket"), cellMetadata: defaultCellMetadata("L5_basket") },
    L5_pyramidal: { cellObject: pyramidal("L5_pyramidal"), cellMetadata: defaultCellMetadata("L5_pyramidal") },
  };
}

/**
 * law_2021_model's cell edits (network_models.py:387-401, CELLS.md §3.6):
 * GABAb tau1 = 45, tau2 = 200 on both pyramidal types; `ca` removed from the L5 pyramidal soma and
 * basal dendrites. Edits `cellTypes` in place.
 */
export function applyLaw2021CellEdits(cellTypes: Record<string, CellType>): void {
  for (const name of ["L2_pyramidal", "L5_pyramidal"]) {
    const ct = cellTypes[name];
    if (ct === undefined) throw new ValueError(`law_2021 edits need cell type ${name}`);
    ct.cellObject.synapses.gabab.tau1 = 45.0;
    ct.cellObject.synapses.gabab.tau2 = 200.0;
  }
  const l5 = cellTypes.L5_pyramidal.cellObject;
  for (const sec of ["soma", "basal_1", "basal_2", "basal_3"]) {
    delete l5.sections[sec].mechs.ca;
  }
}
