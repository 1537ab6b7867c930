// SPDX-License-Identifier: MIT
// Static pages and the server agree: for every form in examples/ and
// forms/, formc's static review pages (formc build --html) and the real
// server show the same questions for the same answers.
//
// The server is walked with the answers formc's sample journey uses (the
// fields journey.json lists per page; see compiler/emit_html.h). On every
// page it shows, the test compares with the static PAGE.html the field
// names of the page's form (inputs, selects and textareas, in order,
// without the CSRF token and the honeypot); then it posts the page empty
// and compares the error summary (links and messages) and the fields with
// PAGE-errors.html. The pages the server walks through must be the static
// sample journey, and its check answers must list the rows (questions)
// static check answers lists.
//
// Pages off the sample journey (exit pages, branches) are reached by
// changing one or two sample answers, breadth first: each other option of
// each radios, select and yes/no, each box of a checkboxes alone, and the
// numbers and dates the form's text mentions (tests/lib/examples.mjs).
// The static pages were drawn for the samples, so on such a run questions
// with a `when` are left out of the comparison. A page no run reaches is
// listed as not compared, which is not a failure; nor is a sample the
// server rejects (formc keeps samples its rules reject): the test tries
// the page's own examples and posts what the server accepts.
//
//   node tests/integration/static-parity.mjs --formc build/compiler/formc \
//       --server build/runtime/server/formbuilder [--forms a,b] [--verbose]
//
// With --self-test the first page of the first form's sample journey is
// spoiled on the static side (its last question taken out of PAGE.html,
// a message of PAGE-errors.html reworded) and the test must notice.
//
// Exit 0 when they agree, 1 on any disagreement, 2 on usage errors; with
// --self-test 0 when both spoils were found, 1 otherwise.

