# SPDX-License-Identifier: MIT
"""A local SMTP server for the delivery tests (Debian's python3-aiosmtpd):
it accepts every message and appends it, with its envelope, as one JSON
line to --out.

    smtp_sink.py --port N --out FILE
"""

import argparse
import json
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, out):
        self.out = out
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        rec = {"from": envelope.mail_from, "to": envelope.rcpt_tos,
               "data": envelope.content.decode("utf-8", "replace")}
        with self.lock, open(self.out, "a") as f:
            f.write(json.dumps(rec) + "\n")
        return "250 OK"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    c = Controller(Sink(a.out), hostname="127.0.0.1", port=a.port)
    c.start()
    print("ready", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
