# SPDX-License-Identifier: MIT
"""Submit and booking with 1, 2 and 3 instances on PostgreSQL, beside one
on SQLite. Not a test (timings on a shared machine are not pass/fail
material); run it by hand, from the source tree:

    /usr/bin/python3 bench/pg_scale.py build/runtime/server/formbuilder \\
        build/compiler/formc [SECONDS] [CLIENTS] [RESIDENTS]

A throwaway cluster is started with tests/pg/cluster.sh, fsync on
(FBT_PG_FSYNC=on) so PostgreSQL's commits reach the disk as SQLite's
(synchronous = FULL) do.
"submit": CLIENTS threads walk report-streetlight's sample journey and
send it, round robin over the instances on every request, for SECONDS;
submissions per second and the submit POST's median and 95th percentile.
"booking": RESIDENTS walk book-a-garden-waste-bin-delivery's sample
journey at once over the instances, all for the same window (15 places):
how long until all were answered, and how many got a place (must be 15).
"""

import glob
import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVER = os.path.abspath(sys.argv[1])
FORMC = os.path.abspath(sys.argv[2])
SECONDS = float(sys.argv[3]) if len(sys.argv) > 3 else 10
CLIENTS = int(sys.argv[4]) if len(sys.argv) > 4 else 6
RESIDENTS = int(sys.argv[5]) if len(sys.argv) > 5 else 45
CLUSTER = os.path.join(ROOT, "tests", "pg", "cluster.sh")
KEY = "bench-session-key-0123456789abcdef0123456789"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None


class Visitor:
    """Cookies of one resident; every request to the next instance."""

    def __init__(self, ports, first):
        self.ports, self.n = ports, first
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            NoRedirect)

    def request(self, path, fields=None):
        port = self.ports[self.n % len(self.ports)]
        self.n += 1
        data = urllib.parse.urlencode(fields).encode() \
            if fields is not None else None
        try:
            with self.opener.open(f"http://127.0.0.1:{port}{path}", data,
                                  timeout=60) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def walk(self, journey, overrides=None):
        """The sample journey (fields in @p overrides replaced) and its
        submit; (ok, submit seconds)."""
        overrides = overrides or {}
        slug = journey["form"]
        pages = {p["id"]: p for p in journey["pages"]}
        for pid in journey["journey"]:
            status, html = self.request(f"/{slug}/{pid}")
            csrf = re.search(r'name="csrf_token" value="([^"]*)"', html)
            if status != 200 or not csrf:
                return False, 0
            fields = [("csrf_token", csrf.group(1)), ("website", "")]
            fields += [(k, overrides.get(k, v))
                       for k, v in pages[pid]["fields"]]
            status, _ = self.request(f"/{slug}/{pid}", fields)
            if status != 303:
                return False, 0
        status, html = self.request(f"/{slug}/check-answers")
        csrf = re.search(r'name="csrf_token" value="([^"]*)"', html)
        action = re.search(r'<form method="post" novalidate action="([^"]*)"',
                           html)
        if status != 200 or not csrf or not action:
            return False, 0
        t = time.perf_counter()
        status, _ = self.request(action.group(1).replace("&amp;", "&"),
                                 [("csrf_token", csrf.group(1)),
                                  ("website", "")])
        return status == 303, time.perf_counter() - t


def start_servers(db, n, tmp):
    env = dict(os.environ, FORMBUILDER_DB=db, FORMBUILDER_LISTEN="127.0.0.1",
               FORMBUILDER_LOG_LEVEL="warn", FORMBUILDER_SESSION_KEY=KEY)
    for name in subprocess.run([SERVER, "outbox", "env"], check=True,
                               capture_output=True,
                               text=True).stdout.split():
        env.setdefault(name, "bench-value-not-a-secret")
    # Forms with a fee need a payment provider to start; a bench pays
    # for nothing, so it is nowhere (docs/integrations.md).
    env.setdefault("FORMBUILDER_PAY_URL", "http://127.0.0.1:9")
    conf = os.path.join(tmp, "bench.conf")
    with open(conf, "w") as f:
        # No rate limits, room for every client; deliveries refused at
        # once (nothing listens there) so they stay out of the way.
        f.write("post_rate_per_client = off\nsubmit_rate_per_client = off\n"
                "submit_rate_per_form = off\nmax_connections = 2048\n"
                "max_connections_per_client = 1024\n"
                f"outbox_connect_to = backoffice.example:443:127.0.0.1:"
                f"{free_port()}\n")
    procs, ports = [], []
    for i in range(n):
        port = free_port()
        log = open(os.path.join(tmp, f"server-{len(os.listdir(tmp))}.log"),
                   "ab")
        procs.append(subprocess.Popen(
            [SERVER, "serve", "--config", conf],
            env=dict(env, FORMBUILDER_PORT=str(port)), stdout=log,
            stderr=log))
        ports.append(port)
    for port in ports:
        for _ in range(500):
            try:
                with urllib.request.urlopen(
                        f"http://127.0.0.1:{port}/healthz") as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.02)
    return procs, ports


