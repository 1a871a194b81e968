# Microsoft's Adaptive Cards renderer and jsdom, for the Teams card tests (tests/UsageAlerts.Tests/Notifications/
# card-check): installed with `npm ci` from that folder's package-lock.json (exact versions and hashes) into
# .tools/card-check. Sourced by scripts/setup.

CARD_CHECK_SOURCE="$REPO_ROOT/tests/UsageAlerts.Tests/Notifications/card-check"
CARD_CHECK_DIR="$REPO_ROOT/.tools/card-check"

card_check_install() {
  # The stamp is the lock file copied after a successful install, so a changed lock or a broken install reinstalls.
  if [ -d "$CARD_CHECK_DIR/node_modules" ] && cmp -s "$CARD_CHECK_SOURCE/package-lock.json" "$CARD_CHECK_DIR/.installed-lock.json"; then
    return 0
  fi
  command -v npm >/dev/null || { echo "npm (Node.js) is required to install the Adaptive Cards renderer" >&2; return 1; }
  echo "Installing the Adaptive Cards renderer (adaptivecards, jsdom; pinned by package-lock.json) into .tools/card-check ..."
  rm -rf "$CARD_CHECK_DIR"
  mkdir -p "$CARD_CHECK_DIR"
  cp "$CARD_CHECK_SOURCE/package.json" "$CARD_CHECK_SOURCE/package-lock.json" "$CARD_CHECK_DIR/"
  # adaptivecards-designer is there only for its Teams host config file; its peers (an editor, adaptivecards 2.x)
  # are not wanted, and the lock file was made the same way.
  (cd "$CARD_CHECK_DIR" && npm ci --legacy-peer-deps --no-audit --no-fund --loglevel=error >/dev/null)
  cp "$CARD_CHECK_SOURCE/package-lock.json" "$CARD_CHECK_DIR/.installed-lock.json"
}
