// The Network tab's cell parameters (hnn-core GUI's "Cell parameters"): per cell type and section,
// the geometry (L, diam, cm, Ra) and every mechanism density or constant, edited in the cell type's
// template (all its cells) and saved with the network; a bad value gets a message next to its field.
import { html, type TemplateResult } from "lit";
import type { HnnWorkbench } from "../workbench";
import { numberField, selectField } from "./fields";

/** The cell type and section shown (the first of each when unset or gone). */
const shown = { cellType: "", section: "" };
/** Messages of rejected values, by field name. */
const errors: Record<string, string> = {};

const GEOMETRY = { L: "L (µm)", diam: "diam (µm)", cm: "cm (µF/cm²)", Ra: "Ra (Ω·cm)" } as const;

/** Why `v` is not allowed for `param`, or null: geometry must be > 0, conductances (g…) ≥ 0, the rest finite. */
function invalid(param: string, v: number): string | null {
  if (!Number.isFinite(v)) return `${param} must be a finite number, got ${v}`;
  if (param in GEOMETRY && v <= 0) return `${param} must be > 0, got ${v}`;
  if (param.startsWith("g") && v < 0) return `${param} is a conductance density and must be ≥ 0, got ${v}`;
  return null;
}

export function cellParamsView(wb: HnnWorkbench): TemplateResult {
  const types = Object.keys(wb.net.cellTypes);
  const cellType = types.includes(shown.cellType) ? shown.cellType : types[0]!;
  const sections = wb.net.cellTypes[cellType]!.cellObject.sections;
  const names = Object.keys(sections);
  const section = names.includes(shown.section) ? shown.section : names.includes("soma") ? "soma" : names[0]!;
  const sec = sections[section]!;
  /** A field of `target[key]` named `${cellType}-${section}-${key}`. */
  const field = (label: string, target: Record<string, unknown>, key: string): TemplateResult => {
    const name = `${cellType}-${section}-${key}`;
    const set = (v: number): void => {
      const why = invalid(key, v);
      if (why) errors[name] = why;
      else {
        delete errors[name];
        target[key] = v;
        wb.networkEdited();
      }
      wb.requestUpdate();
    };
    return numberField(label, target[key] as number, set, { name, error: errors[name] });
  };
  const pick = (patch: Partial<typeof shown>): void => {
    Object.assign(shown, { cellType, section }, patch);
    wb.requestUpdate();
  };
  return html`<div class="run">
      ${selectField("Cell type", cellType, types, (t) => pick({ cellType: t, section: "" }), "cell-type")}
      ${selectField("Section", section, names, (s) => pick({ section: s }), "cell-section")}
    </div>
    <fieldset><legend>Geometry of ${cellType} ${section}</legend>
      ${(Object.keys(GEOMETRY) as (keyof typeof GEOMETRY)[]).map((k) => field(GEOMETRY[k], sec as unknown as Record<string, unknown>, k))}
    </fieldset>
    ${Object.entries(sec.mechs).map(([mech, params]) => html`<fieldset><legend>${mech}</legend>
      ${Object.entries(params).map(([p, v]) => (typeof v === "number" ? field(p, params, p) : html`<span class="field">${p}<span>per segment (${v[1].length} values)</span></span>`))}
      ${Object.keys(params).length === 0 ? html`<span>no parameters</span>` : ""}
    </fieldset>`)}`;
}
