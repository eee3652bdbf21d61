/**
 * Determinism as a promise (README "Speed"): the same network and seeds give the same dipoles and
 * spikes, to the bit, for nJobs 1, 2 and 4, with trials split across workers or not, in Node
 * (this thread and worker_threads) and in Chromium (Web Workers), run after run. Also the
 * latency of an AbortSignal on a page. Node's side uses the bundle (dist/, built by `npm test`),
 * and the page a bundle of it (engine and worker inlined).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import * as inThread from "../../bindings/index";
import { CHROMIUM_ARGS, SETUP_TIMEOUT_MS, ensureChromium } from "./chromium";
import { serveDir } from "./staticServer";

type Api = typeof inThread;
const DIST = fileURLToPath(new URL("../../dist/index.js", import.meta.url));
const pooled = (await import(new URL("../../dist/index.js", import.meta.url).href)) as Api;

/** How each run is spread: trials on their own or split (splitTrials true: nJobs / nTrials workers per trial). */
const CONFIGS: Pick<inThread.SimulateDipoleOptions, "nTrials" | "nJobs" | "splitTrials">[] = [
  { nTrials: 2, nJobs: 1 },
  { nTrials: 2, nJobs: 2, splitTrials: false },
  { nTrials: 2, nJobs: 4, splitTrials: true },
  { nTrials: 1, nJobs: 2, splitTrials: true },
  { nTrials: 1, nJobs: 4, splitTrials: true },
];
const RUNS = 2;

/** Each trial's agg/L2/L5 dipoles and spike times and gids, every number as its 8 bytes in hex. */
type Outputs = string[][];

/**
 * Runs jones2009 3×3 for 60 ms with `config` and returns its outputs as bits. Self-contained: it
 * is also sent to the page as text (page.evaluate) and run there on the page's `window.hnn`.
 */
async function runAsBits(hnn: Api, config: (typeof CONFIGS)[number]): Promise<Outputs> {
  const bits = (xs: ArrayLike<number>): string => Array.from(new Uint8Array(Float64Array.from(xs).buffer), (b) => b.toString(16).padStart(2, "0")).join("");
  const net = hnn.jones2009Model({ addDrivesFromParams: true, meshShape: [3, 3] });
  const dipoles = await hnn.simulateDipole(net, { tstop: 60, ...config });
  const r = net.cellResponse!;
  return dipoles.map((d, t) => [bits(d.data.agg), bits(d.data.L2!), bits(d.data.L5!), bits(r.spikeTimes[t]), bits(r.spikeGids[t])]);
}

describe("determinism: the same outputs to the bit for every nJobs and split, in Node and Chromium", () => {
  const dir = mkdtempSync(join(tmpdir(), "hnn-wasm-determinism-"));
  let skipReason = "";
  let context: BrowserContext | null = null;
  let page: Page | null = null;
  let close = (): void => {};

  beforeAll(async () => {
    writeFileSync(join(dir, "probe.js"), `import * as hnn from ${JSON.stringify(DIST)};\nwindow.hnn = hnn;\n`);
    mkdirSync(join(dir, "site"));
    await build({ entryPoints: [join(dir, "probe.js")], bundle: true, platform: "browser", outdir: join(dir, "site"), logLevel: "silent" });
    writeFileSync(join(dir, "site", "index.html"), `<!doctype html><html><body><script src="probe.js"></script></body></html>`);
    const found = await ensureChromium();
    if ("reason" in found) {
      skipReason = found.reason;
      console.log(`determinism in Chromium skipped: ${skipReason}`);
      return;
    }
    let url: string;
    ({ url, close } = await serveDir(join(dir, "site")));
    context = await chromium.launchPersistentContext(join(dir, "profile"), { executablePath: found.path, headless: true, args: CHROMIUM_ARGS });
    page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => "hnn" in window);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await context?.close();
    close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("nJobs 1, 2, 4, trials split or not: Node's this-thread run, in Node and Chromium, run after run", async () => {
    const want = await runAsBits(inThread, { nTrials: 2, nJobs: 1 });
    expect(want[0][3].length).toBeGreaterThan(16 * 50); // spikes to compare (more than 50)
    let compared = 0;
    for (let run = 0; run < RUNS; run++) {
      for (const config of CONFIGS) {
        const where = `${JSON.stringify(config)}, run ${run + 1}`;
        expect(await runAsBits(pooled, config), `Node ${where}`).toEqual(want.slice(0, config.nTrials));
        compared++;
        if (page === null) continue;
        const fn = `(${runAsBits.toString()})(window.hnn, ${JSON.stringify(config)})`;
        expect(await page.evaluate(fn), `Chromium ${where}`).toEqual(want.slice(0, config.nTrials));
        compared++;
      }
    }
    console.log(`determinism: ${compared} runs (${page === null ? `Node only; Chromium skipped: ${skipReason}` : "Node and Chromium"}) equal this thread's to the bit`);
  });

  it("an AbortSignal stops a run on a page within 100 ms, and the next run works", async (ctx) => {
    if (page === null) return ctx.skip(skipReason);
    for (const nJobs of [1, 2]) {
      const r = await page.evaluate(async (nJobs) => {
        const { hnn } = window as unknown as { hnn: Api };
        const controller = new AbortController();
        let dueAt = Infinity;
        const onProgress = (): void => {
          if (dueAt !== Infinity) return;
          dueAt = performance.now() + 50;
          setTimeout(() => controller.abort(), 50);
        };
        const net = hnn.jones2009Model({ addDrivesFromParams: true });
        const outcome = await hnn.simulateDipole(net, { tstop: 170, nJobs, splitTrials: true, signal: controller.signal, onProgress }).then(() => "finished", (e: Error) => e.name);
        const latencyMs = performance.now() - dueAt;
        const [again] = await hnn.simulateDipole(hnn.jones2009Model({ addDrivesFromParams: true, meshShape: [3, 3] }), { tstop: 10, nJobs });
        return { outcome, latencyMs, samples: again.times.length };
      }, nJobs);
      console.log(`abort latency in Chromium, nJobs ${nJobs}: ${r.latencyMs.toFixed(1)} ms`);
      expect(r.outcome).toBe("AbortError");
      expect(r.latencyMs).toBeLessThan(100);
      expect(r.samples).toBe(401);
    }
  });
}, 600_000);
