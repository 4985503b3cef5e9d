// In miles, heights are feet too: the Log form takes the climb in feet and History
// shows it in feet, and in metres again once the runner goes back to kilometres.
import { test } from "node:test";
import assert from "node:assert/strict";
import { goTab, openApp, runForm, runItems } from "./support.mjs";

test("in miles the climb is entered and shown in feet", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await goTab(page, "Settings");
  await page.getByRole("radio", { name: "Miles" }).check();
  await goTab(page, "Log");
  const form = runForm(page);
  await form.getByLabel("Duration").fill("30:00");
  await form.getByLabel("Distance (mi)").fill("3.1");
  await form.getByRole("radio", { name: /^4 / }).check();
  await form.getByRole("radio", { name: "Good", exact: true }).check();
  await form.getByText("Notes and more details (optional)").click();
  await form.getByLabel("Elevation gain (ft)").fill("328");
  await form.getByRole("button", { name: "Save run" }).click();
  await page.getByRole("heading", { name: "History" }).waitFor();
  assert.match(await runItems(page).first().textContent(), /\+328 ft/);

  await goTab(page, "Settings");
  await page.getByRole("radio", { name: "Kilometres" }).check();
  await goTab(page, "History");
  assert.match(await runItems(page).first().textContent(), /\+100 m/);
  // Editing shows it in the unit in use.
  await runItems(page).first().getByRole("button", { name: /^Edit run of/ }).click();
  assert.equal(await page.getByLabel("Elevation gain (m)").inputValue(), "100");
  await app.assertClean();
});
