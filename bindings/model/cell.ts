/**
 * hnn-core 0.6.1's `Section` and `Cell` objects (cell.py) for the templates in `net.cellTypes`:
 * read-only geometry (`L`, `diam`, `cm`, `Ra`, `v0`, `endPts`, as hnn-core's properties without
 * setters), `modifySection` (which rescales the end points along the tree like hnn-core's
 * `_update_end_pts` / `define_shape`), `distanceSection` (hnn-core's path distance), `defineShape`
 * and `plotMorphology` (drawn by `hnn-wasm/viz` once imported; see ../util/plotRenderers.ts).
 *
 * The objects are plain data with methods: their fields are own enumerable properties, so a
 * structured clone (the simulator's workers) or the network JSON writer sees a {@link CellTemplate}.
 */

import { plotRenderer } from "../util/plotRenderers";
import { checkFinite, checkOption, ValueError } from "../util/validate";
import type { Figure } from "../viz/figure";
import type { CellMetadata, CellTemplate, CellType, MechParam, SectionSpec, SynapseSpec, Vec3 } from "./types";

/** A node of hnn-core's `cell_tree`: a section name and its end (0 or 1), e.g. `["soma", 0]`. */
export type CellNode = [sectionName: string, end: number];

/** The geometry that the tree algorithms read and move. */
interface Geometry {
  L: number;
  endPts: number[][];
}

function nodeKey(sec: string, end: number): string {
  return `${sec},${end}`;
}

function parseNode(node: string): [string, number] {
  const i = node.lastIndexOf(",");
  return [node.slice(0, i), Number(node.slice(i + 1))];
}

/**
 * Path distance (µm) from `currNode` (`"sec,end"`) to the middle of `targetSec`: hnn-core's
 * `Cell.distance_section`, same recursion and summation order. NaN when unreachable.
 * @throws TypeError when the cell has no tree (hnn-core's message).
 */
export function treeDistance(sections: Record<string, { L: number }>, cellTree: Record<string, string[]> | null, targetSec: string, currNode: string): number {
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
    let distTemp = treeDistance(sections, cellTree, targetSec, child);
    if (childSec === currSec) distTemp += sections[childSec].L;
    if (Number.isNaN(dist)) dist = distTemp;
    else if (!Number.isNaN(distTemp)) dist = Math.min(dist, distTemp);
  }
  return dist;
}

/** hnn-core `_update_section_end_pts_L`: moves `node`'s end point and everything below it by `dpt`. */
function moveSubtree(sections: Record<string, Geometry>, tree: Record<string, string[]>, node: string, dpt: number[]): void {
  const [sec, end] = parseNode(node);
  const pt = sections[sec].endPts[end];
  pt[0] = pt[0] + dpt[0];
  pt[1] = pt[1] + dpt[1];
  pt[2] = pt[2] + dpt[2];
  for (const child of tree[node] ?? []) moveSubtree(sections, tree, child, dpt);
}

/**
 * hnn-core `Cell.define_shape(node)`: rescales each section of the subtree below `node` (`"sec,end"`)
 * to its length `L` along its own direction, moving the sections beyond it with it. Edits in place.
 */
function defineTreeShape(sections: Record<string, Geometry>, tree: Record<string, string[]>, node: string): void {
  const [sec, end] = parseNode(node);
  const oppEnd = end === 1 ? 0 : 1;
  const pts = sections[sec].endPts;
  const [x0, y0, z0] = pts[end];
  const [x1, y1, z1] = pts[oppEnd];
  const d0 = x0 - x1;
  const d1 = y0 - y1;
  const d2 = z0 - z1;
  const fac = sections[sec].L / Math.sqrt(d0 * d0 + d1 * d1 + d2 * d2);
  const xNew = x0 + (x1 - x0) * fac;
  const yNew = y0 + (y1 - y0) * fac;
  const zNew = z0 + (z1 - z0) * fac;
  moveSubtree(sections, tree, nodeKey(sec, oppEnd), [xNew - x1, yNew - y1, zNew - z1]);
  for (const child of tree[node] ?? []) defineTreeShape(sections, tree, child);
}

/**
 * hnn-core `Cell._update_end_pts`: shifts every end point so the soma's 0-end sits at `pos`, then
 * {@link defineTreeShape} from `soma,0`. No-op without a tree. Edits in place.
 */
