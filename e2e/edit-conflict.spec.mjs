// An edit form left open in one tab: saving it never overwrites a newer edit made
// in another tab, nor brings back a run deleted there. The save is refused with a
// reason, and the tab shows the run as it is now.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appReady, BASE, goTab, localDateTime, logRun, openApp, runForm, runItems } from "./support.mjs";

const storedNotes = (page) =>
  page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith("restride.runs."))
      .flatMap((k) => JSON.parse(localStorage.getItem(k)).runs.map((r) => r.notes)),
  );

/** Saves the edit form, then waits until it was either refused or saved (History shown). */
async function saveAndSettle(page) {
  await runForm(page).getByRole("button", { name: "Save changes" }).click();
  await Promise.race([
    runForm(page).getByRole("alert").filter({ hasText: /\S/ }).waitFor(),
    page.getByRole("heading", { name: "History" }).waitFor(),
  ]);
}

async function openEdit(page, hasText) {
  await goTab(page, "History");
  await runItems(page).filter({ hasText }).getByRole("button", { name: /^Edit run of/ }).click();
  await runForm(page).waitFor();
}

test("an edit left open in one tab doesn't overwrite a newer edit or revive a deletion", async (t) => {
  const app = await openApp(t);
  const a = app.page;
  await logRun(a, { start: localDateTime(120), notes: "first version" });
  const b = await app.context.newPage();
  await b.goto(BASE + "/");
  await appReady(b);

  // A opens the edit form; B edits the same run and saves first.
  await openEdit(a, "first version");
  await runForm(a).getByLabel("Notes").fill("edited in tab A, later");
  await openEdit(b, "first version");
  await runForm(b).getByLabel("Notes").fill("edited in tab B");
  await runForm(b).getByRole("button", { name: "Save changes" }).click();
  await b.getByRole("heading", { name: "History" }).waitFor();

  await saveAndSettle(a);
  assert.deepEqual(await storedNotes(a), ["edited in tab B"], "B's newer edit is kept");
  await runForm(a).getByRole("alert").getByText("This run was changed in another tab or window since you opened it, so this wasn't saved.", { exact: false }).waitFor();

  // A opens it again (B's version); B deletes it; A's save must not bring it back.
  await openEdit(a, "edited in tab B");
  await runForm(a).getByLabel("Notes").fill("edited in tab A after the deletion");
  await goTab(b, "History");
  await runItems(b).filter({ hasText: "edited in tab B" }).getByRole("button", { name: /^Delete run of/ }).click();
  await b.getByText("No runs yet.").waitFor();
  await saveAndSettle(a);
  assert.deepEqual(await storedNotes(a), [], "the deleted run stays deleted");
  await runForm(a).getByRole("alert").getByText("This run was deleted in another tab or window, so it wasn't saved again.").waitFor();
  await a.reload();
  await appReady(a);
  await goTab(a, "History");
  await a.getByText("No runs yet.").waitFor();
  await app.assertClean();
});
