#!/usr/bin/env bash
# Times whole processes side by side on local servers (nginx serving 1 KB JSON files, and the project's bench server): toolsmith vs curl (and a bare HttpClient in-process run by
# the load driver). Prints medians and ratios. Usage: bash bench/compare.sh [RUNS]   (default 5 runs per cell)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
work="$(mktemp -d)"
trap 'kill "${server_pid:-0}" 2>/dev/null || true; [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null; rm -rf "$work"' EXIT
export TOOLSMITH_DATA="$work/data" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "building (Release; toolsmith published Native AOT, host/ ReadyToRun)…" >&2
# TOOLSMITH_PUBLISHED=DIR reuses a toolsmith already published there (dotnet publish src/Toolsmith.Cli -c Release -o DIR).
if [ -n "${TOOLSMITH_PUBLISHED:-}" ]; then
  toolsmith="$TOOLSMITH_PUBLISHED/toolsmith"
else
  dotnet publish "$root/src/Toolsmith.Cli" -c Release -o "$work/toolsmith" --nologo -v quiet >&2
  toolsmith="$work/toolsmith/toolsmith"
fi
dotnet build "$root/bench/Toolsmith.Bench" -c Release --nologo -v quiet >&2
bench_dll="$root/bench/Toolsmith.Bench/bin/Release/net10.0/Toolsmith.Bench.dll"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
dotnet "$bench_dll" serve "$port" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do grep -q listening "$work/server.log" 2>/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$port"

# nginx serving a 1 KB JSON file per id: the web server people call, beside the project's own bench server.
if ! command -v nginx >/dev/null 2>&1; then
  echo "installing nginx (Debian package nginx-light)…" >&2
  if [ "$(id -u)" -eq 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  $apt_get update -qq && DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq nginx-light >/dev/null
fi
nginx_port=$(free_port)
mkdir -p "$work/nginx/www/item" "$work/nginx/tmp"
python3 - "$work/nginx/www/item" <<'PY'
import json, sys
for i in range(1000):
    record = {"id": i, "name": f"Customer {i:04}", "email": f"customer{i}@example.com", "plan": ["free", "team", "business"][i % 3],
              "tags": ["retail", "vip" if i % 3 == 0 else "standard", f"region-{i % 7}"],
              "address": {"street": f"{i} Main Street", "city": "Oslo" if i % 2 else "Bergen", "zip": f"{1000 + i}"},
              "notes": "Account opened through the partner programme; invoices monthly; prefers email over phone calls."}
    text = json.dumps(record)
    text = text[:-1] + ', "padding": "' + "x" * max(0, 1024 - len(text) - 16) + '"}'
    open(f"{sys.argv[1]}/{i}", "w").write(text)
PY
# And a 100 MB file of random bytes, served from the page cache (sendfile): the download people make.
head -c 104857600 /dev/urandom > "$work/nginx/www/blob.bin"
# nginx started as root runs its workers as nobody: what it serves must be readable by all.
chmod -R a+rX "$work/nginx" "$work"
cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/tmp; proxy_temp_path $work/nginx/tmp; fastcgi_temp_path $work/nginx/tmp;
  uwsgi_temp_path $work/nginx/tmp; scgi_temp_path $work/nginx/tmp;
  keepalive_requests 100000;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/nginx/www;
    default_type application/json;
  }
}
CONF
nginx -c "$work/nginx/nginx.conf"
nginx_base="http://127.0.0.1:$nginx_port"

# The same 1,000 URLs for both: curl takes them in one process (one config file), toolsmith as a foreach step.
python3 - "$base" "$work" "$nginx_base" <<'PY'
import json, sys
base, work = sys.argv[1], sys.argv[2]
body = {"title": "x", "items": [{"k": f"key{i:02}", "v": i} for i in range(30)]}
open(f"{work}/body.json", "w").write(json.dumps(body))
with open(f"{work}/get.curl", "w") as f:
    for i in range(1000):
        f.write(f'url = "{base}/item/{i}"\noutput = "/dev/null"\n')
