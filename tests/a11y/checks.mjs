// SPDX-License-Identifier: MIT
// The checks run on every page: axe-core (WCAG 2.0-2.2 A and AA), title
// rules, keyboard order and visible focus, reflow at 320 CSS px and text
// zoom to 200%, and on a Welsh page that no English sentence of the
// runtime's catalogue shows outside an element marked lang="en". Each
// returns human-readable problems; none throws on a finding.

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                         "wcag22aa"];

// Why the browser checks cannot run here (the npm packages or Debian's
// Chromium missing), or null: the scripts then skip (exit 77).
export function browserMissing() {
    const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
    if (!existsSync(join(root, "node_modules/playwright-core")))
        return "node_modules missing: run npm ci";
    if (!existsSync("/usr/bin/chromium"))
        return "chromium missing: apt-get install chromium";
    return null;
}

// Prints the problems of each checked page in @p results and those the
// Nu Html Checker finds in their saved files, then exits: 0 with none
// (and @p work removed), else 1 (@p work kept, for a look at the pages).
// @p name prefixes the summary lines.
export function reportAndExit(name, results, work) {
    let violations = 0;
    for (const r of results) {
        violations += r.problems.length;
        console.log(`${r.form}\t${r.page}\t${r.state ?? ""}\t` +
                    `${r.problems.length}`);
        for (const p of r.problems) console.log(`    ${p}`);
    }
    const vnu = runVnu(results.map((r) => r.file).filter(Boolean));
    for (const v of vnu) console.log(`    html: ${v}`);
    violations += vnu.length;
    console.log(`${name}: ${results.length} pages checked, ` +
                `${violations} violations`);
    if (!violations) rmSync(work, { recursive: true, force: true });
    else console.log(`${name}: pages kept in ${work}`);
    process.exit(violations ? 1 : 0);
}

// Launches Debian's Chromium; browser downloads do not work here.
export async function startBrowser() {
    return chromium.launch({
        executablePath: "/usr/bin/chromium",
        headless: true,
        args: ["--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync"],
    });
}

// Opens a fresh context: its own cookies (one resident), desktop size,
// and the browser's language @p locale ("cy-GB" asks for Welsh through
// Accept-Language; undefined is Chromium's English). CSP is bypassed only
// so axe-core can be injected; the server's CSP is tested by the
// integration suite.
export async function newResident(browser, locale) {
    return browser.newContext({ bypassCSP: true, locale,
                                viewport: { width: 1024, height: 800 } });
}

// The English of the runtime's catalogue (`formbuilder messages --format
// json`) as the pieces a page can show: each entry's text split at its
// {parameters}, markdown links and line breaks, the pieces long enough to
// mean something (two words, or one of six letters) and not also in the
// entry's Welsh.
let englishPieces = [];

export function setCatalogue(entries) {
    const pieces = new Set();
    for (const e of entries) {
        for (const raw of (e.en ?? "").split(
                 /\{[a-z]+\}|\]\([^)]*\)|[[\]\n]/)) {
            const piece = raw.trim().replace(/^[\s:,.()"]+|[\s:,.()"]+$/g, "");
            if (piece.length < 4 || (!piece.includes(" ") && piece.length < 6))
                continue;
            if ((e.cy ?? "").includes(piece)) continue;
            pieces.add(piece);
        }
    }
    englishPieces = [...pieces];
}

// Issue 12: on a Welsh page, the catalogue's English must not show, except
// in an element that says it is English (the language link, an English
// fallback of a form built with --allow-missing-translations).
async function englishProblems(page) {
    if (!englishPieces.length) return [];
    const text = await page.evaluate(() => {
        const doc = document.documentElement.cloneNode(true);
        for (const el of doc.querySelectorAll("[lang]:not([lang|=cy]), " +
                                              "script, style"))
            el.remove();
        const attrs = [...doc.querySelectorAll("[aria-label], [title], " +
                                               "[alt], [placeholder]")]
            .flatMap((el) => ["aria-label", "title", "alt", "placeholder"]
                .map((a) => el.getAttribute(a) ?? ""));
        return `${doc.textContent} ${attrs.join(" ")}`.replace(/\s+/g, " ");
    });
    return englishPieces.filter((p) => text.includes(p))
        .map((p) => `welsh: English from the catalogue on a Welsh page: ` +
                    `'${p}'`);
}

