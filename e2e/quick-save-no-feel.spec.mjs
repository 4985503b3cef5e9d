// The quick card always saves or says why. After an import the usual run often has
// no "how it felt" (Strava doesn't record it): a tap on "Save this run" then names
// the question left, in the card, and puts focus on it; nothing is saved until it
// is answered, and then one tap saves.
import { test } from "node:test";
import assert from "node:assert/strict";
import { goTab, openApp, runItems, seedRuns } from "./support.mjs";

/** Imported runs, as Strava's rows give them: an effort, no feel. */
function importedEvenings() {
  return [1, 3, 5, 8].map((daysAgo) => ({ daysAgo, hour: new Date().getHours(), kind: "easy", minutes: 30, km: 5, rpe: 4 }));
}

test("a quick save without a feel says so at the question, then saves once it is answered", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await seedRuns(page, importedEvenings());
  const card = page.getByRole("region", { name: "Just finished your usual run?" });
  await card.getByText("Easy · 5.00 km · 30:00 · 6:00 /km").waitFor();
  const feel = card.getByRole("group", { name: "How it felt" });
  assert.equal(await feel.getByRole("radio", { checked: true }).count(), 0, "no feel to prefill");

  await card.getByRole("button", { name: "Save this run" }).click();
  const why = card.getByRole("alert");
  await why.getByText("Choose how it felt, then save.").waitFor();
  // The question is named as what is wrong, and focus is on its first choice.
  assert.equal(await feel.getAttribute("aria-describedby"), await why.getAttribute("id"));
  assert.equal(await page.evaluate(() => document.activeElement?.closest("fieldset")?.querySelector("legend")?.textContent), "How it felt");
  await goTab(page, "History");
  assert.equal(await runItems(page).count(), 4, "nothing saved");

  await goTab(page, "Today");
  await why.getByText("Choose how it felt, then save.").waitFor(); // still said, where it was
  await feel.getByRole("radio", { name: "Good" }).click();
  assert.equal(await why.isHidden(), true, "answering clears it");
  await card.getByRole("button", { name: "Save this run" }).click();
  await page.getByRole("status").getByText("Run saved.").waitFor();
  await goTab(page, "History");
  assert.equal(await runItems(page).count(), 5);
  assert.match(await runItems(page).first().textContent(), /Effort 4 \(Somewhat hard\) · Felt good/);
  await app.assertClean();
});
