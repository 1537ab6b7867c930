# SPDX-License-Identifier: MIT
"""A back office for the delivery tests, on loopback, standard library only.

It receives the outbox's POSTs over HTTPS (or HTTP) and answers as the
test tells it: normally 200, or for the next N requests (to one path, or
to any) a status (with Retry-After), a slow answer, a dropped connection
or a hang. It verifies
each Formbuilder-Signature with the key for the request's path (a replay
window of five minutes, as docs/delivery.md tells back offices to), and
plays GOV.UK Notify at /v2/notifications/email: the JWT must be HS256
with the service id as iss and a fresh iat, the body must have the shape
Notify documents. A multipart/form-data delivery (a target with
`files: multipart`) is taken apart: its "payload" part is recorded as
the body (and the signature checked over its bytes, as docs/delivery.md
tells back offices), each file part's name, file name, type, size and
SHA-256 beside it, and the bytes are kept for /_file?sha256=HASH. Every
request is recorded; the test reads them at /_log and sets the
behaviour with POST /_control.

    receiver.py --port N [--cert C --key K] [--secrets FILE.json]
                [--notify-service ID --notify-secret S]

FILE.json maps a path ("/api/streetlights") to its signing key.
"""

import argparse
import base64
import hashlib
import hmac
import http.server
import json
import ssl
import threading
import time

REPLAY_WINDOW = 300
PAYLOAD_PART = "payload"

lock = threading.Lock()
records = []
# By path; "" for every path without one of its own.
behaviours = {"": {"mode": "ok", "times": 0, "retry_after": 0, "seconds": 0}}
args = None
secrets = {}
files = {}          # sha256 -> the bytes a multipart delivery carried


def verify_signature(path, header, body):
    """True/False when the path has a key, None when it has none."""
    secret = secrets.get(path)
    if secret is None:
        return None
    try:
        parts = dict(p.split("=", 1) for p in (header or "").split(","))
        timestamp = int(parts["t"])
        given = parts["v1"]
    except (KeyError, ValueError):
        return False
    if abs(time.time() - timestamp) > REPLAY_WINDOW:
        return False
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body,
                        hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, given)


def parse_multipart(content_type, body):
    """The parts of a multipart/form-data body, in order: a dict each of
    name, filename (None for a field), content_type and data."""
    boundary = None
    for param in content_type.split(";")[1:]:
        k, _, v = param.strip().partition("=")
        if k.lower() == "boundary":
            boundary = v.strip('"')
    if not boundary:
        raise ValueError("no boundary")
    delim = b"--" + boundary.encode()
    chunks = body.split(b"\r\n" + delim)
    first = chunks[0]
    if not first.startswith(delim):
        raise ValueError("the body does not start with the boundary")
    chunks[0] = first[len(delim):]
    if not chunks[-1].startswith(b"--"):
        raise ValueError("no closing boundary")
    parts = []
    for chunk in chunks[:-1]:
        if not chunk.startswith(b"\r\n"):
            raise ValueError("a boundary not followed by CRLF")
        head, sep, data = chunk[2:].partition(b"\r\n\r\n")
        if not sep:
            raise ValueError("a part without headers")
        headers = {}
        for line in head.decode("utf-8").split("\r\n"):
            k, _, v = line.partition(":")
            headers[k.strip().lower()] = v.strip()
        disp = headers.get("content-disposition", "")
        params = {}
        for item in disp.split(";")[1:]:
            k, _, v = item.strip().partition("=")
            params[k] = v.strip('"')
        if not disp.startswith("form-data") or "name" not in params:
            raise ValueError("a part without form-data and a name")
        parts.append({"name": params["name"],
                      "filename": params.get("filename"),
                      "content_type": headers.get("content-type"),
                      "data": data})
    return parts


