/**
 * `hnn-wasm serve` (bindings/cli/serve.ts): only the root's files, the wasm MIME type, the
 * cross-origin isolation headers, loopback by default; and the CLI subcommand itself.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { request, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveRequestPath, startServer } from "../../bindings/cli/serve";

/** GET with the raw path (fetch would normalise `..` away). */
function rawGet(url: string, path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const u = new URL(url);
  return new Promise((ok, fail) => {
    request({ host: u.hostname, port: u.port, path, method: "GET" }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
    }).on("error", fail).end();
  });
}

describe("hnn-wasm serve", () => {
  const base = mkdtempSync(join(tmpdir(), "hnn-serve-"));
  const root = join(base, "web");
  let server: Server;
  let url = "";

  beforeAll(async () => {
    mkdirSync(join(root, "sub"), { recursive: true });
    writeFileSync(join(root, "index.html"), "<p>index</p>");
    writeFileSync(join(root, "engine.wasm"), new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    writeFileSync(join(root, "sub", "index.html"), "<p>sub</p>");
    writeFileSync(join(base, "secret.txt"), "outside the root");
    symlinkSync(join(base, "secret.txt"), join(root, "link.txt"));
    ({ server, url } = await startServer({ root, port: 0 }));
  });
  afterAll(() => {
    server.close();
    rmSync(base, { recursive: true, force: true });
  });

  it("binds 127.0.0.1 and serves the root's files with COOP/COEP and application/wasm", async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const index = await rawGet(url, "/");
    expect([index.status, index.body]).toEqual([200, "<p>index</p>"]);
    expect(index.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(index.headers["cross-origin-opener-policy"]).toBe("same-origin");
    expect(index.headers["cross-origin-embedder-policy"]).toBe("require-corp");
    // A strict policy that still lets the page compile the engine and start its blob: workers.
    const csp = String(index.headers["content-security-policy"]).split("; ");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("object-src 'none'");
    expect(csp.join("; ")).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'|\*/);
    const wasm = await rawGet(url, "/engine.wasm");
    expect([wasm.status, wasm.headers["content-type"]]).toEqual([200, "application/wasm"]);
    expect((await rawGet(url, "/sub/")).body).toBe("<p>sub</p>");
  });

  it("refuses paths outside the root: .., encoded .., absolute, symlinks out, missing files", async () => {
    for (const path of ["/../secret.txt", "/%2e%2e/secret.txt", "/sub/..%2f..%2fsecret.txt", "/..%5csecret.txt", "/link.txt", "/nothing.js", "/%00"]) {
      const r = await rawGet(url, path);
      expect([path, r.status, r.body.includes("outside the root")]).toEqual([path, 404, false]);
    }
    expect(await resolveRequestPath(root, "/sub/../index.html")).toBe(join(root, "index.html"));
    expect(await resolveRequestPath(root, "/../index.html")).toBe(join(root, "index.html")); // clamped at the root, as URLs are
    expect(await resolveRequestPath(root, "/../../etc/passwd")).toBeNull();
  });

  it("`hnn-wasm serve --port 0` serves dist/web until stopped", async () => {
    const cli = spawn(process.execPath, ["dist/cli.js", "serve", "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const line = await new Promise<string>((ok, fail) => {
        cli.stdout.on("data", (d: Buffer) => ok(d.toString()));
        cli.on("exit", (code) => fail(new Error(`serve exited with ${code}`)));
      });
      const served = line.match(/http:\/\/127\.0\.0\.1:\d+\//)?.[0];
      expect(served).toBeDefined();
      const page = await rawGet(served!, "/");
      expect(page.status).toBe(200);
      expect(page.body).toContain("<hnn-workbench>");
      expect((await rawGet(served!, "/engine.wasm")).headers["content-type"]).toBe("application/wasm");
    } finally {
      cli.kill();
    }
  });

  it("rejects a bad --port with a one-line error", async () => {
    const cli = spawn(process.execPath, ["dist/cli.js", "serve", "--port", "70000"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    cli.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((ok) => cli.on("exit", ok));
    expect(code).toBe(1);
    expect(stderr).toContain("--port must be an integer in [0, 65535], got '70000'");
  });
});
