// Another tab writing a lot (an import of two hundred months) costs this tab one
// read of what changed, not a full reload per write: the storage listener waits a
// moment for the burst, then reads only the keys written.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appReady, BASE, goTab, openApp, runItems } from "./support.mjs";

/** A backup with one run a month for `months` months, the last in June 2024. */
function monthlyBackup(months) {
  const runs = [];
  for (let i = 0; i < months; i++) {
    const t = new Date(Date.UTC(2024, 5 - i, 12, 7, 0, 0));
    const hex = t.getTime().toString(16).padStart(12, "0");
    runs.push({
      id: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-${(i + 1).toString(16).padStart(12, "0")}`,
      start: t.toISOString().replace(".000Z", "+00:00"),
      kind: "long",
      moving_s: 4800,
      distance_m: 15000,
      rpe: 4,
      feel: 4,
      notes: `month ${i}`,
      created_ms: t.getTime(),
      updated_ms: t.getTime(),
    });
  }
  const file = join(mkdtempSync(join(tmpdir(), "restride-months-")), "months.json");
  writeFileSync(file, JSON.stringify({ format: "restride-backup", schema: 4, exported_at: "2024-07-01T00:00:00Z", settings: { schema: 4, units: "km" }, runs }));
  return file;
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
