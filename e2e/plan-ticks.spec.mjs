// A plan's ticks follow the runs: deleting the run that ticked a session off plans
// it again, and Undo ticks it again. A run saved when the plan can't be updated
// says both things at once.
import { test } from "node:test";
import assert from "node:assert/strict";
import { goTab, logRun, openApp, planDay, planThisWeek, runItems } from "./support.mjs";

const TUESDAY_EVENING = new Date(2026, 10, 24, 19, 0); // Tue 24 Nov 2026, local time

test("deleting the run that ticked a session plans it again, and Undo ticks it again", async (t) => {
  const app = await openApp(t, { fixedTime: TUESDAY_EVENING });
  const { page } = app;
  await planThisWeek(page);
  await logRun(page, { duration: "21:00", distance: "3.2" });
  await goTab(page, "Plan");
  assert.equal(await planDay(page, "2026-11-24").getAttribute("data-status"), "done");

  await goTab(page, "History");
  await runItems(page).first().getByRole("button", { name: /^Delete run of/ }).click();
  await page.getByRole("status").getByText("Run deleted.").waitFor();
  await goTab(page, "Plan");
  assert.equal(await planDay(page, "2026-11-24").getAttribute("data-status"), "planned");
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("restride.plan.2026-11-23")));
  assert.equal(stored.sessions.find((s) => s.date === "2026-11-24").status, "planned", "stored too");

  await page.getByRole("button", { name: "Undo" }).click();
  await page.getByRole("status").getByText("Run restored.").waitFor();
  assert.equal(await planDay(page, "2026-11-24").getAttribute("data-status"), "done");
  await app.assertClean();
});

test("a run saved when the plan can't be updated shows both messages", async (t) => {
  const app = await openApp(t, { fixedTime: TUESDAY_EVENING });
  const { page } = app;
  await planThisWeek(page);
  // A newer version of Restride (another tab) rewrote this week's plan meanwhile:
  // this version must not write over it.
  await page.evaluate(() => localStorage.setItem("restride.plan.2026-11-23", JSON.stringify({ schema: 99 })));
  await logRun(page, { duration: "21:00", distance: "3.2" });
  const toast = page.getByRole("status").filter({ hasText: "Run saved." });
  await toast.getByText("The run is saved, but the plan couldn't be updated:", { exact: false }).waitFor();
  assert.equal(await runItems(page).count(), 1);
  await app.assertClean();
});
