// SPDX-License-Identifier: MIT
// The accessibility checks (checks.mjs: axe-core, titles, keyboard,
// reflow, zoom, then the Nu Html Checker) on the pages of the live
// preview (`formc serve --watch`), which the resident walks never see:
// a question page with the "Preview" banner and the panel of question ids
// and route conditions, the same page with its errors, a later page the
// route decided, and the page of a form's diagnostics shown when a save
// breaks it.
//
// The diagnostics page refreshes itself every second (<meta
// http-equiv="refresh">) so an author sees the fix without a click; axe
// calls any such refresh a failure of WCAG 2.2.1. It is a page for the
// form's author in the preview only, never for residents, so this test
// checks the refresh is there and checks the rest of the page without it
// (docs/authoring.md, Live preview).
//
//   node tests/a11y/preview.mjs --formc build/compiler/formc \
//       --server build/runtime/server/formbuilder
//
// Exit 0 clean, 1 violations, 77 skipped (no browser or node_modules).

import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync,
         writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { freePort } from "../lib/server.mjs";
import { browserMissing, checkPage, newResident, reportAndExit,
         startBrowser } from "./checks.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const SLUG = "pick-a-colour";
const REFRESH = /<meta http-equiv="refresh" content="1">\n?/;

function skip(why) {
    console.log(`a11y-preview: skipped: ${why}`);
    process.exit(77);
}

function parseArgs(argv) {
    const args = {};
    for (let i = 2; i < argv.length; i++) {
        if (argv[i] === "--formc") args.formc = argv[++i];
        else if (argv[i] === "--server") args.server = argv[++i];
        else {
            console.error(`a11y-preview: unknown argument ${argv[i]}`);
            process.exit(2);
        }
    }
    if (!args.formc || !args.server) {
        console.error("usage: node tests/a11y/preview.mjs --formc FORMC " +
                      "--server FORMBUILDER");
        process.exit(2);
    }
    return args;
}

// Waits (a bound, not a measurement) until @p path of @p base answers a
// page containing @p text; @returns its HTML.
async function pageWith(base, path, text, preview) {
    for (let i = 0; i < 300; i++) {
        if (preview.exitCode !== null)
            throw new Error(`formc serve exited ${preview.exitCode}`);
        try {
            const r = await fetch(`${base}${path}`);
            const html = await r.text();
            if (html.includes(text)) return html;
        } catch {
            // not listening yet
        }
        await new Promise((ok) => setTimeout(ok, 100));
    }
    throw new Error(`${path} never showed '${text}'`);
}

async function main() {
    const args = parseArgs(process.argv);
    const missing = browserMissing();
    if (missing) skip(missing);
    const work = mkdtempSync(join(tmpdir(), "fb-a11y-preview-"));
    const pagesDir = join(work, "pages");
    const src = join(work, "src");
    mkdirSync(pagesDir);
    mkdirSync(src);
    const yaml = join(src, `${SLUG}.yaml`);
    copyFileSync(join(root, `tests/integration/modules/v2/${SLUG}.yaml`),
                 yaml);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const preview = spawn(resolve(args.formc),
                          ["serve", "--port", String(port), "--watch", src],
                          { env: { ...process.env,
                                   FORMBUILDER: resolve(args.server) },
                            stdio: ["ignore", "inherit", "inherit"] });
    const browser = await startBrowser();
    const results = [];
    const check = async (page, state, response) => {
        const r = await checkPage(page, { form: SLUG, page: page.url(),
                                          state, pagesDir });
        if (response && response.status() >= 500)
            r.problems.push(`status ${response.status()}`);
        results.push(r);
    };
    try {
        await pageWith(base, `/${SLUG}/colour`, ">Preview</strong>", preview);
        const context = await newResident(browser);
        const page = await context.newPage();
        await check(page, "preview panel",
                    await page.goto(`${base}/${SLUG}/colour`));
        // Sent with nothing chosen: the errors, with banner and panel.
        let [response] = await Promise.all([page.waitForNavigation(),
            page.click("main button.govuk-button")]);
        if (response.status() !== 422)
            throw new Error(`empty answer: status ${response.status()}`);
        await check(page, "preview with errors", response);
        // Green: the panel says which condition showed the next page.
        await page.check("main input[value=green]");
        [response] = await Promise.all([page.waitForNavigation(),
            page.click("main button.govuk-button")]);
        if (!page.url().endsWith("/shade"))
            throw new Error(`green went to ${page.url()}, want /shade`);
        await check(page, "preview of a page the route decided", response);
        await context.close();

        // A broken save: the diagnostics page, checked without its
        // refresh (above), which must be there.
        writeFileSync(yaml, readFileSync(yaml, "utf8")
            .replace("type: radios", "type: radio"));
        const html = await pageWith(base, `/${SLUG}/`, "has errors", preview);
        if (!REFRESH.test(html))
            results.push({ form: SLUG, page: "diagnostics",
                           state: "refresh", file: null,
                           problems: ["the diagnostics page does not " +
                                      "refresh itself"] });
        const still = await newResident(browser);
        const diag = await still.newPage();
        await diag.route(`${base}/${SLUG}/`, async (route) => {
            const r = await route.fetch();
            await route.fulfill({ response: r,
                                  body: (await r.text()).replace(REFRESH, "") });
        });
        await check(diag, "diagnostics", await diag.goto(`${base}/${SLUG}/`));
        await still.close();
    } finally {
        await browser.close();
        preview.kill("SIGTERM");
        await new Promise((ok) => preview.exitCode !== null
            ? ok() : preview.once("exit", ok));
    }
    reportAndExit("a11y-preview", results, work);
}

main().catch((e) => {
    console.error(`a11y-preview: ${e.stack || e}`);
    process.exit(1);
});
