// The Simulation tab: model, simulation and display settings, Run/Cancel with progress, the runs
// kept side by side with the data, and the RMSE.
import { html, type TemplateResult } from "lit";
import type { HnnWorkbench } from "../workbench";
import { MODELS, modelLabel, type ModelName } from "../state";
import { download } from "../files";
import { numberField, selectField, figureBlock } from "./fields";
import { writeNetworkConfiguration } from "../../bindings/index";

export function simulationTab(wb: HnnWorkbench): TemplateResult {
  const s = wb.state.settings;
  const c = wb.state.choice;
  const running = wb.progress !== null;
  // A network read from a file is not one of the models: the select says so, as the header does.
  const fromFile = wb.state.networkSource !== modelLabel(c);
  const modelOptions = { ...(fromFile ? { file: `file: ${wb.state.networkSource}` } : {}), ...Object.fromEntries(Object.keys(MODELS).map((m) => [m, m])) } as Record<ModelName | "file", string>;
  const rmse = wb.rmse();
  const last = wb.runs[wb.runs.length - 1];
  let fig;
  try {
    fig = wb.figure("simulation", "dipole");
  } catch (e) {
    fig = (e as Error).message;
  }
  return html`<div class="columns">
    <div class="controls">
      <fieldset><legend>Model</legend>
        ${selectField<ModelName | "file">("Model", fromFile ? "file" : c.model, modelOptions, (model) => model !== "file" && wb.newNetwork({ ...c, model }), "model")}
        ${numberField("Grid X", c.meshX, (meshX) => wb.newNetwork({ ...c, meshX }), { step: 1, min: 1, name: "meshX" })}
        ${numberField("Grid Y", c.meshY, (meshY) => wb.newNetwork({ ...c, meshY }), { step: 1, min: 1, name: "meshY" })}
        <label class="check"><input type="checkbox" name="drivesFromParams" .checked=${c.drivesFromParams}
          @change=${(e: Event) => wb.newNetwork({ ...c, drivesFromParams: (e.target as HTMLInputElement).checked })} /> ERP drives from params</label>
        <button @click=${() => wb.newNetwork()}>New network</button>
      </fieldset>
      <fieldset><legend>Simulation</legend>
        ${numberField("tstop (ms)", s.tstopMs, (tstopMs) => wb.updateSettings({ tstopMs }), { name: "tstopMs", min: 0 })}
        ${numberField("dt (ms)", s.dtMs, (dtMs) => wb.updateSettings({ dtMs }), { name: "dtMs", min: 0 })}
        ${numberField("Trials", s.nTrials, (nTrials) => wb.updateSettings({ nTrials }), { name: "nTrials", step: 1, min: 1 })}
        ${numberField("Workers", s.nJobs, (nJobs) => wb.updateSettings({ nJobs }), { name: "nJobs", step: 1, min: 1 })}
      </fieldset>
      <fieldset><legend>Dipole</legend>
        ${numberField("Smoothing (ms)", s.smoothWinMs, (smoothWinMs) => wb.updateSettings({ smoothWinMs }), { name: "smoothWinMs", min: 0 })}
        ${numberField("Scaling", s.scaleFactor, (scaleFactor) => wb.updateSettings({ scaleFactor }), { name: "scaleFactor" })}
        ${numberField("fmin (Hz)", s.fminHz, (fminHz) => wb.updateSettings({ fminHz }), { name: "fminHz", min: 0 })}
        ${numberField("fmax (Hz)", s.fmaxHz, (fmaxHz) => wb.updateSettings({ fmaxHz }), { name: "fmaxHz", min: 0 })}
      </fieldset>
      <div class="run">
        <button class="primary" name="run" ?disabled=${running || wb.fit.running} @click=${() => void wb.run()}>Run</button>
        <button name="cancel" ?disabled=${!running} @click=${() => wb.cancel()}>Cancel</button>
        <progress aria-label="Simulation progress" max="1" .value=${wb.progress ?? 0}></progress>
      </div>
      <div class="runs">
        <span>${wb.runs.length} run(s) kept</span>
        <button ?disabled=${wb.runs.length === 0} @click=${() => wb.clearRuns()}>Clear runs</button>
        <button ?disabled=${!last} @click=${() => last && download("dipole.txt", last.dipoles[0]!.toText())}>Export dipole</button>
        <button ?disabled=${!last} @click=${() => last && download("spikes.txt", last.response.toText(0))}>Export spikes</button>
        <button @click=${() => download("network.json", writeNetworkConfiguration(wb.net), "application/json")}>Save network JSON</button>
      </div>
      ${wb.data ? html`<p class="rmse">Data: ${wb.data.name}; RMSE: <output name="rmse" data-value=${rmse ?? ""}>${rmse === null ? "–" : rmse.toPrecision(6)}</output></p>` : ""}
    </div>
    <div class="figures">${figureBlock("dipole", fig)}</div>
  </div>`;
}
