/**
 * The package in a real browser (headless Chromium, when installed: Debian's `chromium`): the page
 * bundles the public API for the browser, fetches the engine from a URL, simulates a 3×3 network
 * for 30 ms and draws a figure. The spikes must equal the same simulation in Node.
 * Skipped where no Chromium is installed (CI); browser support is not claimed beyond this.
 */
import { describe, expect, it } from "vitest";
import { execSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, extname } from "node:path";
import { build } from "esbuild";
import { jones2009Model, simulateDipole } from "../../bindings/index";

function findChromium(): string | null {
  for (const name of ["chromium", "chromium-browser"]) {
    try {
      return execSync(`command -v ${name}`, { encoding: "utf8" }).trim() || null;
    } catch {
      /* not installed under this name */
    }
  }
  return null;
}
const chromium = findChromium();
const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };

describe("in a browser", () => {
  it.skipIf(chromium === null)("loads the engine from a URL, simulates and draws like Node", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hnn-wasm-browser-"));
    await build({ entryPoints: [new URL("./page.ts", import.meta.url).pathname], bundle: true, format: "esm", platform: "browser", outfile: join(dir, "page.js"), external: ["node:*"], logLevel: "silent" });
    copyFileSync(new URL("../../build/engine.wasm", import.meta.url), join(dir, "engine.wasm"));
    writeFileSync(join(dir, "index.html"), '<!doctype html><html><body><pre id="out">pending</pre><script type="module" src="page.js"></script></body></html>');
    const server = createServer((req, res) => {
      const path = join(dir, (req.url ?? "/") === "/" ? "index.html" : req.url!.slice(1));
      let body: Buffer;
      try {
        body = readFileSync(path);
      } catch {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    try {
      const args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", `--user-data-dir=${join(dir, "profile")}`, "--virtual-time-budget=60000", "--dump-dom", `http://127.0.0.1:${port}/`];
      const r = await new Promise<string>((resolve) => {
        // spawnSync would block the server in this thread: run chromium asynchronously.
        import("node:child_process").then(({ execFile }) => execFile(chromium!, args, { timeout: 120_000, maxBuffer: 1 << 26 }, (_e, stdout) => resolve(stdout)));
      });
      const text = /<pre id="out">([^<]*)<\/pre>/.exec(r)?.[1] ?? "no output";
      expect(text).not.toMatch(/^ERROR|pending|no output/);
      const page = JSON.parse(text.replace(/&quot;/g, '"')) as { spikes: number[]; samples: number; svgPaths: number };
      const net = jones2009Model({ addDrivesFromParams: true, meshShape: [3, 3] });
      const dpls = await simulateDipole(net, { tstop: 30, nTrials: 1 });
      expect(page.spikes).toEqual(net.cellResponse!.spikeGids[0]);
      expect(page.samples).toBe(dpls[0].times.length);
      expect(page.svgPaths).toBeGreaterThan(0);
    } finally {
      server.close();
    }
  });
});
