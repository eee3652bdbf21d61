// The Optimization tab (hnn-core 0.6.1 GUI's): target data, objective, solver, iterations (and
// CMA-ES's settings), the drive parameters to fit with their ranges in % of the current values,
// Run/Cancel with progress and a live convergence figure, then the fitted dipole against the target
// and Apply. tstop, dt, trials, smoothing, scaling and workers are the Simulation tab's (linked, as in hnn-core).
import { html, type TemplateResult } from "lit";
import type { HnnWorkbench } from "../workbench";
import { fittableParams, rangeOf, type FitParam } from "../optim/fitParams";
import { OBJECTIVE_NAMES, SOLVER_NAMES, targetOptions, type FitChoices, type FitSession } from "../optim/fitSession";
import { download } from "../files";
import { figureBlock, numberField, selectField } from "./fields";

/** Evaluations/generations a fit reports at most (Bayesian: the first point, then maxIter). */
function maxIterations(c: FitChoices): number {
  return c.solver === "bayesian" ? c.maxIter + 1 : c.maxIter;
}

function settingsFields(wb: HnnWorkbench, fit: FitSession): TemplateResult {
  const c = fit.choices;
  const s = wb.state.settings;
  const set = (patch: Partial<FitChoices>) => {
    fit.choices = { ...c, ...patch };
    wb.requestUpdate();
  };
  const targets = targetOptions(wb);
  const key = fit.targetKey(wb);
  return html`<fieldset><legend>Target</legend>
      ${key === null
        ? html`<span>no target yet: load dipole data or run a simulation</span>`
        : selectField("Target data", key, targets, (target) => { fit.target = target; wb.requestUpdate(); }, "optTarget")}
      <label class="button">Load target…<input type="file" accept=".txt,.csv" aria-label="Load target dipole data"
        @change=${(e: Event) => { const f = (e.target as HTMLInputElement).files?.[0]; if (f) void wb.openFile(f).then(() => { fit.target = "data"; wb.requestUpdate(); }); }} hidden /></label>
    </fieldset>
    <fieldset><legend>Objective and solver</legend>
      ${selectField("Objective", c.objFun, OBJECTIVE_NAMES, (objFun) => set({ objFun }), "optObjective")}
      ${selectField("Solver", c.solver, SOLVER_NAMES, (solver) => set({ solver }), "optSolver")}
      ${numberField("Max iterations", c.maxIter, (maxIter) => set({ maxIter }), { name: "optMaxIter", step: 1, min: 1 })}
      ${c.solver === "cma"
        ? html`${numberField("Population", c.popsize, (popsize) => set({ popsize }), { name: "optPopsize", step: 1, min: 2 })}
          ${numberField("sigma0 (× range)", c.sigma0, (sigma0) => set({ sigma0 }), { name: "optSigma0", min: 0 })}
          ${numberField("Seed", c.seed, (seed) => set({ seed }), { name: "optSeed", step: 1 })}`
        : ""}
    </fieldset>
    <fieldset><legend>Simulation (shared with the Simulation tab)</legend>
      ${numberField("tstop (ms)", s.tstopMs, (tstopMs) => wb.updateSettings({ tstopMs }), { name: "opt-tstopMs", min: 0 })}
      ${numberField("dt (ms)", s.dtMs, (dtMs) => wb.updateSettings({ dtMs }), { name: "opt-dtMs", min: 0 })}
      ${numberField("Trials", s.nTrials, (nTrials) => wb.updateSettings({ nTrials }), { name: "opt-nTrials", step: 1, min: 1 })}
      ${numberField("Smoothing (ms)", s.smoothWinMs, (smoothWinMs) => wb.updateSettings({ smoothWinMs }), { name: "opt-smoothWinMs", min: 0 })}
      ${numberField("Scaling", s.scaleFactor, (scaleFactor) => wb.updateSettings({ scaleFactor }), { name: "opt-scaleFactor" })}
      ${numberField("Workers", s.nJobs, (nJobs) => wb.updateSettings({ nJobs }), { name: "opt-nJobs", step: 1, min: 1 })}
    </fieldset>`;
}

