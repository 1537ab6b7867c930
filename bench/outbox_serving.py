# SPDX-License-Identifier: MIT
"""The outbox's worker never slows serving: pages per second with the
back office hanging and with it answering. Not a test (timings on a shared
machine are not pass/fail material); run it by hand:

    /usr/bin/python3 bench/outbox_serving.py build/runtime/server/formbuilder \
        [SECONDS] [CLIENTS]

It starts tests/delivery/receiver.py over plain HTTP on loopback and the
server with report-streetlight's target pointed at it
(outbox_connect_to), queues 20 submissions' deliveries, and for each of
"hang" (every delivery waits for outbox_timeout) and "ok" measures GET
/report-streetlight/location with CLIENTS keep-alive clients for SECONDS.
"""

import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGE = "/report-streetlight/location"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_cert(d):
    """A CA and a certificate for backoffice.example, as the tests make."""
    def run(*a):
        subprocess.run(a, check=True, capture_output=True, cwd=d)
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
        "-keyout", "ca.key", "-out", "ca.pem", "-days", "1", "-subj", "/CN=ca")
    run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout",
        "server.key", "-out", "server.csr", "-subj", "/CN=backoffice.example")
    with open(os.path.join(d, "san.cnf"), "w") as f:
        f.write("subjectAltName=DNS:backoffice.example\n")
    run("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem",
        "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem",
        "-days", "1", "-extfile", "san.cnf")


def control(port, mode, ctx):
    req = urllib.request.Request(f"https://127.0.0.1:{port}/_control",
                                 data=('{"mode": "%s", "times": -1}'
                                       % mode).encode(), method="POST")
    urllib.request.urlopen(req, context=ctx).close()


def submit(port):
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor())
    base = f"http://127.0.0.1:{port}/report-streetlight/"
    pages = [("location", {"street": "Bench Road", "column_number": "7",
                           "location_details": ""}),
             ("problem", {"fault": "out", "damage": ""}),
             ("contact", {"full_name": "B", "email": "b@example.com",
                          "phone": ""})]
    for page, fields in pages:
        html = opener.open(base + page).read().decode()
        csrf = re.search(r'name="csrf_token" value="([^"]*)"', html).group(1)
        opener.open(base + page, urllib.parse.urlencode(
            dict(fields, csrf_token=csrf, website="")).encode()).read()
    html = opener.open(base + "check-answers").read().decode()
    csrf = re.search(r'name="csrf_token" value="([^"]*)"', html).group(1)
    action = re.search(r'novalidate action="([^"]*)"', html).group(1)
    opener.open(f"http://127.0.0.1:{port}" + action.replace("&amp;", "&"),
                urllib.parse.urlencode({"csrf_token": csrf,
                                        "website": ""}).encode()).read()


def measure(port):
    counts = [0] * CLIENTS
    end = time.time() + SECONDS

    def client(i):
        c = http.client.HTTPConnection("127.0.0.1", port)
        while time.time() < end:
            c.request("GET", PAGE)
            r = c.getresponse()
            r.read()
            if r.status == 200:
                counts[i] += 1
        c.close()

    threads = [threading.Thread(target=client, args=(i,))
               for i in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts) / SECONDS


def main():
    d = tempfile.mkdtemp(prefix="fb-bench-outbox-")
    rport, sport = free_port(), free_port()
    make_cert(d)
    ctx = ssl.create_default_context(cafile=os.path.join(d, "ca.pem"))
    ctx.check_hostname = False
    receiver = subprocess.Popen(
        [sys.executable, os.path.join(ROOT, "tests", "delivery",
                                      "receiver.py"), "--port", str(rport),
         "--cert", os.path.join(d, "server.pem"), "--key",
         os.path.join(d, "server.key")], stdout=subprocess.PIPE)
    receiver.stdout.readline()
    conf = os.path.join(d, "fb.conf")
    with open(conf, "w") as f:
        f.write(f"outbox_connect_to = backoffice.example:443:127.0.0.1:"
                f"{rport}\noutbox_timeout = 30s\nlog_level = warn\n"
                f"outbox_ca_file = {os.path.join(d, 'ca.pem')}\n"
                f"submit_rate_per_client = off\npost_rate_per_client = off\n")
    env = dict(os.environ, FORMBUILDER_DB=os.path.join(d, "fb.db"),
               FORMBUILDER_PORT=str(sport))
    names = subprocess.run([SERVER, "outbox", "env"], capture_output=True,
                           text=True).stdout.split()
    for n in names:
        env.setdefault(n, "bench-not-a-secret")
    # Forms with a fee need a payment provider to start; a bench pays
    # for nothing, so it is nowhere (docs/integrations.md).
    env.setdefault("FORMBUILDER_PAY_URL", "http://127.0.0.1:9")
    server = subprocess.Popen([SERVER, "serve", "--config", conf], env=env)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{sport}/healthz")
                break
            except OSError:
                time.sleep(0.1)
        # "hang": every delivery waits outbox_timeout for an answer that
        # never comes, so the worker is always mid-attempt.
        for mode in ("hang", "ok"):
            control(rport, mode, ctx)
            for _ in range(20):
                submit(sport)
            rate = measure(sport)
            print(f"receiver {mode:4}: {rate:8.0f} pages/s "
                  f"({CLIENTS} clients, {SECONDS:.0f} s)")
    finally:
        server.terminate()
        server.wait()
        receiver.kill()
        receiver.wait()
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    # Read here, not on import: bench/run.py imports make_cert and control.
    SERVER = os.path.abspath(sys.argv[1])
    SECONDS = float(sys.argv[2]) if len(sys.argv) > 2 else 5
    CLIENTS = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    main()
