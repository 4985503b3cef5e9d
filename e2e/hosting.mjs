// Helpers for the specs about hosting and updates: a private copy of dist/ served on
// a port of the system's choosing (optionally in one of the static server's host
// modes), and publishing a "next" build into it the way a deploy would.
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { precompress, writeServiceWorker } from "../scripts/postbuild.mjs";
import { startServer } from "../scripts/static-server.mjs";

/** Serves a copy of dist/ on 127.0.0.1 (port 0: any free one); removed after the test. */
export async function serveCopy(t, { mode } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "restride-host-"));
  cpSync(new URL("../dist", import.meta.url).pathname, dir, { recursive: true });
  const server = await startServer(dir, 0, { mode });
  t.after(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, base: `http://127.0.0.1:${server.address().port}` };
}

/** The CSP source for index.html's inline module script (trunk's loader). */
function loaderSource(html) {
  const body = html.match(/<script type="module">([\s\S]*?)<\/script>/)[1];
  return `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`;
}

/**
 * Publishes the next build into `dir` as a deploy would: the app's JS glue changes
 * (so its hashed name does, and the last one is gone from the host), and with it the
 * loader of the app's split pages, which imports the glue by name (scripts/split-wasm.mjs
 * gives both one hash); index.html loads the new glue (its loader, the module preload
 * and the CSP's pin of the loader follow) and says
 * `<meta name="restride-build" content="next">`, and sw.js lists the new files.
 * Returns the new glue's name.
 */
export function publishNext(dir) {
  const files = readdirSync(dir);
  const old = files.find((f) => /^restride-[0-9a-f]{8,16}\.js$/.test(f));
  const oldSplit = files.find((f) => /^restride_split-[0-9a-f]{8,16}\.js$/.test(f));
  const hash = createHash("sha256").update(readFileSync(join(dir, old))).update("next").digest("hex").slice(0, 16);
  const name = `restride-${hash}.js`;
  const split = `restride_split-${hash}.js`;
  const js = readFileSync(join(dir, old), "utf8").replaceAll(`"./${oldSplit}"`, `"./${split}"`) + "\n// next build\n";
  writeFileSync(join(dir, name), js);
  const splitJs = readFileSync(join(dir, oldSplit), "utf8").replaceAll(`"./${old}"`, `"./${name}"`);
  writeFileSync(join(dir, split), splitJs);
  for (const f of [old, oldSplit]) for (const ext of ["", ".br", ".gz"]) unlinkSync(join(dir, f + ext));
  const sri = (text) => `sha384-${createHash("sha384").update(text).digest("base64")}`;
  const index = join(dir, "index.html");
  const last = readFileSync(index, "utf8");
  const html = last
    .replaceAll(`/${old}`, `/${name}`)
    .replace(new RegExp(`(href="/${name}"[^>]*integrity=")[^"]*`), `$1${sri(js)}`)
    .replace("</head>", '<meta name="restride-build" content="next">\n</head>');
  writeFileSync(index, html.replace(loaderSource(last), loaderSource(html)));
  writeServiceWorker(dir, `/${split}`);
  precompress(dir);
  return name;
}

/** The build a page runs: "next" once it has taken the published update. */
export function buildOf(page) {
  return page.evaluate(() => document.querySelector('meta[name="restride-build"]')?.content ?? "first");
}

/** The app glue files the page loaded, by file name, and whether the inlined stylesheet is in effect. */
export function appFilesOf(page) {
  return page.evaluate(() => ({
    glue: performance
      .getEntriesByType("resource")
      .map((e) => e.name.split("/").pop())
      .filter((f) => /^restride-[0-9a-f]+\.js$/.test(f)),
    styled: getComputedStyle(document.querySelector(".topbar")).position === "sticky",
  }));
}

/** Asks the registration to check for an update; resolves with the new worker's state once installed or discarded. */
export function checkForUpdate(page) {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    const found = new Promise((ok) => reg.addEventListener("updatefound", () => ok(reg.installing), { once: true }));
    await reg.update();
    const worker = await found;
    return new Promise((ok) => {
      const settled = () => ["installed", "activated", "redundant"].includes(worker.state) && ok(worker.state);
      worker.addEventListener("statechange", settled);
      settled();
    });
  });
}
