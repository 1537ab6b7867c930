// SPDX-License-Identifier: MIT
// Conditional reveal without JavaScript, in a real browser: a follow-up
// sits right under its option, is hidden until that option is chosen,
// appears when it is, and the keyboard reaches it straight after the
// option. Runs on formc's static pages of a form (the same renderer the
// server uses), with script disabled.
//   node tests/a11y/reveal.mjs FORMC FORM.yaml PAGE_ID
// Exit 0 pass, 1 fail, 77 skip (no chromium or node modules).

import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { execFileSync } from "node:child_process";

const [formc, form, pageId] = process.argv.slice(2);
if (!existsSync("/usr/bin/chromium") ||
    !existsSync(resolve("node_modules", "playwright-core"))) {
    console.log("SKIP: chromium or playwright-core missing");
    process.exit(77);
}
const { startBrowser } = await import("./checks.mjs");

const dir = mkdtempSync(join(tmpdir(), "fb-reveal-"));
const problems = [];
try {
    execFileSync(formc, ["build", form, "-o", join(dir, "gen"),
                         "--html", join(dir, "html")]);
    const slug = form.replace(/^.*\//, "").replace(/\.yaml$/, "");
    const url = "file://" + join(dir, "html", slug, `${pageId}.html`);
    const browser = await startBrowser();
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url);
    const pairs = await page.evaluate(() =>
        [...document.querySelectorAll(
            ".govuk-radios__conditional, .govuk-checkboxes__conditional")]
            .map((c) => ({
                conditional: c.id,
                option: c.previousElementSibling?.querySelector("input")?.id,
                first: c.querySelector("input, select, textarea")?.id,
            })));
    if (pairs.length === 0)
        problems.push(`${url}: no conditional reveal to test`);
    const visible = (id) => page.locator(`[id="${id}"]`).isVisible();
    for (const p of pairs) {
        if (!p.option || !p.first) {
            problems.push(`${p.conditional}: not right after its option`);
            continue;
        }
        if (await visible(p.conditional))
            problems.push(`${p.conditional}: shown before its option is chosen`);
        await page.locator(`[id="${p.option}"]`).check();
        if (!(await visible(p.conditional)))
            problems.push(`${p.conditional}: still hidden after choosing ${p.option}`);
        await page.locator(`[id="${p.option}"]`).focus();
        await page.keyboard.press("Tab");
        const focused = await page.evaluate(() => document.activeElement?.id);
        if (focused !== p.first)
            problems.push(`${p.conditional}: Tab from ${p.option} went to ` +
                          `${focused}, not the follow-up ${p.first}`);
        const type = await page.locator(`[id="${p.option}"]`)
            .getAttribute("type");
        if (type === "checkbox") {
            await page.locator(`[id="${p.option}"]`).uncheck();
            if (await visible(p.conditional))
                problems.push(`${p.conditional}: shown after unticking`);
        }
    }
    await browser.close();
} finally {
    rmSync(dir, { recursive: true, force: true });
}
for (const p of problems)
    console.log(`FAIL reveal: ${p}`);
console.log(`reveal: ${problems.length ? "failed" : "ok"}`);
process.exit(problems.length ? 1 : 0);
