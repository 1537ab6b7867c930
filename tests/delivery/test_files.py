# SPDX-License-Identifier: MIT
"""Uploaded files leaving the server, through the real components.

The real `formbuilder serve` with its outbox, receiver.py over HTTPS and
smtp_sink.py (aiosmtpd), as test_delivery.py sets them up (its module is
reused: the same CA, forms, journeys and receivers):

- `files: multipart` (report-fly-tipping): the delivery is the signed
  payload, verifiable as docs/delivery.md says, then one part per file
  with the exact bytes kept; a file removed before the delivery fails it
  whole, nothing sent.
- staff emails' signed links (send-evidence-for-a-council-tax-discount):
  the link captured at the SMTP server downloads the exact bytes, private
  and not cached; a tampered signature is 403, an expired link 410, a
  link naming another submission's file 403, a removed file 404; without
  FORMBUILDER_FILE_LINK_KEY emails name files by sha256 and nothing is
  served.

    test_files.py FORMBUILDER FORMC XSD_VALIDATE SRCDIR
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
import test_delivery as td  # noqa: E402  (reads and drops argv[1:5])

setUpModule = td.setUpModule
tearDownModule = td.tearDownModule

FLY = "report-fly-tipping"
EVIDENCE = "send-evidence-for-a-council-tax-discount"
STAFF = "council.tax@example.gov.uk"
KEY_ENV = "FORMBUILDER_FILE_LINK_KEY"
LINK = re.compile(r"http://127\.0\.0\.1:[0-9]+/files/[0-9a-f]{64}\?[^\s)]+")


def link_sig(key, slug, expires, ref, sha):
    """The signature docs/delivery.md gives for a file link."""
    text = (f"formbuilder-link-v1\nfile\n{slug}\n{expires}\nref={ref}\n"
            f"sha256={sha}\n")
    return hmac.new(key.encode(), text.encode(), hashlib.sha256).hexdigest()


def fetch(url):
    """GET @p url: (status, headers, body)."""
    try:
        with urllib.request.urlopen(url) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


class Files(td.Delivery):
    def start(self, base_url=True, **kw):
        """The server, its uploads in a directory of its own and, with
        @p base_url, links under its own address."""
        self.server = td.Server(self.receiver, self.smtp.port, **kw)
        self.files_dir = os.path.join(self.server.dir, "files")
        with open(self.server.config, "a") as f:
            f.write(f"files_dir = {self.files_dir}\n")
            if base_url:
                f.write(f"base_url = http://127.0.0.1:{self.server.port}\n")
        self.server.start()
        return self.server

    def file_get(self, sha):
        return subprocess.run([td.SERVER, "file", "get", sha, "--config",
                               self.server.config], env=self.server.env,
                              capture_output=True, check=True).stdout

    def staff_mail(self, ref):
        """The staff email about @p ref, once it has arrived."""
        def find():
            for m in self.smtp.messages():
                if STAFF in m["to"] and ref in m["data"]:
                    return m["data"]
            return None
        return td.wait_for(find, what=f"the staff email about {ref}")

    def test_multipart_carries_the_signed_payload_and_each_file(self):
        srv = self.start()
        url = [u for u, t in td.targets.items() if t["form"] == FLY][0]
        self.assertTrue(td.targets[url]["multipart"])
        photos = [("lane.png", td.sample_png(1)), ("bins.png",
                                                    td.sample_png(2))]
        res = td.Resident(srv)
        ref = res.submit(FLY, uploads=photos)
        td.wait_for(lambda: self.delivered(ref, url), what="delivered")
        # One delivery (a slow machine may time an attempt out and send
        # it again, with the same key: a back office deduplicates it).
        got = td.by_reference(self.receiver.log(), ref)
        self.assertEqual(len({r["headers"]["Idempotency-Key"]
                              for r in got}), 1)
        rec = got[-1]
        self.assertNotIn("multipart_problem", rec)
        # The payload part is signed as a plain delivery's body is.
        self.assertIs(rec["signature_ok"], True)
        self.assertEqual(rec["payload_type"], "application/json")
        headers = {k.lower(): v for k, v in rec["headers"].items()}
        self.assertTrue(headers["content-type"].startswith(
            "multipart/form-data; boundary="))
        self.assertTrue(headers["idempotency-key"].startswith(
            ref + ".submitted."))
        payload = json.loads(rec["body"])
        named = payload["answers"]["photos"]
        self.assertEqual([f["name"] for f in named], ["lane.png",
                                                       "bins.png"])
        # One part per file, in the answer's order, named for it, with
        # the bytes the resident sent (a PNG without metadata is kept
        # as it came) and that the server keeps.
        self.assertEqual([(p["part"], p["filename"], p["type"])
                          for p in rec["files"]],
                         [("photos.0", "lane.png", "image/png"),
                          ("photos.1", "bins.png", "image/png")])
        for part, obj, (_, data) in zip(rec["files"], named, photos):
            self.assertEqual(part["sha256"], obj["sha256"])
            self.assertEqual(part["size"], obj["size"])
            self.assertEqual(part["sha256"],
                             hashlib.sha256(data).hexdigest())
            self.assertEqual(self.receiver._call(
                f"/_file?sha256={part['sha256']}"), data)
            self.assertEqual(self.file_get(obj["sha256"]), data)

    def test_a_file_removed_before_delivery_fails_it_whole(self):
        self.receiver.stop()
        srv = self.start()
        res = td.Resident(srv)
        ref = res.submit(FLY, uploads=[("gone.png", td.sample_png(3))])
        url = [u for u, t in td.targets.items() if t["form"] == FLY][0]
        row = lambda: [r for r in srv.deliveries(ref) if r[1] == url][0]  # noqa: E731,E501
        td.wait_for(lambda: row()[3] >= 1, what="a first attempt")
        sha = hashlib.sha256(res.uploaded[0][1]).hexdigest()
        os.remove(os.path.join(self.files_dir, sha))
        self.receiver.start()
        td.wait_for(lambda: row()[2] == "failed", what="the delivery failed")
        error = row()[5]
        self.assertIn(sha, error)
        self.assertIn("no longer stored", error)
        self.assertIn("nothing was sent", error)
        self.assertEqual(td.by_reference(self.receiver.log(), ref), [])

    def test_a_staff_email_links_each_file_for_a_while(self):
        srv = self.start()
        key = td.env_values[KEY_ENV]
        first = td.Resident(srv)
        ref = first.submit(EVIDENCE, uploads=[("letter.png",
                                              td.sample_png(4))])
        data = first.uploaded[0][1]
        sha = hashlib.sha256(data).hexdigest()
        mail = self.staff_mail(ref)
        links = LINK.findall(mail.split("Content-Type: text/html")[0])
        self.assertEqual(len(links), 1, mail)
        link = links[0]
        self.assertIn(f"letter.png ({link})", mail)
        parts = urllib.parse.urlsplit(link)
        self.assertEqual(parts.path, f"/files/{sha}")
        q = dict(urllib.parse.parse_qsl(parts.query))
        self.assertEqual((q["form"], q["ref"]), (EVIDENCE, ref))
        # Valid for file_link_valid (7 days by default).
        self.assertAlmostEqual(int(q["expires"]), time.time() + 7 * 86400,
                               delta=120)
        status, headers, body = fetch(link)
        self.assertEqual(status, 200)
        self.assertEqual(body, data)
        self.assertEqual(headers["Content-Type"], "image/png")
        self.assertEqual(headers["Cache-Control"], "private, no-store")
        self.assertEqual(headers["X-Content-Type-Options"], "nosniff")
        self.assertTrue(headers["Content-Disposition"].startswith(
            'attachment; filename="letter.png"'), headers)

        # A changed signature, or anything else changed, is refused.
        flipped = link[:-1] + ("0" if link[-1] != "0" else "1")
        self.assertEqual(fetch(flipped)[0], 403)
        self.assertEqual(fetch(link.replace(f"ref={ref}",
                                            "ref=EV-22222222"))[0], 403)
        self.assertEqual(fetch(link + "&more=1")[0], 403)
        self.assertEqual(fetch(link.split("&sig=")[0])[0], 403)
        # Expired: signed right, its time over.
        base = f"http://127.0.0.1:{srv.port}/files/{sha}"
        past = int(time.time()) - 60
        expired = (f"{base}?form={EVIDENCE}&ref={ref}&expires={past}&sig="
                   f"{link_sig(key, EVIDENCE, past, ref, sha)}")
        status, _, page = fetch(expired)
        self.assertEqual(status, 410)
        self.assertIn(b"This link has expired", page)
        # The recipe signs what the server does.
        until = int(q["expires"])
        self.assertEqual(q["sig"], link_sig(key, EVIDENCE, until, ref, sha))

        # Another submission's file, by this submission's link: refused,
        # even signed right (the file is not this submission's).
        second = td.Resident(srv)
        other_ref = second.submit(EVIDENCE, uploads=[("other.png",
                                                      td.sample_png(5))])
        other = hashlib.sha256(second.uploaded[0][1]).hexdigest()
        self.staff_mail(other_ref)
        self.assertEqual(fetch(link.replace(sha, other))[0], 403)
        crossed = (f"http://127.0.0.1:{srv.port}/files/{other}?form="
                   f"{EVIDENCE}&ref={ref}&expires={until}&sig="
                   f"{link_sig(key, EVIDENCE, until, ref, other)}")
        self.assertEqual(fetch(crossed)[0], 403)
        # Nothing but a GET (or HEAD) is answered.
        req = urllib.request.Request(link, b"x=1")
        try:
            urllib.request.urlopen(req)
            self.fail("a POST was answered")
        except urllib.error.HTTPError as e:
            self.assertEqual(e.code, 405)
        # The file gone (the retention purge): 404.
        os.remove(os.path.join(self.files_dir, sha))
        status, _, page = fetch(link)
        self.assertEqual(status, 404)
        self.assertIn(b"This file has been deleted", page)
        # Counted apart from the forms' pages.
        metrics = srv.get("/metrics")
        self.assertIn('formbuilder_requests_total{route="files",'
                      'status="2xx"} 1\n', metrics)
        self.assertRegex(metrics, r'formbuilder_requests_total\{route='
                                  r'"files",status="4xx"\} [1-9]')

    def test_without_the_key_files_are_named_by_sha256_and_never_served(
            self):
        srv = self.start(env={KEY_ENV: ""})
        res = td.Resident(srv)
        ref = res.submit(EVIDENCE, uploads=[("letter.png",
                                            td.sample_png(6))])
        sha = hashlib.sha256(res.uploaded[0][1]).hexdigest()
        mail = self.staff_mail(ref)
        self.assertIn(f"letter.png (sha256 {sha})", mail)
        self.assertNotIn("/files/", mail)
        with open(srv.log) as f:
            log = f.read()
        self.assertIn(f"not by link: {KEY_ENV} is not set", log)
        # A link signed with the key the server does not have: nothing.
        key = td.env_values[KEY_ENV]
        until = int(time.time()) + 600
        made = (f"http://127.0.0.1:{srv.port}/files/{sha}?form={EVIDENCE}"
                f"&ref={ref}&expires={until}&sig="
                f"{link_sig(key, EVIDENCE, until, ref, sha)}")
        self.assertEqual(fetch(made)[0], 404)


# The tests of test_delivery.Delivery are run by test_delivery.py.
for name in [n for n in dir(td.Delivery) if n.startswith("test_")]:
    setattr(Files, name, None)

if __name__ == "__main__":
    unittest.main(verbosity=2)
