"""What the corpus recorders share: reading one raw HTTP/1.1 request off a socket, a throwaway TLS certificate, and
running a shell command with every curl in it sent to a listener on 127.0.0.1.

Imported by record-curl-corpus.py, record-docs-curl.py, record-http-corpus.py and record-postman-corpus.py; not run on
its own.
"""
import os
import re
import shutil
import socket
import ssl
import subprocess
import tempfile
import threading


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


class LoopbackServer:
    """A listener on 127.0.0.1 (a free port) that serves each connection on its own thread with serve(conn), and holds
    a TLS context of a throwaway certificate for the connections that start a handshake."""

    def __init__(self, certfile, keyfile, backlog=16):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(backlog)
        self.port = self.sock.getsockname()[1]
        self.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.tls.load_cert_chain(certfile, keyfile)
        self.tls.set_alpn_protocols(["http/1.1"])
        self.requests = []
        self.lock = threading.Lock()
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            conn, _ = self.sock.accept()
            threading.Thread(target=self.serve, args=(conn,), daemon=True).start()

    def serve(self, conn):
        raise NotImplementedError

    @staticmethod
    def close_quietly(conn):
        try:
            conn.close()
        except OSError:
            pass


class CurlListener(LoopbackServer):
    """Answers every request (TLS too) with an empty 200 and keeps it."""

    def serve(self, conn):
        try:
            conn.settimeout(5)
            first = conn.recv(1, socket.MSG_PEEK)
            if first == b"\x16":
                conn = self.tls.wrap_socket(conn, server_side=True)
            raw, _ = read_request(conn)
            if raw:
                with self.lock:
                    self.requests.append(raw)
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        except (OSError, ssl.SSLError):
            pass
        finally:
            self.close_quietly(conn)


class Proxy(LoopbackServer):
    """An HTTP proxy that answers every request, and every request tunnelled by CONNECT, with {} and hands it to
    keep(raw, scheme, authority): by default kept in requests."""

    def __init__(self, certfile, keyfile):
        super().__init__(certfile, keyfile, backlog=64)

    def keep(self, raw, scheme, authority):
        with self.lock:
            self.requests.append((scheme, authority, raw))

    def serve(self, conn):
        answer = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
        try:
            conn.settimeout(15)
            leftover = b""
            while True:
                raw, leftover = read_request(conn, leftover)
                if not raw:
                    return
                line = raw.split(b"\r\n", 1)[0].decode("latin-1")
                if line.startswith("CONNECT "):
                    authority = line.split(" ")[1]
                    conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                    tls = self.tls.wrap_socket(conn, server_side=True)
                    inner = b""
                    while True:
                        raw, inner = read_request(tls, inner)
                        if not raw:
                            return
                        self.keep(raw, "https", authority)
                        tls.sendall(answer)
                self.keep(raw, "http", "")
                conn.sendall(answer)
        except (OSError, ssl.SSLError, ValueError):
            pass
        finally:
            self.close_quietly(conn)


def write_referenced_files(command, folder):
    for m in re.finditer(r"(?:@|<|--upload-file\s+|-T\s*)['\"]?(?P<path>[\w./-]+\.\w+)", command):
        path = m.group("path")
        full = os.path.realpath(os.path.join(folder, path))
        if full.startswith(os.path.realpath(folder)) and not os.path.exists(full):
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w") as f:
                f.write(path)


def run_curl(command, listener, utf8_locale=False, files=None):
    """Runs command with bash in a scratch folder (files it reads hold their own name; $VARS stand for themselves), with
    every curl sent to listener (`--connect-to`, `--noproxy '*'`, HTTP/1.1); the raw requests that arrived, in order.
    With utf8_locale, bash runs in C.UTF-8, as a terminal does, so $'\\u2014' is the character's UTF-8. With files, a
    folder, it is copied into the scratch folder first under its own name (the command reads files/NAME as they are)."""
    with tempfile.TemporaryDirectory() as folder:
        if files is not None and os.path.isdir(files):
            shutil.copytree(files, os.path.join(folder, os.path.basename(files)))
        write_referenced_files(command, folder)
        env = {"PATH": os.environ["PATH"], "HOME": folder}
        if utf8_locale:
            env["LANG"] = env["LC_ALL"] = "C.UTF-8"
        for var in set(re.findall(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)", command)):
            env[var] = "$" + var
        wrapper = (
            f"curl() {{ command curl --connect-to ::127.0.0.1:{listener.port} --noproxy '*' -k --http1.1 "
            f"-s -o /dev/null --max-time 5 --retry 0 \"$@\"; }}\n"
        )
        with open(os.path.join(folder, "cmd.sh"), "w") as f:
            f.write(wrapper + command)
        with listener.lock:
            listener.requests.clear()
        # Output is read to its end, not thrown away: a curl the command sent to the background (an unquoted `&` in a
        # URL) holds the pipe open, so its request arrives before the next command's recording starts, and is this one's.
        subprocess.run(["bash", "cmd.sh"], cwd=folder, env=env, stdin=subprocess.DEVNULL,
                       capture_output=True, timeout=60)
        with listener.lock:
            return list(listener.requests)
