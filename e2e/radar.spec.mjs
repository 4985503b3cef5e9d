// The Rut Radar reads seeded histories: the article's rut comes out stale and
// plateaued, a varied progressing plan shows no rut, an empty history says what it
// needs; each card's "why" panel shows the runner's own numbers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openApp, seedRuns, seriousA11yViolations, screenshot, twentyMinutesTwiceAWeek, variedProgressingPlan } from "./support.mjs";

const SIGNS = ["effort-creep", "low-motivation", "plateau", "overreaching", "staleness", "life-stress", "cramming", "all-easy"];

async function statuses(page) {
  await page.getByRole("heading", { name: "Rut Radar" }).waitFor();
  return page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll(".sign-card")].map((c) => [c.dataset.sign, c.dataset.status])),
  );
}

test("the article's runner (20 minutes twice a week for six months) is stale and plateaued", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await seedRuns(page, twentyMinutesTwiceAWeek());
  const s = await statuses(page);
  assert.deepEqual(Object.keys(s).sort(), [...SIGNS].sort(), "one card per sign");
  // Rut signs come first.
  const order = Object.values(s);
  assert.equal(order[0], "rut");
  assert.ok(order.lastIndexOf("rut") < order.indexOf("clear"), `ruts before clear: ${order}`);
  assert.equal(s.staleness, "rut");
  assert.equal(s.plateau, "rut");
  await page.getByRole("status").getByText(/signs of a rut: .*same run every time/i).waitFor();

  await page.evaluate(() => document.getElementById("radar-title").scrollIntoView());
  await screenshot(page, "radar-390x844");
  // The card opens from its row; its why panel shows the runner's own numbers.
  const card = page.locator('[data-sign="staleness"]');
  await card.locator("summary").first().click();
  await card.getByText(/^Why\?/).click();
  // The panel's contents are built when it opens (the toggle event), not in the click.
  await card.locator(".why").getByText("Formula:").first().waitFor();
  const why = await card.locator(".why").textContent();
  assert.match(why, /Formula:/);
  assert.match(why, /Threshold:/);
  assert.match(why, /Strength of evidence: (weak|moderate|strong)/);
  assert.match(why, /Source:/);
  assert.match(why, /\d/, "has the runner's numbers");
  assert.ok((await card.locator(".remedies li").count()) > 0, "suggests what to do");
  await screenshot(page, "radar-article-case-390x844");
  assert.deepEqual(await seriousA11yViolations(page), []);
  await app.assertClean();
});

test("a varied, progressing plan shows no rut", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await seedRuns(page, variedProgressingPlan());
  const s = await statuses(page);
  assert.deepEqual(Object.entries(s).filter(([, v]) => v === "rut"), []);
  assert.equal(s.staleness, "clear");
  await app.assertClean();
});

test("with no history every sign says what it needs", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  const s = await statuses(page);
  assert.deepEqual(Object.values(s), SIGNS.map(() => "insufficient"));
  // Each row says what it needs; its card says it in full.
  const headlines = await page.locator(".sign-card .headline").allTextContents();
  assert.equal(headlines.length, 8);
  assert.ok(headlines.every((h) => h.startsWith("needs ")), `${headlines}`);
  const card = page.locator('[data-sign="overreaching"]');
  await card.locator("summary").click();
  await card.locator(".needs").getByText(/^Needs: 5 weeks of runs/).waitFor();
  await app.assertClean();
});
