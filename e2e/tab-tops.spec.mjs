// Each tab opens at its own top; Today and History, kept behind the others, open
// where they were left; a tap on the tab shown goes back to its top. Progress is
// one tap from History's top, Progress and Import show the tab they belong to as
// current, and Import has a way back.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appReady, goTab, openApp, seedRuns, variedProgressingPlan } from "./support.mjs";

const scrollY = (page) => page.evaluate(() => Math.round(window.scrollY));
const scrollTo = (page, y) => page.evaluate((y) => window.scrollTo(0, y), y);
const current = (page) =>
  page.getByRole("navigation", { name: "Main" }).locator("a[aria-current]").allTextContents();

test("every tab opens at its top, and Today and History where they were left", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await seedRuns(page, variedProgressingPlan());
  for (const tab of ["Plan", "Settings"]) {
    await goTab(page, "Log");
    await scrollTo(page, 400);
    assert.ok((await scrollY(page)) > 200, "the Log form scrolls");
    await goTab(page, tab);
    assert.equal(await scrollY(page), 0, `${tab} opens at its top`);
    await scrollTo(page, 400);
    await goTab(page, "Log");
    assert.equal(await scrollY(page), 0, `Log opens at its top, after ${tab}`);
  }
  await goTab(page, "History");
  assert.equal(await scrollY(page), 0, "History, first opened, at its top");
  await scrollTo(page, 400);
  await goTab(page, "Today");
  assert.equal(await scrollY(page), 0, "Today as it was left: at its top");
  await scrollTo(page, 900);
  assert.equal(await scrollY(page), 900, "Today scrolls");
  await goTab(page, "History");
  assert.equal(await scrollY(page), 400, "History where it was left");
  await goTab(page, "Log");
  await goTab(page, "Today");
  assert.equal(await scrollY(page), 900, "Today where it was left");
  // A tap on the tab shown: back to its top.
  await goTab(page, "Today");
  assert.equal(await scrollY(page), 0);
  // The back button, too, opens a tab at its top.
  await goTab(page, "Log");
  await page.waitForFunction(() => location.hash === "#/log"); // in the history before moving on
  await scrollTo(page, 400);
  await goTab(page, "Settings");
  await page.waitForFunction(() => location.hash === "#/settings");
  await page.goBack();
  await page.getByRole("heading", { name: "Log a run", level: 2 }).waitFor();
  assert.equal(await scrollY(page), 0);
  await app.assertClean();
});

test("Progress is a tap from History; sub-pages show their tab as current and lead back to it", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await seedRuns(page, variedProgressingPlan());
  await goTab(page, "History");
  const views = page.getByRole("navigation", { name: "History views" }).filter({ visible: true });
  assert.deepEqual(await views.getByRole("link").allTextContents(), ["Runs", "Progress"]);
  await views.getByRole("link", { name: "Progress" }).click();
  await page.getByRole("heading", { name: "Progress", level: 2 }).waitFor();
  assert.deepEqual(await current(page), ["History"], "History is current on Progress");
  assert.equal(await page.getByRole("navigation", { name: "History views" }).filter({ visible: true }).getByRole("link", { name: "Progress" }).getAttribute("aria-current"), "page");
  await page.getByRole("navigation", { name: "History views" }).filter({ visible: true }).getByRole("link", { name: "Runs" }).click();
  await page.getByRole("heading", { name: "History", level: 2 }).waitFor();

  // Import from History: History current, and back to it.
  await page.getByRole("link", { name: "Import from a watch or Strava" }).filter({ visible: true }).click();
  await page.getByRole("heading", { name: "Import your runs" }).waitFor();
  assert.deepEqual(await current(page), ["History"]);
  await page.getByRole("link", { name: "Back to History" }).click();
  await page.getByRole("heading", { name: "History", level: 2 }).waitFor();

  // Import from Today (a new runner's welcome card): Today current, and back to it.
  await page.evaluate(() => localStorage.clear());
  await page.goto(new URL("/", page.url()).href);
  await appReady(page);
  await page.getByRole("link", { name: "Import your runs from a watch or Strava" }).click();
  await page.getByRole("heading", { name: "Import your runs" }).waitFor();
  assert.deepEqual(await current(page), ["Today"]);
  await page.getByRole("link", { name: "Back to Today" }).click();
  await page.getByRole("heading", { name: "Today", level: 2 }).waitFor();
  assert.deepEqual(await current(page), ["Today"]);
  await app.assertClean();
});

test("keyboard focus never sits behind the tab bar or the Log form's Save bar", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await seedRuns(page, variedProgressingPlan());
  for (const tab of ["Log", "Settings", "Today"]) {
    await goTab(page, tab);
    await page.evaluate(() => window.scrollTo(0, 0));
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      const hidden = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body || el.closest("nav.tabbar, .save-bar, .topbar")) return null;
        const r = el.getBoundingClientRect();
        const covers = [...document.querySelectorAll("nav.tabbar, .save-bar, .topbar")].map((c) => c.getBoundingClientRect());
        const under = covers.some((c) => r.bottom > c.top && r.top < c.bottom && c.height > 0);
        return under ? `${el.tagName} ${el.getAttribute("name") ?? el.id ?? ""} ${el.textContent.trim().slice(0, 30)} at ${Math.round(r.top)}–${Math.round(r.bottom)}` : null;
      });
      assert.equal(hidden, null, `on ${tab}, tab stop ${i + 1}`);
    }
  }
  await app.assertClean();
});
