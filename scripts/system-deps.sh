#!/usr/bin/env bash
# Installs the system packages the tests need, from Debian's packages, and nothing else: never a
# browser download. Run as root with apt-get: one `apt-get update`, then one `apt-get install -y`
# of what is missing. Otherwise it prints exactly what to install and exits 1.
#
# Each line: <Debian package> <file that shows it is installed>
set -euo pipefail

REQUIRED=(
  "chromium /usr/bin/chromium"
  "postgresql /usr/lib/postgresql"
  # tests/engines: WebKitGTK's MiniBrowser and its WebDriver, a virtual display for it, Firefox ESR.
  "webkit2gtk-driver /usr/bin/WebKitWebDriver"
  "xvfb /usr/bin/Xvfb"
  "firefox-esr /usr/bin/firefox-esr"
)

missing=()
for entry in "${REQUIRED[@]}"; do
  read -r package marker <<<"$entry"
  [ -e "$marker" ] || missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "system-deps: all present (${REQUIRED[*]%% *})"
  exit 0
fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "system-deps: installed ${missing[*]}"
  exit 0
fi

echo "system-deps: missing ${missing[*]}. Install them with:" >&2
echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
exit 1