import { existsSync, mkdtempSync, readFileSync, rmSync,
         writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { datesIn, examplesIn, numbersIn } from "../lib/examples.mjs";
import { attr, decode, mainText, text } from "../lib/html.mjs";
import { startServer, stopServer } from "../lib/server.mjs";
import { buildStaticPages, formText, testToday }
    from "../lib/static-pages.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const MAX_STEPS = 60;
// Runs with changed answers per form, and how many answers one run may
// change: enough for every branch of the forms in the repository.
const MAX_RUNS = 60;
const MAX_CHANGES = 2;

function parseArgs(argv) {
    const args = { formc: null, server: null, forms: null, verbose: false,
                   selfTest: false };
    for (let i = 2; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--formc") args.formc = argv[++i];
        else if (a === "--server") args.server = argv[++i];
        else if (a === "--forms") args.forms = argv[++i].split(",");
        else if (a === "--verbose") args.verbose = true;
        else if (a === "--self-test") args.selfTest = true;
        else {
            console.error(`static-parity: unknown argument ${a}`);
            process.exit(2);
        }
    }
    if (!args.formc || !args.server) {
        console.error("usage: static-parity.mjs --formc FORMC --server " +
                      "FORMBUILDER [--forms a,b] [--verbose] [--self-test]");
        process.exit(2);
    }
    return args;
}

// --- reading pages (see tests/lib/html.mjs) ----------------------------

// The form inside <main>, or "" (exit pages have none).
function mainForm(html) {
    const main = html.match(/<main\b[\s\S]*?<\/main>/)?.[0] ?? "";
    return main.match(/<form\b[\s\S]*?<\/form>/)?.[0] ?? "";
}

const NOT_QUESTIONS = new Set(["csrf_token", "website"]);

// Names the page's form posts, in document order, each once.
function fieldNames(html) {
    const names = [];
    for (const m of mainForm(html).matchAll(/<(input|select|textarea)\b[^>]*>/g)) {
        const name = attr(m[0], "name");
        if (name && !NOT_QUESTIONS.has(name) && !names.includes(name))
            names.push(name);
    }
    return names;
}

// What a run may change on a page, each {key, alts: [[[name, value]...]]}:
// each option of a radios, select or yes/no, each box of a checkboxes
// alone, and for numbers and dates the ones @p said mentions (this page,
// then all the form's static pages: see examples.mjs).
function choicePoints(html, said) {
    const form = mainForm(html);
    const points = new Map();
    const add = (key, fields) => {
        if (!points.has(key)) points.set(key, []);
        points.get(key).push(fields);
    };
    for (const m of form.matchAll(/<input\b[^>]*>/g)) {
        const type = attr(m[0], "type"), name = attr(m[0], "name");
        if (type === "radio" || type === "checkbox")
            add(name, [[name, attr(m[0], "value")]]);
        else if (/^(numeric|decimal)$/.test(attr(m[0], "inputmode")) &&
                 !/-(day|month|year)$/.test(name))
            for (const n of numbersIn(said)) add(name, [[name, n]]);
        else if (name.endsWith("-day"))
            for (const [y, mo, d] of datesIn(said)) {
                const q = name.slice(0, -4);
                add(q, [[`${q}-day`, String(d)], [`${q}-month`, String(mo)],
                        [`${q}-year`, String(y)]]);
            }
    }
    for (const m of form.matchAll(/<select\b[^>]*>[\s\S]*?<\/select>/g)) {
        const name = attr(m[0], "name");
        for (const o of m[0].matchAll(/<option\b[^>]*>/g))
            if (attr(o[0], "value")) add(name, [[name, attr(o[0], "value")]]);
    }
    return [...points].map(([key, alts]) => ({ key, alts }));
}

// The error summary's links: [["#field", "message"], ...].
function errorSummary(html) {
    const list = html.match(/<ul class="govuk-list govuk-error-summary__list">([\s\S]*?)<\/ul>/);
    if (!list) return [];
    return [...list[1].matchAll(/<a\b[^>]*>[\s\S]*?<\/a>/g)].map((m) =>
        [attr(m[0], "href"), text(m[0])]);
}

// The questions check answers lists: the text of each row's key.
function summaryKeys(html) {
    return [...html.matchAll(/<dt class="govuk-summary-list__key">([\s\S]*?)<\/dt>/g)]
        .map((m) => text(m[1]));
}

function hintOf(html, id) {
    const m = html.match(new RegExp(`<div id="${id}-hint" class="govuk-hint">([\\s\\S]*?)</div>`));
    return m ? text(m[1]) : "";
}

// --- one resident: cookies, no automatic redirects ---------------------

class Resident {
    constructor(base) {
        this.base = base;
        this.cookies = new Map();
    }

    async request(method, path, fields) {
        const headers = {};
        if (this.cookies.size)
            headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`)
                .join("; ");
        let body;
        if (fields) {
            headers["content-type"] = "application/x-www-form-urlencoded";
            body = new URLSearchParams(fields).toString();
        }
        const r = await fetch(this.base + path, { method, headers, body,
                                                  redirect: "manual" });
        for (const c of r.headers.getSetCookie()) {
            const [pair] = c.split(";");
            const eq = pair.indexOf("=");
            this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
        }
        const location = r.headers.get("location");
        return { status: r.status, html: await r.text(),
                 location: location ? new URL(location, this.base).pathname +
                                      new URL(location, this.base).search
                                    : null };
    }

    get(path) { return this.request("GET", path); }

    // Posts [name, value] pairs with the page's CSRF token.
    post(path, page, fields) {
        const m = page.match(/<input type="hidden" name="csrf_token" value="([^"]*)"/);
        return this.request("POST", path,
                            [["csrf_token", m ? decode(m[1]) : ""],
                             ["website", ""], ...fields]);
    }
}

// --- comparing ---------------------------------------------------------

function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
}

function show(list) {
    return list.length ? list.map((x) => Array.isArray(x) ? x.join(" ") : x)
        .join(", ") : "(none)";
}

// One form's comparison: what was compared, disagreements, notes.
class FormReport {
    constructor(slug, form) {
        this.slug = slug;
        this.form = form;
        this.byId = new Map(form.pages.map((p) => [p.id, p]));
        this.compared = new Set();   // "page|state"
        this.problems = [];
        this.notes = [];
        this.fixes = new Map();      // "page|field" -> an answer accepted
        this.said = formText(form);  // all the static pages' text
    }

    staticPage(name) {
        const file = join(this.form.dir, `${name}.html`);
        return existsSync(file) ? readFileSync(file, "utf8") : null;
    }

    problem(page, what) {
        this.problems.push(`${this.slug}: ${page}: ${what}`);
    }

    note(what) {
        if (!this.notes.includes(what)) this.notes.push(what);
    }

    // With changed answers the static page (drawn for the sample answers)
    // and the server's need not agree on questions with a `when`: those
    // are left out of the comparison. @returns a filter of field names.
    keep(id, exact) {
        const when = exact ? [] : this.byId.get(id).when;
        return (name) => !when.some((q) => name === q ||
                                            name.startsWith(`${q}-`));
    }

    // The page as the server shows it before it is answered.
    compareEmpty(id, html, how, exact) {
        if (this.compared.has(`${id}|empty`)) return;
        this.compared.add(`${id}|empty`);
        const keep = this.keep(id, exact);
        const want = fieldNames(this.staticPage(id) ?? "").filter(keep);
        const got = fieldNames(html).filter(keep);
        if (!same(want, got))
            this.problem(id, `questions differ (${how}): static ${id}.html ` +
                         `posts ${show(want)}; the server's page posts ` +
                         `${show(got)}`);
    }

    // The page after an empty post, against PAGE-errors.html.
    compareErrors(id, status, html, how, exact) {
        if (this.compared.has(`${id}|errors`)) return;
        this.compared.add(`${id}|errors`);
        const keep = this.keep(id, exact);
        const page = this.staticPage(`${id}-errors`);
        const errors = (h) => errorSummary(h).filter(([href]) =>
            keep(href.slice(1)));
        const want = page ? errors(page) : [];
        const got = status === 422 ? errors(html) : [];
        if (!same(want, got))
            this.problem(id, `errors of an empty post differ (${how}): ` +
                         `static ${id}-errors.html shows ${show(want)}; ` +
                         `the server (status ${status}) shows ${show(got)}`);
        if (status === 422 && page) {
            const wantFields = fieldNames(page).filter(keep);
            const gotFields = fieldNames(html).filter(keep);
            if (!same(wantFields, gotFields))
                this.problem(id, `questions of the error page differ (${how})` +
                             `: static ${id}-errors.html posts ` +
                             `${show(wantFields)}; the server posts ` +
                             `${show(gotFields)}`);
        }
    }

    compareCheckAnswers(html) {
        this.compared.add("check-answers|rows");
        const want = summaryKeys(this.staticPage("check-answers") ?? "");
        const got = summaryKeys(html);
        if (!same(want, got))
            this.problem("check-answers", `rows differ: static check-answers` +
                         `.html lists ${show(want)}; the server lists ` +
                         `${show(got)}`);
    }
}

