// Plan actions do what they say (issue 18): a skip changes nothing else and says
// so, Undo puts the week back, "missed" only for a day that has come, a disabled
// button looks disabled, the week can be planned again once every session is gone,
// a run on any day shows on that day, and the plan's days come from the runner's
// own history until Settings says otherwise.
import { test } from "node:test";
import assert from "node:assert/strict";
import { goTab, logRun, openApp, planDay, planThisWeek, seedRuns, variedProgressingPlan } from "./support.mjs";

const MONDAY = new Date(2026, 10, 23, 8, 0); // Mon 23 Nov 2026, local time

/** Each planned day's date and kind. */
async function week(page) {
  return page.locator("li.plan-day").evaluateAll((els) => els.map((e) => `${e.dataset.date} ${e.dataset.status} ${e.dataset.kind ?? ""}`));
}

test("skipping the quality session changes nothing else, says so, and Undo restores the week", async (t) => {
  const app = await openApp(t, { fixedTime: MONDAY });
  const { page } = app;
  await seedRuns(page, variedProgressingPlan());
  await planThisWeek(page);
  const before = await week(page);
  const hard = page.locator('li.plan-day[data-kind="tempo"], li.plan-day[data-kind="intervals"], li.plan-day[data-kind="hills"]').first();
  assert.equal(await hard.count(), 1, `a quality session to skip: ${before}`);
  const date = await hard.getAttribute("data-date");
  await hard.getByRole("button", { name: /^Skip / }).click();
  const toast = page.getByRole("status").filter({ hasText: /^Skipped the .* on .*\. The rest of the week stays as it is\./ });
  await toast.waitFor();
  const after = await week(page);
  assert.deepEqual(after.filter((d) => !d.startsWith(date)), before.filter((d) => !d.startsWith(date)), "every other day as it was");
  await toast.getByRole("button", { name: "Undo" }).click();
  await page.getByRole("status").filter({ hasText: "The week is back as it was." }).waitFor();
  assert.deepEqual(await week(page), before);
  await app.assertClean();
});

test("missed only for a day that has come; disabled buttons look disabled", async (t) => {
  const app = await openApp(t, { fixedTime: new Date(2026, 10, 24, 19, 0) }); // Tue 24 Nov
  const { page } = app;
  await planThisWeek(page);
  // Tuesday's session (today) can be missed; Thursday's and Saturday's cannot.
  await page.getByRole("button", { name: "Mark Easy run on Tue 24 Nov missed" }).waitFor();
  for (const d of ["Thu 26 Nov", "Sat 28 Nov"]) {
    assert.equal(await page.getByRole("button", { name: `Mark Easy run on ${d} missed` }).count(), 0, d);
    assert.equal(await page.getByText(`Why was Easy run on ${d} missed?`).count(), 0, d);
  }
  // The reason appears only once asked for.
  assert.equal(await page.getByLabel("Why was Easy run on Tue 24 Nov missed?").count(), 0);
  await page.getByRole("button", { name: "Mark Easy run on Tue 24 Nov missed" }).click();
  await page.getByLabel("Why was Easy run on Tue 24 Nov missed?").selectOption("Too tired");
  await page.getByRole("button", { name: "Mark missed", exact: true }).click();
  await page.getByRole("status").filter({ hasText: "Marked the easy run on Tue 24 Nov missed; it is not made up. The rest of the week stays as it is." }).waitFor();

  const looks = await page.evaluate(() => {
    const card = document.querySelector(".plan-week");
    const make = (disabled) => {
      const b = document.createElement("button");
      b.textContent = "x";
      b.disabled = disabled;
      card.append(b);
      const s = getComputedStyle(b);
      const out = { opacity: Number(s.opacity), border: s.borderStyle, cursor: s.cursor };
      b.remove();
      return out;
    };
    return { enabled: make(false), disabled: make(true) };
  });
  assert.equal(looks.enabled.opacity, 1);
  assert.ok(looks.disabled.opacity < 0.6, JSON.stringify(looks));
  assert.equal(looks.disabled.cursor, "not-allowed");
  await app.assertClean();
});

test("the week can be planned again after every session is gone", async (t) => {
  const app = await openApp(t, { fixedTime: MONDAY });
  const { page } = app;
  await planThisWeek(page);
  for (const d of ["Tue 24 Nov", "Thu 26 Nov", "Sat 28 Nov"]) {
    await page.getByRole("button", { name: `Skip Easy run on ${d}` }).click();
    await page.getByRole("status").filter({ hasText: `Skipped the easy run on ${d}` }).waitFor();
  }
  assert.equal(await page.locator('li.plan-day[data-status="planned"]').count(), 0);
  await page.getByRole("button", { name: "Plan the rest of the week again" }).click();
  await page.getByRole("status").filter({ hasText: "The rest of the week is planned again from today." }).waitFor();
  assert.equal(await page.locator('li.plan-day[data-status="planned"]').count(), 3);
  await app.assertClean();
});

