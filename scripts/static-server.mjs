// A minimal static server for dist/ on 127.0.0.1, used by `scripts/serve`, the
// end-to-end tests, Lighthouse and the bench. It serves files as a phone should get
// them from any well-configured static host (README, "Hosting"): correct types
// (application/wasm), the .br/.gz copies postbuild.mjs wrote when the browser
// accepts them, `no-cache` for every file whose name carries no hash (index.html,
// sw.js, the manifest, icons) and `immutable` for those that do, the security
// headers, and the app shell for unknown paths.
//
// Test modes (`startServer(dir, port, { mode })`, or `--mode` on the command line)
// imitate hosts the app must survive:
//   max-age         every file `Cache-Control: public, max-age=3600`, index.html too
//   redirect-index  `/index.html` answers 308 to `/` (Netlify, Cloudflare Pages)
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".webmanifest": "application/manifest+json",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Names trunk and postbuild.mjs give hashed files: `main-<hash>.css`, `x-<hash>_bg.wasm`,
 * `x_loader-<hash>.js`. Trunk writes its 64-bit hash in hex without leading zeros, so one
 * build in sixteen has 15 digits, not 16.
 */
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/;

/** The Content-Security-Policy index.html carries as a meta tag, plus what only a header can say. */
const PAGE_CSP = "frame-ancestors 'none'";
/** The import worker's own policy (a worker does not inherit the page's meta CSP). */
const WORKER_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; object-src 'none'; base-uri 'none'";

export const MODES = ["max-age", "redirect-index"];

export function startServer(dir, port, { mode } = {}) {
  if (mode && !MODES.includes(mode)) throw new Error(`unknown mode ${mode} (${MODES.join(", ")})`);
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      if (mode === "redirect-index" && path === "/index.html") {
        res.writeHead(308, { location: "/" }).end();
        return;
      }
      let file = normalize(join(root, path));
      if (!file.startsWith(root)) {
        res.writeHead(403).end();
        return;
      }
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        file = join(file, "index.html");
        info = await stat(file).catch(() => null);
      }
      if (!info) {
        // Unknown paths without an extension are app routes: serve the shell.
        if (extname(path)) {
          res.writeHead(404, { "content-type": "text/plain" }).end("not found");
          return;
        }
        file = join(root, "index.html");
      }
      const name = file.slice(root.length);
      const accepts = String(req.headers["accept-encoding"] ?? "");
      let body = null;
      let encoding = null;
      for (const [enc, ext] of [["br", ".br"], ["gzip", ".gz"]]) {
        if (!new RegExp(`\\b${enc}\\b`).test(accepts)) continue;
        body = await readFile(file + ext).catch(() => null);
        if (body) {
          encoding = enc;
          break;
        }
      }
      body ??= await readFile(file);
      const isWorker = name.startsWith("/import_worker");
      const headers = {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control":
          mode === "max-age"
            ? "public, max-age=3600"
            : HASHED.test(name)
              ? "public, max-age=31536000, immutable"
              : "no-cache",
        "content-length": body.length,
        vary: "Accept-Encoding",
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
      };
      if (encoding) headers["content-encoding"] = encoding;
      if (extname(file) === ".html") headers["content-security-policy"] = PAGE_CSP;
      if (isWorker) headers["content-security-policy"] = WORKER_CSP;
      res.writeHead(200, headers);
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (e) {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(e));
    }
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => ok(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--mode");
  const mode = at >= 0 ? args.splice(at, 2)[1] : undefined;
  const [dir = "dist", port = process.env.PORT ?? "8080"] = args;
  await startServer(dir, Number(port), { mode });
  console.log(`serving ${dir} at http://127.0.0.1:${port}/${mode ? ` (${mode})` : ""}`);
}
