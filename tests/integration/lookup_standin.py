# SPDX-License-Identifier: MIT
"""A local stand-in for a council's lookup endpoint (docs/integrations.md,
"Lookups"): the contract the server's `lookup:` uses.

    GET /NAME?value=ANSWER   with "Authorization: Bearer KEY" (--key)

200 {"found": true, "fill": {...}} for a value it knows, 200
{"found": false} for one it does not, 404 for one it has never heard of,
401 for a wrong or missing key. Two endpoints: /council-tax (account
numbers, filling "address") and /streetlights (column numbers, filling
"street"). The failures the server must survive are chosen by the value:

    50000404  404          50000500  503 with an HTML body
    50000888  malformed JSON            50000777  JSON of the wrong shape
    50000999  slow: answers after --slow seconds (default 10)

GET /_calls answers how many lookups were served, so tests can see the
server's cache at work. With --not-found every endpoint NAME answers
{"found": false} to every value (the a11y suite's page with a lookup's
error, whatever the form's sample answer).

    lookup_standin.py --port N [--key KEY] [--slow S] [--not-found]
"""

import argparse
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

calls = 0
calls_lock = threading.Lock()

RECORDS = {
    "council-tax": {
        "50012345": {"address": "1 Town Hall Square, Stockport, SK1 3XE"},
        "50054321": {"address": "Flat 2, 10 Mersey Square, Stockport, "
                                "SK1 1AA"},
        "50011111": {},
        "50022222": {"address": "3 Underbank, Stockport, SK1 1LA"},
    },
    "streetlights": {
        "SL1234": {"street": "Wellington Road South"},
        "1234": {"street": "Wellington Road South"},
        "SL0042": {"street": "Hillgate"},
        "42": {"street": "Hillgate"},
    },
}
NOT_FOUND = {"50099999", "SL9999", "9999"}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def reply(self, status, body, kind="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except BrokenPipeError:
            pass   # the server gave up waiting: its timeout at work

    def do_GET(self):
        global calls
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/_calls":
            return self.reply(200, {"calls": calls})
        name = url.path.strip("/")
        if self.server.not_found:
            return self.reply(200, {"found": False})
        if name not in RECORDS:
            return self.reply(404, {"error": "no such endpoint"})
        if self.server.key and self.headers.get("Authorization") \
                != f"Bearer {self.server.key}":
            return self.reply(401, {"error": "wrong key"})
        value = urllib.parse.parse_qs(url.query).get("value", [""])[0]
        with calls_lock:
            calls += 1
        if value == "50000999":
            time.sleep(self.server.slow)
            return self.reply(200, {"found": True})
        if value == "50000500":
            return self.reply(503, b"<html>down</html>", "text/html")
        if value == "50000888":
            return self.reply(200, b'{"found": tr')
        if value == "50000777":
            return self.reply(200, {"found": "yes", "fill": ["x"]})
        if value == "50000404":
            return self.reply(404, {"error": "unknown"})
        if value in RECORDS[name]:
            return self.reply(200, {"found": True,
                                    "fill": RECORDS[name][value]})
        if value in NOT_FOUND:
            return self.reply(200, {"found": False})
        return self.reply(404, {"error": "unknown"})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--key", default="")
    ap.add_argument("--slow", type=float, default=10)
    ap.add_argument("--not-found", action="store_true")
    args = ap.parse_args()
    srv = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    srv.daemon_threads = True
    srv.key = args.key
    srv.slow = args.slow
    srv.not_found = args.not_found
    srv.serve_forever()


if __name__ == "__main__":
    main()
