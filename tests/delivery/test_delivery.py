# SPDX-License-Identifier: MIT
"""Delivery through the outbox, against real components on loopback.

The real `formbuilder serve` (SQLite file, the outbox's worker) delivers
to receiver.py over HTTPS with a test CA (the forms' https://
backoffice.example URLs are connected to loopback with outbox_connect_to,
the name kept for TLS verification), to smtp_sink.py (aiosmtpd) and to
receiver.py playing GOV.UK Notify. Residents are walked through the forms
with the sample answers formc's static pages use (journey.json).

    test_delivery.py FORMBUILDER FORMC XSD_VALIDATE SRCDIR
"""

import datetime
import glob
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

SERVER, FORMC, XSD_VALIDATE, ROOT = (os.path.abspath(p) for p in sys.argv[1:5])
del sys.argv[1:5]
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "pay"))
import pay_harness  # noqa: E402  (the GOV.UK Pay stand-in)
import databases  # noqa: E402  (SQLite or PostgreSQL, FBT_BACKEND)
NOTIFY_SERVICE = "26785a09-ab16-4eb0-8407-a37497a57506"
NOTIFY_SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
NOTIFY_HOST = "api.notifications.service.gov.uk"
SMTP_HOST = "mail.council.example"

# Answers formc's samples cannot give (a pattern), by form and field.
SAMPLE_OVERRIDES = {
    "claim-a-council-tax-refund": {"account_number": "50012345"},
    "send-evidence-for-a-council-tax-discount": {
        "account_number": "50012345"},
}

tmp = None          # the module's temporary directory
targets = {}        # url -> {"form", "format", "secret_env"}
journeys = {}       # slug -> journey.json
env_values = {}     # variable -> its test value (the secrets)
payments = None     # the GOV.UK Pay stand-in (pay_harness.PayStandin)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# A file answer in journey.json's samples: "HASH:SIZE:KIND:NAME".
FILE_SAMPLE = re.compile(r"^[0-9a-f]{64}:[0-9]+:[a-z]+:")


def sample_png(seed):
    """A small PNG (no metadata to strip), different for each seed."""
    import struct
    import zlib

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))
    w = h = 4
    rows = b"".join(b"\0" + bytes([(seed * 37 + x * 11 + y * 5) % 256
                                    for x in range(w) for _ in range(3)])
                    for y in range(h))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def multipart_body(fields, files):
    """@returns (content type, body) of a multipart/form-data POST of
    @p fields (name, value) and @p files (name, filename, type, bytes)."""
    boundary = "fb-test-" + secrets.token_hex(8)
    out = []
    for k, v in fields:
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; '
                   f'name="{k}"\r\n\r\n{v}\r\n'.encode())
    for k, name, ctype, data in files:
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; '
                   f'name="{k}"; filename="{name}"\r\nContent-Type: '
                   f'{ctype}\r\n\r\n'.encode() + data + b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", b"".join(out)


def wait_for(check, timeout=20.0, what="condition"):
    end = time.time() + timeout
    while time.time() < end:
        v = check()
        if v:
            return v
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def make_ca(d):
    """A CA and a certificate for the back office's and Notify's names."""
    def run(*a):
        subprocess.run(a, check=True, capture_output=True, cwd=d)
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
        "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
        "-subj", "/CN=Formbuilder test CA")
    run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout",
        "server.key", "-out", "server.csr", "-subj", "/CN=backoffice.example")
    with open(os.path.join(d, "san.cnf"), "w") as f:
        f.write(f"subjectAltName=DNS:backoffice.example,DNS:{NOTIFY_HOST},"
                f"DNS:{SMTP_HOST}\n")
    run("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem",
        "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem",
        "-days", "2", "-extfile", "san.cnf")


