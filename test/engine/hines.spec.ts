// Hines solve (assembly/tree.ts hinesSolve, NUMERICS.md §3 step 5) against dense Gaussian elimination
// with partial pivoting on small tree-structured systems: a branched tree, an unbranched cable, a
// forest of two trees stored one after the other, and a forest whose nodes are interleaved.
import { hinesSolve } from "../../assembly/tree";

/** Deterministic pseudo-random numbers in [0, 1) (64-bit LCG, top 53 bits). */
let lcgState: u64 = 0x2545f4914f6cdd1d;
function rand(): f64 {
  lcgState = lcgState * 6364136223846793005 + 1442695040888963407;
  return <f64>(lcgState >> 11) / 9007199254740992.0;
}

/** Dense solve of A·x = y (A row-major n×n, destroyed), partial pivoting. */
function denseSolve(n: i32, A: Array<f64>, y: Array<f64>): Array<f64> {
  for (let k = 0; k < n; k++) {
    let piv = k;
    for (let r = k + 1; r < n; r++) if (Math.abs(A[r * n + k]) > Math.abs(A[piv * n + k])) piv = r;
    if (piv != k) {
      for (let c = 0; c < n; c++) {
        const t = A[k * n + c];
        A[k * n + c] = A[piv * n + c];
        A[piv * n + c] = t;
      }
      const t = y[k];
      y[k] = y[piv];
      y[piv] = t;
    }
    for (let r = k + 1; r < n; r++) {
      const f = A[r * n + k] / A[k * n + k];
      if (f == 0.0) continue;
      for (let c = k; c < n; c++) A[r * n + c] -= f * A[k * n + c];
      y[r] -= f * y[k];
    }
  }
  const x = new Array<f64>(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = y[r];
    for (let c = r + 1; c < n; c++) s -= A[r * n + c] * x[c];
    x[r] = s / A[r * n + r];
  }
  return x;
}

/**
 * Builds a random system on the given parent array the way NEURON's matrix looks (NUMERICS.md §2-4):
 * negative off-diagonals b_i (row i, column p) and a_i (row p, column i) with a_i ≠ b_i, a diagonal
 * that is positive and dominant, any right-hand side. Solves it with hinesSolve and densely; returns
 * the largest |Δ| relative to max |x|.
 */
function solveBoth(parent: Array<i32>): f64 {
  const n = parent.length;
  const a = new Array<f64>(n);
  const b = new Array<f64>(n);
  const d = new Array<f64>(n);
  const rhs = new Array<f64>(n);
  for (let i = 0; i < n; i++) {
    if (parent[i] >= 0) {
      // Coupling of very different size in the two directions, as between a soma and a thin dendrite.
      b[i] = -(0.1 + 50.0 * rand());
      a[i] = -(0.01 + 5.0 * rand());
    }
    d[i] = 0.5 + rand();
    rhs[i] = 2.0 * rand() - 1.0;
  }
  // Diagonal terms of the couplings, as nrn_lhs adds them: d_i −= b_i, d_p −= a_i.
  for (let i = 0; i < n; i++) {
    const p = parent[i];
    if (p < 0) continue;
    d[i] -= b[i];
    d[p] -= a[i];
  }
  const A = new Array<f64>(n * n);
  const y = new Array<f64>(n);
  for (let i = 0; i < n; i++) {
    A[i * n + i] = d[i];
    y[i] = rhs[i];
    const p = parent[i];
    if (p >= 0) {
      A[i * n + p] = b[i];
      A[p * n + i] = a[i];
    }
  }
  const x = denseSolve(n, A, y);
  hinesSolve(n, parent.dataStart, a.dataStart, b.dataStart, d.dataStart, rhs.dataStart);
  let maxX = 0.0;
  for (let i = 0; i < n; i++) maxX = Math.max(maxX, Math.abs(x[i]));
  let worst = 0.0;
  for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(rhs[i] - x[i]) / maxX);
  return worst;
}

function parents(list: StaticArray<i32>): Array<i32> {
  const p = new Array<i32>(list.length);
  for (let i = 0; i < list.length; i++) p[i] = list[i];
  return p;
}

// A pyramidal-like tree: root (soma 0-end), soma, its x = 1 node, two branches from there (one
// branching again), a basal section on the root. Parent always precedes child.
const BRANCHED: StaticArray<i32> = [-1, 0, 1, 2, 3, 4, 3, 6, 7, 5, 9, 5, 11, 0, 13, 14];
// An unbranched cable.
const CABLE: StaticArray<i32> = [-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
// Two trees one after the other (as the engine stores cells).
const FOREST: StaticArray<i32> = [-1, 0, 1, 1, 3, 0, 5, -1, 7, 8, 8, 7, 11];
// Two trees with interleaved node numbers (still parent before child).
const INTERLEAVED: StaticArray<i32> = [-1, -1, 0, 1, 2, 3, 2, 5, 0, 4];
// A single node and a two-node system (boundary cases).
const ONE: StaticArray<i32> = [-1];
const TWO: StaticArray<i32> = [-1, 0];

describe("hinesSolve vs dense Gaussian elimination", () => {
  it("branched tree", () => {
    for (let k = 0; k < 20; k++) expect(solveBoth(parents(BRANCHED))).toBeLessThan(1e-13);
  });
  it("unbranched cable", () => {
    for (let k = 0; k < 20; k++) expect(solveBoth(parents(CABLE))).toBeLessThan(1e-13);
  });
  it("forest of two trees", () => {
    for (let k = 0; k < 20; k++) expect(solveBoth(parents(FOREST))).toBeLessThan(1e-13);
  });
  it("forest with interleaved node numbers", () => {
    for (let k = 0; k < 20; k++) expect(solveBoth(parents(INTERLEAVED))).toBeLessThan(1e-13);
  });
  it("one node and two nodes", () => {
    expect(solveBoth(parents(ONE))).toBe(0.0);
    expect(solveBoth(parents(TWO))).toBeLessThan(1e-15);
  });
});

describe("hinesSolve operation order (NUMERICS.md §3 step 5)", () => {
  it("two nodes: triangularize then back-substitute exactly as NEURON", () => {
    const parent = parents(TWO);
    const a: Array<f64> = [0.0, -0.3];
    const b: Array<f64> = [0.0, -7.0];
    const d: Array<f64> = [1.9, 8.1];
    const rhs: Array<f64> = [0.7, -0.2];
    // f = a_1/d_1; d_0 −= f·b_1; rhs_0 −= f·rhs_1; x_0 = rhs_0/d_0; x_1 = (rhs_1 − b_1·x_0)/d_1.
    const f = a[1] / d[1];
    const d0 = d[0] - f * b[1];
    const r0 = rhs[0] - f * rhs[1];
    const x0 = r0 / d0;
    const x1 = (rhs[1] - b[1] * x0) / d[1];
    hinesSolve(2, parent.dataStart, a.dataStart, b.dataStart, d.dataStart, rhs.dataStart);
    expect(rhs[0]).toBe(x0);
    expect(rhs[1]).toBe(x1);
  });
});
