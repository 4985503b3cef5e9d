// Trunk post_build hook. Runs on the staging directory before it becomes dist/:
// 1. pins trunk's inline loader script in the CSP by its SHA-256 hash, so the
//    policy needs no 'unsafe-inline';
// 2. writes sw.js with the precache list of every built file and a cache name
//    derived from their contents, so each build gets a new, versioned cache.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("postbuild: TRUNK_STAGING_DIR is not set (run through trunk)");
  process.exit(1);
}

const indexPath = join(dir, "index.html");
let html = readFileSync(indexPath, "utf8");
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
if (inline.length === 0) {
  console.error("postbuild: found no inline loader script in index.html");
  process.exit(1);
}
const hashes = inline.map((body) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
if (!html.includes("__LOADER_HASH__")) {
  console.error("postbuild: index.html has no __LOADER_HASH__ placeholder in its CSP");
  process.exit(1);
}
html = html.replace("__LOADER_HASH__", hashes.join(" "));
writeFileSync(indexPath, html);

function walk(d) {
  return readdirSync(d).flatMap((name) => {
    const p = join(d, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
const files = walk(dir)
  .map((p) => "/" + relative(dir, p).split(sep).join("/"))
  .filter((p) => p !== "/sw.js")
  .sort();
const version = createHash("sha256");
for (const f of files) version.update(f).update(readFileSync(join(dir, f)));
const precache = JSON.stringify(files);
const template = readFileSync(new URL("./sw.template.js", import.meta.url), "utf8");
writeFileSync(
  join(dir, "sw.js"),
  template.replace("__VERSION__", version.digest("hex").slice(0, 16)).replace("__PRECACHE__", precache),
);
console.log(`postbuild: CSP pins ${hashes.length} inline script(s); sw.js precaches ${files.length} files`);
