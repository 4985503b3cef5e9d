// History groups runs by the runner's week with weekly totals, filters by type,
// and renders a page at a time with "Show more weeks" for older ones.
import { test } from "node:test";
import assert from "node:assert/strict";
import { goTab, openApp, runItems, seedRuns } from "./support.mjs";

test("history is grouped by week with totals, filtered by type, and paged", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  const runs = [];
  for (let d = 1; d <= 70; d++) runs.push({ daysAgo: d, hour: 7, kind: d % 5 === 0 ? "tempo" : "easy", minutes: 30, km: 5, rpe: 3, feel: 4 });
  await seedRuns(page, runs);
  await goTab(page, "History");

  const weeks = page.getByRole("region", { name: /^Week of / });
  const firstPage = await runItems(page).count();
  assert.ok(firstPage >= 6 && firstPage < 20, `one page of runs, not all 70 (${firstPage})`);
  await page.getByRole("button", { name: "Show more weeks" }).click();
  assert.ok((await runItems(page).count()) > firstPage);
  // A full week of daily runs totals 7 sessions, 3:30:00 and 35 km. (Checked after
  // one more page: on some weekdays the first page is only the week so far.)
  await page.getByText("7 sessions · 3:30:00 · 35.00 km").first().waitFor();
  const weeksShown = await weeks.count();
  while (await page.getByRole("button", { name: "Show more weeks" }).count()) {
    await page.getByRole("button", { name: "Show more weeks" }).click();
  }
  assert.equal(await runItems(page).count(), 70);
  assert.ok((await weeks.count()) > weeksShown);

  await page.getByLabel("Show").selectOption({ label: "Tempo" });
  while (await page.getByRole("button", { name: "Show more weeks" }).count()) {
    await page.getByRole("button", { name: "Show more weeks" }).click();
  }
  assert.equal(await runItems(page).count(), 14);
  assert.equal(await page.locator('li.run[data-kind="easy"]').count(), 0);
  await app.assertClean();
});
