# SPDX-License-Identifier: MIT
"""A local SMTP server for the delivery tests (Debian's python3-aiosmtpd):
it accepts every message and appends it, with its envelope, as one JSON
line to --out. With --cert and --key it insists on STARTTLS first, as a
council's relay would.

    smtp_sink.py --port N --out FILE [--cert C --key K]
"""

import argparse
import json
import ssl
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, out):
        self.out = out
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        rec = {"from": envelope.mail_from, "to": envelope.rcpt_tos,
               "tls": session.ssl is not None,
               "data": envelope.content.decode("utf-8", "replace")}
        with self.lock, open(self.out, "a") as f:
            f.write(json.dumps(rec) + "\n")
        return "250 OK"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--cert")
    p.add_argument("--key")
    a = p.parse_args()
    tls = {}
    if a.cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(a.cert, a.key)
        tls = {"tls_context": ctx, "require_starttls": True}
    c = Controller(Sink(a.out), hostname="127.0.0.1", port=a.port, **tls)
    c.start()
    print("ready", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
