#!/usr/bin/env python3
"""Times how long an MCP stdio server takes to answer `initialize`, and then `tools/list`, from process start.

Usage: mcp_startup.py RUNS NAME -- COMMAND... [-- NAME -- COMMAND...]
Each command is started RUNS times, the commands alternating (whatever else the machine does then hits all alike);
prints a Markdown table, one row per command: how many tools its list held, the median and range of the time to the
initialize answer and its ratio to the first command's, and the median time to the tools/list answer.
"""
import json, os, statistics, subprocess, sys, time

INIT = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}}}


def once(cmd):
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    p.stdin.write((json.dumps(INIT) + "\n").encode())
    p.stdin.flush()
    line = p.stdout.readline()
    initialized = time.perf_counter() - start
    if json.loads(line).get("id") != 1:
        sys.exit(f"unexpected answer from {cmd}: {line!r}")
    p.stdin.write(b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n{"jsonrpc":"2.0","id":2,"method":"tools/list"}\n')
    p.stdin.flush()
    count = 0
    while True:
        message = json.loads(p.stdout.readline())
        if message.get("id") == 2:
            count = len(message["result"]["tools"])
            break
    listed = time.perf_counter() - start
    p.stdin.close()
    p.wait(timeout=30)
    return initialized, listed, count


def main():
    runs = int(sys.argv[1])
    args = sys.argv[2:]
    cells = []
    while args:
        name = args[0]
        assert args[1] == "--"
        rest = args[2:]
        end = rest.index("--") if "--" in rest else len(rest)
        cells.append((name, rest[:end]))
        args = rest[end + 1:]
    results = {name: [] for name, _ in cells}
    for _ in range(runs):
        for name, cmd in cells:
            results[name].append(once(cmd))
    base = statistics.median(r[0] for r in results[cells[0][0]])
    print(f"| server | tools | initialize answered (median, range) | × {cells[0][0]} | tools/list answered (median) |")
    print("|---|---|---|---|---|")
    for name, _ in cells:
        init = [r[0] * 1000 for r in results[name]]
        listed = [r[1] * 1000 for r in results[name]]
        print(f"| {name} | {results[name][0][2]} | {statistics.median(init):.0f} ms ({min(init):.0f}–{max(init):.0f}) | {statistics.median(init) / 1000 / base:.2f}× | {statistics.median(listed):.0f} ms |", flush=True)


if __name__ == "__main__":
    main()
