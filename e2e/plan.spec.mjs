// The Plan tab: build a week, skip and miss sessions and see the week re-flow
// without cramming, tick a session off by logging a run, set a race goal and see
// the prediction, export the week to a calendar, and share the week's card (a
// download where the browser can't share files). The page's clock is fixed so the
// week is known: default run days are Tue, Thu and Sat; with no history the plan is
// the beginner week of three easy runs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { goTab, logRun, openApp, planDay, planThisWeek, seedRuns, seriousA11yViolations } from "./support.mjs";

const MONDAY = new Date(2026, 10, 23, 8, 0); // Mon 23 Nov 2026, local time

const day = planDay;

test("build a plan, skip one session, miss another, and the week re-flows without cramming", async (t) => {
  const app = await openApp(t, { fixedTime: MONDAY });
  const { page, context } = app;
  const days = await planThisWeek(page);
  assert.equal(await days.count(), 7);
  assert.equal(await page.locator('li.plan-day[data-status="planned"]').count(), 3);
  for (const d of ["2026-11-24", "2026-11-26", "2026-11-28"]) assert.equal(await day(page, d).getAttribute("data-status"), "planned");
  assert.equal(await day(page, "2026-11-25").getAttribute("data-status"), "rest");
  await assert.doesNotReject(page.getByText("gentle starting week").waitFor());
  assert.deepEqual(await seriousA11yViolations(page), []);

  // Swapping trades days: Tuesday's session (and its calendar id) goes to Saturday.
  const stored = () => page.evaluate(() => JSON.parse(localStorage.getItem("restride.plan.2026-11-23")));
  const tuesdayN = (await stored()).sessions.find((x) => x.date === "2026-11-24").n;
  await page.getByLabel("Swap Easy run on Tue 24 Nov with").selectOption({ label: "Easy run on Sat 28 Nov" });
  await page.getByRole("status").filter({ hasText: "Swapped: the easy run is now on Sat 28 Nov" }).waitFor();
  assert.equal((await stored()).sessions.find((x) => x.n === tuesdayN).date, "2026-11-28");

  await page.getByRole("button", { name: "Skip Easy run on Thu 26 Nov" }).click();
  await page.getByRole("status").filter({ hasText: "Skipped" }).waitFor();
  assert.equal(await day(page, "2026-11-26").getAttribute("data-status"), "rest");
  await assert.doesNotReject(day(page, "2026-11-26").getByText(/Easy run skipped/).waitFor());

  // Friday: Tuesday's run never happened. It counts as missed (with Thursday's
  // skip, two let go) and is not moved into the days left; Saturday stays one easy run.
  await context.clock.setFixedTime(new Date(2026, 10, 27, 8, 0));
  await page.reload();
  await goTab(page, "Plan");
  await page.getByText("Re-planned after 2 missed sessions").waitFor();
  assert.equal(await day(page, "2026-11-24").getAttribute("data-status"), "rest");
  await assert.doesNotReject(day(page, "2026-11-24").getByText(/Easy run missed/).waitFor());
  assert.equal(await page.locator('li.plan-day[data-status="planned"]').count(), 1);
  assert.match(await day(page, "2026-11-28").textContent(), /Easy run · 20 min/);

  // Saturday: the last run is missed too, with a reason.
  await context.clock.setFixedTime(new Date(2026, 10, 28, 20, 0));
  await page.reload();
  await goTab(page, "Plan");
  await page.getByRole("button", { name: "Mark Easy run on Sat 28 Nov missed" }).click();
  await page.getByLabel("Why was Easy run on Sat 28 Nov missed?").selectOption("No time");
  await page.getByRole("button", { name: "Mark missed", exact: true }).click();
  await page.getByRole("status").filter({ hasText: "Marked the easy run on Sat 28 Nov missed" }).waitFor();
  assert.equal(await page.locator('li.plan-day[data-status="planned"]').count(), 0);
  await app.assertClean();
});

test("a week planned once it has begun leaves the days already past alone", async (t) => {
  const app = await openApp(t, { fixedTime: new Date(2026, 10, 27, 8, 0) }); // Fri 27 Nov
  const { page } = app;
  await planThisWeek(page);
  // Tuesday and Thursday are past: nothing is planned there, so nothing shows as missed.
  for (const d of ["2026-11-24", "2026-11-26"]) assert.equal(await day(page, d).getAttribute("data-status"), "rest");
  assert.equal(await day(page, "2026-11-28").getAttribute("data-status"), "planned");
  assert.match(await page.locator(".adjustments").textContent(), /Planned from Fri 27 Nov on/);
  assert.equal(await page.getByRole("button", { name: "Realign the plan" }).count(), 0);
  await app.assertClean();
});

test("logging a run ticks off the day's planned session", async (t) => {
  const app = await openApp(t, { fixedTime: new Date(2026, 10, 24, 19, 0) });
  const { page } = app;
  await planThisWeek(page);
  await logRun(page, { duration: "21:00", distance: "3.2", rpe: "3" });
  await goTab(page, "Plan");
  const tuesday = day(page, "2026-11-24");
  assert.equal(await tuesday.getAttribute("data-status"), "done");
  await assert.doesNotReject(tuesday.getByText("Done ✓").waitFor());
  assert.equal(await day(page, "2026-11-26").getAttribute("data-status"), "planned");
  await app.assertClean();
});

