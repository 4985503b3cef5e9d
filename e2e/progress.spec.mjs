// The Progress charts render as SVG with a title, a description and a data table
// (their text equivalent), over the weeks the runner has run, at 390 px, and pass axe.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openApp, seedRuns, seriousA11yViolations, screenshot, variedProgressingPlan } from "./support.mjs";

test("progress charts render with text equivalents", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await seedRuns(page, variedProgressingPlan());
  await page.getByRole("link", { name: "See your progress charts" }).click();
  await page.getByRole("heading", { name: "Progress", level: 2 }).waitFor();
  // The window fits the data: the runner's 16 weeks of running, this one included.
  const weeks = Number((await page.getByText(/^The last \d+ weeks\./).textContent()).match(/\d+/)[0]);
  assert.ok(weeks >= 16 && weeks <= 18, `${weeks} weeks shown`);
  const charts = page.getByRole("figure");
  const names = [];
  for (let i = 0; i < (await charts.count()); i++) {
    const chart = charts.nth(i);
    const img = chart.getByRole("img");
    names.push(await chart.getByRole("heading").textContent());
    assert.ok((await img.locator("title").textContent()).length > 0);
    assert.ok((await img.locator("desc").textContent()).length > 0);
    assert.ok((await img.locator("rect, path").count()) > 0, "draws marks");
    await chart.getByText(/: data table$/).click();
    const rows = chart.getByRole("table").locator("tbody tr");
    assert.equal(await rows.count(), weeks, "a row a week in the table");
  }
  for (const expected of ["Weekly distance", "Weekly load", "Effort at your usual pace", "Fitness, fatigue and form", "Monotony and strain", "Session types"]) {
    assert.ok(names.includes(expected), `has ${expected}: ${names}`);
  }
  // The table holds the runner's numbers: the last full week has four sessions.
  const mix = page.getByRole("figure").filter({ has: page.getByRole("heading", { name: "Session types" }) });
  assert.match(await mix.getByRole("table").textContent(), /1\.0/);
  const box = await page.getByRole("figure").first().boundingBox();
  assert.ok(box.width <= 390, "fits a 390 px screen");
  await screenshot(page, "progress-390x844");
  assert.deepEqual(await seriousA11yViolations(page), []);
  await app.assertClean();
});