function runControls(wb: HnnWorkbench, fit: FitSession): TemplateResult {
  const p = fit.progress;
  const total = maxIterations(fit.choices);
  const busy = fit.running || wb.progress !== null;
  return html`<div class="run">
      <button class="primary" ?disabled=${busy} @click=${() => void fit.run(wb)}>Run optimization</button>
      <button ?disabled=${!fit.running} @click=${() => fit.cancel()}>Cancel optimization</button>
    </div>
    <div class="run"><progress aria-label="Optimization progress" max=${total} .value=${p?.iteration ?? 0}></progress></div>
    <p class="opt-progress"><output name="optProgress" data-iteration=${p?.iteration ?? ""} data-best=${p?.bestObjective ?? ""}>${p
      ? `iteration ${p.iteration} of at most ${total} · ${p.evaluations} simulations · best ${fit.choices.objFun} ${p.bestObjective.toPrecision(6)}`
      : fit.running ? "starting…" : "not run yet"}</output></p>
    <div class="run">
      <button ?disabled=${!fit.result || busy} @click=${() => fit.apply(wb)}>Apply fitted values</button>
      <button ?disabled=${fit.finished.length === 0} @click=${() => download("optimization_history.txt", fit.historyText())}>Save optimization history</button>
    </div>`;
}

/** A value to 6 significant digits without trailing zeros (0.000007, 27.7703). */
function short(v: number): string {
  return String(Number(v.toPrecision(6)));
}

function paramRow(wb: HnnWorkbench, fit: FitSession, p: FitParam): TemplateResult {
  const c = fit.range(p.path);
  const range = rangeOf(p, c);
  const fitted = fit.result?.params[p.path];
  const set = (patch: Parameters<FitSession["setRange"]>[1]) => {
    fit.setRange(p.path, patch);
    wb.requestUpdate();
  };
  return html`<tr data-path=${p.path}>
    <td><input type="checkbox" name="fit-${p.path}" aria-label="Fit ${p.path}" .checked=${c.fit} @change=${(e: Event) => set({ fit: (e.target as HTMLInputElement).checked })} /></td>
    <td>${p.drive}</td><td>${p.label}</td><td>${short(p.value)} ${p.unit}</td>
    <td>${numberField("Min %", c.minPct, (minPct) => set({ minPct }), { name: `min-${p.path}`, min: 0 })}</td>
    <td>${numberField("Max %", c.maxPct, (maxPct) => set({ maxPct }), { name: `max-${p.path}`, min: 0 })}</td>
    <td>${range ? `${short(range[0])} – ${short(range[1])}` : "empty (value 0)"}</td>
    <td class="fitted">${fitted === undefined ? "" : short(fitted)}</td>
  </tr>`;
}

function paramTable(wb: HnnWorkbench, fit: FitSession): TemplateResult {
  const params = fittableParams(wb.net);
  if (params.length === 0) return html`<p>the network has no drives to fit: add some in the External drives tab</p>`;
  return html`<div class="table-wrap opt-params"><table>
    <thead><tr><th>Fit</th><th>Drive</th><th>Parameter</th><th>Value</th><th>Min</th><th>Max</th><th>Range</th><th>Fitted</th></tr></thead>
    <tbody>${params.map((p) => paramRow(wb, fit, p))}</tbody></table></div>`;
}

/** The tab. */
export function optimizationTab(wb: HnnWorkbench): TemplateResult {
  const fit = wb.fit;
  return html`<div class="columns">
    <div class="controls">${settingsFields(wb, fit)}${runControls(wb, fit)}</div>
    <div>
      <div class="opt-figures">
        ${figureBlock("convergence", fit.convergence ?? (fit.running ? "waiting for the first iteration…" : "run an optimization to see its convergence"))}
        ${figureBlock("fitted-dipole", fit.comparison ?? "the fitted dipole is drawn against the target when the fit ends")}
      </div>
      ${paramTable(wb, fit)}
    </div>
  </div>`;
}