export function updateEndPts(sections: Record<string, Geometry>, tree: Record<string, string[]> | null, pos: Vec3): void {
  if (!("soma" in sections)) throw new ValueError("soma must be defined for cell");
  if (tree === null) return;
  const soma0 = sections.soma.endPts[0];
  const dx = pos[0] - soma0[0];
  const dy = pos[1] - soma0[1];
  const dz = pos[2] - soma0[2];
  for (const s of Object.values(sections)) {
    for (const p of s.endPts) {
      p[0] = p[0] + dx;
      p[1] = p[1] + dy;
      p[2] = p[2] + dz;
    }
  }
  defineTreeShape(sections, tree, "soma,0");
}

function setReadOnly(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: false, enumerable: true, configurable: true });
}

/** The section fields hnn-core exposes as properties without a setter. */
const READ_ONLY = ["L", "diam", "cm", "Ra", "endPts", "v0"] as const;

/**
 * hnn-core `Section`: one unbranched cable. `L`, `diam`, `cm`, `Ra`, `v0` and `endPts` are read-only
 * (assigning one throws a TypeError, as hnn-core raises AttributeError); change them with
 * {@link Cell.modifySection}, which keeps the end points consistent. `mechs`, `syns` and `nseg`
 * are plain fields as in hnn-core.
 */
export class Section implements SectionSpec {
  /** Length (µm). */
  declare readonly L: number;
  /** Diameter (µm). */
  declare readonly diam: number;
  /** Specific membrane capacitance (µF/cm²). */
  declare readonly cm: number;
  /** Axial resistivity (Ω·cm). */
  declare readonly Ra: number;
  /** Start and end points (µm). */
  declare readonly endPts: [Vec3, Vec3];
  /** Initial membrane potential (mV). */
  declare readonly v0: number;
  /** Number of segments (hnn-core keeps it when `L` changes through `modify_section`). */
  nseg: number;
  /** Mechanism name -> parameter name -> value (a number, or per-segment `[segXs, segValues]`). */
  mechs: Record<string, Record<string, MechParam>>;
  /** Receptors with a synapse at this section's centre. */
  syns: string[];

  /** A section holding a copy of `spec`'s values. */
  constructor(spec: SectionSpec) {
    for (const key of READ_ONLY) {
      setReadOnly(this, key, key === "endPts" ? spec.endPts.map((p) => [p[0], p[1], p[2]]) : spec[key]);
    }
    this.nseg = spec.nseg;
    this.mechs = structuredClone(spec.mechs);
    this.syns = [...spec.syns];
  }

  /** hnn-core `__repr__`: `L=…, diam=…, cm=…, Ra=…, v0=…`. */
  toString(): string {
    return `L=${this.L}, diam=${this.diam}, cm=${this.cm}, Ra=${this.Ra}, v0=${this.v0}`;
  }
}

/** The section values {@link Cell.modifySection} can change. */
const MODIFIABLE = ["L", "diam", "cm", "Ra", "v0"] as const;

/** Changes of {@link Cell.modifySection} (hnn-core's keyword arguments; omitted ones stay). */
export interface SectionChanges {
  /** Length (µm). */
  L?: number;
  /** Diameter (µm). */
  diam?: number;
  /** Specific membrane capacitance (µF/cm²). */
  cm?: number;
  /** Axial resistivity (Ω·cm). */
  Ra?: number;
  /** Initial membrane potential (mV). */
  v0?: number;
}

/** Options of `cell.plotMorphology` / `plotCellMorphology` (hnn-core `plot_cell_morphology`). */
export interface PlotMorphologyOptions {
  /** One colour for the whole cell, or one per section (every section needs one). Default 'b'. */
  color?: string | Record<string, string>;
  /** Where the soma is drawn (µm, the cell's x, y, z). Default [0, 0, 0]. */
  pos?: Vec3;
  /** x limits (µm) around `pos`. Default [-250, 150]. */
  xlim?: [number, number];
  /** y (depth) limits (µm) around `pos`. Default [-100, 100]. */
  ylim?: [number, number];
  /** z (height) limits (µm) around `pos`. Default [-100, 1200]. */
  zlim?: [number, number];
  /** View elevation (degrees). Default 0 (hnn-core's `view_init(0, -90)`). */
  elev?: number;
  /** View azimuth (degrees). Default -90. */
  azim?: number;
  /** Figure width (px). Default 640 (matplotlib's 6.4 in at 100 dpi). */
  width?: number;
  /** Figure height (px). Default 480. */
  height?: number;
  /** In a browser: append the figure's SVG to this element (hnn-core's `show`). */
  show?: Element;
  /** DOM document to build the figure in (default: see hnn-wasm/viz `resolveDocument`). */
  document?: Document;
}

/**
 * hnn-core `Cell` as a template of `net.cellTypes[name].cellObject` (no gid: one per cell type).
 * The constructor takes the template as it is (already shaped by `pyramidal`, `basket` or the
 * network file); {@link Cell.modifySection} and {@link Cell.defineShape} reshape it.
 */