test("a race goal shows one predicted time with its range and why, the gap and the taper", async (t) => {
  const app = await openApp(t, { fixedTime: new Date(2026, 10, 25, 12, 0) });
  const { page } = app;
  await seedRuns(page, [{ daysAgo: 20, hour: 9, kind: "race", minutes: 25, km: 5, rpe: 9, feel: 4 }]);
  await goTab(page, "Plan");
  const goal = page.getByRole("form", { name: "Race goal" });
  await goal.getByLabel("Distance").selectOption({ label: "10 km" });
  await goal.getByLabel("Race day").fill("2027-02-14");
  await goal.getByLabel("Target time (optional)").fill("50:00");
  await goal.getByRole("button", { name: "Set goal" }).click();
  const outlook = page.getByTestId("race-outlook");
  await outlook.waitFor();
  const text = await outlook.textContent();
  // Riegel: 25:00 × 2^1.06 = 52:07; VDOT gives about the same. The headline is the
  // cautious one: with no weekly volume behind the race it is slower than both
  // (Runalyze's shape adjustment), but within 10 % of them. One prediction, its
  // range, and why in a details panel, not Riegel and VDOT side by side.
  assert.match(text, /^10 km on Sun 14 Feb/);
  await outlook.getByText(/^Predicted: 0?:?5[2-7]:\d\d$/).waitFor();
  await outlook.getByText(/^likely 0?:?5\d:\d\d to 0?:?5[2-7]:\d\d$/).waitFor();
  assert.equal(await outlook.getByText(/^(Riegel|VDOT):/).count(), 0);
  const why = outlook.locator("details.why");
  await why.getByText("Why this time").click();
  await why.getByText("From your 5 km race on Thu 5 Nov (races only).").waitFor();
  await why.getByText(/Riegel's formula 0?:?52:0\d, Daniels' VDOT .*; the prediction is the slowest/).waitFor();
  await why.getByText(/marathon shape/).waitFor();
  assert.match(text, /Target 50:00: .* to find/);
  assert.match(text, /Taper: 1 week from/);

  await goal.getByLabel("Race day").fill("2020-01-01");
  await goal.getByRole("button", { name: "Set goal" }).click();
  await page.getByRole("alert").filter({ hasText: "Pick a race day from today on." }).waitFor();
  assert.match(await outlook.textContent(), /Sun 14 Feb/, "the saved goal stays");
  await app.assertClean();
});

test("the week exports to a calendar file with UTC times", async (t) => {
  const app = await openApp(t, { fixedTime: MONDAY });
  const { page } = app;
  await planThisWeek(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Add to calendar (.ics)" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "restride-plan-2026-11-23.ics");
  const ics = readFileSync(await download.path(), "utf8");
  assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
  assert.equal(ics.match(/BEGIN:VEVENT/g)?.length, 3);
  const offset = -MONDAY.getTimezoneOffset() / 60;
  const hour = String((7 - offset + 24) % 24).padStart(2, "0");
  assert.match(ics, new RegExp(`DTSTART:20261124T${hour}0000Z`), "07:00 local on Tuesday, in UTC");
  assert.match(ics, /BEGIN:VALARM/);
  await app.assertClean();
});

test("sharing the week falls back to downloading the card as a PNG", async (t) => {
  const app = await openApp(t, { fixedTime: MONDAY });
  const { page } = app;
  await planThisWeek(page);
  assert.equal(await page.evaluate(() => typeof navigator.canShare), "undefined", "this Chromium cannot share files");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Share this week" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "restride-week-2026-11-23.png");
  const png = readFileSync(await download.path());
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "PNG signature");
  assert.equal(png.readUInt32BE(16), 1080, "width");
  assert.equal(png.readUInt32BE(20), 1080, "height");
  await page.getByRole("status").filter({ hasText: "Saved restride-week-2026-11-23.png" }).waitFor();
  await app.assertClean();
});

test("in miles, a 10 km goal still reads as 10 km", async (t) => {
  const app = await openApp(t, { fixedTime: new Date(2026, 10, 25, 12, 0) });
  const { page } = app;
  await seedRuns(page, [{ daysAgo: 20, hour: 9, kind: "race", minutes: 25, km: 5, rpe: 9, feel: 4 }]);
  await goTab(page, "Settings");
  await page.getByRole("group", { name: "Units" }).getByRole("radio", { name: "Miles" }).check();
  await goTab(page, "Plan");
  const goal = page.getByRole("form", { name: "Race goal" });
  await goal.getByLabel("Distance").selectOption({ label: "10 km" });
  await goal.getByLabel("Race day").fill("2027-02-14");
  await goal.getByRole("button", { name: "Set goal" }).click();
  const outlook = page.getByTestId("race-outlook");
  await outlook.getByText("10 km on Sun 14 Feb — in 81 days.").waitFor();
  assert.doesNotMatch(await outlook.textContent(), /6\.21 mi|3\.11 mi/);
  await outlook.getByText("Why this time").click();
  await outlook.getByText("From your 5 km race on Thu 5 Nov (races only).").waitFor();
  await app.assertClean();
});
