// Storage that lasts: at the first launch the app asks the browser to keep its
// storage (navigator.storage.persist), once; Settings says whether it is kept and,
// when it isn't and the app isn't installed, what the browser may do and how to
// prevent it, with a button to ask again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appReady, goTab, logRun, openApp } from "./support.mjs";

/** Counts persist() calls and answers persist()/persisted() with `kept`. */
function storageThatAnswers(kept) {
  return `
    window.__persistCalls = Number(sessionStorage.getItem("persistCalls") || 0);
    navigator.storage.persist = () => {
      sessionStorage.setItem("persistCalls", String(++window.__persistCalls));
      return Promise.resolve(${kept});
    };
    navigator.storage.persisted = () => Promise.resolve(${kept});
  `;
}

test("persistence is asked for at the first launch, once, and Settings says what it means", async (t) => {
  const app = await openApp(t, { initScript: storageThatAnswers(false) });
  const { page } = app;
  await page.waitForFunction(() => window.__persistCalls === 1);
  await logRun(page);
  await page.reload();
  await appReady(page);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__persistCalls), 1, "asked once, not at every launch");

  await goTab(page, "Settings");
  const card = page.getByRole("region", { name: "Storage on this device" });
  await card.getByText(/^Not guaranteed: your browser may delete Restride's data on its own\. Safari deletes it after 7 days without a visit unless Restride is on your Home Screen; a private window deletes it when you close it/).waitFor();
  await card.getByText(/To keep it: install Restride .* or export a backup regularly\./).waitFor();
  await card.getByRole("button", { name: "Ask the browser to keep it" }).click();
  await page.waitForFunction(() => window.__persistCalls === 2);
  await app.assertClean();
});

test("kept storage is said so, with nothing to do", async (t) => {
  const app = await openApp(t, { initScript: storageThatAnswers(true) });
  const { page } = app;
  await goTab(page, "Settings");
  const card = page.getByRole("region", { name: "Storage on this device" });
  await card.getByText(/^Kept: your browser has promised not to clear Restride's data on its own/).waitFor();
  assert.equal(await card.getByRole("button").count(), 0);
  await app.assertClean();
});
