#!/usr/bin/env python3
"""Times how long an MCP stdio server takes to answer `initialize`, then the first `tools/list` page, then the whole
list (every page, following nextCursor, as a client does), from process start.

Usage: mcp_startup.py RUNS NAME -- COMMAND... [-- NAME -- COMMAND...]
Each command is started RUNS times, the commands alternating (whatever else the machine does then hits all alike);
prints a Markdown table, one row per command: how many tools its list held, the median and range of the time to the
initialize answer and its ratio to the first command's, and the median times to the first page and to the last.
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
    p.stdin.write(b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n')
    count, cursor, request, first_page = 0, None, 2, None
    while True:
        params = {} if cursor is None else {"cursor": cursor}
        p.stdin.write((json.dumps({"jsonrpc": "2.0", "id": request, "method": "tools/list", "params": params}) + "\n").encode())
        p.stdin.flush()
        while True:
            message = json.loads(p.stdout.readline())
            if message.get("id") == request:
                break
        if "result" not in message:
            sys.exit(f"tools/list failed for {cmd}: {message}")
        first_page = first_page or time.perf_counter() - start
        count += len(message["result"]["tools"])
        cursor = message["result"].get("nextCursor")
        request += 1
        if cursor is None:
            break
    listed = time.perf_counter() - start
    p.stdin.close()
    p.wait(timeout=30)
    return initialized, first_page, listed, count


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
    results = [[] for _ in cells]
    for _ in range(runs):
        for row, (_, cmd) in enumerate(cells):
            results[row].append(once(cmd))
    base = statistics.median(r[0] for r in results[0])
    print(f"| server | tools | `initialize` answered: median (min–max) | × {cells[0][0]} | first `tools/list` page (median) | whole list (median) |")
    print("| --- | --- | --- | --- | --- | --- |")
    for (name, _), rows in zip(cells, results):
        init = [r[0] * 1000 for r in rows]
        first = [r[1] * 1000 for r in rows]
        listed = [r[2] * 1000 for r in rows]
        print(f"| {name} | {rows[0][3]} | {statistics.median(init):.0f} ms ({min(init):.0f}–{max(init):.0f}) | {statistics.median(init) / 1000 / base:.2f}× "
              f"| {statistics.median(first):.0f} ms | {statistics.median(listed):.0f} ms |", flush=True)


if __name__ == "__main__":
    main()
