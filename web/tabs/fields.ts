// Labelled form controls shared by the tabs.
import { html, type TemplateResult } from "lit";
import { live } from "lit/directives/live.js";
import type { Figure } from "../../bindings/viz/index";
import { download, figurePng } from "../files";

/** A labelled number input; `onChange` gets the parsed value (NaN for an empty field is passed on). */
export function numberField(label: string, value: number | null, onChange: (v: number) => void, o: { step?: number; min?: number; name?: string; error?: string } = {}): TemplateResult {
  return html`<label class="field">${label}
    <input type="number" name=${o.name ?? label} .value=${value === null ? "" : String(value)} step=${o.step ?? "any"} min=${o.min ?? ""}
      aria-invalid=${o.error ? "true" : "false"} @change=${(e: Event) => onChange(Number((e.target as HTMLInputElement).value))} />
    ${o.error ? html`<span class="field-error" role="alert">${o.error}</span>` : ""}</label>`;
}

/** A labelled select; the selection follows `value` even when the options change (live: checked against the DOM). */
export function selectField<T extends string>(label: string, value: T, options: Record<T, string> | readonly T[], onChange: (v: T) => void, name = label): TemplateResult {
  const entries: [string, string][] = Array.isArray(options) ? options.map((o) => [o, o]) : Object.entries(options as Record<string, string>);
  return html`<label class="field">${label}
    <select name=${name} @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value as T)}>
      ${entries.map(([v, text]) => html`<option value=${v} .selected=${live(v === value)}>${text}</option>`)}
    </select></label>`;
}

/** A figure with its export buttons (SVG, PNG), or the reason there is none. */
export function figureBlock(name: string, fig: Figure | string): TemplateResult {
  if (typeof fig === "string") return html`<div class="figure empty">${fig}</div>`;
  return html`<figure class="figure" data-figure=${name}>${fig.svg}
    <figcaption>
      <button @click=${() => download(`${name}.svg`, fig.toSvg(), "image/svg+xml")}>Export SVG</button>
      <button @click=${async () => download(`${name}.png`, await figurePng(fig))}>Export PNG</button>
    </figcaption></figure>`;
}
