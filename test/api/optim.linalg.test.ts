/**
 * The solvers' numerical building blocks: Cholesky and triangular solves, the Jacobi eigen solver
 * (checked by their defining identities on random matrices and on textbook examples with exact answers),
 * and the normal cdf against exact values.
 */
import { describe, expect, it } from "vitest";
import { RandomState } from "../../bindings/random/index";
import { choSolve, cholesky, symmetricEigen } from "../../bindings/optim/linalg";
import { normCdf, normPdf } from "../../bindings/optim/normal";

/** A·B for row-major n×n matrices. */
function matmul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) c[i * n + j] += a[i * n + k] * b[k * n + j];
  return c;
}
function transpose(a: Float64Array, n: number): Float64Array {
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t[j * n + i] = a[i * n + j];
  return t;
}
/** A random symmetric matrix M + Mᵀ (plus shift·I) with entries from a seeded normal stream. */
function randomSymmetric(n: number, seed: number, shift = 0): Float64Array {
  const rs = new RandomState(seed);
  const m = Float64Array.from({ length: n * n }, () => rs.standardNormal());
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = m[i * n + j] + m[j * n + i] + (i === j ? shift : 0);
  return a;
}
const maxAbs = (v: ArrayLike<number>): number => Array.from(v).reduce((s, x) => Math.max(s, Math.abs(x)), 0);

describe("cholesky", () => {
  it("factors the textbook example exactly", () => {
    const a = Float64Array.from([4, 12, -16, 12, 37, -43, -16, -43, 98]);
    expect(Array.from(cholesky(a, 3))).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3]);
  });

  it("L·Lᵀ = A and choSolve solves A·x = b for random SPD matrices", () => {
    for (const n of [1, 4, 12]) {
      const s = randomSymmetric(n, n);
      const a = matmul(s, s, n).map((v, k) => v + (k % (n + 1) === 0 ? 1 : 0)); // SᵀS + I
      const l = cholesky(a, n);
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(l[i * n + j]).toBe(0);
      const llt = matmul(l, transpose(l, n), n);
      expect(maxAbs(llt.map((v, k) => v - a[k]))).toBeLessThan(1e-13 * maxAbs(a));
      const x = Float64Array.from({ length: n }, (_, i) => i - n / 2);
      const b = Float64Array.from({ length: n }, (_, i) => x.reduce((acc, xj, j) => acc + a[i * n + j] * xj, 0));
      expect(maxAbs(choSolve(l, n, b).map((v, i) => v - x[i]))).toBeLessThan(1e-10);
    }
  });

  it("rejects a matrix that is not positive definite", () => {
    expect(() => cholesky(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/not positive definite/);
  });
});

describe("symmetricEigen", () => {
  it("gives the exact eigenpairs of [[2, 1], [1, 2]] and sorts a diagonal matrix", () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect(Math.abs(values[0] - 1)).toBeLessThanOrEqual(4e-16);
    expect(Math.abs(values[1] - 3)).toBeLessThanOrEqual(8e-16);
    expect(Math.abs(vectors[0] + vectors[2])).toBeLessThanOrEqual(2.3e-16); // (1, −1)/√2 up to sign
    expect(Math.abs(Math.abs(vectors[0]) - Math.SQRT1_2)).toBeLessThanOrEqual(2.3e-16);
    expect(Array.from(symmetricEigen(Float64Array.from([3, 0, 0, 0, -1, 0, 0, 0, 2]), 3).values)).toEqual([-1, 2, 3]);
  });

  it("A·v = λ·v, VᵀV = I, Σλ = trace A, ascending, for random symmetric matrices", () => {
    for (const n of [1, 3, 8, 20]) {
      const a = randomSymmetric(n, 100 + n);
      const { values, vectors } = symmetricEigen(a, n);
      const scale = maxAbs(values);
      const av = matmul(a, vectors, n);
      for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) expect(Math.abs(av[i * n + k] - values[k] * vectors[i * n + k])).toBeLessThan(1e-13 * scale);
      const vtv = matmul(transpose(vectors, n), vectors, n);
      expect(maxAbs(vtv.map((v, k) => v - (k % (n + 1) === 0 ? 1 : 0)))).toBeLessThan(1e-14 * n);
      let trace = 0;
      for (let i = 0; i < n; i++) trace += a[i * n + i];
      expect(Math.abs(values.reduce((s, v) => s + v, 0) - trace)).toBeLessThan(1e-13 * scale * n);
      for (let k = 1; k < n; k++) expect(values[k]).toBeGreaterThanOrEqual(values[k - 1]);
    }
  });

  it("handles a repeated eigenvalue and fails on a non-finite matrix", () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([5, 0, 0, 5]), 2);
    expect(Array.from(values)).toEqual([5, 5]);
    expect(Array.from(vectors)).toEqual([1, 0, 0, 1]);
    expect(() => symmetricEigen(Float64Array.from([1, NaN, NaN, 1]), 2)).toThrow(/did not converge/);
  });
});

describe("normal distribution", () => {
  // Exact values rounded to double (mpmath ncdf, 40 digits). scipy's ndtr is off by up to 1.1e-13
  // relative in the far tail (ndtr(-37) = 5.7255712225239266e-300); it underflows to 0 once z²/2 > ln(DBL_MAX).
  const NDTR: [number, number][] = [
    [-40, 0], [-38.5, 0], [-37, 5.725571222524577e-300], [-30, 4.906713927148187e-198], [-20, 2.7536241186062337e-89],
    [-10, 7.619853024160525e-24], [-5, 2.866515718791939e-7], [-2, 0.02275013194817921], [-1.4142, 0.07865159399422553], [-1.4143, 0.07863691848416891], [-1.4141, 0.07866627157983955],
    [-3, 0.0013498980316300946], [-26.5, 4.8461626603033206e-155], [1.4143, 0.9213630815158311],
    [-1, 0.15865525393145705], [-0.5, 0.3085375387259869], [-0.001, 0.49960105778608893], [0, 0.5],
    [0.3, 0.6179114221889527], [1, 0.8413447460685429], [1.5, 0.9331927987311419], [3, 0.9986501019683699], [8.2, 0.9999999999999999],
  ];
  it("normCdf is exact to 1e-14 relative, and underflow to 0 where scipy's ndtr does", () => {
    for (const [z, want] of NDTR) {
      const got = normCdf(z);
      if (want === 0) expect(got).toBe(0);
      else expect(Math.abs(got - want) / want, `ndtr(${z})`).toBeLessThan(1e-14);
    }
  });

  it("normPdf is e^(−z²/2)/√(2π) and Φ(z) + Φ(−z) = 1", () => {
    expect(normPdf(0)).toBe(1 / Math.sqrt(2 * Math.PI));
    expect(Math.abs(normPdf(1.5) - 0.12951759566589172) / 0.12951759566589172).toBeLessThan(4e-16); // mpmath npdf(1.5)
    for (const z of [0.2, 0.9, 1.7, 4]) expect(Math.abs(normCdf(z) + normCdf(-z) - 1)).toBeLessThan(2e-16);
  });
});
