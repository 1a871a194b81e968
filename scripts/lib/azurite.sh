# Azurite (the Azure Storage emulator) for local runs and tests: installed from npm, pinned, into .tools/,
# started on a free loopback port, stopped when the calling script exits. Sourced by scripts/run and scripts/test.

AZURITE_VERSION="3.37.0"
AZURITE_DIR="$REPO_ROOT/.tools/azurite"
AZURITE_BIN="$AZURITE_DIR/node_modules/.bin/azurite-table"
AZURITE_ACCOUNT_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

azurite_install() {
  if [ -x "$AZURITE_BIN" ] && [ "$(cat "$AZURITE_DIR/.version" 2>/dev/null)" = "$AZURITE_VERSION" ]; then
    return 0
  fi
  command -v npm >/dev/null || { echo "npm (Node.js) is required to install Azurite" >&2; return 1; }
  echo "Installing Azurite $AZURITE_VERSION into .tools/azurite ..."
  mkdir -p "$AZURITE_DIR"
  npm install --prefix "$AZURITE_DIR" --no-audit --no-fund --loglevel=error "azurite@$AZURITE_VERSION" >/dev/null
  echo "$AZURITE_VERSION" > "$AZURITE_DIR/.version"
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# azurite_start [data-dir]: with a folder, data persists there; without, it lives in memory.
azurite_start() {
  local data_dir="${1:-}"
  AZURITE_PORT="$(free_port)"
  local args=(--tableHost 127.0.0.1 --tablePort "$AZURITE_PORT" --skipApiVersionCheck --disableProductStyleUrl --silent)
  if [ -n "$data_dir" ]; then
    mkdir -p "$data_dir"
    args+=(--location "$data_dir")
  else
    args+=(--inMemoryPersistence)
  fi
  "$AZURITE_BIN" "${args[@]}" >"$REPO_ROOT/.tools/azurite.log" 2>&1 &
  AZURITE_PID=$!
  trap azurite_stop EXIT
  for _ in $(seq 1 100); do
    if node -e "require('net').connect($AZURITE_PORT,'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))" 2>/dev/null; then
      AZURITE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$AZURITE_ACCOUNT_KEY;TableEndpoint=http://127.0.0.1:$AZURITE_PORT/devstoreaccount1;"
      export AZURITE_CONNECTION_STRING AZURITE_PORT AZURITE_PID
      echo "Azurite table service on 127.0.0.1:$AZURITE_PORT (pid $AZURITE_PID)"
      return 0
    fi
    sleep 0.1
  done
  echo "Azurite did not start; see .tools/azurite.log" >&2
  return 1
}

azurite_stop() {
  if [ -n "${AZURITE_PID:-}" ] && kill -0 "$AZURITE_PID" 2>/dev/null; then
    kill "$AZURITE_PID" 2>/dev/null || true
    wait "$AZURITE_PID" 2>/dev/null || true
  fi
  AZURITE_PID=""
}
