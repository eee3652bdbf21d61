// The External drives tab: evoked, Poisson and bursty drives (edit, add, delete; hnn-core's
// defaults; the API's validation message next to the field it names) and tonic biases.
import { html, type TemplateResult } from "lit";
import type { HnnWorkbench } from "../workbench";
import { DYNAMICS_DEFAULTS, DriveError, newDriveSpec, withDrives, type DriveKind, type DriveSpec } from "../drives";
import { numberField, selectField } from "./fields";

/** hnn-core's argument names (snake_case), to find the field an error message names. */
const SNAKE: Record<string, string> = { rateConstant: "rate_constant", burstRate: "burst_rate", burstStd: "burst_std", spikeIsi: "spike_isi", tstartStd: "tstart_std", synapticDelays: "synaptic_delays", spaceConstant: "space_constant", eventSeed: "event_seed", connSeed: "conn_seed", nDriveCells: "n_drive_cells", weightsAmpa: "weights_ampa", weightsNmda: "weights_nmda" };

/** The error for field `key` of drive `name`, if the last apply failed there. */
function errorFor(wb: HnnWorkbench, name: string, key: string): string | undefined {
  const err = wb.driveError;
  if (!err || err.name !== name) return undefined;
  const m = err.message;
  const hit = m.includes(SNAKE[key] ?? key) || m.includes(key);
  return hit ? m : undefined;
}

function apply(wb: HnnWorkbench): void {
  try {
    const net = withDrives(wb.net, wb.driveDraft);
    wb.setNetwork(net, wb.state.networkSource);
    wb.say(`drives applied: ${wb.driveDraft.map((d) => d.name).join(", ") || "none"}`);
  } catch (e) {
    wb.driveError = e instanceof DriveError ? { name: e.driveName, message: e.message } : { name: "", message: (e as Error).message };
    wb.say(`drive ${wb.driveError.name}: ${wb.driveError.message}`, true);
  }
}

function driveCard(wb: HnnWorkbench, d: DriveSpec, i: number): TemplateResult {
  const set = (patch: Partial<DriveSpec>) => {
    wb.driveDraft = wb.driveDraft.map((x, j) => (j === i ? { ...x, ...patch } : x));
    wb.requestUpdate();
  };
  const f = (label: string, key: keyof DriveSpec & string) =>
    numberField(label, d[key] as number, (v) => set({ [key]: v }), { name: `${d.name}-${key}`, error: errorFor(wb, d.name, key) });
  const types = Object.keys(wb.net.cellTypes);
  const unmatched = wb.driveError?.name === d.name && !Object.keys({ ...d.dynamics, ...d }).some((k) => errorFor(wb, d.name, k)) ? wb.driveError.message : "";
  return html`<fieldset class="drive" data-drive=${d.name}><legend>${d.name} (${d.kind})</legend>
    ${selectField("Location", d.location, ["proximal", "distal"] as const, (location) => set({ location }), `${d.name}-location`)}
    ${Object.keys(DYNAMICS_DEFAULTS[d.kind]).map((k) =>
      numberField(k, d.dynamics[k] ?? null, (v) => set({ dynamics: { ...d.dynamics, [k]: k === "tstop" && Number.isNaN(v) ? null : v } }), { name: `${d.name}-${k}`, error: errorFor(wb, d.name, k) }),
    )}
    <div class="weights">${types.map((t) => html`<div>${t}
      ${numberField(`AMPA (µS)`, d.weightsAmpa[t] ?? 0, (v) => set({ weightsAmpa: { ...d.weightsAmpa, [t]: v } }), { name: `${d.name}-ampa-${t}` })}
      ${numberField(`NMDA (µS)`, d.weightsNmda[t] ?? 0, (v) => set({ weightsNmda: { ...d.weightsNmda, [t]: v } }), { name: `${d.name}-nmda-${t}` })}</div>`)}</div>
    ${f("Delay (ms)", "synapticDelays")}${f("Probability", "probability")}${f("Space constant", "spaceConstant")}
    <label class="check"><input type="checkbox" .checked=${d.cellSpecific} @change=${(e: Event) => set({ cellSpecific: (e.target as HTMLInputElement).checked })} /> cell-specific</label>
    ${d.cellSpecific ? "" : f("Drive cells", "nDriveCells")}
    ${f("Event seed", "eventSeed")}${f("Connection seed", "connSeed")}
    ${unmatched ? html`<span class="field-error" role="alert">${unmatched}</span>` : ""}
    <button aria-label="Delete drive ${d.name}" @click=${() => { wb.driveDraft = wb.driveDraft.filter((_, j) => j !== i); wb.requestUpdate(); }}>Delete</button>
  </fieldset>`;
}

let newKind: DriveKind = "evoked";

function addDrive(wb: HnnWorkbench): void {
  const taken = new Set(wb.driveDraft.map((d) => d.name));
  let k = 1;
  while (taken.has(`${newKind}${k}`)) k++;
  wb.driveDraft = [...wb.driveDraft, newDriveSpec(newKind, `${newKind}${k}`, Object.keys(wb.net.cellTypes))];
  wb.requestUpdate();
}

function biases(wb: HnnWorkbench): TemplateResult {
  const entries = Object.entries(wb.net.externalBiases);
  return html`<fieldset><legend>Tonic biases</legend>
    ${entries.length === 0 ? "none" : entries.map(([name, byType]) => html`<div>${name}: ${Object.entries(byType).map(([t, b]) => `${t} ${b.amplitude} nA (${b.t0}–${b.tstop ?? "end"} ms)`).join("; ")}
      <button aria-label="Delete tonic bias ${name}" @click=${() => { delete wb.net.externalBiases[name]; wb.networkEdited(); }}>Delete</button></div>`)}
    <button @click=${() => {
      try {
        wb.net.addTonicBias({ amplitude: { L5_pyramidal: 0 }, t0: 0, tstop: null });
        wb.networkEdited();
      } catch (e) {
        wb.say(`tonic bias: ${(e as Error).message}`, true);
      }
    }}>Add tonic bias (L5 pyramidal, 0 nA)</button></fieldset>`;
}

export function drivesTab(wb: HnnWorkbench): TemplateResult {
  return html`<div class="drives">${wb.driveDraft.map((d, i) => driveCard(wb, d, i))}</div>
    <div class="run">
      ${selectField("New drive", newKind, { evoked: "evoked", poisson: "Poisson", bursty: "bursty (rhythmic)" }, (k) => (newKind = k), "newDriveKind")}
      <button @click=${() => addDrive(wb)}>Add drive</button>
      <button class="primary" @click=${() => apply(wb)}>Apply drives</button>
    </div>
    ${biases(wb)}`;
}
