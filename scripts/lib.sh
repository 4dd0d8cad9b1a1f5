# Shared set-up for scripts/serve and scripts/test: installs what is missing and finds
# Postgres. Sourced, not run. Every step is idempotent and quiet when nothing is to do.

set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

CARGO_LEPTOS_VERSION=0.3.10
SQLX_CLI_VERSION=0.8.6
PG_PRIVATE_PORT=${PG_PRIVATE_PORT:-5433}

say() { printf '\033[1m==> [%s] %s\033[0m\n' "$(date +%T)" "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  say "installing Debian packages: $*"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

# The wasm-bindgen version the lockfile pins; the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_rust_tools() {
  export PATH="$HOME/.cargo/bin:$PATH"
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32 target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 13 minutes on 2 cores, once)"
    cargo install cargo-leptos --locked --version "$CARGO_LEPTOS_VERSION"
  fi
  local wbg
  wbg=$(wasm_bindgen_version)
  if ! wasm-bindgen --version 2>/dev/null | grep -q "$wbg"; then
    say "installing wasm-bindgen-cli $wbg"
    cargo install wasm-bindgen-cli --version "$wbg" --force
  fi
}

ensure_sqlx_cli() {
  if ! cargo sqlx --version 2>/dev/null | grep -q "$SQLX_CLI_VERSION"; then
    say "installing sqlx-cli $SQLX_CLI_VERSION"
    cargo install sqlx-cli --version "$SQLX_CLI_VERSION" --no-default-features --features postgres,rustls --locked
  fi
}

# binaryen's wasm-opt (>= 116) from npm, which release bundles need: cargo-leptos would try
# to download one, and Debian's 108 builds bundles that never hydrate.
ensure_wasm_opt() {
  command -v npm >/dev/null || apt_install nodejs npm
  if [ ! -x end2end/node_modules/.bin/wasm-opt ]; then
    say "installing the npm packages (binaryen's wasm-opt; no browser download)"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
  export PATH="$ROOT/end2end/node_modules/.bin:$PATH"
}

# Release builds (server and bundle alike: hydration needs both built the same way) erase
# the views' types as debug builds do: measured here (2026-12-06, before the journey's steps
# were split) the customer's first load was 426 kB brotli instead of 530 kB, and all lazily
# loaded chunks together 611 kB instead of 938 kB.
release_rustflags() {
  export RUSTFLAGS="--cfg erase_components"
}

# The web fonts the stylesheet names (style/main.css), from their npm package into site
# root $1's fonts/ (served at /fonts), with the package's version in the file name.
install_fonts() {
  local site=$1 package="$ROOT/end2end/node_modules/@fontsource-variable/noto-sans-devanagari"
  command -v npm >/dev/null || apt_install nodejs npm
  if [ ! -f "$package/package.json" ]; then
    say "installing the npm packages (the Devanagari web font)"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
  local version
  version=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' "$package/package.json")
  mkdir -p "$site/fonts"
  cp "$package/files/noto-sans-devanagari-devanagari-wght-normal.woff2" \
    "$site/fonts/noto-sans-devanagari-$version.woff2"
}

ensure_browser_tools() {
  command -v npm >/dev/null || apt_install nodejs npm
  [ -x /usr/bin/chromium ] || apt_install chromium
  if [ ! -d end2end/node_modules/@playwright/test ]; then
    say "installing Playwright (no browser download: Debian's chromium is used)"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
}

pg_bin() {
  local found
  found=$(command -v "$1" 2>/dev/null || ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1)
  [ -n "$found" ] && echo "$found"
}

