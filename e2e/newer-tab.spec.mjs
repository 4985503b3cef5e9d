// An older tab (this build) next to data a newer build wrote: a month holding a
// run type, or a field, this build doesn't know is a newer version's, not damage.
// It stays exactly where it is (never set aside), the runner is told to reload,
// and this tab refuses to write that month, when the data arrives from another
// tab and when this tab loads.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appReady, BASE, goTab, logRun, openApp, runForm } from "./support.mjs";

const month = "2024-03";
// Format 4, which this build reads: a newer build that adds a run type or a field
// without raising the format (as a feature with optional fields may) writes it so.
const newer = JSON.stringify({
  schema: 4,
  runs: [{ id: "01901234-5678-7fff-bfff-ffffffffffff", start: `${month}-10T07:30:00+01:00`, kind: "trail", moving_s: 3600, shoes: "red", created_ms: 1900000000000, updated_ms: 1900000000000 }],
});

const asideKeys = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("restride.aside.")));

test("an old tab never sets aside a month a newer build wrote", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  // A newer build, in another tab, writes the month.
  const other = await app.context.newPage();
  await other.goto(BASE + "/not-the-app.txt");
  await other.evaluate(([key, value]) => localStorage.setItem(key, value), [`restride.runs.${month}`, newer]);

  const banner = page.getByRole("alert").filter({ hasText: `restride.runs.${month}` });
  await banner.first().waitFor();
  // Given time to do anything it would do, it has moved nothing.
  await page.waitForTimeout(500);
  assert.deepEqual(await asideKeys(page), [], "nothing set aside");
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), `restride.runs.${month}`), newer);
  await banner.getByText(/only a newer version of Restride knows\. Reload to update the app\. It has been kept safe, not deleted/).waitFor();

  // Nor on loading.
  await page.reload();
  await appReady(page);
  await banner.waitFor();
  assert.deepEqual(await asideKeys(page), []);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), `restride.runs.${month}`), newer);

  // Writing into that month is refused, with the reason.
  await logRun(page, { start: `${month}-12T07:00`, saves: false });
  await runForm(page).getByText(/The saved runs of 2024-03 can't be read: it holds .*Restride won't write over data it can't read/).waitFor();
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), `restride.runs.${month}`), newer);
  // The banner can be put away; the data stays.
  await banner.getByRole("button", { name: "Dismiss" }).click();
  await banner.waitFor({ state: "detached" });
  await page.reload();
  await appReady(page);
  await goTab(page, "Today");
  assert.equal(await banner.count(), 0, "dismissed stays dismissed");
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), `restride.runs.${month}`), newer);
  await app.assertClean();
});
