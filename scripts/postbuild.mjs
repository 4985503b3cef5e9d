// Trunk post_build hook, run on the staging directory before it becomes dist/ (and
// a library for the update specs, which publish a "next" build by hand):
// 0. replaces trunk's build of the app with the wasm split at its lazy pages
//    (split-wasm.mjs says how);
// 1. pins trunk's inline loader script in the CSP by its SHA-256 hash, so the
//    policy needs no 'unsafe-inline';
// 2. on a first visit, holds the app's wasm until the shell's paint is reported
//    (deferWasmPreload says why);
// 3. inlines the stylesheet trunk built (minified) into index.html and pins it in
//    the CSP by its hash: the first paint then needs no second request (on slow 4G
//    that is one round trip, about 0.6 s, sooner);
// 4. versions the import worker: trunk names its files without a hash, so an old
//    tab would start the new worker; they get the hash of their contents in their
//    names, and index.html names the loader in a meta tag the app reads;
// 5. writes sw.js with every built file and its SHA-256 (the service worker checks
//    each before a new version is used) and a cache name derived from them, after
//    checking the markers sw.js finds index.html's static shell by;
// 6. precompresses every text and wasm file (.br and .gz beside it) for hosts and
//    scripts/static-server.mjs to serve as they are.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, join, relative, sep } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { splitApp } from "./split-wasm.mjs";

/** The meta tag naming the versioned import worker loader (read by src/pwa.rs). */
export const WORKER_META = "restride-import-worker";
const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|json|webmanifest|svg|txt)$/;
const COMPRESSED = /\.(br|gz)$/;

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

function fail(message) {
  throw new Error(`postbuild: ${message}`);
}