def setUpModule():
    global tmp, payments
    tmp = tempfile.mkdtemp(prefix="fb-delivery-")
    make_ca(tmp)
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    forms = sorted(glob.glob(os.path.join(ROOT, "forms", "*.yaml"))
                   + glob.glob(os.path.join(ROOT, "examples", "*.yaml")))
    subprocess.run([FORMC, "build", *forms, "-o", os.path.join(tmp, "out"),
                    "--html", os.path.join(tmp, "html"), "--today", today],
                   check=True, capture_output=True, cwd=ROOT)
    for c in glob.glob(os.path.join(tmp, "out", "*.c")):
        with open(c) as f:
            text = f.read()
        slug = re.search(r'\.slug = "([^"]+)"', text)
        for m in re.finditer(r'\{\.kind = FB_TARGET_HTTP,\s*\.url = "([^"]+)"'
                             r'(?:,\s*\.format = "(\w+)")?'
                             r'(?:,\s*\.secret_env = "(\w+)")?', text):
            rest = text[m.end():text.index("}", m.end())]
            targets[m.group(1)] = {"form": slug.group(1),
                                   "format": m.group(2) or "json",
                                   "secret_env": m.group(3),
                                   "multipart": "FB_FILES_MULTIPART" in rest}
    for j in glob.glob(os.path.join(tmp, "html", "*", "journey.json")):
        with open(j) as f:
            data = json.load(f)
        journeys[data["form"]] = data
    names = subprocess.run([SERVER, "outbox", "env"], check=True,
                           capture_output=True, text=True).stdout.split()
    for n in names:
        env_values[n] = (f"test-{NOTIFY_SERVICE}-{NOTIFY_SECRET}"
                         if n == "NOTIFY_API_KEY"
                         else f"s3cr3t-{n.lower()}-{secrets.token_hex(8)}")
    payments = pay_harness.PayStandin(env_values["FORMBUILDER_PAY_KEY"])
    env_values["FORMBUILDER_PAY_URL"] = payments.url


def tearDownModule():
    if payments:
        payments.stop()
    shutil.rmtree(tmp, ignore_errors=True)


class Receiver:
    """receiver.py over HTTPS on a free port."""

    def __init__(self):
        self.port = free_port()
        self.proc = None
        self.ctx = ssl.create_default_context(cafile=os.path.join(tmp,
                                                                  "ca.pem"))
        self.ctx.check_hostname = False
        keys = {urllib.parse.urlsplit(u).path: env_values[t["secret_env"]]
                for u, t in targets.items() if t["secret_env"]}
        self.secrets = os.path.join(tmp, f"secrets-{self.port}.json")
        with open(self.secrets, "w") as f:
            json.dump(keys, f)

    def start(self):
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "receiver.py"), "--port",
             str(self.port), "--cert", os.path.join(tmp, "server.pem"),
             "--key", os.path.join(tmp, "server.key"), "--secrets",
             self.secrets, "--notify-service", NOTIFY_SERVICE,
             "--notify-secret", NOTIFY_SECRET], stdout=subprocess.PIPE)
        self.proc.stdout.readline()

    def stop(self):
        if self.proc:
            self.proc.kill()
            self.proc.wait()
            self.proc.stdout.close()
            self.proc = None

    def _call(self, path, body=None):
        req = urllib.request.Request(f"https://127.0.0.1:{self.port}{path}",
                                     data=body, method="POST" if body
                                     else "GET")
        with urllib.request.urlopen(req, context=self.ctx) as r:
            return r.read()

    def control(self, mode, times=-1, retry_after=0, seconds=0, path=None):
        c = {"mode": mode, "times": times, "retry_after": retry_after,
             "seconds": seconds}
        if path:
            c["path"] = path
        self._call("/_control", json.dumps(c).encode())

    def log(self):
        return json.loads(self._call("/_log"))


