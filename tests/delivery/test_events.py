# SPDX-License-Identifier: MIT
"""Progress updates end to end, against real components on loopback.

A local back office (BackOffice below: Python's hmac, as docs/delivery.md
shows) posts signed events about real submissions to the real
`formbuilder serve` (SQLite file); the resident follows them on the
form's track page in English and Welsh; the update email reaches
smtp_sink.py. Every refusal the events API documents is sent through the
real server. The servers, receivers and journeys are test_delivery.py's.

    test_events.py FORMBUILDER FORMC XSD_VALIDATE SRCDIR
"""

import hashlib
import hmac
import json
import os
import re
import subprocess
import sys
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_delivery as td  # noqa: E402  (reads the four arguments)

STREETLIGHT = "report-streetlight"
DRAIN = "report-a-blocked-drain"


def setUpModule():
    td.setUpModule()


def tearDownModule():
    td.tearDownModule()


class BackOffice:
    """Signs and posts events as a back office would."""

    def __init__(self, server, secret_env):
        self.base = f"http://127.0.0.1:{server.port}"
        self.secret = td.env_values[secret_env].encode()

    def sign(self, body, t=None, secret=None):
        t = int(time.time()) if t is None else t
        mac = hmac.new(secret or self.secret, f"{t}.".encode() + body,
                       hashlib.sha256).hexdigest()
        return f"t={t},v1={mac}"

    def post(self, reference, event=None, body=None, signature=None,
             method="POST", **sign):
        if body is None:
            body = json.dumps(event).encode()
        headers = {"Content-Type": "application/json"}
        sig = signature if signature is not None else self.sign(body, **sign)
        if sig:
            headers["Formbuilder-Signature"] = sig
        req = urllib.request.Request(
            f"{self.base}/api/v1/submissions/{reference}/events", data=body,
            headers=headers, method=method)
        try:
            with urllib.request.urlopen(req) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as e:
            raw = e.read()
            return e.code, json.loads(raw) if raw else None


