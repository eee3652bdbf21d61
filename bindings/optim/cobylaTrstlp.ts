/**
 * The trust-region subproblem of Powell's COBYLA2 (subroutine TRSTLP of trstlp.f, as scipy ≤ 1.15
 * ships it): minimise the linear model of the objective subject to the linear models of the
 * constraints within ‖dx‖ ≤ ρ. Phase 1 minimises the greatest predicted violation; when that
 * reaches zero (or cannot decrease inside the ball), phase 2 minimises the objective keeping the
 * violation from growing. Active constraints are kept in a QR-like factorisation (`z`, `zdota`)
 * updated by Givens rotations, and each iteration moves along a search direction until a new
 * constraint becomes active or a multiplier reaches zero.
 *
 * Every operation is done in the Fortran's order, including its single-precision constants
 * (1.0E-6, 2.2E-16, 0.1, 0.2 read as REAL), so that scipy's evaluation sequence is reproduced.
 * Indices are 0-based: constraint m is the objective (its gradient column holds minus the
 * objective's gradient).
 */

/** REAL constants of trstlp.f, widened to double as gfortran does. */
const REAL_1E_6 = Math.fround(1e-6);
const REAL_2_2E_16 = Math.fround(2.2e-16);
const REAL_0_1 = Math.fround(0.1);
const REAL_0_2 = Math.fround(0.2);

/** Workspace of {@link trstlp} for n variables and m constraints, allocated once per run. */
export interface TrstlpWork {
  /** Orthogonal basis, column k = `z[k]`; its first nact columns span the active gradients. */
  z: Float64Array[];
  /** zdota[k] = z[k] · (gradient of the k-th active constraint). */
  zdota: Float64Array;
  /** Lagrange multipliers (phase 1: slack of each inactive constraint) by position in `iact`. */
  vmultc: Float64Array;
  /** Search direction. */
  sdirn: Float64Array;
  /** Trial step. */
  dxnew: Float64Array;
  /** Multipliers of the trial step. */
  vmultd: Float64Array;
  /** Constraint indices, active ones first. */
  iact: Int32Array;
}

/** A {@link TrstlpWork} for n variables and m constraints. */
export function trstlpWork(n: number, m: number): TrstlpWork {
  return {
    z: Array.from({ length: n }, () => new Float64Array(n)),
    zdota: new Float64Array(n),
    vmultc: new Float64Array(m + 1),
    sdirn: new Float64Array(n),
    dxnew: new Float64Array(n),
    vmultd: new Float64Array(m + 1),
    iact: new Int32Array(m + 1),
  };
}

/** How one phase of the subproblem ended. */
const enum PhaseEnd {
  /** The step reached the trust-region boundary (IFULL = 1). */
  Full,
  /** No further progress in this phase (label 490). */
  Stalled,
  /** Phase 1 found a point with no predicted violation: start phase 2 (label 480). */
  ToPhase2,
}

/**
 * Solve the subproblem (TRSTLP).
 * @param n number of variables.
 * @param m number of constraints.
 * @param a gradient columns: a[k] of constraint k < m, a[m] minus the objective's gradient.
 * @param b b[k] = −(constraint k at the best vertex) for k < m; b[m] = −(objective there).
 * @param rho trust-region radius.
 * @param dx output: the step.
 * @param w workspace.
 * @returns whether the step reaches the trust-region boundary (Fortran IFULL = 1).
 */
