/**
 * Gaussian-process regression as scikit-learn's `GaussianProcessRegressor()` does it with its defaults,
 * which is what hnn-core's externals/bayesopt.py fits: kernel 1.0 · RBF(length_scale=1.0) with fixed
 * hyper-parameters (so no marginal-likelihood optimisation), `alpha` = 1e-10 added to the diagonal of
 * the training covariance, no normalisation of y (prior mean 0, prior variance 1).
 *
 * fit: K = k(X, X) + αI, L = cholesky(K), α̂ = K⁻¹y (`cho_solve`).
 * predict: μ(x*) = k(x*, X)·α̂, σ²(x*) = k(x*, x*) − ‖L⁻¹k(X, x*)‖², negative variances clipped to 0.
 */

import { cholesky, choSolve, solveLower } from "./linalg";

/** Hyper-parameters of a {@link GaussianProcess}. */
export interface GaussianProcessOptions {
  /** The RBF kernel's length scale, in the units of x (scikit-learn's default 1.0). */
  lengthScale?: number;
  /** Added to the diagonal of the training covariance: the noise variance (scikit-learn's default 1e-10). */
  alpha?: number;
}

/** A fitted Gaussian process with the constant · RBF kernel. */
export class GaussianProcess {
  readonly lengthScale: number;
  readonly alpha: number;
  private nTrain = 0;
  private dim = 0;
  /** Training inputs divided by the length scale, row-major nTrain × dim. */
  private xScaled: Float64Array = new Float64Array(0);
  /** Cholesky factor of the training covariance. */
  private chol: Float64Array = new Float64Array(0);
  /** K⁻¹ y. */
  private weights: Float64Array = new Float64Array(0);

  constructor(options: GaussianProcessOptions = {}) {
    this.lengthScale = options.lengthScale ?? 1.0;
    this.alpha = options.alpha ?? 1e-10;
  }

  /**
   * Fits the process to `n` points (row-major `x`, n × dim) and their values `y`.
   * @throws Error when the training covariance is not positive definite (coincident points with α too small).
   */
  fit(x: Float64Array, y: Float64Array, dim: number): this {
    const n = y.length;
    this.nTrain = n;
    this.dim = dim;
    this.xScaled = x.map((v) => v / this.lengthScale);
    const k = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        const kij = this.rbf(this.xScaled, i, this.xScaled, j);
        k[i * n + j] = kij;
        k[j * n + i] = kij;
      }
      k[i * n + i] += this.alpha;
    }
    this.chol = cholesky(k, n);
    this.weights = choSolve(this.chol, n, Float64Array.from(y));
    return this;
  }

  /**
   * Posterior mean and standard deviation at `m` points (row-major `x`, m × dim), written into
   * `mean` and `std` (each of length m).
   */
  predict(x: Float64Array, mean: Float64Array, std: Float64Array): void {
    const n = this.nTrain;
    const m = mean.length;
    const xs = x.map((v) => v / this.lengthScale);
    const kStar = new Float64Array(n);
    for (let p = 0; p < m; p++) {
      let mu = 0;
      for (let i = 0; i < n; i++) {
        kStar[i] = this.rbf(xs, p, this.xScaled, i);
        mu += kStar[i] * this.weights[i];
      }
      solveLower(this.chol, n, kStar);
      let explained = 0;
      for (let i = 0; i < n; i++) explained += kStar[i] * kStar[i];
      const variance = 1 - explained;
      mean[p] = mu;
      std[p] = variance < 0 ? 0 : Math.sqrt(variance);
    }
  }

  /** exp(−½‖a_i − b_j‖²) for rows already divided by the length scale. */
  private rbf(a: Float64Array, i: number, b: Float64Array, j: number): number {
    const d = this.dim;
    let sq = 0;
    for (let c = 0; c < d; c++) {
      const diff = a[i * d + c] - b[j * d + c];
      sq += diff * diff;
    }
    return Math.exp(-0.5 * sq);
  }
}
