// Import benchmark: Restride's parsers (restride-import, as wasm) against the JS
// libraries a web app would otherwise use, and the wasm size each format adds. Prints
// figures; it is not a test. Normally run through scripts/bench-import, which builds
// everything first:
//
//   node scripts/bench-import.mjs [--runs N] [--warmup N] [--frames N] [--cpu-slowdown N]
//                                 [--no-browser] [--no-sizes] [--serve] [--only FILE,...]
//
// What it measures, in one page of Debian's Chromium (headless, launched by
// scripts/chromium.mjs; CPU unthrottled unless --cpu-slowdown, as the goals are), on
// the files crates/restride-import-bench/examples/fixtures.rs generates into
// bench/import/out/fixtures (the same bytes for every side):
//
// - Parse time per file and side, median of N runs (default 10) after W warm-up runs
//   (default 2), the sides taking turns, with a full garbage collection (through CDP)
//   before each run, so that no side pays for another's garbage; a side still pays for
//   the collections during its own run (bench/import/src/main.js):
//   - Restride: the restride-import-bench function for the format, called from JS
//     with the file's bytes (a Uint8Array): copying them into wasm memory, decoding
//     UTF-8 (GPX, TCX, CSV), parsing, summarising the activity, returning the summary.
//     Built as the app ships it: the workspace's release profile (opt-level "z", LTO)
//     and wasm-opt -Oz.
//   - GPX and TCX: fast-xml-parser (XMLParser.parse, attributes on, namespace prefixes
//     removed) and @tmcw/togeojson (the browser's DOMParser, then gpx()/tcx()); CSV:
//     papaparse (header: true); FIT: fit-file-parser (its defaults: no CRC check,
//     records as a list). The text formats get the text already decoded, so decoding
//     is not in their time; the TextDecoder line shows what it would add. Each JS side
//     walks its whole result to the same summary as Restride's (activities, distance,
//     moving time, mean heart rate), more loosely (bench/import/src/js-parsers.js).
//   - The whole import of a Strava export zip (100 FIT.gz and the CSV) as the app's
//     worker runs it, for reference: no JS library does that.
// - Frames: Restride's parse of the 100,000-point GPX on the main thread, then in a
//   Web Worker (the file posted as a Blob, read and parsed there), each F times
//   (default 3) while a requestAnimationFrame loop runs on the main thread; printed:
//   the longest gap between frames during the parse (worst of the F), the idle frame
//   interval before it, and the parse time.
// - Sizes: bench/import/out/size/<build>.wasm, which scripts/bench-import builds: the
//   bench crate with no format (baseline: sniffing, errors, summaries), each format
//   alone, and all of them; raw and gzip -9 bytes and the difference to the baseline.
//   Plus the app's import worker (dist/import_worker_bg.wasm) if there is a build.
//
// Goals (the import issue), judged on medians, unthrottled: GPX and TCX at least 10x
// fast-xml-parser, FIT at least 3x fit-file-parser, CSV at least 10x papaparse. Exits 0
// once the figures are printed, met or not; non-zero only if the benchmark broke.
// --only benches just the named fixture files (e.g. --only activities.csv), for quick
// comparisons while working on one parser; the frame test runs only with track-100k.gpx.
// --serve serves bench/import at http://127.0.0.1:4392/ (BENCH_PORT) to run it by hand instead.
import { existsSync, readFileSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { launchChromium } from "./chromium.mjs";
import { startServer } from "./static-server.mjs";

const ROOT = new URL("../", import.meta.url).pathname;
const BENCH = `${ROOT}bench/import/`;
const OUT = `${BENCH}out/`;
const PORT = Number(process.env.BENCH_PORT ?? 4392);
const BASE = `http://127.0.0.1:${PORT}`;

/** Goals: a file format's speed-up over one library, at least. */
const GOALS = [
  { format: "gpx", library: "fast-xml-parser", ratio: 10 },
  { format: "tcx", library: "fast-xml-parser", ratio: 10 },
  { format: "fit", library: "fit-file-parser", ratio: 3 },
  { format: "csv", library: "papaparse", ratio: 10 },
];

/** Size builds, in the order printed; "none" is the baseline. */
const SIZE_BUILDS = [
  ["none", "baseline: no format (sniffing, errors, summaries)"],
  ["gpx", "gpx"],
  ["tcx", "tcx"],
  ["fit", "fit"],
  ["archive", "archive (zip + gzip) alone"],
  ["strava", "strava (CSV + archive)"],
  ["garmin", "garmin (nested zips, FIT, summaries JSON)"],
  ["apple", "apple (export.xml, GPX routes, archive)"],
  ["all", "all formats (default features)"],
];

// ---- Formatting ---------------------------------------------------------------------

const sorted = (xs) => [...xs].sort((a, b) => a - b);
function median(xs) {
  const s = sorted(xs);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
const ms = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
const count = (n) => n.toLocaleString("en-GB");
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const left = (s, n) => String(s).padEnd(n);
const right = (s, n) => String(s).padStart(n);
const signed = (n) => (n > 0 ? `+${count(n)}` : n < 0 ? `-${count(-n)}` : "0");

function hms(seconds) {
  const s = Math.round(seconds);
  return `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

// ---- Browser ------------------------------------------------------------------------

async function runBrowser({ runs, warmup, frames, cpuSlowdown, only }) {
  const built = ["main.js", "worker.js", "pkg/restride_import_bench_bg.wasm", "pkg/build.json", "fixtures/manifest.json"];
  for (const path of built.map((p) => `out/${p}`)) {
    if (!existsSync(BENCH + path)) {
      throw new Error(`bench/import/${path} is missing: run scripts/bench-import, which builds it`);
    }
  }
  const server = await startServer(BENCH, PORT);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(0);
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (msg) => {
      if (msg.text().startsWith("bench: ")) process.stderr.write(`  ${msg.text().slice(7)}\n`);
    });
    const cdp = await context.newCDPSession(page);
    if (cpuSlowdown > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpuSlowdown });
    // The page settles the heap before each timed run with this (see bench/import/src/main.js).
    await page.exposeFunction("__benchCollectGarbage", () => cdp.send("HeapProfiler.collectGarbage"));
    await page.goto(`${BASE}/index.html`);
    await page.waitForFunction(() => window.bench, null, { timeout: 30_000 });
    const results = await page.evaluate((options) => window.bench.run(options), {
      runs,
      warmup,
      frameRepeats: frames,
      only,
    });
    if (errors.length) throw new Error(`the bench page threw: ${errors.join("; ")}`);
    const build = JSON.parse(readFileSync(`${OUT}pkg/build.json`, "utf8"));
    return { version: browser.version(), optLevel: build.optLevel, ...results };
  } finally {
    await browser.close();
    server.close();
  }
}

function reportBrowser(results, cpuSlowdown) {
  const lines = [
    "",
    `Restride import benchmark: bench/import in Chromium ${results.version}, headless, ` +
      (cpuSlowdown > 1 ? `CPU ${cpuSlowdown}x slower` : "CPU unthrottled"),
    `Restride's wasm at opt-level ${results.optLevel}` +
      (results.optLevel === "z" ? " (the release profile, as the app ships)" : " (NOT as the app ships: z)") +
      `; ${results.runs} runs per side after ${results.warmup} warm-up, sides taking turns,`,
    `a full GC before each; medians in ms; "faster" = JS median / Restride median`,
    "",
    `${left("File", 30)}${right("Restride", 10)}   ${left("JS library", 17)}${right("JS", 10)}${right("faster", 9)}   Goal`,
  ];
  const verdicts = [];
  for (const file of results.files) {
    const restride = file.sides.find((s) => s.name === "Restride");
    const ours = median(restride.times);
    const libraries = file.sides.filter((s) => s !== restride && !s.decode);
    const name = `${file.file} (${mb(file.bytes)})`;
    if (!libraries.length) {
      lines.push(`${left(name, 30)}${right(ms(ours), 10)}   ${left("(none)", 17)}`);
      continue;
    }
    libraries.forEach((side, i) => {
      const theirs = median(side.times);
      const ratio = theirs / ours;
      const goal = GOALS.find((g) => g.format === file.format && g.library === side.name);
      let verdict = "";
      if (goal) {
        const met = ratio >= goal.ratio;
        verdict = `>= ${goal.ratio}x: ${met ? "met" : "NOT MET"}`;
        verdicts.push({ file: file.file, library: side.name, ratio, goal: goal.ratio, met });
      }
      const first = i === 0 ? [left(name, 30), right(ms(ours), 10)] : [left("", 30), right("", 10)];
      lines.push(`${first.join("")}   ${left(side.name, 17)}${right(ms(theirs), 10)}${right(`${ratio.toFixed(1)}x`, 9)}   ${verdict}`);
    });
  }

  lines.push("", "The JS sides got the text already decoded; decoding it (TextDecoder, median) would add:");
  for (const file of results.files) {
    const decode = file.sides.find((s) => s.decode);
    if (decode) lines.push(`  ${left(file.file, 28)}${right(ms(median(decode.times)), 8)} ms`);
  }

  lines.push(
    "",
    "What each side read (its last run): activities, distance, moving time, mean heart rate, failures",
    `${left("File", 22)}${left("Side", 17)}${right("acts", 6)}${right("km", 10)}${right("moving", 11)}${right("HR", 7)}${right("failed", 8)}`,
  );
  for (const file of results.files) {
    for (const side of file.sides.filter((s) => !s.decode)) {
      const [acts, distance, moving, hr, failed] = side.result;
      lines.push(
        `${left(file.file, 22)}${left(side.name, 17)}${right(count(acts), 6)}${right((distance / 1000).toFixed(2), 10)}` +
          `${right(hms(moving), 11)}${right(Number.isNaN(hr) ? "-" : hr.toFixed(1), 7)}${right(failed, 8)}`,
      );
    }
  }

  const { frames } = results;
  if (frames) reportFrames(frames, lines, verdicts);

  lines.push("", "Goals (medians; unthrottled is what they compare)");
  for (const v of verdicts) {
    if (v.frames) {
      lines.push(
        `  ${left("100k-point GPX in a worker: no main-thread gap > 50 ms", 58)}${right(`${ms(v.gap)} ms`, 10)}   ${v.met ? "met" : "NOT MET"}`,
      );
    } else {
      const text = `${v.file} >= ${v.goal}x ${v.library}`;
      lines.push(`  ${left(text, 58)}${right(`${v.ratio.toFixed(1)}x`, 10)}   ${v.met ? "met" : "NOT MET"}`);
    }
  }
  console.log(lines.join("\n"));
}

function reportFrames(frames, lines, verdicts) {
  const worst = (xs) => Math.max(...xs.map((x) => x.longestGap));
  const line = (label, xs) =>
    `${left(label, 14)}${right(ms(worst(xs)), 10)}${right(ms(median(xs.map((x) => x.idleGap))), 10)}` +
    `${right(ms(median(xs.map((x) => x.ms))), 10)}${right(ms(median(xs.map((x) => x.wall))), 12)}`;
  lines.push(
    "",
    `Frames while Restride parses ${frames.file} (${frames.main.length} times each; gap = worst of them):`,
    `${left("Parsed on", 14)}${right("long gap", 10)}${right("idle gap", 10)}${right("parse", 10)}${right("until done", 12)}`,
    line("main thread", frames.main),
    line("a worker", frames.worker),
    `  "long gap": the longest time between two animation frames during the parse; "idle gap": the`,
    `  frame interval before it; "parse": the parse (in the worker: reading the Blob + parsing);`,
    `  "until done": from the call (or postMessage) to the summary on the main thread.`,
  );
  const smooth = worst(frames.worker) <= 50;
  verdicts.push({ frames: true, gap: worst(frames.worker), met: smooth });
}

// ---- Sizes --------------------------------------------------------------------------

function sizeOf(path) {
  const bytes = readFileSync(path);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

function reportSizes() {
  const dir = `${OUT}size/`;
  const rows = SIZE_BUILDS.filter(([name]) => existsSync(`${dir}${name}.wasm`)).map(([name, label]) => ({
    name,
    label,
    ...sizeOf(`${dir}${name}.wasm`),
  }));
  if (!rows.length) {
    console.log("\n(no size builds in bench/import/out/size: run scripts/bench-import without --no-sizes)");
    return;
  }
  const base = rows.find((r) => r.name === "none");
  const lines = [
    "",
    "Wasm each format adds: restride-import-bench built with only that format (release profile,",
    "wasm-bindgen --target web, wasm-opt -Oz); the .wasm only, bytes; + is over the baseline",
    "",
    `${left("Build", 48)}${right("raw", 10)}${right("gzip -9", 10)}${right("+raw", 10)}${right("+gzip", 10)}`,
  ];
  for (const r of rows) {
    const delta = base && r !== base ? [signed(r.raw - base.raw), signed(r.gzip - base.gzip)] : ["", ""];
    lines.push(`${left(r.label, 48)}${right(count(r.raw), 10)}${right(count(r.gzip), 10)}${right(delta[0], 10)}${right(delta[1], 10)}`);
  }
  const worker = `${ROOT}dist/import_worker_bg.wasm`;
  if (existsSync(worker)) {
    const w = sizeOf(worker);
    const built = statSync(worker).mtime.toISOString().slice(0, 16).replace("T", " ");
    lines.push(
      "",
      `${left(`App import worker, dist/import_worker_bg.wasm`, 48)}${right(count(w.raw), 10)}${right(count(w.gzip), 10)}`,
      `  (as last built by trunk, ${built} UTC; it adds the worker's JS glue and serde_json to all formats)`,
    );
  } else {
    lines.push("", "(no dist/import_worker_bg.wasm: `trunk build --release` builds the app's import worker)");
  }
  console.log(lines.join("\n"));
}

// ---- Main ---------------------------------------------------------------------------

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    frames: { type: "string", default: "3" },
    "cpu-slowdown": { type: "string", default: "1" },
    "no-browser": { type: "boolean", default: false },
    "no-sizes": { type: "boolean", default: false },
    serve: { type: "boolean", default: false },
    only: { type: "string" },
  },
});
const options = {
  runs: Number(values.runs),
  warmup: Number(values.warmup),
  frames: Number(values.frames),
  cpuSlowdown: Number(values["cpu-slowdown"]),
  only: values.only ? values.only.split(",") : null,
};
if (
  ![options.runs, options.frames].every((n) => Number.isInteger(n) && n >= 1) ||
  !(Number.isInteger(options.warmup) && options.warmup >= 0) ||
  !(options.cpuSlowdown >= 1)
) {
  console.error("usage: node scripts/bench-import.mjs [--runs N>=1] [--warmup N>=0] [--frames N>=1] [--cpu-slowdown X>=1]");
  process.exit(2);
}

if (values.serve) {
  await startServer(BENCH, PORT);
  console.log(`serving bench/import at ${BASE}/ (Ctrl-C to stop)`);
} else {
  try {
    if (!values["no-browser"]) {
      process.stderr.write("running the bench page…\n");
      reportBrowser(await runBrowser(options), options.cpuSlowdown);
    }
    if (!values["no-sizes"]) reportSizes();
    console.log("");
  } catch (e) {
    console.error(`benchmark failed: ${e.stack ?? e}`);
    process.exitCode = 1;
  }
}
