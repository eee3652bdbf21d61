/**
 * hnn-core 0.6.1's default cell templates as data (cells_default.py, params_default.py, cell.py).
 *
 * Every template is built the way hnn-core's `Cell` constructor builds it, in the same floating-point
 * order, so the values equal the `cell_types` hnn-core writes into network.json:
 * - section geometry from the flat default parameters (CELLS.md §2), `nseg` from `getNseg` (§1);
 * - end points shifted so the soma's 0-end sits at `pos`, then rescaled along the tree to the
 *   section lengths (`Cell._update_end_pts` / `define_shape`, cell.py:974-1076);
 * - distance-dependent mechanism values (the L5 `gbar_ar` gradient, the calcium model's
 *   gkbar/gnabar/gbar_ca) evaluated per segment into `[segXs, segVals]` lists
 *   (`Cell._compute_section_mechs`, CELLS.md §3.2, §3.6 "Per-segment details").
 *
 * Deviation: the exponentials use `Math.exp`. hnn-core uses `np.exp`, which on an AVX512F CPU can
 * differ in the last bit (CELLS.md §3.6); see `npExp` below for how this module matches it.
 */

import type { CellMetadata, CellTemplate, CellType, MechParam, SectionSpec, SynapseSpec, Vec3 } from "./types";
import { ValueError } from "../util/validate";

/** A mechanism value while a template is being built: a number, per-segment lists, or a function of
 * the path distance (µm) from the soma's 0-end (hnn-core's `partial(...)` callables). */
export type MechValueOrFn = MechParam | ((x: number) => number);

/** Override values for `pyramidal` / `pyramidalCa`, keyed like hnn-core's flat parameters
 * (`L5Pyr_dend_gbar_ca`, `L2Pyr_soma_L`, ...). */
export type CellOverrideParams = Record<string, number | ((x: number) => number)>;

/** The pyramidal cell type names hnn-core knows. */
export type PyramidalName = "L2_pyramidal" | "L5_pyramidal";
/** The basket cell type names hnn-core knows. */
export type BasketName = "L2_basket" | "L5_basket";

/** hnn-core's `reference` metadata of the four default cell types. */
export const DEFAULT_CELL_REFERENCE = "https://doi.org/10.7554/eLife.51214";

/** Section count rule (cell.py:160-167, CELLS.md §1). */
export function getNseg(L: number): number {
  let nseg = 1;
  if (L > 100.0) {
    nseg = Math.trunc(L / 50.0);
    if (nseg % 2 === 0) nseg += 1;
  }
  return nseg;
}

/**
 * `np.exp` for the arguments hnn-core's templates use. numpy 1.24 on an AVX512F CPU uses its own SIMD
 * exp, which can differ from `Math.exp` by one ulp (CELLS.md §3.6, NETWORK.md §5). Known arguments
 * where the two differ are corrected from a table of numpy's results; every other argument uses
 * `Math.exp` (≤ 1 ulp from numpy).
 */
export function npExp(x: number): number {
  const fix = NP_EXP_FIXES.get(x);
  return fix ?? Math.exp(x);
}

/**
 * `[x, np.exp(x)]` for the arguments where numpy 1.24's AVX512F `exp` differs from V8's `Math.exp`:
 * the 10 L5 `gbar_ar` gradient arguments `0.003·x` of the default template (recovered from the
 * reference network.json values) and the 99 distance-weight arguments `-(d²)/(λ²)` of the default
 * 10×10 grid (rng_vectors.json → numpy_exp_weights; dx, dy in -9..9, λ in 3, 20, 50, 70, 100).
 * The compile step can use `npExp` for NetCon weights and delays (NETWORK.md §5).
 */