class Events(unittest.TestCase):
    def setUp(self):
        self.receiver = td.Receiver()
        self.receiver.start()
        self.smtp = td.Smtp()
        self.server = td.Server(self.receiver, self.smtp.port)
        # The links in update emails start with the public URL.
        with open(self.server.config, "a") as f:
            f.write(f"base_url = http://127.0.0.1:{self.server.port}\n")
        self.server.start()
        self.office = BackOffice(self.server, "STREETLIGHT_EVENTS_SECRET")

    def tearDown(self):
        self.server.stop()
        self.receiver.stop()
        self.smtp.stop()

    def stored(self, reference):
        return self.server.rows(
            "SELECT event_id, status, message, public FROM "
            "submission_events WHERE reference = ? ORDER BY occurred_at, id",
            reference)

    def test_signed_events_are_stored_once_in_the_back_office_order(self):
        ref = td.Resident(self.server).submit(STREETLIGHT)
        now = int(time.time())
        st, body = self.office.post(ref, {
            "id": "ev-2", "status": "scheduled", "public": True,
            "message": "An engineer will visit on Friday."}, t=now)
        self.assertEqual((st, body["stored"]), (201, True), body)
        st, body = self.office.post(ref, {
            "id": "ev-1", "status": "received", "public": True,
            "message": "We have your report."}, t=now - 60)
        self.assertEqual(st, 201, body)
        st, _ = self.office.post(ref, {
            "id": "ev-3", "status": "awaiting_parts", "public": False,
            "message": "Lantern on order"}, t=now + 1)
        self.assertEqual(st, 201)
        # A retried POST (signed afresh) stores nothing new.
        st, body = self.office.post(ref, {
            "id": "ev-2", "status": "scheduled", "public": True,
            "message": "An engineer will visit on Friday."}, t=now + 5)
        self.assertEqual((st, body["stored"]), (200, False), body)
        # The same id saying something else is refused.
        st, body = self.office.post(ref, {
            "id": "ev-2", "status": "completed", "public": True,
            "message": "Fixed."})
        self.assertEqual((st, body["error"]), (409, "id_reused"))
        self.assertEqual([r[0] for r in self.stored(ref)],
                         ["ev-1", "ev-2", "ev-3"])
        # Exported with the submission: every event in JSON, the latest
        # status in CSV.
        events = self.server.export(STREETLIGHT)[ref]["events"]
        self.assertEqual([(e["id"], e["status"], e["public"]) for e in events],
                         [("ev-1", "received", True),
                          ("ev-2", "scheduled", True),
                          ("ev-3", "awaiting_parts", False)])
        self.assertEqual(events[1]["message"],
                         "An engineer will visit on Friday.")
        csv = subprocess.run([td.SERVER, "export", "--form", STREETLIGHT,
                              "--format", "csv", "--config",
                              self.server.config], env=self.server.env,
                             capture_output=True, text=True, check=True)
        import csv as csvlib
        rows = list(csvlib.reader(csv.stdout.splitlines(True)))
        status = rows[0].index("status")
        self.assertEqual([r for r in rows if r[0] == ref][0][status],
                         "awaiting_parts")
        metrics = self.server.get("/metrics")
        self.assertIn('formbuilder_progress_events_total{outcome="stored"} 3',
                      metrics)
        self.assertIn(
            'formbuilder_progress_events_total{outcome="repeated"} 1',
            metrics)

    def test_every_bad_request_is_refused_with_json_and_nothing_stored(self):
        ref = td.Resident(self.server).submit(STREETLIGHT)
        ok = {"id": "e1", "status": "received", "public": False,
              "message": ""}
        raw = json.dumps(ok).encode()
        cases = [
            ("no signature", dict(event=ok, signature=""), 401,
             "unauthorised"),
            ("wrong secret", dict(event=ok, secret=b"not-the-secret"), 401,
             "unauthorised"),
            ("replayed", dict(event=ok, t=int(time.time()) - 301), 401,
             "unauthorised"),
            ("from the future", dict(event=ok, t=int(time.time()) + 301),
             401, "unauthorised"),
            ("body changed after signing",
             dict(body=raw.replace(b"received", b"closed!!"),
                  signature=self.office.sign(raw)), 401, "unauthorised"),
            ("unknown status", dict(event=dict(ok, status="lost")), 422,
             "unknown_status"),
            ("unknown field", dict(event=dict(ok, colour="red")), 400,
             "invalid_field"),
            ("no id", dict(event={"status": "received"}), 400,
             "invalid_field"),
            ("public without message",
             dict(event=dict(ok, public=True)), 400, "invalid_field"),
            ("not JSON", dict(body=b"id=e1&status=received"), 400,
             "invalid_json"),
            ("invalid UTF-8",
             dict(body=b'{"id":"e1","status":"received","message":"\xff"}'),
             400, "invalid_utf8"),
            ("too large",
             dict(event=dict(ok, message="x" * 17000)), 413,
             "body_too_large"),
            ("over the server's body limit",
             dict(event=dict(ok, message="x" * 70000)), 413,
             "body_too_large"),
            ("unknown reference", dict(reference="SL-ZZZZZZZZ", event=ok),
             404, "unknown_reference"),
            ("GET", dict(event=ok, method="PUT"), 405, "method_not_allowed"),
        ]
        for name, kw, status, code in cases:
            with self.subTest(name):
                reference = kw.pop("reference", ref)
                st, body = self.office.post(reference, **kw)
                self.assertEqual(st, status, (name, body))
                self.assertEqual(body["error"], code, name)
                self.assertTrue(body["message"])
        self.assertEqual(self.stored(ref), [])
        # Another form's back office cannot post about this submission,
        # nor is a reference of its own prefix known to it.
        drains = BackOffice(self.server, "DRAINS_EVENTS_SECRET")
        st, _ = drains.post(ref, ok)
        self.assertEqual(st, 401)
        st, body = drains.post("DR-ZZZZZZZZ", ok)
        self.assertEqual((st, body["error"]), (404, "unknown_reference"))

    def test_unknown_and_known_references_take_the_same_time(self):
        """A refusal says the same, in the same time, whether or not the
        reference exists: the median of many requests is compared, for a
        bad signature (401) and for a bad body (422)."""
        ref = td.Resident(self.server).submit(STREETLIGHT)
        ok = {"id": "t1", "status": "received"}
        for event, kw in ((ok, {"signature": "t=1,v1=" + "0" * 64}),
                          (dict(ok, status="lost"), {})):
            codes, samples = set(), {ref: [], "SL-ZZZZZZZZ": []}
            # Interleaved, so whatever else the machine does falls on both.
            for _ in range(40):
                for reference in samples:
                    start = time.perf_counter()
                    st, body = self.office.post(reference, event, **kw)
                    samples[reference].append(time.perf_counter() - start)
                    codes.add((st, body["error"]))
            medians = [sorted(v)[len(v) // 2] for v in samples.values()]
            self.assertEqual(len(codes), 1, codes)
            self.assertLess(abs(medians[0] - medians[1]),
                            max(0.005, 0.5 * min(medians)), medians)

    # ---- the resident's track page ----

    def email_of(self, slug):
        j = td.journeys[slug]
        return [v for p in j["pages"] for k, v in p["fields"]
                if k == "email"][0]

    def track(self, resident, reference, contact, lang=None, headers=None):
        path = f"/{STREETLIGHT}/track" + (f"?lang={lang}" if lang else "")
        data = urllib.parse.urlencode({"reference": reference,
                                       "contact": contact}).encode()
        req = urllib.request.Request(resident.base + path, data,
                                     headers=headers or {})
        try:
            with urllib.request.urlopen(req) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def test_track_page_shows_public_events_in_english_and_welsh(self):
        resident = td.Resident(self.server)
        ref = resident.submit(STREETLIGHT)
        email = self.email_of(STREETLIGHT)
        now = int(time.time())
        self.office.post(ref, {"id": "a", "status": "received",
                               "public": True,
                               "message": "We have your report."}, t=now - 9)
        self.office.post(ref, {"id": "b", "status": "awaiting_parts",
                               "public": True,
                               "message": "A new lantern is on order."},
                         t=now - 5)
        self.office.post(ref, {"id": "c", "status": "in_progress",
                               "public": False,
                               "message": "Crew 7 assigned, van 12"},
                         t=now - 1)
        # The confirmation page links to the track page, reference filled
        # in, and the form there says so.
        link = re.search(r'<a class="govuk-link" href="([^"]*track[^"]*)">'
                         r'Track the progress of your request</a>',
                         resident.confirmation)
        self.assertIsNotNone(link, resident.confirmation[-3000:])
        self.assertEqual(link.group(1), f"/{STREETLIGHT}/track?reference={ref}")
        status, html = resident.request(link.group(1))
        self.assertEqual(status, 200)
        self.assertIn(f'value="{ref}"', html)
        self.assertIn('name="reference"', html)
        self.assertIn('name="contact"', html)
        # The email address as given, in another case and with spaces.
        status, html = self.track(resident, ref.lower(),
                                  f"  {email.upper()} ")
        self.assertEqual(status, 200, html[:3000])
        self.assertIn(f"Progress of request {ref}", html)
        self.assertIn("Waiting for parts", html)
        self.assertIn("A new lantern is on order.", html)
        self.assertIn("Received", html)
        self.assertIn("You sent your request", html)
        self.assertLess(html.index("Waiting for parts"),
                        html.index("We have your report."))
        # Staff events and the answers never show.
        self.assertNotIn("Crew 7", html)
        self.assertNotIn(email, html)
        for _, fields in ((p["id"], p["fields"])
                          for p in td.journeys[STREETLIGHT]["pages"]):
            for k, v in fields:
                if k not in ("email",) and len(v) > 6:
                    self.assertNotIn(v, html, k)
        status, html = self.track(resident, ref, email, lang="cy")
        self.assertEqual(status, 200)
        self.assertIn(f"Hynt cais {ref}", html)
        self.assertIn("Yn aros am rannau", html)
        self.assertIn("Wedi dod i law", html)
        self.assertIn('lang="cy"', html)
        status, html = self.track(resident, ref, email,
                                  headers={"Accept-Language": "cy-GB"})
        self.assertIn("Gwnaethoch anfon eich cais", html)
        self.assertIn("formbuilder_track_lookups_total{outcome=\"shown\"} 3",
                      self.server.get("/metrics"))

    def test_track_page_says_the_same_for_every_wrong_lookup(self):
        resident = td.Resident(self.server)
        ref = resident.submit(STREETLIGHT)
        email = self.email_of(STREETLIGHT)
        pages = [self.track(resident, ref, "someone@example.com"),
                 self.track(resident, "SL-ZZZZZZZZ", email),
                 self.track(resident, "nonsense", email),
                 self.track(resident, ref, "SK4 1AA")]
        bodies = set()
        for status, html in pages:
            self.assertEqual(status, 200)
            self.assertIn("We could not find a request with that reference",
                          html)
            m = re.search(r'<main.*</main>', html, re.S).group(0)
            bodies.add(re.sub(r'value="[^"]*"', "", m))
        self.assertEqual(len(bodies), 1)
        status, html = self.track(resident, "", "")
        self.assertIn("Enter your reference", html)
        self.assertIn("Enter the email address or postcode you gave us",
                      html)
        self.assertIn('href="#reference"', html)
        self.assertIn('href="#contact"', html)
        # Timing: a wrong email for a real reference and a reference that
        # does not exist take the same time (medians of many).
        # Eight more wrong lookups of the real reference stay within its
        # limit (ten); each unknown one is new.
        samples = {"known": [], "unknown": []}
        for i in range(8):
            for which in samples:
                reference = ref if which == "known" else f"SL-YYYYYY{i}{i}"
                start = time.perf_counter()
                st, _ = self.track(resident, reference, f"x{i}@example.com")
                samples[which].append(time.perf_counter() - start)
                self.assertEqual(st, 200)
        medians = [sorted(v)[len(v) // 2] for v in samples.values()]
        self.assertLess(abs(medians[0] - medians[1]),
                        max(0.005, 0.5 * min(medians)), medians)

    def test_track_lookups_of_one_reference_are_limited(self):
        resident = td.Resident(self.server)
        ref = resident.submit(STREETLIGHT)
        email = self.email_of(STREETLIGHT)
        for i in range(10):
            status, _ = self.track(resident, ref, f"guess{i}@example.com")
            self.assertEqual(status, 200)
        status, html = self.track(resident, ref, email)
        self.assertEqual(status, 429, html[:2000])
        self.assertIn("too many attempts", html)
        # Another reference is not held up by this one.
        status, html = self.track(resident, "SL-QQQQQQQQ", email)
        self.assertEqual(status, 200)


    def test_a_missing_events_secret_stops_the_server_naming_it(self):
        srv = td.Server(self.receiver, self.smtp.port,
                        env={"STREETLIGHT_EVENTS_SECRET": ""})
        self.assertNotEqual(srv.start(expect_ok=False), 0)
        with open(srv.log) as f:
            self.assertIn("STREETLIGHT_EVENTS_SECRET", f.read())
        names = subprocess.run([td.SERVER, "outbox", "env"], check=True,
                               capture_output=True, text=True).stdout.split()
        self.assertIn("STREETLIGHT_EVENTS_SECRET", names)
        self.assertIn("DRAINS_EVENTS_SECRET", names)


    # ---- the emails ----

    def test_the_confirmation_email_links_to_the_track_page(self):
        ref = td.Resident(self.server).submit(DRAIN)
        email = self.email_of(DRAIN)

        def confirmations():
            return [m for m in self.smtp.messages()
                    if m["to"] == [email] and ref in m["data"]]
        mail = td.wait_for(confirmations, what="the confirmation email")
        text = (mail[0]["data"].replace("=\r\n", "").replace("=\n", "")
                .replace("=3D", "="))
        base = f"http://127.0.0.1:{self.server.port}"
        self.assertIn("Track the progress of your request: "
                      f"{base}/{DRAIN}/track?reference={ref}", text)

    def test_public_events_email_the_resident_until_they_stop_them(self):
        resident = td.Resident(self.server)
        ref = resident.submit(STREETLIGHT)
        email = self.email_of(STREETLIGHT)
        self.office.post(ref, {"id": "m1", "status": "in_progress",
                               "public": False, "message": "staff only"})
        self.office.post(ref, {"id": "m2", "status": "scheduled",
                               "public": True,
                               "message": "An engineer will visit on "
                                          "Friday."})

        def updates():
            return [m for m in self.smtp.messages()
                    if f"Update on your request {ref}" in m["data"]]
        mail = td.wait_for(updates, what="the update email")
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail[0]["to"], [email])
        self.assertTrue(mail[0]["tls"])
        text = mail[0]["data"].replace("=\r\n", "").replace("=\n", "")
        self.assertIn("Scheduled", text)
        self.assertIn("An engineer will visit on Friday.", text)
        self.assertNotIn("staff only", text)
        base = f"http://127.0.0.1:{self.server.port}"
        self.assertIn(f"{base}/{STREETLIGHT}/track?reference={ref}", text)
        stop = re.search(r"(http://\S+/track-stop\?reference=\S+&t=[0-9a-f]+)",
                         text.replace("=3D", "="))
        self.assertIsNotNone(stop, text)
        # The stop link asks first; a forged token is not found.
        status, html = resident.request(stop.group(1)[len(base):])
        self.assertEqual(status, 200)
        self.assertIn("Stop update emails", html)
        forged = stop.group(1)[:-4] + "0000"
        status, _ = resident.request(forged[len(base):])
        self.assertEqual(status, 404)
        t = re.search(r'name="t" value="([0-9a-f]+)"', html).group(1)
        status, html = resident.request(f"/{STREETLIGHT}/track-stop",
                                        [("reference", ref), ("t", t)])
        self.assertEqual(status, 200, html[:2000])
        self.assertIn("We will not email you updates", html)
        self.office.post(ref, {"id": "m3", "status": "completed",
                               "public": True, "message": "Fixed."})
        # The event is stored and shown, but no email is queued for it.
        self.assertEqual([r[0] for r in self.stored(ref)],
                         ["m1", "m2", "formbuilder:email-stopped", "m3"])
        rows = [r for r in self.server.deliveries(ref)
                if r[1] == "progress-email"]
        self.assertEqual(len(rows), 1, rows)
        status, html = self.track(resident, ref, email)
        self.assertIn("Fixed.", html)
        self.assertNotIn("emails_stopped", html)
        # A back office cannot post the server's own ids.
        st, body = self.office.post(ref, {
            "id": "formbuilder:email-stopped", "status": "closed"})
        self.assertEqual((st, body["error"]), (400, "invalid_field"))


if __name__ == "__main__":
    unittest.main()
