/**
 * The package as a web app embeds it: the README's "Embed in a web app" code (read from README.md)
 * and a probe page import `hnn-wasm` and `hnn-wasm/viz` by name (a node_modules/hnn-wasm link to
 * this checkout, so the package.json exports resolve), bundled by esbuild with no option beyond
 * `--bundle --platform=browser`, and run in Chromium from a folder holding only the page and the
 * bundle (engine and worker are inlined). Dipoles and spikes must be Node's, to the bit, for every
 * nJobs; an AbortSignal ends a run; the page's main thread has no long task (> 100 ms) while it simulates.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync, symlinkSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { CHROMIUM_ARGS, SETUP_TIMEOUT_MS, ensureChromium } from "./chromium";
import { serveDir } from "./staticServer";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PAGE_TIMEOUT_MS = 300_000;

/** The README's embed code: the js block after `<!-- embed-test: main.js -->`. */
function readmeSnippet(): string {
  const m = /<!-- embed-test: main\.js -->\n```js\n([\s\S]*?)```/.exec(readFileSync(join(ROOT, "README.md"), "utf8"));
  if (m === null) throw new Error("README.md has no `<!-- embed-test: main.js -->` js block");
  return m[1];
}

/** What the probe page exposes (test-only; the README page is above). */
const PROBE = `import { jones2009Model, simulateDipole } from "hnn-wasm";
window.hnn = { jones2009Model, simulateDipole };`;

/** Records the page's long tasks (start, duration) from its first script on. */
const LONG_TASKS = `window.longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks.push([e.startTime, e.duration]); }).observe({ type: "longtask", buffered: true });`;

interface Trials {
  agg: number[][];
  spikeTimes: number[][];
  spikeGids: number[][];
}

/** The built package in Node (dist/, built by `npm test`): its worker_threads split trials as the page's Web Workers do. */
const api = (await import(new URL("../../dist/index.js", import.meta.url).href)) as typeof import("../../bindings/index");

/** Node's run of the same scenario with the same nJobs (a split trial sums its partitions' dipoles: nJobs matters in the last bits). */
async function nodeTrials(nTrials: number, nJobs: number): Promise<Trials> {
  const net = api.jones2009Model({ addDrivesFromParams: true, meshShape: [3, 3] });
  const dipoles = await api.simulateDipole(net, { tstop: 60, nTrials, nJobs });
  return { agg: dipoles.map((d) => Array.from(d.data.agg)), spikeTimes: net.cellResponse!.spikeTimes, spikeGids: net.cellResponse!.spikeGids };
}

