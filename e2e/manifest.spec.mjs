// The app is installable: a manifest with standalone display, 192/512 and maskable
// PNG icons of the sizes it claims, and a "Log a run" shortcut that opens the form.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openApp } from "./support.mjs";

test("the manifest describes an installable app with a Log shortcut", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  const manifest = await page.evaluate((h) => fetch(h).then((r) => r.json()), href);
  assert.equal(manifest.display, "standalone");
  assert.equal(manifest.start_url, "/");
  assert.equal(manifest.scope, "/");
  assert.ok(manifest.name && manifest.short_name && manifest.theme_color && manifest.background_color);
  const sizes = await page.evaluate(async (icons) => {
    const out = [];
    for (const icon of icons) {
      const bytes = new DataView(await (await fetch(icon.src)).arrayBuffer());
      out.push({ ...icon, actual: `${bytes.getUint32(16)}x${bytes.getUint32(20)}`, png: bytes.getUint32(0) === 0x89504e47 });
    }
    return out;
  }, manifest.icons);
  for (const icon of sizes) {
    assert.ok(icon.png, `${icon.src} is a PNG`);
    assert.equal(icon.actual, icon.sizes, icon.src);
  }
  assert.deepEqual(sizes.map((i) => `${i.sizes} ${i.purpose}`).sort(), ["192x192 any", "512x512 any", "512x512 maskable"]);

  const shortcut = manifest.shortcuts.find((s) => s.name === "Log a run");
  assert.ok(shortcut, "has a Log a run shortcut");
  await page.goto(new URL(shortcut.url, page.url()).href);
  await page.getByRole("heading", { name: "Log a run" }).waitFor();
  await app.assertClean();
});
