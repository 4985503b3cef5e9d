// The least a first screen costs on this stack: builds bench/leptos-floor (a toy
// Today in Leptos CSR with serde_json and chrono, the app's release profile, its
// Cargo.lock and erase_components) as the app is built (wasm-bindgen, wasm-opt -Oz)
// and prints its wasm's and JS glue's raw and brotli bytes, to set beside the app's
// first load (scripts/size-report.mjs). Not part of scripts/test; docs/size.md.
//   node scripts/size-floor.mjs
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

const work = mkdtempSync(join(tmpdir(), "restride-floor-"));
try {
  cpSync("bench/leptos-floor", work, { recursive: true });
  // The app's versions of every crate (cargo drops the entries this crate doesn't use).
  cpSync("Cargo.lock", join(work, "Cargo.lock"));
  const target = join(process.cwd(), "target", "leptos-floor");
  execFileSync("cargo", ["build", "--release", "--target", "wasm32-unknown-unknown", "--config",
    'target.wasm32-unknown-unknown.rustflags=["--cfg","erase_components"]'], {
    cwd: work, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, CARGO_TARGET_DIR: target },
  });
  const out = join(work, "out");
  execFileSync("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-dir", out,
    join(target, "wasm32-unknown-unknown", "release", "leptos-floor.wasm")]);
  execFileSync("wasm-opt", ["-Oz", join(out, "leptos-floor_bg.wasm"), "-o", join(out, "leptos-floor_bg.wasm")]);
  const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  let total = 0;
  for (const f of ["leptos-floor_bg.wasm", "leptos-floor.js"]) {
    const bytes = readFileSync(join(out, f));
    total += brotli(bytes);
    console.log(`${f.padEnd(24)} ${String(bytes.length).padStart(9)} raw ${String(brotli(bytes)).padStart(8)} brotli`);
  }
  console.log(`toy Today, wasm + JS: ${total} bytes brotli`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
