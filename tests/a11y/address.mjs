// SPDX-License-Identifier: MIT
// The steps of an address found by postcode (`lookup: os-places`,
// docs/integrations.md), which the main walk never sees: its server has
// no provider, so such an address is typed in. Here a second server asks
// the OS Places stand-in (tests/integration/os_places.py) and each form's
// sample journey is followed up to every page with a postcode step,
// where each step is checked like any page: the postcode, the postcode
// refused, the addresses found, nothing chosen, "I cannot find my address
// in the list" (the parts typed in) and the provider failing (the parts
// with a notice).

import { spawn } from "node:child_process";
import { join, resolve } from "node:path";

import { freePort, startServer, stopServer } from "../lib/server.mjs";
import { checkPage } from "./checks.mjs";

const KEY = "a11y-os-places-key";

// Starts the stand-in @p script of tests/integration (Python, answering
// GET /_calls once up) with @p args and a port of its own.
export async function startStandin(root, script, args) {
    const port = await freePort();
    const child = spawn("python3", [
        join(root, "tests/integration", script), "--port", String(port),
        ...args], { stdio: ["ignore", "ignore", "inherit"] });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
        if (child.exitCode !== null)
            throw new Error(`${script} exited with ${child.exitCode}`);
        try {
            if ((await fetch(`${base}/_calls`)).ok) return { child, base };
        } catch { /* not up yet */ }
        await new Promise((ok) => setTimeout(ok, 100));
    }
    throw new Error(`${script} did not start`);
}

// Posts a page's sample fields from the browser context (its cookies),
// with the CSRF token of the page as served.
export async function answer(page, url, fields) {
    await page.goto(url);
    const csrf = await page.getAttribute('input[name="csrf_token"]',
                                         "value");
    const body = new URLSearchParams([["csrf_token", csrf], ["website", ""],
                                      ...fields]);
    await page.request.post(url, {
        headers: { "content-type": "application/x-www-form-urlencoded" },
        data: body.toString(), maxRedirects: 0 });
}

async function check(page, results, form, id, state, pagesDir) {
    results.push(await checkPage(page, { form, page: id, state, pagesDir }));
}

// Each state of the postcode steps of page @p id, reached from @p url.
async function steps(page, url, results, form, id, pagesDir) {
    const find = 'input[name$="-find"]';
    const findButton = "button.govuk-button--secondary";
    const cont = "button.govuk-button:not(.govuk-button--secondary)";
    await page.goto(url);
    await check(page, results, form, id, "address-postcode", pagesDir);
    await page.fill(find, "not a postcode");
    await Promise.all([page.waitForNavigation(), page.click(findButton)]);
    await check(page, results, form, id, "address-postcode-error", pagesDir);
    await page.fill(find, "CF10 4UW");
    await Promise.all([page.waitForNavigation(), page.click(findButton)]);
    await check(page, results, form, id, "address-choose", pagesDir);
    await Promise.all([page.waitForNavigation(), page.click(cont)]);
    await check(page, results, form, id, "address-choose-error", pagesDir);
    await Promise.all([page.waitForNavigation(),
                       page.click("text=I cannot find my address in the list")]);
    await check(page, results, form, id, "address-typed", pagesDir);
    await page.goto(`${url}?address=find`);
    await page.fill(find, "CF99 9XX");   // the stand-in's 503
    await Promise.all([page.waitForNavigation(), page.click(findButton)]);
    await check(page, results, form, id, "address-unavailable", pagesDir);
}

// Walks every form of @p forms (formc's journey.json of each, by slug;
// @p only: the slugs to walk, or null) on a server whose provider is the
// stand-in. Returns the pages' results, as walkForm() does.
export async function addressSteps(browser, serverBin, opts) {
    const { forms, only, pagesDir, clockEnv, work, root } = opts;
    const provider = await startStandin(root, "os_places.py",
                                        ["--key", KEY]);
    const server = await startServer(resolve(serverBin),
                                     join(work, "a11y-address.db"), {
        ...clockEnv,
        FORMBUILDER_ADDRESS_LOOKUP_URL: provider.base,
        FORMBUILDER_ADDRESS_LOOKUP_KEY: KEY });
    const results = [];
    try {
        for (const [slug, f] of forms) {
            if (only && !only.includes(slug)) continue;
            const context = await browser.newContext();
            const page = await context.newPage();
            const pages = new Map(f.pages.map((p) => [p.id, p]));
            for (const id of f.journey) {
                const url = `${server.base}/${slug}/${id}`;
                await page.goto(url);
                if (await page.$('input[name$="-find"]'))
                    await steps(page, url, results, slug, id, pagesDir);
                await answer(page, url, pages.get(id)?.fields ?? []);
            }
            await context.close();
        }
    } finally {
        await stopServer(server);
        provider.child.kill();
    }
    return results;
}
