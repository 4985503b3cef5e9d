// Tabs: Today and History stay as the runner left them while they visit other
// tabs, catch up with what changed there, and the address bar and back button
// follow the tabs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { goTab, localDateTime, logRun, openApp, runItems } from "./support.mjs";

const hashOf = (page) => page.waitForFunction(() => location.hash).then((h) => h.jsonValue());

test("Today keeps a half-done check-in across tabs and catches up with a run logged meanwhile", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  const checkIn = page.getByRole("form", { name: "Daily check-in" });
  await page.getByRole("region", { name: "Daily check-in" }).getByRole("button", { name: "Check in" }).click();
  await checkIn.getByLabel("Hours slept").fill("7.5");

  await logRun(page, { duration: "42:00", distance: "8.4" });
  await goTab(page, "Today");
  assert.equal(await checkIn.getByLabel("Hours slept").inputValue(), "7.5", "the half-done check-in is still there");
  // The latest-run card, read again now that Today is shown.
  await page.getByRole("region", { name: "Rut Radar" }).waitFor();
  await page.getByText("8.40 km · 42:00").first().waitFor();
  await app.assertClean();
});

test("History keeps its filter across tabs and shows a run logged meanwhile", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await logRun(page, { duration: "30:00", distance: "5", type: "Easy" });
  await page.getByLabel("Show", { exact: true }).selectOption({ label: "Easy" });
  await goTab(page, "Today");
  await logRun(page, { start: localDateTime(5), duration: "40:00", distance: "8", type: "Easy" });
  // The save lands on History: still filtered to easy runs, with the new one first.
  assert.equal(await page.getByLabel("Show", { exact: true }).inputValue(), "easy");
  assert.equal(await runItems(page).count(), 2);
  assert.match(await runItems(page).first().textContent(), /8\.00 km · 40:00/);
  await app.assertClean();
});

test("the address follows the tab, and back returns to the tab before", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await goTab(page, "Log");
  await page.waitForFunction(() => location.hash === "#/log");
  await goTab(page, "History");
  await page.waitForFunction(() => location.hash === "#/history");
  await page.goBack();
  await page.getByRole("form", { name: "Log a run" }).waitFor();
  assert.equal(await hashOf(page), "#/log");
  await page.goBack();
  await page.getByRole("region", { name: "Rut Radar" }).waitFor();
  await app.assertClean();
});

test("an address change in the frame after a tab tap wins over the tab's own address", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  // A tap on History, then at once (before History's hash follows, a frame later)
  // the address changes elsewhere, say to the shortcut's #/plan, and its
  // hashchange comes a few frames later (as one the browser starts can: typed,
  // the back button, the OS opening a shortcut). Here the event is sent by hand.
  await page.evaluate(async () => {
    document.querySelector('nav[aria-label="Main"] a[href="#/history"]').click();
    history.replaceState(null, "", "#/plan");
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(ok, 100))));
    dispatchEvent(new HashChangeEvent("hashchange"));
  });
  await page.getByRole("heading", { name: "Plan", level: 2 }).waitFor();
  assert.equal(await hashOf(page), "#/plan");
  assert.equal(await page.getByRole("heading", { name: "Plan", level: 2 }).count(), 1, "Plan is shown");
  await app.assertClean();
});

test("no id or radio group is shared between Today, kept behind, and the tab shown", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  // A run, so the quick-log card is on both Today and Log.
  await logRun(page, {});
  const tabs = await page.getByRole("navigation", { name: "Main" }).getByRole("link").allTextContents();
  for (const tab of ["Today", ...tabs]) {
    await goTab(page, tab);
    const clashes = await page.evaluate(() => {
      const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
      const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
      // A radio group spans one card only: the same name in two places would link them.
      const groups = new Map();
      for (const input of document.querySelectorAll("input[type=radio]")) {
        const home = input.closest("section, form, fieldset")?.closest("section, form");
        groups.set(input.name, new Set([...(groups.get(input.name) ?? []), home]));
      }
      const shared = [...groups].filter(([, homes]) => homes.size > 1).map(([name]) => `radio group ${name}`);
      return [...new Set(twice), ...shared];
    });
    assert.deepEqual(clashes, [], `on ${tab}`);
  }
  await app.assertClean();
});
