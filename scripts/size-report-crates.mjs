// Where the first load's wasm bytes go, per crate and per function family: twiggy's
// per-item sizes on the main module of the release wasm, split and optimised as
// scripts/split-wasm.mjs does (wasm-split-cli, wasm-bindgen, wasm-opt -Oz) but
// keeping its names (-g). The split pages' chunks are not counted. Inlining moves code into its callers, so a row
// is "code in functions named after X", not "X's whole cost"; compare runs of this
// script, not its rows with another tool's. Needs twiggy (see docs/size.md).
//   node scripts/size-report-crates.mjs [target/wasm32-unknown-unknown/release/restride.wasm]
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const input = process.argv[2] ?? "target/wasm32-unknown-unknown/release/restride.wasm";
const tmp = mkdtempSync(join(tmpdir(), "restride-size-"));
try {
  const split = join(tmp, "split");
  execFileSync("wasm-split-cli", ["--out-name", "app", input, split]);
  execFileSync("wasm-bindgen", [
    "--target", "web", "--no-typescript", "--keep-lld-exports",
    "--out-dir", tmp, "--out-name", "app", join(split, "app.wasm"),
  ]);
  const named = join(tmp, "named.wasm");
  execFileSync("wasm-opt", ["-Oz", "-g", join(tmp, "app_bg.wasm"), "-o", named]);
  const stripped = join(tmp, "stripped.wasm");
  execFileSync("wasm-opt", ["--strip-debug", named, "-o", stripped]);
  const csv = execFileSync("twiggy", ["top", "-n", "1000000", "--format", "csv", named], { maxBuffer: 1 << 28 }).toString();
  const rows = csv
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => {
      const m = line.match(/^("(?:[^"]|"")*"|[^,]*),(\d+),/);
      return m ? { name: m[1].replace(/^"|"$/g, "").replace(/""/g, '"'), bytes: Number(m[2]) } : null;
    })
    .filter((r) => r && !/names" subsection|^custom section/.test(r.name));
  const total = statSync(stripped).size;

  // The crate a function is named after: the first path in `<T as a::B>::f` is the
  // implementing type's, which is where a derive's code lives (serde derives on
  // restride types count as restride's, their serde_json driver as serde_json's).
  const crateOf = (name) => {
    if (name.startsWith("data segment")) return "(data: strings, tables)";
    if (/^(elem|table|global|type|import|export|code section|wasm magic|func\[)/i.test(name)) return "(wasm structure)";
    const m = name.replace(/^[<&\s]*(mut\s+)?(dyn\s+)?/, "").match(/^([a-z_][a-z0-9_]*)(\[[0-9a-f]+\])?::/);
    return m ? m[1] : "(other: closures, shims, std glue)";
  };
  // First match wins: serde's code inside a restride type's derive counts as serde.
  const FAMILIES = [
    ["serde (derives and serde_json)", /serde|Deserializ|Serializ|Visitor/],
    ["formatting (core::fmt, format!, float printing)", /core(\[[0-9a-f]+\])?::fmt|alloc::fmt|float_to_decimal|::fmt::|Display>::fmt|Debug>::fmt/],
    ["chrono", /chrono/],
    ["analysis engine (restride_core::analysis)", /restride_core::analysis/],
    ["plan engine (restride_core::plan)", /restride_core::plan/],
    ["rest of restride_core (history, progress, forms, units)", /restride_core/],
    ["storage and backup (restride_store)", /restride_store/],
    ["the app's pages (restride::app, restride::pages: components)", /restride::(app|pages)/],
    ["the app's state and adapters (restride::state, storage, browser, share, pwa)", /restride::/],
    ["Leptos runtime (tachys, reactive_graph, leptos)", /tachys|reactive_graph|leptos|any_view/],
    ["wasm-bindgen, js-sys, web-sys glue", /wasm_bindgen|js_sys|web_sys|__wbg|__wbindgen/],
    ["closures called through Fn traits (inlined view and effect bodies)", /core(\[[0-9a-f]+\])?::ops::function/],
    ["allocator and std", /dlmalloc|alloc::|core::|std::|compiler_builtins/],
    ["data (strings, tables)", /^data segment/],
  ];
  const familyOf = (name) => FAMILIES.find(([, re]) => re.test(name))?.[0] ?? "other";

  const sum = (key) => {
    const m = new Map();
    for (const r of rows) m.set(key(r.name), (m.get(key(r.name)) ?? 0) + r.bytes);
    return [...m].sort((a, b) => b[1] - a[1]);
  };
  const print = (title, entries, limit) => {
    const counted = entries.reduce((t, [, b]) => t + b, 0);
    console.log(`\n| ${title} | bytes | % of code+data |\n|---|---:|---:|`);
    for (const [k, b] of entries.slice(0, limit)) console.log(`| ${k} | ${b} | ${((100 * b) / counted).toFixed(1)} |`);
    if (entries.length > limit) {
      const rest = entries.slice(limit).reduce((t, [, b]) => t + b, 0);
      console.log(`| (${entries.length - limit} more) | ${rest} | ${((100 * rest) / counted).toFixed(1)} |`);
    }
  };
  console.log(`${input}: ${statSync(input).size} bytes from cargo; its main module ${total} bytes after wasm-bindgen and wasm-opt -Oz (names stripped)`);
  print("crate", sum(crateOf), 16);
  print("function family", sum(familyOf), 20);
  const top = [...rows].sort((a, b) => b.bytes - a.bytes).slice(0, 15);
  console.log("\n| largest items | bytes |\n|---|---:|");
  for (const r of top) console.log(`| ${r.name.replace(/::h[0-9a-f]{16}$/, "").replace(/\|/g, "\\|")} | ${r.bytes} |`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
