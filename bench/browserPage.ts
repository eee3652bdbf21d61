// The page bench/browser.ts opens in Chromium (bundled by scripts/bundle.mjs into
// dist/bench-browser.js): loads the inlined engine and exposes the timed ERP trial.
import { loadEngine } from "../bindings/index";
import { timeErpTrial, type ErpTrialTiming } from "./erpTrial";

declare global {
  interface Window {
    hnnBench?: { ready: Promise<unknown>; trial: () => Promise<ErpTrialTiming> };
  }
}

window.hnnBench = { ready: loadEngine(), trial: timeErpTrial };
