// What the import specs share: the generated files
// (crates/restride-import/examples/e2e_fixtures.rs, dated relative to now), opening
// the import page, and its report.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { goTab } from "./support.mjs";

/** Writes the import fixtures into a new temporary folder and returns its path. */
export function importFixtures(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  execFileSync(
    "cargo",
    ["run", "-q", "-p", "restride-import", "--features", "test-support", "--example", "e2e_fixtures", "--", dir, String(Math.floor(Date.now() / 1000))],
    { stdio: "inherit" },
  );
  return dir;
}

/** Removes them (the large Apple Health export is a few hundred MB). */
export function removeFixtures(dir) {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** Opens the import page the way a runner would, from History. */
export async function openImport(page) {
  await goTab(page, "History");
  await page.getByRole("link", { name: "Import from a watch or Strava" }).first().click();
  await page.getByRole("heading", { name: "Import your runs" }).waitFor();
}

/** The summary shown when an import is done. */
export const importReport = (page) => page.locator(".import-report");