// The fields to post on page @p page: its samples, with @p plan's
// changes (page id -> Map key -> fields) in place of the fields they set.
function answersFor(page, plan) {
    const change = plan.get(page.id);
    if (!change) return page.fields;
    const set = [...change.values()].flat();
    const names = new Set(set.map(([n]) => n));
    return [...page.fields.filter(([n]) => !names.has(n)), ...set];
}

// Answers tried, last, for a text sample the server rejects: common
// shapes of reference numbers (as the a11y walker's texts).
const FALLBACK = ["AB123456C", "12345678", "ABC123", "Test"];

// A sample the server rejects (formc keeps such samples, emit_html.c
// keep_rejected): tries the examples the page gives for the field, the
// sample cut to the length the message allows, then FALLBACK. @returns
// { response, fields } once the server accepts the page, or null.
async function answerRejected(rep, resident, path, page, html, fields) {
    const tried = new Map();
    const first = new Map();
    for (let attempt = 0; attempt < 8; attempt++) {
        const next = fields.slice();
        let changed = false;
        for (const [href, message] of errorSummary(html)) {
            const id = href.slice(1);
            const i = next.findIndex(([n]) => n === id);
            if (i < 0) continue;
            if (!tried.has(id)) {
                const max = message.match(/(\d+) characters or (?:less|fewer)/);
                const cut = max ? next[i][1].slice(0, Number(max[1])).trim()
                                : null;
                tried.set(id, [...examplesIn(message),
                               ...examplesIn(hintOf(html, id)),
                               ...(cut ? [cut] : []), ...FALLBACK]);
                first.set(id, `'${next[i][1]}' (${message})`);
            }
            const pick = tried.get(id).shift();
            if (pick === undefined) continue;
            next[i] = [id, pick];
            changed = true;
        }
        if (!changed) break;
        const form = await resident.get(path);
        const r = await resident.post(path, form.html, next);
        if (r.status !== 422) {
            for (const [id, was] of first) {
                const now = next.find(([n]) => n === id)[1];
                rep.fixes.set(`${page.id}|${id}`, now);
                rep.note(`${page.id}: the server rejects formc's sample ` +
                         `${was} for ${id}; posted '${now}' instead`);
            }
            return { response: r, fields: next };
        }
        html = r.html;
        fields = next;
    }
    return null;
}

