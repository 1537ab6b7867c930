# SPDX-License-Identifier: MIT
"""Several formbuilder instances sharing one PostgreSQL database.

Three real `formbuilder serve` processes on different loopback ports, one
database on the throwaway cluster tests/pg/cluster.sh started (FBT_PG_URL,
FBT_PG_DIR), the outbox delivering to receiver.py as in the delivery suite
(whose set-up this reuses): journeys hopping between instances on every
request, deliveries while an instance is killed with SIGKILL, and the
cluster stopped and started again in the middle of journeys.

    cluster.sh run python3 test_multi.py FORMBUILDER FORMC XSD_VALIDATE SRCDIR
"""

import itertools
import json
import os
import signal
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "delivery"))
import test_delivery as td  # noqa: E402  (reads argv[1:5])
import test_events  # noqa: E402  (a back office signing its events)

CLUSTER = os.path.join(HERE, "cluster.sh")
KEY = "multi-instance-session-key-0123456789abcdef"
setUpModule = td.setUpModule
tearDownModule = td.tearDownModule
databases = itertools.count(1)


def psql(url, sql, *params):
    """Runs @p sql with :'p1', :'p2'... bound to @p params; the rows."""
    args = ["psql", url, "-AtqX", "-v", "ON_ERROR_STOP=1"]
    for i, p in enumerate(params, 1):
        args += ["-v", f"p{i}={p}"]
    out = subprocess.run(args, input=sql, capture_output=True, text=True,
                         check=True).stdout
    return [line.split("|") for line in out.splitlines() if line]


def fresh_db():
    base = os.environ["FBT_PG_URL"]
    name = f"multi_{os.getpid()}_{next(databases)}"
    psql(base, f"CREATE DATABASE {name}")
    return base.rsplit("/", 1)[0] + "/" + name


class Hopper(td.Resident):
    """A resident whose every request goes to the next instance."""

    def __init__(self, servers):
        super().__init__(servers[0])
        self.bases = itertools.cycle(f"http://127.0.0.1:{s.port}"
                                     for s in servers)

    def request(self, path, fields=None):
        self.base = next(self.bases)
        return super().request(path, fields)

    def request_location(self, path, fields=None):
        self.base = next(self.bases)
        return super().request_location(path, fields)


