"""What both corpus recorders share: reading one raw HTTP/1.1 request off a socket, and a throwaway TLS certificate.

Imported by record-curl-corpus.py and record-http-corpus.py; not run on its own.
"""
import os
import subprocess


def read_request(conn, first=b""):
    data = first
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return data, b""
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    length, chunked = 0, False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
        if name.strip().lower() == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if chunked:
        while b"0\r\n\r\n" not in rest:
            chunk = conn.recv(65536)
            if not chunk:
                break
            rest += chunk
        end = rest.index(b"0\r\n\r\n") + 5 if b"0\r\n\r\n" in rest else len(rest)
        return head + b"\r\n\r\n" + rest[:end], rest[end:]
    while len(rest) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        rest += chunk
    return head + b"\r\n\r\n" + rest[:length], rest[length:]


def throwaway_certificate(folder):
    """A self-signed certificate for localhost, valid one day: (certificate file, key file) in folder."""
    cert, key = os.path.join(folder, "c.pem"), os.path.join(folder, "k.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                    "-keyout", key, "-out", cert, "-days", "1"], check=True, capture_output=True)
    return cert, key