const NP_EXP_FIXES: Map<number, number> = new Map<number, number>([
  [0.27, 1.3099644507332473], [0.37199999999999994, 1.4506329812931589],
  [1.756846153846154, 5.794134738133807], [2.3845384615384613, 10.854051946253035],
  [0.6525, 1.9203356721430285], [2.5414615384615384, 12.698216346726253],
  [3.6399230769230773, 38.08890669680731], [3.9537692307692307, 52.131492606965885],
  [4.998833333333334, 148.24011138108926], [0.6375000000000001, 1.8917455986737697],
  [-11.11111111111111, 0.000014945338524781453], [-10.777777777777777, 0.00002085790014230281],
  [-10, 0.000045399929762484854], [-7.999999999999998, 0.0003354626279025124],
  [-5.888888888888889, 0.0027700528241100556], [-4.111111111111111, 0.0163895537902136],
  [-2.7777777777777777, 0.062176524022116327], [-1.9999999999999996, 0.13533528323661273],
  [-1, 0.3678794411714424], [-0.8888888888888891, 0.4111122905071874],
  [-0.5555555555555557, 0.5737534207374326], [-0.265, 0.7672059499758558],
  [-0.225, 0.798516218759377], [-0.2125, 0.8085603163214524],
  [-0.17, 0.8436648165963836], [-0.14500000000000002, 0.8650222931107412],
  [-0.0648, 0.9372548956126777], [-0.052, 0.9493288668428895],
  [-0.04, 0.9607894391523233], [-0.038799999999999994, 0.9619430785244927],
  [-0.034, 0.9665715046375067], [-0.032499999999999994, 0.9680224498313061],
  [-0.0324, 0.9681192569165629], [-0.029199999999999993, 0.9712222006007457],
  [-0.0256, 0.974724901601794], [-0.025000000000000005, 0.9753099120283327],
  [-0.024399999999999998, 0.9758952735664503], [-0.02306122448979592, 0.977202653207878],
  [-0.0225, 0.9777512371933365], [-0.020799999999999996, 0.9794148279480586],
  [-0.02040816326530612, 0.9797986738537044], [-0.020000000000000004, 0.9801986733067554],
  [-0.02, 0.9801986733067554], [-0.019795918367346937, 0.9803987342660174],
  [-0.018367346938775512, 0.9818003047698236], [-0.018163265306122445, 0.9820006926260052],
  [-0.017346938775510204, 0.9828026531307589], [-0.016734693877551023, 0.9834045532771842],
  [-0.01653061224489796, 0.9836052685644306], [-0.0162, 0.9839305142725084],
  [-0.015102040816326531, 0.9850114231050526], [-0.014799999999999997, 0.9853089816945357],
  [-0.014693877551020406, 0.9854135506451331], [-0.0145, 0.9856046187323825],
  [-0.0144, 0.9857031841224431], [-0.013877551020408163, 0.9862182982938881],
  [-0.0136, 0.9864920621788901], [-0.013, 0.9870841350202877],
  [-0.012800000000000002, 0.9872815715902906], [-0.012448979591836733, 0.9876281884017506],
  [-0.011700000000000002, 0.988368178843463], [-0.0116, 0.9884670206033529],
  [-0.011300000000000001, 0.9887636051949983], [-0.010600000000000002, 0.9894559820222523],
  [-0.010399999999999998, 0.9896538930090957], [-0.0098, 0.9902478635182348],
  [-0.009183673469387756, 0.9908583676640288], [-0.009, 0.9910403787728838],
  [-0.00836734693877551, 0.9916675618760474], [-0.0082, 0.991833528293409],
  [-0.00816326530612245, 0.9918699636636653], [-0.0081, 0.9919327166055713],
  [-0.007346938775510204, 0.9926799840054866], [-0.007299999999999998, 0.9927265802819869],
  [-0.0068, 0.9932230676836348], [-0.006499999999999999, 0.9935210793034478],
  [-0.0064, 0.9936204363791491], [-0.0060999999999999995, 0.9939185672274541],
  [-0.0059183673469387745, 0.9940991116896349], [-0.0053, 0.994714020220009],
  [-0.005000000000000001, 0.9950124791926824], [-0.0049, 0.9951119854158299],
  [-0.0045000000000000005, 0.9955101098295707], [-0.0041, 0.9959083935249311],
  [-0.004081632653061225, 0.9959266858879048], [-0.004000000000000001, 0.9960079893439916],
  [-0.0036999999999999993, 0.9963068365656367], [-0.0036734693877551014, 0.9963332695466346],
  [-0.0036, 0.9964064722309934], [-0.0034693877551020408, 0.9965366236166597],
  [-0.0034, 0.9966057734548978], [-0.0032653061224489797, 0.9967400191917506],
  [-0.0032000000000000006, 0.996805114543033], [-0.0029, 0.997104200938112],
  [-0.0026530612244897956, 0.9973504550321387], [-0.0025999999999999994, 0.9974033770725699],
  [-0.0025, 0.9975031223974602], [-0.0020408163265306124, 0.997961264723188],
  [-0.0020000000000000005, 0.9980019986673332], [-0.0017, 0.9983014441815147],
  [-0.00163265306122449, 0.9983686789917594], [-0.0012999999999999997, 0.9987008446339524],
  [-0.0010204081632653062, 0.9989801122761094], [-0.0010000000000000002, 0.9990004998333751],
  [-0.0009, 0.9991004048785275], [-0.0008163265306122449, 0.9991840065732435],
  [-0.0008000000000000001, 0.9992003199146838], [-0.00020408163265306123, 0.9997959391905868],
  [-0.0001, 0.9999000049998334],
]);

