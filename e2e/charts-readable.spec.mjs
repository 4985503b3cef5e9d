// Charts a phone can read: labels of at least 12 px on a 320 px screen, the y
// axis's unit, a window that fits a new runner's few weeks, a week read out by a
// tap or the arrow keys (effort with its word), and table headers said once.
import { test } from "node:test";
import assert from "node:assert/strict";
import { launchChromium } from "../scripts/chromium.mjs";
import { appReady, BASE, seedRuns } from "./support.mjs";

test("at 320 px the charts fit a new runner's weeks, label their axes and read out a tapped week", async (t) => {
  const browser = await launchChromium();
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(BASE + "/");
  await appReady(page);
  // Three weeks of running: 0, 7 and 14 days ago, plus two more this fortnight.
  await seedRuns(page, [
    { daysAgo: 16, kind: "easy", minutes: 30, km: 5, rpe: 3, feel: 4 },
    { daysAgo: 9, kind: "easy", minutes: 32, km: 5.3, rpe: 5, feel: 3 },
    { daysAgo: 8, kind: "tempo", minutes: 30, km: 6.5, rpe: 7, feel: 4 },
    { daysAgo: 2, kind: "easy", minutes: 31, km: 5.1, rpe: 4, feel: 4 },
    { daysAgo: 1, kind: "long", minutes: 60, km: 10, rpe: 4, feel: 4 },
  ]);
  await page.goto(BASE + "/#/progress");
  await page.getByRole("heading", { name: "Progress", level: 2 }).waitFor();
  const weeks = Number((await page.getByText(/^The last \d+ weeks\./).textContent()).match(/\d+/)[0]);
  assert.ok(weeks >= 3 && weeks <= 4, `the window fits three weeks of running: ${weeks}`);

  const distance = page.getByRole("figure").filter({ has: page.getByRole("heading", { name: "Weekly distance" }) });
  // Every label on every chart is at least 12 px as drawn.
  const smallest = await page.evaluate(() =>
    Math.min(...[...document.querySelectorAll(".chart svg text")].map((t) => t.getBoundingClientRect().height)),
  );
  assert.ok(smallest >= 12, `labels drawn ${smallest.toFixed(1)} px tall`);
  assert.equal(await distance.locator("svg text.unit").textContent(), "km", "the y axis says its unit");

  // The table, the text equivalent, has one row a week, its header said once.
  await distance.getByText(/: data table$/).click();
  assert.deepEqual(await distance.locator("thead th").allTextContents(), ["Week of", "Distance (km)"]);
  const rows = await distance.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.equal(rows.length, weeks);
  const said = ([week, km]) => `Week of ${week}: Distance ${km} km`;

  // The latest week is read out; a tap on the first bar reads that week.
  const readout = distance.locator(".readout");
  assert.equal(await readout.textContent(), said(rows[weeks - 1]));
  const plot = distance.getByRole("slider", { name: "Weekly distance: choose a week" });
  const box = await plot.boundingBox();
  await page.mouse.click(box.x + box.width * 0.3, box.y + box.height / 2);
  assert.equal(await plot.getAttribute("aria-valuenow"), "0");
  assert.equal(await readout.textContent(), said(rows[0]));
  assert.equal(await plot.getAttribute("aria-valuetext"), said(rows[0]));
  // The keyboard too: End is the latest week, Left the one before.
  await plot.focus();
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await readout.textContent(), said(rows[weeks - 2]));

  // Effort is read with its word, in the readout and the table.
  const effort = page.getByRole("figure").filter({ has: page.getByRole("heading", { name: "Effort at your usual pace" }) });
  await effort.getByText(/: data table$/).click();
  assert.deepEqual(await effort.locator("thead th").allTextContents(), ["Week of", "Average effort (effort 0–10)"]);
  const cells = await effort.locator("tbody td").allTextContents();
  assert.ok(cells.some((c) => /^\d\.\d \((Moderate|Somewhat hard|Hard|Very hard)\)$/.test(c)), `effort words: ${cells}`);
  await effort.getByRole("slider").focus();
  for (let i = 0; i < weeks; i++) {
    if (/\d \(\w/.test(await effort.locator(".readout").textContent())) break;
    await page.keyboard.press("ArrowLeft");
  }
  assert.match(await effort.locator(".readout").textContent(), /^Week of .+: Average effort \d\.\d \((Moderate|Somewhat hard|Hard|Very hard)\)$/);
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 320, "nothing sideways");
});
