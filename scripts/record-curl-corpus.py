#!/usr/bin/env python3
"""Record the request the real curl binary sends for each curlconverter command that has no recording.

For tests/fixtures/importers/curlconverter/curl_commands/NAME.sh without http/NAME.txt, this runs the command with
bash in a scratch folder (files it reads hold their own name, as CurlCorpusTests writes them; $VARS stand for
themselves), with every curl sent to a listener on 127.0.0.1 (`--connect-to`, `--noproxy '*'`, TLS answered with a
throwaway self-signed certificate, HTTP/1.1), and writes the first request that arrives to curl-http/NAME.txt in the
same form as curlconverter's recordings. Nothing leaves the machine.

    python3 scripts/record-curl-corpus.py            # record the missing ones
    python3 scripts/record-curl-corpus.py --check    # re-record the ones curlconverter recorded, compare, and keep
                                                     # curl's request where it differs from curlconverter's

Only a developer runs this, to refresh the fixtures; the tests read the files it wrote.
"""
import os
import re
import subprocess
import sys
import tempfile

from loopback import CurlListener, run_curl, throwaway_certificate

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "importers", "curlconverter")
COMMANDS = os.path.join(ROOT, "curl_commands")
RECORDED = os.path.join(ROOT, "http")
OURS = os.path.join(ROOT, "curl-http")


def record(name, listener):
    with open(os.path.join(COMMANDS, name + ".sh")) as f:
        requests = run_curl(f.read(), listener)
    return requests[0] if requests else None


def comparable(text):
    """Method, target, headers (without order, transport ones aside) and body: what the corpus test compares."""
    head, _, body = text.replace("\r\n", "\n").partition("\n\n")
    lines = head.split("\n")
    method, _, rest = lines[0].partition(" ")
    target = rest.rsplit(" ", 1)[0]
    target = "/" + target if target.startswith("?") else target
    headers = sorted((n.strip().lower(), v.strip()) for n, _, v in (l.partition(":") for l in lines[1:])
                     if n.strip().lower() not in ("host", "content-length", "expect", "user-agent", "accept-encoding"))
    return (method, target, tuple(headers), body.rstrip("\n"))


def main():
    check = "--check" in sys.argv
    with tempfile.TemporaryDirectory() as certs:
        cert, key = throwaway_certificate(certs)
        listener = CurlListener(cert, key)
        version = subprocess.run(["curl", "--version"], capture_output=True, text=True).stdout.split()[1]
        os.makedirs(OURS, exist_ok=True)
        names = sorted(n[:-3] for n in os.listdir(COMMANDS) if n.endswith(".sh"))
        same = differ = written = none = 0
        for name in names:
            recorded = os.path.exists(os.path.join(RECORDED, name + ".txt"))
            if recorded != check:
                continue
            raw = record(name, listener)
            if raw is None:
                none += 1
                print(f"{name}: curl sent nothing")
                continue
            text = raw.decode("utf-8", errors="replace")
            if check:
                with open(os.path.join(RECORDED, name + ".txt"), encoding="utf-8") as f:
                    theirs = f.read()
                if comparable(text) == comparable(theirs):
                    same += 1
                else:
                    # curlconverter wrote some recordings by hand (a file's body as "@name", stdin as "@-"); where the
                    # real curl sends something else, its request is kept beside and the test compares with it.
                    differ += 1
                    print(f"== {name} differs\n-- curl {version}: {comparable(text)}\n-- curlconverter: {comparable(theirs)}")
                    with open(os.path.join(OURS, name + ".txt"), "w", encoding="utf-8", newline="") as f:
                        f.write(text)
            else:
                with open(os.path.join(OURS, name + ".txt"), "w", encoding="utf-8", newline="") as f:
                    f.write(text)
                written += 1
        if check:
            print(f"curl {version}: {same} identical to curlconverter's recording, {differ} differ, {none} sent nothing")
        else:
            print(f"curl {version}: {written} recorded into {OURS}, {none} sent nothing")


if __name__ == "__main__":
    main()
