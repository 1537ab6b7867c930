// SPDX-License-Identifier: MIT
// Builds formc's static review pages of every form in examples/ and forms/
// and reads the journey.json formc writes beside each form's pages: the
// pages of the form (exit or not, whether an empty post shows errors),
// every page's sample fields and the static sample journey. The a11y
// suite takes from it the pages each walk must visit; the parity test
// posts its sample answers to the server.

import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

import { mainText } from "./html.mjs";

// The form files formc compiles into the server: examples/ and forms/.
export function formFiles(root) {
    return ["examples", "forms"].flatMap((dir) =>
        readdirSync(join(root, dir)).filter((f) => f.endsWith(".yaml"))
            .sort().map((f) => join(root, dir, f)));
}

// Runs `formc build --html HTMLDIR` on every form (generated C goes to
// OUTDIR/c), on the day @p today ("YYYY-MM-DD", the server's injected
// clock too: see testToday()). Returns a Map slug -> { dir, journey,
// pages } where pages is journey.json's list ({id, exit, errors, fields})
// and dir the form's static pages; throws when formc fails.
export function buildStaticPages(formc, root, outDir, today) {
    const html = join(outDir, "html");
    const r = spawnSync(formc, ["build", ...formFiles(root),
                                "-o", join(outDir, "c"), "--html", html,
                                "--today", today],
                        { encoding: "utf8" });
    if (r.status !== 0)
        throw new Error(`formc build failed (${r.status}): ${r.stderr}`);
    const forms = new Map();
    for (const slug of readdirSync(html, { withFileTypes: true })
             .filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
        const dir = join(html, slug);
        const j = JSON.parse(readFileSync(join(dir, "journey.json"), "utf8"));
        if (j.format !== 1)
            throw new Error(`${dir}/journey.json: format ${j.format}, want 1`);
        forms.set(j.form, { dir, journey: j.journey, pages: j.pages,
                            today: j.today, booking: j.booking });
    }
    return forms;
}

// Everything the form's static pages say (the text of each page's <main>),
// for tests that answer with the numbers and dates a form mentions
// (tests/lib/examples.mjs): a page's condition is often explained only on
// the page it leads to.
export function formText(form) {
    return readdirSync(form.dir).filter((f) => f.endsWith(".html")).sort()
        .map((f) => mainText(readFileSync(join(form.dir, f), "utf8")))
        .join("\n");
}

// The one day a test run's static pages and server share: today, taken
// once, so a run that crosses midnight still compares like with like
// (booking pages show which days are offered from "today"). The server
// gets it as FB_TEST_NOW (runtime/server/clock.h) at midday UTC.
export function testToday() {
    const today = new Date().toISOString().slice(0, 10);
    return { today, env: { FB_TEST_NOW: `${today}T12:00:00Z` } };
}
