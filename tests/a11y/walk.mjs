// SPDX-License-Identifier: MIT
// Walks every form served by the running server like a resident would:
// start page, each question page empty, submitted empty (errors), filled
// and revisited, check answers, confirmation, exit pages; plus the index,
// 404 and 400 pages. Several walks per form answer differently, breadth
// first over the answers seen (walkAll), until every page state formc's
// journey.json lists has been checked, so branches and exit pages are
// reached. One form is also completed with the keyboard alone. Every
// bilingual form (its start page Welsh for a Welsh browser) is walked
// again in Welsh, its results as form "SLUG@cy", with the index and 404
// page in Welsh (docs/welsh.md).

import { spawnSync } from "node:child_process";
import { unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { datesIn, examplesIn, numbersIn } from "../lib/examples.mjs";
import { formText as staticText } from "../lib/static-pages.mjs";
import { bookingStates, expectedStates } from "./coverage.mjs";
import { checkPage, newResident } from "./checks.mjs";
import { startServer, stopServer } from "../lib/server.mjs";
import { trackWalk } from "./track.mjs";

const MAX_STEPS = 60;
const MAX_ATTEMPTS = 9;
// Walks per form, and how many answers one walk may change from the first
// walk's: enough for every page of every form in the repository (the
// coverage check in run.mjs says when not).
const MAX_WALKS = 40;
const MAX_CHANGES = 2;
// Walks of a form that may fail (each reported) before its walks stop.
const MAX_FAILED_WALKS = 3;

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
    // A name in parts; the title is optional.
    if (part("-title") || c.autocomplete === "honorific-prefix")
        return say("Dr", "");
    if (part("-given") || c.autocomplete === "given-name") return say("Alex");
    if (part("-family") || c.autocomplete === "family-name")
        return say("Example");
    if (part("-postcode") || c.autocomplete === "postal-code" ||
        label.includes("postcode")) return say("SK1 3XE");
    if (c.type === "email" || c.autocomplete === "email")
        return say("resident@example.com");
    if (c.type === "tel" || /\btel\b/.test(c.autocomplete))
        return say("0161 496 0000", "07700 900982");
    if (c.tag === "textarea")
        return say("The light by number 12 flickers.", ...TEXTS);
    // An autocomplete input offers its list's labels in a <datalist>.
    if (c.datalist?.length) return say(...c.datalist.slice(0, 3));
    // Money: the GOV.UK prefix pattern puts "£" before the box.
    if (c.prefix === "\u00a3") return say("12.50", ...NUMBERS);
    if (/national insurance/.test(label)) return say("AB123456C");
    if (/\btime\b/.test(label) || /\btime\b/i.test(c.described || ""))
        return say("9:30am", "14:30", "11am");
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
            datalist: el.list ? [...el.list.options].map((o) => o.value) : [],
            prefix: el.closest(".govuk-input__wrapper")
                ?.querySelector(".govuk-input__prefix")?.textContent || "",
            value: el.value, checked: !!el.checked,
        })));
}

// A planned answer the page rejected: the walk it belongs to ends.
class PlanRejected extends Error {}

// A walk that answers as one of the form's author scenarios says
// (NAME.test.yaml, run by formc test): the fields it posts, the same on
// every page (`formc test --fields`), on the scenario's own `today:` when
// it names one (a server whose clock is on that day: serverOn()). A field
// it leaves out is left empty. A page that rejects its answers ends the
// walk: as it should in a scenario of errors, else it is a failure.
export class ScenarioPlan {
    constructor(name, fields, today = null, errors = false) {
        this.name = name;
        this.today = today;
        this.errors = errors;
        this.fields = new Map();
        for (const [k, v] of fields) {
            if (!this.fields.has(k)) this.fields.set(k, []);
            this.fields.get(k).push(v);
        }
    }

    get() { return this; }
}

// The scenarios of form @p file as ScenarioPlans, from @p formc; none when
// it has no scenario file.
export function scenarioPlans(formc, file) {
    const r = spawnSync(formc, ["test", "--fields", file],
                        { encoding: "utf8" });
    if (r.status !== 0) return [];
    return r.stdout.split("\n").filter((l) => l).map((l) => {
        const s = JSON.parse(l);
        return new ScenarioPlan(s.name, s.fields, s.today ?? null,
                                s.errors === true);
    });
}

// The error summary's messages on the current page, "; " between them.
function summaryText(page) {
    return page.evaluate(() => [...document.querySelectorAll(
        ".govuk-error-summary a")].map((a) => a.textContent.trim())
        .join("; "));
}

// Fills the current page with scenario @p plan's fields only.
async function fillScenario(page, plan) {
    const done = new Set();
    for (;;) {
        const list = (await controls(page)).filter((c) => !done.has(c.id));
        if (list.length === 0)
            return;
        for (const c of list) {
            done.add(c.id);
            const want = plan.fields.get(c.name) ?? [];
            if (c.type === "radio" || c.type === "checkbox") {
                if (want.includes(c.value))
                    await page.check(`[id="${c.id}"]`);
                else if (c.type === "checkbox")
                    await page.uncheck(`[id="${c.id}"]`);
            } else if (c.tag === "select") {
                if (want.length)
                    await page.selectOption(`[id="${c.id}"]`, want[0]);
            } else if (c.type === "file") {
                await page.setInputFiles(`[id="${c.id}"]`, []);
            } else {
                await page.fill(`[id="${c.id}"]`, want[0] ?? "");
            }
        }
    }
}

