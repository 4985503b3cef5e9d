// After the first visit the service worker serves the app: offline, it reloads and
// a run can still be logged.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appReady, logRun, openApp, runItems, waitForServiceWorker } from "./support.mjs";

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
