/**
 * One cell type lowered once (lower.ts copies it for each of its cells): sections in load order,
 * mechanism instances, synapses, dipole terms, spike detector and the orders hnn-core lists
 * sections and synapses in. Indices are local to one cell. The cell type must be validated.
 */
import type { CellType, SectionSpec, Vec3 } from "../model/types";
import { insertionOrder, mechanismParamAt, type MechanismSpec } from "../model/mechanisms";
import { centreSegment, type SectionColumns } from "./image";
import type { OrderedSection } from "./validate";

/** One mechanism's instances in one cell (typed, so that lowering copies them per cell in bulk). */
interface TemplateMechanism {
  spec: MechanismSpec;
  section: Int32Array;
  segment: Int32Array;
  params: Float64Array;
}

/** A cell type as numbers for one cell (local section and synapse indices). */
export interface CellTemplateImage extends SectionColumns {
  /** Sections in load order (parent: a local section index). */
  names: string[];
  /** Direction cosine to the apical trunk per section, when the type measures a dipole. */
  cosTheta: Float64Array | null;
  /** In insertion order (pools first). */
  mechanisms: TemplateMechanism[];
  synapses: { section: Int32Array; segment: Int32Array; eMv: Float64Array; tau1Ms: Float64Array; tau2Ms: Float64Array; receptor: string[] };
  /** Section name → its local index. */
  sectionIndex: Map<string, number>;
  /** Section name → receptor → local synapse index. */
  synapseIndex: Map<string, Map<string, number>>;
  /** Local section indices in hnn-core's `cell.sections` order (CELLS.md §2), the order outputs list them. */
  outputSections: number[];
  /** Local synapse indices by output section, in the section's receptor order. */
  outputSynapses: number[][];
  /** Spike detector: soma(0.5), or the root section's centre in a cell without soma. */
  sourceSection: number;
  sourceSegment: number;
}

function direction(sec: SectionSpec): Vec3 {
  const [a, b] = sec.endPts;
  return [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
}

/** cos θ between a section and the apical trunk (DIPOLE.md §2). */
function cosTheta(sec: SectionSpec, trunk: SectionSpec): number {
  const u = direction(sec);
  const w = direction(trunk);
  const dot = u[0] * w[0] + u[1] * w[1] + u[2] * w[2];
  return dot / (Math.hypot(...u) * Math.hypot(...w));
}

/** Lowers a validated cell type whose sections are in `order` (validate.ts sectionOrder). */
export function lowerCellType(cellType: string, t: CellType, order: readonly OrderedSection[], mechanisms: readonly MechanismSpec[]): CellTemplateImage {
  const secs = t.cellObject.sections;
  const specs = order.map(({ name }) => secs[name]);
  const column = (f: (s: SectionSpec) => number) => Float64Array.from(specs, f);
  const trunk = secs["apical_trunk"];
  const mechs = insertionOrder(mechanisms).map((spec) => ({ spec, section: [] as number[], segment: [] as number[], params: [] as number[] }));
  const syn = { section: [] as number[], segment: [] as number[], e: [] as number[], tau1: [] as number[], tau2: [] as number[], receptor: [] as string[] };
  const sectionIndex = new Map<string, number>();
  const synapseIndex = new Map<string, Map<string, number>>();
  specs.forEach((s, i) => {
    const where = `cell type '${cellType}', section '${order[i].name}'`;
    sectionIndex.set(order[i].name, i);
    for (const m of mechs) {
      const given = s.mechs[m.spec.name];
      if (given === undefined) continue;
      for (let k = 0; k < s.nseg; k++) {
        m.section.push(i);
        m.segment.push(k);
        for (const p of m.spec.params) m.params.push(mechanismParamAt(where, p, given[p.name], k));
      }
    }
    const bySyn = new Map<string, number>();
    for (const receptor of s.syns) {
      const c = t.cellObject.synapses[receptor];
      bySyn.set(receptor, syn.section.length);
      syn.section.push(i);
      syn.segment.push(centreSegment(s.nseg));
      syn.e.push(c.e);
      syn.tau1.push(c.tau1);
      syn.tau2.push(c.tau2);
      syn.receptor.push(receptor);
    }
    synapseIndex.set(order[i].name, bySyn);
  });
  const outputSections = Object.keys(secs).map((name) => sectionIndex.get(name)!);
  const source = sectionIndex.get(secs["soma"] ? "soma" : order[0].name)!;
  return {
    names: order.map((o) => o.name),
    parent: Int32Array.from(order, (o) => o.parent),
    lengthUm: column((s) => s.L),
    diamUm: column((s) => s.diam),
    raOhmCm: column((s) => s.Ra),
    cmUfCm2: column((s) => s.cm),
    nseg: Int32Array.from(specs, (s) => s.nseg),
    v0Mv: column((s) => s.v0),
    cosTheta: t.cellMetadata.measureDipole ? column((s) => cosTheta(s, trunk)) : null,
    mechanisms: mechs.map(({ spec, section, segment, params }) => ({ spec, section: Int32Array.from(section), segment: Int32Array.from(segment), params: Float64Array.from(params) })),
    synapses: {
      section: Int32Array.from(syn.section),
      segment: Int32Array.from(syn.segment),
      eMv: Float64Array.from(syn.e),
      tau1Ms: Float64Array.from(syn.tau1),
      tau2Ms: Float64Array.from(syn.tau2),
      receptor: syn.receptor,
    },
    sectionIndex,
    synapseIndex,
    outputSections,
    outputSynapses: outputSections.map((i) => [...synapseIndex.get(order[i].name)!.values()]),
    sourceSection: source,
    sourceSegment: centreSegment(specs[source].nseg),
  };
}
