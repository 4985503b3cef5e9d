// Debian's Chromium through playwright-core, as every browser script here launches
// it: never a browser download, and with the background services that this
// machine's closed network would refuse turned off. Playwright gives each launch a
// fresh profile.
import { chromium } from "playwright-core";

const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export function launchChromium() {
  return chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: FLAGS });
}
