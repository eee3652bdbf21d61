/**
 * The strategy parameters of the (μ/μ_w, λ)-CMA-ES with active (negative-weight) covariance update,
 * as pycma's defaults set them (cma/options_parameters.py `CMAParameters.set`,
 * cma/recombination_weights.py `RecombinationWeights`, cma/sampler.py `GaussSampler.parameters`,
 * cma/sigma_adaptation.py `CMAAdaptSigmaCSA.initialize`), which are those of Hansen's tutorial
 * "The CMA Evolution Strategy" (arXiv:1604.00772, table 1) with pycma's small offsets noted below.
 */

/** Learning rates, weights and constants for a dimension and population size. */
export interface CmaesParameters {
  /** Dimension N. */
  n: number;
  /** Population size λ. */
  lambda: number;
  /** Number of positive weights μ. */
  mu: number;
  /** Recombination weights, λ of them, decreasing: the first μ positive (summing to 1), the rest ≤ 0 (active CMA). */
  weights: Float64Array;
  /** Variance-effective selection mass of the positive weights, 1/Σw_i². */
  mueff: number;
  /** Cumulation constant of the rank-one path p_c. */
  cc: number;
  /** Cumulation constant of the step-size path p_σ. */
  cs: number;
  /** Learning rate of the rank-one update. */
  c1: number;
  /** Learning rate of the rank-μ update. */
  cmu: number;
  /** Damping of the step-size update. */
  damps: number;
  /** E‖N(0, I)‖ ≈ √N (1 − 1/(4N) + 1/(21N²)). */
  chiN: number;
}

/** pycma's default population size, int(4 + 3 ln N). */
export function defaultPopsize(n: number): number {
  return Math.floor(4 + 3 * Math.log(n));
}

/** pycma's default iteration limit, 100 + 150 (N + 3)² // √λ. */
export function defaultMaxiter(n: number, lambda: number): number {
  return 100 + Math.floor((150 * (n + 3) ** 2) / Math.sqrt(lambda));
}

/**
 * The parameters for dimension `n` ≥ 1 and population size `lambda` ≥ 2.
 *
 * Weights: w'_i = ln((λ+1)/2) − ln i; the positive ones scaled to sum 1, the negative ones to sum −1 and
 * then to −min(1 + c1/cμ, (1 − c1 − cμ)/(N cμ), 1 + 2μ⁻_eff/(μ_eff + 2)) (tutorial eq. 53; pycma
 * `finalize_negative_weights`). Learning rates: c_c = (4 + μ_eff/N)/(N + 4 + 2μ_eff/N);
 * c_σ = (μ_eff + 2)/(N + μ_eff + 3); c1 = min(1, λ/6)·2/((N + 1.3)² + μ_eff) (pycma's min(1, λ/6)
 * factor); cμ = min(1 − c1, 2(0.25 + μ_eff − 2 + 1/μ_eff)/((N + 2)² + μ_eff)) (pycma's 0.25 offset);
 * d_σ = 1 + 2 max(0, √((μ_eff − 1)/(N + 1)) − 1) + c_σ.
 */
export function cmaesParameters(n: number, lambda: number): CmaesParameters {
  const raw = Float64Array.from({ length: lambda }, (_, i) => Math.log((lambda + 1) / 2) - Math.log(i + 1));
  let mu = 0;
  let sumPos = 0;
  let sumNeg = 0;
  for (const w of raw) {
    if (w > 0) {
      mu++;
      sumPos += w;
    } else {
      sumNeg += w;
    }
  }
  const weights = raw.map((w) => w / sumPos);
  let sumSqPos = 0;
  for (let i = 0; i < mu; i++) sumSqPos += weights[i] * weights[i];
  const mueff = 1 / sumSqPos;
  // Negative weights: first to sum −1 (pycma's __init__), then finalised below.
  let sumSqNeg = 0;
  for (let i = mu; i < lambda; i++) {
    weights[i] = sumNeg === 0 ? 0 : raw[i] / -sumNeg;
    sumSqNeg += weights[i] * weights[i];
  }
  const mueffMinus = sumSqNeg === 0 ? 0 : 1 / sumSqNeg;

  const cc = (4 + mueff / n) / (n + 4 + (2 * mueff) / n);
  const cs = (mueff + 2) / (n + mueff + 3);
  const c1 = (Math.min(1, lambda / 6) * 2) / ((n + 1.3) ** 2 + mueff);
  const cmu = Math.min(1 - c1, (2 * (0.25 + mueff - 2 + 1 / mueff)) / ((n + 2) ** 2 + mueff));
  const damps = 1 + 2 * Math.max(0, Math.sqrt((mueff - 1) / (n + 1)) - 1) + cs;

  if (sumNeg !== 0) {
    // cμ > 0 always here (μ_eff ≥ 1 makes its numerator ≥ 0.25·2).
    const target = Math.min(1 + c1 / cmu, (1 - c1 - cmu) / cmu / n, 1 + (2 * mueffMinus) / (mueff + 2));
    // Each weight now sums to −1 over the negative ones; scale to −target (pycma sets the sum, then only lowers it).
    for (let i = mu; i < lambda; i++) weights[i] *= target;
  }
  const chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
  return { n, lambda, mu, weights, mueff, cc, cs, c1, cmu, damps, chiN };
}
