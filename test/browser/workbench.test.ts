/**
 * The workbench page (dist/web, served by `hnn-wasm serve`'s server) in Debian's Chromium: runs
 * equal Node's, a weight edit overlays a second run, files by drag-and-drop and picker, RMSE,
 * cancel, a malformed file, screenshots of every tab, and the README's embed snippet.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { jones2009Model, simulateDipole, writeNetworkConfiguration, pickConnection, law2021Model, type Network } from "../../bindings/index";
import { startServer } from "../../bindings/cli/serve";
import { CHROMIUM_ARGS, SETUP_TIMEOUT_MS, ensureChromium, keepShot } from "./chromium";

type Trial = { agg: number[]; L2: number[]; L5: number[]; spikeTimes: number[]; spikeGids: number[] };

/** The built package (dist/, built by `npm test`), whose worker_threads split a trial as the page's Web Workers do. */
const dist = (await import(new URL("../../dist/index.js", import.meta.url).href)) as typeof import("../../bindings/index");

/**
 * Node's run of `net`: one trial, raw dipole and spikes, with the page's Workers (2 by default; a
 * trial split over workers sums its partitions' dipoles, so nJobs matters in the last bits).
 */
async function nodeRun(net: Network, tstopMs: number, nJobs = 2): Promise<Trial> {
  const [d] = await (nJobs > 1 ? dist : { simulateDipole }).simulateDipole(net, { tstop: tstopMs, nTrials: 1, nJobs });
  const cr = net.cellResponse!;
  return { agg: Array.from(d.data.agg), L2: Array.from(d.data.L2!), L5: Array.from(d.data.L5!), spikeTimes: cr.spikeTimes[0], spikeGids: cr.spikeGids[0] };
}

/** The page's run `k` (0-based), trial 0. */
function pageRun(page: Page, k: number): Promise<Trial> {
  return page.evaluate((k) => {
    const wb = document.querySelector("hnn-workbench") as unknown as { runs: { dipoles: { data: Record<string, Float64Array> }[]; response: { spikeTimes: number[][]; spikeGids: number[][] } }[] };
    const r = wb.runs[k]!;
    const d = r.dipoles[0]!.data;
    return { agg: Array.from(d.agg!), L2: Array.from(d.L2!), L5: Array.from(d.L5!), spikeTimes: r.response.spikeTimes[0]!, spikeGids: r.response.spikeGids[0]! };
  }, k);
}

/**
 * The page's simulation alone: the public simulateDipole (the built package, bundled for the page
 * as sim-alone.js) on the workbench's own network JSON and settings, engine loaded beforehand;
 * wall ms of simulateDipole and trial 0's raw agg dipole.
 */
async function pageSimulationAlone(page: Page): Promise<{ wallMs: number; agg: number[] }> {
  await page.addScriptTag({ url: "sim-alone.js", type: "module" });
  await page.waitForFunction(() => "hnnApi" in window);
  return page.evaluate(async () => {
    const m = (window as unknown as { hnnApi: typeof import("../../bindings/index") }).hnnApi;
    const wb = document.querySelector("hnn-workbench") as unknown as { state: { networkJson: string; settings: { tstopMs: number; dtMs: number; nTrials: number; nJobs: number } } };
    const { networkJson, settings } = wb.state;
    await m.loadEngine();
    const net = m.readNetworkConfiguration(networkJson);
    const t0 = performance.now();
    const [d] = await m.simulateDipole(net, { tstop: settings.tstopMs, dt: settings.dtMs, nTrials: settings.nTrials, nJobs: settings.nJobs });
    return { wallMs: performance.now() - t0, agg: Array.from(d!.data.agg) };
  });
}

const nRuns = (page: Page): Promise<number> => page.evaluate(() => (document.querySelector("hnn-workbench") as unknown as { runs: unknown[] }).runs.length);
const status = (page: Page): Promise<string> => page.locator("hnn-workbench .status").innerText();

/** Drops a file on the workbench as a user's drag-and-drop does. */
async function dropFile(page: Page, name: string, text: string): Promise<void> {
  await page.evaluate(({ name, text }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], name, { type: "application/json" }));
    document.querySelector("hnn-workbench")!.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { name, text });
}

async function runAndWait(page: Page, expectedRuns: number): Promise<void> {
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await page.waitForFunction((n) => (document.querySelector("hnn-workbench") as unknown as { runs: unknown[] }).runs.length === n, expectedRuns, { timeout: 300_000 });
}

