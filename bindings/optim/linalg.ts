/**
 * Small dense linear algebra for the solvers: Cholesky factorisation and triangular solves (the
 * Gaussian process of {@link bayesOpt}) and the eigen-decomposition of a symmetric matrix (the
 * covariance matrix of {@link cmaes}). Matrices are row-major `Float64Array`s of n×n entries;
 * the dimensions here are those of a fit (a few to a few hundred), where the O(n³) textbook
 * algorithms are the right tools.
 */

/**
 * Lower-triangular L with A = L·Lᵀ (Cholesky–Banachiewicz, row by row), the upper triangle zero.
 * @param a symmetric positive-definite n×n matrix (row-major; only its lower triangle is read).
 * @throws Error when A is not positive definite (a pivot ≤ 0 or NaN), as numpy's LinAlgError.
 */
export function cholesky(a: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(s > 0)) throw new Error(`cholesky: matrix is not positive definite (pivot ${i} is ${s})`);
        l[i * n + i] = Math.sqrt(s);
      } else {
        l[i * n + j] = s / l[j * n + j];
      }
    }
  }
  return l;
}

/** Solves L·x = b in place (forward substitution); `l` lower-triangular n×n, `b` of length n. */
export function solveLower(l: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * b[k];
    b[i] = s / l[i * n + i];
  }
  return b;
}

/** Solves Lᵀ·x = b in place (back substitution with the transpose of lower-triangular `l`). */
function solveLowerTransposed(l: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
    b[i] = s / l[i * n + i];
  }
  return b;
}

/** Solves A·x = b in place given A's Cholesky factor L (scipy's `cho_solve((L, True), b)`). */
export function choSolve(l: Float64Array, n: number, b: Float64Array): Float64Array {
  return solveLowerTransposed(l, n, solveLower(l, n, b));
}

/** Eigen-decomposition of a symmetric matrix: A = V·diag(values)·Vᵀ. */
export interface SymmetricEigen {
  /** Eigenvalues in ascending order. */
  values: Float64Array;
  /** Orthonormal eigenvectors as the columns of a row-major n×n matrix (column k ↔ values[k]). */
  vectors: Float64Array;
}

/** Sweeps after which {@link symmetricEigen} gives up (cyclic Jacobi converges in well under 20). */
const JACOBI_MAX_SWEEPS = 100;

/**
 * Eigenvalues and eigenvectors of a symmetric matrix by the cyclic Jacobi method (Golub & Van Loan,
 * Matrix Computations §8.5: a rotation per off-diagonal pair, chosen to annihilate it, in row order,
 * until the off-diagonal part vanishes relative to the diagonal). Accurate to a few ulps of the
 * largest eigenvalue; O(n³) per sweep.
 * @param a symmetric n×n matrix (row-major; not modified; only its upper triangle is read).
 * @throws Error when the sweeps do not converge (NaN or infinite entries).
 */
export function symmetricEigen(a: Float64Array, n: number): SymmetricEigen {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      m[i * n + j] = a[i * n + j];
      m[j * n + i] = a[i * n + j];
    }
  }
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let converged = n < 2;
  for (let sweep = 0; sweep < JACOBI_MAX_SWEEPS && !converged; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += m[i * n + i] * m[i * n + i];
      for (let j = i + 1; j < n; j++) off += m[i * n + j] * m[i * n + j];
    }
    if (!Number.isFinite(off + diag)) break;
    if (off <= Number.EPSILON * Number.EPSILON * diag || off === 0) {
      converged = true;
      break;
    }
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) rotate(m, v, n, p, q);
    }
  }
  if (!converged) throw new Error("symmetricEigen: the Jacobi sweeps did not converge (is the matrix finite?)");
  const order = Array.from({ length: n }, (_, k) => k).sort((x, y) => m[x * n + x] - m[y * n + y]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((k, col) => {
    values[col] = m[k * n + k];
    for (let r = 0; r < n; r++) vectors[r * n + col] = v[r * n + k];
  });
  return { values, vectors };
}

/** One Jacobi rotation in the (p, q) plane that zeroes m[p][q]; accumulates it into the columns of v. */
function rotate(m: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = m[p * n + q];
  if (apq === 0) return;
  const theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
  // The smaller root of t² + 2θt − 1 = 0 (|angle| ≤ π/4), written to avoid cancellation.
  const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < n; k++) {
    const mkp = m[k * n + p];
    const mkq = m[k * n + q];
    m[k * n + p] = c * mkp - s * mkq;
    m[k * n + q] = s * mkp + c * mkq;
  }
  for (let k = 0; k < n; k++) {
    const mpk = m[p * n + k];
    const mqk = m[q * n + k];
    m[p * n + k] = c * mpk - s * mqk;
    m[q * n + k] = s * mpk + c * mqk;
  }
  m[p * n + q] = 0;
  m[q * n + p] = 0;
  for (let k = 0; k < n; k++) {
    const vkp = v[k * n + p];
    const vkq = v[k * n + q];
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}
