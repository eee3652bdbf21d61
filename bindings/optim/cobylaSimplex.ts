/**
 * The iteration of Powell's COBYLA2 (subroutine COBYLB of scipy ≤ 1.15's cobyla2.f) between
 * evaluations: the simplex of n + 1 points with the values of the constraints and the objective at
 * each, the linear models through them, the choice between a trust-region step
 * (./cobylaTrstlp.ts) and a vertex move that keeps the simplex well shaped, and the reductions of
 * ρ and of the penalty μ. Each method is one stretch of COBYLB between its labels and says where to
 * go next; ./cobyla.ts drives it and evaluates the functions. The arithmetic is the Fortran's, in
 * its order.
 */

import { trstlp, trstlpWork, type TrstlpWork } from "./cobylaTrstlp";

/** Where COBYLB goes next (its labels: 40, 140, 370, 440, 550, 600/620). */
export enum Step {
  Evaluate,
  SelectVertex,
  TrustRegion,
  AfterTrial,
  ReduceRho,
  ReturnBest,
  Return,
}

/** Algorithm constants of COBYLB: acceptable simplex shape (α, β), vertex step (γ), edge bound (δ). */
const ALPHA = 0.25;
const BETA = 2.1;
const GAMMA = 0.5;
const DELTA = 1.1;

/** The state of one minimisation (COBYLB's variables; 0-based, row m of datmat/con is f, m + 1 the violation). */
export class Cobylb {
  readonly mp: number; // index of f in con and datmat
  readonly mpp: number; // index of the greatest violation
  /** The variables at which the functions are evaluated next. */
  readonly x: Float64Array;
  /** Constraint values, then f, then the greatest violation. */
  readonly con: Float64Array;
  /** sim[i][j]: column j < n the displacement of vertex j from the best vertex; column n the best vertex. */
  readonly sim: Float64Array[];
  /** Inverse of sim's first n columns. */
  readonly simi: Float64Array[];
  /** datmat[k][j]: con of vertex j (column n: the best vertex). */
  readonly datmat: Float64Array[];
  /** a[k]: gradient of constraint k's linear model; a[m]: minus the objective's. */
  readonly a: Float64Array[];
  /** Distance of each vertex from the opposite face of the simplex. */
  readonly vsig: Float64Array;
  /** Distance of each vertex from the best vertex. */
  readonly veta: Float64Array;
  /** vsig scaled by the trial step's component towards each vertex. */
  readonly sigbar: Float64Array;
  /** The step from the best vertex. */
  readonly dx: Float64Array;
  /** Scratch row of the linear models. */
  readonly work: Float64Array;
  /** Workspace of the subproblem. */
  readonly trWork: TrstlpWork;
  /** Size of the simplex and radius of the trust region. */
  rho: number;
  /** Penalty μ of the merit function f + μ·violation. */
  parmu = 0;
  /** α·ρ: the least acceptable vsig. */
  parsig = 0;
  /** Predicted reduction of the violation by the trial step. */
  prerec = 0;
  /** Predicted reduction of the merit function by the trial step. */
  prerem = 0;
  /** Whether the simplex is acceptable (IFLAG = 1). */
  iflag = true;
  /** Whether the last trust-region step reached the boundary (IFULL = 1). */
  ifull = false;
  /** Whether the next evaluation is of a trial point (IBRNCH = 1) rather than a simplex vertex. */
  ibrnch = false;
  /** The vertex the next simplex evaluation fills (n: the pole). */
  jdrop: number;
  /** Evaluations so far. */
  nfvals = 0;
  /** Objective and greatest violation at the last evaluation (at the end: of the result). */
  f = 0;
  resmax = 0;
  /** COBYLB's exit status (scipy's catol check may turn it into 4). */
  status: 1 | 2 | 3 | 5 = 1;

