# The README's commands. Each installs what is missing first (scripts/bootstrap.sh).
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
# cargo's output folder: the standalone clone builds in one of its own (scripts/standalone.sh)
CARGO_OUT := $(or $(CARGO_TARGET_DIR),target)

.PHONY: fuzz demo test test-spark standalone pkg bootstrap evaluate size bench bench-history extension test-native test-wasm test-node test-types test-browser test-extension

bootstrap:
	@bash scripts/bootstrap.sh

## Build the npm package into pkg/ (wasm-pack, wasm-opt, Node entry, package.json).
pkg: bootstrap
	@bash scripts/build-pkg.sh

## Build and serve the demo page on http://127.0.0.1:8080/www/
demo: pkg
	@node scripts/serve.mjs

## Every test: native, evaluation on the public data, WASM in headless Chromium, the packed
## package in Node, the TypeScript types, the page in Chromium, and the size budget.
## Last, the same in a fresh clone of HEAD with nothing of ours beside it (scripts/standalone.sh).
## make stops at the first step that fails, so reaching the echo means every step passed.
TEST_STEPS := test-native evaluate test-wasm test-node test-types test-browser test-extension test-spark size
ifndef RAPPORT_STANDALONE_INNER
TEST_STEPS += standalone
endif
test: bootstrap pkg $(TEST_STEPS)
	@echo "make test: $(words $(TEST_STEPS)) passed, 0 failed ($(TEST_STEPS))"

standalone:
	bash scripts/standalone.sh

test-native:
	cargo test --workspace

evaluate:
	cargo run --release -q -p rapport-tools --bin evaluate -- --check --frozen-test

test-wasm:
	cargo test --target wasm32-unknown-unknown --test web

test-node: pkg
	node --test tests/node/

test-types: test-node
	node_modules/.bin/tsc -p tests/ts/tsconfig.json
	@echo "types: tsc --noEmit --strict on tests/ts/usage.ts: 1 passed, 0 failed"

## The Spark job (examples/spark/) in local mode on a small generated backlog, identical to the
## CLI; installs Java and pyspark (scripts/bootstrap.sh spark) first, and only here.
test-spark:
	bash scripts/bootstrap.sh spark
	cargo build --release -q -p rapport-cli
	cargo run --release -q -p rapport-tools --bin generate -- history --customers 300 --open 400 --out out/spark-test
	out/spark-venv/bin/python tests/spark/test_spark.py $(CARGO_OUT)/release/rapport out/spark-test

test-browser: pkg
	node --test tests/browser/

## History at scale: generates 10k/100k/1M records (JSON and CSV), then the native criterion
## benches, the same in headless Chromium, one large customer in Node, and the CLI (1 and 2
## threads) and the Spark job in local mode against 1M records (benches/cli.py); each bench
## rewrites its own section of BENCHMARKS.md (benches/section.mjs)
bench-history: pkg
	@for n in 1000 10000 100000; do \
	  cargo run --release -q -p rapport-tools --bin generate -- history --customers $$n --open 10000 --out out/bench/h$$n && \
	  cargo run --release -q -p rapport-tools --bin generate -- history --customers $$n --format csv --out out/bench/h$$n || exit 1; \
	done
	cargo bench -q -p rapport-bench --bench history
	node benches/history.mjs --write
	bash scripts/bootstrap.sh spark
	cargo build --release -q -p rapport-cli
	out/spark-venv/bin/python benches/cli.py $(CARGO_OUT)/release/rapport out/bench/h100000 --write
	node benches/one-customer.mjs --write

## The browser extension, unpacked in dist/extension/ and packed as dist/rapport-extension-<version>.zip
extension: bootstrap pkg
	node scripts/build-extension.mjs

test-extension: pkg
	node scripts/build-extension.mjs --test-hosts
	node_modules/.bin/tsc -p tests/extension/tsconfig.json
	@echo "types: tsc on the extension's messages (extension/messages.js and the files marked // @ts-check that send and take them): passed"
	node --test tests/extension/

size: pkg
	node scripts/size-report.mjs

## Throughput and accuracy against vader-sentiment, sentiment (AFINN) and wink-sentiment in one
## Node process, the size report, and what filling snippets costs; each rewrites its own section of BENCHMARKS.md.
bench: pkg test-node
	@mkdir -p out/bench
	cargo run --release -q -p rapport-tools --bin generate -- texts --bytes 1200000 > out/bench/support-corpus.json
	node benches/peers.mjs out/bench/support-corpus.json --write
	node benches/snippets.mjs out/bench/support-corpus.json --write
	node benches/cold-start.mjs --write

## Fuzzing (nightly and cargo-fuzz, installed by this target only): each target for FUZZ_SECONDS
## (default 300); crash inputs are kept in fuzz/regressions/ and replayed by make test.
fuzz:
	bash scripts/fuzz.sh
