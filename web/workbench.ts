/**
 * `<hnn-workbench>`: hnn-core's GUI in a page (tabs Simulation, Network, External drives,
 * Visualization, Optimization). Attributes: `engine-url` (engine.wasm; default next to this script) and
 * `network-url` (an hnn-core network JSON to start from instead of the saved or default state).
 * The runs are readable as `element.runs` (raw dipoles and spikes per run).
 */
import { LitElement, html, type TemplateResult } from "lit";
import { readNetworkConfiguration, readParams, jones2009Model, parseDipoleText, writeNetworkConfiguration, type Network } from "../bindings/index";
import { simulate, RunCancelled } from "./sim/simulate";
import { buildModel, clearSaved, defaultState, loadSaved, modelLabel, save, type FigureKind, type ModelChoice, type SavedState, type Settings } from "./state";
import { dipoleRmse, download, fileKind } from "./files";
import { readSession, writeSession } from "./session";
import { FigureCache, runAverage, type CellPick, type DataFile, type Run } from "./figures";
import { simulationTab } from "./tabs/simulation";
import { networkTab } from "./tabs/network";
import { drivesTab } from "./tabs/drives";
import { visualizationTab } from "./tabs/visualization";
import { optimizationTab } from "./tabs/optimization";
import { FitSession } from "./optim/fitSession";
import { driveSpecs, type DriveSpec } from "./drives";
import { STYLES } from "./styles";
import type { Figure } from "../bindings/viz/index";

const TABS = { simulation: "Simulation", network: "Network", drives: "External drives", visualization: "Visualization", optimization: "Optimization" } as const;
type TabName = keyof typeof TABS;

/** The engine next to this script (the page's build copies engine.wasm beside app.js). */
export const DEFAULT_ENGINE_URL = new URL("./engine.wasm", import.meta.url).href;

export class HnnWorkbench extends LitElement {
  /** Saved part of the state (network JSON, settings, layout). */
  state: SavedState = loadSaved(globalThis.localStorage) ?? defaultState();
  /** The network being edited (read from `state.networkJson`). */
  net: Network = readNetworkConfiguration(this.state.networkJson);
  /** Runs kept side by side, oldest first. */
  runs: Run[] = [];
  data: DataFile | null = null;
  tab: TabName = "simulation";
  /** Fraction done of the running simulation, or null when none runs. */
  progress: number | null = null;
  /** Status line: what happened last (errors are role=alert). */
  message: { text: string; error: boolean } | null = null;
  /** Drive specs being edited and the last error of applying them. */
  driveDraft: DriveSpec[] = driveSpecs(this.net);
  driveError: { name: string; message: string } | null = null;
  /** The cell-connectivity figure's connection and source cell (a click on a source picks it). */
  cellPick: CellPick = { connIdx: 0, srcGid: null };
  /** The Optimization tab's choices, running fit and results. */
  readonly fit = new FitSession();
  private controller: AbortController | null = null;
  private readonly figures = new FigureCache();

  protected override createRenderRoot(): HTMLElement {
    return this; // light DOM: the page's styles and tests reach the controls
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener("dragover", (e) => e.preventDefault());
    this.addEventListener("drop", (e) => {
      e.preventDefault();
      const file = e.dataTransfer?.files[0];
      if (file) void this.openFile(file);
    });
    const url = this.getAttribute("network-url");
    if (url) void this.openUrl(url);
  }

  get engineUrl(): string {
    return this.getAttribute("engine-url") ?? DEFAULT_ENGINE_URL;
  }

  /**
   * The figure of `kind` shown at `slot` from the current network, runs, data and settings; drawn
   * again only when one of them changed. Throws the viz functions' errors.
   */
  figure(slot: string, kind: FigureKind): Figure | string {
    return this.figures.get(slot, kind, { net: this.net, networkJson: this.state.networkJson, runs: this.runs, data: this.data, settings: this.state.settings, pick: this.cellPick });
  }

  /** Shows a status line (and re-renders). */
  say(text: string, error = false): void {
    this.message = { text, error };
    this.requestUpdate();
  }

  /** Replaces the network and saves. */
  setNetwork(net: Network, source: string): void {
    this.net = net;
    this.state = { ...this.state, networkJson: writeNetworkConfiguration(net), networkSource: source };
    this.driveDraft = driveSpecs(net);
    this.driveError = null;
    this.persist();
  }

  /** Saves after an in-place edit of `net` (connections, biases). */
  networkEdited(): void {
    this.setNetwork(this.net, this.state.networkSource);
  }

  updateSettings(patch: Partial<Settings>): void {
    this.state = { ...this.state, settings: { ...this.state.settings, ...patch } };
    this.persist();
  }

  updateState(patch: Partial<SavedState>): void {
    this.state = { ...this.state, ...patch };
    this.persist();
  }

  persist(): void {
    const err = save(globalThis.localStorage, this.state);
    if (err) this.say(err, true);
    this.requestUpdate();
  }

  /** A fresh network of the model chosen in the Simulation tab (or of `c`, which becomes the choice); edits are lost. */
  newNetwork(c: ModelChoice = this.state.choice): void {
    try {
      const net = buildModel(c);
      this.state = { ...this.state, choice: c };
      this.setNetwork(net, modelLabel(c));
      this.say(`new ${c.model} network, ${this.net.nGids} gids`);
    } catch (e) {
      this.say(`could not make the network: ${(e as Error).message}`, true);
    }
  }

