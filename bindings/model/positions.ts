/**
 * Cell positions of hnn-core's column (network.py:33-123, NETWORK.md §1): the pyramidal grid, the
 * basket cells between its rows, and the `pos_dict` layout (population name -> positions, plus the
 * single `origin` point where drive cells sit).
 */

import type { Vec3 } from "./types";

/** `pos_dict`: population name -> positions, and `origin` -> one point. */
export type PosDict = Record<string, Vec3[] | Vec3>;

/** Is `p` three finite numbers? */
export function isVec3(p: unknown): p is Vec3 {
  return Array.isArray(p) && p.length === 3 && p.every((v) => typeof v === "number" && Number.isFinite(v));
}

/** Is this posDict entry a list of positions (not the single origin point)? */
export function isPosList(p: unknown): p is Vec3[] {
  return Array.isArray(p) && (p.length === 0 || Array.isArray(p[0]));
}

/** `n` copies of one point (drive cells at the origin). */
export function repeatPoint(p: Vec3, n: number): Vec3[] {
  return Array.from({ length: n }, () => [p[0], p[1], p[2]] as Vec3);
}

/** The five layer lists of hnn-core's `_create_cell_coords` (NETWORK.md §1.1). */
export function createCellCoords(
  nPyrX: number,
  nPyrY: number,
  zCoord: number,
  inplaneDistance: number,
): { L5_bottom: Vec3[]; L2_bottom: Vec3[]; L5_mid: Vec3[]; L2_mid: Vec3[]; origin: Vec3 } {
  const xx: number[] = [];
  const yy: number[] = [];
  for (let i = 0; i < nPyrX; i++) xx.push(i * inplaneDistance);
  for (let j = 0; j < nPyrY; j++) yy.push(j * inplaneDistance);
  const pyr = (z: number): Vec3[] => {
    const out: Vec3[] = [];
    for (const x of xx) for (const y of yy) out.push([x, y, z]);
    return out;
  };
  const basketCoords = (weight: number): Vec3[] => {
    const ar = (from: number, n: number, step: number) => {
      const o: number[] = [];
      for (let v = from; v < n; v += step) o.push(v * inplaneDistance);
      return o;
    };
    const xzero = ar(0, nPyrX, 3);
    const xone = ar(1, nPyrX, 3);
    const yeven = ar(0, nPyrY, 2);
    const yodd = ar(1, nPyrY, 2);
    const coords: [number, number][] = [];
    for (const x of xzero) for (const y of yeven) coords.push([x, y]);
    for (const x of xone) for (const y of yodd) coords.push([x, y]);
    // Python's sorted() is stable; so is Array.prototype.sort.
    coords.sort((a, b) => a[1] - b[1]);
    return coords.map(([x, y]) => [x, y, weight * zCoord] as Vec3);
  };
  const origin: Vec3 = [xx[Math.trunc((xx.length - 1) / 2)], yy[Math.trunc((yy.length - 1) / 2)], Math.floor(zCoord / 2)];
  return {
    L5_bottom: pyr(0),
    L2_bottom: pyr(zCoord),
    L5_mid: basketCoords(0.2),
    L2_mid: basketCoords(0.8),
    origin,
  };
}

/** The default `pos_dict` layout (L5_pyramidal, L2_pyramidal, L5_basket, L2_basket, origin). */
export function defaultPosDict(meshShape: [number, number], layerSeparation = 1307.4, inplaneDistance = 1.0): PosDict {
  const l = createCellCoords(meshShape[0], meshShape[1], layerSeparation, inplaneDistance);
  return {
    L5_pyramidal: l.L5_bottom,
    L2_pyramidal: l.L2_bottom,
    L5_basket: l.L5_mid,
    L2_basket: l.L2_mid,
    origin: l.origin,
  };
}
