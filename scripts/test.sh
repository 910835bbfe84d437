#!/usr/bin/env bash
# Builds everything and runs every test project; prints one closing line "N passed, N failed, N skipped".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if ! command -v dotnet >/dev/null 2>&1; then
  echo "test: the .NET 10 SDK (dotnet) is not on PATH; install it first." >&2
  exit 2
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Installs Debian packages. Another apt may hold the lock (a fresh machine's unattended upgrades, a second checkout setting
# itself up): apt is told to wait for it, and an update refused for the lock is tried again, for up to ten minutes.
apt_install() {
  local apt_get tries=0 out
  if [ "$(id -u)" -eq 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  until out="$($apt_get -o DPkg::Lock::Timeout=600 update -qq 2>&1)"; do
    case "$out" in
      *"Could not get lock"*|*"Unable to lock"*) tries=$((tries + 1)); [ "$tries" -ge 120 ] && break; sleep 5 ;;
      *) echo "$out" >&2; break ;;
    esac
  done
  DEBIAN_FRONTEND=noninteractive $apt_get -o DPkg::Lock::Timeout=600 install -y -qq "$@" >/dev/null
}

# The storage and server tests start their own PostgreSQL from Debian's packages.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "test: installing PostgreSQL (Debian packages)…" >&2
  apt_install postgresql
fi
# The browser tests drive Debian's Chromium through Playwright (no browser download).
if [ ! -x /usr/bin/chromium ]; then
  echo "test: installing Chromium (Debian package) for the browser tests…" >&2
  apt_install chromium
fi
# `dotnet publish` of the CLI links the native (AOT) toolsmith with clang; the tests run the published binary too.
if ! command -v clang >/dev/null 2>&1 || [ ! -f /usr/include/zlib.h ]; then
  echo "test: installing clang and zlib1g-dev (Debian packages) to link the native toolsmith…" >&2
  apt_install clang zlib1g-dev
fi
# The MCP tests check the server with the official TypeScript SDK (installed from npm at test time): node and npm.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "test: installing Node.js and npm (Debian packages) for the MCP SDK tests…" >&2
  apt_install nodejs npm
fi
log="$(mktemp)"
dotnet build Toolsmith.slnx -c Release --nologo -v quiet 2>&1 | tee "$log"
build=${PIPESTATUS[0]}
if [ "$build" -ne 0 ]; then
  echo "test: the build failed." >&2
  exit "$build"
fi
export TOOLSMITH_NATIVE="$root/artifacts/test-publish"
rm -rf "$TOOLSMITH_NATIVE"
echo "test: publishing the native toolsmith (Native AOT, with host/ beside it)…" >&2
if ! dotnet publish src/Toolsmith.Cli -c Release -o "$TOOLSMITH_NATIVE" --nologo -v quiet; then
  echo "test: publishing the native toolsmith failed." >&2
  exit 1
fi
dotnet test Toolsmith.slnx -c Release --no-build --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "test: no test ran." >&2
  exit 1
fi
exit "$status"
