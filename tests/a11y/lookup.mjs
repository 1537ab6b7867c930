// SPDX-License-Identifier: MIT
// The page with a lookup's error (`lookup:` on a question,
// docs/integrations.md "Lookups"), which the main walk never sees: its
// server has no endpoints configured, so such answers are taken
// unverified. Here a second server asks the lookup stand-in
// (tests/integration/lookup_standin.py --not-found: nothing is found)
// and each form's sample journey is followed; every page with a lookup
// is sent with its sample answers in the browser and the page shown
// again with the author's message is checked like any page.

import { join, resolve } from "node:path";

import { startServer, stopServer } from "../lib/server.mjs";
import { answer, startStandin } from "./address.mjs";
import { checkPage } from "./checks.mjs";

// The endpoints the forms' lookups name (journey.json), as the server's
// environment configures them: each at the stand-in's /NAME.
function endpointEnv(forms, base) {
    const env = {};
    for (const [, f] of forms)
        for (const p of f.pages)
            for (const { lookup } of p.lookups ?? []) {
                const n = lookup.toUpperCase().replaceAll("-", "_");
                env[`FORMBUILDER_LOOKUP_${n}_URL`] = `${base}/${lookup}`;
            }
    return env;
}

// Sends @p fields as the resident would: typed, ticked or chosen in the
// browser, then the page's continue button.
async function sendInBrowser(page, url, fields) {
    await page.goto(url);
    for (const [name, value] of fields) {
        const el = await page.$(`[name="${name}"]`);
        if (!el) continue;
        const tag = await el.evaluate((e) => e.tagName.toLowerCase());
        const type = await el.evaluate((e) => e.type);
        if (tag === "select")
            await page.selectOption(`select[name="${name}"]`, value);
        else if (type === "radio" || type === "checkbox")
            await page.check(`[name="${name}"][value="${value}"]`);
        else
            await page.fill(`[name="${name}"]`, value);
    }
    const cont = "form button.govuk-button:not(.govuk-button--secondary)";
    await Promise.all([page.waitForNavigation(), page.click(cont)]);
}

// Walks every form of @p forms with a lookup (@p only: the slugs to
// walk, or null). Returns the pages' results, as walkForm() does.
export async function lookupSteps(browser, serverBin, opts) {
    const { forms, only, pagesDir, clockEnv, work, root } = opts;
    const withLookups = [...forms].filter(([slug, f]) =>
        (!only || only.includes(slug))
        && f.pages.some((p) => (p.lookups ?? []).length));
    if (!withLookups.length) return [];
    const standin = await startStandin(root, "lookup_standin.py",
                                       ["--not-found"]);
    const server = await startServer(resolve(serverBin),
                                     join(work, "a11y-lookup.db"), {
        ...clockEnv, ...endpointEnv(withLookups, standin.base) });
    const results = [];
    try {
        for (const [slug, f] of withLookups) {
            const context = await browser.newContext();
            const page = await context.newPage();
            const pages = new Map(f.pages.map((p) => [p.id, p]));
            for (const id of f.journey) {
                const url = `${server.base}/${slug}/${id}`;
                const p = pages.get(id);
                if ((p?.lookups ?? []).length) {
                    await sendInBrowser(page, url, p.fields ?? []);
                    const r = await checkPage(page, {
                        form: slug, page: id, state: "lookup-not-found",
                        pagesDir });
                    if (!await page.$(".govuk-error-summary"))
                        r.problems.push("lookup: the page sent with an "
                                        + "answer not found has no error "
                                        + "summary");
                    results.push(r);
                    // Nothing is found here: the pages after it are
                    // the main walk's.
                    break;
                }
                await page.goto(url);
                await answer(page, url, p?.fields ?? []);
            }
            await context.close();
        }
    } finally {
        await stopServer(server);
        standin.child.kill();
    }
    return results;
}
