/**
 * The workbench's Optimization tab in Debian's Chromium, on jones2009 3×3 with a short tstop: a run
 * of the network is the target, evprox1's mu is moved away from it and fitted back (CMA-ES, two
 * generations of six). The page's fit must equal the public Optimizer run in Node on the same inputs, the
 * progress and the convergence figure must follow it, the fitted dipole must be the best
 * evaluation's, Apply must put the fitted mu into the External drives tab, Cancel must stop a
 * long fit and leave the page working, and a loaded dipole file must be the target as it is. Screenshots are kept (see chromium.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { startServer } from "../../bindings/cli/serve";
import { CHROMIUM_ARGS, SETUP_TIMEOUT_MS, ensureChromium, keepShot } from "./chromium";

/** The built package (dist/): its worker_threads split a trial as the page's Web Workers do, so the dipoles agree to the bit. */
const dist = (await import(new URL("../../dist/index.js", import.meta.url).href)) as typeof import("../../bindings/index");

/** The page's fit state and runs, as plain data. */
interface PageFit {
  running: boolean;
  history: number[];
  params: Record<string, number> | null;
  runLabels: string[];
  /** The fitted run's raw trial-0 dipole. */
  fitted: { times: number[]; agg: number[]; L2: number[]; L5: number[] } | null;
}

function pageFit(page: Page): Promise<PageFit> {
  return page.evaluate(() => {
    type D = { times: Float64Array; data: Record<string, Float64Array> };
    const wb = document.querySelector("hnn-workbench") as unknown as {
      fit: { running: boolean; history: number[]; result: { params: Record<string, number>; run: { dipoles: D[] } } | null };
      runs: { label: string }[];
    };
    const d = wb.fit.result?.run.dipoles[0];
    return {
      running: wb.fit.running,
      history: wb.fit.history,
      params: wb.fit.result?.params ?? null,
      runLabels: wb.runs.map((r) => r.label),
      fitted: d ? { times: Array.from(d.times), agg: Array.from(d.data.agg!), L2: Array.from(d.data.L2!), L5: Array.from(d.data.L5!) } : null,
    };
  });
}

/** Vertices of the convergence figure's line (one per iteration shown). */
async function convergencePoints(page: Page): Promise<number> {
  const d = await page.locator('figure[data-figure="convergence"] .hnn-convergence-line path').getAttribute("d");
  return (d ?? "").match(/[ML]/g)?.length ?? 0;
}

const status = (page: Page): Promise<string> => page.locator("hnn-workbench .status").innerText();

async function setNumber(page: Page, name: string, value: number): Promise<void> {
  const input = page.locator(`input[name="${name}"]`);
  await input.fill(String(value));
  await input.press("Enter");
}

