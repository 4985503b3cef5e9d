// Every page but Today is split off the first load into three wasm chunks
// (src/lazy.rs, scripts/split-wasm.mjs): runs (Log, History), training (Plan,
// Progress) and data (Settings, Import). Today comes without them, each loads when
// one of its pages is first opened or once Today is painted (a first visit fetches
// runs, an installed app every one from the service worker), one that takes a
// moment says "Opening…", and one that can't be fetched says so and loads when the
// runner tries again (the offline spec opens each page offline).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { appReady, goTab, openApp, waitForServiceWorker } from "./support.mjs";
import { serveCopy } from "./hosting.mjs";

const CHUNK = /\/(runs|training|data)-[0-9a-f]{16}\.wasm$/;

/** The split pages' chunks the page itself has fetched, by name. */
function chunksFetched(page) {
  return page.evaluate(
    (source) =>
      performance
        .getEntriesByType("resource")
        .map((e) => e.name.match(new RegExp(source))?.[1])
        .filter(Boolean),
    CHUNK.source,
  );
}

test("a first visit loads Today without the other pages' code, then Log's and History's, and the others' when one is opened", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await page.getByRole("heading", { name: "Rut Radar" }).waitFor();
  // Once idle after Today's first frame: a new runner's first taps, nothing more.
  await page.waitForFunction((source) => performance.getEntriesByType("resource").some((e) => new RegExp(source).test(e.name)), CHUNK.source);
  await page.waitForTimeout(500);
  assert.deepEqual(await chunksFetched(page), ["runs"]);

  await goTab(page, "Plan");
  await page.getByRole("heading", { name: "Plan", level: 2 }).waitFor();
  assert.deepEqual(await chunksFetched(page), ["runs", "training"]);

  await goTab(page, "Settings");
  await page.getByRole("heading", { name: "Settings", level: 2 }).waitFor();
  await goTab(page, "Plan");
  await page.getByRole("heading", { name: "Plan", level: 2 }).waitFor();
  await goTab(page, "Log");
  await page.getByRole("heading", { name: "Log a run" }).waitFor();
  await goTab(page, "History");
  await page.getByRole("heading", { name: "History", level: 2 }).waitFor();
  assert.deepEqual(await chunksFetched(page), ["runs", "training", "data"], "a chunk is fetched once");
  await app.assertClean();
});

test("an installed start fetches every split page once Today is shown, so a first tap doesn't wait", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await waitForServiceWorker(page);
  await page.reload();
  await appReady(page);
  await page.waitForFunction(
    (source) => new Set(performance.getEntriesByType("resource").map((e) => e.name.match(new RegExp(source))?.[1]).filter(Boolean)).size === 3,
    CHUNK.source,
  );
  assert.deepEqual((await chunksFetched(page)).sort(), ["data", "runs", "training"]);
  await goTab(page, "Plan");
  await page.getByRole("heading", { name: "Plan", level: 2 }).waitFor();
  assert.equal((await chunksFetched(page)).length, 3, "opening a page fetches nothing more");
  await app.assertClean();
});

test("a page whose code takes a moment to arrive says it is opening meanwhile", async (t) => {
  // No service worker: the chunk comes from the network, held back here for 1.5 s.
  const app = await openApp(t, { serviceWorkers: "block" });
  const { page } = app;
  await page.route(/\/data-[0-9a-f]{16}\.wasm$/, async (route) => {
    await new Promise((done) => setTimeout(done, 1_500));
    await route.continue();
  });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings", exact: true }).click();
  await page.getByRole("status").filter({ hasText: "Opening…" }).waitFor();
  await page.getByRole("heading", { name: "Settings", level: 2 }).waitFor();
  assert.equal(await page.getByText("Opening…").count(), 0);
  await app.assertClean();
});

test("a page whose code can't be fetched says so, keeps the app running, and opens on Try again", async (t) => {
  const { dir, base } = await serveCopy(t);
  // The host lost the chunk with Settings (and so the service worker can't install).
  const chunk = readdirSync(dir).find((f) => /^data-[0-9a-f]{16}\.wasm$/.test(f));
  const moved = [chunk, `${chunk}.br`, `${chunk}.gz`];
  for (const f of moved) renameSync(join(dir, f), join(dir, `${f}.gone`));

  const { page } = await openApp(t, { base });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings", exact: true }).click();
  const alert = page.getByRole("alert").filter({ hasText: "This page could not be opened" });
  await alert.waitFor();
  assert.match(await alert.textContent(), /Your runs are safe/);

  // The rest of the app still works.
  await goTab(page, "Today");
  await page.getByRole("heading", { name: "Rut Radar" }).waitFor();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings", exact: true }).click();
  await alert.waitFor();
  for (const f of moved) renameSync(join(dir, `${f}.gone`), join(dir, f));
  await page.getByRole("button", { name: "Try again" }).click();
  await page.getByRole("heading", { name: "Settings", level: 2 }).waitFor();
  assert.equal(await alert.count(), 0);
});