/** `_exp_g_at_dist` (cells_default.py): `gbar_at_zero * (slope * exp(exp_term * x) + offset)`. */
export function expGAtDist(x: number, gbarAtZero: number, expTerm: number, offset: number, slope = 1): number {
  return gbarAtZero * (slope * npExp(expTerm * x) + offset);
}

/** `_linear_g_at_dist` without hot zone (cells_default.py): `gsoma + min(xkink, x) * (gdend - gsoma) / xkink`. */
export function linearGAtDist(x: number, gsoma: number, gdend: number, xkink: number): number {
  return gsoma + (Math.min(xkink, x) * (gdend - gsoma)) / xkink;
}

/** Default flat parameters of the L2 pyramidal cell (`get_L2Pyr_params_default`, params_default.py). */
export function l2PyrParamsDefault(): Record<string, number> {
  return {
    L2Pyr_soma_L: 22.1,
    L2Pyr_soma_diam: 23.4,
    L2Pyr_soma_cm: 0.6195,
    L2Pyr_soma_Ra: 200.0,
    L2Pyr_dend_cm: 0.6195,
    L2Pyr_dend_Ra: 200.0,
    L2Pyr_apicaltrunk_L: 59.5,
    L2Pyr_apicaltrunk_diam: 4.25,
    L2Pyr_apical1_L: 306.0,
    L2Pyr_apical1_diam: 4.08,
    L2Pyr_apicaltuft_L: 238.0,
    L2Pyr_apicaltuft_diam: 3.4,
    L2Pyr_apicaloblique_L: 340.0,
    L2Pyr_apicaloblique_diam: 3.91,
    L2Pyr_basal1_L: 85.0,
    L2Pyr_basal1_diam: 4.25,
    L2Pyr_basal2_L: 255.0,
    L2Pyr_basal2_diam: 2.72,
    L2Pyr_basal3_L: 255.0,
    L2Pyr_basal3_diam: 2.72,
    L2Pyr_ampa_e: 0.0,
    L2Pyr_ampa_tau1: 0.5,
    L2Pyr_ampa_tau2: 5.0,
    L2Pyr_nmda_e: 0.0,
    L2Pyr_nmda_tau1: 1.0,
    L2Pyr_nmda_tau2: 20.0,
    L2Pyr_gabaa_e: -80.0,
    L2Pyr_gabaa_tau1: 0.5,
    L2Pyr_gabaa_tau2: 5.0,
    L2Pyr_gabab_e: -80.0,
    L2Pyr_gabab_tau1: 1.0,
    L2Pyr_gabab_tau2: 20.0,
    L2Pyr_soma_gkbar_hh2: 0.01,
    L2Pyr_soma_gnabar_hh2: 0.18,
    L2Pyr_soma_el_hh2: -65.0,
    L2Pyr_soma_gl_hh2: 4.26e-5,
    L2Pyr_soma_gbar_km: 250.0,
    L2Pyr_dend_gkbar_hh2: 0.01,
    L2Pyr_dend_gnabar_hh2: 0.15,
    L2Pyr_dend_el_hh2: -65.0,
    L2Pyr_dend_gl_hh2: 4.26e-5,
    L2Pyr_dend_gbar_km: 250.0,
  };
}

