// Prints the size of a built dist/: raw, gzip -9 and brotli q11 bytes (what a phone
// downloads from a compressing host) of every file, and of the first-load bundle:
// everything fetched before Today is interactive (index.html, with the stylesheet
// inlined, and what it loads: the app's JS and main wasm). The manifest, icons and the
// service worker's precache of the rest (the pages split off the app's wasm, the
// import worker) come after, off the critical path.
// Exits non-zero when the first load exceeds FIRST_LOAD_BUDGET, so CI (scripts/test)
// keeps size from creeping back. docs/size.md has the history of these figures.
//   node scripts/size-report.mjs [dist]
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/**
 * Brotli bytes the first load may weigh: the figure measured when it was set
 * (docs/size.md) plus a small margin. Raise it only with a measured reason.
 */
export const FIRST_LOAD_BUDGET = 405_300;

const dir = process.argv[2] ?? process.env.DIST ?? "dist";

function walk(d) {
  return readdirSync(d).flatMap((name) => {
    const p = join(d, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

function measure(path) {
  const bytes = readFileSync(join(dir, path));
  return {
    file: path,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const html = readFileSync(join(dir, "index.html"), "utf8");
// What index.html makes the browser fetch before the app runs: stylesheets, scripts,
// module preloads, and the app's wasm (named by the loader and by the inline script
// that preloads it at the first frame).
const firstLoad = [
  ...new Set([
    "index.html",
    ...[...html.matchAll(/<link[^>]*\brel="(?:stylesheet|modulepreload|preload)"[^>]*>/g)].map((m) => m[0].match(/href="\/?([^"]+)"/)[1]),
    ...[...html.matchAll(/<script[^>]*\bsrc="\/?([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/['"]\/?([^'"]+_bg\.wasm)['"]/g)].map((m) => m[1]),
  ]),
];
// And every module those scripts import statically (the app's glue imports the
// loader of its split chunks, scripts/split-wasm.mjs), but not the chunks it loads
// when a page needs them.
for (let i = 0; i < firstLoad.length; i++) {
  if (!firstLoad[i].endsWith(".js")) continue;
  const js = readFileSync(join(dir, firstLoad[i]), "utf8");
  for (const m of js.matchAll(/\bfrom\s*["']\.\/([^"']+\.js)["']/g)) {
    if (!firstLoad.includes(m[1])) firstLoad.push(m[1]);
  }
}
const files = walk(dir)
  .map((p) => relative(dir, p).split(sep).join("/"))
  .filter((f) => /\.(wasm|js|css|html|webmanifest)$/.test(f))
  .sort();
const rows = files.map(measure);
const sum = (list, file) =>
  list.reduce((t, r) => ({ file, raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const first = sum(
  rows.filter((r) => firstLoad.includes(r.file)),
  "first load (before Today is interactive)",
);

const pad = (s, n) => String(s).padStart(n);
const line = (r, mark = " ") => console.log(`${mark} ${r.file.padEnd(44)}${pad(r.raw, 10)}${pad(r.gzip, 10)}${pad(r.brotli, 10)}`);
console.log(`  ${"file (* = first load)".padEnd(44)}${pad("raw", 10)}${pad("gzip", 10)}${pad("brotli", 10)}`);
for (const r of rows) line(r, firstLoad.includes(r.file) ? "*" : " ");
line(sum(rows, "everything (precached after the first load)"));
line(first);
const missing = firstLoad.filter((f) => !files.includes(f));
if (missing.length) {
  console.error(`size-report: index.html loads files that are not in ${dir}: ${missing.join(", ")}`);
  process.exit(1);
}
if (first.brotli > FIRST_LOAD_BUDGET) {
  console.error(`size-report: the first load is ${first.brotli} bytes brotli, over the budget of ${FIRST_LOAD_BUDGET} (scripts/size-report.mjs)`);
  process.exit(1);
}
console.log(`first load ${first.brotli} bytes brotli, within the budget of ${FIRST_LOAD_BUDGET}`);
