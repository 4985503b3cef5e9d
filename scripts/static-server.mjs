// A minimal static server for dist/ on 127.0.0.1, used by `scripts/serve` and the
// end-to-end tests. It serves files as a phone would get them from any static host:
// correct types (application/wasm), no caching of index.html and sw.js, and the app
// shell for unknown paths.
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

export function startServer(dir, port) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
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
      const body = await readFile(file);
      const name = file.slice(root.length);
      const fresh = name.endsWith("index.html") || name.endsWith("sw.js") || name.endsWith(".webmanifest");
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": fresh ? "no-cache" : "public, max-age=31536000, immutable",
        "x-content-type-options": "nosniff",
      });
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
  const [dir = "dist", port = "8080"] = process.argv.slice(2);
  await startServer(dir, Number(port));
  console.log(`serving ${dir} at http://127.0.0.1:${port}/`);
}
