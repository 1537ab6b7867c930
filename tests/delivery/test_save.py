# SPDX-License-Identifier: MIT
"""Save and return through the real server, against a real SMTP server.

`formbuilder serve --forms DIR` serves form modules built by formc from
examples/apply-for-a-disabled-facilities-grant.yaml (bilingual) and
forms/apply-for-a-blue-badge.yaml; its outbox sends save links to
smtp_sink.py (aiosmtpd) on loopback. Each link used here is the one
captured at the sink. Covered: saving (and its errors), the email (a
link, no answers), resuming at the first unfinished page in a new
browser, a second use refused, the version pin across a reload of a
changed form, an expired link and the session-timeout page (a restart
later in injected time, FB_TEST_NOW), in English and Welsh.

    test_save.py FORMBUILDER FORMC SRCDIR
"""

import datetime
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

SERVER, FORMC, ROOT = (os.path.abspath(p) for p in sys.argv[1:4])
del sys.argv[1:4]
HERE = os.path.dirname(os.path.abspath(__file__))
import databases  # noqa: E402  (SQLite or PostgreSQL, FBT_BACKEND)
GRANT = "apply-for-a-disabled-facilities-grant"
BADGE = "apply-for-a-blue-badge"
WORK = "A ramp to the front door, and a level shower"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check, timeout=float(os.environ.get("FBT_WAIT", "20")), what="condition"):
    end = time.time() + timeout
    while time.time() < end:
        v = check()
        if v:
            return v
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None


class Resident:
    """One browser: its own cookies, redirects not followed."""

    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            NoRedirect)

    def request(self, path, fields=None):
        data = (urllib.parse.urlencode(fields).encode()
                if fields is not None else None)
        try:
            with self.opener.open(self.base + path, data) as r:
                return r.status, r.headers.get("Location"), r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Location"), e.read().decode()

    def post_form(self, path, fields=()):
        """GETs @p path and POSTs its form with @p fields and its CSRF
        token; returns (status, location, body)."""
        status, _, html = self.request(path)
        assert status == 200, (path, status, html[:400])
        csrf = re.search(r'name="csrf_token" value="([^"]*)"', html).group(1)
        action = re.search(r'<form method="post"[^>]*action="([^"]*)"',
                           html).group(1).replace("&amp;", "&")
        return self.request(action, [("csrf_token", csrf), ("website", ""),
                                     *fields])


class Sink:
    """smtp_sink.py on a free port, its messages one JSON line each."""

    def __init__(self, d):
        self.port = free_port()
        self.out = os.path.join(d, "mail.jsonl")
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "smtp_sink.py"), "--port",
             str(self.port), "--out", self.out], stdout=subprocess.PIPE)
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


class Server:
    def __init__(self, d, forms_dir, sink_port):
        self.dir = d
        self.db = databases.fresh(d)
        self.log = os.path.join(d, "server.log")
        self.port = free_port()
        self.config = os.path.join(d, "fb.conf")
        with open(self.config, "w") as f:
            f.write(f"smtp_url = smtp://127.0.0.1:{sink_port}\n"
                    "smtp_starttls = off\n"
                    "smtp_from = forms@council.example\n"
                    "outbox_poll_ms = 100\n"
                    f"base_url = http://127.0.0.1:{self.port}\n")
        self.forms_dir = forms_dir
        self.proc = None

    def start(self, now=None):
        env = dict(os.environ, FORMBUILDER_DB=self.db,
                   FORMBUILDER_PORT=str(self.port),
                   FORMBUILDER_LISTEN="127.0.0.1",
                   FORMBUILDER_LOG_LEVEL="info",
                   BLUE_BADGE_KEY="s3cr3t-blue-badge")
        if databases.is_pg(self.db):
            # A shared store signs sessions with a key of its own.
            env["FORMBUILDER_SESSION_KEY"] = "save-" + "0" * 32
        env.pop("FB_TEST_NOW", None)
        if now:
            env["FB_TEST_NOW"] = now
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [SERVER, "serve", "--forms", self.forms_dir, "--config",
                 self.config], env=env, stdout=log, stderr=log)
        wait_for(self.healthy, what="the server to start")

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

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=30)
        self.proc = None

    def rows(self, sql, *params):
        return databases.rows(self.db, sql, *params)


