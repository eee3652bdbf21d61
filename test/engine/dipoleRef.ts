// DIPOLE.md §2 written out for the engine specs (dipole.spec.ts, eventTiming.spec.ts), from the
// spec's own point list and NUMERICS.md §2's resistances, independently of assembly/record.ts.

/** NUMERICS.md §2: half-segment resistance (MΩ), diameter as NEURON stores it (float32). */
export function halfSegmentResistance(lengthUm: f64, diamUm: f64, raOhmCm: f64, nseg: i32): f64 {
  const d = <f64>(<f32>diamUm);
  return ((raOhmCm * (lengthUm / <f64>nseg / 2.0)) / ((Math.PI * d * d) / 4.0)) * 0.01;
}

/**
 * One section's dipole moment (fAm): Σ_k (V_{k−1} − V_k)/R_k · (x_k − x_{k−1})·L·cos θ over the
 * points x_0 = 0, x_k = (k − 0.5)/n, x_{n+1} = 1, with R_1 = R_{n+1} = r_half, else 2·r_half.
 * `volts` holds V_0 (the node at x = 0) … V_{n+1} (the x = 1 node), so n = volts.length − 2.
 */
export function sectionDipole(volts: Array<f64>, lengthUm: f64, diamUm: f64, raOhmCm: f64, cosTheta: f64): f64 {
  const n = volts.length - 2;
  const rHalf = halfSegmentResistance(lengthUm, diamUm, raOhmCm, n);
  let q = 0.0;
  for (let k = 1; k <= n + 1; k++) {
    const xPrev = k == 1 ? 0.0 : (<f64>(k - 1) - 0.5) / <f64>n;
    const x = k == n + 1 ? 1.0 : (<f64>k - 0.5) / <f64>n;
    const r = k == 1 || k == n + 1 ? rHalf : 2.0 * rHalf;
    q += ((volts[k - 1] - volts[k]) / r) * (x - xPrev) * lengthUm * cosTheta;
  }
  return q;
}