def submit_scenario(ports, journey):
    done, lat, stop = [], [], time.time() + SECONDS
    lock = threading.Lock()

    def client(i):
        while time.time() < stop:
            ok, secs = Visitor(ports, i).walk(journey)
            with lock:
                if ok:
                    done.append(1)
                    lat.append(secs)
    threads = [threading.Thread(target=client, args=(i,))
               for i in range(CLIENTS)]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.perf_counter() - t
    lat.sort()
    q = (lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000) \
        if lat else (lambda p: 0)
    return (f"{len(done) / elapsed:7.1f} submissions/s, submit p50 "
            f"{q(0.5):6.1f} ms, p95 {q(0.95):6.1f} ms")


def booking_scenario(ports, journey):
    results = []
    lock = threading.Lock()

    def resident(i):
        # Each at an address of their own: the form allows two bookings
        # per address a year.
        ok, _ = Visitor(ports, i).walk(
            journey, {"address-line1": f"{i + 1} Sample Street"})
        with lock:
            results.append(ok)
    threads = [threading.Thread(target=resident, args=(i,))
               for i in range(RESIDENTS)]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.perf_counter() - t
    return (f"{RESIDENTS} residents answered in {elapsed:5.2f} s, "
            f"{sum(results)} booked")


def main():
    tmp = tempfile.mkdtemp(prefix="fb-pgscale-")
    pgdir = tempfile.mkdtemp(prefix="fbpg-")   # the postgres user's
    try:
        today = time.strftime("%Y-%m-%d", time.gmtime())
        subprocess.run([FORMC, "build", *glob.glob(os.path.join(
            ROOT, "forms", "*.yaml")), "-o", os.path.join(tmp, "out"),
            "--html", os.path.join(tmp, "html"), "--today", today],
            check=True, capture_output=True, cwd=ROOT)
        journeys = {}
        for j in glob.glob(os.path.join(tmp, "html", "*", "journey.json")):
            with open(j) as f:
                data = json.load(f)
            journeys[data["form"]] = data
        url = subprocess.run(["sh", CLUSTER, "start", pgdir], check=True,
                             capture_output=True, text=True,
                             env=dict(os.environ, FBT_PG_FSYNC="on")
                             ).stdout.strip()
        base = url.rsplit("/", 1)[0]
        runs = [("sqlite", 1)] + [("postgresql", n) for n in (1, 2, 3)]
        for scenario, form, fn in (
                ("submit", "report-streetlight", submit_scenario),
                ("booking", "book-a-garden-waste-bin-delivery",
                 booking_scenario)):
            for backend, n in runs:
                if backend == "sqlite":
                    db = os.path.join(tmp, f"{scenario}.db")
                else:
                    name = f"bench_{scenario}_{n}"
                    subprocess.run(["psql", url, "-qX", "-c",
                                    f"CREATE DATABASE {name}"], check=True)
                    db = f"{base}/{name}"
                procs, ports = start_servers(db, n, tmp)
                try:
                    line = fn(ports, journeys[form])
                finally:
                    for p in procs:
                        p.terminate()
                        p.wait()
                print(f"{scenario:8} {backend:10} {n} instance"
                      f"{'s' if n > 1 else ' '}: {line}", flush=True)
    finally:
        subprocess.run(["sh", CLUSTER, "destroy", pgdir])
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(pgdir, ignore_errors=True)


if __name__ == "__main__":
    main()
