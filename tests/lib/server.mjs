// SPDX-License-Identifier: MIT
// Starts the real formbuilder server for the node test scripts (the a11y
// suite, the static-pages parity test): `formbuilder serve` on a free
// loopback port with its own database, ready once /healthz answers.

import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

// The GOV.UK Pay stand-in (tests/pay/pay_standin.py) for the forms that
// take a fee, on a loopback port. Returns { child, url }.
async function startPayStandin(dir, key) {
    const portFile = join(dir, `pay-standin-${process.pid}.port`);
    const child = spawn("python3", [join(here, "..", "pay", "pay_standin.py"),
                                    portFile, key],
                        { stdio: ["ignore", "ignore", "inherit"] });
    for (let i = 0; i < 100 && !existsSync(portFile); i++)
        await new Promise((ok) => setTimeout(ok, 100));
    if (!existsSync(portFile))
        throw new Error("the GOV.UK Pay stand-in did not start");
    return { child, url: `http://127.0.0.1:${readFileSync(portFile, "utf8")}` };
}

// A free loopback port (for a server about to start on it).
export async function freePort() {
    return new Promise((ok, fail) => {
        const s = createServer();
        s.listen(0, "127.0.0.1", () => {
            const { port } = s.address();
            s.close(() => ok(port));
        });
        s.on("error", fail);
    });
}

async function waitForHealth(base, child) {
    for (let i = 0; i < 100; i++) {
        if (child.exitCode !== null)
            throw new Error(`server exited with ${child.exitCode}`);
        try {
            const r = await fetch(`${base}/healthz`);
            if (r.ok) return;
        } catch { /* not up yet */ }
        await new Promise((ok) => setTimeout(ok, 100));
    }
    throw new Error("server did not answer /healthz within 10 s");
}

// Starts `binary serve` with its database at `db` (and its configuration,
// no rate limits, at `db`.conf, with the `key = value` lines @p conf
// returns for the port, e.g. a base_url, or the lines @p conf is) and @p extra in its
// environment (e.g. FB_TEST_NOW). Returns { child, base }, base being
// "http://127.0.0.1:PORT"; stop it with stopServer().
export async function startServer(binary, db, extra = {}, conf = null) {
    const port = await freePort();
    const env = { ...process.env, ...extra,
                  FORMBUILDER_PORT: String(port),
                  FORMBUILDER_LISTEN: "127.0.0.1",
                  FORMBUILDER_DB: db,
                  FORMBUILDER_LOG_LEVEL: "warn" };
    // The forms' targets need their keys to start (docs/delivery.md).
    const needed = spawnSync(binary, ["outbox", "env"], { encoding: "utf8" });
    for (const name of (needed.stdout || "").split("\n").filter(Boolean))
        if (!env[name]) env[name] = "test-value-not-a-secret";
    // Forms with a fee: a provider on loopback (docs/integrations.md).
    let pay = null;
    if (env.FORMBUILDER_PAY_KEY && !env.FORMBUILDER_PAY_URL) {
        pay = await startPayStandin(dirname(db), env.FORMBUILDER_PAY_KEY);
        env.FORMBUILDER_PAY_URL = pay.url;
    }
    // These scripts walk every form as fast as they can from one address:
    // the rate limits (tested in the `limits` suite) would refuse them.
    const confFile = `${db}.conf`;
    writeFileSync(confFile, "post_rate_per_client = off\n" +
                            "submit_rate_per_client = off\n" +
                            "submit_rate_per_form = off\n" +
                            (typeof conf === "function" ? conf(port) : conf ?? ""));
    // When it started: with FB_TEST_NOW its clock runs from that time
    // on (runtime/server/clock.c), which what signs for it must follow.
    const startedAt = Date.now();
    const child = spawn(binary, ["serve", "--config", confFile],
                        { env, stdio: ["ignore", "ignore", "inherit"] });
    const base = `http://127.0.0.1:${port}`;
    try {
        await waitForHealth(base, child);
    } catch (e) {
        pay?.child.kill("SIGTERM");
        throw e;
    }
    return { child, base, startedAt, pay };
}

// Stops a server startServer() started and waits for it to exit.
export async function stopServer(server) {
    server.pay?.child.kill("SIGTERM");
    if (server.child.exitCode !== null) return;
    const exited = new Promise((ok) => server.child.on("exit", ok));
    server.child.kill("SIGTERM");
    await exited;
}
