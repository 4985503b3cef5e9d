// Today's one answer: the verdict in one sentence and the single next step, chosen
// by the core's rule (recovery and safety first, then staleness and plateau
// remedies), with which signs were weighed and why this one won one tap away. The
// cards never contradict it (harder sessions wait while recovery comes first) and
// the week's plan follows the same priority.
import { test } from "node:test";
import assert from "node:assert/strict";
import { goTab, openApp, planThisWeek, seedRuns, seedWellness, twentyMinutesTwiceAWeek, variedProgressingPlan } from "./support.mjs";

const MONDAY = new Date(2026, 10, 23, 8, 0); // Mon 23 Nov 2026, local time

const answer = (page) => page.getByRole("region", { name: "Your next step" });

/** 16 weeks of the same 40-minute easy loop three times a week, rated 4; the last four weeks rated 6 at the same pace. */
function effortCreeping() {
  const runs = [];
  for (let week = 0; week < 16; week++) {
    for (const day of [2, 4, 6]) {
      const daysAgo = week * 7 + day;
      runs.push({ daysAgo, hour: 18, kind: "easy", minutes: 40, km: 7, rpe: daysAgo < 28 ? 6 : 4, feel: 4, route: "Park loop" });
    }
  }
  return runs;
}

/** Plans this week and checks it holds something, and nothing hard: the recovery-first week, saying why. */
async function assertEasyWeek(page, why) {
  await planThisWeek(page);
  const kinds = await page.locator("li.plan-day[data-kind]").evaluateAll((days) => days.map((d) => d.dataset.kind));
  assert.ok(kinds.length > 0, "something is planned");
  assert.deepEqual(kinds.filter((k) => ["tempo", "intervals", "hills", "strength"].includes(k)), [], `${kinds}`);
  await page.getByText(why).waitFor();
}

test("an overreaching runner is told to rest first, and why", async (t) => {
  const app = await openApp(t, { fixedTime: MONDAY });
  const { page } = app;
  await seedRuns(page, variedProgressingPlan());
  // Nine days of heavy fatigue and soreness in the check-ins: Hooper's staleness mark.
  await seedWellness(
    page,
    Array.from({ length: 9 }, (_, d) => ({ daysAgo: d, sleep: 7, sleepQuality: 3, stress: 3, fatigue: 6, soreness: 6, hydration: 4, motivation: 3 })),
  );
  const card = answer(page);
  await card.getByText("Take a full rest day, or two.").waitFor();
  assert.equal(await card.getAttribute("data-reason"), "overreaching");
  assert.match(await card.getByRole("status").textContent(), /^Signs of a rut: overreaching and poor recovery/);
  // Why this one: recovery comes first, and what else was weighed.
  await card.getByText("Why this step?").click();
  const why = card.locator(".why p");
  await why.waitFor();
  assert.match(await why.textContent(), /Recovery comes first.*This step answers overreaching and poor recovery \(a rut sign\)/);
  // The answer leads Today: above the quick log and the radar.
  const top = await card.evaluate((el) => el.getBoundingClientRect().top);
  const radar = await page.getByRole("heading", { name: "Rut Radar" }).evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(top < radar && top < 200, `answer at ${top}, radar at ${radar}`);

  // The plan follows: nothing hard this week.
  await assertEasyWeek(page, /No hard session this week: recovery comes first/);
  await app.assertClean();
});

test("a stale runner is told to change the run, with nothing held back", async (t) => {
  const app = await openApp(t, { fixedTime: MONDAY });
  const { page } = app;
  await seedRuns(page, twentyMinutesTwiceAWeek());
  const card = answer(page);
  await card.getByText("Pick a new route.").waitFor();
  assert.equal(await card.getAttribute("data-reason"), "staleness");
  await card.getByText("Why this step?").click();
  const why = await card.locator(".why p").textContent();
  assert.match(why, /Nothing calls for rest or less load/);
  assert.match(why, /This step answers same run every time \(a rut sign\)/);
  assert.match(why, /Also weighed: plateau/);
  // The stale card suggests harder sessions too: nothing makes them wait.
  const stale = page.locator('.sign-card[data-sign="staleness"]');
  await stale.locator("summary").click();
  await stale.locator(".remedies li").filter({ hasText: "hills session" }).waitFor();
  assert.equal(await stale.locator(".remedies .later").count(), 0);
  await app.assertClean();
});

test("effort creeping up on a plateau: an easier week first, and the plan holds the hard session", async (t) => {
  // The runner: "make this an easier week" and "add an interval session"
  // no longer disagree, and the lighter week no longer carries a hills session.
  const app = await openApp(t, { fixedTime: MONDAY });
  const { page } = app;
  await seedRuns(page, effortCreeping());
  const card = answer(page);
  await card.getByText("Make this an easier week: shorter runs, lower effort.").waitFor();
  assert.equal(await card.getAttribute("data-reason"), "effort-creep");
  const plateau = page.locator('.sign-card[data-sign="plateau"]');
  assert.equal(await plateau.getAttribute("data-status"), "rut");
  await plateau.locator("summary").click();
  const later = plateau.locator(".remedies .later");
  await later.waitFor();
  assert.match(await later.textContent(), /^These wait until you have recovered: Add one interval session/);
  assert.equal(await plateau.locator(".remedies li").filter({ hasText: "interval" }).count(), 0, "no interval session offered now");

  await assertEasyWeek(page, /No hard session this week: recovery comes first, as the radar shows signs of effort creep/);
  await goTab(page, "Today");
  await app.assertClean();
});
