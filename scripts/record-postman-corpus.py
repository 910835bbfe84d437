#!/usr/bin/env python3
"""Record what newman (Postman's own runtime) sends for each request of the Postman collections under
tests/fixtures/importers/ (newman/, postman-code-generators/, postman-vendors/*/).

Each collection runs once in newman, every request through a proxy on 127.0.0.1 (HTTP_PROXY/HTTPS_PROXY; CONNECT
tunnels are answered with a throwaway self-signed certificate, newman runs with --insecure) that answers {} and keeps
the raw request. Nothing leaves the machine. Test scripts are left out of the run (they would read the proxy's {}), so
a variable they set keeps its environment value. To tell the requests apart, the copy newman runs gives each request an
item-level pre-request script that adds an `X-Corpus-Item: N` header; the proxy takes that header out again.

Variables the collection uses but gives no value get one: from the environment file beside a vendor collection when
it gives one, otherwise a made-up one (`https://corpus.test` for a host or base URL, `v-NAME` for the others).
The recording keeps that environment, so the tests import the collection with the same values newman used.

The result is postman-recorded/SOURCE/FILE.json: newman's version, the environment, and per request (in the
collection's order, depth first) its folders and name and the raw requests it sent (none: newman sent nothing).

    npm install --prefix /tmp/newman newman@6.2.2
    python3 scripts/record-postman-corpus.py /tmp/newman/node_modules/.bin/newman

Only a developer runs this, to refresh the fixtures; the tests read the files it wrote.
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

from loopback import Proxy, throwaway_certificate

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "importers")
MARKER = "X-Corpus-Item"
HOSTISH = re.compile(r"(url|host|domain|server|endpoint|base|origin|root)$", re.I)


class ItemProxy(Proxy):
    """The recorders' proxy, keeping each request under the item its X-Corpus-Item header names."""

    def __init__(self, certfile, keyfile):
        super().__init__(certfile, keyfile)
        self.by_item = {}

    def keep(self, raw, scheme, authority):
        head, sep, body = raw.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        item = None
        kept = []
        for line in lines:
            name, _, value = line.partition(b":")
            if name.strip().lower() == MARKER.lower().encode():
                item = int(value.strip())
            else:
                kept.append(line)
        if item is None:
            return  # a request a script sent (pm.sendRequest): not one of the collection's items
        # A proxy is sent "GET http://host/path HTTP/1.1": kept as the server sees it, "GET /path HTTP/1.1".
        method, _, rest = kept[0].partition(b" ")
        target, _, protocol = rest.rpartition(b" ")
        absolute = re.match(rb"https?://[^/?]*(.*)", target)
        if absolute:
            path = absolute.group(1)
            kept[0] = method + b" " + (path if path.startswith(b"/") else b"/" + path) + b" " + protocol
        with self.lock:
            self.by_item.setdefault(item, []).append((b"\r\n".join(kept) + sep + body).decode("utf-8", errors="replace"))


def requests(container, folders, out):
    """The collection's requests depth first, as newman runs them: (folders, name, item object)."""
    for item in container.get("item") or []:
        if not isinstance(item, dict):
            continue
        name = item.get("name") or "request"
        if isinstance(item.get("item"), list):
            requests(item, folders + [name], out)
        elif "request" in item:
            out.append((folders, name, item))
    return out


def strip_test_scripts(node):
    """Test scripts run on the response: against the proxy's {} they would set variables to nothing. Without them, a
    variable a test script sets keeps the environment's value, which the imported tool is given too."""
    if isinstance(node, dict):
        if isinstance(node.get("event"), list):
            node["event"] = [e for e in node["event"] if not (isinstance(e, dict) and e.get("listen") == "test")]
        for value in node.values():
            strip_test_scripts(value)
    elif isinstance(node, list):
        for value in node:
            strip_test_scripts(value)


def defined(collection, environment):
    names = set()
    for v in collection.get("variable") or collection.get("variables") or []:
        if isinstance(v, dict) and v.get("key") and not v.get("disabled") and v.get("value") not in (None, ""):
            names.add(v["key"])
    for v in environment:
        if v.get("value") not in (None, ""):
            names.add(v["key"])
    return names


def made_up(name, text):
    """A value for a variable nobody gave one: a host after ://, a number where a JSON body writes it bare, a base URL
    where a URL starts with it (or a host-like name), its own name otherwise."""
    quoted = re.escape(name)
    if re.search(r"://\{\{\s*" + quoted + r"\s*\}\}", text):
        return "corpus.test"
    if re.search(r":\s*\{\{\s*" + quoted + r"\s*\}\}", text):
        return "1001"  # a JSON value written bare ("id": {{id}}): a number, as such variables hold
    if HOSTISH.search(name) or re.search(r'"(?:raw|url)"\s*:\s*"\{\{\s*' + quoted + r'\s*\}\}', text) \
            or re.search(r'"host"\s*:\s*\[\s*"\{\{\s*' + quoted + r'\s*\}\}"', text):
        return "https://corpus.test"
    return "v-" + name