function walk(d) {
  return readdirSync(d).flatMap((name) => {
    const p = join(d, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Replaces the CSP's __LOADER_HASH__ with the hashes of index.html's inline scripts. */
export function pinLoaderHash(dir) {
  const indexPath = join(dir, "index.html");
  const html = readFileSync(indexPath, "utf8");
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  if (inline.length === 0) fail("found no inline loader script in index.html");
  if (!html.includes("__LOADER_HASH__")) fail("index.html has no __LOADER_HASH__ placeholder in its CSP");
  const hashes = inline.map((body) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
  writeFileSync(indexPath, html.replace("__LOADER_HASH__", hashes.join(" ")));
  return hashes.length;
}

/**
 * On a first visit, holds the app's wasm until the browser has reported the shell's
 * largest contentful paint: trunk's `<link rel="preload">` of it becomes an inline
 * script that adds the preload then (at once when a service worker answers, which
 * sends no shell, or when the page is hidden), and trunk's loader awaits the same
 * moment before it fetches. Lighthouse's simulated slow 4G counts in the largest
 * paint every request that finished before it on the real load; on a fast link a
 * wasm preloaded from the head could finish before the shell was shown and put
 * 500 KB in front of its paint. On slow 4G the report comes as the page arrives,
 * long before the loader's JS does. Without such reports (Safari), the shell's
 * first frame; at the latest 250 ms after it, or 1 s after the page started.
 * Returns the wasm's URL. Must run before pinLoaderHash, which pins both scripts.
 */
export function deferWasmPreload(dir) {
  const indexPath = join(dir, "index.html");
  const html = readFileSync(indexPath, "utf8");
  const links = [...html.matchAll(/<link rel="preload" href="(\/[^"]+_bg\.wasm)"[^>]*>/g)];
  if (links.length !== 1) fail(`expected one wasm preload link in index.html, found ${links.length}`);
  const init = "const wasm = await init(";
  if (html.split(init).length !== 2) fail(`expected trunk's loader to call init once ("${init}")`);
  const [link, url] = links[0];
  const script = `<script>(function () {
  var go, done = false;
  window.__restrideWasm = new Promise(function (resolve) { go = resolve; });
  function fetchWasm() {
    if (done) return;
    done = true;
    var l = document.createElement("link");
    l.rel = "preload"; l.as = "fetch"; l.type = "application/wasm"; l.crossOrigin = "anonymous"; l.href = "${url}";
    document.head.appendChild(l);
    go();
  }
  if ((navigator.serviceWorker && navigator.serviceWorker.controller) || document.visibilityState !== "visible") return fetchWasm();
  var lcp = "largest-contentful-paint";
  var reported = window.PerformanceObserver && (PerformanceObserver.supportedEntryTypes || []).indexOf(lcp) >= 0;
  if (reported) new PerformanceObserver(function (list, observer) { observer.disconnect(); fetchWasm(); }).observe({ type: lcp, buffered: true });
  requestAnimationFrame(function () { setTimeout(fetchWasm, reported ? 250 : 0); });
  setTimeout(fetchWasm, 1000);
})();</script>`;
  writeFileSync(indexPath, html.replace(link, () => script).replace(init, () => `await window.__restrideWasm;\n${init}`));
  return url;
}

/**
 * Replaces index.html's one `<link rel="stylesheet">` with a `<style>` holding that
 * file (which goes), and the CSP's __STYLE_HASH__ with its SHA-256. Returns its size.
 */
export function inlineStylesheet(dir) {
  const indexPath = join(dir, "index.html");
  const html = readFileSync(indexPath, "utf8");
  const links = [...html.matchAll(/<link rel="stylesheet" href="\/([^"]+\.css)"[^>]*>/g)];
  if (links.length !== 1) fail(`expected one stylesheet link in index.html, found ${links.length}`);
  if (!html.includes("__STYLE_HASH__")) fail("index.html has no __STYLE_HASH__ placeholder in its CSP");
  const [link, file] = links[0];
  const css = readFileSync(join(dir, file), "utf8");
  if (/<\/style/i.test(css)) fail(`${file} contains "</style", which would end the inlined stylesheet`);
  const hash = `'sha256-${createHash("sha256").update(css, "utf8").digest("base64")}'`;
  writeFileSync(indexPath, html.replace(link, () => `<style>${css}</style>`).replace("__STYLE_HASH__", hash));
  unlinkSync(join(dir, file));
  return css.length;
}

/**
 * Renames trunk's worker files (`X.js`, `X_bg.wasm` and the shim `X_loader.js`,
 * which reads `importScripts("./X.js");wasm_bindgen("./X_bg.wasm");`) to carry the
 * hash of their contents, and names the loader in index.html. Returns the loader's URL.
 */
export function versionWorker(dir) {
  const shims = readdirSync(dir).filter((f) => /^[a-z0-9_]+_loader\.js$/.test(f));
  if (shims.length !== 1) fail(`expected one worker loader shim, found ${shims.length}`);
  const shim = readFileSync(join(dir, shims[0]), "utf8");
  const m = shim.match(/^importScripts\("\.\/([a-z0-9_]+)\.js"\);wasm_bindgen\("\.\/\1_bg\.wasm"\);$/);
  if (!m) fail(`unexpected worker loader shim: ${shim}`);
  const name = m[1];
  const js = readFileSync(join(dir, `${name}.js`));
  const wasm = readFileSync(join(dir, `${name}_bg.wasm`));
  const hash = createHash("sha256").update(js).update(wasm).digest("hex").slice(0, 16);
  renameSync(join(dir, `${name}.js`), join(dir, `${name}-${hash}.js`));
  renameSync(join(dir, `${name}_bg.wasm`), join(dir, `${name}-${hash}_bg.wasm`));
  unlinkSync(join(dir, shims[0]));
  const loader = `${name}_loader-${hash}.js`;
  writeFileSync(join(dir, loader), `importScripts("./${name}-${hash}.js");wasm_bindgen("./${name}-${hash}_bg.wasm");`);

  const indexPath = join(dir, "index.html");
  const html = readFileSync(indexPath, "utf8");
  if (!html.includes("</head>")) fail("index.html has no </head>");
  const meta = `<meta name="${WORKER_META}" content="/${loader}">`;
  writeFileSync(indexPath, html.replace(/<meta name="restride-import-worker"[^>]*>\n?/, "").replace("</head>", `${meta}\n</head>`));
  return `/${loader}`;
}

/**
 * Writes sw.js from sw.template.js: every file (but sw.js and the precompressed
 * copies) with its SHA-256, and the split loader an installed start preloads.
 */
export function writeServiceWorker(dir, splitLoader) {
  // sw.js leaves the shell out of the pages it answers from its cache (sw.template.js).
  const html = readFileSync(join(dir, "index.html"), "utf8");
  if (!/<!--shell-start-->[\s\S]*?<!--shell-end-->/.test(html)) fail("index.html has no <!--shell-start--> … <!--shell-end--> around its shell");
  if (!(splitLoader?.startsWith("/") && existsSync(join(dir, splitLoader)))) fail(`no split loader ${splitLoader} in ${dir}`);
  const files = walk(dir)
    .map((p) => "/" + relative(dir, p).split(sep).join("/"))
    .filter((p) => p !== "/sw.js" && !COMPRESSED.test(p))
    .sort();
  const digests = Object.fromEntries(files.map((f) => [f, sha256(readFileSync(join(dir, f)))]));
  const version = createHash("sha256").update(JSON.stringify(digests)).digest("hex").slice(0, 16);
  const template = readFileSync(new URL("./sw.template.js", import.meta.url), "utf8");
  writeFileSync(
    join(dir, "sw.js"),
    template
      .replace("__VERSION__", version)
      .replace("__SPLIT_LOADER__", splitLoader)
      .replace("__FILES__", JSON.stringify(digests, null, 1)),
  );
  return { version, files: files.length };
}

/** Writes X.br (brotli 11) and X.gz (gzip 9) beside every compressible X, replacing older ones. */
export function precompress(dir) {
  let bytes = 0;
  // Old copies go first: a list taken once would name the copies written below too.
  for (const p of walk(dir).filter((p) => COMPRESSED.test(p))) unlinkSync(p);
  for (const p of walk(dir)) {
    if (!COMPRESSIBLE.test(basename(p))) continue;
    const raw = readFileSync(p);
    const br = brotliCompressSync(raw, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
    });
    writeFileSync(`${p}.br`, br);
    writeFileSync(`${p}.gz`, gzipSync(raw, { level: 9 }));
    bytes += br.length;
  }
  return bytes;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.env.TRUNK_STAGING_DIR;
  try {
    if (!dir) fail("TRUNK_STAGING_DIR is not set (run through trunk)");
    const raw = join(process.env.CARGO_TARGET_DIR ?? "target", "wasm32-unknown-unknown", process.env.TRUNK_PROFILE ?? "release", "restride.wasm");
    const split = splitApp(dir, raw);
    deferWasmPreload(dir);
    const pinned = pinLoaderHash(dir);
    const style = inlineStylesheet(dir);
    const worker = versionWorker(dir);
    const sw = writeServiceWorker(dir, `/${split.loader}`);
    precompress(dir);
    console.log(`postbuild: app split into ${split.files.join(", ")}`);
    console.log(`postbuild: CSP pins ${pinned} inline script(s) and the ${style}-character stylesheet inlined; worker at ${worker}; sw.js ${sw.version} checks ${sw.files} files; precompressed`);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