with open(f"{work}/post.curl", "w") as f:
    f.write("next\n".join(f'url = "{base}/post"\ndata = "@{work}/body.json"\nheader = "Content-Type: application/json"\noutput = "/dev/null"\n' for i in range(1000)))
nginx = sys.argv[3]
with open(f"{work}/nginx.curl", "w") as f:
    for i in range(1000):
        f.write(f'url = "{nginx}/item/{i}"\noutput = "/dev/null"\n')
with open(f"{work}/nginx-print.curl", "w") as f:
    for i in range(1000):
        f.write(f'url = "{nginx}/item/{i}"\n')
ids = list(range(1000))
# Against nginx: one status out, and the default output (no "output": every element's body printed).
json.dump({"name": "nginx1000", "inputs": {"ids": {"type": "array"}, "payload": {"type": "object"}},
           "steps": [{"id": "get", "type": "api", "foreach": "{{ids}}", "url": nginx + "/item/{{item}}"}],
           "output": "{{steps.get[0].status}}"}, open(f"{work}/nginx1000.tool.json", "w"))
json.dump({"name": "nginx1000_print", "inputs": {"ids": {"type": "array"}, "payload": {"type": "object"}},
           "steps": [{"id": "get", "type": "api", "foreach": "{{ids}}", "url": nginx + "/item/{{item}}"}]},
          open(f"{work}/nginx1000-print.tool.json", "w"))
json.dump({"ids": ids, "payload": body}, open(f"{work}/inputs.json", "w"))
# Each tool twice: one element at a time (as curl -K goes) and at the foreach's default concurrency (4), as people run it.
for concurrency, suffix in ((1, "-seq"), (4, "")):
    json.dump({"name": "get1000", "inputs": {"ids": {"type": "array"}, "payload": {"type": "object"}},
               "steps": [{"id": "get", "type": "api", "foreach": "{{ids}}", "concurrency": concurrency, "url": base + "/item/{{item}}"}],
               "output": "{{steps.get[0].status}}"}, open(f"{work}/get1000{suffix}.tool.json", "w"))
    json.dump({"name": "post1000", "inputs": {"ids": {"type": "array"}, "payload": {"type": "object"}},
               "steps": [{"id": "post", "type": "api", "method": "POST", "foreach": "{{ids}}", "concurrency": concurrency, "url": base + "/post", "body": "{{payload}}"}],
               "output": "{{steps.post[0].status}}"}, open(f"{work}/post1000{suffix}.tool.json", "w"))
PY

# Runs curl and toolsmith N times each, alternating (whatever else the machine does then hits both alike);
# prints one table row: median wall times (s), their ratio, and median peak memory (MiB).
row() { # name curl_cmd… -- toolsmith_cmd…
  python3 - "$runs" "$@" <<'PY'
import os, shutil, statistics, subprocess, sys, time
runs, name, args = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
split = args.index("--")
cmds = [args[:split], args[split + 1:]]
times, mems = [[], []], [[], []]
for run in range(runs):
    for side, cmd in enumerate(cmds):
        cmd = [a.replace("{run}", str(run)) for a in cmd]
        # Every run starts with the page cache's dirty pages written back: earlier downloads would otherwise throttle it.
        subprocess.run(["sync"])
        start = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        times[side].append(time.perf_counter() - start)
        if p.returncode != 0:
            sys.exit(f"failed: {' '.join(cmd)}\n{p.stderr}")
        mems[side].append(int(p.stderr.strip().splitlines()[-1]) / 1024)
        # Downloads are deleted after each run: 100 MB files piling up change what a fresh page costs the next run.
        for folder in os.environ.get("CLEAN", "").split():
            shutil.rmtree(folder, ignore_errors=True)
ct, tt = statistics.median(times[0]), statistics.median(times[1])
# The ratio of medians, and the range of the per-round ratios (each round runs curl then toolsmith back to back).
ratios = sorted(t / c for c, t in zip(times[0], times[1]))
print(f"| {name} | {ct:.3f} s ({min(times[0]):.3f}–{max(times[0]):.3f}) | {tt:.3f} s ({min(times[1]):.3f}–{max(times[1]):.3f}) "
      f"| {tt / ct:.2f}× ({ratios[0]:.2f}–{ratios[-1]:.2f}) | {statistics.median(mems[0]):.0f} MiB | {statistics.median(mems[1]):.0f} MiB |")
PY
}

