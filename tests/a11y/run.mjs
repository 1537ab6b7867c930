// SPDX-License-Identifier: MIT
// The accessibility suite: starts the real formbuilder server on a
// loopback port, walks every form's journeys in headless Chromium and
// checks each page in each state with axe-core (WCAG 2.0-2.2 A/AA),
// keyboard order and focus visibility, 320px reflow, 200% text zoom, title
// rules and the Nu Html Checker. Every bilingual form is walked again in
// Welsh, where no English sentence of the runtime's message catalogue
// (`formbuilder messages --format json`) may show. Coverage is accounted
// for: every page of every form (as formc's journey.json lists them; a
// bilingual form's in both languages) must have been visited in each of
// its states, and each one missed counts as a violation,
// "form X: page Y never visited (state)" (coverage.mjs). Prints one line
// per page and ends with "a11y: P pages checked, V violations".
//
//   node tests/a11y/run.mjs --server build/runtime/server/formbuilder \
//       [--formc build/compiler/formc] [--forms a,b] [--keyboard-form a]
//   node tests/a11y/run.mjs --fixture tests/a11y/fixtures/broken.html \
//       --expect-violations
//   node tests/a11y/run.mjs --server ... --forms give-feedback \
//       --expect-unvisited fb-never-served
//   node tests/a11y/run.mjs --server ... --fixture F --expect-problem TEXT
//
// Exit 0 clean, 1 violations, 77 skipped (no browser or node_modules).
// With --expect-violations (the suite's self-test on a broken fixture) the
// meaning flips: 0 when violations were found, 1 when none were. With
// --expect-unvisited PAGE (the coverage self-test) a page no server has is
// added to what the walked forms must show: 0 when the coverage check
// reports exactly that page's states and nothing else as never visited.
// With --expect-problem TEXT (a fixture's self-test of one check) it is 0
// when some problem found contains TEXT. A fixture with --server is
// checked against that server's message catalogue.
// --formc defaults to compiler/formc in the server's build directory.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync,
         rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { startServer, stopServer } from "../lib/server.mjs";
import { buildStaticPages, testToday } from "../lib/static-pages.mjs";
import { browserMissing, checkPage, runVnu, setCatalogue,
         startBrowser } from "./checks.mjs";
import { coverageProblems, expectedStates } from "./coverage.mjs";
import { addressSteps } from "./address.mjs";
import { lookupSteps } from "./lookup.mjs";
import { livePages } from "./live.mjs";
import { payloadProblems } from "./payloads.mjs";
import { scenarioPlans, walkForm } from "./walk.mjs";

// The author scenarios of every form in forms/ and examples/ that has
// them, by slug (a form's file is named after it): the walks follow them.
function allScenarios(formc) {
    const out = new Map();
    for (const dir of ["forms", "examples"])
        for (const name of readdirSync(join(root, dir)).sort()) {
            if (!name.endsWith(".yaml") || name.endsWith(".test.yaml"))
                continue;
            const plans = scenarioPlans(formc, join(root, dir, name));
            if (plans.length) out.set(name.slice(0, -5), plans);
        }
    return out;
}

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");

function parseArgs(argv) {
    const args = { server: null, formc: null, fixture: null,
                   keyboardForm: null, forms: null, expectViolations: false,
                   expectUnvisited: null, expectProblem: null };
    for (let i = 2; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--server") args.server = argv[++i];
        else if (a === "--fixture") args.fixture = argv[++i];
        else if (a === "--keyboard-form") args.keyboardForm = argv[++i];
        else if (a === "--forms") args.forms = argv[++i].split(",");
        else if (a === "--formc") args.formc = argv[++i];
        else if (a === "--expect-violations") args.expectViolations = true;
        else if (a === "--expect-unvisited") args.expectUnvisited = argv[++i];
        else if (a === "--expect-problem") args.expectProblem = argv[++i];
        else {
            console.error(`a11y: unknown argument ${a}`);
            process.exit(2);
        }
    }
    return args;
}

function skip(why) {
    console.log(`a11y: skipped: ${why}`);
    process.exit(77);
}

