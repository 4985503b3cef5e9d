// Every page but Today (Log, History, Plan, Progress, Import, Settings) is a wasm
// chunk of its own (src/lazy.rs, scripts/split-wasm.mjs): Today comes without
// them, each loads when it is first opened or once Today is painted (a first
// visit fetches Log's and History's, an installed app every one from the service
// worker), one that takes a moment says "Opening…", and one that can't be fetched
// says so and loads when the runner tries again (the offline spec opens each one
// offline).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { appReady, goTab, openApp, waitForServiceWorker } from "./support.mjs";
import { serveCopy } from "./hosting.mjs";

const CHUNK = /\/(log|history|plan|progress|import|settings)_page-[0-9a-f]{16}\.wasm$/;

/** The split pages' chunks the page itself has fetched, by page name. */
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

test("a first visit loads Today without the other pages' code, then Log's and History's, and each other page's when it is opened", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await page.getByRole("heading", { name: "Rut Radar" }).waitFor();
  // Once idle after Today's first frame: a new runner's first taps, nothing more.
  await page.waitForFunction((source) => performance.getEntriesByType("resource").filter((e) => new RegExp(source).test(e.name)).length >= 2, CHUNK.source);
  await page.waitForTimeout(500);
  assert.deepEqual((await chunksFetched(page)).sort(), ["history", "log"]);

  await goTab(page, "Plan");
  await page.getByRole("heading", { name: "Plan", level: 2 }).waitFor();
  assert.deepEqual((await chunksFetched(page)).sort(), ["history", "log", "plan"]);

  await goTab(page, "Settings");
  await page.getByRole("heading", { name: "Settings", level: 2 }).waitFor();
  await goTab(page, "Plan");
  await page.getByRole("heading", { name: "Plan", level: 2 }).waitFor();
  await goTab(page, "Log");
  await page.getByRole("heading", { name: "Log a run" }).waitFor();
  assert.deepEqual((await chunksFetched(page)).sort(), ["history", "log", "plan", "settings"], "a page's chunk is fetched once");
  await app.assertClean();
});

test("an installed start fetches every split page once Today is shown, so a first tap doesn't wait", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await waitForServiceWorker(page);
  await page.reload();
  await appReady(page);
  await page.waitForFunction(
    (source) => new Set(performance.getEntriesByType("resource").map((e) => e.name.match(new RegExp(source))?.[1]).filter(Boolean)).size === 6,
    CHUNK.source,
  );
  assert.deepEqual((await chunksFetched(page)).sort(), ["history", "import", "log", "plan", "progress", "settings"]);
  await goTab(page, "Plan");
  await page.getByRole("heading", { name: "Plan", level: 2 }).waitFor();
  assert.equal((await chunksFetched(page)).length, 6, "opening a page fetches nothing more");
  await app.assertClean();
});

test("a page whose code takes a moment to arrive says it is opening meanwhile", async (t) => {
  // No service worker: the chunk comes from the network, held back here for 1.5 s.
  const app = await openApp(t, { serviceWorkers: "block" });
  const { page } = app;
  await page.route(/\/settings_page-[0-9a-f]{16}\.wasm$/, async (route) => {
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
  // The host lost the Settings chunk (and so the service worker can't install).
  const chunk = readdirSync(dir).find((f) => /^settings_page-[0-9a-f]{16}\.wasm$/.test(f));
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
