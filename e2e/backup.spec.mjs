// Backup and restore: export everything (runs, check-ins, settings, the plan, the
// race goal, deletions), clear the device, import it back and everything returns
// byte for byte; importing again adds nothing; a malformed or newer-version file
// is refused with a reason and changes nothing. CSV export downloads.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appReady, goTab, localDateTime, logRun, openApp, planThisWeek, runItems } from "./support.mjs";

/** Every key of the runner's data and its value: all but this device's own notes. */
const storedData = (page) =>
  page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith("restride.") && k !== "restride.device")
      .sort()
      .map((k) => [k, localStorage.getItem(k)]),
  );

async function importFile(page, path) {
  await goTab(page, "Settings");
  await page.getByLabel("Import a backup").setInputFiles(path);
}

test("export, clear, import restores everything; a second import adds nothing", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await logRun(page, { start: localDateTime(60 * 24 * 40), type: "Long", duration: "1:30:00", distance: "16", notes: "long, <b>not bold</b>" });
  await logRun(page, { start: localDateTime(90), type: "Hills", duration: "20:00", distance: "3.5", rpe: "7" });
  await goTab(page, "Today");
  await page.getByRole("button", { name: "Check in" }).click();
  const form = page.getByRole("form", { name: "Daily check-in" });
  for (const group of ["Sleep quality", "Stress", "Fatigue", "Muscle soreness"]) {
    await form.getByRole("group", { name: group }).getByRole("radio", { name: /^3 / }).check();
  }
  await form.getByRole("group", { name: "Hydration" }).getByRole("radio", { name: "Good", exact: true }).check();
  await form.getByRole("group", { name: "Motivation to run" }).getByRole("radio", { name: "Keen" }).check();
  await form.getByRole("button", { name: "Save check-in" }).click();
  await goTab(page, "Settings");
  await page.getByRole("radio", { name: "Miles" }).check();
  await page.waitForFunction(() => localStorage.getItem("restride.settings")?.includes('"units":"mi"'));
  const before = JSON.stringify(await storedData(page));

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export backup" }).click()]);
  assert.match(download.suggestedFilename(), /^restride-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const dir = mkdtempSync(join(tmpdir(), "restride-backup-"));
  const file = join(dir, "backup.json");
  await download.saveAs(file);
  const backup = JSON.parse(readFileSync(file, "utf8"));
  assert.equal(backup.format, "restride-backup");
  assert.equal(backup.runs.length, 2);
  assert.equal(backup.wellness.length, 1);

  // A new phone: nothing stored.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await appReady(page);
  await goTab(page, "History");
  await page.getByText("No runs yet.").waitFor();

  await importFile(page, file);
  await page.getByRole("status").getByText("Backup imported. Runs: 2 new, 0 updated, 0 already here. Check-ins: 1 new, 0 updated, 0 already here. Settings taken from the backup.").waitFor();
  assert.equal(JSON.stringify(await storedData(page)), before, "storage is exactly as before");
  await goTab(page, "History");
  assert.equal(await runItems(page).count(), 2);
  await runItems(page).getByText("long, <b>not bold</b>").waitFor();
  assert.match(await runItems(page).first().textContent(), /mi/);

  await importFile(page, file);
  await page.getByRole("status").getByText("Runs: 0 new, 0 updated, 2 already here.", { exact: false }).waitFor();
  assert.equal(JSON.stringify(await storedData(page)), before, "the second import changed nothing");

  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export runs as CSV" }).click()]);
  const rows = readFileSync(await csv.path(), "utf8").trim().split("\r\n");
  assert.equal(rows.length, 3, "header and two runs");
  await app.assertClean();
});

test("a malformed or newer-version backup is refused with a reason and changes nothing", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await logRun(page, { notes: "precious" });
  const before = JSON.stringify(await storedData(page));
  const dir = mkdtempSync(join(tmpdir(), "restride-bad-"));

  const garbage = join(dir, "garbage.json");
  writeFileSync(garbage, '{"format":"restride-backup","schema":2,"runs":[{"id":');
  await importFile(page, garbage);
  await page.getByRole("alert").getByText(/^garbage\.json wasn't imported: .+ Nothing was changed\.$/).waitFor();

  const future = join(dir, "future.json");
  writeFileSync(future, JSON.stringify({ format: "restride-backup", schema: 99, exported_at: "2030-01-01T00:00:00Z", runs: [], wellness: [] }));
  await importFile(page, future);
  await page.getByRole("alert").getByText(/future\.json wasn't imported: .*newer version of Restride/).waitFor();

  const other = join(dir, "other.json");
  writeFileSync(other, JSON.stringify({ hello: "world" }));
  await importFile(page, other);
  await page.getByRole("alert").getByText(/other\.json wasn't imported/).waitFor();

  assert.equal(JSON.stringify(await storedData(page)), before);
  await goTab(page, "History");
  await runItems(page).filter({ hasText: "precious" }).waitFor();
  await app.assertClean();
});

test("the plan, the race goal and a deletion survive export, clear and import", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await logRun(page, { start: localDateTime(60 * 24 * 3), notes: "kept" });
  await logRun(page, { start: localDateTime(60 * 24 * 2), notes: "deleted later" });
  await goTab(page, "History");
  await runItems(page).filter({ hasText: "deleted later" }).getByRole("button", { name: /^Delete run of/ }).click();
  await runItems(page).filter({ hasText: "deleted later" }).waitFor({ state: "detached" });
  const sessions = await planThisWeek(page);
  const planned = await sessions.count();
  assert.ok(planned > 0);
  const goalForm = page.getByRole("form", { name: "Race goal" });
  const raceDay = new Date(Date.now() + 70 * 86_400_000).toISOString().slice(0, 10);
  await goalForm.getByLabel("Distance").selectOption({ label: "Half marathon" });
  await goalForm.getByLabel("Race day").fill(raceDay);
  await goalForm.getByLabel("Target time (optional)").fill("1:55:00");
  await goalForm.getByRole("button", { name: "Set goal" }).click();
  await goalForm.getByRole("button", { name: "Clear goal" }).waitFor();
  const before = await storedData(page);
  assert.ok(before.some(([k]) => k.startsWith("restride.plan.")), "a plan is stored");
  assert.ok(before.some(([k]) => k === "restride.goal"), "a goal is stored");

  await goTab(page, "Settings");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export backup" }).click()]);
  const file = join(mkdtempSync(join(tmpdir(), "restride-all-")), "backup.json");
  await download.saveAs(file);

  // A new phone: nothing stored.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await appReady(page);
  await importFile(page, file);
  await page.getByRole("status").getByText(/^Backup imported\./).waitFor();
  assert.deepEqual(await storedData(page), before, "everything is back, byte for byte");
  await page.getByRole("status").getByText(/Planned weeks: 1 new, 0 updated, 0 already here\. The race goal was taken from the backup\./).waitFor();
  const backup = JSON.parse(readFileSync(file, "utf8"));
  assert.equal(backup.schema, 5);
  assert.equal(backup.plans.length, 1);
  assert.equal(backup.goal.distance_m, 21097.5);
  assert.equal(backup.deleted.length, 1, "the deletion travels too");
  assert.ok(before.some(([k]) => k === "restride.deleted"));
  await goTab(page, "Plan");
  assert.equal(await page.getByRole("list", { name: "This week's sessions" }).getByRole("listitem").count(), planned);
  await page.getByRole("form", { name: "Race goal" }).getByRole("button", { name: "Clear goal" }).waitFor();
  await goTab(page, "History");
  assert.equal(await runItems(page).count(), 1);
  await app.assertClean();
});
