// Consistency that motivates without punishing: Today counts the weeks in a row
// with the planned number of runs (runs, not days), a week ill keeps it going, and
// Settings can hide it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { goTab, openApp, seedRuns } from "./support.mjs";

const MONDAY = new Date(2026, 10, 23, 8, 0); // Mon 23 Nov 2026, local time

/** Three runs in each of the three weeks before last (the default three run days; two of them on one day), and one run last week. */
function threeGoodWeeksThenOneRun() {
  const runs = [{ daysAgo: 3, hour: 7, kind: "easy", minutes: 30, km: 5, rpe: 3, feel: 4 }];
  for (let week = 1; week < 4; week++) {
    [1, 3, 3].forEach((day, i) => runs.push({ daysAgo: week * 7 + day, hour: 7 + 5 * i, kind: "easy", minutes: 30, km: 5, rpe: 3, feel: 4 }));
  }
  return runs;
}

test("weeks in a row with the planned runs, a grace week when ill, hidden from Settings", async (t) => {
  const app = await openApp(t, { fixedTime: MONDAY });
  const { page } = app;
  await seedRuns(page, threeGoodWeeksThenOneRun());
  const week = page.getByRole("heading", { name: "This week" }).locator("..");
  // Last week fell short: nothing is "lost", this week is a fresh start.
  await week.getByText("This week: 0 of 3 so far. Get them in to start a run of weeks.").waitFor();

  // Ill last week: a grace week, and the three weeks before it count again.
  await page.evaluate(() => {
    localStorage.setItem("restride.setbacks", JSON.stringify({ schema: 4, setbacks: [{ kind: "ill", start: "2026-11-17", end: "2026-11-21" }] }));
  });
  await page.reload();
  await week.getByText("3 weeks in a row with your planned runs (a grace week included). This week: 0 of 3 so far.").waitFor();

  await goTab(page, "Settings");
  await page.getByRole("checkbox", { name: "Show weeks in a row on Today" }).uncheck();
  await goTab(page, "Today");
  await page.getByRole("heading", { name: "This week" }).waitFor();
  assert.equal(await page.locator(".streak:visible").count(), 0, "hidden");
  // Today puts its hash in the URL a frame after it shows (Nav::navigate): a
  // reload in that frame would reload Settings.
  await page.waitForURL(/#\/today$/);
  await page.reload();
  await page.getByRole("heading", { name: "This week" }).waitFor();
  assert.equal(await page.locator(".streak").count(), 0, "still hidden after a reload");
  assert.match(await page.evaluate(() => localStorage.getItem("restride.settings")), /"hide_streak":true/);
  await app.assertClean();
});
