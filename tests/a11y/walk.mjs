// SPDX-License-Identifier: MIT
// Walks every form served by the running server like a resident would:
// start page, each question page empty, submitted empty (errors), filled
// and revisited, check answers, confirmation, exit pages; plus the index,
// 404 and 400 pages. Several walks per form choose different options so
// branches and exit pages are reached. One form is also completed with the
// keyboard alone.

import { checkPage, newResident } from "./checks.mjs";

const MAX_STEPS = 60;
const MAX_ATTEMPTS = 9;

function isoDate(offsetDays) {
    const d = new Date();
    d.setUTCDate(d.getUTCDate() + offsetDays);
    return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

// Dates tried in turn until a page's date rules accept one.
const DATES = [[1990, 6, 15], isoDate(30), isoDate(3), isoDate(-3),
               isoDate(400), [2000, 2, 29]];
const NUMBERS = ["5", "1", "12", "100", "0", "2"];
const TEXTS = ["Alex Example", "AB123456C", "12345678", "ABC123", "Test",
               "A", `${isoDate(30).map((n) => String(n).padStart(2, "0"))
                   .join("-")}T10:00`];

// Examples the page itself gives, in a hint or an error message:
// "For example, CU57 ABC", "like QQ 12 34 56 C".
function examplesIn(text) {
    const found = [];
    for (const m of text.matchAll(/(?:\blike|for example,?)\s+(.+?)(?:\.(?:\s|$)|$|\s+or\s)/gi))
        found.push(m[1].trim());
    return found;
}

// The values worth trying for a control, best first, each with an id that
// names the candidate for the whole question (a date's three parts share
// one). Chosen from what the page says about the control.
function candidatesFor(c) {
    const part = (suffix) => c.name.endsWith(suffix);
    const say = (...values) => values.map((v) => ({ id: v, value: v }));
    const dates = (i) => DATES.map((d) => ({ id: d.join("-"),
                                            value: String(d[i]) }));
    const label = (c.label || "").toLowerCase();
    if (part("-day")) return dates(2);
    if (part("-month")) return dates(1);
    if (part("-year")) return dates(0);
    if (part("-line1")) return say("1 Example Street");
    if (part("-line2")) return say("");
    if (part("-town")) return say("Stockport");
    if (part("-postcode") || c.autocomplete === "postal-code" ||
        label.includes("postcode")) return say("SK1 3XE");
    if (c.type === "email" || c.autocomplete === "email")
        return say("resident@example.com");
    if (c.type === "tel" || /\btel\b/.test(c.autocomplete))
        return say("0161 496 0000", "07700 900982");
    if (c.tag === "textarea")
        return say("The light by number 12 flickers.", ...TEXTS);
    if (c.inputmode === "numeric" || c.inputmode === "decimal")
        return say(...NUMBERS);
    return say(...examplesIn(c.described || ""), ...TEXTS);
}

// What has been tried on the current page: a question whose answer was
// rejected moves on to its next untried candidate; the rest keep theirs.
class Tries {
    constructor() {
        this.rejected = new Map();
        this.current = new Map();
    }

    static key(name) {
        return name.replace(/-(day|month|year|line1|line2|town|postcode)$/, "");
    }

    // How many answers to this question were rejected so far.
    count(c) {
        return this.rejected.get(Tries.key(c.name))?.size ?? 0;
    }

    value(c) {
        const key = Tries.key(c.name);
        const bad = this.rejected.get(key) ?? new Set();
        const list = candidatesFor(c);
        const pick = list.find((x) => !bad.has(x.id)) ?? list[0];
        this.current.set(key, pick.id);
        return pick.value;
    }

    reject(names) {
        for (const name of names) {
            const key = Tries.key(name);
            if (!this.rejected.has(key)) this.rejected.set(key, new Set());
            this.rejected.get(key).add(this.current.get(key) ??
                                       `#${this.rejected.get(key).size}`);
        }
    }
}

// Names of the controls the page marks as wrong.
async function rejectedNames(page) {
    return page.evaluate(() => [...document.querySelectorAll(
        ".govuk-form-group--error input, .govuk-form-group--error select, " +
        ".govuk-form-group--error textarea")].map((el) => el.name));
}

async function controls(page) {
    return page.evaluate(() => [...document.querySelectorAll(
        "main form input, main form select, main form textarea")]
        .filter((el) => el.type !== "hidden" && el.type !== "submit" &&
                 !el.closest("[aria-hidden=true]") &&
                 // A follow-up stays hidden until its option is chosen.
                 el.checkVisibility())
        .map((el) => ({
            id: el.id, name: el.name, type: el.type,
            tag: el.tagName.toLowerCase(),
            autocomplete: el.getAttribute("autocomplete") || "",
            inputmode: el.getAttribute("inputmode") || "",
            label: el.labels?.[0]?.textContent || "",
            described: (el.getAttribute("aria-describedby") || "").split(/\s+/)
                .map((id) => document.getElementById(id)?.textContent || "")
                .join(" "),
            options: el.tagName === "SELECT"
                ? [...el.options].map((o) => o.value) : [],
        })));
}

// Fills the current page: walk picks which option of each choice, tries
// which candidate after rejected answers. Choices first, then whatever
// they reveal, until no new control appears.
async function fill(page, walk, tries) {
    const done = new Set();
    for (;;) {
        const list = (await controls(page)).filter((c) => !done.has(c.id));
        if (list.length === 0)
            return;
        const groups = new Map();
        for (const c of list) {
            done.add(c.id);
            if (c.type === "radio" || c.type === "checkbox") {
                if (!groups.has(c.name)) groups.set(c.name, []);
                groups.get(c.name).push(c);
            }
        }
        for (const [, group] of groups) {
            const n = tries.count(group[0]);
            if (group[0].type === "radio") {
                await page.check(`[id="${group[(walk + n) % group.length].id}"]`);
                continue;
            }
            for (const c of group) await page.uncheck(`[id="${c.id}"]`);
            // One box first; more after a rejection, for min_selected.
            for (let i = 0; i < Math.min(group.length, 1 + n); i++)
                await page.check(`[id="${group[(walk + i) % group.length].id}"]`);
        }
        for (const c of list) {
            if (c.type === "radio" || c.type === "checkbox") continue;
            if (c.tag === "select") {
                const real = c.options.filter((v) => v !== "");
                await page.selectOption(`[id="${c.id}"]`,
                                        real[(walk + tries.count(c)) % real.length]);
            } else {
                await page.fill(`[id="${c.id}"]`, tries.value(c));
            }
        }
    }
}

async function submit(page) {
    const [response] = await Promise.all([
        page.waitForNavigation(),
        page.click("main form button[type=submit], main form .govuk-button, " +
                   "main a.govuk-button--start"),
    ]);
    return response;
}

async function kind(page) {
    return page.evaluate(() => {
        if (document.querySelector(".govuk-panel--confirmation"))
            return "confirmation";
        if (document.querySelector(".govuk-summary-list") &&
            document.querySelector("main form")) return "check-answers";
        if (document.querySelector("main form input:not([type=hidden]), " +
            "main form select, main form textarea")) return "question";
        return "exit";
    });
}

// After a failed submit the error summary must have focus, and its first
// link must move focus to the field (WCAG 3.3.1, GOV.UK error summary).
async function errorSummaryProblems(page) {
    const problems = [];
    const focused = await page.evaluate(() =>
        document.activeElement?.classList.contains("govuk-error-summary"));
    if (!focused) problems.push("errors: the error summary does not have focus");
    const href = await page.getAttribute(
        ".govuk-error-summary a[href^='#']", "href");
    if (!href) return [...problems, "errors: error summary has no links"];
    await page.click(`.govuk-error-summary a[href='${href}']`);
    const id = await page.evaluate(() => document.activeElement?.id);
    if (id !== href.slice(1))
        problems.push(`errors: summary link ${href} focused '${id}' instead`);
    return problems;
}

async function checkHere(page, response, results, info) {
    const html = response ? await response.text().catch(() => null) : null;
    results.push(await checkPage(page, { ...info, html }));
}

// Follows the first Change link from check your answers: the page comes
// back with the answer filled in, and continuing returns to check answers.
async function changeAnswer(page, results, info) {
    const link = await page.$("main .govuk-summary-list a");
    if (!link) {
        results[results.length - 1].problems.push(
            "check answers: no Change links");
        return;
    }
    const [response] = await Promise.all([page.waitForNavigation(),
                                          link.click()]);
    const key = new URL(page.url()).pathname;
    await checkHere(page, response, results,
                    { ...info, page: key, state: "change" });
    await submit(page);
    if (await kind(page) !== "check-answers")
        results[results.length - 1].problems.push(
            `change: continuing from ${key} did not return to check answers`);
}

// One walk through a form; returns the path keys of the pages it saw.
async function walkOnce(browser, base, slug, walk, seen, results, opts) {
    const context = await newResident(browser);
    const page = await context.newPage();
    const path = (u) => new URL(u).pathname;
    try {
        let response = await page.goto(`${base}/${slug}/`);
        if (!seen.has("start")) {
            seen.add("start");
            await checkHere(page, response, results,
                            { form: slug, page: "start", state: "empty",
                              pagesDir: opts.pagesDir });
        }
        response = await submit(page);
        for (let step = 0; step < MAX_STEPS; step++) {
            const k = await kind(page);
            const key = path(page.url());
            const first = !seen.has(key);
            seen.add(key);
            const info = { form: slug, page: key, pagesDir: opts.pagesDir };
            if (k === "confirmation" || k === "exit") {
                if (first)
                    await checkHere(page, response, results,
                                    { ...info, state: k });
                return;
            }
            if (k === "check-answers") {
                if (first) {
                    await checkHere(page, response, results,
                                    { ...info, state: "check-answers" });
                    await changeAnswer(page, results, info);
                }
                response = await submit(page);
                continue;
            }
            if (first) {
                await checkHere(page, response, results,
                                { ...info, state: "empty" });
                const emptyResponse = await submit(page);
                if (emptyResponse.status() === 422) {
                    // Focus first: the other checks move it.
                    const focus = await errorSummaryProblems(page);
                    await checkHere(page, emptyResponse, results,
                                    { ...info, state: "errors" });
                    results[results.length - 1].problems.push(...focus);
                } else if (path(page.url()) !== key) {
                    // Nothing was required: go back to fill it in.
                    await page.goto(`${base}${key}`);
                }
            }
            const tries = new Tries();
            for (let attempt = 1; ; attempt++) {
                await fill(page, walk, tries);
                response = await submit(page);
                if (response.status() !== 422) break;
                tries.reject(await rejectedNames(page));
                if (attempt >= MAX_ATTEMPTS) {
                    const errors = await page.evaluate(() =>
                        [...document.querySelectorAll(
                            ".govuk-error-summary a")].map((a) =>
                            a.textContent.trim()).join("; "));
                    throw new Error(`${key}: could not find answers the ` +
                                    `page accepts: ${errors}`);
                }
            }
            if (first) {
                // Revisit the page just answered: answers shown again.
                const next = page.url();
                const again = await page.goto(`${base}${key}`);
                await checkHere(page, again, results,
                                { ...info, state: "filled" });
                await page.goto(next);
            }
        }
        throw new Error(`${slug}: journey did not end within ${MAX_STEPS} pages`);
    } finally {
        await context.close();
    }
}

// Completes one form with the keyboard alone: Tab, Space, Enter, typing.
async function keyboardJourney(browser, base, slug, results, opts) {
    const context = await newResident(browser);
    const page = await context.newPage();
    const problems = [];
    const focusedInfo = () => page.evaluate(() => {
        const el = document.activeElement;
        return el ? { tag: el.tagName.toLowerCase(), type: el.type || "",
                      name: el.name || "", id: el.id || "",
                      autocomplete: el.getAttribute("autocomplete") || "",
                      inputmode: el.getAttribute("inputmode") || "",
                      label: el.labels?.[0]?.textContent || "",
                      described: (el.getAttribute("aria-describedby") || "")
                          .split(/\s+/).map((id) =>
                              document.getElementById(id)?.textContent || "")
                          .join(" "),
                      submit: el.matches("button, input[type=submit]") &&
                              !!el.closest("main form"),
                      start: el.matches(".govuk-button--start"),
                      checked: !!el.checked } : null;
    });
    const pressUntil = async (want, limit = 80) => {
        for (let i = 0; i < limit; i++) {
            await page.keyboard.press("Tab");
            const f = await focusedInfo();
            if (f && want(f)) return f;
        }
        throw new Error("keyboard: control not reachable with Tab");
    };
    try {
        await page.goto(`${base}/${slug}/`);
        await pressUntil((f) => f.start || f.submit);
        await Promise.all([page.waitForNavigation(),
                           page.keyboard.press("Enter")]);
        let tries = new Tries();
        let attempt = 0;
        for (let step = 0; step < MAX_STEPS; step++) {
            const k = await kind(page);
            if (k === "confirmation") break;
            if (k === "exit") throw new Error("keyboard journey hit an exit page");
            const groupsDone = new Set();
            for (let i = 0; i < 200; i++) {
                await page.keyboard.press("Tab");
                const f = await focusedInfo();
                if (!f) continue;
                if (f.submit) break;
                if (f.type === "radio" || f.type === "checkbox") {
                    // Space ticks the first box or radio of each group.
                    if (!f.checked && !groupsDone.has(f.name))
                        await page.keyboard.press("Space");
                    groupsDone.add(f.name);
                } else if (f.tag === "select") {
                    await page.keyboard.press("ArrowDown");
                } else if (f.tag === "input" || f.tag === "textarea") {
                    await page.keyboard.press("Control+A");
                    await page.keyboard.press("Delete");
                    await page.keyboard.type(tries.value(f));
                }
            }
            const [response] = await Promise.all([
                page.waitForNavigation(), page.keyboard.press("Enter")]);
            if (response.status() !== 422) {
                attempt = 0;
                tries = new Tries();
            } else if (tries.reject(await rejectedNames(page)),
                       ++attempt >= MAX_ATTEMPTS) {
                problems.push(`keyboard journey: ${new URL(page.url()).pathname} ` +
                              "rejected every set of answers typed");
                break;
            }
        }
        if (await kind(page) !== "confirmation")
            problems.push("keyboard journey: did not reach the confirmation page");
    } catch (e) {
        problems.push(`keyboard journey: ${e.message}`);
    } finally {
        await context.close();
    }
    results.push({ form: slug, page: "whole journey", state: "keyboard only",
                   problems, file: null });
}

// Submits a form with a field the page does not have: the 400 page.
async function badRequestPage(page, base, slug, results, opts) {
    await page.goto(`${base}/${slug}/`);
    await submit(page);
    await page.evaluate(() => {
        const form = document.querySelector("main form");
        const extra = document.createElement("input");
        extra.type = "hidden";
        extra.name = "not_a_question";
        extra.value = "x";
        form.appendChild(extra);
    });
    const response = await submit(page);
    const info = { form: "-", page: "bad request", state: "400",
                   pagesDir: opts.pagesDir };
    await checkHere(page, response, results, info);
    if (response.status() !== 400)
        results[results.length - 1].problems.push(
            `400 page: status ${response.status()}, want 400`);
}

// WCAG 2.4.2: every page of a form has a title of its own.
function titleClashes(results) {
    const owner = new Map();
    const clashes = [];
    for (const r of results) {
        if (!r.title || r.state === "errors" || r.state === "filled")
            continue;
        const key = `${r.form}|${r.title}`;
        const other = owner.get(key);
        if (other && other !== r.page)
            clashes.push({ form: r.form, page: r.page, state: "title",
                           problems: [`title: '${r.title}' is also the ` +
                                      `title of ${other}`], file: null });
        owner.set(key, r.page);
    }
    return clashes;
}

export async function walkForm(browser, base, opts) {
    const results = [];
    const context = await newResident(browser);
    const page = await context.newPage();
    let response = await page.goto(`${base}/`);
    await checkHere(page, response, results,
                    { form: "-", page: "/", state: "index",
                      pagesDir: opts.pagesDir });
    const slugs = (await page.$$eval("main a[href^='/']", (as) =>
        as.map((a) => a.getAttribute("href").split("/")[1])))
        .filter((s) => s && (!opts.only || opts.only.includes(s)));
    response = await page.goto(`${base}/no-such-form/`);
    await checkHere(page, response, results,
                    { form: "-", page: "not found", state: "404",
                      pagesDir: opts.pagesDir });
    if (response.status() !== 404)
        results[results.length - 1].problems.push(
            `404 page: status ${response.status()}, want 404`);
    if (slugs.length) await badRequestPage(page, base, slugs[0], results, opts);
    await context.close();

    for (const slug of slugs) {
        const seen = new Set();
        for (let walk = 0; walk < 6; walk++) {
            const before = seen.size;
            try {
                await walkOnce(browser, base, slug, walk, seen, results, opts);
            } catch (e) {
                results.push({ form: slug, page: "-", state: `walk ${walk}`,
                               problems: [`walk: ${e.message}`], file: null });
                break;
            }
            if (walk >= 1 && seen.size === before) break;
        }
    }
    results.push(...titleClashes(results));
    const keyboardForm = opts.keyboardForm ?? slugs[0];
    if (keyboardForm)
        await keyboardJourney(browser, base, keyboardForm, results, opts);
    return results;
}
