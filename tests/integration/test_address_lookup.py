# SPDX-License-Identifier: MIT
"""Addresses found by postcode (`lookup: os-places`), through the real server.

The real `formbuilder serve` (its SQLite file, the form built as a module
by formc) asks os_places.py, a local stand-in implementing the OS Places
postcode search's documented contract, and residents walk the postcode,
choose and typed steps without script. Every failure mode of the
provider is driven through the server: a timeout, a 5xx, a malformed and
a wrongly shaped reply, nothing found, too many lookups at once, and no
provider configured; the chosen address's UPRN is checked in the stored
submission (`formbuilder export`).

    test_address_lookup.py FORMBUILDER FORMC SRCDIR
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
FORM = os.path.join(HERE, "address", "tell-us-your-address.yaml")
SLUG = "tell-us-your-address"
KEY = "test-os-places-key"
TIMEOUT_MS = 1500

tmp = None
mods = None
provider = None
server = None


class Provider:
    def __init__(self):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "os_places.py"), "--port",
             str(self.port), "--key", KEY, "--slow", "5"],
            stdout=subprocess.DEVNULL)
        wait_port(self.port, self.proc, "os_places.py")

    def calls(self):
        with urllib.request.urlopen(
                f"http://127.0.0.1:{self.port}/_calls") as r:
            return json.load(r)["calls"]

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)


def Server(name, lines, env=None):
    return loopback.Server(SERVER, mods, tmp, name, lines, env,
                           ("FORMBUILDER_ADDRESS_LOOKUP_URL",
                            "FORMBUILDER_ADDRESS_LOOKUP_KEY"))


class Resident(loopback.Resident):
    def find(self, postcode):
        self.get(f"/{SLUG}/address")
        return self.post(f"/{SLUG}/address", {"home-find": postcode})


def options(body):
    return re.findall(r'<option value="(\d+)">([^<]*)</option>', body)


def setUpModule():
    global tmp, mods, provider, server
    tmp = tempfile.mkdtemp(prefix="fb-address-")
    mods = os.path.join(tmp, "mods")
    subprocess.run([FORMC, "build", "--module", FORM, "-o", mods],
                   check=True, capture_output=True, cwd=ROOT)
    provider = Provider()
    server = Server("main", f"address_lookup_url = "
                    f"http://127.0.0.1:{provider.port}/\n"
                    f"address_lookup_timeout_ms = {TIMEOUT_MS}\n"
                    "address_lookup_concurrent = 2\n",
                    {"FORMBUILDER_ADDRESS_LOOKUP_KEY": KEY})


def tearDownModule():
    if server:
        server.stop()
    if provider:
        provider.stop()
    shutil.rmtree(tmp, ignore_errors=True)


class Steps(unittest.TestCase):
    def test_postcode_step_first(self):
        r = Resident(server)
        status, _, body = r.get(f"/{SLUG}/address")
        self.assertEqual(status, 200)
        self.assertIn('name="home-find"', body)
        self.assertIn("Find address", body)
        self.assertIn(f'href="/{SLUG}/address?address=typed"', body)
        self.assertNotIn('name="home-line1"', body)

    def test_choose_store_and_submit_with_uprn(self):
        r = Resident(server)
        status, _, body = r.find("cf104uw")
        self.assertEqual(status, 200)
        self.assertIn("12 addresses found for CF10 4UW", body)
        found = options(body)
        self.assertEqual(len(found), 12)
        self.assertIn(("100100000003", "3, HEOL Y TEST, CARDIFF, CF10 4UW"),
                      found)
        self.assertIn("I cannot find my address in the list", body)
        status, where, _ = r.post(f"/{SLUG}/address",
                                  {"home-find": "CF10 4UW",
                                   "home-uprn": "100100000003"})
        self.assertEqual(status, 303)
        self.assertTrue(where.endswith(f"/{SLUG}/contact"), where)
        # Shown again: the parts, as typed, with the UPRN kept beside them.
        _, _, body = r.get(f"/{SLUG}/address")
        self.assertEqual(field_value(body, "home-line1"), "3 HEOL Y TEST")
        self.assertEqual(field_value(body, "home-town"), "CARDIFF")
        self.assertEqual(field_value(body, "home-postcode"), "CF10 4UW")
        self.assertEqual(field_value(body, "home-uprn"), "100100000003")
        r.get(f"/{SLUG}/contact")
        r.post(f"/{SLUG}/contact", {"email": "resident@example.com"})
        _, _, body = r.get(f"/{SLUG}/check-answers")
        self.assertIn("3 HEOL Y TEST", body)
        action = re.search(r'<form method="post" novalidate action="([^"]*)"',
                           body).group(1).replace("&amp;", "&")
        status, where, _ = r.post(action, {})
        self.assertEqual(status, 303, where)
        subs = [s for s in server.export(SLUG)
                if s["answers"].get("email") == "resident@example.com"]
        self.assertEqual(len(subs), 1)
        self.assertEqual(subs[0]["answers"]["home"],
                         {"line1": "3 HEOL Y TEST", "town": "CARDIFF",
                          "postcode": "CF10 4UW", "uprn": "100100000003"})

    def test_building_and_flat(self):
        r = Resident(server)
        _, _, body = r.find("CF10 1EP")
        self.assertIn("1 address found for CF10 1EP", body)
        status, _, _ = r.post(f"/{SLUG}/address",
                              {"home-find": "CF10 1EP",
                               "home-uprn": "10002511111"})
        self.assertEqual(status, 303)
        _, _, body = r.get(f"/{SLUG}/address")
        self.assertEqual(field_value(body, "home-line1"), "FLAT 3, TY PRAWF")
        self.assertEqual(field_value(body, "home-line2"), "5 STRYD Y CASTELL")

    def test_typed_in_has_no_uprn_even_when_posted(self):
        r = Resident(server)
        _, _, body = r.get(f"/{SLUG}/address?address=typed")
        self.assertIn('name="home-line1"', body)
        self.assertIn("Find the address by postcode", body)
        status, _, _ = r.post(f"/{SLUG}/address?address=typed",
                              {"home-line1": "1 Forged Road",
                               "home-line2": "", "home-town": "Cardiff",
                               "home-postcode": "cf10 4uw",
                               "home-uprn": "100100000003"})
        self.assertEqual(status, 303)
        _, _, body = r.get(f"/{SLUG}/address")
        self.assertEqual(field_value(body, "home-line1"), "1 Forged Road")
        self.assertIsNone(field_value(body, "home-uprn"))

    def test_edited_address_loses_its_uprn(self):
        r = Resident(server)
        r.find("CF10 4UW")
        r.post(f"/{SLUG}/address", {"home-find": "CF10 4UW",
                                    "home-uprn": "100100000005"})
        _, _, body = r.get(f"/{SLUG}/address")
        same = {"home-line1": "5 HEOL Y TEST", "home-line2": "",
                "home-town": "CARDIFF", "home-postcode": "CF10 4UW",
                "home-uprn": "100100000005"}
        self.assertEqual(r.post(f"/{SLUG}/address", same)[0], 303)
        _, _, body = r.get(f"/{SLUG}/address")
        self.assertEqual(field_value(body, "home-uprn"), "100100000005")
        edited = dict(same, **{"home-line1": "5A HEOL Y TEST"})
        self.assertEqual(r.post(f"/{SLUG}/address", edited)[0], 303)
        _, _, body = r.get(f"/{SLUG}/address")
        self.assertEqual(field_value(body, "home-line1"), "5A HEOL Y TEST")
        self.assertIsNone(field_value(body, "home-uprn"))

    def test_chosen_outside_the_council(self):
        # SW1A 2AA is Westminster's (custodian 5990), not Cardiff's.
        r = Resident(server)
        r.find("SW1A 2AA")
        status, _, body = r.post(f"/{SLUG}/address",
                                 {"home-find": "SW1A 2AA",
                                  "home-uprn": "100023336956"})
        self.assertEqual(status, 422)
        self.assertIn('<a href="#home-uprn">Enter an address in Cardiff or '
                      'Newport</a>', body)
        self.assertEqual(len(options(body)), 1)

    def test_typed_outside_the_area(self):
        r = Resident(server)
        r.get(f"/{SLUG}/address?address=typed")
        status, _, body = r.post(f"/{SLUG}/address?address=typed",
                                 {"home-line1": "1 Horse Guards Road",
                                  "home-line2": "", "home-town": "London",
                                  "home-postcode": "SW1A 2HQ"})
        self.assertEqual(status, 422)
        self.assertIn("Enter an address in Cardiff or Newport", body)
        # Newport's NP area is in.
        status, _, _ = r.post(f"/{SLUG}/address?address=typed",
                              {"home-line1": "1 High Street",
                               "home-line2": "", "home-town": "Newport",
                               "home-postcode": "NP20 1AA"})
        self.assertEqual(status, 303)

    def test_nothing_chosen(self):
        r = Resident(server)
        r.find("CF10 4UW")
        status, _, body = r.post(f"/{SLUG}/address",
                                 {"home-find": "CF10 4UW", "home-uprn": ""})
        self.assertEqual(status, 422)
        self.assertIn('<a href="#home-uprn">Select your address from the '
                      'list', body)
        self.assertIn("govuk-select--error", body)
        self.assertEqual(len(options(body)), 12)

    def test_uprn_not_in_the_list(self):
        r = Resident(server)
        r.find("CF10 4UW")
        status, _, body = r.post(f"/{SLUG}/address",
                                 {"home-find": "CF10 4UW",
                                  "home-uprn": "100023336956"})
        self.assertEqual(status, 422)
        self.assertIn('href="#home-uprn"', body)

    def test_postcode_empty_and_not_real(self):
        r = Resident(server)
        status, _, body = r.find("")
        self.assertEqual(status, 422)
        self.assertIn('<a href="#home-find">Enter postcode</a>', body)
        status, _, body = r.find("not a postcode")
        self.assertEqual(status, 422)
        self.assertIn('<a href="#home-find">Enter a real postcode</a>', body)
        self.assertEqual(field_value(body, "home-find"), "not a postcode")

    def test_none_found(self):
        status, _, body = Resident(server).find("CF99 9NF")
        self.assertEqual(status, 422)
        self.assertIn("We could not find any addresses for CF99 9NF", body)
        self.assertIn("Enter the address manually", body)

    def test_cached(self):
        r = Resident(server)
        before = provider.calls()
        r.find("NP20 4AA")
        r.find("np204aa")
        status, _, _ = r.post(f"/{SLUG}/address", {"home-find": "NP20 4AA",
                                                   "home-uprn": "10090000002"})
        self.assertEqual(status, 303)
        self.assertEqual(provider.calls() - before, 1)


class Failures(unittest.TestCase):
    """The provider failing: the typed step, the postcode already in it."""

    def typed_with_notice(self, postcode, max_seconds):
        start = time.monotonic()
        status, _, body = Resident(server).find(postcode)
        took = time.monotonic() - start
        self.assertEqual(status, 200)
        self.assertIn("We cannot look up addresses at the moment", body)
        self.assertIn('name="home-line1"', body)
        self.assertEqual(field_value(body, "home-postcode"), postcode)
        self.assertLess(took, max_seconds)
        return body

    def test_5xx(self):
        self.typed_with_notice("CF99 9XX", 3)
        self.assertIn("HTTP 503", server.log_text())

    def test_malformed(self):
        self.typed_with_notice("CF99 9MF", 3)

    def test_wrong_shape(self):
        self.typed_with_notice("CF99 9WS", 3)

    def test_timeout(self):
        # The stand-in answers after 5 s; the server gives up at 1.5 s.
        self.typed_with_notice("CF99 9SL", TIMEOUT_MS / 1000 + 1.5)

    def test_hanging_provider_blocks_no_one_else(self):
        # A lookup waits off the polling thread: while one hangs, other
        # residents' pages (and a cached search) are answered at once.
        hung = threading.Thread(target=Resident(server).find,
                                args=("CF99 9SL",))
        Resident(server).find("SW1A 2AA")   # cached from here on
        hung.start()
        time.sleep(0.3)
        try:
            start = time.monotonic()
            status, _, _ = Resident(server).get(f"/{SLUG}/address")
            self.assertEqual(status, 200)
            _, _, body = Resident(server).find("SW1A 2AA")
            self.assertEqual(len(options(body)), 1)
            self.assertLess(time.monotonic() - start, 0.5)
            self.assertTrue(hung.is_alive())
        finally:
            hung.join()

    def test_failure_not_cached(self):
        before = provider.calls()
        Resident(server).find("CF99 9XX")
        Resident(server).find("CF99 9XX")
        self.assertEqual(provider.calls() - before, 2)

    def test_too_many_at_once(self):
        # Two lookups hang on the slow postcode (the bound is 2): a third
        # resident is told to type at once rather than wait behind them.
        hung = [threading.Thread(target=Resident(server).find,
                                 args=("CF99 9SL",)) for _ in range(2)]
        for t in hung:
            t.start()
        time.sleep(0.5)
        try:
            self.typed_with_notice("CF10 1EP", 1.0)
        finally:
            for t in hung:
                t.join()
        self.assertIn("lookups already in flight", server.log_text())
        self.assertTrue(all(not t.is_alive() for t in hung))
        # Once they are done, lookups work again.
        status, _, body = Resident(server).find("CF10 1EP")
        self.assertEqual(len(options(body)), 1)


class NotConfigured(unittest.TestCase):
    def test_typed_with_notice_and_a_warning(self):
        srv = Server("unconfigured", "")
        try:
            r = Resident(srv)
            status, _, body = r.get(f"/{SLUG}/address")
            self.assertEqual(status, 200)
            self.assertIn("We cannot look up addresses at the moment", body)
            self.assertIn('name="home-line1"', body)
            self.assertNotIn("Find the address by postcode", body)
            self.assertIn("address_lookup_url is not set", srv.log_text())
            status, _, _ = r.post(f"/{SLUG}/address",
                                  {"home-line1": "1 High Street",
                                   "home-line2": "", "home-town": "Cardiff",
                                   "home-postcode": "CF10 1AA"})
            self.assertEqual(status, 303)
        finally:
            srv.stop()

    def test_searches_count_against_the_post_limit(self):
        # Each search costs the council a call: a client over its page
        # POST limit gets 429 and the provider is not asked.
        srv = Server("limited", f"address_lookup_url = "
                     f"http://127.0.0.1:{provider.port}\n"
                     "address_lookup_cache_seconds = 0\n"
                     "post_rate_per_client = 1/h\n"
                     "post_burst_per_client = 2\n",
                     {"FORMBUILDER_ADDRESS_LOOKUP_KEY": KEY})
        try:
            r = Resident(srv)
            self.assertEqual(r.find("CF10 4UW")[0], 200)
            self.assertEqual(r.find("CF10 1EP")[0], 200)
            before = provider.calls()
            status, _, body = r.find("NP20 4AA")
            self.assertEqual(status, 429)
            self.assertIn("govuk-error-summary", body)
            self.assertEqual(provider.calls(), before)
        finally:
            srv.stop()

    def test_wrong_key_is_a_failure(self):
        srv = Server("badkey", f"address_lookup_url = "
                     f"http://127.0.0.1:{provider.port}\n",
                     {"FORMBUILDER_ADDRESS_LOOKUP_KEY": "not-the-key-3f9a"})
        try:
            status, _, body = Resident(srv).find("CF10 4UW")
            self.assertEqual(status, 200)
            self.assertIn("We cannot look up addresses", body)
            self.assertIn("HTTP 401", srv.log_text())
            # The key travels in the URL: never logged.
            self.assertNotIn("not-the-key-3f9a", srv.log_text())
        finally:
            srv.stop()


if __name__ == "__main__":
    unittest.main(verbosity=2)