// Walks the form on the server with the sample answers changed by @p plan
// (page id -> Map key -> fields). Compares each page the first time it is
// seen. @returns { pages, end, points, stuck } where pages lists the pages
// shown in order, end is "check-answers", an exit page id or why it
// stopped (stuck then set), and points the choice points it passed, each
// {page, key, alts}.
async function walkServer(rep, base, plan) {
    const slug = rep.slug;
    const how = plan.size ? `answers changed: ${planText(plan)}`
                          : "sample answers";
    const resident = new Resident(base);
    const start = await resident.get(`/${slug}/`);
    const button = start.html.match(/<a href="([^"]*)"[^>]*govuk-button--start/);
    let path = button ? decode(button[1]) : `/${slug}/`;
    const pages = [];
    const points = [];
    const stop = (end) => ({ pages, end, points, stuck: true });
    for (let step = 0; step < MAX_STEPS; step++) {
        let r = await resident.get(path);
        for (let hop = 0; hop < 5 && r.location; hop++) {
            path = r.location;
            r = await resident.get(path);
        }
        const id = path.split("?")[0].split("/")[2];
        if (id === "check-answers") {
            if (!plan.size) rep.compareCheckAnswers(r.html);
            return { pages, end: id, points, stuck: false };
        }
        const page = rep.byId.get(id);
        if (!page || r.status !== 200)
            return stop(`the server answered ${path} with ${r.status}`);
        pages.push(id);
        // A repeating page (journey.json "repeat"): its static PAGE.html
        // is an item; on the server the sample is item 0 (PAGE/0), added
        // from the summary, which is then told no more.
        const summary = page.repeat ? `/${slug}/${id}` : null;
        if (summary && path.split("?")[0] === summary) {
            const yes = await resident.post(path, r.html,
                                            [["add-another", "yes"]]);
            if (yes.status !== 303 || !yes.location)
                return stop(`adding an item on ${id} answered ${yes.status}`);
            path = yes.location;
            r = await resident.get(path);
        }
        rep.compareEmpty(id, r.html, how, !plan.size);
        if (page.exit) return { pages, end: id, points, stuck: false };
        const own = rep.staticPage(id) ?? "";
        for (const p of choicePoints(own, `${mainText(own)} ${rep.said}`))
            points.push({ page: id, ...p });
        if (!rep.compared.has(`${id}|errors`)) {
            const empty = await resident.post(path, r.html, []);
            rep.compareErrors(id, empty.status, empty.html, how,
                              !plan.size);
            r = await resident.get(path);
        }
        const fields = answersFor(page, plan).map(([n, v]) =>
            [n, rep.fixes.get(`${id}|${n}`) ?? v]);
        let sent = await resident.post(path, r.html, fields);
        if (sent.status === 422) {
            const fixed = await answerRejected(rep, resident, path, page,
                                               sent.html, fields);
            if (!fixed)
                return stop(`the server rejects every answer tried on ` +
                            `${id}: ${show(errorSummary(sent.html))}`);
            sent = fixed.response;
        }
        if (sent.status !== 303 || !sent.location)
            return stop(`posting ${id} answered ${sent.status}`);
        path = sent.location;
        if (summary) {
            const s = await resident.get(summary);
            const no = await resident.post(summary, s.html,
                                           [["add-another", "no"]]);
            if (no.status !== 303 || !no.location)
                return stop(`finishing ${id} answered ${no.status}`);
            path = no.location;
        }
    }
    return stop(`no end within ${MAX_STEPS} pages`);
}

function planText(plan) {
    return [...plan].map(([page, change]) => [...change].map(([key, f]) =>
        `${page}.${key}=${f.map(([, v]) => v).join("-")}`).join(" "))
        .join(" ");
}

// Every page of the form has been compared in each state it has.
function allCompared(rep) {
    return rep.form.pages.every((p) => rep.compared.has(`${p.id}|empty`) &&
        (p.exit || rep.compared.has(`${p.id}|errors`)));
}

