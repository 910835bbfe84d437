#!/usr/bin/env bash
# Builds the toolsmith command (Release) if needed and runs it with the given arguments.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v dotnet >/dev/null 2>&1; then
  echo "toolsmith: the .NET 10 SDK (dotnet) is not on PATH; install it first." >&2
  exit 2
fi
out="$root/artifacts/toolsmith"
stamp="$out/.built-from"
current="$(cd "$root" && git rev-parse HEAD 2>/dev/null || echo none)$(cd "$root" && git status --porcelain -- src 2>/dev/null | md5sum | cut -c1-8)"
if [ ! -x "$out/toolsmith" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$current" ]; then
  echo "toolsmith: building…" >&2
  dotnet publish "$root/src/Toolsmith.Cli" -c Release -o "$out" --nologo -v quiet >&2
  echo "$current" > "$stamp"
fi
exec "$out/toolsmith" "$@"
