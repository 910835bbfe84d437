#!/usr/bin/env python3
"""Record what the real curl binary sends for each cURL example of an API's documentation.

The examples are DigitalOcean's (tests/fixtures/importers/digitalocean-openapi/specification/**/examples/curl/*.yml,
`lang: cURL`, the commands its API reference shows) and Medusa's (tests/fixtures/importers/medusa-docs/**/*.sh, its API
reference's Shell samples). Each is run with bash in a scratch folder ($VARS stand for themselves), with every curl sent
to a listener on 127.0.0.1 (`--connect-to`, `--noproxy '*'`, TLS answered with a throwaway self-signed certificate,
HTTP/1.1); the requests that arrive, in order, are written to tests/fixtures/importers/docs-curl/SOURCE/NAME.txt,
NAME.2.txt, ... where NAME is the example's path (DigitalOcean's below `resources/` with `/examples/curl/` as `--`,
Medusa's with `/` as `--`). An example curl sends nothing for gets NAME.none. Nothing leaves the machine.

    python3 scripts/record-docs-curl.py [digitalocean|medusa|options|kong|meilisearch|opensearch|influxdb|firefox|safari ...]

`kong`, `meilisearch`, `opensearch` and `influxdb` are the commands scripts/extract-docs-curl.py took from those
projects' public documentation into docs-curl/SOURCE/commands/NAME.sh (Kong's Admin API and plugin pages,
Meilisearch's code samples, OpenSearch's pages, InfluxData's docs-v2 pages); they are recorded into
docs-curl/SOURCE/NAME.txt. Hosts such as `MEILISEARCH_URL`, `localhost:9200`, `localhost:8181` or
`{region}.api.konghq.com` all reach the listener through `--connect-to`.

`options` are the commands of tests/fixtures/importers/curl-options/NAME.sh, written for this project to exercise curl's
options (methods, -G, every -d/--data-* and -F form, --json, header removal and empty headers, cookies, every kind of
auth, -T, output and transport flags, URL shapes, shell styles, several commands in one paste), recorded into
docs-curl/options/. They run in a scratch folder holding a copy of curl-options/files/ (small files with line breaks,
CRLF, UTF-8, no final newline, an empty one) that commands read as files/NAME; any other file a command reads holds its
own name.

It also records what curl sends for Firefox's "Copy as cURL (POSIX)" and Safari's "Copy as cURL" commands
(copy-as-curl/commands-firefox.json, commands-safari.json) into tests/fixtures/importers/copy-as-curl/firefox-curl/ and
safari-curl/NAME.txt: what the pasted command really sends, which is not always
what the browser sent (Firefox writes a character below U+0100 as one byte, not as its UTF-8).

Only a developer runs this, to refresh the fixtures; DocsCurlCorpusTests reads the files it wrote.
"""
import glob
import os
import subprocess

import yaml

from loopback import CurlListener, run_curl, throwaway_certificate

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "tests", "fixtures", "importers")
RESOURCES = os.path.join(FIXTURES, "digitalocean-openapi", "specification", "resources")
MEDUSA = os.path.join(FIXTURES, "medusa-docs")
OPTIONS = os.path.join(FIXTURES, "curl-options")


def medusa():
    for path in sorted(glob.glob(os.path.join(MEDUSA, "**", "*.sh"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            yield os.path.relpath(path, MEDUSA)[:-3].replace("/", "--"), f.read()


def options():
    """Commands written for this project, one per file, that exercise curl's options (curl-options/NAME.sh)."""
    for path in sorted(glob.glob(os.path.join(OPTIONS, "*.sh"))):
        with open(path, encoding="utf-8") as f:
            yield os.path.basename(path)[:-3], f.read()


def digitalocean():
    for path in sorted(glob.glob(os.path.join(RESOURCES, "*", "examples", "curl", "*.yml"))):
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        if isinstance(doc, dict) and str(doc.get("lang", "")).lower().startswith("curl") and doc.get("source"):
            rel = os.path.relpath(path, RESOURCES)[:-4]
            yield rel.replace("/examples/curl/", "--"), doc["source"]


def extracted(source):
    """The commands scripts/extract-docs-curl.py took from a documentation repository (docs-curl/SOURCE/commands/NAME.sh)."""
    def commands():
        folder = os.path.join(FIXTURES, "docs-curl", source, "commands")
        for path in sorted(glob.glob(os.path.join(folder, "*.sh"))):
            with open(path, encoding="utf-8") as f:
                yield os.path.basename(path)[:-3], f.read()
    return commands


def browser(name):
    """A browser's POSIX "Copy as cURL" commands (copy-as-curl/commands-NAME.json, scripts/record-copy-as-curl-NAME.mjs)."""
    import json

    def commands():
        with open(os.path.join(FIXTURES, "copy-as-curl", f"commands-{name}.json"), encoding="utf-8") as f:
            for entry in json.load(f)["commands"]:
                if entry["platform"] == "unix":
                    yield entry["name"], entry["command"]
    return commands


SOURCES = {
    "digitalocean": (digitalocean, os.path.join(FIXTURES, "docs-curl", "digitalocean")),
    "medusa": (medusa, os.path.join(FIXTURES, "docs-curl", "medusa")),
    "options": (options, os.path.join(FIXTURES, "docs-curl", "options")),
    "kong": (extracted("kong"), os.path.join(FIXTURES, "docs-curl", "kong")),
    "meilisearch": (extracted("meilisearch"), os.path.join(FIXTURES, "docs-curl", "meilisearch")),
    "opensearch": (extracted("opensearch"), os.path.join(FIXTURES, "docs-curl", "opensearch")),
    "influxdb": (extracted("influxdb"), os.path.join(FIXTURES, "docs-curl", "influxdb")),
    "firefox": (browser("firefox"), os.path.join(FIXTURES, "copy-as-curl", "firefox-curl")),
    "safari": (browser("safari"), os.path.join(FIXTURES, "copy-as-curl", "safari-curl")),
}


def main():
    import sys
    import tempfile
    chosen = sys.argv[1:] or list(SOURCES)
    with tempfile.TemporaryDirectory() as certs:
        cert, key = throwaway_certificate(certs)
        listener = CurlListener(cert, key)
        version = subprocess.run(["curl", "--version"], capture_output=True, text=True).stdout.split()[1]
        for source in chosen:
            examples, out = SOURCES[source]
            os.makedirs(out, exist_ok=True)
            for old in os.listdir(out):
                if old.endswith((".txt", ".none")):
                    os.remove(os.path.join(out, old))
            count = requests = none = 0
            for name, command in examples():
                count += 1
                sent = run_curl(command, listener, utf8_locale=source in ("firefox", "safari", "options"),
                                files=os.path.join(OPTIONS, "files") if source == "options" else None)
                if not sent:
                    none += 1
                    open(os.path.join(out, name + ".none"), "w").close()
                for i, raw in enumerate(sent):
                    requests += 1
                    suffix = "" if i == 0 else f".{i + 1}"
                    with open(os.path.join(out, name + suffix + ".txt"), "w", encoding="utf-8", newline="") as f:
                        f.write(raw.decode("utf-8", errors="replace"))
            print(f"curl {version}: {count} examples, {requests} requests recorded into {out}, {none} sent nothing")


if __name__ == "__main__":
    main()
