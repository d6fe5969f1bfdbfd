#!/usr/bin/env bash
# make fuzz: each fuzz target (fuzz/fuzz_targets/) for FUZZ_SECONDS (default 300) with
# cargo-fuzz on nightly (installed here, and only here, when missing). Prints per target the
# executions and the crashes; a crash input is copied into fuzz/regressions/<target>/ so that
# tests/fuzz_regressions.rs (stable, in make test) keeps it. Exits 1 if any target crashed.
# FUZZ_TARGETS="template macros" picks targets; FUZZ_JOBS (default 1) runs jobs in parallel.
# FUZZ_SANITIZER (default none): the crate has no unsafe code, so what a run looks for (a panic,
# a stack overflow, a time-out, memory without bound) needs no AddressSanitizer, which made the
# assess target 14 times slower (43 against 598 executions a second, measured 2026-12-01 with
# `cargo +nightly fuzz run [-s none] assess`); FUZZ_SANITIZER=address brings it back.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
secs="${FUZZ_SECONDS:-300}"
sanitizer="${FUZZ_SANITIZER:-none}"
targets="${FUZZ_TARGETS:-template macros json_history csv_history assess}"
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "[fuzz] installing the nightly toolchain (for cargo-fuzz's sanitizer flags)"
  rustup toolchain install nightly --profile minimal || exit 1
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "[fuzz] installing cargo-fuzz"
  cargo install cargo-fuzz || exit 1
fi
failed=0
summary=()
for t in $targets; do
  corpus="out/fuzz/corpus/$t"
  mkdir -p "$corpus" "fuzz/regressions/$t"
  cp -n fuzz/seeds/$t/* "$corpus"/ 2>/dev/null || true
  log="out/fuzz/$t.log"
  echo "[fuzz] $t for ${secs}s (log: $log)"
  (cd fuzz && cargo +nightly fuzz run -s "$sanitizer" "$t" "../$corpus" -- -max_total_time="$secs" -max_len=65536 \
     -rss_limit_mb=4096 -timeout=20 -print_final_stats=1) >"$log" 2>&1
  rc=$?
  runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1 | grep -o '[0-9]*' || true)
  [ -z "$runs" ] && runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
  crashes=0
  for a in fuzz/artifacts/$t/*; do
    [ -f "$a" ] || continue
    cp "$a" "fuzz/regressions/$t/"
    crashes=$((crashes + 1))
  done
  if [ $rc -ne 0 ] && [ $crashes -eq 0 ]; then crashes="the run failed (exit $rc): see $log"; fi
  [ "$crashes" != "0" ] && failed=1
  summary+=("fuzz: $t: ${runs:-?} executions in ${secs}s, crashes: $crashes")
done
printf '%s\n' "${summary[@]}"
exit $failed
