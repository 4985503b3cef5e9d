// The static server serves the build as README's "Hosting" asks of any host: the
// precompressed copies when the browser accepts them, no-cache for files whose name
// carries no hash, immutable for those that do, and the headers only a host can send.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { precompress } from "../scripts/postbuild.mjs";
import { BASE } from "./support.mjs";

function fetchRaw(path, headers = {}) {
  return new Promise((ok, fail) => {
    get(BASE + path, { headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on("error", fail);
  });
}

test("files are served compressed, with cache headers by whether their name is hashed", async () => {
  const page = await fetchRaw("/", { "accept-encoding": "gzip, deflate, br" });
  assert.equal(page.status, 200);
  assert.equal(page.headers["content-encoding"], "br");
  assert.equal(page.headers["cache-control"], "no-cache");
  assert.match(page.headers["content-security-policy"], /frame-ancestors 'none'/);
  const html = (await fetchRaw("/")).body.toString();
  const wasm = html.match(/module_or_path: '(\/restride-[0-9a-f]{8,16}_bg\.wasm)'/)[1];
  const worker = html.match(/<meta name="restride-import-worker" content="([^"]+)">/)[1];

  const br = await fetchRaw(wasm, { "accept-encoding": "br" });
  const gz = await fetchRaw(wasm, { "accept-encoding": "gzip" });
  const raw = await fetchRaw(wasm);
  assert.equal(br.headers["content-encoding"], "br");
  assert.equal(gz.headers["content-encoding"], "gzip");
  assert.equal(raw.headers["content-encoding"], undefined);
  assert.equal(raw.headers["content-type"], "application/wasm");
  assert.ok(br.body.length < gz.body.length && gz.body.length < raw.body.length / 2, "brotli < gzip < half the wasm");
  for (const r of [br, gz, raw]) {
    assert.equal(r.headers["cache-control"], "public, max-age=31536000, immutable");
    assert.equal(r.headers.vary, "Accept-Encoding");
  }

  for (const path of ["/sw.js", "/manifest.webmanifest", "/icons/icon-192.png"]) {
    assert.equal((await fetchRaw(path)).headers["cache-control"], "no-cache", path);
  }
  assert.match(worker, /^\/import_worker_loader-[0-9a-f]{8,16}\.js$/, "the worker's name carries its hash");
  const loader = await fetchRaw(worker);
  assert.equal(loader.headers["cache-control"], "public, max-age=31536000, immutable");
  assert.match(loader.headers["content-security-policy"], /script-src 'self' 'wasm-unsafe-eval'/);
});

test("precompressing a build again leaves a brotli and a gzip copy beside every file", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "restride-precompress-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(new URL("../dist", import.meta.url).pathname, dir, { recursive: true });
  // A deploy script (or the update specs' next build) runs it on a build that has them.
  precompress(dir);
  const files = readdirSync(dir);
  const compressible = files.filter((f) => /\.(html|js|wasm|webmanifest)$/.test(f));
  assert.ok(compressible.length >= 6, `the build's files: ${compressible}`);
  for (const f of compressible) {
    for (const ext of [".br", ".gz"]) assert.ok(files.includes(f + ext), `${f}${ext} is there`);
  }
  const index = readFileSync(join(dir, "index.html"));
  assert.deepEqual(brotliDecompressSync(readFileSync(join(dir, "index.html.br"))), index, "and it holds the file");
});
