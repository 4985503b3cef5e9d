// The race recovery week (issue 12): after a half marathon, the next plan has no
// quality session and says why, and the race goal stays in view with "recover first".
import { test } from "node:test";
import assert from "node:assert/strict";
import { appReady, goTab, openApp, planThisWeek, seedRuns, variedProgressingPlan } from "./support.mjs";

test("a race logged: the next week is easy, says why, and the goal says recover first", async (t) => {
  // Saturday: the goal is tomorrow's half marathon.
  const app = await openApp(t, { fixedTime: new Date(2026, 10, 21, 9, 0) });
  const { page, context } = app;
  await goTab(page, "Plan");
  const goal = page.getByRole("form", { name: "Race goal" });
  await goal.getByLabel("Distance").selectOption({ label: "Half marathon" });
  await goal.getByLabel("Race day").fill("2026-11-22");
  await goal.getByRole("button", { name: "Set goal" }).click();
  await page.getByTestId("race-outlook").getByText("half marathon on Sun 22 Nov — tomorrow.").waitFor();

  // Monday: the race is logged (yesterday, 1:45:00) on top of 16 varied weeks.
  await context.clock.setFixedTime(new Date(2026, 10, 23, 8, 0));
  await page.reload();
  await appReady(page);
  await seedRuns(page, [...variedProgressingPlan().map((r) => ({ ...r, daysAgo: r.daysAgo + 2 })), { daysAgo: 1, hour: 9, kind: "race", minutes: 105, km: 21.1, rpe: 9, feel: 4 }]);
  await planThisWeek(page);
  const kinds = await page.locator('li.plan-day[data-status="planned"]').evaluateAll((els) => els.map((e) => e.dataset.kind));
  assert.ok(kinds.length > 0, "some easy running");
  for (const kind of kinds) assert.ok(!["tempo", "intervals", "hills"].includes(kind), `no quality after the race: ${kinds}`);
  await page.getByText(/Recovering from your half marathon on Sun 22 Nov: easy running only until/).waitFor();

  // The goal stays in view, and says recover first.
  const outlook = page.getByTestId("race-outlook");
  await outlook.getByText("half marathon on Sun 22 Nov — yesterday.").waitFor();
  await outlook.getByText(/^Recover first: easy running only until/).waitFor();
  assert.equal(await outlook.getByText(/^Predicted/).count(), 0);
  await app.assertClean();
});
