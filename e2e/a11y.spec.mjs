// axe finds no serious or critical violation on any tab, in the states a runner
// sees; screenshots at 390x844 are kept in e2e/artifacts/ (not committed).
import { test } from "node:test";
import assert from "node:assert/strict";
import { goTab, logRun, openApp, screenshot, seriousA11yViolations } from "./support.mjs";

test("every tab passes axe (no serious or critical issues)", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  const report = {};
  report["today (empty)"] = await seriousA11yViolations(page);
  await logRun(page, { type: "Hills", duration: "20:00", distance: "3.2", rpe: "7", feel: "Good", notes: "6 x hill repeats" });
  await logRun(page, { duration: "45:00", distance: "8", rpe: "3", feel: "OK" });
  report.history = await seriousA11yViolations(page);
  await screenshot(page, "history-390x844");
  for (const tab of ["Today", "Log", "Plan", "Settings"]) {
    await goTab(page, tab);
    report[tab.toLowerCase()] = await seriousA11yViolations(page);
    await screenshot(page, `${tab.toLowerCase()}-390x844`);
  }
  await goTab(page, "Log");
  await page.getByRole("button", { name: "Save run" }).click();
  await page.getByText("Enter how long you ran, e.g. 45:00.").waitFor();
  report["log (errors shown)"] = await seriousA11yViolations(page);
  for (const [where, violations] of Object.entries(report)) assert.deepEqual(violations, [], where);
  await app.assertClean();
});
