/**
 * `hnn-wasm serve`: a small static file server for the workbench page (dist/web). It binds
 * 127.0.0.1 unless told otherwise, answers only GET/HEAD for files inside its root (no path
 * traversal, no directory listings, no symlinks out), serves `.wasm` as `application/wasm`, and sends
 * the cross-origin isolation headers (COOP/COEP) that SharedArrayBuffer and threaded workers need,
 * and a strict Content-Security-Policy ({@link CONTENT_SECURITY_POLICY}).
 */
import { createServer, type Server } from "node:http";
import { readFile, realpath, stat } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";

/** Content types by file extension; anything else is application/octet-stream. */
const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
};

/**
 * The served page's Content-Security-Policy: its own scripts only, no `eval` but WebAssembly
 * compilation ('wasm-unsafe-eval'), simulation workers from its own blob: URLs, figures' inline
 * styles and blob:/data: images (PNG export), fetches of its own files, nothing embedded, no forms,
 * framed only by its own origin.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "connect-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join("; ");

/** Headers on every answer: cross-origin isolation, no MIME sniffing, the content security policy. */
const COMMON_HEADERS = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-embedder-policy": "require-corp",
  "cross-origin-resource-policy": "same-origin",
  "x-content-type-options": "nosniff",
};

/** Options of {@link startServer}. */
export interface ServeOptions {
  /** Folder whose files are served. */
  root: string;
  /** TCP port (0 = any free port). Default 8080. */
  port?: number;
  /** Address to bind. Default 127.0.0.1 (this machine only). */
  host?: string;
}

/**
 * The file under `root` that a request path names, or null when it is outside `root`, not a regular
 * file, or malformed. `/` and paths ending in `/` name `index.html` in that folder.
 */
export async function resolveRequestPath(root: string, urlPath: string): Promise<string | null> {
  let path: string;
  try {
    path = decodeURIComponent(new URL(urlPath, "http://x").pathname);
  } catch {
    return null;
  }
  if (path.includes("\0")) return null;
  if (path.endsWith("/")) path += "index.html";
  const rootReal = await realpath(root);
  const candidate = resolve(rootReal, "." + path);
  if (!candidate.startsWith(rootReal + sep)) return null;
  try {
    const real = await realpath(candidate);
    if (!real.startsWith(rootReal + sep) || !(await stat(real)).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}

/** Starts the server; resolves once it listens, with its base URL. */
export async function startServer(opts: ServeOptions): Promise<{ server: Server; url: string }> {
  const host = opts.host ?? "127.0.0.1";
  const root = resolve(opts.root);
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { ...COMMON_HEADERS, allow: "GET, HEAD" }).end();
        return;
      }
      const file = await resolveRequestPath(root, req.url ?? "/");
      if (file === null) {
        res.writeHead(404, { ...COMMON_HEADERS, "content-type": "text/plain; charset=utf-8" }).end("not found\n");
        return;
      }
      const body = await readFile(file);
      const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
      res.writeHead(200, { ...COMMON_HEADERS, "content-type": type, "content-length": body.length, "cache-control": "no-cache" });
      res.end(req.method === "HEAD" ? undefined : body);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500, COMMON_HEADERS);
      res.end();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(opts.port ?? 8080, host, () => ok());
  });
  const { port } = server.address() as { port: number };
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return { server, url: `http://${shownHost}:${port}/` };
}

