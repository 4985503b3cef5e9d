// A gentle reminder to back up, where the runner can't miss it (Today): shown once
// runs have gone unbacked-up for a week (a month once the browser keeps storage),
// with a one-tap backup; "Not now" puts it off, remembered across reloads, until
// the same interval has passed again. Settings says when the last backup was.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appReady, goTab, openApp, seedRuns } from "./support.mjs";

const DAY = 86_400_000;

test("the backup reminder shows on Today, can be put off, comes back, and a backup ends it", async (t) => {
  const start = Date.now();
  const app = await openApp(t, {
    fixedTime: start,
    initScript: () => {
      navigator.storage.persisted = () => Promise.resolve(false);
      navigator.storage.persist = () => Promise.resolve(false);
    },
  });
  const { page, context } = app;
  await page.getByRole("heading", { name: "Today" }).waitFor();
  assert.equal(await page.getByRole("region", { name: "Back up your runs" }).count(), 0, "nothing to back up yet");
  // Runs first saved ten days ago, never backed up.
  await seedRuns(page, [{ daysAgo: 10, kind: "easy", minutes: 30, km: 5, rpe: 3, feel: 4 }, { daysAgo: 3, kind: "easy", minutes: 30, km: 5, rpe: 3, feel: 4 }]);
  const reminder = page.getByRole("region", { name: "Back up your runs" });
  await reminder.getByText("Your runs are only on this device. This browser may delete them if you don't visit for a while. You haven't backed up yet.").waitFor();

  await reminder.getByRole("button", { name: "Not now" }).click();
  await reminder.waitFor({ state: "detached" });
  await page.reload();
  await appReady(page);
  await page.waitForTimeout(300);
  assert.equal(await reminder.count(), 0, "put off, remembered");

  // Eight days on, it is back.
  await context.clock.setFixedTime(start + 8 * DAY);
  await page.reload();
  await appReady(page);
  await reminder.waitFor();
  const [download] = await Promise.all([page.waitForEvent("download"), reminder.getByRole("button", { name: "Back up now" }).click()]);
  assert.match(download.suggestedFilename(), /^restride-backup-\d{4}-\d{2}-\d{2}\.json$/);
  await reminder.waitFor({ state: "detached" });
  await page.getByRole("status").getByText(/^Backup downloaded \(restride-backup-.*\)\. Keep it off this device/).waitFor();
  await goTab(page, "Settings");
  await page.getByText("Last backup: today.").waitFor();
  await context.clock.setFixedTime(start + 11 * DAY);
  await page.reload();
  await appReady(page);
  await goTab(page, "Settings");
  await page.getByText("Last backup: 3 days ago.").waitFor();
  await app.assertClean();
});