class Multi(unittest.TestCase):
    def setUp(self):
        self.receiver = td.Receiver()
        self.receiver.start()
        self.smtp = td.Smtp()
        self.url = fresh_db()
        env = {"FORMBUILDER_DB": self.url, "FORMBUILDER_SESSION_KEY": KEY}
        self.servers = [td.Server(self.receiver, self.smtp.port, env=env)
                        for _ in range(3)]
        for s in self.servers:
            s.start()

    def tearDown(self):
        for s in self.servers:
            s.stop()
        self.receiver.stop()
        self.smtp.stop()

    def count(self, sql, *params):
        return int(psql(self.url, sql, *params)[0][0])

    def all_delivered(self, refs):
        rows = psql(self.url, "SELECT reference, state FROM deliveries")
        states = {}
        for ref, state in rows:
            states.setdefault(ref, []).append(state)
        return all(states.get(r) and set(states[r]) == {"delivered"}
                   for r in refs)

    def keys_by_reference(self):
        """Idempotency-Key -> the references the receiver got with it."""
        keys = {}
        for rec in self.receiver.log():
            k = rec["headers"].get("Idempotency-Key")
            keys.setdefault(k, set()).add(json.loads(rec["body"])["reference"])
        return keys

    def assert_every_store_read_unavailable(self, reference):
        """While the database is down, each page that must read it says
        the service is unavailable (503), never that something is wrong
        (500) or not found: a track lookup, a save link, a payment's
        return; a back office's event gets the API's 503."""
        token = "A" * 43   # the shape of a link token; the store decides
        for s in self.servers:
            r = td.Resident(s)
            for path, fields in [
                    ("/report-streetlight/track",
                     [("reference", reference),
                      ("contact", "resident@example.com")]),
                    (f"/apply-for-a-blue-badge/return/{token}", None),
                    ("/book-a-bulky-waste-collection/payment/return?token="
                     + token, None)]:
                st, html = r.request(path, fields)
                self.assertEqual(st, 503, path)
                self.assertIn("Sorry, the service is unavailable", html)
            st, body = test_events.BackOffice(
                s, "STREETLIGHT_EVENTS_SECRET").post(reference, {
                    "id": "while-down", "status": "received",
                    "public": False, "message": ""})
            self.assertEqual((st, body["error"]), (503, "unavailable"))

    def test_journeys_hop_between_instances_on_every_request(self):
        refs = [Hopper(self.servers).submit("report-streetlight")
                for _ in range(4)]
        # A booking: its place held on one instance, booked on another.
        booked = Hopper(self.servers).submit(
            "book-a-garden-waste-bin-delivery")
        for ref in refs + [booked]:
            self.assertEqual(self.count(
                "SELECT count(*) FROM submissions WHERE reference = :'p1'",
                ref), 1)
        self.assertEqual(self.count(
            "SELECT count(*) FROM booking_places WHERE reference = :'p1' "
            "AND state = 'booked'", booked), 1)
        self.assertEqual(self.count(
            "SELECT count(*) FROM booking_places WHERE state = 'held'"), 0)
        td.wait_for(lambda: self.all_delivered(refs), timeout=60,
                    what="every delivery")
        keys = self.keys_by_reference()
        got = sorted(r for v in keys.values() for r in v
                     if r in refs)
        self.assertEqual(got, sorted(refs))   # each once after dedup

    def test_deliveries_arrive_once_while_an_instance_is_killed(self):
        self.receiver.control("hang")
        refs = [Hopper(self.servers).submit("report-streetlight")
                for _ in range(6)]
        td.wait_for(lambda: self.receiver.log(), what="a delivery in flight")
        self.servers[0].stop(signal.SIGKILL)
        self.receiver.control("ok", times=0)
        # The killed instance's claims come back when their lease ends.
        td.wait_for(lambda: self.all_delivered(refs), timeout=180,
                    what="every delivery after the kill")
        keys = self.keys_by_reference()
        delivered = [r for k, v in keys.items() for r in v]
        self.assertEqual(sorted(set(delivered)), sorted(refs))
        self.assertTrue(all(len(v) == 1 for v in keys.values()), keys)
        self.assertEqual(len([k for k, v in keys.items() if v & set(refs)]),
                         len(refs))   # one key per delivery
        self.assertEqual(self.count(
            "SELECT count(*) FROM deliveries WHERE state <> 'delivered'"), 0)

    def test_cluster_restart_fails_cleanly_then_service_resumes(self):
        pgdir = os.environ["FBT_PG_DIR"]
        before = [Hopper(self.servers).submit("report-streetlight")
                  for _ in range(2)]
        # A booking's manage page needs no session: its place is read
        # from the store on its own.
        booker = Hopper(self.servers)
        before.append(booker.submit("book-a-garden-waste-bin-delivery"))
        manage = td.re.search(r'href="(/book-a-garden-waste-bin-delivery/'
                              r'booking/[^"?]+)"', booker.confirmation)
        self.assertIsNotNone(manage, "the confirmation links its booking")
        # A visitor half-way: the first page answered (its session
        # stored), the second to come.
        slug = "report-streetlight"
        j = td.journeys[slug]
        first, second = j["journey"][0], j["journey"][1]
        walking = Hopper(self.servers)
        status, html = walking.request(f"/{slug}/{first}")
        self.assertEqual(status, 200)
        csrf = td.re.search(r'name="csrf_token" value="([^"]*)"', html)
        fields = [("csrf_token", csrf.group(1)), ("website", "")]
        fields += [tuple(f) for f in
                   {p["id"]: p for p in j["pages"]}[first]["fields"]]
        status, _ = walking.request(f"/{slug}/{first}", fields)
        self.assertEqual(status, 303)
        subprocess.run(["sh", CLUSTER, "stop", pgdir], check=True)
        try:
            statuses = set()
            for s in self.servers:
                r = td.Resident(s)
                r.opener = walking.opener   # the same visitor's cookies
                for _ in range(2):
                    st, html = r.request(f"/{slug}/{second}")
                    statuses.add(st)
                    if st == 503:
                        self.assertIn("Sorry, the service is unavailable",
                                      html)
            self.assertEqual(statuses, {503})
            for s in self.servers:
                st, html = td.Resident(s).request(manage.group(1))
                self.assertEqual(st, 503, "the booking's manage page")
                self.assertIn("Sorry, the service is unavailable", html)
            self.assert_every_store_read_unavailable(before[0])
            # A whole submission attempted while it is down is refused,
            # never confirmed.
            with self.assertRaises(AssertionError):
                Hopper(self.servers).submit(slug)
        finally:
            subprocess.run(["sh", CLUSTER, "resume", pgdir], check=True)
        # Service resumes by itself: no restart of any instance.
        for s in self.servers:
            td.wait_for(s.healthy, timeout=60, what="healthy again")
        # The visitor half-way carries on where they were.
        status, _ = walking.request(f"/{slug}/{second}")
        self.assertEqual(status, 200)
        after = [Hopper(self.servers).submit(slug) for _ in range(2)]
        for ref in before + after:
            self.assertEqual(self.count(
                "SELECT count(*) FROM submissions WHERE reference = :'p1'",
                ref), 1)
        # Nothing half-written: every stored submission has its delivery.
        self.assertEqual(self.count(
            "SELECT count(*) FROM submissions s WHERE NOT EXISTS (SELECT 1 "
            "FROM deliveries d WHERE d.reference = s.reference)"), 0)
        self.assertEqual(self.count("SELECT count(*) FROM submissions"),
                         len(before) + len(after))


if __name__ == "__main__":
    unittest.main(verbosity=2)