/** Default flat parameters of the L5 pyramidal cell (`get_L5Pyr_params_default`, params_default.py). */
export function l5PyrParamsDefault(): Record<string, number> {
  return {
    L5Pyr_soma_L: 39.0,
    L5Pyr_soma_diam: 28.9,
    L5Pyr_soma_cm: 0.85,
    L5Pyr_soma_Ra: 200.0,
    L5Pyr_dend_cm: 0.85,
    L5Pyr_dend_Ra: 200.0,
    L5Pyr_apicaltrunk_L: 102.0,
    L5Pyr_apicaltrunk_diam: 10.2,
    L5Pyr_apical1_L: 680.0,
    L5Pyr_apical1_diam: 7.48,
    L5Pyr_apical2_L: 680.0,
    L5Pyr_apical2_diam: 4.93,
    L5Pyr_apicaltuft_L: 425.0,
    L5Pyr_apicaltuft_diam: 3.4,
    L5Pyr_apicaloblique_L: 255.0,
    L5Pyr_apicaloblique_diam: 5.1,
    L5Pyr_basal1_L: 85.0,
    L5Pyr_basal1_diam: 6.8,
    L5Pyr_basal2_L: 255.0,
    L5Pyr_basal2_diam: 8.5,
    L5Pyr_basal3_L: 255.0,
    L5Pyr_basal3_diam: 8.5,
    L5Pyr_ampa_e: 0.0,
    L5Pyr_ampa_tau1: 0.5,
    L5Pyr_ampa_tau2: 5.0,
    L5Pyr_nmda_e: 0.0,
    L5Pyr_nmda_tau1: 1.0,
    L5Pyr_nmda_tau2: 20.0,
    L5Pyr_gabaa_e: -80.0,
    L5Pyr_gabaa_tau1: 0.5,
    L5Pyr_gabaa_tau2: 5.0,
    L5Pyr_gabab_e: -80.0,
    L5Pyr_gabab_tau1: 1.0,
    L5Pyr_gabab_tau2: 20.0,
    L5Pyr_soma_gkbar_hh2: 0.01,
    L5Pyr_soma_gnabar_hh2: 0.16,
    L5Pyr_soma_el_hh2: -65.0,
    L5Pyr_soma_gl_hh2: 4.26e-5,
    L5Pyr_soma_gbar_ca: 60.0,
    L5Pyr_soma_taur_cad: 20.0,
    L5Pyr_soma_gbar_kca: 2e-4,
    L5Pyr_soma_gbar_km: 200.0,
    L5Pyr_soma_gbar_cat: 2e-4,
    L5Pyr_soma_gbar_ar: 1e-6,
    L5Pyr_dend_gkbar_hh2: 0.01,
    L5Pyr_dend_gnabar_hh2: 0.14,
    L5Pyr_dend_el_hh2: -71.0,
    L5Pyr_dend_gl_hh2: 4.26e-5,
    L5Pyr_dend_gbar_ca: 60.0,
    L5Pyr_dend_taur_cad: 20.0,
    L5Pyr_dend_gbar_kca: 2e-4,
    L5Pyr_dend_gbar_km: 200.0,
    L5Pyr_dend_gbar_cat: 2e-4,
    L5Pyr_dend_gbar_ar: 1e-6,
  };
}

