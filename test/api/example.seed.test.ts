/**
 * The README's main job (`npm start` = the seed example, examples/plot_connectivity.ts, bundled to
 * dist/plot_connectivity.js by `npm run build`): it prints hnn-core's lines and writes its ten figures.
 * Guards the bundle as users run it, not the sources (a bundling slip once dropped the Node DOM).
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname;
const SUMMARY = "L5_basket -> L5_pyramidal\ncell counts: 35 srcs, 100 targets\nconnection probability: 1.0 \nloc: 'soma'; receptor: 'gabaa'\nweight: 0.025; delay: 1.0; lamtha: 70.0\n \n";

describe("the seed example (npm start)", () => {
  it("prints the seed's lines and writes its ten figures as SVG and PNG", () => {
    const out = mkdtempSync(join(tmpdir(), "hnn-seed-"));
    try {
      const r = spawnSync(process.execPath, [join(ROOT, "dist/plot_connectivity.js"), out], { cwd: ROOT, encoding: "utf8", timeout: 300_000 });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(r.stdout.startsWith(`38\n${SUMMARY}`)).toBe(true);
      const files = readdirSync(out).sort();
      const svgs = files.filter((f) => f.endsWith(".svg"));
      const pngs = files.filter((f) => f.endsWith(".png"));
      expect(svgs.length).toBe(10);
      expect(pngs.map((f) => f.replace(/\.png$/, ""))).toEqual(svgs.map((f) => f.replace(/\.svg$/, "")));
      for (const f of pngs) {
        const png = readFileSync(join(out, f));
        expect(png.subarray(1, 4).toString("latin1"), f).toBe("PNG");
        expect(statSync(join(out, f)).size, f).toBeGreaterThan(10_000);
      }
      for (const f of svgs) expect(readFileSync(join(out, f), "utf8"), f).toMatch(/^(<\?xml[^>]*>\s*)?<svg[\s\S]*<\/svg>\s*$/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 300_000);
});
