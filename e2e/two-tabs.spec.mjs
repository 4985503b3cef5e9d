// Two pages of one browser logging at the same time: every run is kept, and an
// edit in one page shows in the other.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appReady, BASE, goTab, localDateTime, logRun, openApp, runItems, runForm } from "./support.mjs";

test("runs logged in two tabs at once are all kept", async (t) => {
  const app = await openApp(t);
  const a = app.page;
  const b = await app.context.newPage();
  await b.goto(BASE + "/");
  await appReady(b);

  // Interleave: each tab loaded before the other saved.
  await Promise.all([
    logRun(a, { start: localDateTime(300), notes: "tab A one" }),
    logRun(b, { start: localDateTime(240), notes: "tab B one" }),
  ]);
  await Promise.all([
    logRun(a, { start: localDateTime(180), notes: "tab A two" }),
    logRun(b, { start: localDateTime(120), notes: "tab B two" }),
  ]);
  for (const page of [a, b]) {
    await goTab(page, "History");
    await page.waitForFunction(() => document.querySelectorAll("li.run").length === 4);
    assert.equal(await runItems(page).count(), 4);
  }
  await a.reload();
  await appReady(a);
  await goTab(a, "History");
  assert.equal(await runItems(a).count(), 4);

  // An edit in A shows in B without a reload.
  await runItems(a).filter({ hasText: "tab B one" }).getByRole("button", { name: /^Edit run of/ }).click();
  await runForm(a).getByLabel("Notes").fill("tab B one, edited in A");
  await runForm(a).getByRole("button", { name: "Save changes" }).click();
  await runItems(b).filter({ hasText: "tab B one, edited in A" }).waitFor();
  assert.equal(await runItems(b).count(), 4);
  await app.assertClean();
});