describe("embedded in a web app (esbuild, no options)", () => {
  const dir = mkdtempSync(join(tmpdir(), "hnn-wasm-embed-"));
  let skipReason = "";
  let context: BrowserContext | null = null;
  let close = (): void => {};
  let url = "";

  beforeAll(async () => {
    mkdirSync(join(dir, "src", "node_modules"), { recursive: true });
    symlinkSync(ROOT, join(dir, "src", "node_modules", "hnn-wasm"), "dir");
    writeFileSync(join(dir, "src", "main.js"), readmeSnippet());
    writeFileSync(join(dir, "src", "probe.js"), PROBE);
    mkdirSync(join(dir, "site"));
    await build({ entryPoints: [join(dir, "src", "main.js"), join(dir, "src", "probe.js")], bundle: true, platform: "browser", outdir: join(dir, "site"), logLevel: "silent" });
    for (const page of ["main", "probe"]) writeFileSync(join(dir, "site", `${page}.html`), `<!doctype html><html><body><script src="${page}.js"></script></body></html>`);
    const found = await ensureChromium();
    if ("reason" in found) {
      skipReason = found.reason;
      console.log(`embed test in Chromium skipped: ${skipReason}`);
      return;
    }
    ({ url, close } = await serveDir(join(dir, "site")));
    context = await chromium.launchPersistentContext(join(dir, "profile"), { executablePath: found.path, headless: true, args: CHROMIUM_ARGS });
    await context.addInitScript(LONG_TASKS);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await context?.close();
    close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("bundles with no node: module and nothing to serve besides the bundle", () => {
    expect(readdirSync(join(dir, "site")).sort()).toEqual(["main.html", "main.js", "probe.html", "probe.js"]);
    const bundle = readFileSync(join(dir, "site", "main.js"), "utf8");
    expect(bundle).not.toMatch(/(from|import\()\s*["']node:/);
  });

  async function open(name: string): Promise<Page> {
    const page = await context!.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${url}${name}.html`);
    expect(errors).toEqual([]);
    return page;
  }

  it("the README's code runs in Chromium: Node's dipole and spikes, progress, a figure", async (ctx) => {
    if (context === null) return ctx.skip(skipReason);
    const page = await open("main");
    const got = await page.evaluate(async () => {
      const w = window as unknown as { hnnRun: Promise<{ dipoles: { data: { agg: Float64Array } }[]; cellResponse: { spikeTimes: number[][]; spikeGids: number[][] } }>; longTasks: [number, number][] };
      const r = await w.hnnRun;
      return { agg: r.dipoles.map((d) => Array.from(d.data.agg)), spikeTimes: r.cellResponse.spikeTimes, spikeGids: r.cellResponse.spikeGids, paths: document.querySelectorAll("svg path").length, status: document.querySelector("p")!.textContent };
    }, undefined);
    const want = await nodeTrials(1, 2);
    expect(got.spikeTimes).toEqual(want.spikeTimes);
    expect(got.spikeGids).toEqual(want.spikeGids);
    expect(got.agg).toEqual(want.agg);
    expect(got.paths).toBeGreaterThan(0);
    expect(got.status).toBe("60 of 60 ms");
    await page.close();
  });

  it("every nJobs gives Node's trials with that nJobs bit for bit, in Web Workers", async (ctx) => {
    if (context === null) return ctx.skip(skipReason);
    const page = await open("probe");
    for (const nJobs of [1, 2, 3, 4]) {
      const want = await nodeTrials(2, nJobs);
      const got = await page.evaluate(async (nJobs) => {
        const { hnn } = window as unknown as { hnn: typeof import("../../bindings/index") };
        const net = hnn.jones2009Model({ addDrivesFromParams: true, meshShape: [3, 3] });
        const dipoles = await hnn.simulateDipole(net, { tstop: 60, nTrials: 2, nJobs });
        return { agg: dipoles.map((d) => Array.from(d.data.agg)), spikeTimes: net.cellResponse!.spikeTimes, spikeGids: net.cellResponse!.spikeGids };
      }, nJobs);
      expect(got, `nJobs ${nJobs}`).toEqual(want);
    }
    await page.close();
  });

  it("while the ERP network simulates, the main thread has no task over 100 ms; an AbortSignal ends a run", async (ctx) => {
    if (context === null) return ctx.skip(skipReason);
    const page = await open("probe");
    const r = await page.evaluate(async () => {
      const w = window as unknown as { hnn: typeof import("../../bindings/index"); longTasks: [number, number][] };
      const net = w.hnn.jones2009Model({ addDrivesFromParams: true });
      const t0 = performance.now();
      await w.hnn.simulateDipole(net, { tstop: 40, nJobs: 2 });
      const t1 = performance.now();
      await new Promise((resume) => setTimeout(resume, 100)); // the observer reports after the task
      const during = w.longTasks.filter(([start, d]) => start + d > t0 && start < t1).map(([, d]) => d);
      const controller = new AbortController();
      const abortAt = performance.now();
      const aborted = w.hnn.simulateDipole(net, { tstop: 170, nJobs: 2, signal: controller.signal, onProgress: () => controller.abort() }).then(
        () => "finished",
        (e: Error) => e.name,
      );
      const outcome = await aborted;
      const abortMs = performance.now() - abortAt;
      const [again] = await w.hnn.simulateDipole(net, { tstop: 5, nJobs: 2 }); // the pool regrows
      return { simMs: t1 - t0, longest: Math.max(0, ...during), count: during.length, outcome, abortMs, againSamples: again.times.length };
    });
    console.log(`ERP 10×10, 40 ms, nJobs 2 in Chromium: ${r.simMs.toFixed(0)} ms; longest main-thread task during it ${r.longest.toFixed(0)} ms (${r.count} over 50 ms); aborted after the first window in ${r.abortMs.toFixed(0)} ms`);
    expect(r.longest).toBeLessThan(100);
    expect(r.outcome).toBe("AbortError");
    expect(r.againSamples).toBe(201);
    await page.close();
  });
}, PAGE_TIMEOUT_MS);