for tool in get1000-seq get1000 post1000-seq post1000 nginx1000 nginx1000-print; do   # warm the validation cache, as a second run would
  "$toolsmith" run "$work/$tool.tool.json" --inputs-file "$work/inputs.json" > /dev/null
done

echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; curl $(curl --version | head -1 | cut -d' ' -f2); medians of $runs runs each, curl and toolsmith alternating"
echo
echo "| workload | curl: median (min–max) | toolsmith: median (min–max) | ratio (range of the rounds) | curl peak | toolsmith peak |"
echo "| --- | --- | --- | --- | --- | --- |"
row "nginx: 1,000 GETs (1 KB JSON files), one status out" curl -s -K "$work/nginx.curl" -- "$toolsmith" run "$work/nginx1000.tool.json" --inputs-file "$work/inputs.json"
row "nginx: 1,000 GETs, every body printed (the default output)" curl -s -K "$work/nginx-print.curl" -- "$toolsmith" run "$work/nginx1000-print.tool.json" --inputs-file "$work/inputs.json"
row "nginx: one cold GET" curl -s -o /dev/null "$nginx_base/item/1" -- "$toolsmith" request GET "$nginx_base/item/1" --json
row "1,000 GETs (1 KB JSON), one at a time" curl -s -K "$work/get.curl" -- "$toolsmith" run "$work/get1000-seq.tool.json" --inputs-file "$work/inputs.json"
row "1,000 GETs, foreach at its default concurrency (4)" curl -s -K "$work/get.curl" -- "$toolsmith" run "$work/get1000.tool.json" --inputs-file "$work/inputs.json"
row "1,000 POSTs (1 KB JSON body), one at a time" curl -s -K "$work/post.curl" -- "$toolsmith" run "$work/post1000-seq.tool.json" --inputs-file "$work/inputs.json"
row "1,000 POSTs, foreach at its default concurrency (4)" curl -s -K "$work/post.curl" -- "$toolsmith" run "$work/post1000.tool.json" --inputs-file "$work/inputs.json"
row "one cold GET" curl -s -o /dev/null "$base/json" -- "$toolsmith" request GET "$base/json" --json
# Both write a new file each run (toolsmith keeps each run's download in a folder of its own), and both
# files are deleted after each run: on this VM, writes slow down 3× once a few hundred MB of new files sit in
# the page cache, while a file overwritten in place (curl -o the same name) reuses the pages it frees.
CLEAN="$work/blobs $work/curl" row "nginx: 100 MB file download" curl -s --create-dirs -o "$work/curl/{run}.bin" "$nginx_base/blob.bin" -- "$toolsmith" request GET "$nginx_base/blob.bin" --format blob --output-dir "$work/blobs" --json
# With a checksum: curl then openssl (SHA-NI where the CPU has it, like .NET's), against the same download hashed as it streams.
CLEAN="$work/blobs $work/curl" row "nginx: 100 MB download with SHA-256 (curl, then openssl dgst)" bash -c "curl -s --create-dirs -o '$work/curl/{run}.bin' '$nginx_base/blob.bin' && openssl dgst -sha256 '$work/curl/{run}.bin'" -- "$toolsmith" request GET "$nginx_base/blob.bin" --format blob --checksum sha256 --output-dir "$work/blobs" --json
CLEAN="$work/blobs $work/curl" row "100 MB download" curl -s --create-dirs -o "$work/curl/{run}.bin" "$base/blob?size=104857600" -- "$toolsmith" request GET "$base/blob?size=104857600" --format blob --output-dir "$work/blobs" --json
echo
echo "In-process, engine vs bare HttpClient (bench/Toolsmith.Bench load):"
dotnet "$bench_dll" load 20000
