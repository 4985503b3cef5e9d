// Ill → back → the graded return (issue 12): saying "ill" in the daily check-in
// pauses this week's plan (no sessions, nothing missed) and the radar; days later,
// "I'm back" plans the days left as week 1 of the return, easy running only, and
// Today and the Plan tab say which week of the return it is and why.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appReady, goTab, openApp, planDay, planThisWeek, seedRuns, variedProgressingPlan } from "./support.mjs";

const MONDAY = new Date(2026, 10, 23, 8, 0); // Mon 23 Nov 2026, local time

async function answerCheckIn(form) {
  await form.getByLabel("Hours slept").fill("6");
  for (const [group, name] of [["Sleep quality", "4 Average"], ["Stress", "3 Low"], ["Fatigue", "6 Very high"], ["Muscle soreness", "4 Average"]]) {
    await form.getByRole("group", { name: group }).getByRole("radio", { name }).check();
  }
  await form.getByRole("group", { name: "Hydration" }).getByRole("radio", { name: "OK" }).check();
  await form.getByRole("group", { name: "Motivation to run" }).getByRole("radio", { name: "Low" }).check();
}

test("ill from the check-in pauses the week, and back plans the graded return", async (t) => {
  const app = await openApp(t, { fixedTime: MONDAY });
  const { page, context } = app;
  await seedRuns(page, variedProgressingPlan());
  await planThisWeek(page);
  assert.ok((await page.locator('li.plan-day[data-status="planned"]').count()) >= 3);

  // The check-in asks "ill or injured?", with the neck check in plain words.
  await goTab(page, "Today");
  await page.getByRole("region", { name: "Daily check-in" }).getByRole("button", { name: "Check in" }).click();
  const form = page.getByRole("form", { name: "Daily check-in" });
  await answerCheckIn(form);
  const ill = form.getByRole("group", { name: "Ill or injured?" });
  await ill.getByText(/above the neck\) — easy running is fine/).waitFor();
  await ill.getByRole("radio", { name: "Ill (fever or below the neck)" }).check();
  await form.getByRole("button", { name: "Save check-in" }).click();
  await page.getByRole("status").filter({ hasText: "Marked ill from Mon 23 Nov" }).waitFor();

  // Today says so, with what to do, and the radar is paused.
  const notice = page.getByRole("region", { name: "Paused: you're ill" }).first();
  await notice.getByText(/Rest: the plan is paused, nothing counts as missed/).waitFor();
  await page.getByText(/You are ill since Mon 23 Nov: the radar pauses/).waitFor();

  // The Plan tab: nothing planned.
  await goTab(page, "Plan");
  await page.getByRole("region", { name: "Paused: you're ill" }).waitFor();
  assert.equal(await page.locator('li.plan-day[data-status="planned"]').count(), 0);
  await page.locator(".adjustments").getByText(/Paused while you are ill \(since Mon 23 Nov\)/).waitFor();

  // Thursday: still nothing counts as missed.
  await context.clock.setFixedTime(new Date(2026, 10, 26, 8, 0));
  await page.reload();
  await appReady(page);
  await goTab(page, "Plan");
  assert.equal(await page.locator("li.plan-day").filter({ hasText: /missed/ }).count(), 0, "nothing missed while ill");
  assert.equal(await page.getByRole("button", { name: "Realign the plan" }).count(), 0);

  // Back today: the days left are the first return week, easy running only.
  const back = page.getByRole("form", { name: "I'm back" });
  assert.equal(await back.getByLabel("First day back").inputValue(), "2026-11-26");
  await back.getByRole("button", { name: "I'm back" }).click();
  await page.getByRole("status").filter({ hasText: "Welcome back. From Thu 26 Nov, the plan rebuilds gently" }).waitFor();
  const planned = page.locator('li.plan-day[data-status="planned"]');
  assert.ok((await planned.count()) >= 1, "the days left are planned again");
  for (const kind of await planned.evaluateAll((els) => els.map((e) => e.dataset.kind))) {
    assert.ok(!["tempo", "intervals", "hills"].includes(kind), `no quality in a return week: ${kind}`);
  }
  for (const date of await planned.evaluateAll((els) => els.map((e) => e.dataset.date))) assert.ok(date >= "2026-11-26", date);
  const returning = page.getByRole("region", { name: /^Week 1 of \d back$/ });
  await returning.getByText(/Back on Thu 26 Nov after 3 days ill: easy running only/).waitFor();
  await page.locator(".adjustments").getByText(/Return week 1 of \d after being ill \(back on Thu 26 Nov\).*\(Daniels: start from about half/).waitFor();
  assert.equal(await planDay(page, "2026-11-24").getAttribute("data-status"), "rest");
  await app.assertClean();
});

test("the Plan tab asks about an injury from a given day, and Undo takes it back", async (t) => {
  const app = await openApp(t, { fixedTime: MONDAY });
  const { page, context } = app;
  await planThisWeek(page);
  // Thursday morning: injured since yesterday.
  await context.clock.setFixedTime(new Date(2026, 10, 26, 8, 0));
  await page.reload();
  await appReady(page);
  await goTab(page, "Plan");
  await page.getByText("Ill or injured?").click();
  const ask = page.getByRole("form", { name: "Ill or injured" });
  await ask.getByText(/The neck check:/).waitFor();
  await ask.getByRole("button", { name: "Pause my plan" }).click();
  await ask.getByText("Choose what kept you from running.").waitFor();
  await ask.getByRole("radio", { name: "Injured" }).check();
  await ask.getByLabel("First day out").fill("2026-11-25");
  await ask.getByRole("button", { name: "Pause my plan" }).click();
  await page.getByRole("status").filter({ hasText: "Marked injured from Wed 25 Nov" }).waitFor();
  // From Wednesday nothing is planned: Thursday's and Saturday's runs are let go.
  for (const d of ["2026-11-26", "2026-11-28"]) assert.equal(await planDay(page, d).getAttribute("data-status"), "rest");
  await planDay(page, "2026-11-26").getByText("Paused: rest (today)").waitFor();
  await page.getByRole("button", { name: "Undo" }).click();
  await page.getByRole("status").filter({ hasText: "Put back as it was." }).waitFor();
  assert.equal(await planDay(page, "2026-11-26").getAttribute("data-status"), "planned");
  assert.equal(await page.getByRole("region", { name: /^Paused/ }).count(), 0);
  await app.assertClean();
});
