// Every screen at 320x640 and 390x844, in light and dark: nothing wider than the
// screen (document.documentElement.scrollWidth <= innerWidth at the size set) and no
// serious or critical axe violation. Screenshots go to e2e/artifacts/ (not committed).
import { test } from "node:test";
import assert from "node:assert/strict";
import { launchChromium } from "../scripts/chromium.mjs";
import { appReady, BASE, goTab, planThisWeek, runForm, runItems, screenshot, seedRuns, seriousA11yViolations, variedProgressingPlan } from "./support.mjs";

/** Opens a page by its address (as a link in the app would), and waits for its heading. */
async function open(page, slug, heading) {
  await page.evaluate((slug) => (location.hash = `#/${slug}`), slug);
  await page.getByRole("heading", { name: heading, level: 2 }).waitFor();
}

/** The screens a runner sees, each reached the way a runner would, from `page` as it is. */
const SCREENS = [
  ["today (new runner)", async () => {}],
  ["history (new runner)", async (page) => goTab(page, "History")],
  ["log (new runner)", async (page) => goTab(page, "Log")],
  ["import", async (page) => open(page, "import", "Import your runs")],
  ["seed", async (page) => seedRuns(page, variedProgressingPlan())],
  ["today", async (page) => {
    await goTab(page, "Today");
    await page.getByRole("region", { name: "Rut Radar" }).waitFor();
  }],
  ["today (check-in open)", async (page) => {
    await page.getByRole("region", { name: "Daily check-in" }).getByRole("button", { name: "Check in" }).click();
    await page.getByRole("form", { name: "Daily check-in" }).waitFor();
  }],
  ["log", async (page) => goTab(page, "Log")],
  ["log (errors shown)", async (page) => {
    await runForm(page).getByRole("button", { name: "Save run" }).click();
    await page.getByText("Enter how long you ran, e.g. 45:00.").waitFor();
  }],
  ["history", async (page) => goTab(page, "History")],
  ["edit run", async (page) => {
    await runItems(page).first().getByRole("button", { name: /^Edit run of/ }).click();
    await page.getByRole("heading", { name: "Edit run" }).waitFor();
    await page.locator("details.more").evaluate((d) => (d.open = true));
  }],
  ["progress", async (page) => {
    await open(page, "progress", "Progress");
    await page.locator("details.chart-table").evaluateAll((ds) => ds.forEach((d) => (d.open = true)));
  }],
  ["plan", async (page) => planThisWeek(page)],
  ["settings", async (page) => goTab(page, "Settings")],
];

for (const [width, height] of [[320, 640], [390, 844]]) {
  for (const scheme of ["light", "dark"]) {
    test(`every screen fits ${width}x${height} in ${scheme} and passes axe`, async (t) => {
      const browser = await launchChromium();
      t.after(() => browser.close());
      const context = await browser.newContext({ viewport: { width, height }, isMobile: true, hasTouch: true, colorScheme: scheme });
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto(BASE + "/");
      await appReady(page);
      const found = {};
      for (const [name, reach] of SCREENS) {
        await reach(page);
        if (name === "seed") continue;
        const wide = await page.evaluate((w) => {
          const sw = document.documentElement.scrollWidth;
          if (sw <= w) return null;
          // What sticks out, leaving aside the fixed bars that follow the widened page.
          const out = [...document.querySelectorAll("main *")].filter((e) => e.getBoundingClientRect().right > w + 0.5);
          return `${sw} px wide: ${out.slice(-3).map((e) => `${e.tagName.toLowerCase()}.${e.className}`).join(", ")}`;
        }, width);
        const violations = await seriousA11yViolations(page);
        if (wide || violations.length) found[name] = { wide, violations };
        await screenshot(page, `${name.replace(/\W+/g, "-")}-${width}x${height}-${scheme}`);
      }
      assert.deepEqual(found, {}, `at ${width}x${height}, ${scheme}`);
      assert.deepEqual(errors, []);
    });
  }
}
