// Runs every e2e/*.spec.mjs with node's test runner against the release build in
// dist/, served on 127.0.0.1 by the same static server `scripts/serve` uses.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { startServer } from "../scripts/static-server.mjs";

const port = Number(process.env.E2E_PORT ?? 4321);
const server = await startServer(new URL("../dist", import.meta.url).pathname, port);
const dir = new URL(".", import.meta.url).pathname;
const only = process.argv.slice(2);
const specs = readdirSync(dir)
  .filter((f) => f.endsWith(".spec.mjs") && (only.length === 0 || only.some((o) => f.includes(o))))
  .sort()
  .map((f) => dir + f);
const child = spawn(process.execPath, ["--test", "--test-concurrency=1", ...specs], {
  stdio: "inherit",
  env: { ...process.env, RESTRIDE_URL: `http://127.0.0.1:${port}` },
});
const code = await new Promise((ok) => child.on("exit", (c) => ok(c ?? 1)));
server.close();
process.exit(code);
