// After the first visit the service worker serves the app: offline, it reloads, a
// run can still be logged, every tab opens from a fresh navigation, and the import
// worker (loaded only when the runner imports) starts and reads a file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appReady, logRun, openApp, runItems, waitForServiceWorker } from "./support.mjs";
import { serveCopy } from "./hosting.mjs";

/** Each tab's URL and the heading that shows it has opened. */
const TABS = [
  ["/#/today", "Today"],
  ["/#/log", "Log a run"],
  ["/#/history", "History"],
  ["/#/plan", "Plan"],
  ["/#/settings", "Settings"],
  ["/#/progress", "Progress"],
  ["/#/import", "Import your runs"],
];

/** A 20-minute run yesterday as a GPX track: a point every 10 s, about 33 m apart. */
function gpxRun() {
  const start = Date.now() - 86_400_000;
  const points = Array.from({ length: 121 }, (_, i) => {
    const time = new Date(start + i * 10_000).toISOString();
    return `<trkpt lat="${(51.5 + i * 0.0003).toFixed(6)}" lon="-0.100000"><time>${time}</time></trkpt>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="restride e2e" xmlns="http://www.topografix.com/GPX/1/1">
<trk><name>Offline test run</name><type>running</type><trkseg>${points.join("")}</trkseg></trk></gpx>`;
}

test("the app reloads and logs a run offline once the service worker is active", async (t) => {
  const app = await openApp(t);
  const { page, context } = app;
  await waitForServiceWorker(page);
  const caches = await page.evaluate(() => caches.keys());
  assert.equal(caches.length, 1);
  assert.match(caches[0], /^restride-[0-9a-f]{16}$/);

  await context.setOffline(true);
  await page.reload();
  await appReady(page);
  assert.equal(await page.evaluate(() => navigator.onLine), false);
  await logRun(page, { duration: "35:00", distance: "6", notes: "logged offline" });
  await runItems(page).filter({ hasText: "logged offline" }).waitFor();

  // A deep link (the manifest's "Log a run" shortcut) works offline too.
  await page.goto(new URL("/#/log", page.url()).href);
  await page.getByRole("heading", { name: "Log a run" }).waitFor();
  await app.assertClean();
});

test("offline after the first visit, every tab opens in a new page and the importer reads a file", async (t) => {
  const app = await openApp(t);
  const { page, context } = app;
  await waitForServiceWorker(page);
  await context.setOffline(true);
  for (const [path, heading] of TABS) {
    const tab = await context.newPage();
    await tab.goto(new URL(path, page.url()).href);
    await appReady(tab);
    await tab.getByRole("heading", { name: heading, level: 2 }).waitFor();
    await tab.close();
  }

  const file = join(mkdtempSync(join(tmpdir(), "restride-offline-")), "run.gpx");
  writeFileSync(file, gpxRun());
  await page.goto(new URL("/#/import", page.url()).href);
  await page.getByRole("heading", { name: "Import your runs" }).waitFor();
  await page.getByLabel("Choose files").setInputFiles(file);
  const report = page.locator(".import-report");
  await report.waitFor({ timeout: 30_000 });
  assert.match(await report.textContent(), /Imported 1 activity/);
  await app.assertClean();
});

test("on a host that redirects /index.html to /, the app still opens offline", async (t) => {
  const { base } = await serveCopy(t, { mode: "redirect-index" });
  const app = await openApp(t, { base });
  const { page, context } = app;
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await page.reload();
  await appReady(page);
  await page.goto(`${base}/#/log`);
  await appReady(page);
  await page.getByRole("heading", { name: "Log a run" }).waitFor();
  await app.assertClean();
});
