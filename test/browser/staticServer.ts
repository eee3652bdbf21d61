// A static file server on a free loopback port, for the browser tests' pages.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { join, extname } from "node:path";

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };

/** Serves `dir` (index.html at /); `close` stops the server. */
export async function serveDir(dir: string): Promise<{ url: string; close: () => void }> {
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
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, close: () => server.close() };
}
