# SPDX-License-Identifier: MIT
"""A local stand-in for Ordnance Survey's OS Places API postcode search.

It implements the documented contract the server uses:

    GET /search/places/v1/postcode?postcode=PC&key=KEY

answered as OS Places does: 200 with {"header": {..., "totalresults": N},
"results": [{"DPA": {"UPRN", "ADDRESS", "BUILDING_NUMBER",
"THOROUGHFARE_NAME", "POST_TOWN", "POSTCODE", "LOCAL_CUSTODIAN_CODE",
...}}]} (no "results" at all when nothing is found), 400 with an "error"
object for a postcode it cannot read, 401 for a wrong key.

The failures the server must survive are chosen by the postcode (or, for
every request, by --mode / OS_PLACES_MODE):

    CF99 9SL  slow: answers after --slow seconds (default 10)
    CF99 9XX  5xx: 503 with an HTML body
    CF99 9MF  malformed: a JSON body cut short
    CF99 9WS  wrong shape: JSON, but "results" is not a list
    CF99 9NF  nothing found: totalresults 0, no "results"

Known postcodes: CF10 4UW (12 numbered houses on Heol y Test, Cardiff,
custodian 6815), SW1A 2AA (one address, Westminster, 5990), CF10 1EP (a
flat in a named building), NP20 4AA (three houses, Newport, 6935). GET /_calls answers the number of postcode
searches served, so tests can see the server's cache at work.

    os_places.py --port N [--key KEY] [--mode normal|slow|5xx|malformed]
"""

import argparse
import json
import os
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

calls = 0
calls_lock = threading.Lock()


CUSTODIANS = {6815: "CARDIFF", 5990: "CITY OF WESTMINSTER", 6935: "NEWPORT"}


def dpa(uprn, address, postcode, town, custodian, **parts):
    rec = {"UPRN": uprn, "UDPRN": str(int(uprn) % 100000000),
           "ADDRESS": address, "POST_TOWN": town, "POSTCODE": postcode,
           "RPC": "1", "X_COORDINATE": 318000.0, "Y_COORDINATE": 176000.0,
           "STATUS": "APPROVED", "LOGICAL_STATUS_CODE": "1",
           "CLASSIFICATION_CODE": "RD04",
           "LOCAL_CUSTODIAN_CODE": custodian,
           "LOCAL_CUSTODIAN_CODE_DESCRIPTION": CUSTODIANS[custodian],
           "COUNTRY_CODE": "E" if custodian == 5990 else "W",
           "POSTAL_ADDRESS_CODE": "D", "MATCH": 1.0,
           "MATCH_DESCRIPTION": "EXACT", "LANGUAGE": "EN"}
    rec.update(parts)
    return {"DPA": rec}


ADDRESSES = {
    "CF10 4UW": [dpa(str(100100000000 + n),
                     f"{n}, HEOL Y TEST, CARDIFF, CF10 4UW", "CF10 4UW",
                     "CARDIFF", 6815, BUILDING_NUMBER=str(n),
                     THOROUGHFARE_NAME="HEOL Y TEST")
                 for n in range(1, 13)],
    "SW1A 2AA": [dpa("100023336956",
                     "PRIME MINISTER & FIRST LORD OF THE TREASURY, 10, "
                     "DOWNING STREET, LONDON, SW1A 2AA", "SW1A 2AA",
                     "LONDON", 5990,
                     ORGANISATION_NAME="PRIME MINISTER & FIRST LORD OF THE "
                                       "TREASURY",
                     BUILDING_NUMBER="10",
                     THOROUGHFARE_NAME="DOWNING STREET")],
    "CF10 1EP": [dpa("10002511111", "FLAT 3, TY PRAWF, 5, STRYD Y CASTELL, "
                     "CARDIFF, CF10 1EP", "CF10 1EP", "CARDIFF", 6815,
                     SUB_BUILDING_NAME="FLAT 3", BUILDING_NAME="TY PRAWF",
                     BUILDING_NUMBER="5", THOROUGHFARE_NAME="STRYD Y CASTELL")],
}

ADDRESSES["NP20 4AA"] = [
    dpa(str(10090000000 + n), f"{n}, FFORDD Y PRAWF, NEWPORT, NP20 4AA",
        "NP20 4AA", "NEWPORT", 6935, BUILDING_NUMBER=str(n),
        THOROUGHFARE_NAME="FFORDD Y PRAWF") for n in range(1, 4)]

MODE_BY_POSTCODE = {"CF99 9SL": "slow", "CF99 9XX": "5xx",
                    "CF99 9MF": "malformed", "CF99 9WS": "wrong-shape",
                    "CF99 9NF": "none"}


def normalise(pc):
    pc = "".join(pc.split()).upper()
    return pc[:-3] + " " + pc[-3:] if len(pc) > 3 else pc


class Handler(BaseHTTPRequestHandler):
    server_version = "os-places-stand-in"

    def log_message(self, fmt, *args):
        pass

    def send(self, status, body, ctype="application/json"):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self):
        global calls
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/_calls":
            self.send(200, json.dumps({"calls": calls}))
            return
        if url.path != "/search/places/v1/postcode":
            self.send(404, json.dumps({"error": {"statuscode": 404,
                                                 "message": "not found"}}))
            return
        q = urllib.parse.parse_qs(url.query)
        with calls_lock:
            calls += 1
        if q.get("key", [""])[0] != self.server.key:
            self.send(401, json.dumps({"fault": {
                "faultstring": "Invalid ApiKey",
                "detail": {"errorcode":
                           "oauth.v2.InvalidApiKey"}}}))
            return
        raw = q.get("postcode", [""])[0]
        pc = normalise(raw)
        mode = self.server.mode
        if mode == "normal":
            mode = MODE_BY_POSTCODE.get(pc, "normal")
        if mode == "slow":
            time.sleep(self.server.slow)
        elif mode == "5xx":
            self.send(503, "<html><body>Service Unavailable</body></html>",
                      "text/html")
            return
        elif mode == "malformed":
            self.send(200, '{"header": {"totalresults": 3}, "results": [{"DP')
            return
        elif mode == "wrong-shape":
            self.send(200, json.dumps({"header": {"totalresults": 1},
                                       "results": {"DPA": {}}}))
            return
        if len(pc.replace(" ", "")) < 5:
            self.send(400, json.dumps({"error": {
                "statuscode": 400,
                "message": "Requested postcode must contain a minimum of "
                           "the sector plus 1 digit of the district e.g. "
                           f"SO1. Requested postcode was {raw}"}}))
            return
        results = [] if mode == "none" else ADDRESSES.get(pc, [])
        header = {"uri": f"https://api.os.uk{self.path.split('&key=')[0]}",
                  "query": f"postcode={raw}", "offset": 0,
                  "totalresults": len(results), "format": "JSON",
                  "dataset": "DPA", "lr": "EN,CY", "maxresults": 100,
                  "epoch": "109", "lastupdate": "2026-11-30",
                  "output_srs": "EPSG:27700"}
        body = {"header": header}
        if results:
            body["results"] = results
        self.send(200, json.dumps(body))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--key", default="test-os-places-key")
    ap.add_argument("--mode", default=os.environ.get("OS_PLACES_MODE",
                                                     "normal"))
    ap.add_argument("--slow", type=float, default=10.0)
    a = ap.parse_args()
    srv = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    srv.daemon_threads = True
    srv.key, srv.mode, srv.slow = a.key, a.mode, a.slow
    print("ready", flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
