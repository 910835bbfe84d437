#!/usr/bin/env python3
"""Record what httpyac sends for each request of each .http file under tests/fixtures/importers/http-files/.

httpyac (npm, the version given by --httpyac) runs each request region of a file on its own (`--line`), with a proxy
on 127.0.0.1 that answers every request with 200 and {} and keeps the raw request (CONNECT tunnels are answered with a
throwaway self-signed certificate; httpyac runs with --insecure). A file beside an http-client.env.json of one
environment is sent with --env of it (the importer takes the same one). Nothing leaves the machine. The result is
recorded/SOURCE/PATH.json: httpyac's version, and per region its request line (1-based), its name and the raw
requests it sent (none when httpyac sent nothing: a script failed, a variable was asked for, a gRPC block).

    npm install --prefix /tmp/httpyac httpyac@6.16.7
    python3 scripts/record-http-corpus.py /tmp/httpyac/node_modules/.bin/httpyac [SOURCE ...]

Without SOURCE names (httpyac, kulala, wild) every source folder is recorded again.

Only a developer runs this, to refresh the fixtures; the tests read the files it wrote.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

from loopback import Proxy, throwaway_certificate

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "importers", "http-files")


def regions(httpyac, folder, path):
    """httpyac's own list of the request regions of a file: (0-based start line, name)."""
    try:
        out = subprocess.run([httpyac, "send", path, "--all", "--json", "--timeout", "1", "--insecure"], cwd=folder,
                             capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL).stdout
        return [(r["line"], r["name"]) for r in json.loads(out[out.index("{"):])["requests"]]
    except (ValueError, KeyError, subprocess.TimeoutExpired):
        return []  # httpyac waits for something (an OAuth2 browser flow): the file is recorded with no region


def main():
    httpyac = os.path.abspath(sys.argv[1])
    version = subprocess.run([httpyac, "--version"], capture_output=True, text=True).stdout.strip()
    only = set(sys.argv[2:])
    with tempfile.TemporaryDirectory() as work:
        cert, key = throwaway_certificate(work)
        proxy = Proxy(cert, key)
        for source in sorted(os.listdir(ROOT)):
            top = os.path.join(ROOT, source)
            if source == "recorded" or not os.path.isdir(top) or (only and source not in only):
                continue
            # A copy of the source's tree, its own httpyac settings replaced by the proxy.
            tree = os.path.join(work, source)
            shutil.copytree(top, tree)
            for own in (".httpyac.js", ".httpyac.json", "httpyac.config.js"):
                for dirpath, _, files in os.walk(tree):
                    if own in files:
                        os.remove(os.path.join(dirpath, own))
            with open(os.path.join(tree, ".httpyac.json"), "w") as f:
                json.dump({"proxy": f"http://127.0.0.1:{proxy.port}", "request": {"https": {"rejectUnauthorized": False}}}, f)
            with open(os.path.join(tree, "package.json"), "w") as f:
                f.write("{}")
            total = 0
            for dirpath, _, files in os.walk(tree):
                for name in sorted(files):
                    if not name.endswith((".http", ".rest")):
                        continue
                    rel = os.path.relpath(os.path.join(dirpath, name), tree)
                    found = []
                    # The environment of http-client.env.json beside the file when it has just one, as the importer takes it.
                    env = []
                    envfile = os.path.join(os.path.dirname(os.path.join(tree, rel)), "http-client.env.json")
                    if os.path.exists(envfile):
                        try:
                            names = [k for k, v in json.load(open(envfile, encoding="utf-8-sig")).items() if isinstance(v, dict) and k != "$shared"]
                        except ValueError:
                            names = []
                        env = ["--env", names[0]] if len(names) == 1 else []
                    for start, title in regions(httpyac, tree, rel):
                        with proxy.lock:
                            proxy.requests.clear()
                        try:
                            subprocess.run([httpyac, "send", rel, "--line", str(start + 1), "--insecure", "-o", "none", "--timeout", "5000", *env],
                                           cwd=tree, capture_output=True, timeout=30, stdin=subprocess.DEVNULL)
                        except subprocess.TimeoutExpired:
                            pass
                        with proxy.lock:
                            sent = [{"scheme": s, "authority": a, "raw": r.decode("utf-8", errors="replace")} for s, a, r in proxy.requests]
                        found.append({"line": start + 1, "name": title, "sent": sent})
                    out = os.path.join(ROOT, "recorded", source, rel + ".json")
                    os.makedirs(os.path.dirname(out), exist_ok=True)
                    with open(out, "w", encoding="utf-8") as f:
                        json.dump({"httpyac": version, "regions": found}, f, indent=1, ensure_ascii=False)
                        f.write("\n")
                    total += 1
                    print(f"{source}/{rel}: {len(found)} regions, {sum(1 for r in found if r['sent'])} sent", flush=True)
            print(f"{source}: {total} files recorded with httpyac {version}")


if __name__ == "__main__":
    main()