class Server:
    """formbuilder serve with the outbox pointed at the receivers."""

    def __init__(self, receiver, smtp_port, extra=None, env=None):
        self.dir = tempfile.mkdtemp(dir=tmp)
        self.db = databases.fresh(self.dir)
        self.log = os.path.join(self.dir, "server.log")
        self.port = free_port()
        self.config = os.path.join(self.dir, "fb.conf")
        conf = {
            "outbox_connect_to": f"backoffice.example:443:127.0.0.1:"
                                 f"{receiver.port},{NOTIFY_HOST}:443:"
                                 f"127.0.0.1:{receiver.port},{SMTP_HOST}:"
                                 f"{smtp_port}:127.0.0.1:{smtp_port}",
            "outbox_ca_file": os.path.join(tmp, "ca.pem"),
            "outbox_retry_base": "1s", "outbox_retry_max": "2s",
            "outbox_poll_ms": "100", "outbox_timeout": "3s",
            "outbox_connect_timeout": "2s",
            # STARTTLS on (the default), verified against the test CA.
            "smtp_url": f"smtp://{SMTP_HOST}:{smtp_port}",
            "smtp_from": "forms@council.example",
        }
        conf.update(extra or {})
        with open(self.config, "w") as f:
            for k, v in conf.items():
                f.write(f"{k} = {v}\n")
        self.env = dict(os.environ, FORMBUILDER_DB=self.db,
                        FORMBUILDER_PORT=str(self.port),
                        FORMBUILDER_LISTEN="127.0.0.1",
                        FORMBUILDER_LOG_LEVEL="info", **env_values)
        if databases.is_pg(self.db):
            # A shared store signs sessions with a key of its own.
            self.env["FORMBUILDER_SESSION_KEY"] = "delivery-" + "0" * 32
        self.env.update(env or {})
        self.proc = None

    def start(self, expect_ok=True):
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [SERVER, "serve", "--config", self.config], env=self.env,
                stdout=log, stderr=log)
        if not expect_ok:
            return self.proc.wait(timeout=20)
        wait_for(self.healthy, what="the server to start")
        return None

    def healthy(self):
        try:
            with urllib.request.urlopen(
                    f"http://127.0.0.1:{self.port}/healthz") as r:
                return r.status == 200
        except (urllib.error.URLError, ConnectionError):
            if self.proc.poll() is not None:
                with open(self.log) as f:
                    raise AssertionError("the server exited:\n" + f.read())
            return False

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=30)
        self.proc = None

    def outbox(self, *args):
        return subprocess.run([SERVER, "outbox", *args, "--config",
                               self.config], env=self.env,
                              capture_output=True, text=True)

    def export(self, form):
        """formbuilder export --format json of @p form, by reference."""
        r = subprocess.run([SERVER, "export", "--form", form, "--format",
                            "json", "--config", self.config], env=self.env,
                           capture_output=True, text=True, check=True)
        return {row["reference"]: row for row in json.loads(r.stdout)}

    def rows(self, sql, *params):
        return databases.rows(self.db, sql, *params)

    def database_bytes(self):
        return databases.everything(self.db)

    def deliveries(self, reference):
        return self.rows("SELECT id, target_name, state, attempts, "
                         "last_status, last_error, next_at, last_at FROM "
                         "deliveries WHERE reference = ? ORDER BY id",
                         reference)

    def get(self, path):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}") \
                as r:
            return r.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None


class Resident:
    def __init__(self, server):
        self.base = f"http://127.0.0.1:{server.port}"
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            NoRedirect)

    def request(self, path, fields=None):
        data = urllib.parse.urlencode(fields).encode() if fields is not None \
            else None
        try:
            with self.opener.open(self.base + path, data) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def request_location(self, path, fields=None):
        """Like request, and @returns the status and the Location."""
        data = urllib.parse.urlencode(fields).encode() if fields is not None \
            else None
        try:
            with self.opener.open(self.base + path, data) as r:
                return r.status, r.headers.get("Location")
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Location")

    def answer(self, page, fields, action=None):
        """GETs @p page, POSTs @p fields with its CSRF token to @p action
        (by default its form's); returns the status and the Location."""
        status, html = self.request(page)
        assert status == 200, (page, status)
        csrf = re.search(r'name="csrf_token" value="([^"]*)"', html)
        if action is None:
            action = re.search(r'<form method="post"[^>]*action="([^"]*)"',
                               html).group(1).replace("&amp;", "&")
        data = urllib.parse.urlencode([("csrf_token", csrf.group(1)),
                                       ("website", ""), *fields]).encode()
        req = urllib.request.Request(self.base + action, data)
        try:
            with self.opener.open(req) as r:
                return r.status, r.headers.get("Location")
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Location")

    def post_page(self, slug, pid, answers):
        """GETs /SLUG/PID and posts @p answers to it with its token: the
        answer must be a redirect onwards; @returns where to."""
        status, html = self.request(f"/{slug}/{pid}")
        assert status == 200, (slug, pid, status)
        csrf = re.search(r'name="csrf_token" value="([^"]*)"', html)
        fields = [("csrf_token", csrf.group(1)), ("website", "")] + answers
        status, where = self.request_location(f"/{slug}/{pid}", fields)
        assert status == 303, (slug, pid, status)
        return where

    def post_files(self, slug, pid, fields, files):
        """GETs /SLUG/PID and posts @p fields and @p files (name,
        filename, type, bytes) to it as multipart/form-data with its
        token: the answer must be a redirect; @returns where to."""
        status, html = self.request(f"/{slug}/{pid}")
        assert status == 200, (slug, pid, status)
        csrf = re.search(r'name="csrf_token" value="([^"]*)"', html)
        ctype, body = multipart_body(
            [("csrf_token", csrf.group(1)), ("website", ""), *fields], files)
        req = urllib.request.Request(f"{self.base}/{slug}/{pid}", body,
                                     {"Content-Type": ctype})
        try:
            with self.opener.open(req) as r:
                status, where = r.status, r.headers.get("Location")
        except urllib.error.HTTPError as e:
            status, where = e.code, e.headers.get("Location")
        assert status == 303, (slug, pid, status)
        return where

    def submit(self, slug, uploads=None):
        """Walks @p slug's sample journey and sends it; returns the
        reference (the confirmation page is kept in self.confirmation).
        A file question's sample is a PNG uploaded (@p uploads, a list
        of (filename, bytes), else one made up), the bytes kept in
        self.uploaded."""
        j = journeys[slug]
        pages = {p["id"]: p for p in j["pages"]}
        override = SAMPLE_OVERRIDES.get(slug, {})
        self.uploaded = []
        for pid in j["journey"]:
            answers = [(k, override.get(k, v))
                       for k, v in pages[pid]["fields"]]
            repeat = pages[pid].get("repeat")
            files = [k for k, v in answers if FILE_SAMPLE.match(v)]
            if files and repeat is None:
                chosen = uploads or [(f"{pid}.png",
                                      sample_png(secrets.randbelow(1000)))]
                self.uploaded += chosen
                self.post_files(slug, pid, [a for a in answers
                                            if a[0] not in files],
                                [(files[0], n, "image/png", b)
                                 for n, b in chosen])
                continue
            if repeat is None:
                self.post_page(slug, pid, answers)
                continue
            # A repeating page: one item (its page where "add another"
            # leads, the first at PAGE/0), then no more.
            item = f"{pid}/0"
            if repeat["min"] == 0:
                where = self.post_page(slug, pid, [("add-another", "yes")])
                item = where.rsplit(f"/{slug}/", 1)[1]
            self.post_page(slug, item, answers)
            self.post_page(slug, pid, [("add-another", "no")])
        status, html = self.request(f"/{slug}/check-answers")
        assert status == 200, (slug, status)
        csrf = re.search(r'name="csrf_token" value="([^"]*)"', html).group(1)
        action = re.search(r'<form method="post" novalidate action="([^"]*)"',
                           html).group(1).replace("&amp;", "&")
        status, where = self.request_location(action,
                                              [("csrf_token", csrf),
                                               ("website", "")])
        assert status == 303, (slug, "submit", status)
        if where == f"/{slug}/payment":   # a fee first (tests/pay)
            status, where = pay_harness.pay(self, payments, slug)
            assert (status, where) == (303, f"/{slug}/confirmation"), \
                (slug, "payment", status, where)
        status, html = self.request(f"/{slug}/confirmation")
        self.confirmation = html
        m = re.search(r'govuk-panel__body[^>]*>.*?<strong>([^<]+)</strong>',
                      html, re.S)
        assert m, html[:2000]
        return m.group(1).strip()


