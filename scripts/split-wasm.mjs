// Splits the app's wasm at the functions marked `#[wasm_split]` (src/lazy.rs): every
// page but Today goes into one of three wasm chunks (runs, training, data) that
// loads when the runner opens one of its pages (or the app preloads it when idle),
// and the first load is the rest.
//
// Trunk 0.21 can't do this itself (it runs wasm-bindgen straight after cargo, and
// the split must come between them), so postbuild.mjs calls this on trunk's staging
// directory, and trunk's own wasm-bindgen output for the app is replaced:
// 1. cargo's wasm for the app binary (linked with `--emit-relocs`, build.rs), split by
//    `wasm-split-cli` (crate wasm_split_cli_support, pinned in scripts/setup) into a
//    main module, one chunk per split page (and chunks for code only they share), and
//    `__wasm_split.js`, the loader that fetches and instantiates a chunk against the
//    main module's memory and function table;
// 2. wasm-bindgen on the main module, as trunk runs it plus the two flags the split
//    needs (`--keep-lld-exports` keeps the exports chunks link against);
// 3. `wasm-opt -Oz` on every wasm file (trunk's data-wasm-opt="z"; index.html tells
//    trunk not to optimise the output this replaces);
// 4. one hash of all the files in every name (they import each other by name, so a
//    change to any is a change to all), replacing trunk's files and names.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const APP = "restride";
/** The split loader's name in the files the splitter and wasm-bindgen write. */
const LOADER = "__wasm_split.js";

function fail(message) {
  throw new Error(`split-wasm: ${message}`);
}

function run(cmd, args) {
  try {
    execFileSync(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    fail(`${cmd} ${args.join(" ")} failed:\n${e.stderr ?? e.message}`);
  }
}

/** A chunk's name in dist: `split_training.wasm` -> `training-<hash>.wasm`, `chunk_4.wasm` -> `chunk_4-<hash>.wasm`. */
function chunkName(file, hash) {
  const m = file.match(/^(?:split_([a-z0-9_]+)|(chunk_\d+))\.wasm$/);
  if (!m) fail(`unexpected file from the splitter: ${file}`);
  return `${m[1] ?? m[2]}-${hash}.wasm`;
}

/**
 * Replaces trunk's `restride-<hash>.js` / `_bg.wasm` in `dir` with the split build of
 * `rawWasm` (cargo's output) and renames them in index.html. Returns the new files'
 * names, the main wasm first, and the split loader's.
 */
export function splitApp(dir, rawWasm) {
  const trunkJs = readdirSync(dir).filter((f) => new RegExp(`^${APP}-[0-9a-f]{16}\\.js$`).test(f));
  if (trunkJs.length !== 1) fail(`expected one ${APP}-<hash>.js from trunk in ${dir}, found ${trunkJs.length}`);
  const trunkName = trunkJs[0].slice(0, -".js".length);

  const work = mkdtempSync(join(tmpdir(), "restride-split-"));
  try {
    const split = join(work, "split");
    const bound = join(work, "bound");
    run("wasm-split-cli", ["--out-name", APP, rawWasm, split]);
    run("wasm-bindgen", [
      "--target", "web", "--no-typescript", "--keep-lld-exports", "--no-demangle",
      "--out-name", APP, "--out-dir", bound, join(split, `${APP}.wasm`),
    ]);
    const chunks = readdirSync(split).filter((f) => f.endsWith(".wasm") && f !== `${APP}.wasm`).sort();
    if (chunks.length === 0) fail("the splitter found no #[wasm_split] function: nothing to load later");
    const wasmFiles = [join(bound, `${APP}_bg.wasm`), ...chunks.map((f) => join(split, f))];
    for (const f of wasmFiles) run("wasm-opt", ["-Oz", f, "-o", f]);

    let glue = readFileSync(join(bound, `${APP}.js`), "utf8");
    let loader = readFileSync(join(split, LOADER), "utf8");
    const mainWasm = readFileSync(wasmFiles[0]);
    const chunkBytes = chunks.map((f) => readFileSync(join(split, f)));
    const hash = [glue, loader, mainWasm, ...chunkBytes]
      .reduce((h, part) => h.update(part), createHash("sha256"))
      .digest("hex")
      .slice(0, 16);

    const names = {
      js: `${APP}-${hash}.js`,
      wasm: `${APP}-${hash}_bg.wasm`,
      loader: `${APP}_split-${hash}.js`,
    };
    // Only the JS import's path changes: the wasm's own import keeps the module name
    // the splitter gave it (the glue's imports object is keyed by it).
    if (!glue.includes(`from "./${LOADER}"`)) fail(`wasm-bindgen's glue does not import ./${LOADER}`);
    glue = glue.replaceAll(`from "./${LOADER}"`, `from "./${names.loader}"`);
    if (!loader.includes(`"./${APP}.js"`)) fail(`${LOADER} does not import ./${APP}.js`);
    loader = loader.replaceAll(`"./${APP}.js"`, `"./${names.js}"`);
    const chunkNames = chunks.map((f) => {
      const to = chunkName(f, hash);
      if (!loader.includes(`"./${f}"`)) fail(`${LOADER} does not name ${f}`);
      loader = loader.replaceAll(`"./${f}"`, `"./${to}"`);
      return to;
    });

    unlinkSync(join(dir, `${trunkName}.js`));
    unlinkSync(join(dir, `${trunkName}_bg.wasm`));
    writeFileSync(join(dir, names.js), glue);
    writeFileSync(join(dir, names.wasm), mainWasm);
    writeFileSync(join(dir, names.loader), loader);
    chunkNames.forEach((to, i) => writeFileSync(join(dir, to), chunkBytes[i]));

    const indexPath = join(dir, "index.html");
    const html = readFileSync(indexPath, "utf8");
    if (!html.includes(`/${trunkName}_bg.wasm`) || !html.includes(`/${trunkName}.js`)) {
      fail(`index.html does not load /${trunkName}.js and its wasm`);
    }
    // Trunk pins what it preloads by an integrity digest: the new files get their own.
    const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
    const digests = { ".js": sri(glue), "_bg.wasm": sri(mainWasm) };
    const renamed = html.replace(
      new RegExp(`<link[^>]*href="/${trunkName}(\\.js|_bg\\.wasm)"[^>]*>`, "g"),
      (link, ext) => link.replace(/integrity="sha384-[^"]*"/, `integrity="${digests[ext]}"`),
    );
    // The split's loader (842 bytes brotli) is not preloaded beside the glue: a
    // preload requested before the first paint put Lighthouse's simulated FCP 80 ms
    // later, and from the service worker's cache the import after the glue costs
    // little (on a first visit the wasm's download is far longer than both).
    writeFileSync(indexPath, renamed.replaceAll(`/${trunkName}`, `/${APP}-${hash}`));
    return { files: [names.wasm, names.js, names.loader, ...chunkNames], loader: names.loader };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