def build(yaml_path, out_dir):
    subprocess.run([FORMC, "build", "--module", yaml_path, "-o", out_dir,
                    "--patterns", os.path.join(ROOT, "patterns")],
                   check=True, capture_output=True, cwd=ROOT)


class SaveAndReturn(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="fb-save-")
        cls.forms = os.path.join(cls.tmp, "forms")
        os.mkdir(cls.forms)
        # A copy of the example, so the version test can change it.
        cls.grant_yaml = os.path.join(cls.tmp, GRANT + ".yaml")
        shutil.copy(os.path.join(ROOT, "examples", GRANT + ".yaml"),
                    cls.grant_yaml)
        build(cls.grant_yaml, cls.forms)
        build(os.path.join(ROOT, "forms", BADGE + ".yaml"), cls.forms)
        cls.sink = Sink(cls.tmp)
        cls.server = Server(cls.tmp, cls.forms, cls.sink.port)
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.sink.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def resident(self):
        return Resident(self.server.port)

    def link_for(self, email, after):
        """The path of the save link last emailed to @p email, waiting
        for one among the messages after the first @p after."""
        def find():
            for m in reversed(self.sink.messages()[after:]):
                if email in m["to"]:
                    return m
            return None
        m = wait_for(find, what=f"a save link for {email}")
        body = m["data"]
        url = re.search(r"http://127\.0\.0\.1:\d+(/[a-z-]+/return/"
                        r"[A-Za-z0-9_-]+)", body)
        self.assertIsNotNone(url, body)
        return url.group(1), body

    def save(self, r, slug, email):
        """Saves @p r's journey of @p slug for @p email; returns the link."""
        before = len(self.sink.messages())
        status, loc, _ = r.post_form(f"/{slug}/save-and-return",
                                     [("email", email)])
        self.assertEqual(status, 303)
        self.assertEqual(loc, f"/{slug}/check-your-email")
        status, _, html = r.request(loc)
        self.assertEqual(status, 200)
        self.assertIn("Check your email", html)
        return self.link_for(email, before)

    def start_grant(self, r, lang=None):
        if lang:
            r.request(f"/{GRANT}/?lang={lang}")
        status, loc, _ = r.post_form(f"/{GRANT}/owner", [("tenure", "own")])
        self.assertEqual((status, loc), (303, f"/{GRANT}/changes"))
        status, loc, _ = r.post_form(f"/{GRANT}/changes", [("work", WORK)])
        self.assertEqual((status, loc), (303, f"/{GRANT}/contact"))

    def test_question_pages_offer_saving_and_say_how_long_they_last(self):
        r = self.resident()
        status, _, html = r.request(f"/{GRANT}/owner")
        self.assertEqual(status, 200)
        self.assertIn(f'href="/{GRANT}/save-and-return">Save and come back '
                      'later</a>', html)
        self.assertIn("We will delete your answers if you do not do "
                      "anything for 30 minutes.", html)
        # Right under the page's form, above "Start again".
        self.assertRegex(html, r'</button>\n</form>\n<p class="govuk-body">'
                         r'<a class="govuk-link" href="/[^"]+/save-and-return"'
                         r'>[^<]+</a></p>\n<p class="govuk-body-s">[^<]+</p>'
                         r'\n<p class="govuk-body"><a class="govuk-link" '
                         r'href="[^"]+start-again')
        # The Blue Badge service ("can be saved and resumed") too.
        status, _, html = r.request(f"/{BADGE}/area")
        self.assertEqual(status, 200)
        self.assertIn("Save and come back later", html)

    def test_saving_checks_the_address_and_needs_answers(self):
        r = self.resident()
        status, _, html = r.request(f"/{GRANT}/save-and-return")
        self.assertEqual(status, 200)
        self.assertIn("there is nothing to save", html)
        self.start_grant(r)
        for typed, message in [("", "Enter your email address"),
                               ("not an address", "Enter an email address "
                                "in the correct format")]:
            status, _, html = r.post_form(f"/{GRANT}/save-and-return",
                                          [("email", typed)])
            self.assertEqual(status, 422)
            self.assertIn('class="govuk-error-summary"', html)
            self.assertIn(message, html)
            self.assertIn('aria-describedby="email-hint email-error"', html)
        # A stray field is refused, and nothing is saved by any of these.
        status, _, _ = r.post_form(f"/{GRANT}/save-and-return",
                                   [("email", "a@example.com"),
                                    ("work", "x")])
        self.assertEqual(status, 400)
        self.assertEqual(self.server.rows(
            "SELECT count(*) FROM saved_journeys WHERE email = "
            "'a@example.com'"), [(0,)])

    def test_resume_from_the_emailed_link_in_another_browser(self):
        a = self.resident()
        self.start_grant(a)
        link, body = self.save(a, GRANT, "sam@example.com")
        # The email holds the link and how long it lasts, no answer.
        self.assertIn("The link works once", body)
        self.assertNotIn("ramp", body)
        self.assertNotIn("shower", body)
        # Only the token's hash is stored.
        token = link.rsplit("/", 1)[1]
        dump = "\n".join(" ".join(str(c) for c in row) for row in
                         self.server.rows("SELECT * FROM saved_journeys"))
        self.assertNotIn(token, dump)
        # A link checker's GET uses nothing: the page asks to continue.
        b = self.resident()
        status, _, html = b.request(link)
        self.assertEqual(status, 200)
        self.assertIn("Continue with your saved form", html)
        status, _, html = b.request(link)
        self.assertEqual(status, 200)
        # Continuing restores the answers at the first unfinished page.
        status, loc, _ = b.post_form(link)
        self.assertEqual((status, loc), (303, f"/{GRANT}/contact"))
        status, _, html = b.request(f"/{GRANT}/changes")
        self.assertIn(WORK, html)
        status, _, html = b.request(f"/{GRANT}/owner")
        self.assertRegex(html, r'value="own" checked')
        # The journey goes on to a submission from the new browser.
        status, loc, _ = b.post_form(f"/{GRANT}/contact",
                                     [("full_name", "Sam Sample"),
                                      ("email", "sam@example.com")])
        self.assertEqual((status, loc), (303, f"/{GRANT}/check-answers"))
        # A second use of the same link is refused, helpfully.
        c = self.resident()
        status, _, html = c.request(link)
        self.assertEqual(status, 410)
        self.assertIn("This link has already been used", html)
        self.assertIn("newest email", html)
        # The used journey keeps no answers.
        self.assertEqual(self.server.rows(
            "SELECT state, data FROM saved_journeys WHERE email = "
            "'sam@example.com'"), [("used", "")])
        # A made-up token is a link that does not work.
        status, _, html = c.request(f"/{GRANT}/return/" + "A" * 43)
        self.assertEqual(status, 404)
        self.assertIn("This link does not work", html)

    def test_two_uses_of_a_link_at_once_restore_once(self):
        a = self.resident()
        self.start_grant(a)
        link, _ = self.save(a, GRANT, "twice@example.com")
        b, c = self.resident(), self.resident()
        pages = []
        for r in (b, c):
            status, _, html = r.request(link)
            self.assertEqual(status, 200)
            pages.append(html)
        results = []
        for r, html in zip((b, c), pages):
            csrf = re.search(r'name="csrf_token" value="([^"]*)"',
                             html).group(1)
            results.append(r.request(link, [("csrf_token", csrf),
                                            ("website", "")])[0])
        self.assertEqual(sorted(results), [303, 410])

    def test_welsh_pages_and_email(self):
        r = self.resident()
        self.start_grant(r, lang="cy")
        status, _, html = r.request(f"/{GRANT}/contact")
        self.assertIn("Cadw a dod yn \u00f4l yn nes ymlaen", html)
        self.assertIn("am 30 munud", html)
        status, _, html = r.request(f"/{GRANT}/save-and-return")
        self.assertIn('lang="cy"', html)
        self.assertIn("Cadw eich atebion", html)
        before = len(self.sink.messages())
        status, loc, _ = r.post_form(f"/{GRANT}/save-and-return",
                                     [("email", "cymraeg@example.com")])
        self.assertEqual(status, 303)
        status, _, html = r.request(loc)
        self.assertIn("Gwiriwch eich e-bost", html)
        link, body = self.link_for("cymraeg@example.com", before)
        self.assertIn("barhau \u00e2\u2019ch ffurflen", body)
        status, _, html = self.resident().request(link)
        self.assertIn("Parhau \u00e2\u2019ch ffurflen wedi\u2019i chadw",
                      html)

    def test_the_resumed_journey_stays_on_the_version_it_was_saved_on(self):
        a = self.resident()
        status, loc, _ = a.post_form(f"/{BADGE}/area",
                                     [("lives_here", "yes")])
        self.assertEqual((status, loc), (303, f"/{BADGE}/who"))
        link, _ = self.save(a, BADGE, "pin@example.com")
        (old,) = self.server.rows("SELECT form_version FROM saved_journeys "
                                  "WHERE email = 'pin@example.com'")[0]
        # The form changes: an option goes, another comes. Rebuilt and
        # moved in; the server told by SIGHUP.
        changed = os.path.join(self.tmp, BADGE + ".yaml")
        with open(os.path.join(ROOT, "forms", BADGE + ".yaml")) as f:
            text = f.read()
        text = text.replace("{value: someone_else, label: Someone else,",
                            "{value: relative, label: A relative,")
        text = text.replace("applicant is someone_else",
                            "applicant is relative")
        self.assertIn("A relative", text)
        with open(changed, "w") as f:
            f.write(text)
        staging = os.path.join(self.tmp, "staging")
        os.makedirs(staging, exist_ok=True)
        build(changed, staging)
        os.replace(os.path.join(staging, BADGE + ".so"),
                   os.path.join(self.forms, BADGE + ".so"))
        self.server.proc.send_signal(signal.SIGHUP)
        def changed_served():
            fresh = self.resident()
            fresh.post_form(f"/{BADGE}/area", [("lives_here", "yes")])
            return "A relative" in fresh.request(f"/{BADGE}/who")[2]
        wait_for(changed_served, what="the changed form to be served")
        # Resumed on the old version: "Someone else" is still offered.
        b = self.resident()
        status, _, html = b.request(link)
        self.assertEqual(status, 200)
        self.assertNotIn("The form has changed", html)
        status, loc, _ = b.post_form(link)
        self.assertEqual((status, loc), (303, f"/{BADGE}/who"))
        status, _, html = b.request(f"/{BADGE}/who")
        self.assertIn("Someone else", html)
        self.assertNotIn("A relative", html)
        self.assertTrue(any(old in row[0] for row in self.server.rows(
            "SELECT data FROM sessions")), "no session pinned to " + old)

    def test_zz_expired_link_and_timed_out_session(self):
        # Named to run last: it restarts the server later in time.
        a = self.resident()
        self.start_grant(a)
        link, _ = self.save(a, GRANT, "late@example.com")
        status, _, html = a.request(f"/{GRANT}/contact")
        csrf = re.search(r'name="csrf_token" value="([^"]*)"', html).group(1)
        self.server.stop()
        later = (datetime.datetime.now(datetime.timezone.utc)
                 + datetime.timedelta(days=29)).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.server.start(now=later)
        # The idle sessions' expiry runs soon after start: this checks
        # the case where the record has gone (test_journey.c's
        # idle_sessions_expire the one where it is still there).
        wait_for(lambda: self.server.rows(
            "SELECT count(*) FROM sessions") == [(0,)],
            what="the idle sessions' expiry")
        # The idle session: sending the page left open says what
        # happened and how to come back with the saved answers (whether
        # or not the idle session's record has been deleted yet).
        status, loc, _ = a.request(f"/{GRANT}/contact", [
            ("csrf_token", csrf), ("website", ""), ("full_name", "Late"),
            ("email", "late@example.com")])
        self.assertEqual((status, loc), (303, f"/{GRANT}/session-timed-out"))
        status, _, html = a.request(loc)
        self.assertEqual(status, 200)
        self.assertIn("Your answers have been deleted", html)
        self.assertIn("30 minutes", html)
        self.assertIn("your saved answers are still there", html)
        # Starting again is not sent back to the timeout page.
        status, _, html = a.request(f"/{GRANT}/owner")
        self.assertEqual(status, 200)
        # 29 days on, the 28-day link has expired, its answers deleted.
        wait_for(lambda: self.server.rows(
            "SELECT data FROM saved_journeys WHERE email = "
            "'late@example.com'") == [("",)], what="the expiry purge")
        status, _, html = self.resident().request(link)
        self.assertEqual(status, 410)
        self.assertIn("This link has expired", html)
        self.assertIn("28 days", html)


if __name__ == "__main__":
    unittest.main(verbosity=2)
