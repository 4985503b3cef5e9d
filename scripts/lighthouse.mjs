// Lighthouse 13 (from npm, pinned in package-lock.json) on the release build, served
// with compression by scripts/static-server.mjs from 127.0.0.1, in Debian's Chromium
// (never a browser download). Lighthouse's default mobile preset: a Moto G Power
// sized screen, 4x CPU slowdown and slow 4G, simulated. Prints figures; it does not
// pass or fail. Each run is a fresh profile: a first visit, no service worker yet.
//   node scripts/lighthouse.mjs [--runs N]      DIST (default dist), LIGHTHOUSE_PORT (default 8081)
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { precompress } from "./postbuild.mjs";
import { startServer } from "./static-server.mjs";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 1;
const port = Number(process.env.LIGHTHOUSE_PORT ?? 8081);
const label = process.env.DIST ?? "dist";
let dist = label;
// An older build without precompressed copies (the baseline) is compressed here, so
// both are measured as a compressing host would serve them.
let scratch;
if (!readdirSync(dist).some((f) => f.endsWith(".wasm.br"))) {
  scratch = mkdtempSync(join(tmpdir(), "restride-lh-"));
  cpSync(dist, scratch, { recursive: true });
  precompress(scratch);
  dist = scratch;
}
if (!existsSync(join(dist, "index.html"))) throw new Error(`no index.html in ${dist}`);

const server = await startServer(dist, port);
const chrome = await chromeLauncher.launch({
  chromePath: "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const ms = (audit) => `${Math.round(audit.numericValue)} ms`;
/** The element Lighthouse took as the largest contentful paint, and where it is. */
function lcpElement(audits) {
  const items = audits["lcp-breakdown-insight"]?.details?.items ?? [];
  const node = items.find((i) => i.type === "node");
  return node ? `${node.selector} at y=${node.boundingRect?.top}: "${node.nodeLabel.slice(0, 40)}"` : "element unknown";
}
try {
  for (let i = 0; i < runs; i++) {
    const result = await lighthouse(`http://127.0.0.1:${port}/`, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
      ...(process.env.LH_THROTTLING ? { throttlingMethod: process.env.LH_THROTTLING } : {}),
    });
    // LH_REPORT_DIR=dir keeps each run's full report (its long tasks, the network's
    // timeline) to find what a figure is made of.
    if (process.env.LH_REPORT_DIR) writeFileSync(join(process.env.LH_REPORT_DIR, `lighthouse-${i + 1}.json`), result.report);
    const { audits, categories, runtimeError } = result.lhr;
    if (runtimeError) throw new Error(`lighthouse: ${runtimeError.code} ${runtimeError.message}`);
    const score = (c) => Math.round(categories[c].score * 100);
    console.log(
      [
        `lighthouse ${result.lhr.lighthouseVersion}, ${result.lhr.configSettings.formFactor}, ${label}${runs > 1 ? ` (run ${i + 1})` : ""}`,
        `  performance     ${score("performance")}`,
        `  FCP             ${ms(audits["first-contentful-paint"])}`,
        `  LCP             ${ms(audits["largest-contentful-paint"])}  (${lcpElement(audits)})`,
        `  TBT             ${ms(audits["total-blocking-time"])}`,
        `  CLS             ${audits["cumulative-layout-shift"].numericValue.toFixed(3)}`,
        `  Speed Index     ${ms(audits["speed-index"])}`,
        `  accessibility   ${score("accessibility")}`,
        `  best practices  ${score("best-practices")}`,
        `  SEO             ${score("seo")}`,
      ].join("\n"),
    );
    for (const [id, c] of Object.entries(categories)) {
      const failed = c.auditRefs
        .filter((r) => r.weight > 0 && audits[r.id].score !== null && audits[r.id].score < 1 && id !== "performance")
        .map((r) => r.id);
      if (failed.length) console.log(`  ${id} audits below 100: ${failed.join(", ")}`);
    }
  }
} finally {
  chrome.kill();
  server.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}
