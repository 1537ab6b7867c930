// SPDX-License-Identifier: MIT
// The accessibility suite: starts the real formbuilder server on a
// loopback port, walks every form's journeys in headless Chromium and
// checks each page in each state with axe-core (WCAG 2.0-2.2 A/AA),
// keyboard order and focus visibility, 320px reflow, 200% text zoom, title
// rules and the Nu Html Checker. Prints one line per page and ends with
// "a11y: P pages checked, V violations".
//
//   node tests/a11y/run.mjs --server build/runtime/server/formbuilder
//   node tests/a11y/run.mjs --fixture tests/a11y/fixtures/broken.html \
//       --expect-violations
//
// Exit 0 clean, 1 violations, 77 skipped (no browser or node_modules).
// With --expect-violations (the suite's self-test on a broken fixture) the
// meaning flips: 0 when violations were found, 1 when none were.

import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync,
         writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { checkPage, startBrowser } from "./checks.mjs";
import { payloadProblems } from "./payloads.mjs";
import { walkForm } from "./walk.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");

function parseArgs(argv) {
    const args = { server: null, fixture: null, keyboardForm: null,
                   forms: null, expectViolations: false };
    for (let i = 2; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--server") args.server = argv[++i];
        else if (a === "--fixture") args.fixture = argv[++i];
        else if (a === "--keyboard-form") args.keyboardForm = argv[++i];
        else if (a === "--forms") args.forms = argv[++i].split(",");
        else if (a === "--expect-violations") args.expectViolations = true;
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

async function freePort() {
    return new Promise((ok, fail) => {
        const s = createServer();
        s.listen(0, "127.0.0.1", () => {
            const { port } = s.address();
            s.close(() => ok(port));
        });
        s.on("error", fail);
    });
}

async function waitForHealth(base, child) {
    for (let i = 0; i < 100; i++) {
        if (child.exitCode !== null)
            throw new Error(`server exited with ${child.exitCode}`);
        try {
            const r = await fetch(`${base}/healthz`);
            if (r.ok) return;
        } catch { /* not up yet */ }
        await new Promise((ok) => setTimeout(ok, 100));
    }
    throw new Error("server did not answer /healthz within 10 s");
}

async function startServer(binary, dir) {
    const port = await freePort();
    const env = { ...process.env,
                  FORMBUILDER_PORT: String(port),
                  FORMBUILDER_LISTEN: "127.0.0.1",
                  FORMBUILDER_DB: join(dir, "a11y.db"),
                  FORMBUILDER_LOG_LEVEL: "warn" };
    const child = spawn(binary, ["serve"], { env, stdio: ["ignore", "ignore",
                                                         "inherit"] });
    const base = `http://127.0.0.1:${port}`;
    await waitForHealth(base, child);
    return { child, base };
}

// Runs the Nu Html Checker once over every saved page (JVM start-up is the
// slow part). Returns a list of "file: message" strings.
function runVnu(files) {
    const jar = join(root, "node_modules/vnu-jar/build/dist/vnu.jar");
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

async function main() {
    const args = parseArgs(process.argv);
    if (!existsSync(join(root, "node_modules/playwright-core")))
        skip("node_modules missing: run npm ci");
    if (!existsSync("/usr/bin/chromium"))
        skip("chromium missing: apt-get install chromium");

    const work = mkdtempSync(join(tmpdir(), "fb-a11y-"));
    const pagesDir = join(work, "pages");
    mkdirSync(pagesDir);
    const browser = await startBrowser();
    const results = [];
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
            if (!args.server || !existsSync(args.server))
                skip(`server binary not found: ${args.server}`);
            server = await startServer(resolve(args.server), work);
            results.push(...await walkForm(browser, server.base, {
                pagesDir, only: args.forms, keyboardForm: args.keyboardForm,
            }));
        }
    } finally {
        await browser.close();
        if (server) {
            server.child.kill("SIGTERM");
            await new Promise((ok) => server.child.on("exit", ok));
        }
    }

    // The journeys above stored real submissions: each must match the
    // payload schema formc generated for its form.
    if (server)
        results.push(...await payloadProblems(resolve(args.server),
                                              join(work, "a11y.db"), root));

    let violations = 0;
    for (const r of results) {
        violations += r.problems.length;
        console.log(`${r.form}\t${r.page}\t${r.state}\t${r.problems.length}`);
        for (const p of r.problems) console.log(`    ${p}`);
    }
    const files = results.map((r) => r.file).filter(Boolean);
    const vnu = files.length ? runVnu(files) : [];
    for (const v of vnu) console.log(`    html: ${v}`);
    violations += vnu.length;
    const pages = results.filter((r) => r.file).length;
    console.log(`a11y: ${pages} pages checked, ${violations} violations`);
    if (!violations) rmSync(work, { recursive: true, force: true });
    else console.log(`a11y: pages and screenshots kept in ${work}`);
    if (args.expectViolations) {
        console.log(violations ? "a11y: the broken fixture failed, as it must"
                               : "a11y: the broken fixture PASSED: the suite " +
                                 "is not detecting problems");
        process.exit(violations ? 0 : 1);
    }
    process.exit(violations ? 1 : 0);
}

main().catch((e) => {
    console.error(`a11y: ${e.stack || e}`);
    process.exit(1);
});
