// SPDX-License-Identifier: MIT
// The accessibility checks (checks.mjs: axe-core, titles, keyboard,
// reflow, zoom, Welsh, then the Nu Html Checker) on every page and state
// of save and return and the session timeout, which the journey walks
// never reach: the email page (empty, with errors), check your email,
// the continue page, a link used already, a link that does not work, an
// expired link and the timeout page, for each form given, in English and
// (when it is bilingual) Welsh. The real server sends the links to
// smtp_sink.py (aiosmtpd) on loopback, where they are read; the expired
// link is seen after a restart 29 days on (FB_TEST_NOW).
//
//   node tests/a11y/save.mjs --server build/runtime/server/formbuilder \
//       --forms apply-for-a-disabled-facilities-grant@cy,apply-for-a-blue-badge
//
// A form ending "@cy" is checked in Welsh as well. Exit 0 clean, 1
// violations, 77 skipped (no browser, node_modules or aiosmtpd).

import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { freePort, startServer, stopServer } from "../lib/server.mjs";
import { browserMissing, checkPage, newResident, reportAndExit,
         setCatalogue, startBrowser } from "./checks.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const python = "/usr/bin/python3";

function skip(why) {
    console.log(`a11y-save: skipped: ${why}`);
    process.exit(77);
}

// smtp_sink.py on a free port; resolves once it is ready.
async function startSink(out) {
    const port = await freePort();
    const child = spawn(python, [join(root, "tests/delivery/smtp_sink.py"),
                                 "--port", String(port), "--out", out],
                        { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise((ok, fail) => {
        child.stdout.once("data", ok);
        child.once("exit", (c) => fail(new Error(`smtp sink exited ${c}`)));
    });
    return { child, port };
}

// The path of the newest save link in @p out sent to @p to.
async function linkFor(out, to) {
    for (let i = 0; i < 200; i++) {
        const lines = existsSync(out)
            ? readFileSync(out, "utf8").split("\n").filter(Boolean) : [];
        for (const line of lines.reverse()) {
            const m = JSON.parse(line);
            const url = m.to.includes(to) &&
                /https?:\/\/[^/\s]+(\/[a-z0-9-]+\/return\/[A-Za-z0-9_-]+)/
                    .exec(m.data);
            if (url) return url[1];
        }
        await new Promise((ok) => setTimeout(ok, 100));
    }
    throw new Error(`no save link was emailed to ${to}`);
}

function parseArgs(argv) {
    const args = { server: null, forms: [] };
    for (let i = 2; i < argv.length; i++) {
        if (argv[i] === "--server") args.server = argv[++i];
        else if (argv[i] === "--forms") args.forms = argv[++i].split(",");
        else {
            console.error(`a11y-save: unknown argument ${argv[i]}`);
            process.exit(2);
        }
    }
    if (!args.server || !args.forms.length) {
        console.error("usage: node tests/a11y/save.mjs --server BIN " +
                      "--forms SLUG[@cy],...");
        process.exit(2);
    }
    return args;
}

// Answers the first question page of @p slug with whatever its first
// control takes, so there is something to save.
async function answerFirstPage(page, base, slug) {
    await page.goto(`${base}/${slug}/`);
    const start = await page.$("main a.govuk-button--start, main a.govuk-button");
    if (start) await Promise.all([page.waitForNavigation(), start.click()]);
    const radio = await page.$("main input[type=radio]");
    if (radio) await radio.check();
    else await page.fill("main input.govuk-input, main textarea", "Answer");
    await Promise.all([page.waitForNavigation(),
                       page.click("main form button.govuk-button")]);
}

async function main() {
    const args = parseArgs(process.argv);
    const missing = browserMissing();
    if (missing) skip(missing);
    if (spawnSync(python, ["-c", "import aiosmtpd"]).status !== 0)
        skip("python3-aiosmtpd missing");
    const catalogue = spawnSync(args.server, ["messages", "--format",
                                              "json"], { encoding: "utf8" });
    setCatalogue(JSON.parse(catalogue.stdout));

    const work = mkdtempSync(join(tmpdir(), "fb-a11y-save-"));
    const mail = join(work, "mail.jsonl");
    const db = join(work, "save.db");
    const sink = await startSink(mail);
    const conf = (port) => `base_url = http://127.0.0.1:${port}\n` +
        `smtp_url = smtp://127.0.0.1:${sink.port}\nsmtp_starttls = off\n` +
        "outbox_poll_ms = 100\n";
    let server = await startServer(args.server, db, {}, conf);
    const browser = await startBrowser();
    const results = [];
    const expired = [];
    try {
        for (const spec of args.forms) {
            const [slug, welsh] = spec.split("@");
            for (const lang of welsh ? ["en", "cy"] : ["en"]) {
                const form = lang === "en" ? slug : `${slug}@cy`;
                const context = await newResident(browser,
                    lang === "cy" ? "cy-GB" : undefined);
                const page = await context.newPage();
                const check = async (state, response, status) => {
                    const html = response ? await response.text() : null;
                    const r = await checkPage(page, { form, page: state,
                        state, html, pagesDir: work });
                    if (response && response.status() !== status)
                        r.problems.push(`status ${response.status()}, ` +
                                        `want ${status}`);
                    results.push(r);
                };
                const base = server.base;
                await answerFirstPage(page, base, slug);
                await Promise.all([page.waitForNavigation(), page.click(
                    `main a[href="/${slug}/save-and-return"]`)]);
                await check("save", null, 200);
                let [res] = await Promise.all([page.waitForNavigation(),
                    page.click("main form button.govuk-button")]);
                await check("save-errors", res, 422);
                const to = `${lang}.${slug}@example.com`;
                await page.fill("#email", to);
                [res] = await Promise.all([page.waitForNavigation(),
                    page.click("main form button.govuk-button")]);
                await check("check-your-email", res, 200);
                const link = await linkFor(mail, to);
                // The link opened in another browser.
                const other = await newResident(browser,
                    lang === "cy" ? "cy-GB" : undefined);
                const p2 = await other.newPage();
                res = await p2.goto(`${base}${link}`);
                results.push({ ...await checkPage(p2, { form,
                    page: "return", state: "return", html: await res.text(),
                    pagesDir: work }) });
                await Promise.all([p2.waitForNavigation(),
                                   p2.click("main form button.govuk-button")]);
                await other.close();
                res = await page.goto(`${base}${link}`);
                await check("link-used", res, 410);
                res = await page.goto(`${base}/${slug}/return/${"A".repeat(43)}`);
                await check("link-not-found", res, 404);
                res = await page.goto(`${base}/${slug}/session-timed-out`);
                await check("timeout", res, 200);
                // One more saved journey, left to expire.
                await answerFirstPage(page, base, slug);
                await page.goto(`${base}/${slug}/save-and-return`);
                await page.fill("#email", `late.${to}`);
                await Promise.all([page.waitForNavigation(),
                    page.click("main form button.govuk-button")]);
                expired.push({ form, lang, link: await linkFor(mail,
                                                               `late.${to}`) });
                await context.close();
            }
        }
        // 29 days on, every link left has expired.
        await stopServer(server);
        const later = new Date(Date.now() + 29 * 86400e3).toISOString()
            .replace(/\.\d+Z$/, "Z");
        server = await startServer(args.server, db, { FB_TEST_NOW: later },
                                   conf);
        for (const e of expired) {
            const context = await newResident(browser,
                e.lang === "cy" ? "cy-GB" : undefined);
            const page = await context.newPage();
            const res = await page.goto(`${server.base}${e.link}`);
            const r = await checkPage(page, { form: e.form,
                page: "link-expired", state: "link-expired",
                html: await res.text(), pagesDir: work });
            if (res.status() !== 410)
                r.problems.push(`status ${res.status()}, want 410`);
            results.push(r);
            await context.close();
        }
    } finally {
        await browser.close();
        await stopServer(server);
        sink.child.kill();
    }
    reportAndExit("a11y-save", results, work);
}

main().catch((e) => {
    console.error(`a11y-save: ${e.stack || e}`);
    process.exit(1);
});
