#!/usr/bin/env bash
# Builds the npm package `rapport` into pkg/: wasm-pack (release, web target), then wasm-opt,
# then the Node entry and a complete package.json.
# wasm-opt is binaryen 132 from npm (a devDependency): Debian's binaryen 108 rewrites
# wasm-bindgen's externref table so that `new Engine()` fails with "Table.set(): Argument 1 is
# invalid" — measured with every -O level.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# Nothing the package is made of changed since the last build (pkg/.built): keep it. Two
# release builds and two wasm-opt runs take minutes on a busy machine, and `make demo` after
# `make test` should serve at once.
stamp=pkg/.built
if [ -f "$stamp" ] && [ -z "$(find src crates data build.rs Cargo.toml Cargo.lock scripts/build-pkg.sh scripts/finish-pkg.mjs widget npm/README.md LICENSE -newer "$stamp" -print -quit)" ]; then
  echo "[build-pkg] pkg/ is up to date (nothing newer than $stamp)"
  exit 0
fi
rm -f "$stamp"
# Two builds of one crate: the ticket-side engine (pkg/, within the 300 KB budget) without the
# cargo feature "outreach", and the full engine with outreach and insights (pkg/insights/), which
# only the reporting pages load (outreach and insights cost 22.4 KB gzipped; reported by
# scripts/size-report.mjs).
rm -rf target/pkg-insights
# linked from crates/rapport-wasm: its Cargo.toml and the root one say why
wasm-pack build crates/rapport-wasm --release --target web --out-dir "$PWD/target/pkg-insights" --out-name rapport --no-pack >/dev/null 2>pkg-build.log || { cat pkg-build.log; exit 1; }
wasm-pack build crates/rapport-wasm --release --target web --out-dir "$PWD/pkg" --out-name rapport --no-pack -- --no-default-features >/dev/null 2>pkg-build.log || { cat pkg-build.log; exit 1; }
rm -f pkg-build.log
rm -rf pkg/insights && mkdir -p pkg/insights
for f in rapport.js rapport.d.ts rapport_bg.wasm rapport_bg.wasm.d.ts; do cp target/pkg-insights/$f pkg/insights/$f; done
cp -r target/pkg-insights/snippets pkg/insights/ 2>/dev/null || true
node_modules/.bin/wasm-opt -Oz -ocimfs=100 --low-memory-unused --strip-debug --strip-producers --gufa -Oz pkg/insights/rapport_bg.wasm -o pkg/insights/rapport_bg.wasm
# -ocimfs: binaryen would inline every function that has one caller, however big, into it
# (the engine constructor became one 27 KB function, assess one of 48 KB). V8 compiles a
# function on its first call, so on a cold page those giants were compiled whole, unused
# branches (config parsing, snippet filling) included. Capping it at 100 bytes keeps them
# apart, and the file comes out ~4 KB smaller gzipped. The ticket-side build caps it at 80: 255
# bytes less than 100, `node benches/assess-ab.mjs` 21 rounds p50 0.99x, p95 0.98x (2026-12-06).
# --gufa then -Oz again: binaryen's whole-program flow analysis finds values that can only be
# constants (a field, a return) and -Oz folds what follows; 295 bytes less gzipped, `node
# benches/assess-ab.mjs` 21 rounds p50 1.00x, p95 0.99x (2026-12-06).
# --converge: repeat until nothing shrinks (~0.2 KB gzipped, ~20 s). --low-memory-unused: the
# first 1 KB of linear memory is never read or written, so binaryen may fold constant address
# additions into load and store offsets (1.2 KB gzipped, measured 2026-12-02). True of Rust's
# wasm32 layout: the 1 MB stack sits first and grows down from 1 MB toward 0, so only a stack
# 1,023 KB deep would reach that kilobyte, and data and heap lie above the stack.
node_modules/.bin/wasm-opt -Oz -ocimfs=80 --low-memory-unused --strip-debug --strip-producers --gufa -Oz --converge pkg/rapport_bg.wasm -o pkg/rapport_bg.wasm
node scripts/finish-pkg.mjs
echo "[build-pkg] pkg/ ready: $(wc -c < pkg/rapport_bg.wasm) bytes wasm, $(gzip -9 -c pkg/rapport_bg.wasm | wc -c) gzipped; pkg/insights/: $(gzip -9 -c pkg/insights/rapport_bg.wasm | wc -c) gzipped"
touch "$stamp"