async function compareForm(rep, base) {
    // The sample journey first: the answers the static pages use.
    const main = await walkServer(rep, base, new Map());
    const journey = main.pages.filter((id) => !rep.byId.get(id).exit);
    const agrees = same(journey, rep.form.journey) &&
        main.end === "check-answers";
    if (main.stuck)
        rep.note(`the sample journey stopped: ${main.end}`);
    else if (!agrees)
        rep.problem("journey", `with the sample answers the server shows ` +
                    `${show(main.pages)}, then ${main.end}; the static ` +
                    `sample journey (check-answers.html) is ` +
                    `${show(rep.form.journey)}, then check-answers`);
    // Then the branches: change one answer, then two, breadth first.
    const queue = [];
    const queued = new Set();
    // Each point's first other answer, then each one's second...: a few
    // options are all tried before the long lists of numbers and dates.
    const enqueue = (parent, points) => {
        const changes = [...parent.values()].reduce((n, m) => n + m.size, 0);
        if (changes >= MAX_CHANGES) return;
        const lists = points.filter(({ page, key }) =>
            !parent.get(page)?.has(key)).map(({ page, key, alts }) => {
            const sample = JSON.stringify(rep.byId.get(page).fields
                .filter(([n]) => alts[0].some(([a]) => a === n)));
            return alts.filter((f) => JSON.stringify(f) !== sample)
                .map((fields) => {
                    const plan = new Map([...parent].map(([p, m]) =>
                        [p, new Map(m)]));
                    if (!plan.has(page)) plan.set(page, new Map());
                    plan.get(page).set(key, fields);
                    return plan;
                });
        });
        for (let i = 0; lists.some((l) => i < l.length); i++)
            for (const l of lists) {
                if (i >= l.length) continue;
                const text = planText(l[i]);
                if (queued.has(text)) continue;
                queued.add(text);
                queue.push(l[i]);
            }
    };
    enqueue(new Map(), main.points);
    let runs = 0;
    while (queue.length && runs < MAX_RUNS && !allCompared(rep)) {
        const plan = queue.shift();
        runs++;
        const r = await walkServer(rep, base, plan);
        enqueue(plan, r.points);
    }
    const missing = rep.form.pages.filter((p) =>
        !rep.compared.has(`${p.id}|empty`)).map((p) => p.id);
    if (missing.length)
        rep.note(`not compared: ${missing.join(", ")} (no journey with the ` +
                 `samples and up to ${MAX_CHANGES} changed answers reached ` +
                 `${missing.length > 1 ? "them" : "it"} in ${runs + 1} runs)`);
    return runs;
}

// --self-test: spoils one static page and its error state; @returns the
// form's slug and the page id.
function spoil(forms) {
    const [slug, form] = [...forms].find(([, f]) => f.journey.length);
    const id = form.journey[0];
    const page = join(form.dir, `${id}.html`);
    const html = readFileSync(page, "utf8");
    const last = fieldNames(html).at(-1);
    writeFileSync(page, html.replace(
        new RegExp(`<(input|select|textarea)\\b[^>]*name="${last}"[^>]*>`, "g"),
        ""));
    const errors = join(form.dir, `${id}-errors.html`);
    writeFileSync(errors, readFileSync(errors, "utf8").replace(
        /(<ul class="govuk-list govuk-error-summary__list">\s*<li><a\b[^>]*>)/,
        "$1Spoiled: "));
    return { slug, id };
}

async function main() {
    const args = parseArgs(process.argv);
    for (const exe of [args.formc, args.server])
        if (!existsSync(exe)) {
            console.error(`static-parity: ${exe} not found`);
            process.exit(2);
        }
    const t0 = Date.now();
    const work = mkdtempSync(join(tmpdir(), "fb-parity-"));
    let server = null;
    let failed = 0;
    let selfTestFailed = false;
    try {
        // One "today" for both sides: booking pages offer days from it.
        const { today, env } = testToday();
        const forms = buildStaticPages(resolve(args.formc), root, work,
                                       today);
        const spoiled = args.selfTest ? spoil(forms) : null;
        if (spoiled) args.forms = [spoiled.slug];
        server = await startServer(resolve(args.server), join(work, "p.db"),
                                   env);
        let pages = 0;
        for (const [slug, form] of forms) {
            if (args.forms && !args.forms.includes(slug)) continue;
            const rep = new FormReport(slug, form);
            const runs = await compareForm(rep, server.base);
            const n = form.pages.filter((p) =>
                rep.compared.has(`${p.id}|empty`)).length;
            pages += n;
            console.log(`${slug}: ${n} of ${form.pages.length} pages ` +
                        `compared in ${runs + 1} journeys, ` +
                        `${rep.problems.length} disagreements`);
            for (const p of rep.problems) console.log(`  DIFF ${p}`);
            for (const n of rep.notes) console.log(`  note: ${n}`);
            if (args.verbose)
                console.log(`  compared: ${[...rep.compared].join(" ")}`);
            failed += rep.problems.length;
            if (spoiled) {
                const on = (what) => rep.problems.some((p) =>
                    p.startsWith(`${slug}: ${spoiled.id}: ${what}`));
                const found = on("questions differ") && on("errors of");
                console.log(found ? "static-parity: the spoiled static " +
                                    "pages were noticed, as they must be"
                                  : "static-parity: the spoiled static " +
                                    "pages PASSED: the test is not " +
                                    "comparing");
                selfTestFailed = !found;
            }
        }
        console.log(`static-parity: ${pages} pages compared, ${failed} ` +
                    `disagreements ` +
                    `(${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } finally {
        if (server) await stopServer(server);
        rmSync(work, { recursive: true, force: true });
    }
    process.exit((args.selfTest ? selfTestFailed : failed) ? 1 : 0);
}

main().catch((e) => {
    console.error(`static-parity: ${e.stack || e}`);
    process.exit(1);
});
