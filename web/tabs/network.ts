// The Network tab: every connection (weight, delay, lamtha, probability, gain), filtered by
// source, target, location and receptor as pickConnection does; edit, remove and add. Its other
// view edits the cell parameters (./cellParams.ts).
import { html, type TemplateResult } from "lit";
import { pickConnection, type Connection, type PickConnectionOptions } from "../../bindings/index";
import type { HnnWorkbench } from "../workbench";
import { numberField } from "./fields";
import { cellParamsView } from "./cellParams";

/** Which part of the network the tab edits. */
let view: "connections" | "cells" = "connections";

/** Filter text per criterion (empty = any). */
const filter = { src: "", target: "", loc: "", receptor: "" };
/** The add-connection form. */
const draft = { src: "L2_pyramidal", target: "L5_pyramidal", loc: "proximal", receptor: "ampa", weight: 0.001, delay: 1, lamtha: 3, probability: 1 };
let addError = "";

/** Indices of the connections passing the filter; throws the API's message for a bad filter. */
function visible(wb: HnnWorkbench): number[] {
  const opts: PickConnectionOptions = {};
  if (filter.src) opts.srcGids = filter.src;
  if (filter.target) opts.targetGids = filter.target;
  if (filter.loc) opts.loc = filter.loc;
  if (filter.receptor) opts.receptor = filter.receptor;
  return Object.keys(opts).length === 0 ? wb.net.connectivity.map((_, i) => i) : pickConnection(wb.net, opts);
}

function row(wb: HnnWorkbench, conn: Connection, idx: number): TemplateResult {
  const edit = (key: "A_weight" | "A_delay" | "lamtha" | "gain") => (v: number) => {
    if (!Number.isFinite(v) || (key !== "A_weight" && v < 0)) {
      wb.say(`connection ${idx}: ${key} must be a finite number${key === "A_weight" ? "" : " ≥ 0"}, got ${v}`, true);
      return;
    }
    conn.ncDict[key] = v;
    wb.networkEdited();
  };
  const n = `conn-${idx}`;
  return html`<tr data-conn=${idx}>
    <td>${idx}</td><td>${conn.srcType}</td><td>${conn.targetType}</td><td>${conn.loc}</td><td>${conn.receptor}</td>
    <td>${numberField(`weight (µS) of ${n}`, conn.ncDict.A_weight, edit("A_weight"), { name: `${n}-weight` })}</td>
    <td>${numberField(`delay (ms) of ${n}`, conn.ncDict.A_delay, edit("A_delay"), { name: `${n}-delay` })}</td>
    <td>${numberField(`lamtha of ${n}`, conn.ncDict.lamtha, edit("lamtha"), { name: `${n}-lamtha` })}</td>
    <td>${conn.probability}</td>
    <td>${numberField(`gain of ${n}`, conn.ncDict.gain, edit("gain"), { name: `${n}-gain` })}</td>
    <td><button aria-label="Remove connection ${idx}" @click=${() => { wb.net.connectivity.splice(idx, 1); wb.networkEdited(); }}>✕</button></td>
  </tr>`;
}

function addConnection(wb: HnnWorkbench): void {
  try {
    wb.net.addConnection(draft.src, draft.target, draft.loc, draft.receptor, draft.weight, draft.delay, draft.lamtha, { probability: draft.probability });
    addError = "";
    wb.networkEdited();
  } catch (e) {
    addError = (e as Error).message;
    wb.requestUpdate();
  }
}

function textInput(label: string, obj: Record<string, string | number>, key: string, wb: HnnWorkbench, list?: string): TemplateResult {
  return html`<label class="field">${label}<input name=${key} list=${list ?? ""} .value=${String(obj[key])}
    @change=${(e: Event) => { const v = (e.target as HTMLInputElement).value; obj[key] = typeof obj[key] === "number" ? Number(v) : v; wb.requestUpdate(); }} /></label>`;
}

export function networkTab(wb: HnnWorkbench): TemplateResult {
  const show = (v: typeof view) => (): void => {
    view = v;
    wb.requestUpdate();
  };
  return html`<div class="run" role="group" aria-label="Network view">
      <button aria-pressed=${view === "connections"} @click=${show("connections")}>Connections</button>
      <button aria-pressed=${view === "cells"} @click=${show("cells")}>Cell parameters</button>
    </div>
    ${view === "connections" ? connectionsView(wb) : cellParamsView(wb)}`;
}

function connectionsView(wb: HnnWorkbench): TemplateResult {
  let idx: number[] = [];
  let filterError = "";
  try {
    idx = visible(wb);
  } catch (e) {
    filterError = (e as Error).message;
  }
  const types = Object.keys(wb.net.cellTypes);
  return html`<datalist id="hnn-types">${[...types, ...Object.keys(wb.net.externalDrives)].map((t) => html`<option value=${t}></option>`)}</datalist>
    <fieldset class="filter"><legend>Filter connections (pick_connection)</legend>
      ${(["src", "target", "loc", "receptor"] as const).map((k) => textInput({ src: "Source", target: "Target", loc: "Location", receptor: "Receptor" }[k], filter, k, wb, "hnn-types"))}
      ${filterError ? html`<span class="field-error" role="alert">${filterError}</span>` : ""}
      <span>${idx.length} of ${wb.net.connectivity.length} connections</span>
    </fieldset>
    <div class="table-wrap"><table class="connections">
      <thead><tr><th>#</th><th>source</th><th>target</th><th>loc</th><th>receptor</th><th>weight (µS)</th><th>delay (ms)</th><th>lamtha</th><th>prob.</th><th>gain</th><th></th></tr></thead>
      <tbody>${idx.map((i) => row(wb, wb.net.connectivity[i]!, i))}</tbody>
    </table></div>
    <fieldset class="add"><legend>Add a connection</legend>
      ${textInput("Source", draft, "src", wb, "hnn-types")}${textInput("Target", draft, "target", wb, "hnn-types")}
      ${textInput("Location", draft, "loc", wb)}${textInput("Receptor", draft, "receptor", wb)}
      ${textInput("Weight (µS)", draft, "weight", wb)}${textInput("Delay (ms)", draft, "delay", wb)}
      ${textInput("Lamtha", draft, "lamtha", wb)}${textInput("Probability", draft, "probability", wb)}
      <button @click=${() => addConnection(wb)}>Add connection</button>
      ${addError ? html`<span class="field-error" role="alert">${addError}</span>` : ""}
    </fieldset>`;
}
