// Importing the exports most runners have besides Strava's: Apple Health's
// export.zip (workouts, their routes and the iOS 18 effort rating, streamed out of
// export.xml) and Garmin's account export with its summarizedActivities.json
// (summaries merged with the FIT files, and the runs only the summaries hold). Both
// show up on History and change the Rut Radar. A large export can be cancelled, and
// cancelling saves nothing. Files come from
// crates/restride-import/examples/e2e_fixtures.rs, dated relative to now.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { goTab, openApp, runItems, seriousA11yViolations } from "./support.mjs";
import { importFixtures, importReport, openImport, removeFixtures } from "./import-support.mjs";

let dir;
after(() => removeFixtures(dir));
before(() => {
  dir = importFixtures("restride-import-exports-");
});

const report = importReport;

test("an Apple Health export.zip imports its workouts, shows them in History and changes the radar", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  assert.equal(await page.locator('[data-sign="staleness"]').getAttribute("data-status"), "insufficient");

  await openImport(page);
  await page.getByLabel("Choose files").setInputFiles(join(dir, "apple", "export.zip"));
  await report(page).waitFor({ timeout: 60_000 });
  const summary = await report(page).textContent();
  // 20 runs and a strength session (cross-training); the CDA file is passed over.
  assert.match(summary, /Imported 21 activities \(1 cross-training\)\./);
  assert.match(summary, /0 duplicates already here, 1 skipped, 0 could not be read\./);
  assert.deepEqual(await seriousA11yViolations(page), []);

  await goTab(page, "History");
  const first = runItems(page).first();
  await first.waitFor();
  const history = await page.locator("#main").textContent();
  assert.match(history, /Effort 4/, "the runner's own effort rating from iOS 18");
  assert.match(history, /Route 1/, "routes from workout-routes/*.gpx");
  assert.match(history, /15 °C, 65 % humidity/, "the workout's weather in its notes");

  await goTab(page, "Today");
  const stale = page.locator('[data-sign="staleness"]');
  assert.match(await stale.getAttribute("data-status"), /^(watch|rut)$/);

  // The same export again: everything is already here.
  await openImport(page);
  await page.getByLabel("Choose files").setInputFiles(join(dir, "apple", "export.zip"));
  await report(page).waitFor({ timeout: 60_000 });
  assert.match(await report(page).textContent(), /Imported 0 activities\.\s*21 duplicates already here/);
  await app.assertClean();
});

/** How many of the radar's cards still say "not enough data". */
async function insufficientCards(page) {
  await goTab(page, "Today");
  await page.getByRole("heading", { name: "Rut Radar" }).waitFor();
  return page.locator('.sign-card[data-status="insufficient"]').count();
}

test("a Garmin export with summaries merges them with its FIT files and keeps the runs only summaries hold", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  const before = await insufficientCards(page);
  await openImport(page);
  await page.getByLabel("Choose files").setInputFiles(join(dir, "garmin-export.zip"));
  await report(page).waitFor({ timeout: 60_000 });
  const summary = await report(page).textContent();
  // Sixteen FIT runs (each merged with its summary) and two treadmill runs entered
  // by hand; the profile JSON is passed over.
  assert.match(summary, /Imported 18 activities\./);
  assert.match(summary, /0 duplicates already here, 1 skipped, 0 could not be read\./);

  await goTab(page, "History");
  await runItems(page).first().waitFor();
  const history = await page.locator("#main").textContent();
  assert.match(history, /Parque del Retiro/, "the name given on Garmin Connect");
  assert.match(history, /Effort 6/, "the self-evaluation kept in the summary");
  assert.match(history, /Treadmill/, "a run only the summaries hold");

  assert.ok((await insufficientCards(page)) < before, "the radar reads the imported runs");
  await app.assertClean();
});

test("a large export shows progress by bytes read and can be cancelled, saving nothing", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await openImport(page);
  await page.getByLabel("Choose files").setInputFiles(join(dir, "apple-large", "export.zip"));
  const bar = page.locator("progress#import-bar");
  await page.waitForFunction(() => Number(document.querySelector("progress#import-bar")?.getAttribute("value")) > 0, null, {
    timeout: 30_000,
  });
  const label = await page.locator(".import-progress label").textContent();
  assert.match(label, /^[\d.]+ MB of 2\d\d MB read$/, label);
  assert.ok(Number(await bar.getAttribute("max")) > 200_000, "the bar counts kilobytes of the whole file");
  await page.getByRole("button", { name: "Cancel import" }).click();
  await page.getByRole("alert").filter({ hasText: "Import cancelled. Nothing was saved." }).waitFor();
  assert.equal(await report(page).count(), 0);
  await goTab(page, "History");
  assert.equal(await runItems(page).count(), 0);
  await app.assertClean();
});

test("the worker refuses a message of another version, or an unreadable list of saved runs, and says why", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  const replies = await page.evaluate(async () => {
    const worker = new Worker(document.querySelector("meta[name=restride-import-worker]").content);
    const next = () => new Promise((resolve) => worker.addEventListener("message", (e) => resolve(JSON.parse(e.data)), { once: true }));
    const ready = await next();
    worker.postMessage({ message: JSON.stringify({ protocol: 1, message: { kind: "import", existing: [] } }), files: [] });
    const older = await next();
    const broken = { protocol: ready.protocol, message: { kind: "import", existing: [{ start_utc: "not a date" }] } };
    worker.postMessage({ message: JSON.stringify(broken), files: [] });
    const unreadable = await next();
    worker.postMessage({ message: JSON.stringify({ protocol: ready.protocol, message: { kind: "import", existing: [] } }), files: [] });
    const empty = await next();
    worker.terminate();
    return { ready, older, unreadable, empty };
  });
  assert.deepEqual(replies.ready, { protocol: 2, message: { kind: "ready" } });
  assert.deepEqual(replies.older.message, { kind: "refused", reason: { kind: "other_version", ours: 2, theirs: 1 } });
  assert.equal(replies.unreadable.message.kind, "refused");
  assert.equal(replies.unreadable.message.reason.kind, "unreadable", "never read as no runs at all");
  assert.equal(replies.empty.message.kind, "done");
  assert.deepEqual(replies.empty.message.summary.activities, []);
  await app.assertClean();
});