async function axeProblems(page) {
    await page.evaluate(axeSource);
    const result = await page.evaluate(async (tags) => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, {
            runOnly: { type: "tag", values: tags },
            resultTypes: ["violations"],
        });
        return r.violations.map((v) => ({
            id: v.id, help: v.help,
            targets: v.nodes.map((n) => n.target.join(" ")),
        }));
    }, AXE_TAGS);
    return result.map((v) =>
        `axe ${v.id}: ${v.help} at ${v.targets.slice(0, 5).join(", ")}`);
}

async function titleProblems(page) {
    const { title, hasSummary, h1s, lang } = await page.evaluate(() => ({
        title: document.title,
        hasSummary: !!document.querySelector(".govuk-error-summary"),
        h1s: document.querySelectorAll("h1").length,
        lang: document.documentElement.lang,
    }));
    const problems = [];
    // GOV.UK Frontend's prefix in the page's language.
    const prefix = lang === "cy" ? "Gwall: " : "Error: ";
    if (!title.trim()) problems.push("title: page has no title");
    if (hasSummary && !title.startsWith(prefix))
        problems.push(`title: has errors but does not start with ` +
                      `'${prefix}': ${title}`);
    if (!hasSummary && title.startsWith(prefix))
        problems.push(`title: starts with '${prefix}' but shows no errors`);
    if (h1s !== 1) problems.push(`structure: ${h1s} h1 elements, want 1`);
    return problems;
}

// Tabs through the page: every focusable control must be reached once, in
// document order, and look different when focused (WCAG 2.1.1, 2.4.3,
// 2.4.7).
async function keyboardProblems(page) {
    const count = await page.evaluate(() => {
        // Look at every control unfocused first.
        if (document.activeElement) document.activeElement.blur();
        const sel = "a[href], button, input:not([type=hidden]), select, " +
                    "textarea, summary, [tabindex]:not([tabindex='-1'])";
        const all = [...document.querySelectorAll(sel)].filter((el) =>
            !el.disabled && el.tabIndex >= 0 &&
            !el.closest("[aria-hidden=true]") &&
            el.getClientRects().length > 0 ||
            el.classList.contains("govuk-skip-link"));
        const look = (el) => {
            const s = getComputedStyle(el);
            return [s.outlineStyle, s.outlineWidth, s.boxShadow,
                    s.backgroundColor, s.color, s.textDecorationLine,
                    s.borderColor].join("|");
        };
        // A radio group is one Tab stop (arrow keys move inside it), so
        // all its radios share the index of the first.
        const groupIndex = new Map();
        let stops = 0;
        all.forEach((el) => {
            let index;
            if (el.type === "radio" && groupIndex.has(el.name)) {
                index = groupIndex.get(el.name);
            } else {
                index = stops++;
                if (el.type === "radio") groupIndex.set(el.name, index);
            }
            el.dataset.a11yIndex = String(index);
            el.dataset.a11yLook = look(el);
        });
        return stops;
    });
    const problems = [];
    const seen = [];
    // Start from the top of the page, wherever focus was (an error
    // summary takes focus on load): a throwaway focus target first in body.
    await page.evaluate(() => {
        const top = document.createElement("span");
        top.tabIndex = -1;
        top.id = "a11y-top";
        document.body.prepend(top);
        top.focus();
    });
    await page.keyboard.press("Tab");
    await page.evaluate(() => document.getElementById("a11y-top").remove());
    for (let i = 0; i < count + 10; i++) {
        const info = await page.evaluate(() => {
            const el = document.activeElement;
            if (!el || el === document.body) return null;
            const s = getComputedStyle(el);
            const look = [s.outlineStyle, s.outlineWidth, s.boxShadow,
                          s.backgroundColor, s.color, s.textDecorationLine,
                          s.borderColor].join("|");
            return { index: el.dataset.a11yIndex, changed: look !==
                     el.dataset.a11yLook, what: el.outerHTML.slice(0, 80) };
        });
        if (!info) break;
        if (info.index === undefined) {
            problems.push(`keyboard: focus reached an unexpected element ${info.what}`);
        } else {
            const index = Number(info.index);
            if (seen.includes(index)) break; // wrapped round
            if (seen.length && index < seen[seen.length - 1])
                problems.push(`keyboard: focus order goes backwards at ${info.what}`);
            seen.push(index);
            if (!info.changed)
                problems.push(`keyboard: no visible focus indicator on ${info.what}`);
        }
        await page.keyboard.press("Tab");
    }
    if (seen.length < count)
        problems.push(`keyboard: only ${seen.length} of ${count} controls reached with Tab`);
    return problems;
}

