/**
 * `<hnn-dipole-view network-url="net.json">`: simulates an hnn-core network file and shows its
 * current dipole, for a course page or a lab site. Attributes: `network-url` (required), `tstop`
 * (ms, default 170), `trials` (default 1), `smooth` (ms, default 30), `scale` (default 3000),
 * `engine-url` (default: engine.wasm next to this script). A Run button starts it again.
 */
import { LitElement, html, type TemplateResult } from "lit";
import { averageDipoles, type Dipole } from "../bindings/index";
import { plotDipole } from "../bindings/viz/index";
import { simulate } from "./sim/simulate";
import { DEFAULT_ENGINE_URL } from "./workbench";

export class HnnDipoleView extends LitElement {
  static override properties = { networkUrl: { attribute: "network-url" } };
  declare networkUrl: string | null;
  /** The last run's raw dipoles (one per trial, nAm), or null. */
  dipoles: Dipole[] | null = null;
  private status = "";
  private busy = false;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private num(name: string, fallback: number): number {
    const v = Number(this.getAttribute(name));
    return this.hasAttribute(name) && Number.isFinite(v) ? v : fallback;
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has("networkUrl") && this.networkUrl) void this.run();
  }

  /** Fetches the network and simulates it. */
  async run(): Promise<void> {
    if (this.busy || !this.networkUrl) return;
    this.busy = true;
    this.status = "simulating…";
    this.requestUpdate();
    try {
      const response = await fetch(this.networkUrl);
      if (!response.ok) throw new Error(`could not load ${this.networkUrl}: HTTP ${response.status}`);
      const settings = { tstopMs: this.num("tstop", 170), dtMs: 0.025, nTrials: this.num("trials", 1), nJobs: 1 };
      const r = await simulate(await response.text(), settings, this.getAttribute("engine-url") ?? DEFAULT_ENGINE_URL, (f) => {
        this.status = `simulating… ${(f * 100).toFixed(0)} %`;
        this.requestUpdate();
      });
      this.dipoles = r.dipoles;
      this.status = `${settings.tstopMs} ms, ${r.dipoles.length} trial(s) in ${(r.wallMs / 1000).toFixed(2)} s`;
    } catch (e) {
      this.status = `error: ${(e as Error).message}`;
    } finally {
      this.busy = false;
      this.requestUpdate();
    }
  }

  protected override render(): TemplateResult {
    let fig: SVGSVGElement | string = "";
    if (this.dipoles) {
      const shown = this.dipoles.map((d) => d.copy().smooth(this.num("smooth", 30)).scale(this.num("scale", 3000)));
      fig = plotDipole(shown.length > 1 ? [...shown, averageDipoles(shown)] : shown).svg;
    }
    return html`<div class="hnn-dipole-view">${fig}<p role="status">${this.status}
      <button ?disabled=${this.busy} @click=${() => void this.run()}>Run</button></p></div>`;
  }
}

if (!customElements.get("hnn-dipole-view")) customElements.define("hnn-dipole-view", HnnDipoleView);
