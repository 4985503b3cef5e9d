// From launch, a repeat of the usual run is saved in at most 3 taps (effort, feel,
// save), prefilled from the most similar recent run, with an undo.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appReady, goTab, localDateTime, logRun, openApp, runItems } from "./support.mjs";

test("the usual run is logged again in 3 taps from launch, and can be undone", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  // History: the runner's usual is an easy 5 km around the park at this time of day.
  await logRun(page, { start: localDateTime(3 * 24 * 60), type: "Easy", duration: "30:00", distance: "5", rpe: "3", feel: "Good" });
  await logRun(page, { start: localDateTime(2 * 24 * 60), type: "Tempo", duration: "25:00", distance: "5", rpe: "6", feel: "OK" });
  await logRun(page, { start: localDateTime(24 * 60), type: "Easy", duration: "31:00", distance: "5.2", rpe: "4", feel: "Good" });

  // Launch: the Today tab, as from the home screen icon.
  await page.goto(new URL("/", page.url()).href);
  await appReady(page);
  const card = page.getByRole("region", { name: "Just finished your usual run?" });
  await card.getByText("Easy · 5.20 km · 31:00 · 5:58 /km").waitFor();
  assert.equal(await card.getByRole("radio", { name: "4 Somewhat hard" }).isChecked(), true, "effort prefilled");

  // Count every tap from here to saved.
  await page.evaluate(() => {
    window.__taps = 0;
    document.addEventListener("click", (e) => e.isTrusted && window.__taps++, true);
  });
  await card.getByRole("radio", { name: "5 Hard" }).click(); // 1
  await card.getByRole("radio", { name: "Poor" }).click(); // 2
  await card.getByRole("button", { name: "Save this run" }).click(); // 3
  await page.getByRole("status").getByText("Run saved.").waitFor();
  const taps = await page.evaluate(() => window.__taps);
  assert.ok(taps <= 3, `saved in ${taps} taps`);

  await goTab(page, "History");
  assert.equal(await runItems(page).count(), 4);
  const newest = runItems(page).first();
  assert.match(await newest.textContent(), /5\.20 km · 31:00/);
  assert.match(await newest.textContent(), /Effort 5 \(Hard\) · Felt poor/);

  // Undo from a fresh save takes the run back out. (The card shows the run just
  // saved as logged: a second run is asked for first.)
  await goTab(page, "Today");
  await card.getByRole("button", { name: "Log another run" }).click();
  await card.getByRole("button", { name: "Save this run" }).click();
  await page.getByRole("button", { name: "Undo" }).click();
  await page.getByRole("status").getByText("Run removed.").waitFor();
  await goTab(page, "History");
  assert.equal(await runItems(page).count(), 4);
  await app.assertClean();
});

test("the Log a run shortcut opens the form with the quick card above it", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await logRun(page, { duration: "40:00", distance: "8" });
  // The URL says #/log (the form's) until History puts its hash there a frame
  // after it shows (Nav::navigate): going to #/log before then would change nothing.
  await page.waitForURL(/#\/history$/);
  await page.goto(new URL("/#/log", page.url()).href);
  await page.getByRole("region", { name: "Just finished your usual run?" }).waitFor();
  await page.getByRole("form", { name: "Log a run" }).waitFor();
  await app.assertClean();
});
