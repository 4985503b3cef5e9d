// A new version waits in the background; the app offers "A new version is ready —
// reload"; only that tap switches to it, and the old cache is then deleted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { precompress } from "../scripts/postbuild.mjs";
import { appReady, openApp, waitForServiceWorker } from "./support.mjs";
import { serveCopy } from "./hosting.mjs";

test("a new version waits for the runner's tap, then takes over", async (t) => {
  const { dir, base } = await serveCopy(t);
  const app = await openApp(t, { base });
  const { page } = app;
  await waitForServiceWorker(page);
  const [oldCache] = await page.evaluate(() => caches.keys());
  const banner = page.getByRole("button", { name: "A new version is ready — reload" });
  assert.equal(await banner.count(), 0, "no banner before there is an update");

  // Publish a new build: same files, a new service worker version.
  const sw = join(dir, "sw.js");
  writeFileSync(sw, readFileSync(sw, "utf8").replace(/const VERSION = "([0-9a-f]+)"/, 'const VERSION = "$1next"'));
  precompress(dir);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await banner.waitFor({ timeout: 20_000 });

  // Waiting, not active: the page is still on the old version.
  const state = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    return { waiting: reg.waiting?.state, caches: await caches.keys() };
  });
  assert.equal(state.waiting, "installed");
  assert.ok(state.caches.includes(oldCache));

  await Promise.all([page.waitForEvent("load"), banner.click()]);
  await appReady(page);
  await page.waitForFunction((old) => caches.keys().then((k) => k.length === 1 && k[0] !== old), oldCache);
  const [newCache] = await page.evaluate(() => caches.keys());
  assert.equal(newCache, `${oldCache}next`);
  assert.equal(await banner.count(), 0);
  await app.assertClean();
});
