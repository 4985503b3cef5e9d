// When the runner takes an update in one tab, every other open tab reloads onto the
// new version too: an old page left running would fetch its lazily loaded parts
// (the import worker) from a cache that now holds the new version's files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appReady, openApp, waitForServiceWorker } from "./support.mjs";
import { buildOf, checkForUpdate, publishNext, serveCopy } from "./hosting.mjs";

test("taking an update in one tab reloads the others onto it", async (t) => {
  const { dir, base } = await serveCopy(t);
  const app = await openApp(t, { base });
  const a = app.page;
  await waitForServiceWorker(a);
  const b = await app.context.newPage();
  await b.goto(base + "/#/history");
  await appReady(b);
  await waitForServiceWorker(b);
  await b.evaluate(() => {
    window.__oldPage = true;
  });

  publishNext(dir);
  assert.equal(await checkForUpdate(a), "installed");
  const banner = a.getByRole("button", { name: "A new version is ready — reload" });
  await banner.waitFor({ timeout: 20_000 });
  const bReloads = b.waitForEvent("load", { timeout: 20_000 });
  await Promise.all([a.waitForEvent("load"), banner.click()]);
  await bReloads;
  await appReady(b);
  assert.equal(await b.evaluate(() => window.__oldPage ?? false), false, "the other tab is a new page");
  assert.equal(await buildOf(b), "next");
  assert.equal(await buildOf(a), "next");
  await b.getByRole("heading", { name: "History" }).waitFor();
  await app.assertClean();
});