def environment_for(path, collection, text):
    """The environment newman runs with: the file beside a vendor collection (one only), its empty values and the
    collection's undefined variables made up."""
    given = []
    folder = os.path.dirname(path)
    beside = sorted(glob.glob(os.path.join(folder, "*environment*.json")))
    # A vendor folder keeps each of the repository's folders as a file-name prefix (a/b.json is a__b.json).
    prefix = os.path.basename(path).split("__")[0] + "__"
    mine = [b for b in beside if os.path.basename(b).startswith(prefix)]
    chosen = mine[0] if len(mine) == 1 else beside[0] if len(beside) == 1 else None
    if chosen and "postman-vendors" in path:
        with open(chosen, encoding="utf-8-sig") as f:
            given = [v for v in json.load(f).get("values", []) if isinstance(v, dict) and v.get("key") and v.get("enabled", True)]
    have = defined(collection, given)
    env = [{"key": v["key"], "value": v["value"] if v.get("value") not in (None, "") else made_up(v["key"], text),
            "enabled": True} for v in given]
    used = sorted(set(m.strip() for m in re.findall(r"\{\{([^{}$][^{}]*)\}\}", text)))
    for name in used:
        if name not in have and name not in {v["key"] for v in env}:
            env.append({"key": name, "value": made_up(name, text), "enabled": True})
    return env


def record(newman, proxy, path, out):
    with open(path, encoding="utf-8-sig") as f:
        text = f.read()
    try:
        collection = json.loads(text)
    except ValueError:
        return None
    if not isinstance(collection, dict) or not isinstance(collection.get("item"), list):
        return None  # v1 or not a collection: the importer refuses it, newman has nothing to run
    items = requests(collection, [], [])
    strip_test_scripts(collection)
    for index, (_, _, item) in enumerate(items):
        events = item.get("event") if isinstance(item.get("event"), list) else []
        events.append({"listen": "prerequest", "script": {"type": "text/javascript", "exec": [
            f"pm.request.headers.add({{key: '{MARKER}', value: '{index}'}});"]}})
        item["event"] = events
    env = environment_for(path, collection, text)
    with tempfile.TemporaryDirectory() as work:
        run = os.path.join(work, "c.json")
        with open(run, "w", encoding="utf-8") as f:
            json.dump(collection, f)
        envfile = os.path.join(work, "e.json")
        with open(envfile, "w", encoding="utf-8") as f:
            json.dump({"name": "corpus", "values": env}, f)
        with proxy.lock:
            proxy.by_item.clear()
        environ = {"PATH": os.environ["PATH"], "HOME": work, "HTTP_PROXY": f"http://127.0.0.1:{proxy.port}",
                   "HTTPS_PROXY": f"http://127.0.0.1:{proxy.port}", "NO_PROXY": ""}
        try:
            subprocess.run([newman, "run", run, "-e", envfile, "--insecure", "--timeout-request", "5000",
                            "--timeout", "300000", "--reporters", "json", "--reporter-json-export", os.path.join(work, "r.json")],
                           cwd=work, env=environ, capture_output=True, timeout=400, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            pass
        with proxy.lock:
            sent = dict(proxy.by_item)
    found = [{"folders": folders, "name": name, "sent": sent.get(i, [])} for i, (folders, name, _) in enumerate(items)]
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"newman": version(newman), "environment": env, "requests": found}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    return found


def version(newman, cache={}):
    if "v" not in cache:
        cache["v"] = subprocess.run([newman, "--version"], capture_output=True, text=True).stdout.strip()
    return cache["v"]


def main():
    newman = os.path.abspath(sys.argv[1])
    only = sys.argv[2:]
    with tempfile.TemporaryDirectory() as work:
        cert, key = throwaway_certificate(work)
        proxy = ItemProxy(cert, key)
        paths = sorted(glob.glob(os.path.join(ROOT, "newman", "*.json"))
                       + glob.glob(os.path.join(ROOT, "postman-code-generators", "*.json"))
                       + glob.glob(os.path.join(ROOT, "postman-vendors", "**", "*.json"), recursive=True))
        for path in paths:
            rel = os.path.relpath(path, ROOT)
            if path.endswith("environment.json") or (only and not any(o in rel for o in only)):
                continue
            found = record(newman, proxy, path, os.path.join(ROOT, "postman-recorded", rel))
            if found is None:
                print(f"{rel}: not a v2 collection, nothing recorded", flush=True)
            else:
                print(f"{rel}: {len(found)} requests, {sum(1 for r in found if r['sent'])} sent", flush=True)


if __name__ == "__main__":
    main()
