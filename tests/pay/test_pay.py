# SPDX-License-Identifier: MIT
"""Payments through the real server against the GOV.UK Pay stand-in.

The real `formbuilder serve` (SQLite file, its outbox and payment
workers) takes fees through pay_standin.py, which implements GOV.UK
Pay's documented API on loopback; deliveries go to the delivery suite's
receivers (tests/delivery/test_delivery.py, reused here). Every way a
payment ends is walked: paid, declined, cancelled, came back without
paying, never came back (the worker finds it), given up (the booking
freed), and the provider failing (5xx, a timeout, malformed JSON) on
create and on the check after return; a cancelled booking is refunded.

    test_pay.py FORMBUILDER FORMC XSD_VALIDATE SRCDIR
"""

import os
import re
import subprocess
import sys
import time
import unittest
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "delivery"))
import test_delivery as td  # noqa: E402  (parses the arguments)
import pay_harness  # noqa: E402

setUpModule = td.setUpModule
tearDownModule = td.tearDownModule

BULKY = "book-a-bulky-waste-collection"     # a fixed fee: £35.00
GARDEN = "book-a-garden-waste-bin-delivery"  # a price per number of bins


class Payments(td.Delivery):
    def setUp(self):
        super().setUp()
        self.pay = td.payments
        self.pay.control("normal")

    def start(self, **kw):
        extra = {"pay_timeout": "2s", "pay_poll": "1s", "pay_recheck": "1s"}
        extra.update(kw.pop("extra", {}))
        return super().start(extra=extra, **kw)

    def send(self, res, slug):
        """Walks @p slug's sample journey and sends it: @returns the
        reference, read from the store (nothing is confirmed yet)."""
        j = td.journeys[slug]
        pages = {p["id"]: p for p in j["pages"]}
        for pid in j["journey"]:
            status, _ = res.answer(f"/{slug}/{pid}", pages[pid]["fields"])
            self.assertEqual(status, 303, (slug, pid))
        _, html = res.request(f"/{slug}/check-answers")
        action = re.search(r'<form method="post" novalidate action="([^"]*)"',
                           html).group(1).replace("&amp;", "&")
        status, where = res.answer(f"/{slug}/check-answers", [],
                                   action=action)
        self.assertEqual((status, where), (303, f"/{slug}/payment"))
        return self.payment_row(slug)["reference"]

    def payment_row(self, slug):
        rows = self.server.rows(
            "SELECT p.reference, amount, status, code, attempt, provider_id, "
            "refund_status, refunded, return_token FROM payments p "
            "JOIN submissions s ON s.reference = p.reference WHERE "
            "p.form = ? ORDER BY s.id DESC", slug)
        keys = ("reference", "amount", "status", "code", "attempt",
                "provider_id", "refund_status", "refunded", "return_token")
        return dict(zip(keys, rows[0])) if rows else None

    def page(self, res, path):
        status, html = res.request(path)
        return status, re.sub(r"\s+", " ", html)

    def assert_undelivered(self, ref):
        self.assertEqual(self.server.deliveries(ref), [])
        status, where = res_location(self.res, f"/{BULKY}/confirmation")
        self.assertEqual((status, where), (303, f"/{BULKY}/payment"))

    # ---- the journeys ----

    def test_paid_is_confirmed_and_only_then_delivered(self):
        srv = self.start()
        self.res = res = td.Resident(srv)
        ref = self.send(res, BULKY)
        status, html = self.page(res, f"/{BULKY}/payment")
        self.assertEqual(status, 200)
        self.assertIn("Pay for your form", html)
        self.assertIn("£35", html)
        # Stored, not sent: no delivery, no confirmation.
        self.assert_undelivered(ref)
        status, where = pay_harness.pay(res, self.pay, BULKY)
        self.assertEqual((status, where), (303, f"/{BULKY}/confirmation"))
        status, html = self.page(res, f"/{BULKY}/confirmation")
        self.assertEqual(status, 200)
        self.assertIn(ref, html)
        row = self.payment_row(BULKY)
        self.assertEqual((row["status"], row["amount"]), ("success", 3500))
        td.wait_for(lambda: self.delivered(ref), what="the deliveries")
        create = self.pay.calls("POST", "/v1/payments")[-1]
        self.assertEqual(create["key"], f"formbuilder-{ref}-1")
        body = __import__("json").loads(create["body"])
        self.assertEqual((body["amount"], body["reference"]), (3500, ref))
        self.assertIn(f"/{BULKY}/payment/return?token=", body["return_url"])
        # The return again (a reload, a replay): nothing more is sent.
        token = row["return_token"]
        status, where = res_location(
            res, f"/{BULKY}/payment/return?token={token}")
        self.assertEqual((status, where), (303, f"/{BULKY}/confirmation"))
        self.assertEqual(len(srv.deliveries(ref)),
                         len(self.delivered(ref)))

    def test_a_price_per_option_and_the_reference_prefix(self):
        srv = self.start()
        res = td.Resident(srv)
        self.send(res, GARDEN)
        row = self.payment_row(GARDEN)
        bins = [v for p in td.journeys[GARDEN]["pages"]
                for k, v in p["fields"] if k == "bin_count"][0]
        self.assertEqual(row["amount"], {"1": 2500, "2": 4000}[bins])
        status, where = pay_harness.pay(res, self.pay, GARDEN)
        self.assertEqual((status, where), (303, f"/{GARDEN}/confirmation"))
        body = __import__("json").loads(
            self.pay.calls("POST", "/v1/payments")[-1]["body"])
        self.assertEqual(body["reference"], "GWB-" + row["reference"])

    def test_cancelled_then_paid_on_a_second_payment(self):
        srv = self.start()
        self.res = res = td.Resident(srv)
        ref = self.send(res, BULKY)
        status, where = pay_harness.pay(res, self.pay, BULKY, "cancel")
        self.assertEqual((status, where), (303, f"/{BULKY}/payment"))
        status, html = self.page(res, f"/{BULKY}/payment")
        self.assertIn("You cancelled your payment", html)
        self.assertIn("Try to pay again", html)
        self.assertEqual(self.payment_row(BULKY)["status"], "cancelled")
        self.assert_undelivered(ref)
        status, where = pay_harness.pay(res, self.pay, BULKY)
        self.assertEqual((status, where), (303, f"/{BULKY}/confirmation"))
        keys = [c["key"] for c in self.pay.calls("POST", "/v1/payments")
                if ref in c["key"]]
        self.assertEqual(keys, [f"formbuilder-{ref}-1",
                                f"formbuilder-{ref}-2"])
        td.wait_for(lambda: self.delivered(ref), what="the deliveries")

    def test_declined_card_says_not_taken(self):
        srv = self.start()
        self.res = res = td.Resident(srv)
        ref = self.send(res, BULKY)
        status, where = pay_harness.pay(res, self.pay, BULKY, "decline")
        self.assertEqual((status, where), (303, f"/{BULKY}/payment"))
        _, html = self.page(res, f"/{BULKY}/payment")
        self.assertIn("Your payment was not taken", html)
        row = self.payment_row(BULKY)
        self.assertEqual((row["status"], row["code"]), ("failed", "P0010"))
        self.assert_undelivered(ref)

    def test_came_back_without_paying_resumes_the_same_payment(self):
        srv = self.start(extra={"pay_recheck": "1h"})
        self.res = res = td.Resident(srv)
        ref = self.send(res, BULKY)
        status, next_url = pay_harness.continue_to_payment(res, BULKY)
        self.assertEqual(status, 303)
        token = self.payment_row(BULKY)["return_token"]
        # Back by the browser's address bar, without paying.
        status, where = res_location(
            res, f"/{BULKY}/payment/return?token={token}")
        self.assertEqual((status, where), (303, f"/{BULKY}/payment"))
        _, html = self.page(res, f"/{BULKY}/payment")
        self.assertIn("You have not paid yet", html)
        self.assert_undelivered(ref)
        # Continue: the same payment at the provider, no second one.
        status, again = pay_harness.continue_to_payment(res, BULKY)
        self.assertEqual((status, again), (303, next_url))
        creates = [c for c in self.pay.calls("POST", "/v1/payments")
                   if ref in c["key"]]
        self.assertEqual(len(creates), 1)

    def test_double_click_makes_one_payment(self):
        srv = self.start(extra={"pay_recheck": "1h"})
        res = td.Resident(srv)
        ref = self.send(res, BULKY)
        _, html = res.request(f"/{BULKY}/payment")
        csrf = re.search(r'name="csrf_token" value="([^"]*)"', html).group(1)
        fields = [("csrf_token", csrf), ("website", "")]
        a = res.request_location(f"/{BULKY}/payment", fields)
        b = res.request_location(f"/{BULKY}/payment", fields)
        self.assertEqual(a, b)
        ids = {p["payment_id"] for p in self.pay.state()["payments"].values()
               if p["reference"] == ref}
        self.assertEqual(len(ids), 1)

    def test_never_came_back_the_worker_finds_the_payment(self):
        """Paid at the provider, and the server stopped before the return
        was seen: the worker reads the success and sends the form."""
        srv = self.start()
        res = td.Resident(srv)
        ref = self.send(res, BULKY)
        status, next_url = pay_harness.continue_to_payment(res, BULKY)
        srv.stop()
        self.pay.act(next_url, "pay")         # the return is never made
        srv.start()
        td.wait_for(lambda: self.payment_row(BULKY)["status"] == "success",
                    what="the worker to see the payment")
        td.wait_for(lambda: self.delivered(ref), what="the deliveries")
        status, html = self.page(res, f"/{BULKY}/confirmation")
        self.assertEqual(status, 200)
        self.assertIn(ref, html)

    def test_unpaid_is_given_up_and_its_place_freed(self):
        srv = self.start(extra={"pay_abandon": "2s"})
        self.res = res = td.Resident(srv)
        ref = self.send(res, BULKY)
        td.wait_for(lambda: self.payment_row(BULKY)["status"] == "abandoned",
                    what="the worker to give up")
        places = srv.rows("SELECT state FROM booking_places WHERE "
                          "reference = ?", ref)
        self.assertEqual(places, [("cancelled",)])
        _, html = self.page(res, f"/{BULKY}/payment")
        self.assertIn("Your form was not sent", html)
        self.assertEqual(srv.deliveries(ref), [])
        status, where = res_location(res, f"/{BULKY}/confirmation")
        self.assertEqual((status, where), (303, f"/{BULKY}/payment"))

    def test_provider_failing_on_create_says_so_and_takes_nothing(self):
        srv = self.start()
        self.res = res = td.Resident(srv)
        ref = self.send(res, BULKY)
        for mode, seconds in (("5xx", 0), ("malformed", 0), ("timeout", 5),
                              ("refuse", 0)):
            self.pay.control(mode, times=1, seconds=seconds)
            t0 = time.time()
            status, html = pay_post(res, BULKY)
            self.assertEqual(status, 503, mode)
            self.assertIn("payments are not working right now", html, mode)
            self.assertLess(time.time() - t0, 4.5, mode)   # pay_timeout 2s
            self.assertEqual(self.payment_row(BULKY)["status"], "new", mode)
        self.assert_undelivered(ref)
        # The same attempt's key every time: at most one payment is made.
        keys = {c["key"] for c in self.pay.calls("POST", "/v1/payments")
                if ref in c["key"]}
        self.assertEqual(keys, {f"formbuilder-{ref}-1"})
        status, where = pay_harness.pay(res, self.pay, BULKY)
        self.assertEqual((status, where), (303, f"/{BULKY}/confirmation"))

    def test_provider_failing_on_the_check_confirms_nothing(self):
        srv = self.start(extra={"pay_recheck": "1h"})
        self.res = res = td.Resident(srv)
        ref = self.send(res, BULKY)
        _, next_url = pay_harness.continue_to_payment(res, BULKY)
        back = urllib.parse.urlsplit(self.pay.act(next_url, "pay"))
        path = back.path + "?" + back.query
        for mode in ("5xx", "malformed"):
            self.pay.control(mode, times=1)
            status, html = self.page(res, path)
            self.assertEqual(status, 503, mode)
            self.assertIn("you do not need to pay again", html)
            self.assert_undelivered(ref)
        status, where = res_location(res, path)
        self.assertEqual((status, where), (303, f"/{BULKY}/confirmation"))
        td.wait_for(lambda: self.delivered(ref), what="the deliveries")

    def test_a_forged_return_token_finds_nothing(self):
        srv = self.start()
        res = td.Resident(srv)
        for token in ("x" * 43, "", "../../etc", "A" * 300):
            status, _ = res.request(f"/{BULKY}/payment/return?token={token}")
            self.assertEqual(status, 404, token)
        status, _ = res.request(f"/{BULKY}/payment")
        self.assertEqual(status, 303)   # nothing sent: to the start

    def test_cancelled_booking_is_refunded_once(self):
        srv = self.start()
        res = td.Resident(srv)
        ref = self.send(res, BULKY)
        pay_harness.pay(res, self.pay, BULKY)
        _, html = res.request(f"/{BULKY}/confirmation")
        manage = re.search(r'href="(/%s/booking/[^".]+)"' % BULKY,
                           html).group(1)
        self.pay.control("5xx", times=1)       # the first refund fails
        status, loc = res.answer(manage, [], action=manage + "/cancel")
        status, loc = res.answer(manage + "/cancel", [])
        self.assertEqual((status, loc), (303, manage + "/cancelled"))
        _, html = self.page(res, manage + "/cancelled")
        self.assertRegex(html, r"The £35(\.00)? you paid will be refunded "
                               r"to your card")
        td.wait_for(lambda: self.payment_row(BULKY)["refund_status"]
                    == "submitted", what="the refund to be asked for")
        self.pay.settle_refunds()
        td.wait_for(lambda: self.payment_row(BULKY)["refund_status"]
                    == "success", what="the refund to be made")
        row = self.payment_row(BULKY)
        self.assertEqual(row["refunded"], 3500)
        refunds = self.pay.calls("POST", "/refunds")
        self.assertTrue(all(c["key"] == f"formbuilder-{ref}-refund"
                            for c in refunds), refunds)
        made = [c for c in refunds if c["status"] == 202]
        self.assertEqual(len(made), 1)
        p = [p for p in self.pay.state()["payments"].values()
             if p["reference"] == ref][0]
        self.assertEqual([r["amount"] for r in p["refunds"]], [3500])

    def test_refuses_to_start_without_the_provider(self):
        for unset in ("FORMBUILDER_PAY_URL", "FORMBUILDER_PAY_KEY"):
            srv = td.Server(self.receiver, self.smtp.port)
            srv.env.pop(unset)
            self.assertNotEqual(srv.start(expect_ok=False), 0)
            with open(srv.log) as f:
                log = f.read()
            self.assertIn("takes payments", log)
            self.assertIn("FORMBUILDER_PAY_KEY", log)
            self.assertIn("pay_url", log)

    def test_the_key_is_in_no_log_or_database(self):
        srv = self.start()
        res = td.Resident(srv)
        self.send(res, BULKY)
        pay_harness.pay(res, self.pay, BULKY)
        srv.stop()
        key = td.env_values["FORMBUILDER_PAY_KEY"].encode()
        with open(srv.log, "rb") as f:
            self.assertNotIn(key, f.read(), srv.log)
        self.assertNotIn(key, srv.database_bytes(), srv.db)


def res_location(res, path):
    return res.request_location(path)


def pay_post(res, slug):
    """POSTs /SLUG/payment's button: @returns (status, page)."""
    _, html = res.request(f"/{slug}/payment")
    csrf = re.search(r'name="csrf_token" value="([^"]*)"', html).group(1)
    status, html = res.request(f"/{slug}/payment",
                               [("csrf_token", csrf), ("website", "")])
    return status, re.sub(r"\s+", " ", html)


def load_tests(loader, tests, pattern):
    """Only this file's tests, not those of the delivery suite it builds
    on."""
    return unittest.TestSuite(Payments(name) for name in sorted(vars(Payments))
                              if name.startswith("test_"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
