// SPDX-License-Identifier: MIT
// The track page of a form taking progress updates (runtime/server/
// track.c), from the link a walk's confirmation gave: the form empty,
// with its errors, with a lookup that matches nothing, and the timeline
// of the request after a signed event from a stand-in back office (the
// secret is the stand-in tests/lib/server.mjs gives every variable
// `formbuilder outbox env` names). In English, and in Welsh for a
// bilingual form.

import { spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";

const SECRET = "test-value-not-a-secret";

// The email address or postcode submission @p reference of @p slug holds,
// read back with `formbuilder export`.
function contactOf(opts, slug, reference) {
    const r = spawnSync(opts.server, ["export", "--form", slug, "--format",
                                      "json"],
                        { env: { ...process.env, FORMBUILDER_DB: opts.db },
                          encoding: "utf8" });
    if (r.status !== 0) throw new Error(`export: ${r.stderr}`);
    const row = JSON.parse(r.stdout).find((x) => x.reference === reference);
    if (!row) throw new Error(`export has no ${reference}`);
    const values = [];
    const walk = (v) => {
        if (typeof v === "string") values.push(v);
        else if (v && typeof v === "object") Object.values(v).forEach(walk);
    };
    walk(row.answers);
    return values.find((v) => /^[^@\s]+@[^@\s]+$/.test(v)) ??
        values.find((v) => /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i.test(v));
}

// The server's time now: its FB_TEST_NOW clock has run since it started.
function serverNow(clock) {
    const ms = clock?.testNow
        ? Date.parse(clock.testNow) + (Date.now() - clock.startedAt)
        : Date.now();
    return Math.floor(ms / 1000);
}

async function postEvent(base, clock, reference, event) {
    const body = JSON.stringify(event);
    const t = serverNow(clock);
    const mac = createHmac("sha256", SECRET).update(`${t}.${body}`)
        .digest("hex");
    const r = await fetch(`${base}/api/v1/submissions/${reference}/events`, {
        method: "POST", body,
        headers: { "Content-Type": "application/json",
                   "Formbuilder-Signature": `t=${t},v1=${mac}` },
    });
    if (r.status !== 201)
        throw new Error(`event: ${r.status} ${await r.text()}`);
}

// Checks the track page states of @p slug, whose confirmation linked to
// @p link, in a browser context @p context, labelled @p label.
export async function trackWalk(context, base, slug, link, results, opts,
                                helpers, label = slug) {
    const { checkHere, submit } = helpers;
    const page = await context.newPage();
    const key = `/${slug}/track`;
    const info = (state) => ({ form: label, page: key, state,
                               pagesDir: opts.pagesDir });
    const expect = (response, status, state) => {
        if (response.status() !== status)
            results[results.length - 1].problems.push(
                `${state}: status ${response.status()}, want ${status}`);
    };
    try {
        const reference = new URL(link, base).searchParams.get("reference");
        const contact = contactOf(opts, slug, reference);
        if (!contact) throw new Error(`${reference} has no email or postcode`);
        if (!opts.posted.has(reference)) {
            opts.posted.add(reference);
            await postEvent(base, opts.clock, reference, {
                id: "a11y-1", status: "scheduled", public: true,
                message: "An engineer will visit on Friday." });
        }
        let response = await page.goto(`${base}${key}`);
        await checkHere(page, response, results, info("track"));
        expect(response, 200, "track");
        response = await submit(page);
        await checkHere(page, response, results, info("track-errors"));
        const summary = await page.$("main .govuk-error-summary");
        if (!summary)
            results[results.length - 1].problems.push(
                "track-errors: no error summary");
        await page.goto(`${base}${link}`);
        await page.fill("#contact", "not-the-one@example.com");
        response = await submit(page);
        await checkHere(page, response, results, info("track-no-match"));
        await page.fill("#contact", contact);
        response = await submit(page);
        await checkHere(page, response, results,
                        { ...info("timeline"), page: `${key}/timeline` });
        expect(response, 200, "timeline");
        if (!(await page.innerText("main")).includes(
                "An engineer will visit on Friday."))
            results[results.length - 1].problems.push(
                "timeline: the event posted is not shown");
    } catch (e) {
        results.push({ form: label, page: key, state: "track walk",
                       problems: [`track walk: ${e.message}`], file: null });
    } finally {
        await page.close();
    }
}