class Smtp:
    def __init__(self):
        self.port = free_port()
        self.out = os.path.join(tmp, f"mail-{self.port}.jsonl")
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "smtp_sink.py"), "--port",
             str(self.port), "--out", self.out, "--cert",
             os.path.join(tmp, "server.pem"), "--key",
             os.path.join(tmp, "server.key")], stdout=subprocess.PIPE)
        self.proc.stdout.readline()

    def messages(self):
        if not os.path.exists(self.out):
            return []
        with open(self.out) as f:
            return [json.loads(line) for line in f]

    def stop(self):
        self.proc.kill()
        self.proc.wait()
        self.proc.stdout.close()


def kind_of(prop, value):
    """The JSON kind of an answer, checked against its schema property:
    money (whole pence), integer, number, boolean, array, object or
    string."""
    want = "boolean" if prop.get("const") is True else prop["type"]
    python = {"boolean": bool, "integer": int, "number": (int, float),
              "array": list, "object": dict, "string": str}[want]
    assert isinstance(value, python) and not (
        want in ("integer", "number") and isinstance(value, bool)), \
        (prop, value)
    if "whole pence" in prop.get("$comment", ""):
        return "money"
    return want


def by_reference(log, reference):
    return [r for r in log if reference in r["body"]]


class Delivery(unittest.TestCase):
    def setUp(self):
        self.receiver = Receiver()
        self.receiver.start()
        self.smtp = Smtp()
        self.server = None

    def tearDown(self):
        if self.server:
            self.server.stop()
        self.receiver.stop()
        self.smtp.stop()

    def start(self, **kw):
        self.server = Server(self.receiver, self.smtp.port, **kw)
        self.server.start()
        return self.server

    def delivered(self, reference, target=None):
        """The deliveries of @p reference (to @p target only, if given)
        once all are delivered, else None."""
        rows = [r for r in self.server.deliveries(reference)
                if target is None or r[1] == target]
        return rows if rows and all(r[2] == "delivered" for r in rows) \
            else None

    def test_every_form_with_a_target_delivers(self):
        """Each form in forms/ and examples/ with a url target delivers
        to the receiver: signed, JSON valid against its JSON Schema, XML
        against its XSD."""
        srv = self.start()
        sent = {}
        for url, t in sorted(targets.items()):
            sent[url] = Resident(srv).submit(t["form"])
        forms_dir = {os.path.basename(p)[:-5] for p in
                     glob.glob(os.path.join(ROOT, "forms", "*.yaml"))}
        self.assertTrue(forms_dir & {t["form"] for t in targets.values()},
                        "no form in forms/ has a url target")
        for url, ref in sent.items():
            wait_for(lambda: self.delivered(ref, url),
                     what=f"{ref} delivered to {url}")
        log = self.receiver.log()
        seen = {}      # JSON kind -> answers that had it
        for url, ref in sent.items():
            t = targets[url]
            got = [r for r in by_reference(log, ref)
                   if r["path"] == urllib.parse.urlsplit(url).path]
            self.assertEqual(len(got), 1, (url, ref))
            rec = got[0]
            h = {k.lower(): v for k, v in rec["headers"].items()}
            self.assertTrue(h["idempotency-key"].startswith(ref + ".submitted."))
            if t["secret_env"]:
                self.assertIs(rec["signature_ok"], True, (url, h))
            payload = os.path.join(tmp, f"{ref}.{t['format']}")
            with open(payload, "w") as f:
                f.write(rec["body"])
            # files: multipart: the payload part, then a part per file,
            # each the bytes the resident uploaded.
            self.assertEqual("files" in rec, t["multipart"], (url, h))
            if t["multipart"]:
                self.assertNotIn("multipart_problem", rec)
                self.assertTrue(h["content-type"].startswith(
                    "multipart/form-data; boundary="), h)
                self.assertTrue(rec["files"], (url, "no file parts"))
                h["content-type"] = rec["payload_type"]
            if t["format"] == "xml":
                self.assertEqual(h["content-type"], "application/xml")
                schema = os.path.join(tmp, "out", f"{t['form']}.xsd")
                r = subprocess.run([XSD_VALIDATE, schema, payload],
                                   capture_output=True, text=True)
            else:
                self.assertEqual(h["content-type"], "application/json")
                body = json.loads(rec["body"])
                self.assertEqual(body["reference"], ref)
                self.assertEqual(body["event"], "submitted")
                schema = os.path.join(tmp, "out",
                                      f"{t['form']}.schema.json")
                r = subprocess.run(["node", os.path.join(HERE,
                                    "validate-json.mjs"), schema, payload],
                                   capture_output=True, text=True, cwd=ROOT)
                with open(schema) as f:
                    props = json.load(f)["properties"]["answers"][
                        "properties"]
                for k, v in body["answers"].items():
                    seen.setdefault(kind_of(props[k], v), []).append(
                        f"{t['form']}.{k}")
                # Export writes the answers as the payload does.
                self.assertEqual(srv.export(t["form"])[ref]["answers"],
                                 body["answers"])
            self.assertEqual(r.returncode, 0, r.stderr)
        # The samples exercise every typed shape a payload has.
        self.assertLessEqual({"number", "integer", "money", "boolean",
                              "array", "object", "string"}, set(seen), seen)

    def test_receiver_down_then_up_delivers_each_once_after_dedup(self):
        self.receiver.stop()
        srv = self.start()
        refs = [Resident(srv).submit("report-streetlight") for _ in range(3)]
        wait_for(lambda: all(r[0][3] >= 2 for r in
                             (srv.deliveries(x) for x in refs)),
                 what="two failed attempts each")
        for ref in refs:
            rows = srv.deliveries(ref)
            self.assertEqual(rows[0][2], "pending")
            self.assertIn("onnect", rows[0][5])   # libcurl: Couldn't connect
        health = srv.get("/healthz")
        self.assertTrue(health.startswith("ok\noutbox: 3 pending"), health)
        self.receiver.start()
        for ref in refs:
            wait_for(lambda: self.delivered(ref), what=f"{ref} delivered")
        keys = {}
        for rec in self.receiver.log():
            k = rec["headers"].get("Idempotency-Key")
            keys.setdefault(k, []).append(json.loads(rec["body"])["reference"])
        self.assertEqual(sorted(v[0] for v in keys.values()), sorted(refs))

    def test_refused_is_failed_and_outbox_retry_resends(self):
        srv = self.start()
        self.receiver.control("422", times=1)
        ref = Resident(srv).submit("report-streetlight")
        wait_for(lambda: srv.deliveries(ref)[0][2] == "failed",
                 what="the delivery failed")
        did, _, state, attempts, status, error, _, _ = srv.deliveries(ref)[0]
        self.assertEqual((attempts, status), (1, 422))
        self.assertIn("refused by the test receiver", error)
        listed = srv.outbox("list", "--state", "failed").stdout
        self.assertIn(ref, listed)
        shown = srv.outbox("show", str(did)).stdout
        self.assertIn("last status:  422", shown)
        self.assertEqual(srv.rows("SELECT delivery_state FROM submissions "
                                  "WHERE reference = ?", ref)[0][0], "failed")
        r = srv.outbox("retry", str(did))
        self.assertEqual(r.returncode, 0, r.stderr)
        wait_for(lambda: self.delivered(ref), what="the retry delivered")
        self.assertEqual(srv.rows("SELECT delivery_state FROM submissions "
                                  "WHERE reference = ?", ref)[0][0],
                         "delivered")
        self.assertEqual(srv.outbox("retry", str(did)).returncode, 2)

    def test_429_waits_for_retry_after_and_5xx_and_drops_are_retried(self):
        srv = self.start()
        # Retry-After 3 s against a back-off of at most 1 s (retry_base);
        # the outbox counts whole seconds, hence 2 s at least.
        self.receiver.control("429", times=1, retry_after=3)
        ref = Resident(srv).submit("report-streetlight")
        wait_for(lambda: self.delivered(ref), what="delivered after 429")
        times = [r["at"] for r in by_reference(self.receiver.log(), ref)]
        self.assertEqual(len(times), 2)
        self.assertGreaterEqual(times[1] - times[0], 2.0)
        for mode in ("500", "drop"):
            self.receiver.control(mode, times=2)
            ref = Resident(srv).submit("report-streetlight")
            wait_for(lambda: self.delivered(ref), what=f"delivered after "
                     f"{mode}")
            # Two answers refused, then one delivered. (libcurl itself
            # tries again once when a kept-alive connection is dropped,
            # so the outbox may count two attempts for a drop.)
            self.assertEqual(len(by_reference(self.receiver.log(), ref)), 3)
            self.assertIn(srv.deliveries(ref)[0][3], (2, 3) if mode ==
                          "drop" else (3,))

    def test_a_hanging_receiver_times_out_and_is_retried(self):
        srv = self.start()
        self.receiver.control("hang", times=1)
        ref = Resident(srv).submit("report-streetlight")
        wait_for(lambda: self.delivered(ref), timeout=30,
                 what="delivered after a timeout")
        rows = srv.deliveries(ref)
        self.assertEqual(rows[0][3], 2)
        self.assertTrue(srv.healthy())

    def test_a_hanging_receiver_holds_up_only_its_own_deliveries(self):
        """Street light reports go to a back office that hangs; fly-tipping
        reports, queued after them, still arrive while the first attempts
        to the hanging one are in flight."""
        # Long timeouts: a loaded machine (sanitizers, valgrind) must not
        # end an attempt to the hanging receiver before the others arrive.
        srv = self.start(extra={"outbox_timeout": "60s",
                                "outbox_connect_timeout": "20s",
                                "outbox_concurrency": "4"})
        hang = "/api/streetlights"
        self.receiver.control("hang", path=hang)
        stuck = [Resident(srv).submit("report-streetlight") for _ in range(4)]
        wait_for(lambda: len([r for r in self.receiver.log()
                              if r["path"] == hang]) >= 2,
                 what="attempts hanging")
        fly = [u for u, t in targets.items()
               if t["form"] == "report-fly-tipping"][0]
        flowing = [Resident(srv).submit("report-fly-tipping")
                   for _ in range(3)]
        for ref in flowing:
            wait_for(lambda: self.delivered(ref, fly), timeout=30,
                     what=f"{ref} delivered past the hanging receiver")
        # Meanwhile none to the hanging receiver is delivered, and only its
        # share of the slots (half of 4) was ever given to it.
        for ref in stuck:
            self.assertEqual(srv.deliveries(ref)[0][2], "pending")
        hanging = [r for r in self.receiver.log() if r["path"] == hang]
        self.assertEqual(len(hanging), 2)
        arrived = [r for r in self.receiver.log()
                   if r["path"] == urllib.parse.urlsplit(fly).path]
        self.assertEqual(sorted(json.loads(r["body"])["reference"]
                                for r in arrived), sorted(flowing))
        self.assertTrue(all(a["at"] > h["at"] for a in arrived
                            for h in hanging))

    def test_booking_cancel_and_change_are_delivered_as_events(self):
        """A recycling centre visit is booked, changed and cancelled
        through the manage pages; the back office gets the submission and
        then each event, signed, with its own Idempotency-Key, the JSON
        valid against the form's schema, its booking as it is when sent."""
        slug = "book-a-recycling-centre-visit"
        url = [u for u, t in targets.items() if t["form"] == slug][0]
        path = urllib.parse.urlsplit(url).path
        srv = self.start()
        res = Resident(srv)
        ref = res.submit(slug)
        manage = re.search(r'href="(/%s/booking/[^".]+)"' % slug,
                           res.confirmation).group(1)
        wait_for(lambda: self.delivered(ref, url), what="the submission")
        # Change: another day and time, through the manage pages.
        status, loc = res.answer(manage, [], action=manage + "/change")
        self.assertEqual((status, loc), (303, manage + "/date"))
        _, html = res.request(manage + "/date")
        booked = journeys[slug]
        first_day = [v for p in booked["pages"] for k, v in p["fields"]
                     if k == "visit_date"][0]
        days = [d for d in re.findall(r'name="visit_date"[^>]*value="'
                                      r'([0-9-]{10})"', html)
                if d != first_day]
        self.assertTrue(days, "no other day offered")
        status, loc = res.answer(manage + "/date", [("visit_date", days[0])])
        self.assertEqual((status, loc), (303, manage + "/time"))
        _, html = res.request(manage + "/time")
        slot = re.findall(r'name="visit_time"[^>]*value="([0-9:]+)"', html)[-1]
        status, loc = res.answer(manage + "/time", [("visit_time", slot)])
        self.assertEqual((status, loc), (303, manage + "/check"))
        status, loc = res.answer(manage + "/check", [])
        self.assertEqual((status, loc), (303, manage + "/changed"))
        # Cancel.
        status, loc = res.answer(manage, [], action=manage + "/cancel")
        self.assertEqual((status, loc), (303, manage + "/cancel"))
        status, loc = res.answer(manage + "/cancel", [])
        self.assertEqual((status, loc), (303, manage + "/cancelled"))
        wait_for(lambda: len(self.delivered(ref, url) or []) == 3,
                 what="the submission and two events delivered")
        got = [r for r in by_reference(self.receiver.log(), ref)
               if r["path"] == path]
        events = [r["headers"]["Formbuilder-Event"] for r in got]
        self.assertEqual(events, ["submitted", "changed", "cancelled"])
        keys = [r["headers"]["Idempotency-Key"] for r in got]
        self.assertEqual(len(set(keys)), 3, keys)
        self.assertTrue(keys[1].startswith(ref + ".changed@"), keys)
        self.assertTrue(keys[2].startswith(ref + ".cancelled@"), keys)
        schema = os.path.join(tmp, "out", f"{slug}.schema.json")
        for i, rec in enumerate(got):
            self.assertIs(rec["signature_ok"], True)
            body = json.loads(rec["body"])
            self.assertEqual(body["event"], events[i])
            payload = os.path.join(tmp, f"{ref}.{i}.json")
            with open(payload, "w") as f:
                f.write(rec["body"])
            r = subprocess.run(["node", os.path.join(HERE,
                                "validate-json.mjs"), schema, payload],
                               capture_output=True, text=True, cwd=ROOT)
            self.assertEqual(r.returncode, 0, r.stderr)
        booking = [json.loads(r["body"])["booking"] for r in got]
        self.assertEqual(booking[0]["calendar"], "recycling-centre")
        # Each says the booking as it was when it was sent (a quick worker
        # sends the change before the cancellation happens), so the last
        # must say cancelled, on the day and time it was changed to.
        self.assertEqual((booking[2]["status"], booking[2]["date"],
                          booking[2]["window"]),
                         ("cancelled", days[0], slot))

    def test_kill_9_while_in_flight_loses_nothing(self):
        srv = self.start()
        self.receiver.control("hang")
        refs = [Resident(srv).submit("report-streetlight") for _ in range(3)]
        wait_for(lambda: by_reference(self.receiver.log(), refs[0]),
                 what="a delivery in flight")
        srv.stop(signal.SIGKILL)
        self.receiver.control("ok", times=0)
        srv.start()
        # On PostgreSQL the killed instance's claims are leased (30 s past
        # an attempt's worst case, docs/deploy.md): no instance, the
        # restarted one included, can tell they are abandoned until then.
        lease = 30 + 3 + 2 if srv.db.startswith("postgresql:") else 0
        for ref in refs:
            wait_for(lambda: self.delivered(ref), timeout=20 + lease,
                     what=f"{ref} after restart")
        keys = {r["headers"]["Idempotency-Key"] for r in self.receiver.log()}
        self.assertEqual(len(keys), 3)

    def test_secrets_are_absent_from_logs_and_database(self):
        srv = self.start()
        ref = Resident(srv).submit("report-streetlight")
        wait_for(lambda: self.delivered(ref), what="delivered")
        srv.stop()
        with open(srv.log, "rb") as f:
            log = f.read()
        database = srv.database_bytes()
        for name, value in env_values.items():
            self.assertNotIn(value.encode(), log, f"{name} found in the log")
            self.assertNotIn(value.encode(), database,
                             f"{name} found in the database")

    def test_missing_secret_env_stops_the_server_naming_it(self):
        srv = Server(self.receiver, self.smtp.port,
                     env={"STREETLIGHT_SECRET": ""})
        status = srv.start(expect_ok=False)
        self.assertEqual(status, 1)
        with open(srv.log) as f:
            log = f.read()
        self.assertIn("STREETLIGHT_SECRET", log)
        self.assertNotIn(env_values["STREETLIGHT_SECRET"], log)

    def test_emails_reach_the_smtp_server(self):
        """apply-for-a-parking-permit: the resident's confirmation and the
        staff notification (with the answers) through SMTP, and a line in
        the drop file."""
        drop = os.path.join(tmp, "drop")
        os.makedirs(drop, exist_ok=True)
        srv = self.start()
        ref = Resident(srv).submit("apply-for-a-parking-permit")
        wait_for(lambda: len(self.smtp.messages()) >= 2, what="two emails")
        mails = {m["to"][0]: m for m in self.smtp.messages()}
        self.assertTrue(all(m["tls"] for m in mails.values()))
        resident = journeys["apply-for-a-parking-permit"]
        email = [v for p in resident["pages"] for k, v in p["fields"]
                 if k == "email"][0]
        self.assertIn(ref, mails[email]["data"])
        self.assertIn("your reference is", mails[email]["data"])
        staff = mails["parking@council.example"]["data"]
        self.assertIn(ref, staff)
        self.assertIn("Full name", staff)
        rows = srv.deliveries(ref)
        file_row = [r for r in rows if r[1].startswith("file:")][0]
        # The example's drop directory does not exist here: retried, with
        # the reason kept.
        wait_for(lambda: srv.deliveries(ref)[[r[0] for r in rows].index(
            file_row[0])][3] >= 1, what="a file attempt")
        self.assertIn("No such file or directory",
                      [r for r in srv.deliveries(ref)
                       if r[1].startswith("file:")][0][5])

    def test_notify_gets_a_valid_jwt_and_request(self):
        srv = self.start()
        ref = Resident(srv).submit("book-a-bulky-waste-collection")
        wait_for(lambda: len([r for r in self.receiver.log()
                              if r["path"] == "/v2/notifications/email"]) >= 2,
                 what="two Notify requests")
        calls = [r for r in self.receiver.log()
                 if r["path"] == "/v2/notifications/email"]
        for c in calls:
            self.assertIsNone(c["notify_problem"])
            self.assertIn(ref, json.loads(c["body"])["personalisation"]
                          ["body"])
        wait_for(lambda: self.delivered(ref), what="all delivered")

    def test_metrics_report_deliveries(self):
        srv = self.start()
        ref = Resident(srv).submit("report-streetlight")
        wait_for(lambda: self.delivered(ref), what="delivered")
        text = wait_for(lambda: (lambda t: t if 'state="delivered"' in t
                                 else None)(srv.get("/metrics")),
                        what="metrics")
        self.assertIn('formbuilder_deliveries{state="delivered",target='
                      '"https://backoffice.example/api/streetlights"} 1',
                      text)
        self.assertIn('formbuilder_delivery_attempts_total{outcome='
                      '"delivered"} 1', text)
        self.assertIn("formbuilder_outbox_oldest_pending_seconds 0", text)
        self.assertIn("formbuilder_submissions_total 1\n", text)
        self.assertRegex(text, r'formbuilder_requests_total\{route="form",'
                               r'status="3xx"\} [1-9]')
        self.assertIn('formbuilder_request_seconds_bucket{le="+Inf"}', text)
        self.assertRegex(text, r"formbuilder_writer_batch_jobs_count [1-9]")


if __name__ == "__main__":
    unittest.main(verbosity=2)
