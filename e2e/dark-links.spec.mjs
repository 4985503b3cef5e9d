// Links keep the app's colours in dark mode (and light), not the browser's blue
// and visited purple.
import { test } from "node:test";
import assert from "node:assert/strict";
import { launchChromium } from "../scripts/chromium.mjs";
import { appReady, BASE, goTab } from "./support.mjs";

for (const scheme of ["dark", "light"]) {
  test(`links are the app's accent colour in ${scheme} mode`, async (t) => {
    const browser = await launchChromium();
    t.after(() => browser.close());
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(BASE + "/");
    await appReady(page);
    const accent = await page.evaluate(() => {
      const probe = document.createElement("span");
      probe.style.color = "var(--accent)";
      document.body.append(probe);
      const c = getComputedStyle(probe).color;
      probe.remove();
      return c;
    });
    // A link followed once (visited), then seen again.
    const link = page.getByRole("link", { name: "Import your runs from a watch or Strava" });
    await link.click();
    await page.getByRole("heading", { name: "Import your runs" }).waitFor();
    await goTab(page, "History");
    const links = page.locator("main p a").filter({ visible: true });
    assert.ok((await links.count()) > 0);
    for (const color of await links.evaluateAll((as) => as.map((a) => getComputedStyle(a).color))) {
      assert.equal(color, accent);
      assert.notEqual(color, "rgb(0, 0, 238)", "the browser's link blue");
      assert.notEqual(color, "rgb(85, 26, 139)", "the browser's visited purple");
    }
  });
}
