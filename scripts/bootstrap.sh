#!/usr/bin/env bash
# Installs what the build and tests need, idempotently, on a machine that has only the stock
# Rust toolchain, Node.js/npm and apt. Nothing here downloads prebuilt binaries outside the
# registries: wasm-pack and wasm-bindgen from crates.io, Chromium from Debian, wasm-opt
# (binaryen), TypeScript and playwright-core from npm.
set -euo pipefail
cd "$(dirname "$0")/.."

# `bootstrap.sh spark`: only what the Spark job's test needs (make test-spark): a Java runtime
# from Debian and pyspark from PyPI in a venv under out/ (ignored). Nothing else is touched.
if [ "${1:-}" = spark ]; then
  PYSPARK_VERSION=4.3.0
  VENV=out/spark-venv
  if ! command -v java >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -qq
    jre=$(apt-cache pkgnames openjdk- | grep -E '^openjdk-(17|21|25)-jre-headless$' | sort -V | head -n1)
    [ -n "$jre" ] || { echo "[bootstrap] no openjdk-{17,21,25}-jre-headless in apt" >&2; exit 1; }
    echo "[bootstrap] apt installing $jre"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$jre" >/dev/null
  fi
  if ! "$VENV/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
    echo "[bootstrap] pip installing pyspark $PYSPARK_VERSION into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check "pyspark==$PYSPARK_VERSION"
  fi
  echo "[bootstrap] spark ready: $("$VENV/bin/python" -c 'import pyspark; print("pyspark", pyspark.__version__)'), $(java -version 2>&1 | head -n1)"
  exit 0
fi

# Keep in step with the `wasm-bindgen = "=..."` pin in Cargo.toml.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p; s/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml | head -n1)
WASM_PACK_VERSION=0.15.1
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '[bootstrap] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
command -v zip >/dev/null 2>&1 || need_apt+=(zip)   # packs the extension (make extension)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "apt installing ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  say "cargo installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # no --locked: the CLI's lock file names crates this registry lacks
  cargo install -q --force wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
fi

if ! wasm-pack --version 2>/dev/null | grep -q "$WASM_PACK_VERSION"; then
  say "cargo installing wasm-pack $WASM_PACK_VERSION"
  cargo install -q --force wasm-pack --version "=$WASM_PACK_VERSION"
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
say "ready"