# Sets PG_URL to a server URL without a database name:
#   1. DATABASE_URL if set (its database part is replaced per use);
#   2. the server on 127.0.0.1:5432 if it answers;
#   3. a private cluster under target/postgres, created and started on first use.
ensure_postgres() {
  if [ -n "${DATABASE_URL:-}" ]; then
    PG_URL=${DATABASE_URL%/*}
  elif pg_connects postgres://postgres@127.0.0.1:5432; then
    PG_URL=postgres://postgres@127.0.0.1:5432
  else
    start_private_postgres
    PG_URL=postgres://postgres@127.0.0.1:$PG_PRIVATE_PORT
  fi
  export PG_URL
}

# Whether we can log in (a server that answers may still want a password we do not have).
pg_connects() {
  local psql
  psql=$(pg_bin psql) || return 1
  PGCONNECT_TIMEOUT=3 "$psql" "$1/postgres" -tAc 'SELECT 1' >/dev/null 2>&1
}

pg_isready_at() {
  local isready
  isready=$(pg_bin pg_isready) || return 1
  "$isready" -q -h "$1" -p "$2" -t 3
}

start_private_postgres() {
  [ -n "$(pg_bin initdb)" ] || apt_install postgresql
  local initdb pg_ctl dir
  initdb=$(pg_bin initdb); pg_ctl=$(pg_bin pg_ctl)
  dir="$ROOT/target/postgres"
  if pg_isready_at 127.0.0.1 "$PG_PRIVATE_PORT"; then
    [ -f "$dir/PG_VERSION" ] && return 0
    echo "port $PG_PRIVATE_PORT is taken by another server; set PG_PRIVATE_PORT or DATABASE_URL" >&2
    exit 1
  fi
  mkdir -p "$ROOT/target"
  # As root the cluster belongs to the postgres user, which must be able to reach $dir;
  # its tools run from / so that an unreadable working directory does not stop them.
  local run=()
  [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
  cd /
  if [ ! -f "$dir/PG_VERSION" ]; then
    say "creating a private Postgres cluster in target/postgres"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    "${run[@]}" "$initdb" -D "$dir" -A trust -U postgres >/dev/null
  fi
  say "starting the private Postgres on port $PG_PRIVATE_PORT"
  "${run[@]}" "$pg_ctl" -D "$dir" -o "-p $PG_PRIVATE_PORT -k $dir -c listen_addresses=127.0.0.1" -l "$dir/log" -w start >/dev/null
  cd "$ROOT"
}

# Creates database $1 on PG_URL unless it exists (the app itself applies migrations).
ensure_database() {
  local psql
  psql=$(pg_bin psql)
  if ! "$psql" "$PG_URL/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'" | grep -q 1; then
    "$psql" -q "$PG_URL/postgres" -c "CREATE DATABASE \"$1\""
  fi
}

recreate_database() {
  local psql
  psql=$(pg_bin psql)
  "$psql" -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" -c "CREATE DATABASE \"$1\""
}

# The local mail sink (scripts/mail_sink.py: aiosmtpd on 127.0.0.1:$MAIL_SMTP_PORT, its
# messages readable at http://127.0.0.1:$MAIL_HTTP_PORT/messages), started unless running.
MAIL_SMTP_PORT=${MAIL_SMTP_PORT:-1025}
MAIL_HTTP_PORT=${MAIL_HTTP_PORT:-1080}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# libxml2's C14N through lxml, the reference the e-Aadhaar canonicaliser's differential
# fuzz target compares against; the tests find its python in KYC_TEST_XML_REFERENCE.
ensure_xml_reference() {
  local venv="$ROOT/target/xml-reference"
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import lxml; assert lxml.__version__ == "6.0.2"' 2>/dev/null; then
    say "installing the XML canonicalisation reference (lxml, libxml2)"
    mkdir -p "$ROOT/target"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'lxml==6.0.2'
  fi
}

ensure_mail_sink() {
  local venv="$ROOT/target/mail-sink"
  if port_open "$MAIL_SMTP_PORT" && port_open "$MAIL_HTTP_PORT"; then
    return 0
  fi
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import aiosmtpd' 2>/dev/null; then
    say "installing the local mail sink (aiosmtpd)"
    mkdir -p "$ROOT/target"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'aiosmtpd==1.4.6'
  fi
  say "starting the mail sink: SMTP 127.0.0.1:$MAIL_SMTP_PORT, messages at http://127.0.0.1:$MAIL_HTTP_PORT/messages"
  nohup "$venv/bin/python" "$ROOT/scripts/mail_sink.py" --smtp-port "$MAIL_SMTP_PORT" \
    --http-port "$MAIL_HTTP_PORT" >"$ROOT/target/mail-sink.log" 2>&1 &
  for _ in $(seq 50); do
    port_open "$MAIL_HTTP_PORT" && return 0
    sleep 0.2
  done
  echo "the mail sink did not start; see target/mail-sink.log" >&2
  exit 1
}
