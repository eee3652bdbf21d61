// Bench (c): one jones2009 ERP trial (170 ms, nJobs 1) in Node in-process and in headless Chromium
// (Debian's /usr/bin/chromium driven by playwright-core, the page dist/bench-browser.html served from
// dist/), alternating run by run so that machine load hits both; medians and their ratio.
import { accessSync, constants } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS } from "../test/browser/chromium";
import { serveDir } from "../test/browser/staticServer";
import { timeErpTrial, type ErpTrialTiming } from "./erpTrial";
import { summarize, type Summary } from "./stats";

const CHROMIUM_PATH = "/usr/bin/chromium";

export interface BrowserErpBench {
  browser: string;
  /** Spikes of the trial on each side (equal when both ran the same simulation). */
  spikes: { node: number; chromium: number };
  nodeSeconds: Summary;
  chromiumSeconds: Summary;
  /** Chromium's median over Node's. */
  ratio: number;
}

/** Runs the comparison, or says why it cannot (no Chromium). One untimed warm-up run on each side first. */
export async function benchBrowserErp(root: string, runs: number): Promise<BrowserErpBench | { skipped: string }> {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
  } catch {
    return { skipped: `no ${CHROMIUM_PATH} (install Debian's chromium, e.g. node scripts/ensure-chromium.mjs)` };
  }
  const { url, close } = await serveDir(join(root, "dist"));
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`${url}bench-browser.html`);
    await page.waitForFunction(() => window.hnnBench !== undefined);
    await page.evaluate(() => window.hnnBench!.ready.then(() => undefined));
    const inPage = (): Promise<ErpTrialTiming> => page.evaluate(() => window.hnnBench!.trial());
    await timeErpTrial();
    await inPage();
    const node: ErpTrialTiming[] = [];
    const chrome: ErpTrialTiming[] = [];
    for (let k = 0; k < runs; k++) {
      node.push(await timeErpTrial());
      chrome.push(await inPage());
    }
    const nodeSeconds = summarize(node.map((t) => t.wallMs / 1000));
    const chromiumSeconds = summarize(chrome.map((t) => t.wallMs / 1000));
    return { browser: `Chromium ${browser.version()}`, spikes: { node: node[0].spikes, chromium: chrome[0].spikes }, nodeSeconds, chromiumSeconds, ratio: chromiumSeconds.median / nodeSeconds.median };
  } finally {
    await browser.close();
    close();
  }
}