async function main() {
    const args = parseArgs(process.argv);
    const missing = browserMissing();
    if (missing) skip(missing);

    const work = mkdtempSync(join(tmpdir(), "fb-a11y-"));
    const pagesDir = join(work, "pages");
    mkdirSync(pagesDir);
    // What the walks must visit: the pages formc lists for each form, on
    // the day the server's clock is set to.
    const { today, env: clockEnv } = testToday();
    let forms = null;
    let scenarios = new Map();
    if (!args.fixture) {
        if (!args.server || !existsSync(args.server))
            skip(`server binary not found: ${args.server}`);
        const formc = resolve(args.formc ?? join(dirname(args.server),
                                                 "../../compiler/formc"));
        forms = buildStaticPages(formc, root, join(work, "static"), today);
        scenarios = allScenarios(formc);
    }
    if (args.server) {
        const m = spawnSync(args.server, ["messages", "--format", "json"],
                            { encoding: "utf8" });
        if (m.status !== 0)
            throw new Error(`formbuilder messages failed: ${m.stderr}`);
        setCatalogue(JSON.parse(m.stdout));
    }
    // The coverage self-test's page is expected by the check, not sought
    // by the walker (which would walk on looking for it).
    const mustShow = !args.expectUnvisited ? forms : new Map([...forms].map(
        ([slug, f]) => [slug, { ...f, pages: [...f.pages, {
            id: args.expectUnvisited, exit: false, errors: true,
            fields: [], when: [] }] }]));
    const browser = await startBrowser();
    const results = [];
    const welsh = [];    /* the bilingual forms, walked in Welsh too */
    let server = null;
    try {
        if (args.fixture) {
            // Self-test: a page known to be broken must fail.
            const page = await browser.newPage();
            const html = readFileSync(resolve(args.fixture), "utf8");
            await page.setContent(html);
            results.push(await checkPage(page, {
                form: "fixture", page: args.fixture, state: "static",
                html, pagesDir }));
            await page.close();
        } else {
            // Staff links (assisted digital) for assistedPages().
            process.env.FORMBUILDER_ASSIST_KEY ??= "a11y-assist-key-not-secret";
            server = await startServer(resolve(args.server),
                                       join(work, "a11y.db"), clockEnv);
            results.push(...await walkForm(browser, server.base, {
                pagesDir, only: args.forms, keyboardForm: args.keyboardForm,
                expected: forms, server: resolve(args.server), scenarios,
                clockEnv,
                db: join(work, "a11y.db"), welsh,
                clock: { testNow: clockEnv.FB_TEST_NOW,
                         startedAt: server.startedAt },
            }));
            // The postcode steps of addresses found by postcode, on a
            // server of their own with the stand-in provider.
            results.push(...await addressSteps(browser, args.server, {
                forms, only: args.forms, pagesDir, clockEnv, work, root }));
            // The page with a lookup's error, on a server of its own
            // whose endpoints find nothing.
            results.push(...await lookupSteps(browser, args.server, {
                forms, only: args.forms, pagesDir, clockEnv, work, root }));
            // A live service's pages: privacy notice, maintenance,
            // closed, not open yet and full (live.mjs).
            results.push(...await livePages(browser, server.base, {
                root, server: resolve(args.server), db: join(work, "a11y.db"),
                work, pagesDir, welsh, slugs: [...forms.keys()].filter(
                    (s) => !args.forms || args.forms.includes(s)),
            }));
        }
    } finally {
        await browser.close();
        if (server) await stopServer(server);
    }

    // The journeys above stored real submissions: each must match the
    // payload schema formc generated for its form.
    if (server)
        results.push(...await payloadProblems(resolve(args.server),
                                              join(work, "a11y.db"), root));

    // Every page of every walked form, in every state it has; a bilingual
    // form's in Welsh too (its booking's own states in English only).
    for (const slug of welsh)
        mustShow.set(`${slug}@cy`, { ...mustShow.get(slug), booking: null });
    const coverage = forms ? coverageProblems(mustShow, results, args.forms)
                           : null;
    if (coverage) results.push(...coverage.results);

    let violations = 0;
    for (const r of results) {
        violations += r.problems.length;
        console.log(`${r.form}\t${r.page}\t${r.state}\t${r.problems.length}`);
        for (const p of r.problems) console.log(`    ${p}`);
    }
    const files = results.map((r) => r.file).filter(Boolean);
    const vnu = files.length && !args.expectUnvisited ? runVnu(files) : [];
    for (const v of vnu) console.log(`    html: ${v}`);
    violations += vnu.length;
    const pages = results.filter((r) => r.file).length;
    if (coverage) {
        const missed = coverage.results.flatMap((r) => r.problems);
        console.log(`a11y: coverage: ${coverage.visited} of ` +
                    `${coverage.expected} page states visited`);
        for (const m of missed) console.log(`a11y: ${m}`);
    }
    console.log(`a11y: ${pages} pages checked, ${violations} violations`);
    if (!violations) rmSync(work, { recursive: true, force: true });
    else if (!args.expectUnvisited)
        console.log(`a11y: pages and screenshots kept in ${work}`);
    if (args.expectProblem) {
        const found = results.some((r) => r.problems.some((p) =>
            p.includes(args.expectProblem)));
        console.log(found ? `a11y: found '${args.expectProblem}', as it must`
                          : `a11y: '${args.expectProblem}' NOT found: the ` +
                            "check is not working");
        process.exit(found ? 0 : 1);
    }
    if (args.expectViolations) {
        console.log(violations ? "a11y: the broken fixture failed, as it must"
                               : "a11y: the broken fixture PASSED: the suite " +
                                 "is not detecting problems");
        process.exit(violations ? 0 : 1);
    }
    if (args.expectUnvisited) {
        // Exactly the fake page's states, in every walked form.
        const want = [...mustShow].filter(([slug]) =>
            !args.forms || args.forms.includes(slug.split("@")[0])).flatMap(([slug, f]) =>
            expectedStates(f).filter(([p]) => p === args.expectUnvisited)
                .map(([p, st]) => `form ${slug}: page ${p} never visited ` +
                                  `(${st})`));
        const got = coverage.results.flatMap((r) => r.problems);
        const ok = want.length > 0 &&
            JSON.stringify(got.sort()) === JSON.stringify(want.sort());
        console.log(ok ? "a11y: the page never served was reported, as it " +
                         "must be, and nothing else"
                       : "a11y: coverage self-test FAILED: want exactly " +
                         `${want.join("; ")}`);
        if (ok) rmSync(work, { recursive: true, force: true });
        process.exit(ok ? 0 : 1);
    }
    process.exit(violations ? 1 : 0);
}

main().catch((e) => {
    console.error(`a11y: ${e.stack || e}`);
    process.exit(1);
});
