// The Visualization tab: hnn-core GUI's figure templates (single, 2×1, 1×2, 2×2), one figure kind
// per panel, each exportable as SVG and PNG; the grid fills the window's height (figures scaled to their panels).
import { html, type TemplateResult } from "lit";
import type { HnnWorkbench } from "../workbench";
import { FIGURE_KINDS, LAYOUTS, type FigureKind, type LayoutName } from "../state";
import { figureBlock, selectField } from "./fields";

export function visualizationTab(wb: HnnWorkbench): TemplateResult {
  const { layout, panels } = wb.state;
  const [rows, cols] = LAYOUTS[layout];
  const n = rows * cols;
  const kinds = Array.from({ length: n }, (_, i) => panels[i] ?? "dipole");
  const setKind = (i: number) => (k: FigureKind) => wb.updateState({ panels: kinds.map((x, j) => (j === i ? k : x)) });
  return html`<div class="run">
      ${selectField("Layout", layout, Object.keys(LAYOUTS) as LayoutName[], (l) => wb.updateState({ layout: l }), "layout")}
    </div>
    <div class="grid fit" style="grid-template-columns: repeat(${cols}, minmax(0, 1fr)); grid-template-rows: repeat(${rows}, minmax(0, 1fr))">
      ${kinds.map((k, i) => {
        let fig;
        try {
          fig = wb.figure(`panel${i}`, k);
        } catch (e) {
          fig = `cannot draw this figure: ${(e as Error).message}`;
        }
        return html`<div class="panel">${selectField(`Panel ${i + 1}`, k, FIGURE_KINDS, setKind(i), `panel${i}`)}${figureBlock(`${k}-${i + 1}`, fig)}</div>`;
      })}
    </div>`;
}
