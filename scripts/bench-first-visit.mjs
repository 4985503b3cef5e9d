// A runner's first visit on a phone's network, measured with real throttling (not
// Lighthouse's simulation): a fresh browser context (no cache, no service worker),
// CDP network emulation as Lighthouse's devtools mode sets it for slow 4G (562.5 ms
// round trip, 1.47 Mbit/s down, 675 kbit/s up) and the CPU 4x slower. Prints the
// medians, in ms from the navigation, of the first contentful paint and of the app
// mounted (Today's heading and the radar's cards in the app's #main), and of the
// longest main-thread task and the time tasks blocked the page between the first
// paint and the app's first frame (each long task's time over 50 ms, as
// Lighthouse's TBT counts it). Builds are loaded alternately, so all see the same
// machine. Prints figures; it does not pass or fail.
//   node scripts/bench-first-visit.mjs [--runs N] DIR [DIR …]
// A build without precompressed copies (an older one) is compressed in a scratch
// copy first, so every build is served as a compressing host would.
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { launchChromium } from "./chromium.mjs";
import { precompress } from "./postbuild.mjs";
import { startServer } from "./static-server.mjs";

const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: (1474.56 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 };
const CPU_SLOWDOWN = 4;

const { values, positionals } = parseArgs({ options: { runs: { type: "string", default: "7" } }, allowPositionals: true });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || positionals.length === 0) {
  console.error("usage: node scripts/bench-first-visit.mjs [--runs N] DIR [DIR …]");
  process.exit(2);
}

/**
 * In the page (init script): resolves __mounted when the app's Today (its heading and
 * the radar's cards) is in the DOM, and collects the main thread's long tasks.
 */
function watchMount() {
  window.__longTasks = [];
  new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => [e.startTime, e.duration]))).observe({
    type: "longtask",
    buffered: true,
  });
  window.__mounted = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      // The radar renders in the task after the rest of Today: it counts.
      if (document.querySelector("#main h2") && document.querySelector("#main .radar .sign-card")) {
        observer.disconnect();
        resolve(performance.now());
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}

/** In the page: the first contentful paint's time, once there is one. */
function firstContentfulPaint() {
  return new Promise((resolve) =>
    new PerformanceObserver((list) => {
      const fcp = list.getEntries().find((e) => e.name === "first-contentful-paint");
      if (fcp) resolve(fcp.startTime);
    }).observe({ type: "paint", buffered: true }),
  );
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const scratch = [];
const servers = [];
const browser = await launchChromium();
try {
  const builds = [];
  for (const dir of positionals) {
    let served = dir;
    if (!readdirSync(dir).some((f) => f.endsWith(".wasm.br"))) {
      served = mkdtempSync(join(tmpdir(), "restride-first-visit-"));
      scratch.push(served);
      cpSync(dir, served, { recursive: true });
      precompress(served);
    }
    const server = await startServer(served, 0);
    servers.push(server);
    builds.push({ dir, base: `http://127.0.0.1:${server.address().port}/`, fcp: [], mounted: [], longest: [], blocking: [] });
  }
  for (let i = 0; i < runs; i++) {
    for (const b of builds) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      try {
        await context.addInitScript(watchMount);
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send("Network.enable");
        await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
        await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
        await page.goto(b.base);
        const [mounted, fcp] = await page.evaluate(`Promise.all([window.__mounted, (${firstContentfulPaint})()])`);
        // Tasks that end by the app's first frame after mounting.
        await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 50))));
        const tasks = await page.evaluate(() => window.__longTasks);
        const blocking = tasks.filter(([start]) => start >= fcp && start <= mounted + 50).map(([, d]) => d);
        b.mounted.push(mounted);
        b.fcp.push(fcp);
        b.longest.push(Math.max(0, ...tasks.map(([, d]) => d)));
        b.blocking.push(blocking.reduce((sum, d) => sum + Math.max(0, d - 50), 0));
      } finally {
        await context.close();
      }
    }
  }
  console.log(`\nFirst visit, Chromium ${browser.version()}, slow 4G and ${CPU_SLOWDOWN}x CPU emulated, ${runs} loads each, alternating (medians, ms)\n`);
  console.log(`${"build".padEnd(40)}  first contentful paint   app mounted   longest task   blocking after FCP`);
  const col = (xs, width) => median(xs).toFixed(0).padStart(width);
  for (const b of builds) {
    console.log(`${b.dir.padEnd(40)}  ${col(b.fcp, 22)}   ${col(b.mounted, 11)}   ${col(b.longest, 12)}   ${col(b.blocking, 18)}`);
  }
} finally {
  await browser.close();
  for (const s of servers) s.close();
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
}