test("a run on a day with nothing planned shows on that day", async (t) => {
  const app = await openApp(t, { fixedTime: new Date(2026, 10, 23, 19, 0) }); // Mon 23 Nov, evening
  const { page } = app;
  await planThisWeek(page);
  await logRun(page, { start: "2026-11-23T18:00", duration: "25:00", distance: "4" });
  await goTab(page, "Plan");
  const monday = planDay(page, "2026-11-23");
  assert.notEqual(await monday.getAttribute("data-status"), "rest");
  assert.doesNotMatch(await monday.textContent(), /Rest day/);
  await monday.getByText(/^Ran: Easy · 4\.00 km · 25:00/).waitFor();
  // It ticked Tuesday's easy run (a day early still counts), and says so.
  assert.equal(await planDay(page, "2026-11-24").getAttribute("data-status"), "done");
  await monday.getByText(/for Tue 24 Nov's session/).waitFor();
  assert.doesNotMatch(await monday.textContent(), /Extra run/, "it counted for a session: not an extra");
  // A second run on Monday, with Tuesday's session already done, is an extra run.
  await logRun(page, { start: "2026-11-23T07:00", duration: "20:00", distance: "3" });
  await goTab(page, "Plan");
  await monday.getByText(/^Ran: Easy · 3\.00 km · 20:00/).waitFor();
  await monday.getByText("Extra run (today)").waitFor();
  await app.assertClean();
});

test("the plan's days come from the runner's history until Settings says otherwise", async (t) => {
  const app = await openApp(t, { fixedTime: MONDAY });
  const { page } = app;
  // Six weeks on Mon, Wed, Fri and Sun.
  const runs = [];
  for (let w = 0; w < 6; w++) for (const back of [1, 3, 5, 7]) runs.push({ daysAgo: w * 7 + back, hour: 7, kind: "easy", minutes: 35, km: 6, rpe: 4, feel: 4 });
  await seedRuns(page, runs);
  await goTab(page, "Plan");
  await page.getByText("On the days you have run on most lately: Mon, Wed, Fri, Sun. Pick your own in Settings.").waitFor();
  await planThisWeek(page);
  const days = await page.locator('li.plan-day[data-status="planned"]').evaluateAll((els) => els.map((e) => new Date(`${e.dataset.date}T12:00`).getDay()));
  assert.ok(days.length >= 2);
  for (const d of days) assert.ok([1, 3, 5, 0].includes(d), `a usual day: ${days}`);
  // Settings shows those days, and a tap makes them the runner's own.
  await goTab(page, "Settings");
  const group = page.getByRole("group", { name: "Days you can usually run" });
  for (const d of ["Mon", "Wed", "Fri", "Sun"]) assert.equal(await group.getByRole("checkbox", { name: d }).isChecked(), true, d);
  await page.getByText(/These are the days you have run on most lately/).waitFor();
  await group.getByRole("checkbox", { name: "Tue" }).check();
  // Saved once this tab holds the storage lock, a moment later.
  await page.getByText(/These are the days you have run on most lately/).waitFor({ state: "detached" });
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("restride.settings")));
  assert.deepEqual(stored.run_days, ["mon", "tue", "wed", "fri", "sun"]);
  assert.equal(stored.run_days_chosen, true);
  await app.assertClean();
});

test("the plan reads in minutes, with the load figures one tap away", async (t) => {
  const app = await openApp(t, { fixedTime: MONDAY });
  const { page } = app;
  await seedRuns(page, variedProgressingPlan());
  await planThisWeek(page);
  const card = page.locator(".plan-week");
  await card.getByText(/^About \d+ h( \d+ min)? of running in \d sessions: (a small step up from|about the same as|less than) your last 4 weeks \(about .* a week\)\.$/).waitFor();
  assert.doesNotMatch(await card.locator(".plan-summary").textContent(), /load|Planned load/);
  const numbers = card.locator("details.plan-numbers");
  assert.equal(await numbers.getAttribute("open"), null, "the figures are one tap away");
  await numbers.getByText("The numbers").click();
  await numbers.getByText("Load planned (effort × minutes)").waitFor();
  await app.assertClean();
});
