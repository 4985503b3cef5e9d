// Imported runs are typed from their name, effort and pace, and their name is
// their title (in History and on Today's latest-run card), not a note under the
// numbers: no "Easy · Effort 7 (Very hard)". Strava's activities.csv on its own
// imports, as the import page says.
import { test } from "node:test";
import assert from "node:assert/strict";
import { goTab, openApp, runItems } from "./support.mjs";
import { importReport, openImport } from "./import-support.mjs";

/** "Nov 30, 2026, 6:00:00 AM": Strava's English date, in UTC, `daysAgo` days back at 06:00. */
function stravaDate(daysAgo) {
  const d = new Date(Date.now() - daysAgo * 86_400_000);
  const month = d.toLocaleString("en-US", { month: "short", timeZone: "UTC" });
  return `"${month} ${d.getUTCDate()}, ${d.getUTCFullYear()}, 6:00:00 AM"`;
}

/** An activities.csv as Strava writes it (its first Distance in km, RPE optional). */
function activitiesCsv() {
  const rows = [
    // id, days ago, name, minutes, km, effort
    [11, 12, "Morning Run", 30, 5, 3],
    [12, 11, "Morning Run", 31, 5.1, ""],
    [13, 10, "Intervals", 40, 8, ""],
    [14, 9, "Tempo Tuesday", 30, 6.3, ""],
    [15, 8, "Sunday Long Run", 95, 16, 4],
    [16, 7, "Hill repeats", 35, 6, ""],
    [17, 6, "Afternoon Run", 30, 5.2, 7],
    [18, 5, "Saturday parkrun", 23, 5, ""],
    [19, 4, "Morning Run", 29, 5, ""],
  ];
  const header = "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Moving Time,Perceived Exertion";
  const lines = rows.map(([id, ago, name, min, km, rpe]) => `${id},${stravaDate(ago)},${name},Run,${min * 60 + 30},${km},${min * 60},${rpe}`);
  return [header, ...lines].join("\n") + "\n";
}

test("a Strava activities.csv alone imports, each run typed and titled by its name", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await openImport(page);
  await page.getByText("From Strava, activities.csv on its own works too").waitFor();
  await page.getByLabel("Choose files").setInputFiles({ name: "activities.csv", mimeType: "text/csv", buffer: Buffer.from(activitiesCsv()) });
  await importReport(page).waitFor({ timeout: 60_000 });
  assert.match(await importReport(page).textContent(), /Imported 9 activities\./);

  await goTab(page, "History");
  await runItems(page).first().waitFor();
  const more = page.getByRole("button", { name: "Show more weeks" });
  while (await more.isVisible()) await more.click();
  assert.equal(await runItems(page).count(), 9);
  const shown = [];
  for (const item of await runItems(page).all()) {
    shown.push([await item.getByRole("heading").textContent(), await item.locator(".run-effort").first().textContent()]);
  }
  const typeOf = Object.fromEntries(shown.map(([title, line]) => [title, line.split(" · ")[0]]));
  assert.deepEqual(typeOf, {
    "Morning Run": "Easy",
    Intervals: "Intervals",
    "Tempo Tuesday": "Tempo",
    "Sunday Long Run": "Long",
    "Hill repeats": "Hills",
    "Afternoon Run": "Tempo", // rated 7: very hard, so not easy
    "Saturday parkrun": "Race",
  });
  for (const [title, line] of shown) assert.doesNotMatch(line, /^Easy · Effort [7-9]/, title);
  // The name is the title, not a note under the numbers.
  assert.equal(await page.locator("#main .run .notes").count(), 0);

  await goTab(page, "Today");
  // The latest run, in the "This week" card, goes by its name.
  await page.locator("p.latest").getByText("Latest run: Morning Run").waitFor();
  await app.assertClean();
});