export class Cell implements CellTemplate {
  /** Template name (`L5Pyr`, `L2_basket`, …). */
  name: string;
  /** Position of the soma's 0-end (µm). */
  pos: Vec3;
  /** Sections in hnn-core's order. */
  sections: Record<string, Section>;
  /** Exp2Syn constants per receptor. */
  synapses: Record<string, SynapseSpec>;
  /** hnn-core `cell_tree` (`"sec,end"` -> children), or null for one-section cells. */
  cellTree: Record<string, string[]> | null;
  /** Section groups for `proximal` / `distal` targets. */
  sectLoc: { proximal: string[]; distal: string[] } & Record<string, string[]>;

  /** A cell holding a copy of `template`. */
  constructor(template: CellTemplate) {
    this.name = template.name;
    this.pos = [template.pos[0], template.pos[1], template.pos[2]];
    this.sections = {};
    for (const [name, s] of Object.entries(template.sections)) this.sections[name] = new Section(s);
    this.synapses = structuredClone(template.synapses);
    this.cellTree = template.cellTree === null ? null : structuredClone(template.cellTree);
    this.sectLoc = structuredClone(template.sectLoc);
  }

  /** hnn-core `copy()`: a deep copy. */
  copy(): Cell {
    return new Cell(this);
  }

  /**
   * hnn-core `distance_section(target_sec_name, curr_node)`: path distance (µm) from `currNode`
   * (e.g. `["soma", 0]`) along the tree to the middle of `targetSecName`; NaN when `currNode` is not
   * a node of the tree or the target is not below it.
   * @throws TypeError for a cell without a tree (basket cells), as hnn-core.
   */
  distanceSection(targetSecName: string, currNode: CellNode): number {
    if (!Array.isArray(currNode) || currNode.length !== 2) throw new TypeError(`currNode must be a [sectionName, end] pair, got ${JSON.stringify(currNode)}`);
    return treeDistance(this.sections, this.cellTree, targetSecName, nodeKey(currNode[0], currNode[1]));
  }

  /**
   * hnn-core `define_shape(node)`: rescales the end points of the subtree below `node` to the
   * sections' lengths (from `["soma", 0]`: the whole cell). No-op for a cell without a tree.
   */
  defineShape(node: CellNode): void {
    if (this.cellTree === null) return;
    defineTreeShape(this.sections, this.cellTree, nodeKey(node[0], node[1]));
  }

  /**
   * hnn-core `modify_section(sec_name, L=None, diam=None, cm=None, Ra=None, v0=None)`: sets the given
   * values, then redoes the end points from the soma (`_update_end_pts`): a new `L` moves the
   * section's far end along its direction and shifts every section beyond it by as much. As in
   * hnn-core, `nseg` and per-segment mechanism values are kept.
   * @throws ValueError for an unknown section (hnn-core's message); TypeError for a non-number.
   */
  modifySection(secName: string, changes: SectionChanges = {}): void {
    checkOption("sec_name", secName, Object.keys(this.sections));
    if (typeof changes !== "object" || changes === null) throw new TypeError(`changes must be an object such as { L, diam, cm, Ra, v0 }, got ${String(changes)}`);
    for (const key of Object.keys(changes)) checkOption("changes", key, MODIFIABLE);
    const values = MODIFIABLE.flatMap((key) => (changes[key] === undefined ? [] : [[key, checkFinite(key, changes[key], "float or int")] as const]));
    for (const [key, value] of values) setReadOnly(this.sections[secName], key, value);
    updateEndPts(this.sections, this.cellTree, this.pos);
  }

  /**
   * hnn-core `plot_morphology(...)`: the sections in 3-D as hnn-core draws them. Needs the figures:
   * import `hnn-wasm/viz` (or `hnn-wasm/node`) first.
   */
  plotMorphology(options: PlotMorphologyOptions = {}): Figure {
    return plotRenderer("plotCellMorphology", "cell.plotMorphology")(this, options);
  }

  /** hnn-core `__repr__`: `<Cell | gid=None>` (templates have no gid). */
  toString(): string {
    return "<Cell | gid=None>";
  }
}

/** One entry of `net.cellTypes`: the template as a {@link Cell} object, and its metadata. */
export interface NetworkCellType extends CellType {
  cellObject: Cell;
  cellMetadata: CellMetadata;
}

/** `t` as a {@link NetworkCellType}: its template wrapped in a {@link Cell} unless it is one already. */
export function asNetworkCellType(t: CellType): NetworkCellType {
  return t.cellObject instanceof Cell ? (t as NetworkCellType) : { ...t, cellObject: new Cell(t.cellObject) };
}
