// When the browser's storage misbehaves the runner is told plainly and loses
// nothing: corrupt data is kept aside and offered as a download, a full quota
// fails the save with a message, and blocked storage still lets the app run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { appReady, goTab, logRun, openApp, runForm, runItems } from "./support.mjs";

test("unreadable saved data is kept aside, reported, and downloadable", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await logRun(page, { notes: "a good run" });
  const garbage = '{"schema":2,"runs":[{"id":oops';
  await page.evaluate((g) => localStorage.setItem("restride.runs.2020-01", g), garbage);
  await page.reload();
  await appReady(page);

  const banner = page.getByRole("alert").filter({ hasText: "couldn't be read" });
  await banner.getByText(/: it is not readable JSON \(.*\)\. It has been kept safe, not deleted, and goes into every backup\.$/).waitFor();
  const [download] = await Promise.all([page.waitForEvent("download"), banner.getByRole("button", { name: "Download it" }).click()]);
  assert.equal(readFileSync(await download.path(), "utf8"), garbage);
  // The good run is still there, and the bad bytes are kept under another key.
  await goTab(page, "History");
  await runItems(page).filter({ hasText: "a good run" }).waitFor();
  await page.waitForFunction(() => localStorage.getItem("restride.aside.restride.runs.2020-01.0") !== null);
  const aside = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("restride.aside.")));
  assert.deepEqual(aside, ["restride.aside.restride.runs.2020-01.0"]);
  assert.equal(await page.evaluate(() => localStorage.getItem("restride.runs.2020-01")), null);

  // On the next visit it is still reported, in a sentence, and can be dismissed for good.
  await page.reload();
  await appReady(page);
  await banner.getByText("Some saved data (restride.aside.restride.runs.2020-01.0) couldn't be read: it was set aside on an earlier visit. It has been kept safe, not deleted, and goes into every backup.").waitFor();
  await banner.getByRole("button", { name: "Dismiss" }).click();
  await banner.waitFor({ state: "detached" });
  await page.reload();
  await appReady(page);
  await page.waitForTimeout(300);
  assert.equal(await banner.count(), 0);
  assert.equal(await page.evaluate(() => localStorage.getItem("restride.aside.restride.runs.2020-01.0")), garbage, "the data stays");
  await app.assertClean();
});

test("a full storage quota fails the save with a message and changes nothing", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await logRun(page, { notes: "saved before" });
  const before = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).filter(([k]) => k.startsWith("restride."))));
  // Fill the rest of the quota.
  await page.evaluate(() => {
    const chunk = "x".repeat(256 * 1024);
    let i = 0;
    for (let size = chunk.length; size > 0; ) {
      try {
        localStorage.setItem(`filler.${i++}`, chunk.slice(0, size));
      } catch {
        size = Math.floor(size / 2);
      }
    }
  });
  await logRun(page, { notes: "no room for me ".repeat(20), saves: false });
  await runForm(page).getByText(/Storage is full, so this wasn't saved\. Everything saved before is unchanged/).waitFor();
  const after = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).filter(([k]) => k.startsWith("restride."))));
  assert.equal(after, before);
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("filler.")).forEach((k) => localStorage.removeItem(k)));
  await app.assertClean();
});

test("blocked storage is explained and the app still runs", async (t) => {
  const app = await openApp(t, {
    initScript: () => {
      Object.defineProperty(window, "localStorage", {
        configurable: true,
        get() {
          throw new DOMException("The operation is insecure.", "SecurityError");
        },
      });
    },
  });
  const { page } = app;
  await page.getByRole("alert").getByText(/Restride can't save on this device.*they will be lost when you close this tab/).waitFor();
  await logRun(page, { notes: "kept in memory" });
  await runItems(page).filter({ hasText: "kept in memory" }).waitFor();
  await app.assertClean();
});