  /** Back to hnn-core GUI's default network and settings; forgets runs and saved state. */
  reset(): void {
    clearSaved(globalThis.localStorage);
    this.state = defaultState();
    this.runs = [];
    this.data = null;
    this.setNetwork(readNetworkConfiguration(this.state.networkJson), this.state.networkSource);
    this.say("reset to the default network");
  }

  async run(): Promise<void> {
    if (this.controller || this.fit.running) return;
    this.controller = new AbortController();
    this.progress = 0;
    this.say("simulating…");
    try {
      const r = await simulate(this.state.networkJson, this.state.settings, this.engineUrl, (f) => {
        this.progress = f;
        this.requestUpdate();
      }, this.controller.signal);
      const n = r.response.spikeTimes.reduce((s, t) => s + t.length, 0);
      this.runs = [...this.runs, { label: `run ${this.runs.length + 1}`, ...r }];
      this.say(`run ${this.runs.length}: ${r.dipoles.length} trial(s), ${n} spikes, ${(r.wallMs / 1000).toFixed(2)} s`);
    } catch (e) {
      if (e instanceof RunCancelled) this.say("run cancelled");
      else this.say(`the simulation failed: ${(e as Error).message}`, true);
    } finally {
      this.controller = null;
      this.progress = null;
      this.requestUpdate();
    }
  }

  cancel(): void {
    this.controller?.abort();
  }

  clearRuns(): void {
    this.runs = [];
    this.requestUpdate();
  }

  /** RMSE of the latest run's processed average against the data, or null. */
  rmse(): number | null {
    const last = this.runs[this.runs.length - 1];
    if (!last || !this.data) return null;
    try {
      return dipoleRmse(runAverage(last, this.state.settings), this.data.dipole);
    } catch {
      return null;
    }
  }

  async openFile(file: File): Promise<void> {
    await this.openText(file.name, await file.text());
  }

  private async openUrl(url: string): Promise<void> {
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      await this.openText(url.split("/").pop() || url, await response.text());
    } catch (e) {
      this.say(`could not load ${url}: ${(e as Error).message}`, true);
    }
  }

  /** The whole workbench (state and kept runs) as a file download. */
  saveSession(): void {
    download("hnn-workbench.json", writeSession(this.state, this.runs), "application/json");
  }

  /** Reads a workbench file, a network JSON, legacy params or dipole data; a bad file gives a message, nothing else changes. */
  async openText(name: string, text: string): Promise<void> {
    const kind = fileKind(name);
    try {
      const session = kind === "network" ? readSession(text) : null;
      if (session) {
        this.net = readNetworkConfiguration(session.state.networkJson);
        this.state = session.state;
        this.runs = session.runs;
        this.driveDraft = driveSpecs(this.net);
        this.persist();
        this.say(`loaded workbench ${name}: network ${this.state.networkSource}, ${this.runs.length} run(s)`);
      } else if (kind === "network") {
        this.setNetwork(readNetworkConfiguration(text), name);
        this.say(`loaded network ${name}: ${this.net.nGids} gids, ${this.net.connectivity.length} connections, ${Object.keys(this.net.externalDrives).length} drives`);
      } else if (kind === "params") {
        this.setNetwork(jones2009Model({ params: readParams(text, name), addDrivesFromParams: true }), name);
        this.say(`loaded parameters ${name}`);
      } else if (kind === "data") {
        this.data = { name, dipole: parseDipoleText(text) };
        this.say(`loaded data ${name}: ${this.data.dipole.times.length} samples`);
      } else {
        this.say(`${name}: unknown file type; open an hnn-core network (.json), parameters (.param) or dipole data (.txt, .csv)`, true);
      }
    } catch (e) {
      this.say(`could not read ${name}: ${(e as Error).message}`, true);
    }
  }

  protected override render(): TemplateResult {
    const tabs = Object.entries(TABS) as [TabName, string][];
    const body = { simulation: simulationTab, network: networkTab, drives: drivesTab, visualization: visualizationTab, optimization: optimizationTab }[this.tab](this);
    return html`<style>${STYLES}</style>
      <div class="hnn-wb">
        <header>
          <strong>HNN workbench</strong>
          <span class="source">network: ${this.state.networkSource}</span>
          <label class="button">Open file…<input type="file" accept=".json,.param,.txt,.csv" aria-label="Open a workbench, network, parameters or data file"
            @change=${(e: Event) => { const f = (e.target as HTMLInputElement).files?.[0]; if (f) void this.openFile(f); }} hidden /></label>
          <button @click=${() => this.saveSession()}>Save workbench</button>
          <button @click=${() => this.reset()}>Reset</button>
        </header>
        <nav role="tablist" aria-label="Workbench sections">
          ${tabs.map(([id, label]) => html`<button role="tab" id="tab-${id}" aria-selected=${this.tab === id} aria-controls="panel"
            @click=${() => { this.tab = id; this.requestUpdate(); }}>${label}</button>`)}
        </nav>
        <p class="status ${this.message?.error ? "error" : ""}" role=${this.message?.error ? "alert" : "status"}>${this.message?.text ?? "drop a workbench or network file (.json), parameters (.param) or dipole data (.txt/.csv) anywhere here"}</p>
        <section id="panel" role="tabpanel" aria-labelledby="tab-${this.tab}">${body}</section>
      </div>`;
  }
}

if (!customElements.get("hnn-workbench")) customElements.define("hnn-workbench", HnnWorkbench);