  constructor(
    readonly n: number,
    readonly m: number,
    x0: ArrayLike<number>,
    readonly rhoend: number,
    readonly maxfun: number,
    rhobeg: number,
  ) {
    const mat = (rows: number, cols: number): Float64Array[] => Array.from({ length: rows }, () => new Float64Array(cols));
    this.mp = m;
    this.mpp = m + 1;
    this.x = Float64Array.from(x0);
    this.con = new Float64Array(m + 2);
    this.sim = mat(n, n + 1);
    this.simi = mat(n, n);
    this.datmat = mat(m + 2, n + 1);
    this.a = mat(m + 1, n);
    this.vsig = new Float64Array(n);
    this.veta = new Float64Array(n);
    this.sigbar = new Float64Array(n);
    this.dx = new Float64Array(n);
    this.work = new Float64Array(n);
    this.trWork = trstlpWork(n, m);
    this.rho = rhobeg;
    const temp = 1 / rhobeg;
    for (let i = 0; i < n; i++) {
      this.sim[i][n] = this.x[i];
      this.sim[i][i] = rhobeg;
      this.simi[i][i] = temp;
    }
    this.jdrop = n;
  }

  /** Merit f + μ·violation of vertex j. */
  private merit(j: number): number {
    return this.datmat[this.mp][j] + this.parmu * this.datmat[this.mpp][j];
  }

  /** Replace vertex `jdrop` by best + dx in sim and update simi (a rank-one update of the inverse). */
  private replaceVertex(jdrop: number): void {
    const { n, sim, simi, dx } = this;
    let temp = 0;
    for (let i = 0; i < n; i++) {
      sim[i][jdrop] = dx[i];
      temp += simi[jdrop][i] * dx[i];
    }
    for (let i = 0; i < n; i++) simi[jdrop][i] /= temp;
    for (let j = 0; j < n; j++) {
      if (j === jdrop) continue;
      let t = 0;
      for (let i = 0; i < n; i++) t += simi[j][i] * dx[i];
      for (let i = 0; i < n; i++) simi[j][i] -= t * simi[jdrop][i];
    }
  }

  /** Label 40 after the evaluation: record the values at x, building the initial simplex first. */
  afterEvaluation(): Step {
    const { n, m, mp, mpp, con, datmat, sim, simi, x } = this;
    let resmax = 0;
    for (let k = 0; k < m; k++) resmax = Math.max(resmax, -con[k]);
    this.resmax = resmax;
    con[mp] = this.f;
    con[mpp] = resmax;
    if (this.ibrnch) return Step.AfterTrial;
    const jdrop = this.jdrop;
    for (let k = 0; k <= mpp; k++) datmat[k][jdrop] = con[k];
    if (this.nfvals <= n + 1) {
      if (jdrop < n) {
        // Keep the better of the new vertex and the old best in pole position.
        if (datmat[mp][n] <= this.f) {
          x[jdrop] = sim[jdrop][n];
        } else {
          sim[jdrop][n] = x[jdrop];
          for (let k = 0; k <= mpp; k++) {
            datmat[k][jdrop] = datmat[k][n];
            datmat[k][n] = con[k];
          }
          for (let k = 0; k <= jdrop; k++) {
            sim[jdrop][k] = -this.rho;
            let temp = 0;
            for (let i = k; i <= jdrop; i++) temp -= simi[i][k];
            simi[jdrop][k] = temp;
          }
        }
      }
      if (this.nfvals <= n) {
        this.jdrop = this.nfvals - 1;
        x[this.jdrop] += this.rho;
        return Step.Evaluate;
      }
    }
    this.ibrnch = true;
    return Step.SelectVertex;
  }