def b64url_decode(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def notify_problem(headers, body):
    """What is wrong with a Notify request, or None."""
    auth = headers.get("Authorization", "")
    if not auth.startswith("Bearer "):
        return "no bearer token"
    try:
        head, claims, sig = auth[7:].split(".")
        header = json.loads(b64url_decode(head))
        payload = json.loads(b64url_decode(claims))
    except ValueError:
        return "the token is not a JWT"
    if header.get("alg") != "HS256" or header.get("typ") != "JWT":
        return "the token is not HS256"
    mac = hmac.new(args.notify_secret.encode(),
                   f"{head}.{claims}".encode(), hashlib.sha256).digest()
    if not hmac.compare_digest(mac, b64url_decode(sig)):
        return "the token's signature is wrong"
    if payload.get("iss") != args.notify_service:
        return "iss is not the service id"
    if abs(time.time() - payload.get("iat", 0)) > 30:
        return "iat is not now"
    try:
        req = json.loads(body)
    except ValueError:
        return "the body is not JSON"
    if not isinstance(req.get("email_address"), str) or \
            "@" not in req["email_address"]:
        return "no email_address"
    if not isinstance(req.get("template_id"), str) or \
            len(req["template_id"]) != 36:
        return "no template_id"
    if not isinstance(req.get("personalisation", {}), dict):
        return "personalisation is not an object"
    return None


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def answer(self, status, body=b"", extra=None):
        self.send_response(status)
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/_log":
            with lock:
                data = json.dumps(records).encode()
            self.answer(200, data, {"Content-Type": "application/json"})
        elif self.path.startswith("/_file?sha256="):
            with lock:
                data = files.get(self.path.split("=", 1)[1])
            if data is None:
                self.answer(404)
            else:
                self.answer(200, data)
        else:
            self.answer(404)

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n)
        if self.path == "/_control":
            control = json.loads(body)
            with lock:
                behaviours.setdefault(control.pop("path", ""), dict(
                    behaviours[""])).update(control)
            self.answer(204)
            return
        with lock:
            behaviour = behaviours.get(self.path)
            if behaviour is None or behaviour["times"] == 0:
                behaviour = behaviours[""]
            mode = behaviour["mode"] if behaviour["times"] != 0 else "ok"
            if behaviour["times"] > 0:
                behaviour["times"] -= 1
            retry_after = behaviour["retry_after"]
            seconds = behaviour["seconds"]
        signed = body
        rec = {"path": self.path,
               "headers": {k: v for k, v in self.headers.items()}}
        ctype = self.headers.get("Content-Type", "")
        if ctype.lower().startswith("multipart/form-data"):
            # The payload first, then one part per file.
            try:
                parts = parse_multipart(ctype, body)
                if not parts or parts[0]["name"] != PAYLOAD_PART \
                        or parts[0]["filename"] is not None:
                    raise ValueError("the first part is not the payload")
                signed = parts[0]["data"]
                rec["payload_type"] = parts[0]["content_type"]
                rec["files"] = []
                for p in parts[1:]:
                    digest = hashlib.sha256(p["data"]).hexdigest()
                    with lock:
                        files[digest] = p["data"]
                    rec["files"].append({
                        "part": p["name"], "filename": p["filename"],
                        "type": p["content_type"], "size": len(p["data"]),
                        "sha256": digest})
            except ValueError as e:
                rec["multipart_problem"] = str(e)
        rec.update({
            "body": signed.decode("utf-8", "replace"),
            "signature_ok": verify_signature(
                self.path, self.headers.get("Formbuilder-Signature"),
                signed),
            "mode": mode,
            "at": time.time(),
        })
        if self.path == "/v2/notifications/email":
            rec["notify_problem"] = notify_problem(self.headers, body)
        with lock:
            records.append(rec)
        if mode == "drop":
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if mode == "hang":
            time.sleep(3600)
            return
        if mode == "slow":
            time.sleep(seconds)
        if mode.isdigit():
            extra = {"Retry-After": str(retry_after)} if retry_after else {}
            self.answer(int(mode), b"refused by the test receiver: " +
                        mode.encode(), extra)
            return
        if rec.get("notify_problem"):
            self.answer(403, json.dumps({"errors": [
                {"error": "AuthError",
                 "message": rec["notify_problem"]}]}).encode())
            return
        self.answer(201 if self.path.startswith("/v2/") else 200,
                    b'{"received": true}',
                    {"Content-Type": "application/json"})


def main():
    global args, secrets
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--secrets")
    p.add_argument("--notify-service", default="")
    p.add_argument("--notify-secret", default="")
    args = p.parse_args()
    if args.secrets:
        with open(args.secrets) as f:
            secrets = json.load(f)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port),
                                             Handler)
    server.daemon_threads = True
    if args.cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.cert, args.key)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
