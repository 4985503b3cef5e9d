// The Apple Health benchmark: a generated export.zip whose export.xml is over 500 MB
// (crates/restride-import-bench/examples/apple_health.rs), imported by the app as a
// runner would (dist/, the real import worker, the file chosen in the picker), in
// Debian's Chromium. Prints figures; it is not a test. Run through
// scripts/bench-import (which builds the zip), or by hand after `trunk build --release`:
//
//   node scripts/bench-import-apple.mjs <export.zip> <export.xml bytes>
//
// What it measures:
// - Throughput: export.xml's bytes (and the zip's) over the worker's own time, from
//   the page's message to its summary (WorkerStats.elapsed_ms), and the wall time
//   from choosing the file to the import report.
// - Peak worker memory: the worker's wasm memory at the end (its high-water mark:
//   wasm memory never shrinks), and the browser's renderer processes' resident memory
//   (page and worker together: a dedicated worker runs in its page's process),
//   sampled every 100 ms, peak minus the baseline before the import.
// - The main thread: the longest task (PerformanceObserver "longtask", tasks over
//   50 ms) and the longest gap between animation frames, during the import
//   (streaming) and while the page saves the summary (finishing), separately.
// Port: BENCH_PORT, default 4413.
import { readdirSync, readFileSync } from "node:fs";
import { launchChromium } from "./chromium.mjs";
import { startServer } from "./static-server.mjs";

const [zipPath, xmlBytesArg] = process.argv.slice(2);
if (!zipPath) {
  console.error("usage: node scripts/bench-import-apple.mjs <export.zip> <export.xml bytes>");
  process.exit(2);
}
const ROOT = new URL("../", import.meta.url).pathname;
const PORT = Number(process.env.BENCH_PORT ?? 4413);
const mb = (bytes) => bytes / 1e6;

/** Resident memory (bytes) of this process's Chromium renderers (`--type=renderer`). */
function rendererRss() {
  const children = new Map();
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      (children.get(ppid) ?? children.set(ppid, []).get(ppid)).push(Number(pid));
    } catch {}
  }
  const mine = [];
  const walk = (pid) => (children.get(pid) ?? []).forEach((c) => (mine.push(c), walk(c)));
  walk(process.pid);
  let total = 0;
  for (const pid of mine) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("--type=renderer")) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (rss) total += Number(rss[1]) * 1024;
    } catch {}
  }
  return total;
}

/** In the page: watches the worker's messages, long tasks and frame gaps. */
function instrument() {
  const phase = { name: "idle" };
  window.__bench = { longest: { import: 0, finish: 0 }, gap: { import: 0, finish: 0 }, stats: null, doneAt: 0, startedAt: 0 };
  const Original = window.Worker;
  window.Worker = class extends Original {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => {
        const message = JSON.parse(e.data).message;
        if (message.kind === "progress" && phase.name === "idle") {
          phase.name = "import";
          window.__bench.startedAt = performance.now();
        }
        if (message.kind === "done") {
          window.__bench.stats = message.stats;
          window.__bench.doneAt = performance.now();
          phase.name = "finish";
        }
      });
    }
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (phase.name === "idle") continue;
      window.__bench.longest[phase.name] = Math.max(window.__bench.longest[phase.name], entry.duration);
    }
  }).observe({ type: "longtask", buffered: false });
  let last = performance.now();
  const frame = (now) => {
    if (phase.name !== "idle") window.__bench.gap[phase.name] = Math.max(window.__bench.gap[phase.name], now - last);
    last = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

const server = await startServer(`${ROOT}dist`, PORT);
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  page.setDefaultTimeout(0);
  await page.goto(`http://127.0.0.1:${PORT}/#/import`);
  await page.getByRole("heading", { name: "Import your runs" }).waitFor();
  await page.waitForTimeout(1000);
  const baseline = rendererRss();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, rendererRss())), 100);
  const chosen = Date.now();
  await page.getByLabel("Choose files").setInputFiles(zipPath);
  await page.locator(".import-report, .save-error").first().waitFor();
  const wall = (Date.now() - chosen) / 1000;
  await page.waitForTimeout(500);
  clearInterval(sampler);
  const result = await page.evaluate(() => window.__bench);
  const report = await page.locator(".import-report, .save-error").first().textContent();
  const zipBytes = readFileSync(zipPath).length;
  const xmlBytes = Number(xmlBytesArg ?? 0);
  const worker = result.stats;
  const seconds = worker ? worker.elapsed_ms / 1000 : NaN;
  const lines = [
    "",
    `Apple Health export: ${mb(xmlBytes).toFixed(0)} MB export.xml in a ${mb(zipBytes).toFixed(1)} MB export.zip, Chromium ${browser.version()}, CPU unthrottled`,
    `  report: ${report.replace(/\s+/g, " ").trim().slice(0, 140)}`,
    `  worker time         ${seconds.toFixed(1)} s (${(mb(xmlBytes) / seconds).toFixed(0)} MB/s of export.xml, ${(mb(zipBytes) / seconds).toFixed(1)} MB/s of zip)`,
    `  choose → report     ${wall.toFixed(1)} s`,
    `  worker wasm memory  ${mb(worker?.wasm_memory_bytes ?? 0).toFixed(1)} MB peak (goal < 256 MB: ${(worker?.wasm_memory_bytes ?? Infinity) < 256 * 2 ** 20 ? "met" : "NOT MET"})`,
    `  renderer memory     ${mb(peak - baseline).toFixed(0)} MB above the ${mb(baseline).toFixed(0)} MB before the import (page and worker, resident, sampled)`,
    `  main thread, import:  longest task ${result.longest.import.toFixed(0)} ms (tasks over 50 ms only; 0 = none), longest frame gap ${result.gap.import.toFixed(0)} ms`,
    `  main thread, finish:  longest task ${result.longest.finish.toFixed(0)} ms, longest frame gap ${result.gap.finish.toFixed(0)} ms (the page converts and saves the summary)`,
  ];
  console.log(lines.join("\n"));
} finally {
  await browser.close();
  server.close();
}
