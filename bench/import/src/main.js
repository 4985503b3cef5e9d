// The bench page: Restride's parsers (restride-import-bench, wasm) against the JS
// libraries, on the same files (out/fixtures, see manifest.json), in one page.
// scripts/bench-import.mjs calls window.bench.run() and prints the tables; opened by
// hand (scripts/bench-import --serve), the Run button logs the medians here.
//
// Per file: every side (Restride, each JS library, and TextDecoder alone, to show what
// decoding the text costs the JS sides, which get it already decoded) runs `warmup`
// times, then `runs` rounds of each side in turn. Before each run the heap is settled:
// a full garbage collection when the runner provides window.__benchCollectGarbage
// (CDP's HeapProfiler.collectGarbage), else a macrotask. Without it, the hundreds of MB
// a JS library leaves behind were collected during the next side's run (doubling
// Restride's time on the 100k-point GPX). So a run pays for the collections it causes
// while it runs, not for freeing its garbage afterwards: that favours the JS sides.
// A Restride run is the whole call from JS: the bytes copied into wasm memory, the
// parse, the summary back as a Float64Array.

import init, * as restride from "../out/pkg/restride_import_bench.js";
import * as js from "./js-parsers.js";

/** Per format: Restride's function (on bytes), what the JS sides get, and the libraries. */
const FORMATS = {
  gpx: {
    restride: (bytes) => restride.parse_gpx(bytes),
    input: "text",
    libraries: [
      ["fast-xml-parser", js.fxpGpx],
      ["@tmcw/togeojson", js.geojsonGpxText],
    ],
  },
  tcx: {
    restride: (bytes) => restride.parse_tcx(bytes),
    input: "text",
    libraries: [
      ["fast-xml-parser", js.fxpTcx],
      ["@tmcw/togeojson", js.geojsonTcxText],
    ],
  },
  fit: { restride: (bytes) => restride.parse_fit(bytes), input: "buffer", libraries: [["fit-file-parser", js.fitFileParser]] },
  csv: { restride: (bytes) => restride.parse_strava_csv(bytes), input: "text", libraries: [["papaparse", js.papaparse]] },
  // The whole import of an export, as the app's worker runs it; no JS library does that.
  zip: { restride: (bytes) => restride.import_files("strava-export.zip", bytes), input: "buffer", libraries: [] },
};

const logElement = document.getElementById("log");
function log(line) {
  logElement.textContent += `${line}\n`;
  console.log(`bench: ${line}`);
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
const settle = () => (window.__benchCollectGarbage ? window.__benchCollectGarbage() : nextTask());
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

async function fetchBytes(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Times every side on one file. */
async function benchFile(entry, { runs, warmup }) {
  const format = FORMATS[entry.format];
  const bytes = await fetchBytes(`out/fixtures/${entry.file}`);
  const input = format.input === "text" ? new TextDecoder().decode(bytes) : bytes.buffer;
  const sides = [
    { name: "Restride", run: () => Array.from(format.restride(bytes)) },
    ...format.libraries.map(([name, parse]) => ({ name, run: () => parse(input) })),
  ];
  if (format.input === "text") {
    sides.push({ name: "TextDecoder", decode: true, run: () => new TextDecoder().decode(bytes).length });
  }
  for (const side of sides) {
    side.times = [];
    for (let i = 0; i < warmup; i++) {
      await settle();
      side.result = side.run();
    }
  }
  for (let i = 0; i < runs; i++) {
    for (const side of sides) {
      await settle();
      const start = performance.now();
      side.result = side.run();
      side.times.push(performance.now() - start);
    }
  }
  await settle();
  const line = sides.map((s) => `${s.name} ${median(s.times).toFixed(1)} ms`).join(", ");
  log(`${entry.file} (${entry.label}): ${line}`);
  return {
    ...entry,
    sides: sides.map(({ name, decode, times, result }) => ({
      name,
      decode: !!decode,
      times,
      result: decode ? null : Array.from(result),
    })),
  };
}

/**
 * Runs `work` while a requestAnimationFrame loop records frame times on the main
 * thread: 500 ms before (the idle frame interval), `work`, 300 ms after. Returns the
 * work's own figure (ms), the longest gap between two frames that overlaps the work,
 * and the median gap before it.
 */
async function watchFrames(work) {
  const stamps = [];
  let running = true;
  const tick = () => {
    stamps.push(performance.now());
    if (running) requestAnimationFrame(tick);
  };
  await settle();
  requestAnimationFrame(tick);
  await sleep(500);
  const start = performance.now();
  const ms = await work();
  const end = performance.now();
  await sleep(300);
  running = false;
  const gaps = [];
  const idle = [];
  for (let i = 1; i < stamps.length; i++) {
    const [a, b] = [stamps[i - 1], stamps[i]];
    if (b < start) idle.push(b - a);
    else if (a <= end) gaps.push(b - a);
  }
  return { ms, wall: end - start, longestGap: Math.max(...gaps), idleGap: median(idle), frames: gaps.length };
}

/** The 100k-point GPX parsed on the main thread, and in a worker, while frames run. */
async function benchFrames(file, repeats) {
  const bytes = await fetchBytes(`out/fixtures/${file}`);
  const blob = new Blob([bytes]);
  const worker = new Worker("out/worker.js", { type: "module" });
  const ask = () =>
    new Promise((resolve, reject) => {
      worker.onmessage = ({ data }) => (data.error ? reject(new Error(data.error)) : resolve(data));
      worker.onerror = (e) => reject(new Error(`worker: ${e.message}`));
      worker.postMessage({ blob });
    });
  try {
    // Warm both: the worker's wasm compiled and its memory grown, the page's too.
    await ask();
    restride.parse_gpx(bytes);
    const main = [];
    const inWorker = [];
    for (let i = 0; i < repeats; i++) {
      main.push(
        await watchFrames(async () => {
          const start = performance.now();
          restride.parse_gpx(bytes);
          return performance.now() - start;
        }),
      );
      inWorker.push(await watchFrames(async () => (await ask()).ms));
    }
    const worst = (xs) => Math.max(...xs.map((x) => x.longestGap)).toFixed(1);
    log(`${file} frames: longest gap on the main thread ${worst(main)} ms, with a worker ${worst(inWorker)} ms`);
    return { file, main, worker: inWorker };
  } finally {
    worker.terminate();
  }
}

async function run({ runs = 10, warmup = 2, frameRepeats = 3, only = null } = {}) {
  await init({ module_or_path: new URL("/out/pkg/restride_import_bench_bg.wasm", location.href) });
  const manifest = await (await fetch("out/fixtures/manifest.json")).json();
  // `only`: the files to bench (all when null); the frame test needs its GPX in it.
  const chosen = (file) => !only || only.includes(file);
  const files = [];
  for (const entry of manifest.filter((e) => chosen(e.file))) files.push(await benchFile(entry, { runs, warmup }));
  const frames = chosen("track-100k.gpx") ? await benchFrames("track-100k.gpx", frameRepeats) : null;
  return { userAgent: navigator.userAgent, runs, warmup, files, frames };
}

window.bench = { run };
document.getElementById("run").addEventListener("click", async (event) => {
  event.target.disabled = true;
  try {
    await run();
    log("done");
  } catch (e) {
    log(`failed: ${e.stack ?? e}`);
  } finally {
    event.target.disabled = false;
  }
});