  /** Label 140: best vertex to pole position, linear models, and a vertex move if the simplex is poor. */
  selectVertex(): Step {
    const { n, m, mp, mpp, con, datmat, sim, simi, a, vsig, veta, dx, x } = this;
    let phimin = this.merit(n);
    let nbest = n;
    for (let j = 0; j < n; j++) {
      const temp = this.merit(j);
      if (temp < phimin) {
        nbest = j;
        phimin = temp;
      } else if (temp === phimin && this.parmu === 0 && datmat[mpp][j] < datmat[mpp][nbest]) {
        nbest = j;
      }
    }
    if (nbest < n) {
      for (let i = 0; i <= mpp; i++) {
        const temp = datmat[i][n];
        datmat[i][n] = datmat[i][nbest];
        datmat[i][nbest] = temp;
      }
      for (let i = 0; i < n; i++) {
        const temp = sim[i][nbest];
        sim[i][nbest] = 0;
        sim[i][n] += temp;
        let tempa = 0;
        for (let k = 0; k < n; k++) {
          sim[i][k] -= temp;
          tempa -= simi[k][i];
        }
        simi[nbest][i] = tempa;
      }
    }
    // simi must stay an inverse of sim's first n columns.
    let error = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let temp = i === j ? -1 : 0;
        for (let k = 0; k < n; k++) temp += simi[i][k] * sim[k][j];
        error = Math.max(error, Math.abs(temp));
      }
    }
    if (error > 0.1) {
      this.status = 3;
      return Step.ReturnBest;
    }
    // Linear models: con becomes −(values at the best vertex), a their gradients.
    const w = this.work;
    for (let k = 0; k <= mp; k++) {
      con[k] = -datmat[k][n];
      for (let j = 0; j < n; j++) w[j] = datmat[k][j] + con[k];
      for (let i = 0; i < n; i++) {
        let temp = 0;
        for (let j = 0; j < n; j++) temp += w[j] * simi[j][i];
        a[k][i] = k === mp ? -temp : temp;
      }
    }
    // Is the simplex acceptable (vertices neither too close to a face nor too far)?
    this.iflag = true;
    this.parsig = ALPHA * this.rho;
    const pareta = BETA * this.rho;
    for (let j = 0; j < n; j++) {
      let wsig = 0;
      let weta = 0;
      for (let i = 0; i < n; i++) {
        wsig += simi[j][i] * simi[j][i];
        weta += sim[i][j] * sim[i][j];
      }
      vsig[j] = 1 / Math.sqrt(wsig);
      veta[j] = Math.sqrt(weta);
      if (vsig[j] < this.parsig || veta[j] > pareta) this.iflag = false;
    }
    if (this.ibrnch || this.iflag) return Step.TrustRegion;
    // Move the worst vertex: the farthest, else the one nearest the opposite face.
    let jdrop = -1;
    let temp = pareta;
    for (let j = 0; j < n; j++) {
      if (veta[j] > temp) {
        jdrop = j;
        temp = veta[j];
      }
    }
    if (jdrop < 0) {
      for (let j = 0; j < n; j++) {
        if (vsig[j] < temp) {
          jdrop = j;
          temp = vsig[j];
        }
      }
    }
    temp = GAMMA * this.rho * vsig[jdrop];
    for (let i = 0; i < n; i++) dx[i] = temp * simi[jdrop][i];
    let cvmaxp = 0;
    let cvmaxm = 0;
    let sum = 0;
    for (let k = 0; k <= mp; k++) {
      sum = 0;
      for (let i = 0; i < n; i++) sum += a[k][i] * dx[i];
      if (k < m) {
        const t = datmat[k][n];
        cvmaxp = Math.max(cvmaxp, -sum - t);
        cvmaxm = Math.max(cvmaxm, sum - t);
      }
    }
    const dxsign = this.parmu * (cvmaxp - cvmaxm) > sum + sum ? -1 : 1;
    for (let i = 0; i < n; i++) dx[i] = dxsign * dx[i];
    this.replaceVertex(jdrop);
    for (let j = 0; j < n; j++) x[j] = sim[j][n] + dx[j];
    this.jdrop = jdrop;
    return Step.Evaluate;
  }

  /** Label 370: the trust-region step, the predicted reductions, and the next point. */
  trustRegion(): Step {
    const { n, m, mp, mpp, con, datmat, sim, a, dx, x } = this;
    this.ifull = trstlp(n, m, a, con, this.rho, dx, this.trWork);
    if (dx.some(Number.isNaN)) {
      this.status = 5;
      return Step.ReturnBest;
    }
    if (!this.ifull) {
      let temp = 0;
      for (let i = 0; i < n; i++) temp += dx[i] * dx[i];
      if (temp < 0.25 * this.rho * this.rho) {
        this.ibrnch = true;
        return Step.ReduceRho;
      }
    }
    let resnew = 0;
    con[mp] = 0;
    let sum = 0;
    for (let k = 0; k <= mp; k++) {
      sum = con[k];
      for (let i = 0; i < n; i++) sum -= a[k][i] * dx[i];
      if (k < m) resnew = Math.max(resnew, sum);
    }
    // Increase μ if needed so that the step reduces the merit function; a new best vertex restarts.
    let barmu = 0;
    this.prerec = datmat[mpp][n] - resnew;
    if (this.prerec > 0) barmu = sum / this.prerec;
    if (this.parmu < 1.5 * barmu) {
      this.parmu = 2 * barmu;
      const phi = this.merit(n);
      for (let j = 0; j < n; j++) {
        const temp = this.merit(j);
        if (temp < phi) return Step.SelectVertex;
        if (temp === phi && this.parmu === 0 && datmat[mpp][j] < datmat[mpp][n]) return Step.SelectVertex;
      }
    }
    this.prerem = this.parmu * this.prerec - sum;
    for (let i = 0; i < n; i++) x[i] = sim[i][n] + dx[i];
    this.ibrnch = true;
    return Step.Evaluate;
  }

  /** Label 440: compare the actual with the predicted reduction and let the new point replace a vertex. */
  afterTrial(): Step {
    const { n, mp, mpp, con, datmat, sim, simi, vsig, veta, sigbar, dx } = this;
    const vmold = this.merit(n);
    const vmnew = this.f + this.parmu * this.resmax;
    let trured = vmold - vmnew;
    if (this.parmu === 0 && this.f === datmat[mp][n]) {
      this.prerem = this.prerec;
      trured = datmat[mpp][n] - this.resmax;
    }
    let ratio = trured <= 0 ? 1 : 0;
    let jdrop = -1;
    for (let j = 0; j < n; j++) {
      let temp = 0;
      for (let i = 0; i < n; i++) temp += simi[j][i] * dx[i];
      temp = Math.abs(temp);
      if (temp > ratio) {
        jdrop = j;
        ratio = temp;
      }
      sigbar[j] = temp * vsig[j];
    }
    let edgmax = DELTA * this.rho;
    let l = -1;
    for (let j = 0; j < n; j++) {
      if (sigbar[j] >= this.parsig || sigbar[j] >= vsig[j]) {
        let temp = veta[j];
        if (trured > 0) {
          temp = 0;
          for (let i = 0; i < n; i++) temp += (dx[i] - sim[i][j]) * (dx[i] - sim[i][j]);
          temp = Math.sqrt(temp);
        }
        if (temp > edgmax) {
          l = j;
          edgmax = temp;
        }
      }
    }
    if (l >= 0) jdrop = l;
    if (jdrop < 0) return Step.ReduceRho;
    this.replaceVertex(jdrop);
    for (let k = 0; k <= mpp; k++) datmat[k][jdrop] = con[k];
    if (trured > 0 && trured >= 0.1 * this.prerem) return Step.SelectVertex;
    return Step.ReduceRho;
  }

  /** Label 550: improve the simplex, or halve ρ (and lower μ), or stop. */
  reduceRho(): Step {
    const { n, m, mp, datmat } = this;
    if (!this.iflag) {
      this.ibrnch = false;
      return Step.SelectVertex;
    }
    if (this.rho <= this.rhoend) return this.ifull ? Step.Return : Step.ReturnBest;
    this.rho = 0.5 * this.rho;
    if (this.rho <= 1.5 * this.rhoend) this.rho = this.rhoend;
    if (this.parmu > 0) {
      let denom = 0;
      let cmin = 0;
      let cmax = 0;
      for (let k = 0; k <= mp; k++) {
        cmin = datmat[k][n];
        cmax = cmin;
        for (let i = 0; i < n; i++) {
          cmin = Math.min(cmin, datmat[k][i]);
          cmax = Math.max(cmax, datmat[k][i]);
        }
        if (k < m && cmin < 0.5 * cmax) {
          const temp = Math.max(cmax, 0) - cmin;
          denom = denom <= 0 ? temp : Math.min(denom, temp);
        }
      }
      // cmin and cmax are those of the objective here, as in Powell's code.
      if (denom === 0) this.parmu = 0;
      else if (cmax - cmin < this.parmu * denom) this.parmu = (cmax - cmin) / denom;
    }
    return Step.SelectVertex;
  }

  /** Label 600: the best vertex becomes the result. */
  returnBest(): void {
    const { n, mp, mpp, datmat, sim, x } = this;
    for (let i = 0; i < n; i++) x[i] = sim[i][n];
    this.f = datmat[mp][n];
    this.resmax = datmat[mpp][n];
  }
}