// WCAG 1.4.10: at 320 CSS px nothing scrolls sideways.
async function reflowProblems(page) {
    const size = page.viewportSize();
    await page.setViewportSize({ width: 320, height: 800 });
    const wide = await page.evaluate(() =>
        document.documentElement.scrollWidth);
    await page.setViewportSize(size);
    return wide > 321 ? [`reflow: page is ${wide}px wide at a 320px viewport`]
                      : [];
}

// WCAG 1.4.4: with text at 200% nothing overlaps or is clipped.
async function zoomProblems(page) {
    const found = await page.evaluate(() => {
        document.documentElement.style.fontSize = "200%";
        // Not drawn: visually hidden, inside a closed details, or a GOV.UK
        // radio/checkbox input (transparent; its label draws the control).
        const hidden = (el) => el.closest(".govuk-visually-hidden, " +
            "[aria-hidden=true]") || el.getClientRects().length === 0 ||
            (el.closest("details:not([open])") && !el.closest("summary")) ||
            (el.tagName === "INPUT" && /^(radio|checkbox)$/.test(el.type));
        const out = [];
        const texts = [...document.querySelectorAll("h1, h2, p, label, " +
            "legend, li, a, button, input, select, textarea, dt, dd, " +
            ".govuk-hint, .govuk-error-message, summary")]
            .filter((el) => !hidden(el));
        for (const el of texts) {
            const s = getComputedStyle(el);
            const clips = /(hidden|clip)/.test(s.overflowX + s.overflowY);
            if (clips && (el.scrollWidth > el.clientWidth + 1 ||
                          el.scrollHeight > el.clientHeight + 1))
                out.push(`zoom: text clipped in ${el.outerHTML.slice(0, 80)}`);
        }
        const leaves = texts.filter((el) =>
            !texts.some((o) => o !== el && el.contains(o)));
        for (let i = 0; i < leaves.length; i++) {
            const a = leaves[i].getBoundingClientRect();
            for (let j = i + 1; j < leaves.length; j++) {
                if (leaves[j].contains(leaves[i])) continue;
                const b = leaves[j].getBoundingClientRect();
                const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
                const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
                if (x > 2 && y > 2)
                    out.push(`zoom: ${leaves[i].tagName.toLowerCase()} ` +
                             `overlaps ${leaves[j].tagName.toLowerCase()} ` +
                             `(${leaves[i].textContent.trim().slice(0, 30)})`);
            }
        }
        const wide = document.documentElement.scrollWidth >
                     window.innerWidth + 1;
        if (wide) out.push("zoom: horizontal scrolling at 200% text");
        return out;
    });
    return found;
}

async function resetZoom(page) {
    await page.evaluate(() => {
        document.documentElement.style.fontSize = "";
    });
}

let saved = 0;

// Runs every check on the page as it is now. info: {form, page, state,
// html, pagesDir}. Returns {form, page, state, problems, file}.
export async function checkPage(page, info) {
    const problems = [];
    problems.push(...await titleProblems(page));
    problems.push(...await axeProblems(page));
    problems.push(...await reflowProblems(page));
    const zoom = await zoomProblems(page);
    if (zoom.length) {
        const shot = join(info.pagesDir, `zoom-${++saved}.png`);
        await page.screenshot({ path: shot, fullPage: true });
        zoom.push(`zoom: screenshot ${shot}`);
    }
    await resetZoom(page);
    problems.push(...zoom);
    problems.push(...await keyboardProblems(page));
    if (await page.evaluate(() => document.documentElement.lang) === "cy")
        problems.push(...await englishProblems(page));
    const file = join(info.pagesDir, `page-${++saved}.html`);
    writeFileSync(file, info.html ?? await page.content());
    const title = await page.title();
    return { form: info.form, page: info.page, state: info.state, problems,
             file, title };
}

// Runs the Nu Html Checker once over every saved page (JVM start-up is the
// slow part). Returns a list of "file: message" strings.
export function runVnu(files) {
    const jar = join(dirname(fileURLToPath(import.meta.url)), "../..",
                     "node_modules/vnu-jar/build/dist/vnu.jar");
    if (!existsSync(jar)) return [`vnu.jar missing at ${jar}`];
    const r = spawnSync("java", ["-jar", jar, "--errors-only",
                                 "--format", "json", ...files],
                        { encoding: "utf8", maxBuffer: 64 << 20 });
    if (r.error) return [`could not run java: ${r.error.message}`];
    let report;
    try {
        report = JSON.parse(r.stderr || r.stdout || "{\"messages\":[]}");
    } catch {
        return [`vnu output not JSON: ${(r.stderr || "").slice(0, 500)}`];
    }
    return report.messages
        .filter((m) => m.type === "error")
        .map((m) => `${m.url}:${m.lastLine}: ${m.message}`);
}