// ---------------------------------------------------------------------------------------------
// Template construction (hnn-core `Cell.__init__`)

/** A section under construction: mechanism values may still be functions of distance. */
interface SectionDraft extends Omit<SectionSpec, "mechs"> {
  mechs: Record<string, Record<string, MechValueOrFn>>;
}

function makeSection(L: number, diam: number, Ra: number, cm: number, v0: number, endPts: number[][]): SectionDraft {
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
export function distanceSection(
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
  if (!("soma" in sections)) throw new Error("soma must be defined for cell");
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

// ---------------------------------------------------------------------------------------------
// Pyramidal cells

const PYR_SYN_KEYS = ["ampa", "nmda", "gabaa", "gabab"] as const;

function pyrSynProps(p: Record<string, number | ((x: number) => number)>, cellType: string): Record<string, SynapseSpec> {
  const out: Record<string, SynapseSpec> = {};
  for (const r of PYR_SYN_KEYS) {
    out[r] = {
      e: num(p, `${cellType}_${r}_e`),
      tau1: num(p, `${cellType}_${r}_tau1`),
      tau2: num(p, `${cellType}_${r}_tau2`),
    };
  }
  return out;
}

function num(p: Record<string, number | ((x: number) => number)>, key: string): number {
  const v = p[key];
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new TypeError(`cell parameter ${key} must be a finite number, got ${String(v)}`);
  }
  return v;
}

function getDends(
  p: Record<string, number | ((x: number) => number)>,
  cellType: string,
  sectionNames: string[],
  vInit: Record<string, number>,
): Record<string, SectionDraft> {
  const out: Record<string, SectionDraft> = {};
  for (const secName of sectionNames) {
    const middle = secName.replace(/_/g, "");
    const v0 = "all" in vInit ? vInit.all : vInit[secName];
    out[secName] = makeSection(
      num(p, `${cellType}_${middle}_L`),
      num(p, `${cellType}_${middle}_diam`),
      num(p, `${cellType}_dend_Ra`),
      num(p, `${cellType}_dend_cm`),
      v0,
      [],
    );
  }
  return out;
}

function pyrSoma(p: Record<string, number | ((x: number) => number)>, cellType: string, v0: number): SectionDraft {
  return makeSection(
    num(p, `${cellType}_soma_L`),
    num(p, `${cellType}_soma_diam`),
    num(p, `${cellType}_soma_Ra`),
    num(p, `${cellType}_soma_cm`),
    v0,
    [],
  );
}

function getMechanisms(
  p: Record<string, number | ((x: number) => number)>,
  cellType: string,
  sectionNames: string[],
  mechanisms: Record<string, string[]>,
): Record<string, Record<string, Record<string, MechValueOrFn>>> {
  const out: Record<string, Record<string, Record<string, MechValueOrFn>>> = {};
  for (const secName of sectionNames) {
    const secProp: Record<string, Record<string, MechValueOrFn>> = {};
    for (const [mechName, attrs] of Object.entries(mechanisms)) {
      const mechProp: Record<string, MechValueOrFn> = {};
      for (const attr of attrs) {
        const key = secName === "soma" ? `${cellType}_soma_${attr}` : `${cellType}_dend_${attr}`;
        const v = p[key];
        if (v === undefined) throw new Error(`missing cell parameter ${key}`);
        mechProp[attr] = v;
      }
      secProp[mechName] = mechProp;
    }
    out[secName] = secProp;
  }
  return out;
}


function l2PyrCell(overrideParams: CellOverrideParams | undefined, pos: Vec3): CellTemplate {
  const p: Record<string, number | ((x: number) => number)> = { ...l2PyrParamsDefault(), ...(overrideParams ?? {}) };
  const allVInit = -71.46;
  const sectionNames = ["apical_trunk", "apical_1", "apical_tuft", "apical_oblique", "basal_1", "basal_2", "basal_3"];
  const sections = getDends(p, "L2Pyr", sectionNames, { all: allVInit });
  sections.soma = pyrSoma(p, "L2Pyr", allVInit);
  const endPts: Record<string, number[][]> = {
    soma: [[-50, 0, 765], [-50, 0, 778]],
    apical_trunk: [[-50, 0, 778], [-50, 0, 813]],
    apical_oblique: [[-50, 0, 813], [-250, 0, 813]],
    apical_1: [[-50, 0, 813], [-50, 0, 993]],
    apical_tuft: [[-50, 0, 993], [-50, 0, 1133]],
    basal_1: [[-50, 0, 765], [-50, 0, 715]],
    basal_2: [[-50, 0, 715], [-156, 0, 609]],
    basal_3: [[-50, 0, 715], [56, 0, 609]],
  };
  const pMech = getMechanisms(p, "L2Pyr", ["soma", ...sectionNames], {
    km: ["gbar_km"],
    hh2: ["gkbar_hh2", "gnabar_hh2", "gl_hh2", "el_hh2"],
  });
  for (const [secName, s] of Object.entries(sections)) {
    s.endPts = endPts[secName].map((q) => [q[0], q[1], q[2]]) as [Vec3, Vec3];
    s.syns = secName === "soma" ? ["gabaa", "gabab"] : ["ampa", "nmda", "gabaa", "gabab"];
    s.mechs = pMech[secName];
  }
  const cellTree: Record<string, string[]> = {
    "apical_trunk,0": ["apical_trunk,1"],
    "apical_1,0": ["apical_1,1"],
    "apical_tuft,0": ["apical_tuft,1"],
    "apical_oblique,0": ["apical_oblique,1"],
    "basal_1,0": ["basal_1,1"],
    "basal_2,0": ["basal_2,1"],
    "basal_3,0": ["basal_3,1"],
    "soma,0": ["soma,1", "basal_1,0"],
    "soma,1": ["apical_trunk,0"],
    "apical_trunk,1": ["apical_1,0", "apical_oblique,0"],
    "apical_1,1": ["apical_tuft,0"],
    "basal_1,1": ["basal_2,0", "basal_3,0"],
  };
  const sectLoc = { proximal: ["apical_oblique", "basal_2", "basal_3"], distal: ["apical_tuft"] };
  return makeCell("L2Pyr", pos, sections, pyrSynProps(p, "L2Pyr"), sectLoc, cellTree);
}

function l5PyrCell(overrideParams: CellOverrideParams | undefined, pos: Vec3): CellTemplate {
  const p: Record<string, number | ((x: number) => number)> = { ...l5PyrParamsDefault(), ...(overrideParams ?? {}) };
  const sectionNames = [
    "apical_trunk",
    "apical_1",
    "apical_2",
    "apical_tuft",
    "apical_oblique",
    "basal_1",
    "basal_2",
    "basal_3",
  ];
  const vInit: Record<string, number> = {
    apical_1: -71.32,
    apical_2: -69.08,
    apical_tuft: -67.3,
    apical_trunk: -72,
    soma: -72.0,
    basal_1: -72,
    basal_2: -72,
    basal_3: -72,
    apical_oblique: -72,
  };
  const sections = getDends(p, "L5Pyr", sectionNames, vInit);
  sections.soma = pyrSoma(p, "L5Pyr", vInit.soma);
  const endPts: Record<string, number[][]> = {
    soma: [[0, 0, 0], [0, 0, 23]],
    apical_trunk: [[0, 0, 23], [0, 0, 83]],
    apical_oblique: [[0, 0, 83], [-150, 0, 83]],
    apical_1: [[0, 0, 83], [0, 0, 483]],
    apical_2: [[0, 0, 483], [0, 0, 883]],
    apical_tuft: [[0, 0, 883], [0, 0, 1133]],
    basal_1: [[0, 0, 0], [0, 0, -50]],
    basal_2: [[0, 0, -50], [-106, 0, -156]],
    basal_3: [[0, 0, -50], [106, 0, -156]],
  };
  const pMech = getMechanisms(p, "L5Pyr", ["soma", ...sectionNames], {
    hh2: ["gkbar_hh2", "gnabar_hh2", "gl_hh2", "el_hh2"],
    ca: ["gbar_ca"],
    cad: ["taur_cad"],
    kca: ["gbar_kca"],
    km: ["gbar_km"],
    cat: ["gbar_cat"],
    ar: ["gbar_ar"],
  });
  for (const [secName, s] of Object.entries(sections)) {
    s.endPts = endPts[secName].map((q) => [q[0], q[1], q[2]]) as [Vec3, Vec3];
    s.syns = secName === "soma" ? ["gabaa", "gabab"] : ["ampa", "nmda", "gabaa", "gabab"];
    s.mechs = pMech[secName];
    if (secName !== "soma") {
      // cells_default.py: partial(_exp_g_at_dist, gbar_at_zero=1e-6, exp_term=3e-3, offset=0.0)
      s.mechs.ar.gbar_ar = (x: number) => expGAtDist(x, 1e-6, 3e-3, 0.0);
    }
  }
  const cellTree: Record<string, string[]> = {
    "apical_trunk,0": ["apical_trunk,1"],
    "apical_1,0": ["apical_1,1"],
    "apical_2,0": ["apical_2,1"],
    "apical_tuft,0": ["apical_tuft,1"],
    "apical_oblique,0": ["apical_oblique,1"],
    "basal_1,0": ["basal_1,1"],
    "basal_2,0": ["basal_2,1"],
    "basal_3,0": ["basal_3,1"],
    "soma,0": ["soma,1", "basal_1,0"],
    "soma,1": ["apical_trunk,0"],
    "apical_trunk,1": ["apical_1,0", "apical_oblique,0"],
    "apical_1,1": ["apical_2,0"],
    "apical_2,1": ["apical_tuft,0"],
    "basal_1,1": ["basal_2,0", "basal_3,0"],
  };
  const sectLoc = { proximal: ["apical_oblique", "basal_2", "basal_3"], distal: ["apical_tuft"] };
  return makeCell("L5Pyr", pos, sections, pyrSynProps(p, "L5Pyr"), sectLoc, cellTree);
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
export function pyramidal(cellName: PyramidalName, pos: Vec3 = [0, 0, 0], overrideParams?: CellOverrideParams): CellTemplate {
  const p = checkPos(pos);
  if (cellName === "L2_pyramidal") return l2PyrCell(overrideParams, p);
  if (cellName === "L5_pyramidal") return l5PyrCell(overrideParams, p);
  throw new ValueError(`Unknown pyramidal cell type: ${String(cellName)}`);
}

/**
 * hnn-core `basket(cell_name, pos=(0,0,0))`: one soma with hh2 at the .mod defaults (CELLS.md §2.3).
 * @throws Error `Unknown basket cell type: X` for another name.
 */
export function basket(cellName: BasketName, pos: Vec3 = [0, 0, 0]): CellTemplate {
  const p = checkPos(pos);
  let sectLoc: { proximal: string[]; distal: string[] };
  if (cellName === "L2_basket") sectLoc = { proximal: ["soma"], distal: ["soma"] };
  else if (cellName === "L5_basket") sectLoc = { proximal: ["soma"], distal: [] };
  else throw new Error(`Unknown basket cell type: ${String(cellName)}`);
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
export function pyramidalCa(cellName: PyramidalName, pos: Vec3 = [0, 0, 0], overrideParams?: CellOverrideParams): CellTemplate {
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
export function defaultCellTypes(): Record<string, CellType> {
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
    if (ct === undefined) throw new Error(`law_2021 edits need cell type ${name}`);
    ct.cellObject.synapses.gabab.tau1 = 45.0;
    ct.cellObject.synapses.gabab.tau2 = 200.0;
  }
  const l5 = cellTypes.L5_pyramidal.cellObject;
  for (const sec of ["soma", "basal_1", "basal_2", "basal_3"]) {
    delete l5.sections[sec].mechs.ca;
  }
}
