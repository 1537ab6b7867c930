#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A local stand-in for GOV.UK Pay's public API, on loopback.

It implements the documented contract the server uses
(https://docs.payments.service.gov.uk/api_reference/):

  POST /v1/payments                 create: amount (pence), reference,
                                    description, return_url, language;
                                    201 with payment_id, state.status
                                    "created" and _links.next_url.href.
                                    An Idempotency-Key seen before with the
                                    same body returns that payment (200).
  GET  /v1/payments/{id}            the payment: state {status, finished,
                                    code}, refund_summary {status,
                                    amount_available, amount_submitted}
  POST /v1/payments/{id}/refunds    amount, refund_amount_available: 202
                                    with refund_id and status "submitted"
                                    (or "success"); 412 P0604 when the
                                    available amount given is stale, 400
                                    P0603 when the payment cannot be
                                    refunded. Idempotency-Key as above.

Every /v1 call needs "Authorization: Bearer KEY" (401 P0920 otherwise).
The resident's page at next_url (GET /pay/{id}) has Pay, Decline and
Cancel buttons (plain HTML forms, no script); each sets the state
(success; failed P0010; failed P0030) and 303s to the return_url.

Test control, outside the contract (POST JSON):
  /_control        {"mode": "normal" | "5xx" | "timeout" | "malformed" |
                    "refuse", "times": N (-1: until changed),
                    "seconds": S (timeout)}  applies to /v1 calls
  /_control/state  {"payment_id": ID, "status": S, "code": C}: as if the
                    resident paid (or not) without coming back
  /_control/refunds {"settle": true}: submitted refunds become success
GET /_log lists every /v1 call (method, path, idempotency key, status).

    pay_standin.py PORT_FILE KEY   (writes the port it listens on)
"""

import html
import json
import secrets
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
payments = {}        # id -> payment dict
idempotent = {}      # (kind, key) -> (body, id or (id, refund_id))
log = []
control = {"mode": "normal", "times": 0, "seconds": 0}
KEY = ""


def error(code, description):
    return {"code": code, "description": description}


def public(p, base):
    pid = p["payment_id"]
    refunded = sum(r["amount"] for r in p["refunds"])
    available = p["amount"] - refunded if p["state"]["status"] == "success" \
        else 0
    settled = all(r["status"] == "success" for r in p["refunds"])
    summary = ("full" if p["refunds"] and available == 0 and settled
               else "pending" if p["refunds"] and not settled
               else "available" if available else "unavailable")
    out = {k: p[k] for k in ("amount", "description", "reference",
                             "language", "payment_id", "return_url",
                             "created_date", "state")}
    out["payment_provider"] = "sandbox"
    out["refund_summary"] = {"status": summary,
                             "amount_available": available,
                             "amount_submitted": refunded}
    out["_links"] = {
        "self": {"href": f"{base}/v1/payments/{pid}", "method": "GET"},
        "next_url": {"href": f"{base}/pay/{pid}", "method": "GET"},
        "refunds": {"href": f"{base}/v1/payments/{pid}/refunds",
                    "method": "GET"},
    }
    return out


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def base(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def send(self, status, obj=None, raw=None, ctype="application/json",
             headers=()):
        data = raw if raw is not None else \
            json.dumps(obj).encode() if obj is not None else b""
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass    # the server gave up waiting (the timeout mode)

    # ---- the API ----

    def fault(self):
        """Applies the control mode to one /v1 call; True when answered."""
        with lock:
            mode = control["mode"]
            if mode != "normal":
                if control["times"] == 0:
                    control["mode"] = mode = "normal"
                elif control["times"] > 0:
                    control["times"] -= 1
            seconds = control["seconds"]
        if mode == "5xx":
            self.send(500, error("P0999", "GOV.UK Pay is unavailable"))
        elif mode == "timeout":
            time.sleep(seconds or 30)
            self.send(500, error("P0999", "too late"))
        elif mode == "malformed":
            self.send(200, raw=b'{"payment_id": "abc", "state": ')
        elif mode == "refuse":
            self.send(422, error("P0102", "Invalid attribute value"))
        else:
            return False
        return True

    def api(self, method):
        path = urllib.parse.urlsplit(self.path).path
        raw = self.body() if method == "POST" else b""
        key = self.headers.get("Idempotency-Key", "")
        status = self.api_call(method, path, raw, key)
        with lock:
            log.append({"method": method, "path": path, "key": key,
                        "status": status,
                        "body": raw.decode("utf-8", "replace")})

    def api_call(self, method, path, raw, key):
        if self.headers.get("Authorization") != f"Bearer {KEY}":
            self.send(401, error("P0920", "Credentials are missing or "
                                 "invalid"))
            return 401
        if self.fault():
            return control_status()
        parts = path.strip("/").split("/")
        if method == "POST" and parts == ["v1", "payments"]:
            return self.create(raw, key)
        if len(parts) == 3 and parts[:2] == ["v1", "payments"] \
                and method == "GET":
            with lock:
                p = payments.get(parts[2])
                if not p:
                    self.send(404, error("P0200", "Not found"))
                    return 404
                self.send(200, public(p, self.base()))
            return 200
        if len(parts) == 4 and parts[:2] == ["v1", "payments"] \
                and parts[3] == "refunds" and method == "POST":
            return self.refund(parts[2], raw, key)
        self.send(404, error("P0200", "Not found"))
        return 404

    def create(self, raw, key):
        try:
            req = json.loads(raw)
            amount = req["amount"]
            ok = (isinstance(amount, int) and 1 <= amount <= 10000000
                  and all(isinstance(req.get(k), str) and req[k]
                          for k in ("reference", "description",
                                    "return_url"))
                  and len(req["reference"]) <= 255
                  and len(req["description"]) <= 255
                  and req.get("language", "en") in ("en", "cy"))
        except (ValueError, KeyError, TypeError):
            ok = False
        if not ok:
            self.send(422, error("P0102", "Invalid attribute value"))
            return 422
        with lock:
            if key and ("create", key) in idempotent:
                seen_body, pid = idempotent[("create", key)]
                if seen_body != req:
                    self.send(422, error("P0102", "Idempotency-Key reused "
                                         "with another request"))
                    return 422
                self.send(200, public(payments[pid], self.base()))
                return 200
            pid = secrets.token_hex(13)
            payments[pid] = {
                "payment_id": pid, "amount": amount,
                "description": req["description"],
                "reference": req["reference"],
                "language": req.get("language", "en"),
                "return_url": req["return_url"],
                "created_date": time.strftime("%Y-%m-%dT%H:%M:%S.000Z",
                                              time.gmtime()),
                "state": {"status": "created", "finished": False},
                "refunds": [],
            }
            if key:
                idempotent[("create", key)] = (req, pid)
            self.send(201, public(payments[pid], self.base()))
        return 201

    def refund(self, pid, raw, key):
        try:
            req = json.loads(raw)
            amount, available = req["amount"], req["refund_amount_available"]
            ok = isinstance(amount, int) and isinstance(available, int) \
                and amount > 0
        except (ValueError, KeyError, TypeError):
            ok = False
        if not ok:
            self.send(422, error("P0102", "Invalid attribute value"))
            return 422
        with lock:
            p = payments.get(pid)
            if not p:
                self.send(404, error("P0200", "Not found"))
                return 404
            if key and ("refund", key) in idempotent:
                _, (rpid, rid) = idempotent[("refund", key)]
                r = next(r for r in p["refunds"] if r["refund_id"] == rid)
                self.send(202, r)
                return 202
            now_available = public(p, self.base())["refund_summary"][
                "amount_available"]
            if available != now_available:
                self.send(412, error("P0604", "Refund amount available "
                                     "mismatch"))
                return 412
            if p["state"]["status"] != "success" or amount > now_available:
                self.send(400, error("P0603", "The payment is not available "
                                     "for refund"))
                return 400
            r = {"refund_id": secrets.token_hex(10), "amount": amount,
                 "status": "submitted",
                 "created_date": time.strftime("%Y-%m-%dT%H:%M:%S.000Z",
                                               time.gmtime())}
            p["refunds"].append(r)
            if key:
                idempotent[("refund", key)] = (req, (pid, r["refund_id"]))
            self.send(202, r)
        return 202

    # ---- the resident's page ----

    def page(self, pid):
        with lock:
            p = payments.get(pid)
            if p and p["state"]["status"] == "created":
                p["state"] = {"status": "started", "finished": False}
        if not p:
            self.send(404, raw=b"<!DOCTYPE html><title>Not found</title>",
                      ctype="text/html")
            return
        pounds = f"\u00a3{p['amount'] / 100:,.2f}"
        buttons = "".join(
            f'<form method="post" action="/pay/{pid}">'
            f'<input type="hidden" name="action" value="{a}">'
            f'<button type="submit" id="{a}">{label}</button></form>'
            for a, label in (("pay", "Pay"), ("decline", "Decline card"),
                             ("cancel", "Cancel payment")))
        doc = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
               f'<title>Pay {html.escape(pounds)} - stand-in</title></head>'
               f'<body><main><h1>Enter card details</h1>'
               f'<p>{html.escape(p["description"])}: {html.escape(pounds)}'
               f'</p>{buttons}</main></body></html>')
        self.send(200, raw=doc.encode(), ctype="text/html; charset=utf-8")

    def act(self, pid):
        fields = urllib.parse.parse_qs(self.body().decode())
        action = (fields.get("action") or [""])[0]
        with lock:
            p = payments.get(pid)
            if not p or p["state"]["finished"]:
                self.send(404 if not p else 409, raw=b"finished",
                          ctype="text/plain")
                return
            p["state"] = {
                "pay": {"status": "success", "finished": True},
                "decline": {"status": "failed", "finished": True,
                            "code": "P0010",
                            "message": "Payment method rejected"},
                "cancel": {"status": "failed", "finished": True,
                           "code": "P0030",
                           "message": "Payment was cancelled by the user"},
            }.get(action, p["state"])
            url = p["return_url"]
        self.send(303, raw=b"", headers=[("Location", url)])

    # ---- dispatch ----

    def do_GET(self):
        path = urllib.parse.urlsplit(self.path).path
        if path.startswith("/v1/"):
            self.api("GET")
        elif path.startswith("/pay/"):
            self.page(path[5:])
        elif path == "/_log":
            with lock:
                self.send(200, {"log": log, "payments": payments})
        else:
            self.send(404, error("P0200", "Not found"))

    def do_POST(self):
        path = urllib.parse.urlsplit(self.path).path
        if path.startswith("/v1/"):
            self.api("POST")
        elif path.startswith("/pay/"):
            self.act(path[5:])
        elif path.startswith("/_control"):
            self.control(path)
        else:
            self.send(404, error("P0200", "Not found"))

    def control(self, path):
        req = json.loads(self.body() or b"{}")
        with lock:
            if path == "/_control":
                control.update(mode=req.get("mode", "normal"),
                               times=req.get("times", -1),
                               seconds=req.get("seconds", 0))
            elif path == "/_control/state":
                p = payments[req["payment_id"]]
                p["state"] = {"status": req["status"],
                              "finished": req["status"] not in (
                                  "created", "started", "submitted",
                                  "capturable")}
                if req.get("code"):
                    p["state"]["code"] = req["code"]
            elif path == "/_control/refunds":
                for p in payments.values():
                    for r in p["refunds"]:
                        r["status"] = "success"
        self.send(200, {"ok": True})


def control_status():
    return {"5xx": 500, "timeout": 500, "malformed": 200,
            "refuse": 422}.get(control["mode"], 0)


def main():
    global KEY
    port_file, KEY = sys.argv[1], sys.argv[2]
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    with open(port_file + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    import os
    os.replace(port_file + ".tmp", port_file)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:   # Ctrl-C on ./scripts/dev run
        pass


if __name__ == "__main__":
    main()
