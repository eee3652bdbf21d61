// The Visualization tab: hnn-core GUI's figure templates (single, 2×1, 1×2, 2×2), one figure kind
// per panel, each exportable as SVG and PNG; the grid fills the window's height (figures scaled to their panels).
import { html, type TemplateResult } from "lit";
import type { HnnWorkbench } from "../workbench";
import { FIGURE_KINDS, LAYOUTS, type FigureKind, type LayoutName } from "../state";
import { figureBlock, selectField } from "./fields";
import { cellConnections, connectedSources, pickedConnection } from "../figures";

/** The cell-connectivity panel's connection select and its click: a source cell's square picks that cell. */
function cellPickControls(wb: HnnWorkbench, i: number): { select: TemplateResult; onClick: (e: Event) => void } {
  const connIdx = pickedConnection(wb.net, wb.cellPick) ?? 0;
  const select = selectField("Connection", String(connIdx), cellConnections(wb.net), (v) => {
    wb.cellPick = { connIdx: Number(v), srcGid: null };
    wb.requestUpdate();
  }, `panel${i}-connection`);
  const onClick = (e: Event): void => {
    const dot = (e.target as Element).closest("g.hnn-source > *");
    if (!dot) return;
    const srcGid = connectedSources(wb.net, connIdx)[Array.prototype.indexOf.call(dot.parentElement!.children, dot)];
    if (srcGid === undefined) return;
    wb.cellPick = { connIdx, srcGid };
    wb.say(`cell connectivity: source gid ${srcGid}`);
  };
  return { select, onClick };
}

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
        const pick = k === "cellConnectivity" ? cellPickControls(wb, i) : null;
        return html`<div class="panel" @click=${pick?.onClick ?? null}>
          <div class="run">${selectField(`Panel ${i + 1}`, k, FIGURE_KINDS, setKind(i), `panel${i}`)}${pick?.select ?? ""}</div>
          ${figureBlock(`${k}-${i + 1}`, fig)}</div>`;
      })}
    </div>`;
}