// What a file input is given: a real 1x1 PNG (the server checks files
// by their content).
const PHOTO = new URL("./fixtures/photo.png", import.meta.url).pathname;
// A PDF named .png: refused by content.
const NOT_A_PHOTO = new URL("./fixtures/not-a-photo.png",
                            import.meta.url).pathname;

const DATE_PART = /-(day|month|year)$/;

// Amounts of money written in @p text ("more than £1,000"), each with a
// pound more, as a money input takes them: "1000", "1001".
function amountsIn(text) {
    const out = [];
    for (const m of text.matchAll(/\u00a3(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d\d)?/g)) {
        const n = Number(m[1].replaceAll(",", ""));
        for (const v of [n, n + 1])
            if (!out.includes(String(v))) out.push(String(v));
    }
    return out;
}

// What a walk may answer differently on this page, for later walks to
// try: each option of a radios or select, each box of a checkboxes alone,
// and for numbers, amounts of money and dates the ones the form mentions
// (@p said: the start page, all the form's static pages, and this page;
// see tests/lib/examples.mjs). Each point is
// { key, alts, current }, current being what this walk answered.
function choicePoints(list, said) {
    const points = new Map();
    const point = (key, current) => {
        if (!points.has(key)) points.set(key, { key, alts: [], current });
        return points.get(key);
    };
    for (const c of list) {
        if (c.type === "radio" || c.type === "checkbox") {
            const p = point(c.name, null);
            p.alts.push(c.value);
            if (c.checked && p.current === null) p.current = c.value;
        } else if (c.tag === "select") {
            point(c.name, c.value).alts.push(...c.options.filter((v) => v));
        } else if (c.name.endsWith("-day") && c.inputmode === "numeric") {
            const key = c.name.slice(0, -4);
            const part = (s) => list.find((x) => x.name === `${key}-${s}`)
                ?.value;
            point(key, [part("year"), part("month"), part("day")].map(Number)
                .join("-")).alts.push(...datesIn(said).map((d) => d.join("-")));
        } else if (c.inputmode === "numeric" && !DATE_PART.test(c.name)) {
            point(c.name, c.value).alts.push(...numbersIn(said));
        } else if (c.prefix === "\u00a3") {
            point(c.name, c.value).alts.push(...amountsIn(said));
        }
    }
    return [...points.values()];
}

// The answer @p plan (question key -> value) sets for control @p c, or
// undefined. A date's plan is "Y-M-D", set part by part.
function planned(plan, c) {
    const key = Tries.key(c.name);
    const v = plan?.get(key);
    if (v === undefined || !DATE_PART.test(c.name) || key === c.name)
        return v;
    const [y, m, d] = v.split("-");
    return { day: d, month: m, year: y }[c.name.match(DATE_PART)[1]];
}

// Fills the current page: walk picks which option of each choice, tries
// which candidate after rejected answers, and @p plan (question key ->
// value) overrides both for the answers a walk is meant to change.
// Choices first, then whatever they reveal, until no new control appears.
// Throws PlanRejected when a planned number or date was rejected.
async function fill(page, walk, tries, plan) {
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
        for (const [name, group] of groups) {
            const n = tries.count(group[0]);
            const want = group.findIndex((c) => c.value === plan?.get(name));
            const at = want >= 0 ? want : walk;
            if (group[0].type === "radio") {
                await page.check(`[id="${group[(at + n) % group.length].id}"]`);
                continue;
            }
            for (const c of group) await page.uncheck(`[id="${c.id}"]`);
            // One box first; more after a rejection, for min_selected.
            for (let i = 0; i < Math.min(group.length, 1 + n); i++)
                await page.check(`[id="${group[(at + i) % group.length].id}"]`);
        }
        for (const c of list) {
            if (c.type === "radio" || c.type === "checkbox") continue;
            const want = planned(plan, c);
            if (c.type === "file") {
                await page.setInputFiles(`[id="${c.id}"]`, [PHOTO]);
            } else if (c.tag === "select") {
                const real = c.options.filter((v) => v !== "");
                const at = Math.max(0, real.indexOf(want));
                await page.selectOption(`[id="${c.id}"]`,
                                        real[(at + walk + tries.count(c)) %
                                             real.length]);
            } else if (want !== undefined) {
                if (tries.count(c) > 0) throw new PlanRejected(c.name);
                await page.fill(`[id="${c.id}"]`, want);
            } else {
                await page.fill(`[id="${c.id}"]`, tries.value(c));
            }
        }
    }
}

async function submit(page) {
    const [response] = await Promise.all([
        page.waitForNavigation(),
        // Not a file's Remove button, which shows its page again.
        page.click("main form button[type=submit]:not([name$='-remove']), " +
                   "main form .govuk-button:not([name$='-remove']), " +
                   "main a.govuk-button--start"),
    ]);
    return response;
}

