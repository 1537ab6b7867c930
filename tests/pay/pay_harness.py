# SPDX-License-Identifier: MIT
"""The GOV.UK Pay stand-in (pay_standin.py) as the tests drive it, and a
resident's steps through a payment: shared by tests/delivery and
tests/pay."""

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))


class PayStandin:
    """pay_standin.py on a free loopback port, with API key @p key."""

    def __init__(self, key):
        self.key = key
        self.dir = tempfile.mkdtemp(prefix="fb-pay-")
        port_file = os.path.join(self.dir, "port")
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "pay_standin.py"),
             port_file, key])
        end = time.time() + 10
        while not os.path.exists(port_file):
            if time.time() > end or self.proc.poll() is not None:
                raise AssertionError("the GOV.UK Pay stand-in did not start")
            time.sleep(0.05)
        with open(port_file) as f:
            self.port = int(f.read())
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self):
        if self.proc:
            self.proc.kill()
            self.proc.wait()
            self.proc = None

    def _post(self, path, obj):
        req = urllib.request.Request(self.url + path,
                                     json.dumps(obj).encode(), method="POST")
        with urllib.request.urlopen(req) as r:
            return json.loads(r.read())

    def control(self, mode, times=-1, seconds=0):
        self._post("/_control", {"mode": mode, "times": times,
                                 "seconds": seconds})

    def set_state(self, payment_id, status, code=None):
        self._post("/_control/state", {"payment_id": payment_id,
                                       "status": status, "code": code})

    def settle_refunds(self):
        self._post("/_control/refunds", {})

    def state(self):
        with urllib.request.urlopen(self.url + "/_log") as r:
            return json.loads(r.read())

    def calls(self, method=None, suffix=None):
        return [c for c in self.state()["log"]
                if (method is None or c["method"] == method)
                and (suffix is None or c["path"].endswith(suffix))]

    def act(self, next_url, action):
        """The resident on the provider's page: Pay, Decline or Cancel.
        @returns the return_url it sends them to."""
        with urllib.request.urlopen(next_url) as r:
            assert r.status == 200
        req = urllib.request.Request(
            next_url, urllib.parse.urlencode({"action": action}).encode())

        class Keep(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *a, **k):
                return None
        try:
            urllib.request.build_opener(Keep).open(req)
        except urllib.error.HTTPError as e:
            assert e.code == 303, e.code
            return e.headers["Location"]
        raise AssertionError("the stand-in did not redirect")


def continue_to_payment(resident, slug):
    """POSTs the button of /SLUG/payment; @returns (status, Location)."""
    return resident.answer(f"/{slug}/payment", [])


def pay(resident, standin, slug, action="pay"):
    """From /SLUG/payment through the provider's page and back: @returns
    the server's answer to the return (status, Location)."""
    status, next_url = continue_to_payment(resident, slug)
    assert status == 303 and next_url.startswith(standin.url), \
        (status, next_url)
    back = standin.act(next_url, action)
    path = urllib.parse.urlsplit(back)
    return resident.request_location(path.path + "?" + path.query)
