// Two tabs: A imports a backup (a big one takes a while), and B saves a run in the
// middle of it, into a month the backup also writes. Every run survives: A writes
// under the storage lock and checks the months it read haven't changed (else it
// merges again), with the Web Locks API and with the lease that stands in for it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appReady, BASE, goTab, openApp, runForm, runItems, writeBackup } from "./support.mjs";

/** A backup of `count` runs, one a day from 1 January 2020, and a check-in. */
function backupFile(count) {
  const runs = Array.from({ length: count }, (_, i) => ({ at: new Date(Date.UTC(2020, 0, 1 + i, 6)), notes: `imported ${i}` }));
  const wellness = [{ date: "2020-02-02", sleep_quality: 3, stress: 3, fatigue: 3, soreness: 3, hydration: 3, motivation: 3, updated_ms: Date.UTC(2020, 1, 2) }];
  return writeBackup("big-backup.json", runs, wellness);
}

/**
 * Makes tab A stall for `ms` the first time it reads a month of check-ins once
 * `window.__stall` is set: the import has read its months of runs and not yet
 * written them, a long import's window for another tab's save.
 */
function stallOnce() {
  const get = Storage.prototype.getItem;
  Storage.prototype.getItem = function (key) {
    if (window.__stall && String(key).startsWith("restride.wellness.")) {
      const until = Date.now() + window.__stall;
      window.__stall = 0;
      while (Date.now() < until) {
        // Busy: this tab is in the middle of its import.
      }
    }
    return get.call(this, key);
  };
}

for (const webLocks of [true, false]) {
  test(`a run saved in another tab during a long import survives (${webLocks ? "Web Locks" : "without Web Locks: the lease"})`, async (t) => {
    const app = await openApp(t, {
      initScript: webLocks
        ? undefined
        : () => {
            delete Navigator.prototype.locks;
          },
    });
    const a = app.page;
    await a.addInitScript(stallOnce);
    await a.reload();
    await appReady(a);
    const b = await app.context.newPage();
    await b.goto(BASE + "/");
    await appReady(b);
    if (!webLocks) assert.equal(await b.evaluate(() => "locks" in navigator), false);

    // B's run is ready to save, in January 2020, a month the import writes.
    await goTab(b, "Log");
    const form = runForm(b);
    await form.getByLabel("Date and time").fill("2020-01-15T18:30");
    await form.getByLabel("Duration").fill("42:00");
    await form.getByLabel(/^Distance/).fill("8");
    await form.getByRole("radio", { name: /^4 / }).check();
    await form.getByRole("radio", { name: "Good", exact: true }).check();
    // Notes are folded with the other details.
    await form.locator("details.more summary").click();
    await form.getByLabel("Notes").fill("saved in tab B during the import");

    await goTab(a, "Settings");
    await a.evaluate(() => (window.__stall = 3000));
    await a.getByLabel("Import a backup").setInputFiles(backupFile(400));
    // A is now reading the file and its months; B saves meanwhile.
    await b.waitForTimeout(600);
    await form.getByRole("button", { name: "Save run" }).click();
    await b.getByRole("heading", { name: "History" }).waitFor();
    await a.getByRole("status").getByText(/^Backup imported\. Runs: 400 new/).waitFor({ timeout: 30_000 });

    const january = await a.evaluate(() => JSON.parse(localStorage.getItem("restride.runs.2020-01")).runs.map((r) => r.notes));
    assert.ok(january.includes("saved in tab B during the import"), "B's run is in its month");
    assert.equal(january.filter((n) => n.startsWith("imported ")).length, 31, "and so are the backup's");
    const total = await b.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith("restride.runs."))
        .reduce((n, k) => n + JSON.parse(localStorage.getItem(k)).runs.length, 0),
    );
    assert.equal(total, 401, "every run once");
    // B shows the import too, read from A's writes without a reload.
    await goTab(b, "History");
    await runItems(b).filter({ hasText: "imported 399" }).waitFor();
    await app.assertClean();
  });
}
