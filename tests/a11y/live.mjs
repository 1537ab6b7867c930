// SPDX-License-Identifier: MIT
// The pages of a live service (docs/runtime.md, "Running a live service"),
// checked like every other page: each walked form's privacy notice page
// (when its notice is its own text), the maintenance page (503, set with
// `formbuilder maintenance on --form` on the walked server's database),
// and for the forms with opens/closes/max_submissions the not-open, closed
// and full pages, each on a server of its own started with FB_TEST_NOW
// before `opens:` or after `closes:`, or with the form's places all taken;
// and the pages a staff email's file link answers when it cannot give the
// file (changed, expired, deleted). English, and Welsh for the bilingual
// forms.

import { spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

import { startServer, stopServer } from "../lib/server.mjs";
import { checkPage, newResident } from "./checks.mjs";

const YAML = await import("yaml");
const WELSH = "cy-GB";
const HEADINGS = {
    "privacy": "Privacy notice",
    "privacy-cy": "Hysbysiad preifatrwydd",
    "maintenance": "Sorry, the service is unavailable",
    "not-open": "This form is not open yet",
    "closed": "This form is closed",
    "full": "This form is full",
    "closed-cy": "Mae\u2019r ffurflen hon ar gau",
    "start-again": "Are you sure you want to start again?",
    "accessibility": "Accessibility statement for Anytown Council",
    "accessibility-cy": "Datganiad hygyrchedd ar gyfer Cyngor Anytown",
    "file-link-bad": "This link does not work",
    "file-link-expired": "This link has expired",
    "file-gone": "This file has been deleted",
};

// A council's service as docs/runtime.md configures one.
const SITE = "service_name = Anytown Council\n" +
    "service_name_cy = Cyngor Anytown\n" +
    "header_colour = 1d70b8\n" +
    "phase = beta\n" +
    "feedback_url = https://www.example.gov.uk/feedback\n" +
    "footer_link = Contact us | https://www.example.gov.uk/contact\n" +
    "contact_email = access@example.gov.uk\n" +
    "contact_phone = 01234 567890\n";

// slug -> {opens, closes, max_submissions, welsh} of the forms in forms/
// and examples/ that set any of the live keys.
function liveForms(root) {
    const out = new Map();
    for (const dir of ["forms", "examples"])
        for (const name of readdirSync(join(root, dir)).sort()) {
            if (!name.endsWith(".yaml") || name.endsWith(".test.yaml")
                || name.endsWith(".cy.yaml"))
                continue;
            const doc = YAML.parse(readFileSync(join(root, dir, name), "utf8"));
            if (!doc || !(doc.opens || doc.closes || doc.max_submissions))
                continue;
            out.set(doc.form, { opens: doc.opens, closes: doc.closes,
                                cap: doc.max_submissions,
                                welsh: (doc.languages ?? []).includes("cy") });
        }
    return out;
}

async function check(browser, url, info, want, results, locale) {
    const context = await newResident(browser, locale);
    const page = await context.newPage();
    const response = await page.goto(url);
    const html = await response.text().catch(() => null);
    const r = await checkPage(page, { ...info, html });
    if (response.status() !== want)
        r.problems.push(`${info.state}: status ${response.status()}, ` +
                        `want ${want}`);
    if (want === 503 && !response.headers()["retry-after"])
        r.problems.push(`${info.state}: no Retry-After`);
    // The page it is meant to be, not another page that happens to pass.
    const h1 = await page.textContent("h1").catch(() => "");
    const heading = HEADINGS[info.state];
    if (heading && h1?.trim() !== heading)
        r.problems.push(`${info.state}: heading '${h1}', want '${heading}'`);
    results.push(r);
    await context.close();
}

async function statusOf(url) {
    return (await fetch(url)).status;
}

// Waits (at most 5 s: servers reread the flag each second) for @p status.
async function waitFor(url, status) {
    for (let i = 0; i < 50; i++) {
        if (await statusOf(url) === status) return true;
        await new Promise((ok) => setTimeout(ok, 100));
    }
    return false;
}

function maintenance(server, db, ...args) {
    const r = spawnSync(server, ["maintenance", ...args],
                        { encoding: "utf8",
                          env: { ...process.env, FORMBUILDER_DB: db } });
    if (r.status !== 0)
        throw new Error(`formbuilder maintenance ${args.join(" ")}: ` +
                        `${r.stderr}`);
}

// A local day as the server's clock: noon UTC of YYYY-MM-DD moved by days.
function noonAround(date, days) {
    const d = new Date(`${String(date).slice(0, 10)}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 19) + "Z";
}

// opts: {root, server, db, work, slugs, welsh (slugs offered in Welsh),
// pagesDir}. @returns the check results.
// The first of @p slugs whose form (forms/ or examples/) asks for a file.
function fileForm(root, slugs) {
    for (const dir of ["forms", "examples"])
        for (const name of readdirSync(join(root, dir)).sort()) {
            const slug = name.replace(/\.yaml$/, "");
            if (slugs.includes(slug)
                && /type: *file\b/.test(readFileSync(join(root, dir, name),
                                                    "utf8")))
                return slug;
        }
    return null;
}

// A staff email's link to an uploaded file (docs/delivery.md, "Links in
// staff emails") to form @p slug, signed with @p key unless @p sig.
function fileLink(base, key, slug, expires, ref, sig) {
    const sha = "0".repeat(64);
    const signed = sig ?? createHmac("sha256", key).update(
        `formbuilder-link-v1\nfile\n${slug}\n${expires}\nref=${ref}\n` +
        `sha256=${sha}\n`).digest("hex");
    return `${base}/files/${sha}?form=${slug}&ref=${ref}&expires=${expires}` +
        `&sig=${signed}`;
}

// The pages a file link answers with when it cannot give the file: a
// changed link, an expired one and a file deleted, on a server of its
// own with the links' key, for @p slug (a form with a file question).
async function fileLinkPages(browser, opts, slug, results, info) {
    const key = "a11y-file-link-key-not-a-secret";
    const srv = await startServer(opts.server, join(opts.work, "files.db"),
                                  { FORMBUILDER_FILE_LINK_KEY: key });
    const later = Math.floor(Date.now() / 1000) + 86400;
    try {
        const ref = "AAAA-BBBBBBBB";
        await check(browser, fileLink(srv.base, key, slug, later, ref, "00"),
                    info(slug, "files", "file-link-bad"), 403, results);
        await check(browser, fileLink(srv.base, key, slug, 1000000000, ref),
                    info(slug, "files", "file-link-expired"), 410, results);
        await check(browser, fileLink(srv.base, key, slug, later, ref),
                    info(slug, "files", "file-gone"), 404, results);
    } finally {
        await stopServer(srv);
    }
}

export async function livePages(browser, base, opts) {
    const results = [];
    const info = (slug, page, state) =>
        ({ form: `${slug}:live`, page, state, pagesDir: opts.pagesDir });
    for (const slug of opts.slugs) {
        const start = await (await fetch(`${base}/${slug}/`)).text();
        if (!start.includes(`href="/${slug}/privacy-notice"`))
            continue;
        await check(browser, `${base}/${slug}/privacy-notice`,
                    info(slug, "privacy-notice", "privacy"), 200, results);
        if (opts.welsh.includes(slug))
            await check(browser, `${base}/${slug}/privacy-notice`,
                        info(slug, "privacy-notice", "privacy-cy"), 200,
                        results, WELSH);
    }
    // Maintenance, on the walked server, for its first form.
    const first = opts.slugs[0];
    if (first) {
        maintenance(opts.server, opts.db, "on", "--form", first);
        const on = await waitFor(`${base}/${first}/`, 503);
        await check(browser, `${base}/${first}/`,
                    info(first, "start", "maintenance"), 503, results);
        if (opts.welsh.includes(first))
            await check(browser, `${base}/${first}/`,
                        info(first, "start", "maintenance-cy"), 503, results,
                        WELSH);
        maintenance(opts.server, opts.db, "off", "--form", first);
        if (!on || !await waitFor(`${base}/${first}/`, 200))
            results[results.length - 1].problems.push(
                "maintenance: the server did not follow the flag");
    }
    // Start again's confirmation, on the walked server.
    if (first) {
        await check(browser, `${base}/${first}/start-again`,
                    info(first, "start-again", "start-again"), 200, results);
        if (opts.welsh.includes(first))
            await check(browser, `${base}/${first}/start-again`,
                        info(first, "start-again", "start-again-cy"), 200,
                        results, WELSH);
    }
    // The council's frame (phase banner, colours, footer links) and its
    // accessibility statement, on a server configured as a council's.
    if (first) {
        const srv = await startServer(opts.server,
                                      join(opts.work, "site.db"), {}, SITE);
        try {
            await check(browser, `${srv.base}/accessibility`,
                        info("-", "/accessibility", "accessibility"), 200,
                        results);
            await check(browser, `${srv.base}/accessibility`,
                        info("-", "/accessibility", "accessibility-cy"), 200,
                        results, WELSH);
            await check(browser, `${srv.base}/${first}/`,
                        info(first, "start", "phase-banner"), 200, results);
            const html = await (await fetch(`${srv.base}/${first}/`)).text();
            if (!html.includes("govuk-phase-banner"))
                results[results.length - 1].problems.push(
                    "phase banner: not on the page");
        } finally {
            await stopServer(srv);
        }
    }
    // Closed, not yet open and full, each on its own server and database.
    const live = liveForms(opts.root);
    let n = 0;
    for (const [slug, f] of live) {
        if (!opts.slugs.includes(slug)) continue;
        const states = [];
        if (f.opens) states.push(["not-open", noonAround(f.opens, -1), null]);
        if (f.closes) states.push(["closed", noonAround(f.closes, 1), null]);
        if (f.cap) states.push(["full", null, f.cap]);
        for (const [state, now, cap] of states) {
            const db = join(opts.work, `live-${++n}.db`);
            const srv = await startServer(opts.server, db,
                                          now ? { FB_TEST_NOW: now } : {});
            try {
                if (cap) {
                    const r = spawnSync("python3", ["-c",
                        "import sqlite3, sys\n" +
                        "c = sqlite3.connect(sys.argv[1])\n" +
                        "c.execute('INSERT INTO form_counts VALUES (?, ?)'," +
                        " (sys.argv[2], int(sys.argv[3])))\n" +
                        "c.commit()\n", db, slug, String(cap)],
                        { encoding: "utf8" });
                    if (r.status !== 0)
                        throw new Error(`filling ${slug}: ${r.stderr}`);
                }
                await check(browser, `${srv.base}/${slug}/`,
                            info(slug, "start", state), 403, results);
                if (f.welsh)
                    await check(browser, `${srv.base}/${slug}/`,
                                info(slug, "start", `${state}-cy`), 403,
                                results, WELSH);
            } finally {
                await stopServer(srv);
            }
        }
    }
    const withFiles = fileForm(opts.root, opts.slugs);
    if (withFiles)
        await fileLinkPages(browser, opts, withFiles, results, info);
    return results;
}
