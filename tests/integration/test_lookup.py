# SPDX-License-Identifier: MIT
"""Answers checked against a council's endpoint (`lookup:`), through the
real server.

The real `formbuilder serve` (its SQLite file, the form built as a module
by formc) asks lookup_standin.py, a local endpoint implementing the
documented contract (docs/integrations.md, "Lookups"). Through the
server: an answer found fills the next page's answer and is submitted
marked "found"; one not found shows the author's message; every way the
endpoint fails (a timeout, a 5xx, a 404, a malformed and a wrongly shaped
reply, a wrong key, too many calls at once, not configured) takes the
answer marked "unverified"; the cache; a resident's forged mark refused.

    test_lookup.py FORMBUILDER FORMC SRCDIR
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.request

import loopback
from loopback import field_value, free_port, wait_port

SERVER, FORMC, ROOT = (os.path.abspath(p) for p in sys.argv[1:4])
del sys.argv[1:4]
HERE = os.path.dirname(os.path.abspath(__file__))
FORM = os.path.join(HERE, "lookup", "check-your-council-tax-account.yaml")
SLUG = "check-your-council-tax-account"
KEY = "test-lookup-key-5d1e"
TIMEOUT_MS = 1500
ENV_NAMES = ("FORMBUILDER_LOOKUP_COUNCIL_TAX_URL",
             "FORMBUILDER_LOOKUP_COUNCIL_TAX_KEY",
             "FORMBUILDER_LOOKUP_STREETLIGHTS_URL",
             "FORMBUILDER_LOOKUP_STREETLIGHTS_KEY")
MESSAGE = "We cannot find that account number – check it against your " \
          "council tax bill"

tmp = mods = endpoint = server = None


class Endpoint:
    def __init__(self):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "lookup_standin.py"),
             "--port", str(self.port), "--key", KEY, "--slow", "5"],
            stdout=subprocess.DEVNULL)
        wait_port(self.port, self.proc, "lookup_standin.py")

    def calls(self):
        with urllib.request.urlopen(
                f"http://127.0.0.1:{self.port}/_calls") as r:
            return json.load(r)["calls"]

    def env(self, key=KEY):
        base = f"http://127.0.0.1:{self.port}"
        return {"FORMBUILDER_LOOKUP_COUNCIL_TAX_URL": f"{base}/council-tax",
                "FORMBUILDER_LOOKUP_COUNCIL_TAX_KEY": key,
                "FORMBUILDER_LOOKUP_STREETLIGHTS_URL": f"{base}/streetlights",
                "FORMBUILDER_LOOKUP_STREETLIGHTS_KEY": key}

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)


def Server(name, lines="", env=None):
    return loopback.Server(SERVER, mods, tmp, name, lines, env, ENV_NAMES)


class Resident(loopback.Resident):
    def account(self, number, column="", extra=None, change=False):
        """Sends the account page (@p change: its Change from check your
        answers). @returns (status, location, body)."""
        path = f"/{SLUG}/account" + ("?change=1" if change else "")
        self.get(path)
        fields = {"account_number": number, "column": column}
        fields.update(extra or {})
        return self.post(path, fields)

    def finish(self, email, address=None):
        """The rest of the journey, then check your answers sent."""
        _, _, body = self.get(f"/{SLUG}/property")
        value = address if address is not None else \
            field_textarea(body, "property_address")
        self.post(f"/{SLUG}/property", {"property_address": value})
        self.get(f"/{SLUG}/contact")
        self.post(f"/{SLUG}/contact", {"email": email})
        return self.submit(SLUG)


def field_textarea(body, name):
    return re.search(rf'<textarea[^>]*name="{name}"[^>]*>([^<]*)</textarea>',
                     body).group(1)


def submitted(srv, email):
    subs = [s for s in srv.export(SLUG)
            if s["answers"].get("email") == email]
    assert len(subs) == 1, subs
    return subs[0]


def setUpModule():
    global tmp, mods, endpoint, server
    tmp = tempfile.mkdtemp(prefix="fb-lookup-")
    mods = os.path.join(tmp, "mods")
    subprocess.run([FORMC, "build", "--module", FORM, "-o", mods],
                   check=True, capture_output=True, cwd=ROOT)
    endpoint = Endpoint()
    server = Server("main", f"lookup_timeout_ms = {TIMEOUT_MS}\n"
                    "lookup_concurrent = 2\n", endpoint.env())


def tearDownModule():
    if server:
        server.stop()
    if endpoint:
        endpoint.stop()
    shutil.rmtree(tmp, ignore_errors=True)


class Found(unittest.TestCase):
    def test_found_fills_the_next_page_and_is_submitted_found(self):
        r = Resident(server)
        status, where, _ = r.account("50012345")
        self.assertEqual(status, 303)
        self.assertTrue(where.endswith(f"/{SLUG}/property"), where)
        _, _, body = r.get(f"/{SLUG}/property")
        self.assertIn("1 Town Hall Square, Stockport, SK1 3XE", body)
        self.assertEqual(r.finish("found@example.com"), 303)
        sub = submitted(server, "found@example.com")
        self.assertEqual(sub["answers"]["account_number"], "50012345")
        self.assertEqual(sub["answers"]["property_address"],
                         "1 Town Hall Square, Stockport, SK1 3XE")
        self.assertEqual(sub["lookups"], {"account_number": "found"})
        csv = server.export(SLUG, "csv").splitlines()
        self.assertIn("account_number,account_number.lookup,column,"
                      "column.lookup,", csv[0])
        self.assertTrue(any("50012345,found,," in row and
                            "found@example.com" in row for row in csv[1:]))

    def test_own_edit_of_a_filled_answer_is_kept(self):
        r = Resident(server)
        r.account("50012345")
        r.get(f"/{SLUG}/property")
        r.post(f"/{SLUG}/property", {"property_address": "My own words"})
        # The account page sent again, the number unchanged: no new fill.
        r.account("50012345")
        _, _, body = r.get(f"/{SLUG}/property")
        self.assertIn("My own words", body)
        # A different account fills again.
        r.account("50054321")
        _, _, body = r.get(f"/{SLUG}/property")
        self.assertIn("Flat 2, 10 Mersey Square", body)

    def test_change_that_refills_asks_the_filled_page(self):
        r = Resident(server)
        r.account("50012345")
        r.get(f"/{SLUG}/property")
        r.post(f"/{SLUG}/property", {"property_address": "My own words"})
        r.get(f"/{SLUG}/contact")
        r.post(f"/{SLUG}/contact", {"email": "change@example.com"})
        status, _, _ = r.get(f"/{SLUG}/check-answers")
        self.assertEqual(status, 200)
        # The same account again from check your answers: nothing filled,
        # straight back.
        status, where, _ = r.account("50012345", change=True)
        self.assertEqual(status, 303)
        self.assertTrue(where.endswith(f"/{SLUG}/check-answers"), where)
        # Another account replaces the resident's words: its page is
        # asked, showing what was filled, then check your answers.
        status, where, _ = r.account("50054321", change=True)
        self.assertEqual(status, 303)
        self.assertTrue(where.endswith(f"/{SLUG}/property?change=1"), where)
        _, _, body = r.get(f"/{SLUG}/property?change=1")
        self.assertIn("Flat 2, 10 Mersey Square", body)
        status, where, _ = r.post(f"/{SLUG}/property?change=1",
                                  {"property_address": field_textarea(
                                      body, "property_address")})
        self.assertEqual(status, 303)
        self.assertTrue(where.endswith(f"/{SLUG}/check-answers"), where)

    def test_second_endpoint_and_optional_answer(self):
        r = Resident(server)
        status, _, _ = r.account("50011111", column="SL1234")
        self.assertEqual(status, 303)
        self.assertEqual(r.finish("two@example.com", "1 Road"), 303)
        sub = submitted(server, "two@example.com")
        self.assertEqual(sub["lookups"], {"account_number": "found",
                                          "column": "found"})

    def test_cached(self):
        Resident(server).account("50054321")
        before = endpoint.calls()
        start = time.monotonic()
        status, _, _ = Resident(server).account("50054321")
        self.assertEqual(status, 303)
        self.assertEqual(endpoint.calls(), before)
        self.assertLess(time.monotonic() - start, 1)

    def test_forged_mark_is_refused(self):
        # A mark is the server's: posted by a resident, it is a field the
        # page does not have.
        r = Resident(server)
        status, _, body = r.account(
            "50000500", extra={"_lookup.account_number": "found"})
        self.assertEqual(status, 400)
        self.assertIn("_lookup.account_number", body)
        self.assertEqual(r.account("50000500")[0], 303)
        r.get(f"/{SLUG}/property")
        status, _, _ = r.post(f"/{SLUG}/property",
                              {"property_address": "1 Road",
                               "_lookup.account_number": "found"})
        self.assertEqual(status, 400)
        self.assertEqual(r.finish("forged@example.com", "1 Road"), 303)
        sub = submitted(server, "forged@example.com")
        self.assertEqual(sub["lookups"], {"account_number": "unverified"})


class NotFound(unittest.TestCase):
    def not_found(self, number):
        r = Resident(server)
        status, _, body = r.account(number)
        self.assertEqual(status, 422)
        self.assertIn("govuk-error-summary", body)
        self.assertIn(MESSAGE, body)
        self.assertIn('href="#account_number"', body)
        self.assertEqual(field_value(body, "account_number"), number)
        # Nothing stored: the next page is not reachable yet.
        status, where, _ = r.get(f"/{SLUG}/property")
        self.assertEqual(status, 303)
        self.assertTrue(where.endswith(f"/{SLUG}/account"), where)

    def test_found_false(self):
        self.not_found("50099999")

    def test_404(self):
        self.not_found("50000404")

    def test_second_question_not_found(self):
        status, _, body = Resident(server).account("50012345",
                                                   column="SL9999")
        self.assertEqual(status, 422)
        self.assertIn("We cannot find that column number", body)
        self.assertNotIn(MESSAGE, body)


class Unavailable(unittest.TestCase):
    """The endpoint cannot be asked: the answer is taken, unverified."""

    def unverified(self, number, email, max_seconds=3, srv=None):
        srv = srv or server
        r = Resident(srv)
        start = time.monotonic()
        status, where, _ = r.account(number)
        self.assertLess(time.monotonic() - start, max_seconds)
        self.assertEqual(status, 303)
        self.assertTrue(where.endswith(f"/{SLUG}/property"), where)
        self.assertEqual(r.finish(email, "1 Road"), 303)
        sub = submitted(srv, email)
        self.assertEqual(sub["lookups"], {"account_number": "unverified"})
        self.assertNotIn(number, srv.log_text())  # personal data

    def test_5xx(self):
        self.unverified("50000500", "5xx@example.com")
        self.assertIn("lookup council-tax: HTTP 503", server.log_text())

    def test_malformed(self):
        self.unverified("50000888", "malformed@example.com")

    def test_wrong_shape(self):
        self.unverified("50000777", "shape@example.com")

    def test_timeout(self):
        self.unverified("50000999", "slow@example.com",
                        TIMEOUT_MS / 1000 + 1.5)

    def test_failure_not_cached(self):
        before = endpoint.calls()
        Resident(server).account("50000500")
        Resident(server).account("50000500")
        self.assertEqual(endpoint.calls() - before, 2)

    def test_hanging_endpoint_blocks_no_one_else(self):
        hung = threading.Thread(target=Resident(server).account,
                                args=("50000999",))
        Resident(server).account("50012345")   # cached from here on
        hung.start()
        time.sleep(0.3)
        try:
            start = time.monotonic()
            self.assertEqual(Resident(server).get(f"/{SLUG}/account")[0],
                             200)
            self.assertEqual(Resident(server).account("50012345")[0], 303)
            self.assertLess(time.monotonic() - start, 0.5)
            self.assertTrue(hung.is_alive())
        finally:
            hung.join()

    def test_too_many_at_once(self):
        hung = [threading.Thread(target=Resident(server).account,
                                 args=("50000999",)) for _ in range(2)]
        for t in hung:
            t.start()
        time.sleep(0.5)
        try:
            # Never asked before: not in the cache.
            self.unverified("50022222", "busy@example.com", 1.0)
        finally:
            for t in hung:
                t.join()
        self.assertIn("calls already in flight", server.log_text())

    def test_wrong_key(self):
        srv = Server("badkey", "", endpoint.env("not-the-key-77c2"))
        try:
            self.unverified("50012345", "key@example.com", srv=srv)
            self.assertIn("HTTP 401", srv.log_text())
            self.assertNotIn("not-the-key-77c2", srv.log_text())
        finally:
            srv.stop()

    def test_not_configured(self):
        srv = Server("unconfigured")
        try:
            self.assertIn("lookup endpoint 'council-tax', which is not "
                          "configured", srv.log_text())
            before = endpoint.calls()
            self.unverified("50012345", "none@example.com", srv=srv)
            self.assertEqual(endpoint.calls(), before)
        finally:
            srv.stop()

    def test_calls_count_against_the_post_limit(self):
        srv = Server("limited", "lookup_cache_seconds = 0\n"
                     "post_rate_per_client = 1/h\n"
                     "post_burst_per_client = 1\n", endpoint.env())
        try:
            r = Resident(srv)
            self.assertEqual(r.account("50099999")[0], 422)
            before = endpoint.calls()
            self.assertEqual(r.account("50012345")[0], 429)
            self.assertEqual(endpoint.calls(), before)
        finally:
            srv.stop()


if __name__ == "__main__":
    unittest.main(verbosity=2)