export function trstlp(n: number, m: number, a: Float64Array[], b: Float64Array, rho: number, dx: Float64Array, w: TrstlpWork): boolean {
  const { z, zdota, vmultc, sdirn, dxnew, vmultd, iact } = w;
  let icon = -1; // position in iact of the constraint to add or drop; −1: none
  let nact = 0; // number of active constraints
  let mcon = m; // constraints in play: m in phase 1, m + 1 (with the objective) in phase 2
  let resmax = 0; // greatest predicted violation (phase 1)
  let resold = 0;
  for (let i = 0; i < n; i++) {
    z[i].fill(0);
    z[i][i] = 1;
    dx[i] = 0;
  }
  for (let k = 0; k < m; k++) {
    if (b[k] > resmax) {
      resmax = b[k];
      icon = k;
    }
  }
  for (let k = 0; k < m; k++) {
    iact[k] = k;
    vmultc[k] = resmax - b[k];
  }
  if (resmax !== 0) sdirn.fill(0);

  /** Givens rotation of columns k and k + 1 that swaps their places in the active set. */
  const exchange = (k: number): void => {
    const kp = k + 1;
    const ak = a[iact[kp]];
    let sp = 0;
    for (let i = 0; i < n; i++) sp += z[k][i] * ak[i];
    const temp = Math.sqrt(sp * sp + zdota[kp] * zdota[kp]);
    const alpha = zdota[kp] / temp;
    const beta = sp / temp;
    zdota[kp] = alpha * zdota[k];
    zdota[k] = temp;
    for (let i = 0; i < n; i++) {
      const t = alpha * z[kp][i] + beta * z[k][i];
      z[kp][i] = alpha * z[k][i] - beta * z[kp][i];
      z[k][i] = t;
    }
  };

  /** Move the active constraint at position `pos` to the end of the active set. */
  const moveToEnd = (pos: number): void => {
    if (pos >= nact - 1) return;
    const isave = iact[pos];
    const vsave = vmultc[pos];
    let k = pos;
    do {
      exchange(k);
      iact[k] = iact[k + 1];
      vmultc[k] = vmultc[k + 1];
      k++;
    } while (k < nact - 1);
    iact[k] = isave;
    vmultc[k] = vsave;
  };

  /** z[k] · v, or 0 where the sum is lost in the rounding of its terms. */
  const roundedDot = (k: number, v: Float64Array): number => {
    let s = 0;
    let sabs = 0;
    for (let i = 0; i < n; i++) {
      const t = z[k][i] * v[i];
      s += t;
      sabs += Math.abs(t);
    }
    const acca = sabs + 0.1 * Math.abs(s);
    const accb = sabs + 0.2 * Math.abs(s);
    return sabs >= acca || acca >= accb ? 0 : s;
  };

  /** Add constraint iact[icon] to the active set, dropping one if needed; false: stalled. */
  const addConstraint = (): boolean => {
    const kk = iact[icon];
    dxnew.set(a[kk]);
    let tot = 0;
    for (let k = n - 1; k >= nact; k--) {
      const sp = roundedDot(k, dxnew);
      if (tot === 0) {
        tot = sp;
      } else {
        const kp = k + 1;
        const temp = Math.sqrt(sp * sp + tot * tot);
        const alpha = sp / temp;
        const beta = tot / temp;
        tot = temp;
        for (let i = 0; i < n; i++) {
          const t = alpha * z[k][i] + beta * z[kp][i];
          z[kp][i] = alpha * z[kp][i] - beta * z[k][i];
          z[k][i] = t;
        }
      }
    }
    if (tot !== 0) {
      nact++;
      zdota[nact - 1] = tot;
      vmultc[icon] = vmultc[nact - 1];
      vmultc[nact - 1] = 0;
    } else {
      // The new gradient is a combination of the active ones: the active constraint whose
      // multiplier first reaches zero as the new one enters is replaced.
      let ratio = -1;
      for (let k = nact - 1; k >= 0; k--) {
        const zdotv = roundedDot(k, dxnew);
        if (zdotv === 0) {
          vmultd[k] = 0;
          continue;
        }
        const temp = zdotv / zdota[k];
        if (temp > 0 && iact[k] < m) {
          const tempa = vmultc[k] / temp;
          if (ratio < 0 || tempa < ratio) ratio = tempa;
        }
        if (k >= 1) {
          const ak = a[iact[k]];
          for (let i = 0; i < n; i++) dxnew[i] -= temp * ak[i];
        }
        vmultd[k] = temp;
      }
      if (ratio < 0) return false;
      for (let k = 0; k < nact; k++) vmultc[k] = Math.max(0, vmultc[k] - ratio * vmultd[k]);
      // Powell's code reorders here only when position `icon` is active, which the entering
      // constraint never is (it tests ICON where the leaving one was meant); scipy ≤ 1.15 keeps
      // that, so the last active constraint is the one replaced.
      let temp = 0;
      for (let i = 0; i < n; i++) temp += z[nact - 1][i] * a[kk][i];
      if (temp === 0) return false;
      zdota[nact - 1] = temp;
      vmultc[icon] = 0;
      vmultc[nact - 1] = ratio;
    }
    iact[icon] = iact[nact - 1];
    iact[nact - 1] = kk;
    if (mcon > m && kk !== m) {
      // Keep the objective last in the active set.
      const k = nact - 2;
      exchange(k);
      iact[nact - 1] = iact[k];
      iact[k] = kk;
      const t = vmultc[k];
      vmultc[k] = vmultc[nact - 1];
      vmultc[nact - 1] = t;
    }
    return true;
  };

  /** Label 60 onwards: iterate one phase until it ends. */
  const runPhase = (): PhaseEnd => {
    let optold = 0;
    let icount = 0;
    let nactx = 0;
    for (;;) {
      let optnew: number;
      if (mcon === m) {
        optnew = resmax;
      } else {
        optnew = 0;
        for (let i = 0; i < n; i++) optnew -= dx[i] * a[m][i];
      }
      if (icount === 0 || optnew < optold) {
        optold = optnew;
        nactx = nact;
        icount = 3;
      } else if (nact > nactx) {
        nactx = nact;
        icount = 3;
      } else {
        icount--;
        if (icount === 0) return PhaseEnd.Stalled;
      }
      // Update the active set and the search direction.
      if (icon >= nact) {
        if (!addConstraint()) return PhaseEnd.Stalled;
        if (mcon === m) {
          const ak = a[iact[nact - 1]];
          let temp = 0;
          for (let i = 0; i < n; i++) temp += sdirn[i] * ak[i];
          temp -= 1;
          temp /= zdota[nact - 1];
          for (let i = 0; i < n; i++) sdirn[i] -= temp * z[nact - 1][i];
        }
      } else {
        moveToEnd(icon);
        nact--;
        if (mcon === m) {
          let temp = 0;
          for (let i = 0; i < n; i++) temp += sdirn[i] * z[nact][i];
          for (let i = 0; i < n; i++) sdirn[i] -= temp * z[nact][i];
        }
      }
      if (mcon > m) {
        const temp = 1 / zdota[nact - 1];
        for (let i = 0; i < n; i++) sdirn[i] = temp * z[nact - 1][i];
      }
      // Step length to the trust-region boundary along sdirn.
      let dd = rho * rho;
      let sd = 0;
      let ss = 0;
      for (let i = 0; i < n; i++) {
        if (Math.abs(dx[i]) >= REAL_1E_6 * rho) dd -= dx[i] * dx[i];
        sd += dx[i] * sdirn[i];
        ss += sdirn[i] * sdirn[i];
      }
      if (dd <= 0) return PhaseEnd.Stalled;
      let temp = Math.sqrt(ss * dd);
      if (Math.abs(sd) >= REAL_1E_6 * temp) temp = Math.sqrt(ss * dd + sd * sd);
      const stpful = dd / (temp + sd);
      let step = stpful;
      if (mcon === m) {
        const acca = step + 0.1 * resmax;
        const accb = step + 0.2 * resmax;
        if (step >= acca || acca >= accb) return PhaseEnd.ToPhase2;
        step = Math.min(step, resmax);
      }
      for (let i = 0; i < n; i++) dxnew[i] = dx[i] + step * sdirn[i];
      if (mcon === m) {
        resold = resmax;
        resmax = 0;
        for (let k = 0; k < nact; k++) {
          const kk = iact[k];
          let t = b[kk];
          for (let i = 0; i < n; i++) t -= a[kk][i] * dxnew[i];
          resmax = Math.max(resmax, t);
        }
      }
      // Multipliers of the active constraints at the trial step.
      for (let k = nact - 1; k >= 0; k--) {
        vmultd[k] = roundedDot(k, dxnew) / zdota[k];
        if (k >= 1) {
          const ak = a[iact[k]];
          for (let i = 0; i < n; i++) dxnew[i] -= vmultd[k] * ak[i];
        }
      }
      if (mcon > m) vmultd[nact - 1] = Math.max(0, vmultd[nact - 1]);
      for (let i = 0; i < n; i++) dxnew[i] = dx[i] + step * sdirn[i];
      // Residuals of the inactive constraints at the trial step.
      for (let k = nact; k < mcon; k++) {
        const kk = iact[k];
        let sum = resmax - b[kk];
        let sumabs = resmax + Math.abs(b[kk]);
        for (let i = 0; i < n; i++) {
          const t = a[kk][i] * dxnew[i];
          sum += t;
          sumabs += Math.abs(t);
        }
        const acca = sumabs + REAL_0_1 * Math.abs(sum);
        const accb = sumabs + REAL_0_2 * Math.abs(sum);
        if (sumabs >= acca || acca >= accb) sum = 0;
        vmultd[k] = sum;
      }
      // Go as far towards dxnew as keeps every multiplier and residual non-negative.
      let ratio = 1;
      icon = -1;
      for (let k = 0; k < mcon; k++) {
        if (vmultd[k] > -REAL_2_2E_16 && vmultd[k] < REAL_2_2E_16) vmultd[k] = 0;
        if (vmultd[k] < 0) {
          const t = vmultc[k] / (vmultc[k] - vmultd[k]);
          if (t < ratio) {
            ratio = t;
            icon = k;
          }
        }
      }
      temp = 1 - ratio;
      for (let i = 0; i < n; i++) dx[i] = temp * dx[i] + ratio * dxnew[i];
      for (let k = 0; k < mcon; k++) vmultc[k] = Math.max(0, temp * vmultc[k] + ratio * vmultd[k]);
      if (mcon === m) resmax = resold + ratio * (resmax - resold);
      if (icon >= 0) continue;
      if (step === stpful) return PhaseEnd.Full;
      if (Number.isNaN(step)) {
        dx.fill(step);
        return PhaseEnd.Full;
      }
      return PhaseEnd.ToPhase2;
    }
  };

  let phase2 = resmax === 0;
  for (;;) {
    if (phase2) {
      mcon = m + 1;
      icon = m;
      iact[m] = m;
      vmultc[m] = 0;
    }
    const end = runPhase();
    if (end === PhaseEnd.Full) return true;
    if (end === PhaseEnd.Stalled && mcon > m) return false;
    phase2 = true;
  }
}