describe("the workbench's Optimization tab in a browser", () => {
  const dir = mkdtempSync(join(tmpdir(), "hnn-wasm-optimization-"));
  let skipReason = "";
  let context: BrowserContext | null = null;
  let server: Server | null = null;
  let page: Page;
  const tstopMs = 40;
  const trueMuMs = 26.61;
  const startMuMs = 20;
  /** CMA-ES generations and candidates per generation. */
  const maxIter = 2;
  const popsize = 6;

  beforeAll(async () => {
    const found = await ensureChromium();
    if ("reason" in found) {
      skipReason = found.reason;
      console.log(`optimization browser test skipped: ${skipReason}`);
      return;
    }
    execFileSync(process.execPath, ["scripts/build-web.mjs"]);
    const root = join(dir, "web");
    cpSync("dist/web", root, { recursive: true });
    let url;
    ({ server, url } = await startServer({ root, port: 0 }));
    context = await chromium.launchPersistentContext(join(dir, "profile"), { executablePath: found.path, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    await page.goto(url);
    await page.getByRole("tab", { name: "Simulation" }).waitFor();
    // The target: a run of the default network (jones2009 3×3, its ERP drives; evprox1 at mu 26.61 ms).
    await setNumber(page, "tstopMs", tstopMs);
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.waitForFunction(() => (document.querySelector("hnn-workbench") as unknown as { runs: unknown[] }).runs.length === 1, undefined, { timeout: 300_000 });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await context?.close();
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("fits evprox1's mu back towards the run's (CMA-ES): progress, convergence, the same fit as Node's Optimizer, the fitted dipole against the target", async (ctx) => {
    if (context === null) return ctx.skip(skipReason);
    await page.getByRole("tab", { name: "External drives" }).click();
    expect(Number(await page.locator('input[name="evprox1-mu"]').inputValue())).toBe(trueMuMs);
    await setNumber(page, "evprox1-mu", startMuMs);
    await page.getByRole("button", { name: "Apply drives" }).click();

    await page.getByRole("tab", { name: "Optimization" }).click();
    expect(await page.locator('select[name="optTarget"]').inputValue()).toBe("run:0");
    const row = page.locator('tr[data-path="drives.evprox1.mu"]');
    expect(await row.innerText()).toContain("10 – 30"); // hnn-core GUI's default range: 50 % to 150 % of the value
    await page.locator('input[name="fit-drives.evprox1.mu"]').check();
    await page.locator('select[name="optSolver"]').selectOption("cma");
    await setNumber(page, "optMaxIter", maxIter);
    await setNumber(page, "optPopsize", popsize);

    await page.getByRole("button", { name: "Run optimization" }).click();
    const progress = page.locator('output[name="optProgress"]');
    await expect.poll(() => status(page), { timeout: 600_000 }).toMatch(/^optimization (done|failed)|^the optimization failed/);
    expect(await status(page)).toMatch(new RegExp(`^optimization done: ${maxIter * popsize} simulations, best dipole_rmse `));
    const fit = await pageFit(page);
    expect(fit.running).toBe(false);
    expect(await progress.innerText()).toMatch(new RegExp(`^iteration ${maxIter} of at most ${maxIter} · ${maxIter * popsize} simulations · best dipole_rmse `));
    expect(await convergencePoints(page)).toBe(fit.history.length);

    // Node: the public Optimizer on the page's network (the drives as the External drives tab rebuilt
    // them, mu 20 ms), the same target (the default network's run, smoothed 30 ms and scaled ×3000
    // as the page shows it) and the same choices.
    const truth = dist.jones2009Model({ addDrivesFromParams: true, meshShape: [3, 3] });
    const [trueDpl] = await dist.simulateDipole(truth, { tstop: tstopMs, nTrials: 1, nJobs: 2 });
    const target = trueDpl!.copy().smooth(30).scale(3000);
    const start = dist.readNetworkConfiguration(await page.evaluate(() => (document.querySelector("hnn-workbench") as unknown as { state: { networkJson: string } }).state.networkJson));
    const opt = new dist.Optimizer(start, {
      tstop: tstopMs, constraints: { "drives.evprox1.mu": [10, 30] }, initialParams: { "drives.evprox1.mu": startMuMs }, setParams: dist.setParamPaths, solver: "cma", objFun: "dipole_rmse", maxIter,
    });
    const nodeBest: number[] = [];
    await opt.fit({ target, nTrials: 1, scaleFactor: 3000, smoothWindowLen: 30, dt: 0.025, nJobs: 2, popsize, sigma0: 0.25, seed: 123, onProgress: (p) => nodeBest.push(p.bestObjective) });
    console.log(`page fit: mu ${startMuMs} → ${fit.params!["drives.evprox1.mu"]} ms (true ${trueMuMs}); best RMSE per iteration ${fit.history.map((v) => v.toPrecision(5)).join(", ")}; Node: mu ${opt.optParams_![0]}, best per iteration ${nodeBest.map((v) => v.toPrecision(5)).join(", ")}`);
    expect(fit.params).toEqual({ "drives.evprox1.mu": opt.optParams_![0] });
    expect(fit.history).toEqual(nodeBest);
    expect(nodeBest).toHaveLength(maxIter);
    expect(Math.abs(fit.params!["drives.evprox1.mu"]! - trueMuMs)).toBeLessThan(Math.abs(startMuMs - trueMuMs));

    // The fitted run is the best evaluation: its objective is the best one (to the last bits: CMA-ES
    // simulates a candidate in one worker, the run splits its cells over the page's two Workers and
    // sums their dipoles); drawn against the target.
    expect(fit.runLabels).toEqual(["run 1", "optimized 1"]);
    const fitted = new dist.Dipole(Float64Array.from(fit.fitted!.times), { agg: Float64Array.from(fit.fitted!.agg), L2: Float64Array.from(fit.fitted!.L2), L5: Float64Array.from(fit.fitted!.L5) });
    const fittedRmse = dist.dipoleRmse([fitted], target, { tstop: tstopMs, scaleFactor: 3000, smoothWindowLen: 30 });
    expect(Math.abs(fittedRmse - nodeBest.at(-1)!) / nodeBest.at(-1)!).toBeLessThan(1e-12);
    const comparison = await page.locator('figure[data-figure="fitted-dipole"]').innerText();
    expect(comparison).toContain("optimized 1");
    expect(comparison).toContain("target: run 1");
    expect(await row.locator("td.fitted").innerText()).toBe(String(Number(fit.params!["drives.evprox1.mu"]!.toPrecision(6))));
    keepShot("optimization-done.png", await page.screenshot());
    const [saved] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Save optimization history" }).click()]);
    const history = readFileSync((await saved.path())!, "utf8");
    const fittedMu = fit.params!["drives.evprox1.mu"]!;
    expect(history).toContain(`Solver: cma\nObjective Function: dipole_rmse\nMax Iterations: ${maxIter}\nTarget Dataset: run 1\nNumber of Trials: 1\n`);
    expect(history).toContain(`${"drives.evprox1.mu".padEnd(40)} ${startMuMs.toFixed(6).padStart(15)} ${fittedMu.toFixed(6).padStart(15)} ${("+" + (fittedMu - startMuMs).toFixed(6)).padStart(15)}`);

    // Apply: the network gets the fitted mu; the External drives tab shows it.
    await page.getByRole("button", { name: "Apply fitted values" }).click();
    expect(await status(page)).toBe(`applied: drives.evprox1.mu = ${fit.params!["drives.evprox1.mu"]!.toPrecision(6)}`);
    await page.getByRole("tab", { name: "External drives" }).click();
    expect(Number(await page.locator('input[name="evprox1-mu"]').inputValue())).toBe(fit.params!["drives.evprox1.mu"]);
    keepShot("optimization-applied-drives.png", await page.screenshot());
  });

  it("Cancel stops a long fit (no result, no new run); the page answers during the fit and works after it", async (ctx) => {
    if (context === null) return ctx.skip(skipReason);
    await page.getByRole("tab", { name: "Optimization" }).click();
    await page.locator('select[name="optSolver"]').selectOption("bayesian"); // runs all its iterations (COBYLA and CMA-ES may converge early)
    await setNumber(page, "optMaxIter", 200);
    await page.evaluate(() => {
      const w = window as unknown as { longTasksMs: number[] };
      w.longTasksMs = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasksMs.push(e.duration))).observe({ type: "longtask" });
    });
    const runsBefore = (await pageFit(page)).runLabels;
    await page.getByRole("button", { name: "Run optimization" }).click();
    const progress = page.locator('output[name="optProgress"]');
    // The convergence line grows while the fit runs (one vertex per iteration; checked exactly once it stops).
    await expect.poll(() => convergencePoints(page), { timeout: 300_000 }).toBeGreaterThanOrEqual(2);
    keepShot("optimization-running.png", await page.screenshot());
    // While it runs: another tab opens and the Optimization tab comes back with its progress.
    const t0 = performance.now();
    await page.getByRole("tab", { name: "Network" }).click();
    await page.locator('section[aria-labelledby="tab-network"]').waitFor();
    await page.getByRole("tab", { name: "Optimization" }).click();
    const switchMs = performance.now() - t0;
    expect((await pageFit(page)).running).toBe(true);
    await page.getByRole("button", { name: "Cancel optimization" }).click();
    await expect.poll(() => status(page), { timeout: 120_000 }).toBe("optimization cancelled");
    const after = await pageFit(page);
    const longTasks = await page.evaluate(() => (window as unknown as { longTasksMs: number[] }).longTasksMs);
    console.log(`cancelled after iteration ${await progress.getAttribute("data-iteration")}; two tab switches during the fit: ${switchMs.toFixed(0)} ms; main-thread tasks over 50 ms: ${longTasks.length}, longest ${Math.max(0, ...longTasks).toFixed(0)} ms`);
    expect(after).toMatchObject({ running: false, params: null, runLabels: runsBefore });
    expect(await convergencePoints(page)).toBe(after.history.length);
    expect(Math.max(0, ...longTasks)).toBeLessThan(500); // the solver's steps between simulations are short
    expect(await page.getByRole("button", { name: "Run optimization" }).isEnabled()).toBe(true);
    keepShot("optimization-cancelled.png", await page.screenshot());
  });

  it("a dipole file loaded as the target is fitted as it is: the first evaluation's RMSE is Node's against that file", async (ctx) => {
    if (context === null) return ctx.skip(skipReason);
    // The data: the default network's dipole, smoothed and scaled, plus a ripple.
    const [d] = await dist.simulateDipole(dist.jones2009Model({ addDrivesFromParams: true, meshShape: [3, 3] }), { tstop: tstopMs, nTrials: 1, nJobs: 2 });
    const shown = d!.copy().smooth(30).scale(3000);
    const times = Array.from(shown.times);
    const agg = Array.from(shown.data.agg, (v, i) => v + 0.3 * Math.sin(times[i]! / 3));
    const file = join(dir, "erp.txt");
    writeFileSync(file, times.map((t, i) => `${t}\t${agg[i]}`).join("\n"));
    await page.locator('input[aria-label="Load target dipole data"]').setInputFiles(file);
    await expect.poll(() => page.locator('select[name="optTarget"]').inputValue()).toBe("data");
    expect(await page.locator('select[name="optTarget"] option:checked').innerText()).toBe("data: erp.txt");
    await page.locator('select[name="optSolver"]').selectOption("cobyla");
    await setNumber(page, "optMaxIter", 2);
    await page.getByRole("button", { name: "Run optimization" }).click();
    await expect.poll(() => status(page), { timeout: 300_000 }).toMatch(/^optimization done: 2 simulations/);
    // Node: COBYLA's first evaluation is the page's network as it is (mu as applied above).
    const net = dist.readNetworkConfiguration(await page.evaluate(() => (document.querySelector("hnn-workbench") as unknown as { state: { networkJson: string } }).state.networkJson));
    const dpls = await dist.simulateDipole(net, { tstop: tstopMs, nTrials: 1, nJobs: 2 });
    const data = new dist.Dipole(Float64Array.from(times), { agg: Float64Array.from(agg) });
    const want = dist.dipoleRmse(dpls, data, { tstop: tstopMs, scaleFactor: 3000, smoothWindowLen: 30 });
    const fit = await pageFit(page);
    console.log(`fit against erp.txt: first RMSE ${fit.history[0]} (Node ${want}), best ${fit.history.at(-1)}`);
    expect(fit.history[0]).toBe(want);
    expect(await page.locator('figure[data-figure="fitted-dipole"]').innerText()).toContain("target: data: erp.txt");
  });
});
