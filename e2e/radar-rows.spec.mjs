// The Rut Radar at a glance: a chart of the eight signs with its text equivalent,
// one row per sign (status in words, its headline, its last 12 weeks as a strip
// with the same in words, and since last week) that opens its full card by tap or
// keyboard; Today with a full rut fits a phone, and axe finds no serious or
// critical issue in light or dark mode.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openApp, screenshot, seedRuns, seedWellness, seriousA11yViolations, twentyMinutesTwiceAWeek } from "./support.mjs";

/** 16 weeks of the same 40-minute park loop three times a week; the last four rated harder and felt worse, two cut short; ten stressed, tired days. */
async function seedFullRut(page) {
  const runs = [];
  for (let week = 0; week < 16; week++) {
    for (const day of [1, 3, 5]) {
      const daysAgo = week * 7 + day;
      const recent = daysAgo < 28;
      runs.push({ daysAgo, hour: 18, kind: "easy", minutes: 40, km: 7, rpe: recent ? 6 : 4, feel: recent ? 2 : 4, route: "Park loop", cutShort: recent && day === 3 && week < 2 });
    }
  }
  await seedRuns(page, runs);
  await seedWellness(
    page,
    Array.from({ length: 10 }, (_, d) => ({ daysAgo: d, sleep: 5.5, sleepQuality: 5, stress: 6, fatigue: 6, soreness: 4, hydration: 3, motivation: 2, tags: ["work-stress"] })),
  );
}

test("a sign row opens its card, by tap and by keyboard, and its 12 weeks read as words", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await seedRuns(page, twentyMinutesTwiceAWeek());
  const radar = page.getByRole("region", { name: "Rut Radar" });

  // The chart's text equivalent names every sign's status.
  const chart = radar.getByRole("img", { name: /^The Rut Radar: each sign on a spoke/ });
  const described = await chart.evaluate((svg) => document.getElementById(svg.getAttribute("aria-labelledby")).textContent);
  assert.match(described, /Same run every time: a rut sign/);
  assert.match(described, /Plateau: a rut sign/);
  assert.equal((described.match(/: (clear|worth watching|a rut sign|not enough data|paused)/g) ?? []).length, 8);

  // A row: status in words, a headline, a strip with its weeks in words, and since last week.
  const row = page.locator('.sign-card[data-sign="staleness"]');
  const summary = row.locator("summary");
  assert.match(await summary.textContent(), /Same run every time\s*Rut sign\s*100 % the same run/);
  const strip = row.getByRole("img");
  assert.match(await strip.getAttribute("aria-label"), /^Last 12 weeks(, oldest first)?: .*(clear|a rut sign|not enough data)/);
  assert.equal(await strip.locator("rect").count(), 12);
  assert.match(await row.locator(".movement").textContent(), /^Since last week: (better|worse|same|–)$/);

  // Tap: the card opens with its sentence, what to try, its weeks and the why panel.
  assert.equal(await row.locator(".sign-body").count(), 0, "built on first open");
  await summary.click();
  await row.locator(".sign-body").getByText(/of your \d+ runs in the last 12 weeks were the same run/).waitFor();
  await row.getByRole("heading", { name: "What to try" }).waitFor();
  assert.match(await row.locator(".trend-text").textContent(), /Last 12 weeks.*Since last week: /);
  await row.locator(".sign-body summary").click();
  await row.locator(".why").getByText("Formula:").first().waitFor();
  assert.match(await row.locator(".why .evidence").textContent(), /Runs that were the same run/);

  // Keyboard: the next row opens with Enter, and closes again.
  const plateau = page.locator('.sign-card[data-sign="plateau"]');
  await plateau.locator("summary").focus();
  await page.keyboard.press("Enter");
  await plateau.locator(".sign-body").waitFor();
  assert.equal(await plateau.evaluate((d) => d.open), true);
  await page.keyboard.press("Enter");
  assert.equal(await plateau.evaluate((d) => d.open), false);
  await app.assertClean();
});

test("Today with a full rut fits a phone, and passes axe in light and dark mode", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await seedFullRut(page);
  await page.getByRole("region", { name: "Your next step" }).waitFor();
  const size = await page.evaluate(() => ({ height: document.documentElement.scrollHeight, width: document.documentElement.scrollWidth }));
  // This history was never backed up, so the reminder to back up is on Today too,
  // and counted: a runner sees it until a backup or "Not now".
  await page.getByRole("region", { name: "Back up your runs" }).waitFor();
  // Before the one answer and the rows, this history made Today 6,566 px tall (7.8
  // screens); after them 2,383 px (2.82); about 1,810 px since (2.14, the week's
  // totals beside or under its heading as their length goes).
  assert.ok(size.height <= 2.2 * 844, `Today is ${size.height} px tall`);
  assert.ok(size.width <= 390, `Today is ${size.width} px wide`);
  const rows = await page.locator(".radar .signs").evaluate((el) => el.getBoundingClientRect().height);
  assert.ok(rows <= 440, `the eight rows and "Running with others" take ${rows} px`);
  // Tighter, not smaller: every row and chip still a 44 px tap target, the chart's
  // labels 12 px or more as drawn.
  const targets = await page.locator(".sign-row, .quick .chip, .quick .actions > *, .checkin .actions > *, .reminder .actions > *").evaluateAll((els) =>
    els.map((el) => [el.textContent.trim().slice(0, 24), Math.round(el.getBoundingClientRect().height)]),
  );
  assert.ok(targets.length >= 9 + 16 + 2 + 1 + 2, `${targets.length} tap targets`);
  assert.deepEqual(targets.filter(([, h]) => h < 44), [], "tap targets under 44 px");
  const labels = await page.locator(".radar-chart svg").evaluate((svg) => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
  });
  assert.equal(labels.length, 8);
  assert.ok(Math.min(...labels) >= 12, `the chart's labels are ${Math.min(...labels).toFixed(1)} px`);
  await screenshot(page, "today-full-rut-390x844");

  // Every status in words; a card opened with its why panel, in both colour schemes.
  assert.equal(await page.locator(".sign-card .badge").count(), 8);
  const card = page.locator('.sign-card[data-sign="life-stress"]');
  await card.locator("summary").click();
  await card.locator(".sign-body summary").click();
  await card.locator(".why").getByText("Formula:").first().waitFor();
  await page.getByRole("region", { name: "Your next step" }).getByText("Why this step?").click();
  assert.deepEqual(await seriousA11yViolations(page), [], "light");
  await page.emulateMedia({ colorScheme: "dark" });
  assert.equal(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches), true);
  assert.deepEqual(await seriousA11yViolations(page), [], "dark");
  await screenshot(page, "today-full-rut-dark-390x844");

  // At 320 px nothing sticks out either.
  await page.setViewportSize({ width: 320, height: 640 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), "no horizontal overflow at 320 px");
  await app.assertClean();
});
