// Updates never mix versions (issue 13): a new version's files are fetched past the
// HTTP cache and checked against its list before it is used, so a host that sends
// `Cache-Control: max-age` (or a CDN still serving the last deploy) can't put one
// version's index.html beside another's files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { appReady, goTab, openApp, waitForServiceWorker } from "./support.mjs";
import { buildOf, checkForUpdate, publishNext, serveCopy, appFilesOf } from "./hosting.mjs";

const BANNER = "A new version is ready — reload";

test("with max-age on every file, an update brings the new index.html with the new files, online and offline", async (t) => {
  const { dir, base } = await serveCopy(t, { mode: "max-age" });
  const app = await openApp(t, { base });
  const { page, context } = app;
  await waitForServiceWorker(page);
  // This version's index.html is now in the HTTP cache for an hour.
  const glue = publishNext(dir);

  assert.equal(await checkForUpdate(page), "installed");
  const banner = page.getByRole("button", { name: BANNER });
  await banner.waitFor({ timeout: 20_000 });
  await Promise.all([page.waitForEvent("load"), banner.click()]);
  await appReady(page);
  assert.equal(await buildOf(page), "next", "index.html is the new version's");
  assert.deepEqual(await appFilesOf(page), { glue: [glue], styled: true }, "and so are its files");

  await context.setOffline(true);
  await page.reload();
  await appReady(page);
  assert.equal(await buildOf(page), "next");
  assert.deepEqual(await appFilesOf(page), { glue: [glue], styled: true });
  // A page split off the app's wasm loads through the new version's files too.
  await goTab(page, "Plan");
  await page.getByRole("heading", { name: "Plan", level: 2 }).waitFor();
  await app.assertClean();
});

test("a new version whose files don't match its list is not installed, and the old one keeps working offline", async (t) => {
  const { dir, base } = await serveCopy(t);
  const app = await openApp(t, { base });
  const { page, context } = app;
  await waitForServiceWorker(page);
  const before = await page.evaluate(() => caches.keys());
  // The new sw.js is out, but the host still serves the last index.html (a CDN's
  // stale copy, a half-finished upload).
  const copies = ["index.html", "index.html.br", "index.html.gz"].map((f) => join(dir, f));
  const last = copies.map((f) => readFileSync(f));
  publishNext(dir);
  copies.forEach((f, i) => writeFileSync(f, last[i]));

  assert.equal(await checkForUpdate(page), "redundant", "the install fails");
  assert.deepEqual(await page.evaluate(() => caches.keys()), before, "no new cache is kept");
  assert.equal(await page.getByRole("button", { name: BANNER }).count(), 0, "no update is offered");

  await context.setOffline(true);
  await page.reload();
  await appReady(page);
  assert.equal(await buildOf(page), "first");
  assert.equal((await appFilesOf(page)).styled, true);
  await app.assertClean();
});
