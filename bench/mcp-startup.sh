#!/usr/bin/env bash
# Times `toolsmith mcp` from process start to its answer to initialize (and to the tools/list after it), serving 20
# and 500 tools from a folder (--tools) and from the store, beside the smallest stdio server the same MCP SDK makes
# (bench/McpMinimal), both published alike (Native AOT with clang). Prints a Markdown table of medians and ratios.
# Usage: bash bench/mcp-startup.sh [RUNS]   (default 11 runs per row, rows alternating)
# TOOLSMITH_PUBLISHED=DIR reuses a toolsmith published there (dotnet publish src/Toolsmith.Cli -c Release -o DIR), and
# MINIMAL_PUBLISHED=DIR a bench/McpMinimal published there, instead of publishing them (minutes each) into a temporary folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-11}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "building (Release, published as scripts/toolsmith.sh does)…" >&2
toolsmith_dir="${TOOLSMITH_PUBLISHED:-$work/toolsmith}"
minimal_dir="${MINIMAL_PUBLISHED:-$work/minimal}"
[ -n "${TOOLSMITH_PUBLISHED:-}" ] || dotnet publish "$root/src/Toolsmith.Cli" -c Release -o "$toolsmith_dir" --nologo -v quiet >&2
[ -n "${MINIMAL_PUBLISHED:-}" ] || dotnet publish "$root/bench/McpMinimal" -c Release -o "$minimal_dir" --nologo -v quiet >&2
toolsmith="$toolsmith_dir/toolsmith"

# Tools of one shape: an id and a query in, one call out (methods varied), an object output.
python3 - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
for n in (20, 500):
    folder = f"{work}/tools{n}"
    os.makedirs(folder)
    for i in range(n):
        method = ["GET", "POST", "PUT", "DELETE"][i % 4]
        json.dump({"name": f"tool_{i:03}", "title": f"Tool {i}", "description": f"Tool number {i}.",
                   "inputs": {"id": {"type": "integer", "required": True}, "q": {"type": "string"}},
                   "steps": [{"id": "call", "type": "api", "method": method, "url": "http://127.0.0.1:9/items/{{id}}", "params": {"q": "{{q}}"}}],
                   "output": {"status": "{{steps.call.status}}", "item": "{{steps.call.body}}"}},
                  open(f"{folder}/tool_{i:03}.tool.json", "w"))
PY
for n in 20 500; do
  for f in "$work/tools$n"/*.tool.json; do TOOLSMITH_DATA="$work/store$n" "$toolsmith" tools add "$f" > /dev/null; done
done
folder() { echo env TOOLSMITH_DATA="$work/data" "$toolsmith" mcp --tools "$work/tools$1"; }
store() { echo env TOOLSMITH_DATA="$work/store$1" "$toolsmith" mcp; }
# One round first (tool files pass the schema once, disk caches warm), as an agent's second start finds them.
python3 "$root/bench/mcp_startup.py" 1 minimal -- "$minimal_dir/McpMinimal" -- folder -- $(folder 500) -- store -- $(store 500) > /dev/null

echo
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(file -b "$toolsmith" | cut -d, -f1-2); medians of $runs runs each, rows alternating"
echo
python3 "$root/bench/mcp_startup.py" "$runs" \
  "minimal SDK server" -- "$minimal_dir/McpMinimal" -- \
  "toolsmith mcp --tools DIR" -- $(folder 20) -- \
  "toolsmith mcp --tools DIR" -- $(folder 500) -- \
  "toolsmith mcp (store)" -- $(store 20) -- \
  "toolsmith mcp (store)" -- $(store 500)
