// Another tab writing a lot (an import of two hundred months) costs this tab one
// read of what changed, not a full reload per write: the storage listener waits a
// moment for the burst, then reads only the keys written.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appReady, BASE, goTab, openApp, runItems, writeBackup } from "./support.mjs";

/** A backup with one long run a month for `months` months, the last in June 2024. */
function monthlyBackup(months) {
  const runs = Array.from({ length: months }, (_, i) => ({ at: new Date(Date.UTC(2024, 5 - i, 12, 7)), kind: "long", minutes: 80, km: 15, notes: `month ${i}` }));
  return writeBackup("months.json", runs);
}

test("two hundred months written in one tab are read once, key by key, in another", async (t) => {
  const app = await openApp(t);
  const a = app.page;
  const b = await app.context.newPage();
  await b.addInitScript(() => {
    window.__reads = 0;
    const get = Storage.prototype.getItem;
    Storage.prototype.getItem = function (key) {
      if (String(key).startsWith("restride.")) window.__reads++;
      return get.call(this, key);
    };
  });
  await b.goto(BASE + "/");
  await appReady(b);
  await goTab(b, "History");
  await b.evaluate(() => (window.__reads = 0));

  await goTab(a, "Settings");
  await a.getByLabel("Import a backup").setInputFiles(monthlyBackup(200));
  await a.getByRole("status").getByText(/^Backup imported\. Runs: 200 new/).waitFor({ timeout: 30_000 });
  await runItems(b).filter({ hasText: "month 0" }).waitFor();
  await b.waitForTimeout(1000);
  const reads = await b.evaluate(() => window.__reads);
  // 200 months and the deleted runs, once; a full reload per write would be 200 × 200.
  assert.ok(reads >= 200 && reads < 1000, `tab B read ${reads} stored values`);
  await app.assertClean();
});