describe("the workbench page in a browser", () => {
  const dir = mkdtempSync(join(tmpdir(), "hnn-wasm-workbench-"));
  const root = join(dir, "web");
  let skipReason = "";
  let context: BrowserContext | null = null;
  let server: Server | null = null;
  let url = "";
  let page: Page;
  /** Content-Security-Policy violations any page reported (serve.ts sends the policy). */
  const cspViolations: string[] = [];
  const tstopMs = 60;
  const defaultNet = (): Network => jones2009Model({ addDrivesFromParams: true, meshShape: [3, 3] });

  beforeAll(async () => {
    const found = await ensureChromium();
    if ("reason" in found) {
      skipReason = found.reason;
      console.log(`workbench browser test skipped: ${skipReason}`);
      return;
    }
    execFileSync(process.execPath, ["scripts/build-web.mjs"]);
    cpSync("dist/web", root, { recursive: true });
    // The built package's browser entry (engine and worker inlined) for pageSimulationAlone.
    await build({ stdin: { contents: 'import * as api from "./dist/index.js"; window.hnnApi = api;', resolveDir: process.cwd() }, bundle: true, format: "esm", platform: "browser", outfile: join(root, "sim-alone.js"), logLevel: "silent" });
    ({ server, url } = await startServer({ root, port: 0 }));
    context = await chromium.launchPersistentContext(join(dir, "profile"), { executablePath: found.path, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 } });
    await context.exposeFunction("hnnCspViolation", (v: string) => cspViolations.push(v));
    await context.addInitScript(() =>
      document.addEventListener("securitypolicyviolation", (e) => (window as unknown as { hnnCspViolation(v: string): void }).hnnCspViolation(`${e.violatedDirective} ${e.blockedURI}`)),
    );
    page = await context.newPage();
    await page.goto(url);
    await page.getByRole("tab", { name: "Simulation" }).waitFor();
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await context?.close();
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs the default ERP (jones2009 3×3, 60 ms) exactly as Node does", async (ctx) => {
    if (context === null) return ctx.skip(skipReason);
    await page.locator('input[name="tstopMs"]').fill(String(tstopMs));
    await page.locator('input[name="tstopMs"]').press("Enter");
    const t0 = performance.now();
    await runAndWait(page, 1);
    const pageMs = performance.now() - t0;
    const got = await pageRun(page, 0);
    const want = await nodeRun(defaultNet(), tstopMs);
    console.log(`workbench run 1: ${got.spikeTimes.length} spikes (Node ${want.spikeTimes.length}), ${got.agg.length} samples, ${pageMs.toFixed(0)} ms click to result`);
    expect(got).toEqual(want);
    expect(want.spikeTimes.length).toBeGreaterThan(0);
  });

  it("a weight edit gives a second run, overlaid on the first, equal to Node's with that weight", async (ctx) => {
    if (context === null) return ctx.skip(skipReason);
    const net = defaultNet();
    const idx = pickConnection(net, { srcGids: "L2_pyramidal", targetGids: "L5_pyramidal", receptor: "ampa" })[0]!;
    const weightUs = net.connectivity[idx]!.ncDict.A_weight * 4;
    net.connectivity[idx]!.ncDict.A_weight = weightUs;
    await page.getByRole("tab", { name: "Network" }).click();
    const input = page.locator(`input[name="conn-${idx}-weight"]`);
    await input.fill(String(weightUs));
    await input.press("Enter");
    await page.getByRole("tab", { name: "Simulation" }).click();
    // Click → the second run's curve drawn in the dipole figure (its legend names it).
    const t0 = performance.now();
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.locator('figure[data-figure="dipole"] > svg', { hasText: "run 2" }).waitFor({ timeout: 300_000 });
    const onScreenMs = performance.now() - t0;
    const alone = await pageSimulationAlone(page);
    console.log(
      `weight edit → new dipole on screen: ${onScreenMs.toFixed(0)} ms click to figure; simulateDipole alone in the page, same network and settings: ` +
        `${alone.wallMs.toFixed(0)} ms; ratio ${(onScreenMs / alone.wallMs).toFixed(2)} (jones2009 3×3, ${tstopMs} ms, Workers ${await page.locator('input[name="nJobs"]').inputValue()})`,
    );
    const [first, second] = [await pageRun(page, 0), await pageRun(page, 1)];
    const want = await nodeRun(net, tstopMs);
    expect(second).toEqual(want);
    expect(alone.agg).toEqual(want.agg);
    expect(second.agg).not.toEqual(first.agg);
    const legend = await page.locator('figure[data-figure="dipole"] > svg').textContent();
    expect(legend).toContain("run 1");
    expect(legend).toContain("run 2");
  });

  it("loads a dipole data file and shows the RMSE computed in Node", async (ctx) => {
    if (context === null) return ctx.skip(skipReason);
    const run = await pageRun(page, 1);
    // Node: the latest run smoothed (30 ms) and scaled (3000) as the page shows it, and data = that + a ripple.
    const { Dipole } = await import("../../bindings/index");
    const times = await page.evaluate(() => Array.from((document.querySelector("hnn-workbench") as unknown as { runs: { dipoles: { times: Float64Array }[] }[] }).runs[1]!.dipoles[0]!.times));
    const shown = new Dipole(times, { agg: Float64Array.from(run.agg), L2: Float64Array.from(run.L2), L5: Float64Array.from(run.L5) }).smooth(30).scale(3000);
    const data = Array.from(shown.data.agg, (v, i) => v + 50 * Math.sin(times[i]! / 7));
    const text = times.map((t, i) => `${t}\t${data[i]}`).join("\n");
    let sum = 0;
    shown.data.agg.forEach((v, i) => (sum += (v - data[i]!) ** 2));
    const wantRmse = Math.sqrt(sum / data.length);
    const file = join(dir, "data.txt");
    writeFileSync(file, text);
    await page.locator('input[type="file"]').setInputFiles(file);
    const shownRmse = Number(await page.locator('output[name="rmse"]').getAttribute("data-value"));
    console.log(`RMSE page ${shownRmse}, Node ${wantRmse}`);
    expect(shownRmse).toBeCloseTo(wantRmse, 9);
    expect(await page.locator('output[name="rmse"]').innerText()).toBe(wantRmse.toPrecision(6));
  });

  it("cancels a run: no new run, the page keeps working", async (ctx) => {
    if (context === null) return ctx.skip(skipReason);
    await page.locator('input[name="tstopMs"]').fill("2000");
    await page.locator('input[name="tstopMs"]').press("Enter");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => status(page)).toBe("run cancelled");
    expect(await nRuns(page)).toBe(2);
    await page.locator('input[name="tstopMs"]').fill(String(tstopMs));
    await page.locator('input[name="tstopMs"]').press("Enter");
  });

  it("a malformed network file gives a readable message; a good one dropped replaces the network", async (ctx) => {
    if (context === null) return ctx.skip(skipReason);
    await dropFile(page, "broken.json", '{"object_type": "Network", "N_pyr_x": ');
    expect(await page.getByRole("alert").innerText()).toMatch(/^could not read broken\.json: .*JSON/);
    const law = law2021Model({ addDrivesFromParams: true, meshShape: [3, 3] });
    await dropFile(page, "law.json", writeNetworkConfiguration(law));
    expect(await status(page)).toBe(`loaded network law.json: ${law.nGids} gids, ${law.connectivity.length} connections, ${Object.keys(law.externalDrives).length} drives`);
    await runAndWait(page, 3);
    expect(await pageRun(page, 2)).toEqual(await nodeRun(law, tstopMs));
    // The header and the Model select name the same network: the file, then a model chosen again.
    const header = page.locator("hnn-workbench header .source");
    const model = page.locator('select[name="model"]');
    expect(await header.innerText()).toBe("network: law.json");
    expect(await model.inputValue()).toBe("file");
    expect(await model.locator("option:checked").innerText()).toBe("file: law.json");
    await model.selectOption("jones2009");
    expect(await header.innerText()).toBe("network: jones2009 (3×3)");
    expect(await model.inputValue()).toBe("jones2009");
    expect(await model.locator("option", { hasText: "file:" }).count()).toBe(0);
  });

  it("screenshots of every tab at 1280×800 are not blank", async (ctx) => {
    if (context === null) return ctx.skip(skipReason);
    for (const tab of ["Simulation", "Network", "External drives", "Visualization"]) {
      await page.getByRole("tab", { name: tab }).click();
      const png = await page.screenshot();
      const name = `${tab.toLowerCase().replace(" ", "-")}.png`;
      writeFileSync(join(dir, name), png);
      keepShot(name, png);
      const variance = await page.evaluate(async (b64) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement("canvas");
        [c.width, c.height] = [img.width, img.height];
        const g = c.getContext("2d")!;
        g.drawImage(img, 0, 0);
        const px = g.getImageData(0, 0, c.width, c.height).data;
        let s = 0, s2 = 0;
        for (let i = 0; i < px.length; i += 4) { const y = (px[i]! + px[i + 1]! + px[i + 2]!) / 3; s += y; s2 += y * y; }
        const n = px.length / 4;
        return s2 / n - (s / n) ** 2;
      }, png.toString("base64"));
      console.log(`screenshot ${name}: luminance variance ${variance.toFixed(1)}`);
      expect(variance).toBeGreaterThan(100);
      if (tab === "Visualization") {
        // The default 2×2 layout fits the 1280×800 window: no scrolling, every figure inside it.
        const fit = await page.evaluate(() => ({
          scrollHeight: document.documentElement.scrollHeight,
          scrollWidth: document.documentElement.scrollWidth,
          figureBottoms: Array.from(document.querySelectorAll("hnn-workbench .grid figure"), (f) => f.getBoundingClientRect().bottom),
        }));
        console.log(`visualization 2×2 at 1280×800: page ${fit.scrollWidth}×${fit.scrollHeight}, figure bottoms ${fit.figureBottoms.map((b) => b.toFixed(0)).join(", ")} px`);
        expect(fit.figureBottoms).toHaveLength(4);
        expect(fit).toMatchObject({ scrollHeight: 800, scrollWidth: 1280 });
        for (const b of fit.figureBottoms) expect(b).toBeLessThanOrEqual(800);
      }
    }
  });

  it("Visualization: clicking a source cell picks it for the cell connectivity; drive strength, raster + dipole, PSD per layer", async (ctx) => {
    if (context === null) return ctx.skip(skipReason);
    await page.getByRole("tab", { name: "Visualization" }).click();
    const kinds = ["cellConnectivity", "driveStrength", "rasterDipole", "psdLayers"];
    for (const [i, k] of kinds.entries()) await page.locator(`select[name="panel${i}"]`).selectOption(k);
    const net = defaultNet(); // the page's network: jones2009 3×3 chosen again in the test above
    const connIdx = net.connectivity.findIndex((c) => c.srcType in net.cellTypes);
    expect(await page.locator('select[name="panel0-connection"]').inputValue()).toBe(String(connIdx));
    const conn = net.connectivity[connIdx]!;
    const sources = net.populations.gids(conn.srcType).filter((g) => conn.gidPairs.has(g));
    const k = sources.length - 1;
    await page.locator('figure[data-figure="cellConnectivity-1"] g.hnn-source > *').nth(k).click();
    const fig = page.locator('figure[data-figure="cellConnectivity-1"]');
    await expect.poll(() => fig.innerText()).toContain(`Targets (${conn.targetType}) of gid ${sources[k]}`);
    expect(await fig.locator("g.hnn-target > *").count()).toBe(conn.gidPairs.get(sources[k]!)!.length);
    const drives = await page.locator('figure[data-figure="driveStrength-2"]').innerText();
    for (const name of Object.keys(net.externalDrives)) expect(drives).toContain(name);
    expect(await page.locator('figure[data-figure="rasterDipole-3"] > svg').innerHTML()).toMatch(/Raster Plot[\s\S]*L5_pyramidal/);
    expect(await page.locator('figure[data-figure="psdLayers-4"]').innerText()).toContain("PSD per layer");
    const png = await page.screenshot();
    keepShot("visualization-figures.png", png);
  });

  it("saves the whole workbench as a file and loads it back by drag-and-drop: state and runs, bit for bit", async (ctx) => {
    if (context === null) return ctx.skip(skipReason);
    type Snapshot = { state: unknown; runs: { label: string; dipoles: { times: number[]; agg: number[]; L2: number[]; L5: number[] }[]; spikes: unknown[] }[] };
    const snapshot = (): Promise<Snapshot> =>
      page.evaluate(() => {
        const wb = document.querySelector("hnn-workbench") as unknown as {
          state: unknown;
          runs: { label: string; dipoles: { times: Float64Array; data: Record<string, Float64Array> }[]; response: { spikeTimes: unknown; spikeGids: unknown; spikeTypes: unknown } }[];
        };
        return {
          state: wb.state,
          runs: wb.runs.map((r) => ({
            label: r.label,
            dipoles: r.dipoles.map((d) => ({ times: Array.from(d.times), agg: Array.from(d.data.agg!), L2: Array.from(d.data.L2!), L5: Array.from(d.data.L5!) })),
            spikes: [r.response.spikeTimes, r.response.spikeGids, r.response.spikeTypes],
          })),
        };
      });
    const before = await snapshot();
    expect(before.runs.length).toBe(3);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Save workbench" }).click()]);
    expect(download.suggestedFilename()).toBe("hnn-workbench.json");
    const text = readFileSync((await download.path())!, "utf8");
    await page.getByRole("button", { name: "Reset" }).click();
    expect(await nRuns(page)).toBe(0);
    await dropFile(page, "shared.json", text);
    await expect.poll(() => status(page)).toBe("loaded workbench shared.json: network jones2009 (3×3), 3 run(s)");
    expect(await snapshot()).toEqual(before);
    await dropFile(page, "damaged.json", text.replace('"runs":[', '"runs":[{"label":"x"},'));
    await expect.poll(() => status(page)).toBe("could not read damaged.json: run 1 of the workbench file has no dipoles");
    expect(await page.getByRole("alert").count()).toBe(1);
    expect(await snapshot()).toEqual(before);
  });

  it("cell parameters: a bad conductance gets a message next to its field; a good one changes the run as in Node", async (ctx) => {
    if (context === null) return ctx.skip(skipReason);
    await page.getByRole("tab", { name: "Network" }).click();
    await page.getByRole("button", { name: "Cell parameters" }).click();
    await page.locator('select[name="cell-type"]').selectOption("L5_pyramidal");
    await page.locator('select[name="cell-section"]').selectOption("soma");
    const input = page.locator('input[name="L5_pyramidal-soma-gnabar_hh2"]');
    const net = defaultNet();
    const hh2 = net.cellTypes.L5_pyramidal!.cellObject.sections.soma!.mechs.hh2!;
    expect(Number(await input.inputValue())).toBe(hh2.gnabar_hh2);
    await input.fill("-1");
    await input.press("Enter");
    const label = page.locator("label.field", { has: input });
    expect(await label.locator(".field-error").innerText()).toBe("gnabar_hh2 is a conductance density and must be ≥ 0, got -1");
    expect(await input.getAttribute("aria-invalid")).toBe("true");
    keepShot("network-cell-parameters.png", await page.screenshot());
    hh2.gnabar_hh2 = 0.2;
    await input.fill("0.2");
    await input.press("Enter");
    expect(await label.locator(".field-error").count()).toBe(0);
    await page.getByRole("tab", { name: "Simulation" }).click();
    await runAndWait(page, 4);
    const got = await pageRun(page, 3);
    expect(got).toEqual(await nodeRun(net, tstopMs));
    expect(got.agg).not.toEqual((await pageRun(page, 0)).agg);
  });

  it("the README's embed snippet runs: <hnn-dipole-view> shows the dipole Node computes", async (ctx) => {
    if (context === null) return ctx.skip(skipReason);
    const readme = readFileSync("README.md", "utf8");
    const section = readme.slice(readme.indexOf("## Embed the workbench"));
    const snippet = section.match(/```html\n([\s\S]*?)```/)![1]!;
    writeFileSync(join(root, "course.html"), `<!doctype html><html><body>${snippet}</body></html>`);
    const net = defaultNet();
    writeFileSync(join(root, "erp-3x3.json"), writeNetworkConfiguration(net));
    const tstop = Number(snippet.match(/tstop="(\d+)"/)![1]);
    const embed = await context!.newPage();
    await embed.goto(`${url}course.html`);
    await embed.waitForFunction(() => (document.querySelector("hnn-dipole-view") as unknown as { dipoles: unknown }).dipoles !== null, undefined, { timeout: 300_000 });
    const agg = await embed.evaluate(() => Array.from((document.querySelector("hnn-dipole-view") as unknown as { dipoles: { data: { agg: Float64Array } }[] }).dipoles[0]!.data.agg));
    expect(agg).toEqual((await nodeRun(net, tstop, 1)).agg); // <hnn-dipole-view> runs one worker
    expect(await embed.locator("hnn-dipole-view svg path").count()).toBeGreaterThan(0);
    expect(await embed.locator("hnn-workbench nav [role=tab]").count()).toBe(5);
    await embed.close();
  });

  it("did all of the above under the served Content-Security-Policy, with no violation", async (ctx) => {
    if (context === null) return ctx.skip(skipReason);
    const response = await page.request.get(url);
    expect(response.headers()["content-security-policy"]).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
    expect(cspViolations).toEqual([]);
  });
});
