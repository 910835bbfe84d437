#!/usr/bin/env bash
# Builds the toolsmith command (Release) if needed and runs it with the given arguments.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v dotnet >/dev/null 2>&1; then
  echo "toolsmith: the .NET 10 SDK (dotnet) is not on PATH; install it first." >&2
  exit 2
fi
# The published toolsmith is Native AOT (serve and mcp run on the full build in host/): linking it takes clang.
# Without clang (and no way to install it) publish falls back to the full build alone, which does everything too.
if { ! command -v clang >/dev/null 2>&1 || [ ! -f /usr/include/zlib.h ]; } && command -v apt-get >/dev/null 2>&1; then
  echo "toolsmith: installing clang to link the native binary…" >&2
  if [ "$(id -u)" -eq 0 ]; then apt_get="apt-get"; elif command -v sudo >/dev/null 2>&1; then apt_get="sudo -n apt-get"; else apt_get=""; fi
  if [ -n "$apt_get" ]; then
    # (apt waits for a lock another apt holds, as a fresh machine's unattended upgrades do)
    ($apt_get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive $apt_get -o DPkg::Lock::Timeout=600 install -y -qq clang zlib1g-dev >/dev/null) || echo "toolsmith: could not install clang; building the full (JIT) toolsmith instead." >&2
  fi
fi
out="$root/artifacts/toolsmith"
stamp="$out/.built-from"
current="$(cd "$root" && git rev-parse HEAD 2>/dev/null || echo none)$(cd "$root" && git status --porcelain -- src 2>/dev/null | md5sum | cut -c1-8)"
if [ ! -x "$out/toolsmith" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$current" ]; then
  echo "toolsmith: building…" >&2
  rm -rf "$out"
  dotnet publish "$root/src/Toolsmith.Cli" -c Release -o "$out" --nologo -v quiet >&2
  echo "$current" > "$stamp"
fi
exec "$out/toolsmith" "$@"
