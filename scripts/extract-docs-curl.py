#!/usr/bin/env python3
"""Extract the curl commands of public API documentation into tests/fixtures/importers/docs-curl/SOURCE/commands/.

Each source is a documentation repository (a git directory, read at one commit with `git show`, nothing checked out):

    kong        Kong's docs.konghq.com (MIT): the Markdown of app/ (Admin API and plugin pages, Konnect, decK)
    meilisearch Meilisearch's documentation (MIT): the cURL samples of .code-samples.meilisearch.yaml
    opensearch  OpenSearch's documentation-website (Apache-2.0): the Markdown of every _folder/
    influxdb    InfluxData's docs-v2 (MIT): the Markdown of content/ (InfluxDB 1, 2 and 3, Kapacitor, Telegraf, Chronograf)

    python3 scripts/extract-docs-curl.py SOURCE GIT_DIR COMMIT

A Markdown command is a line of a fenced code block that starts with `curl ` (after the block's indentation), with the
lines that continue it: a line ending in `\\`, or a quote left open (a JSON body over several lines). Commands that hold
Liquid or Hugo shortcodes (`{%`, `{{`), which the page renders into something else, are left out, and so is a command
seen before (the same sample on several versions of a page). Each is written, as the page shows it, to
commands/NAME.sh: NAME is the page's path with `/` as `--` and the command's number on the page (`--1`, `--2`, …);
Meilisearch's NAME is its sample's key. scripts/record-docs-curl.py then records what curl sends for each.

Only a developer runs this, to refresh the fixtures; the repository's LICENSE (and NOTICE) goes beside the commands and
the commit into SOURCE.md.
"""
import os
import re
import subprocess
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "fixtures", "importers", "docs-curl")

FOLDERS = {
    "kong": ("app/_hub/", "app/_src/", "app/gateway/", "app/konnect/", "app/_includes/", "app/deck/", "app/dev-portal/", "app/mesh/"),
    "opensearch": ("_",),
    "influxdb": ("content/",),
}


def git(gitdir, *args):
    return subprocess.run(["git", "-C", gitdir, *args], capture_output=True, check=True).stdout


def open_quote(text):
    """The quote left open at the end of text as bash reads it (None when none), `\\` escapes outside single quotes."""
    quote, i = None, 0
    while i < len(text):
        c = text[i]
        if quote == "'":
            if c == "'":
                quote = None
        elif c == "\\":
            i += 1
        elif quote == '"':
            if c == '"':
                quote = None
        elif c in "'\"":
            quote = c
        elif c == "#" and (i == 0 or text[i - 1] in " \t\n"):
            end = text.find("\n", i)
            if end < 0:
                break
            i = end
        i += 1
    return quote


def markdown_commands(text):
    """The curl commands of a Markdown page's fenced code blocks, in order."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        fence = re.match(r"^(\s*)(`{3,}|~{3,})", lines[i])
        if not fence:
            i += 1
            continue
        indent, marker = fence.group(1), fence.group(2)
        block = []
        i += 1
        while i < len(lines) and not re.match(r"^\s*" + re.escape(marker[0]) + "{" + str(len(marker)) + r",}\s*$", lines[i]):
            line = lines[i]
            block.append(line[len(indent):] if line.startswith(indent) else line.lstrip())
            i += 1
        i += 1
        j = 0
        while j < len(block):
            if not re.match(r"^curl\s", block[j]):
                j += 1
                continue
            command = [block[j]]
            j += 1
            while j < len(block) and (command[-1].endswith("\\") or open_quote("\n".join(command))):
                command.append(block[j])
                j += 1
            yield "\n".join(command).rstrip() + "\n"


def markdown(source, gitdir, commit):
    names = [n for n in git(gitdir, "ls-tree", "-r", "--name-only", commit).decode().split("\n")
             if n.endswith(".md") and n.startswith(FOLDERS[source])]
    seen = set()
    for name in sorted(names):
        try:
            text = git(gitdir, "show", f"{commit}:{name}").decode("utf-8")
        except (subprocess.CalledProcessError, UnicodeDecodeError):
            continue
        number = 0
        for command in markdown_commands(text):
            if "{%" in command or "{{" in command or command in seen or open_quote(command):
                continue
            seen.add(command)
            number += 1
            yield f"{name[:-3].replace('/', '--')}--{number}", command


def meilisearch(gitdir, commit):
    samples = yaml.safe_load(git(gitdir, "show", f"{commit}:.code-samples.meilisearch.yaml"))
    for key, command in samples.items():
        if isinstance(command, str) and command.lstrip().startswith("curl"):
            yield key, command.rstrip() + "\n"


def main():
    source, gitdir, commit = sys.argv[1:4]
    commit = git(gitdir, "rev-parse", commit).decode().strip()
    samples = meilisearch(gitdir, commit) if source == "meilisearch" else markdown(source, gitdir, commit)
    out = os.path.join(OUT, source, "commands")
    os.makedirs(out, exist_ok=True)
    for old in os.listdir(out):
        os.remove(os.path.join(out, old))
    count = 0
    for name, command in samples:
        count += 1
        with open(os.path.join(out, name + ".sh"), "w", encoding="utf-8", newline="") as f:
            f.write(command)
    for kept in ("LICENSE", "NOTICE"):
        try:
            text = git(gitdir, "show", f"{commit}:{kept}")
        except subprocess.CalledProcessError:
            continue
        with open(os.path.join(OUT, source, kept), "wb") as f:
            f.write(text)
    print(f"{source} at {commit}: {count} commands into {out}")


if __name__ == "__main__":
    main()