async function kind(page) {
    if (new URL(page.url()).pathname.endsWith("/payment")) return "payment";
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
    // The browser moves focus to an `autofocus` element at its next
    // rendering update, which may come after the load event on a busy
    // machine: wait for it (bounded), so only a page that never focuses
    // its summary fails.
    const focused = await page.waitForFunction(() =>
        document.activeElement?.classList.contains("govuk-error-summary"),
        null, { timeout: 3000 }).then(() => true, () => false);
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

// A page with a file input, in each state its uploads can put it in: a
// file that is not what its name says (422, the error on the input), and
// one over the size limit (the 413 page, while it streams). The page is
// shown afresh after each.
async function fileErrors(page, base, key, results, info) {
    const input = await page.$("main input[type=file]");
    if (!input) return;
    const check = async (file, state, status) => {
        await page.setInputFiles("main input[type=file]", [file]);
        const response = await submit(page);
        if (response.status() !== status) {
            results.push({ ...info, state, file: "", title: "",
                           problems: [`${state}: answered ` +
                                      `${response.status()}, not ${status}`] });
        } else {
            const focus = status === 422 ? await errorSummaryProblems(page)
                                         : [];
            await checkHere(page, response, results, { ...info, state });
            results[results.length - 1].problems.push(...focus);
        }
        await page.goto(`${base}${key}`);
    };
    await check(NOT_A_PHOTO, "file-type-error", 422);
    const hint = await page.innerText("main .govuk-hint");
    const mb = Number(/smaller than ([0-9.]+) ?MB/.exec(hint)?.[1] ?? 10);
    const big = join(tmpdir(), `fb-a11y-big-${process.pid}.jpg`);
    writeFileSync(big, Buffer.alloc(Math.ceil(mb * 1024 * 1024) + 1, 0xff));
    try {
        await check(big, "file-too-large", 413);
    } finally {
        unlinkSync(big);
    }
}

// The provider's page (the GOV.UK Pay stand-in, not ours to check):
// presses @p button and follows the return to our page.
async function atProvider(page, button) {
    await Promise.all([page.waitForNavigation(), page.click(`#${button}`)]);
    return page.waitForLoadState().then(() => null);
}

// /SLUG/payment after check your answers. The first walk to reach it
// checks each of its states: you will now pay, cancelled (then Try to
// pay again), not taken (a declined card), not paid yet (back without
// paying: Continue resumes the payment); every walk then pays and goes
// on to the confirmation. @returns the response of the page reached.
async function payThrough(page, base, slug, response, results, info, first) {
    const here = `${base}/${slug}/payment`;
    const check = async (state, r) => {
        if (first("payment", state))
            await checkHere(page, r, results,
                            { ...info, page: `/${slug}/payment`, state });
    };
    const again = () => page.goto(here);
    await check("pay-now", response);
    if (!first("payment", "walked")) {
        await submit(page);
        await atProvider(page, "pay");
        return page.goto(page.url());
    }
    await submit(page);
    await atProvider(page, "cancel");
    await check("cancelled", await again());
    await submit(page);
    await atProvider(page, "decline");
    await check("failed", await again());
    await submit(page);                       // a new payment, not paid
    await check("not-paid", await again());
    await submit(page);                       // resumes it
    await atProvider(page, "pay");
    return page.goto(page.url());
}

// One walk through a form, answering as @p plan says where it says
// (page path -> Map question key -> value; see fill()). @p done holds the
// checks made so far by every walk of the form, as "page|state" (page id,
// or start): each page state is checked once, by the first walk to reach
// it. The points where this walk could have answered otherwise are pushed
// to @p points. A walk whose planned answer a page rejects ends there.
async function walkOnce(browser, base, slug, plan, done, results, opts,
                        points) {
    const context = await newResident(browser, opts.locale);
    const label = opts.label ?? slug;
    const page = await context.newPage();
    const path = (u) => new URL(u).pathname;
    // True the first time page @p id is reached in @p state.
    const first = (id, state) => !done.has(`${id}|${state}`) &&
        !!done.add(`${id}|${state}`);
    try {
        let response = await page.goto(`${base}/${slug}/`);
        const said = `${await page.innerText("main")} ${opts.formText}`;
        if (first("start", "empty"))
            await checkHere(page, response, results,
                            { form: label, page: "start", state: "empty",
                              pagesDir: opts.pagesDir });
        response = await submit(page);
        for (let step = 0; step < MAX_STEPS; step++) {
            const k = await kind(page);
            const key = path(page.url());
            const id = key.split("/")[2];
            const info = { form: label, page: key, pagesDir: opts.pagesDir };
            if (k === "confirmation" || k === "exit") {
                if (first(id, k))
                    await checkHere(page, response, results,
                                    { ...info, state: k });
                // A booking's link, for its own pages (bookingWalk).
                const manage = await page.$eval(
                    "main a[href*='/booking/']:not([href$='.ics'])",
                    (a) => a.getAttribute("href")).catch(() => null);
                if (manage) opts.booked?.push(manage);
                // A form taking progress updates: its track page
                // (track.mjs).
                const track = await page.$eval(
                    "main a[href*='/track?reference=']",
                    (a) => a.getAttribute("href")).catch(() => null);
                if (track && opts.tracked && !opts.tracked.has(slug))
                    opts.tracked.set(slug, track);
                return;
            }
            const group = opts.form?.pages.find((p) => p.id === id &&
                                                       p.repeat);
            if (group) {
                response = await repeatGroup(page, base, slug, group, plan,
                                             results, info, first, points,
                                             `${said} ${opts.formText}`);
                continue;
            }
            if (k === "payment") {
                response = await payThrough(page, base, slug, response,
                                            results, info, first);
                continue;
            }
            if (k === "check-answers") {
                if (first(id, "check-answers")) {
                    await checkHere(page, response, results,
                                    { ...info, state: "check-answers" });
                    await changeAnswer(page, results, info);
                }
                response = await submit(page);
                continue;
            }
            const text = await page.innerText("main");
            if (first(id, "empty"))
                await checkHere(page, response, results,
                                { ...info, state: "empty" });
            // An empty post, until it has shown the errors formc says it
            // has (once only when there is no journey.json to say).
            const errorsDue = opts.form
                ? !!opts.form.pages.find((p) => p.id === id)?.errors
                : first(id, "errors-tried");
            if (errorsDue && !done.has(`${id}|errors`)) {
                const emptyResponse = await submit(page);
                if (emptyResponse.status() === 422) {
                    done.add(`${id}|errors`);
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
            if (first(id, "file-errors"))
                await fileErrors(page, base, key, results, info);
            const tries = new Tries();
            let here = [];
            for (let attempt = 1; ; attempt++) {
                if (plan instanceof ScenarioPlan)
                    await fillScenario(page, plan);
                else
                    await fill(page, 0, tries, plan.get(key));
                here = choicePoints(await controls(page), `${said} ${text}`);
                response = await submit(page);
                // A place the store refused (taken by an earlier walk, or
                // the quota used up by them): this walk ends here.
                if (response.status() === 409) throw new PlanRejected(key);
                if (response.status() !== 422) break;
                if (plan instanceof ScenarioPlan && plan.errors)
                    throw new PlanRejected(key);
                if (plan instanceof ScenarioPlan)
                    throw new Error(`${key} refused the scenario's ` +
                                    `answers: ${await summaryText(page)}`);
                tries.reject(await rejectedNames(page));
                if (attempt >= MAX_ATTEMPTS)
                    throw new Error(`${key}: could not find answers the ` +
                                    `page accepts: ${await summaryText(page)}`);
            }
            points.push(...here.map((p) => ({ page: key, ...p })));
            if (first(id, "filled")) {
                // Revisit the page just answered: answers shown again.
                const next = page.url();
                const again = await page.goto(`${base}${key}`);
                await checkHere(page, again, results,
                                { ...info, state: "filled" });
                await page.goto(next);
            }
        }
        throw new Error(`${slug}: journey did not end within ${MAX_STEPS} pages`);
    } catch (e) {
        if (!(e instanceof PlanRejected)) throw e;
    } finally {
        await context.close();
    }
}

// ---- repeating pages ("add another") ----

// A scenario's fields for item @p i of repeating page @p id: its
// "ID.I.NAME" fields as the item page names them ("NAME").
function itemScenario(plan, id, i) {
    const prefix = `${id}.${i}.`;
    const fields = [];
    for (const [k, vs] of plan.fields)
        if (k.startsWith(prefix))
            for (const v of vs) fields.push([k.slice(prefix.length), v]);
    return new ScenarioPlan(`${plan.name} (${id} ${i})`, fields);
}

// How many items the summary on @p page lists.
async function itemCount(page) {
    return page.$$eval("#repeat-items .govuk-summary-list__row",
                       (rows) => rows.length).catch(() => 0);
}

// Answers the summary's or the remove page's yes/no with @p value (none
// when the page has no such question) and sends it.
async function yesNo(page, value) {
    const radio = await page.$(`main input[type=radio][value="${value}"]`);
    if (radio) await radio.check();
    return submit(page);
}

// Fills and sends an item page until it is accepted: as a scenario says
// (its item @p i), else as fill() answers, @p plan deciding where it
// says. @returns the response.
async function addItem(page, plan, group, i, points, said) {
    const key = new URL(page.url()).pathname;
    const tries = new Tries();
    for (let attempt = 1; ; attempt++) {
        if (plan instanceof ScenarioPlan)
            await fillScenario(page, itemScenario(plan, group.id, i));
        else
            await fill(page, 0, tries, plan.get(key));
        const here = choicePoints(await controls(page), said);
        const response = await submit(page);
        if (response.status() !== 422) {
            points.push(...here.map((p) => ({ page: key, ...p })));
            return response;
        }
        if (plan instanceof ScenarioPlan) throw new PlanRejected(key);
        tries.reject(await rejectedNames(page));
        if (attempt >= MAX_ATTEMPTS)
            throw new Error(`${key}: could not find answers the item ` +
                            "page accepts");
    }
}

// Checks the page now shown as @p state of the group, once per form.
async function groupState(page, response, results, info, first, id, state,
                          errors) {
    if (!first(id, state)) return;
    const focus = errors ? await errorSummaryProblems(page) : [];
    await checkHere(page, response, results,
                    { ...info, page: new URL(page.url()).pathname, state });
    results[results.length - 1].problems.push(...focus);
}

// A repeating page: its summary ("You have added 2 people", Change and
// Remove, "Do you need to add another ...?"), its item pages and the
// remove confirmation. The first walk to reach it shows every state:
// the summary with no items (summary-none, when min is 0) and with its
// error (summary-errors), an item page empty, with errors and filled in
// again (the page's empty, errors and filled), the summary with one item
// and with two (summary-one, summary-many), the remove page and its
// error (remove, remove-errors). Every walk then adds the items it
// needs (a scenario's, or at least min and one) and says no more.
// @returns the response of the page after the group.
async function repeatGroup(page, base, slug, group, plan, results, info,
                           first, points, said) {
    const id = group.id;
    const summary = `/${slug}/${id}`;
    const onSummary = () => new URL(page.url()).pathname === summary;
    const { min, max } = group.repeat;
    let response = null;
    if (onSummary() && await itemCount(page) === 0 && min === 0)
        await groupState(page, null, results, info, first, id,
                         "summary-none", false);
    if (onSummary() && first(id, "tour")) {
        response = await submit(page);             // no answer
        if (response.status() === 422)
            await groupState(page, response, results, info, first, id,
                             "summary-errors", true);
        response = await yesNo(page, "yes");
        await groupState(page, response, results, info, first, id, "empty",
                         false);
        response = await submit(page);             // an empty item
        if (response.status() === 422)
            await groupState(page, response, results, info, first, id,
                             "errors", true);
        const item = new URL(page.url()).pathname;
        response = await addItem(page, plan, group, 0, [], said);
        const again = await page.goto(`${base}${item}`);
        await groupState(page, again, results, info, first, id, "filled",
                         false);
        response = await page.goto(`${base}${summary}`);
        await groupState(page, response, results, info, first, id,
                         "summary-one", false);
        if (max > 1) {
            await yesNo(page, "yes");
            response = await addItem(page, plan, group, 1, [], said);
            await groupState(page, response, results, info, first, id,
                             "summary-many", false);
        }
        // Remove the last item, after its confirmation and its error.
        const links = await page.$$("#repeat-items a[href$='/remove']");
        const [r] = await Promise.all([page.waitForNavigation(),
                                       links[links.length - 1].click()]);
        await groupState(page, r, results, info, first, id, "remove", false);
        response = await submit(page);
        if (response.status() === 422)
            await groupState(page, response, results, info, first, id,
                             "remove-errors", true);
        response = await yesNo(page, "yes");
        // Start the walk's own items afresh.
        while (await itemCount(page) > 0) {
            const l = await page.$("#repeat-items a[href$='/remove']");
            await Promise.all([page.waitForNavigation(), l.click()]);
            response = await yesNo(page, "yes");
        }
    }
    if (!onSummary() && min === 0) response = await page.goto(`${base}${summary}`);
    const scenarioItems = plan instanceof ScenarioPlan
        ? [...plan.fields.keys()].filter((k) => k.startsWith(`${id}.`))
            .map((k) => Number(k.split(".")[1]))
        : [];
    // With min 0, adding none is a choice of its own (what a count of 0
    // shows): a later walk plans "no" at the summary's first question.
    if (min === 0 && !(plan instanceof ScenarioPlan))
        points.push({ page: summary, key: "add-another",
                      alts: ["yes", "no"], current: "yes" });
    const none = !(plan instanceof ScenarioPlan) &&
        plan.get(summary)?.get("add-another") === "no";
    const want = plan instanceof ScenarioPlan
        ? (scenarioItems.length ? Math.max(...scenarioItems) + 1 : 0)
        : none ? 0 : Math.max(min, 1);
    for (let step = 0; step < 2 * max + 2; step++) {
        if (!onSummary()) {                        // an item page
            const n = Number(new URL(page.url()).pathname.split("/")[3]);
            response = await addItem(page, plan, group, n, points, said);
            continue;
        }
        const n = await itemCount(page);
        if (n >= want || n >= max) break;
        response = await yesNo(page, "yes");
    }
    response = await yesNo(page, "no");
    if (response.status() === 422) throw new PlanRejected(summary);
    return response;
}

// Closes @p day of @p calendar to new bookings with the staff command, as
// a council would: the day is then full everywhere.
function closeDay(opts, calendar, day) {
    const r = spawnSync(opts.server, ["bookings", "--calendar", calendar,
                                      "--close", day],
                        { env: { ...process.env, FORMBUILDER_DB: opts.db },
                          encoding: "utf8" });
    if (r.status !== 0)
        throw new Error(`bookings --close ${day}: ${r.stderr}`);
}

// The value of the radio chosen on the page.
async function chosen(page) {
    return page.$eval("main input[type=radio]:checked", (el) => el.value);
}

// Answers pages with the walker's first answers until the page @p id.
async function answerUntil(page, base, slug, id) {
    await page.goto(`${base}/${slug}/`);
    let response = await submit(page);
    for (let step = 0; step < MAX_STEPS; step++) {
        if (new URL(page.url()).pathname === `/${slug}/${id}`)
            return response;
        const tries = new Tries();
        for (let attempt = 1; ; attempt++) {
            await fill(page, 0, tries, null);
            response = await submit(page);
            if (response.status() !== 422) break;
            tries.reject(await rejectedNames(page));
            if (attempt >= MAX_ATTEMPTS)
                throw new Error(`${page.url()}: no answers accepted`);
        }
    }
    throw new Error(`${slug}: page ${id} not reached`);
}

// A booking form's booking states (coverage.mjs, bookingStates): the date
// page sent back because the place went, then a day chosen and closed by
// staff before its time is sent (refused, no window left, the day full);
// then the booking's own pages from a link a walk's confirmation gave:
// change (the date and time pages again, empty and with errors:
// "rebook"; check, changed) and cancel (ask, cancelled, cancelled again);
// last, every day closed: a month without dates.
async function bookingWalk(browser, base, slug, form, results, opts) {
    const b = form.booking;
    const context = await newResident(browser);
    const page = await context.newPage();
    const info = (key, state) => ({ form: slug, page: key, state,
                                    pagesDir: opts.pagesDir });
    const at = async (url, key, state, status = 200) => {
        const response = await page.goto(`${base}${url}`);
        await checkHere(page, response, results, info(key, state));
        if (response.status() !== status)
            results[results.length - 1].problems.push(
                `${state}: status ${response.status()}, want ${status}`);
    };
    // The page a click led to; an errors page has its summary's focus
    // checked first (the other checks move focus).
    const after = async (key, state, status, response) => {
        const focus = status === 422 ? await errorSummaryProblems(page) : [];
        await checkHere(page, response, results, info(key, state));
        results[results.length - 1].problems.push(...focus);
        if (response.status() !== status)
            results[results.length - 1].problems.push(
                `${state}: status ${response.status()}, want ${status}`);
    };
    const own = `/${slug}/booking`;
    try {
        const datePath = `/${slug}/${b.date}`;
        await answerUntil(page, base, slug, b.date);
        await at(`${datePath}?booking=gone`, datePath, "gone");
        await page.goto(`${base}${datePath}`);
        await fill(page, 0, new Tries(), null);
        const day = await chosen(page);
        await submit(page);
        const timePath = new URL(page.url()).pathname;
        await fill(page, 0, new Tries(), null);
        closeDay(opts, b.calendar, day);
        await after(timePath, "refused", 409, await submit(page));
        await at(timePath, timePath, "no-times");
        await at(`${datePath}?month=${day.slice(0, 7)}`, datePath, "full");

        const manage = opts.booked?.[0];
        if (!manage) throw new Error("no booking link on the confirmation");
        await at(manage, own, "booking");
        await page.click("main form:has(button.govuk-button--secondary) "
                         + "button");
        await page.waitForURL(`**${manage}/date`);
        await at(`${manage}/date`, datePath, "rebook");
        await after(datePath, "rebook-errors", 422,
                    await submit(page));
        await page.goto(`${base}${manage}/date`);
        await fill(page, 0, new Tries(), null);
        await after(timePath, "rebook", 200, await submit(page));
        await after(timePath, "rebook-errors", 422,
                    await submit(page));
        await fill(page, 0, new Tries(), null);
        await after(own, "change-check", 200, await submit(page));
        await after(own, "changed", 200, await submit(page));
        await page.goto(`${base}${manage}`);
        await Promise.all([page.waitForNavigation(),
                           page.click("main button.govuk-button--warning")]);
        await checkHere(page, null, results, info(own, "cancel"));
        // The same question open in a second tab, answered after the
        // first: the booking is cancelled already.
        const second = await context.newPage();
        await second.goto(page.url());
        const [done] = await Promise.all([page.waitForNavigation(),
            page.click("main button.govuk-button--warning")]);
        await after(own, "cancelled", 200, done);
        const [again] = await Promise.all([second.waitForNavigation(),
            second.click("main button.govuk-button--warning")]);
        await checkHere(second, again, results,
                        info(own, "already-cancelled"));
        if (again.status() !== 200)
            results[results.length - 1].problems.push(
                `already-cancelled: status ${again.status()}, want 200`);
        // Last, as it ends booking: staff close every day that could be
        // offered, and the date page says there are no dates.
        const [y, m, d] = form.today.split("-").map(Number);
        for (let i = 0; i <= 62; i++) {
            await page.goto(`${base}${datePath}`);
            if (!await page.$("main input[type=radio]")) break;
            closeDay(opts, b.calendar, new Date(Date.UTC(y, m - 1, d + i))
                .toISOString().slice(0, 10));
        }
        await at(datePath, datePath, "no-dates");
    } catch (e) {
        results.push({ form: slug, page: "-", state: "booking walk",
                       problems: [`booking walk: ${e.message}`],
                       file: null });
    } finally {
        await context.close();
    }
}

// Walks of one form, breadth first over what they answer: the first with
// the walker's own answers, then one walk per other answer of each choice
// point seen (each option, each box alone, the numbers and dates the form
// mentions), then pairs of changes, until every page state journey.json
// (@p form) expects has been checked, or MAX_WALKS.
async function walkAll(browser, base, slug, form, results, opts) {
    const done = new Set();
    // The booking's own states are bookingWalk's, after the walks.
    const own = form?.booking ? bookingStates(form.booking)
        .map(([p, st]) => `${p}|${st}`) : [];
    const goal = form ? expectedStates(form).filter(([p, st]) =>
        !own.includes(`${p}|${st}`)) : null;
    const formText = form ? staticText(form) : "";
    const complete = () => goal?.every(([p, st]) => done.has(`${p}|${st}`));
    const queue = [new Map()];
    const queued = new Set();
    const planKey = (plan) => JSON.stringify([...plan].map(([p, m]) =>
        [p, [...m]]));
    // Each point's first other answer, then each one's second...: a few
    // options are all tried before the long lists of numbers and dates.
    const enqueue = (parent, points) => {
        const size = [...parent.values()].reduce((n, m) => n + m.size, 0);
        if (size >= MAX_CHANGES) return;
        const lists = points.filter(({ page, key }) =>
            !parent.get(page)?.has(key)).map(({ page, key, alts, current }) =>
            alts.filter((alt) => alt !== current).map((alt) => {
                const plan = new Map([...parent].map(([p, m]) =>
                    [p, new Map(m)]));
                if (!plan.has(page)) plan.set(page, new Map());
                plan.get(page).set(key, alt);
                return plan;
            }));
        for (let i = 0; lists.some((l) => i < l.length); i++)
            for (const l of lists) {
                if (i >= l.length) continue;
                const k = planKey(l[i]);
                if (queued.has(k)) continue;
                queued.add(k);
                queue.push(l[i]);
            }
    };
    const limit = goal ? MAX_WALKS : 6;
    const booked = [];   /* links to bookings the walks made */
    let walk = 0, failed = 0;
    // The author's scenarios first: they choose the answers that reach
    // each branch and exit. The walker's own answers (below) then reach
    // only what they did not (and walk forms without scenarios).
    for (const plan of opts.scenarios?.get(slug) ?? []) {
        if (complete()) break;
        try {
            // On another day's server its bookings and track links are
            // that server's, so they are not kept for the later walks.
            const elsewhere = plan.today && opts.dayServers
                && plan.today !== serverDay(opts);
            await walkOnce(browser,
                           elsewhere ? await serverOn(plan.today, opts)
                                     : base,
                           slug, plan, done, results,
                           { ...opts, form, formText,
                             booked: elsewhere ? [] : booked,
                             tracked: elsewhere ? undefined : opts.tracked },
                           []);
        } catch (e) {
            results.push({ form: slug, page: "-",
                           state: `scenario '${plan.name}'`,
                           problems: [`walk: ${e.message}`], file: null });
        }
    }
    // The booking and track walks (after these) use a booking and a
    // confirmation made on this server: walk on until one is, if the
    // scenarios all ran on servers of their own days.
    const tracks = opts.tracked
        && (await fetch(`${base}/${slug}/track`)).status === 200;
    const confirmed = () => (!form?.booking || booked.length > 0)
        && (!tracks || opts.tracked.has(slug));
    for (; walk < limit && queue.length && !(complete() && confirmed());
         walk++) {
        const plan = queue.shift();
        const points = [];
        try {
            await walkOnce(browser, base, slug, plan, done, results,
                           { ...opts, form, formText, booked }, points);
        } catch (e) {
            // Reported; other walks may still reach the pages after it.
            results.push({ form: opts.label ?? slug, page: "-",
                           state: `walk ${walk}`,
                           problems: [`walk: ${e.message}`], file: null });
            if (++failed >= MAX_FAILED_WALKS) break;
        }
        enqueue(plan, points);
    }
    opts.booked?.set(slug, booked);
    return walk;
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
                      datalist: el.list ? [...el.list.options]
                          .map((o) => o.value) : [],
                      prefix: el.closest(".govuk-input__wrapper")
                          ?.querySelector(".govuk-input__prefix")
                          ?.textContent || "",
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
            if (!page.url().startsWith(base)) {
                // The payment provider's page: its first button is Pay.
                await page.keyboard.press("Tab");
                await Promise.all([page.waitForNavigation(),
                                   page.keyboard.press("Enter")]);
                await page.waitForLoadState();
                continue;
            }
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
                } else if (f.type === "file") {
                    // A file is chosen in the system's dialog, not typed.
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
            problems.push("keyboard journey: did not reach the confirmation page " +
                          `(stopped at ${page.url()})`);
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

// Assisted digital: staff open a `formbuilder assist` link; its staff
// name page (and with its error), then the start and first question
// pages with the "Filling this in for someone else" banner.
async function assistedPages(browser, base, slug, results, opts) {
    const made = spawnSync(opts.server, ["assist", "--form", slug],
                           { env: { ...process.env, ...opts.clockEnv },
                             encoding: "utf8" });
    if (made.status !== 0)
        throw new Error(`formbuilder assist: ${made.stderr}`);
    const url = new URL(made.stdout.trim(), base);
    const context = await newResident(browser);
    const page = await context.newPage();
    const info = (name, state) => ({ form: "-", page: name, state,
                                     pagesDir: opts.pagesDir });
    const want = (status, response) => {
        if (response.status() !== status)
            results[results.length - 1].problems.push(
                `status ${response.status()}, want ${status}`);
    };
    let response = await page.goto(`${base}${url.pathname}${url.search}`);
    await checkHere(page, response, results, info("assist staff", "new"));
    want(200, response);
    response = await submit(page);
    const focus = await errorSummaryProblems(page);
    await checkHere(page, response, results, info("assist staff", "errors"));
    results[results.length - 1].problems.push(...focus);
    want(400, response);
    await page.fill("#fb-assisted-by", "Sam Staff");
    response = await submit(page);
    await checkHere(page, response, results, info("assisted start", "banner"));
    want(200, response);
    if (!await page.$("main #fb-assisted"))
        results[results.length - 1].problems.push("no assisted banner");
    await Promise.all([page.waitForNavigation(),
                       page.click("main a.govuk-button--start")]);
    await checkHere(page, null, results, info("assisted page", "banner"));
    if (!await page.$("main #fb-assisted"))
        results[results.length - 1].problems.push("no assisted banner");
    await context.close();
}

// The browser language of the Welsh walks.
const WELSH = "cy-GB";

// True when form @p slug is offered in Welsh: a Welsh browser gets its
// start page in Welsh.
async function offersWelsh(browser, base, slug) {
    const context = await newResident(browser, WELSH);
    const page = await context.newPage();
    await page.goto(`${base}/${slug}/`);
    const lang = await page.evaluate(() => document.documentElement.lang);
    await context.close();
    return lang === "cy";
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

// The day the main server's clock is on (YYYY-MM-DD).
function serverDay(opts) {
    return (opts.clockEnv?.FB_TEST_NOW ?? new Date().toISOString())
        .slice(0, 10);
}

// The base URL of a server like the main one whose clock is on @p day
// (a scenario's `today:`), started the first time a scenario asks for that
// day, on a database of its own, and stopped by walkForm at the end.
async function serverOn(day, opts) {
    if (!opts.dayServers.has(day))
        opts.dayServers.set(day, startServer(opts.server, `${opts.db}.${day}`,
            { ...opts.clockEnv, FB_TEST_NOW: `${day}T12:00:00Z` }));
    return (await opts.dayServers.get(day)).base;
}

export async function walkForm(browser, base, opts) {
    const dayServers = new Map();
    try {
        return await walkForms(browser, base,
                               opts.server && opts.db
                                   ? { ...opts, dayServers } : opts);
    } finally {
        for (const server of dayServers.values())
            // One that failed to start was reported by its walks.
            await server.then(stopServer, () => {});
    }
}

async function walkForms(browser, base, opts) {
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
    if (slugs.length && opts.server)
        await assistedPages(browser, base, slugs[0], results, opts);

    const booked = new Map();   // slug -> links to the bookings made
    const tracked = new Map();  // slug -> its confirmation's track link
    for (const slug of slugs) {
        const t0 = Date.now();
        const walks = await walkAll(browser, base, slug,
                                    opts.expected?.get(slug), results,
                                    { ...opts, booked, tracked });
        console.log(`a11y: ${slug}: ${walks} walks, ` +
                    `${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
    // The bilingual forms again in Welsh, with the index and 404 page.
    const welsh = [];
    for (const slug of slugs)
        if (await offersWelsh(browser, base, slug)) welsh.push(slug);
    if (welsh.length) {
        const cy = await newResident(browser, WELSH);
        const cyPage = await cy.newPage();
        response = await cyPage.goto(`${base}/`);
        await checkHere(cyPage, response, results,
                        { form: "-", page: "/", state: "index-cy",
                          pagesDir: opts.pagesDir });
        response = await cyPage.goto(`${base}/no-such-form/`);
        await checkHere(cyPage, response, results,
                        { form: "-", page: "not found", state: "404-cy",
                          pagesDir: opts.pagesDir });
        await cy.close();
    }
    for (const slug of welsh) {
        const t0 = Date.now();
        const form = opts.expected?.get(slug);
        // The booking's own states are walked in English only.
        const walks = await walkAll(browser, base, slug,
                                    form && { ...form, booking: null },
                                    results, { ...opts, booked: undefined,
                                               locale: WELSH,
                                               label: `${slug}@cy` });
        console.log(`a11y: ${slug}@cy: ${walks} walks, ` +
                    `${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
    opts.welsh?.push(...welsh);
    // The track pages of the forms taking progress updates, in English
    // and, for a bilingual form, Welsh; a form with a track page whose
    // confirmation never linked to it is a problem.
    const posted = new Set();
    for (const slug of slugs) {
        const r = await fetch(`${base}/${slug}/track`);
        const link = tracked.get(slug);
        if (r.status === 200 && !link) {
            results.push({ form: slug, page: `/${slug}/track`,
                           state: "track walk", file: null,
                           problems: ["the confirmation has no link to the "
                                      + "track page"] });
            continue;
        }
        if (!link) continue;
        for (const locale of welsh.includes(slug) ? [undefined, WELSH]
                                                  : [undefined]) {
            const context = await newResident(browser, locale);
            await trackWalk(context, base, slug, link, results,
                            { ...opts, posted }, { checkHere, submit },
                            locale ? `${slug}@cy` : slug);
            await context.close();
        }
    }
    const keyboardForm = opts.keyboardForm ?? slugs[0];
    if (keyboardForm)
        await keyboardJourney(browser, base, keyboardForm, results, opts);
    // After every journey: the booking walks close days.
    for (const slug of slugs) {
        const form = opts.expected?.get(slug);
        if (form?.booking && opts.server)
            await bookingWalk(browser, base, slug, form, results,
                              { ...opts, booked: booked.get(slug) });
    }
    results.push(...titleClashes(results));
    return results;
}
