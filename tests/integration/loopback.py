# SPDX-License-Identifier: MIT
"""The real server on loopback for the integration tests written in
Python (test_address_lookup.py, test_lookup.py): a `formbuilder serve`
of its own with a config file and database (SQLite in a directory of its
own, or PostgreSQL under tests/pg/cluster.sh: ../delivery/databases.py),
and a resident (cookies, CSRF token, no redirects followed)."""

import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "delivery"))
import databases  # noqa: E402  (SQLite or PostgreSQL, FBT_BACKEND)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, proc, what):
    end = time.time() + 15
    while time.time() < end:
        if proc.poll() is not None:
            raise AssertionError(f"{what} exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), 0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"{what} did not start")


class Server:
    """`SERVER serve --forms MODS` in TMP/NAME with config LINES and the
    environment less DROP plus ENV."""

    def __init__(self, server, mods, tmp, name, lines, env=None, drop=()):
        self.server, self.mods = server, mods
        self.dir = os.path.join(tmp, name)
        os.makedirs(self.dir)
        self.port = free_port()
        self.config = os.path.join(self.dir, "formbuilder.conf")
        with open(self.config, "w") as f:
            f.write(f"port = {self.port}\n")
            f.write(f"db = {databases.fresh(self.dir)}\n")
            f.write(lines)
        self.log = open(os.path.join(self.dir, "log"), "w+")
        e = {k: v for k, v in os.environ.items() if k not in drop}
        if os.environ.get("FBT_BACKEND") == "pg":
            # A shared store signs sessions with a key of its own.
            e["FORMBUILDER_SESSION_KEY"] = "loopback-" + "0" * 32
        e.update(env or {})
        self.proc = subprocess.Popen(
            [server, "serve", "--config", self.config, "--forms", mods],
            stdout=self.log, stderr=subprocess.STDOUT, env=e)
        wait_port(self.port, self.proc, "formbuilder")

    def log_text(self):
        self.log.flush()
        with open(self.log.name) as f:
            return f.read()

    def export(self, slug, fmt="json"):
        out = subprocess.run(
            [self.server, "export", "--form", slug, "--format", fmt,
             "--config", self.config, "--forms", self.mods],
            check=True, capture_output=True, text=True).stdout
        return json.loads(out) if fmt == "json" else out

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)
        self.log.close()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None


class Resident:
    """One browser: its cookies, the last page's CSRF token."""

    def __init__(self, srv):
        self.base = f"http://127.0.0.1:{srv.port}"
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())
        self.csrf = None

    def request(self, path, data=None):
        req = urllib.request.Request(self.base + path, data=data)
        try:
            r = self.opener.open(req, timeout=30)
        except urllib.error.HTTPError as e:
            r = e
        body = r.read().decode()
        m = re.search(r'name="csrf_token" value="([^"]+)"', body)
        if m:
            self.csrf = m.group(1)
        return r.status, r.headers.get("Location"), body

    def get(self, path):
        return self.request(path)

    def post(self, path, fields):
        data = [("csrf_token", self.csrf)] + list(fields.items())
        return self.request(path, urllib.parse.urlencode(data).encode())

    def submit(self, slug):
        """Sends check your answers. @returns the POST's status."""
        _, _, body = self.get(f"/{slug}/check-answers")
        action = re.search(r'<form method="post" novalidate action="([^"]*)"',
                           body).group(1).replace("&amp;", "&")
        return self.post(action, {})[0]


def field_value(body, name):
    m = re.search(rf'name="{re.escape(name)}"[^>]*? value="([^"]*)"', body)
    return m.group(1) if m else None
