/**
 * Lowering a trial's electrode arrays: the transfer resistance of every segment of every local cell
 * (image order: cells, their sections, segments 0 … nseg − 1) to every contact, as hnn-core computes
 * it from the cells' 3-D points (model/transferResistance.ts). A partition lowers its own cells; the
 * partial potentials of all partitions add up to the trial's.
 */
import { isVec3 } from "../model/positions";
import { sectionPoints3d, transferResistance } from "../model/transferResistance";
import { ValueError } from "../util/validate";
import type { Vec3 } from "../model/types";
import type { CellTemplateImage } from "./cellTemplate";
import type { TrialImage } from "./image";
import type { CompileElectrodeArray, CompileNetwork } from "./trialNetwork";
import { positionOf } from "./validate";

/** Local cells of one type, as lower.ts holds them. */
interface LocalCells {
  name: string;
  template: CellTemplateImage;
  gids: number[];
}

/** The arrays' contacts, in order, with the settings of their array. */
function contacts(arrays: Record<string, CompileElectrodeArray>): { position: Vec3; array: CompileElectrodeArray }[] {
  return Object.values(arrays).flatMap((array) => array.positions.map((position) => ({ position, array })));
}

/**
 * The image's electrode contacts (all arrays, in order) and their transfer resistances (µV/nA) to
 * the local cells' segments, [contact][segment]; null when the network has no electrode array.
 */
export function lowerExtracellular(net: CompileNetwork, types: readonly LocalCells[]): TrialImage["extracellular"] {
  const arrays = net.recArrays ?? {};
  const list = contacts(arrays);
  if (list.length === 0) return null;
  let nSeg = 0;
  for (const { template, gids } of types) nSeg += gids.length * template.nseg.reduce((a, b) => a + b, 0);
  const transfer = new Float64Array(list.length * nSeg);
  let at = 0;
  for (const { name, template: t, gids } of types) {
    const secs = net.cellTypes[name].cellObject.sections;
    const shapes = t.names.map((sec, i) => {
      const pts = secs[sec].endPts;
      const ok = Array.isArray(pts) && pts.length === 2 && pts.every(isVec3) && pts[0].some((x, k) => x !== pts[1][k]);
      if (!ok) throw new ValueError(`cell type '${name}', section '${sec}': electrode arrays need two distinct 3-D end points (end_pts), got ${JSON.stringify(pts)}`);
      return { endPts: pts, L: secs[sec].L, parent: t.parent[i] };
    });
    for (const gid of gids) {
      const geometry = sectionPoints3d(shapes, positionOf(net, name, gid));
      geometry.forEach((sec, i) => {
        const nseg = t.nseg[i];
        list.forEach(({ position, array }, c) => transferResistance(sec, nseg, position, array, transfer.subarray(c * nSeg + at, c * nSeg + at + nseg)));
        at += nseg;
      });
    }
  }
  return { nContacts: list.length, transfer };
}
