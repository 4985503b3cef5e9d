// Once installed, the app starts straight into the runner's Today: the service
// worker answers navigations with index.html minus its static shell (painted on a
// first visit only, while the wasm downloads), so a returning runner never sees the
// new runner's welcome card, and Today is not held back by painting the shell first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appReady, logRun, openApp, waitForServiceWorker } from "./support.mjs";

/** Reloads on Today and returns the navigation's response: who answered it and its HTML. */
async function reloadToday(page) {
  await page.evaluate(() => (location.hash = "#/today"));
  const answered = page.waitForResponse((r) => r.request().isNavigationRequest());
  await page.reload();
  const response = await answered;
  const html = await response.text();
  await appReady(page);
  return { fromServiceWorker: response.fromServiceWorker(), html };
}

test("an installed app opens without the first visit's shell, online and offline", async (t) => {
  const app = await openApp(t);
  const { page, context } = app;
  // A first visit's page (from the host) has the shell, and asks for nothing before
  // its first paint beyond the glue.
  const firstVisit = await (await page.request.get(page.url())).text();
  assert.match(firstVisit, /id="shell"/);
  assert.doesNotMatch(firstVisit, /restride_split-/);
  await waitForServiceWorker(page);
  await logRun(page, { duration: "40:00", distance: "8", notes: "before the reload" });

  for (const offline of [false, true]) {
    await context.setOffline(offline);
    const { fromServiceWorker, html } = await reloadToday(page);
    const where = offline ? "offline" : "online";
    assert.ok(fromServiceWorker, `${where}: the service worker answers the navigation`);
    assert.doesNotMatch(html, /id="shell"|Welcome to Restride/, `${where}: no static shell in the page`);
    assert.match(html, /<script type="module">/, `${where}: the app's loader is still in the page`);
    assert.match(html, /Content-Security-Policy/, `${where}: and its policy`);
    assert.match(html, /<link rel="modulepreload" href="\/restride_split-[0-9a-f]{16}\.js"/, `${where}: the split loader preloaded`);
    await page.getByRole("heading", { name: "Today", level: 2 }).waitFor();
    assert.equal(await page.getByRole("heading", { name: "Welcome to Restride" }).count(), 0, `${where}: no welcome card`);
  }
  await app.assertClean();
});
