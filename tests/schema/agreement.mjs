// SPDX-License-Identifier: MIT
//
// Agreement test: one definition of valid. formc is the definition; the
// JSON Schema (schemas/form.schema.json, used by editors) must say the same
// wherever a JSON Schema can say it.
//
// It runs every form it can find through BOTH `formc check` and the schema:
//  - every `# spec: ok` and `# spec: error ID` example of
//    docs/form-language.md (extracted as tests/spec/run-spec.py does),
//  - every form in forms/ and examples/,
//  - every bad-corpus case tests/compiler/bad/*.yaml,
//  - the snippets of snippets.mjs: the broken forms validate-forms.mjs
//    feeds the schema, and probes of the edges of compiler/model*.c, each
//    with the verdict both must give.
// formc's verdict is `formc check --diagnostics=json FILE` as an author
// runs it: exit 0 is valid (warnings are fine, --strict and other
// "# formc-args:" of the bad corpus are not used), exit 1 is invalid. The
// schema's verdict is ajv (draft 2020-12, options as validate-forms.mjs)
// on the file read as a YAML 1.2 editor reads it: invalid UTF-8 shown as
// U+FFFD, aliases expanded, tags applied; a file the YAML reader rejects
// (syntax, duplicate keys, several documents) counts as rejected.
//
// A form fails the test when:
//  - formc accepts it and the schema rejects it. Never allowed: this is the
//    error authors see in their editor for a form that builds.
//  - formc rejects it, the schema accepts it, and some error formc reports
//    is on neither allow-list below (errors a JSON Schema cannot express,
//    by diagnostic id, each with its reason).
//  - formc's only errors are on ALLOWED (formc read the whole form), yet
//    the schema rejects it: the schema is then stricter than formc about
//    something else in the form. (With an ALLOWED_FILE error formc stopped
//    early or read other data, so either schema verdict is fine.)
//  - a snippet's verdict is not the one it expects.
// It also fails when an allow-list entry explains no form (delete it).
//
// Known limit: the schema sees values, not how they were written. Where
// formc goes by the spelling (it rejects 1e3, +1 and 0x1F as numbers, True
// and TRUE as booleans, yes and no as flags) the schema errs on the side
// of accepting; only .inf and .nan written as texts, which JSON has no
// value for, it cannot accept although formc does.
//
// usage: node tests/schema/agreement.mjs FORMC   (from the project root;
// meson runs it in the schema suite). Exit 0 pass, 1 fail, 2 usage or
// formc could not run, 77 skip (node modules not installed: `npm ci`).

import { readFileSync, readdirSync, existsSync, mkdtempSync, mkdirSync,
    writeFileSync, rmSync, symlinkSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { bad, probes } from './snippets.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

// formc errors the JSON Schema cannot express, by diagnostic id, each with
// its reason. The test fails when an entry is needed by no form.
//
// ALLOWED: formc has read the whole form; these are about how its parts
// relate or what they mean. Where they are formc's only errors, the
// schema must accept the form (nothing else is wrong with it).
const ALLOWED = {
    'duplicate-id': 'uniqueness of page ids and of question ids across the whole form',
    'duplicate-option': 'uniqueness of option values within a question, written as text, a number or {value: ...} (1 and "1" are the same value)',
    'matches-unknown-question': 'matches must name a question of the form (a cross-reference)',
    'matches-later-question': 'matches must name an earlier question (the order of questions)',
    'matches-type': 'matches must name a question of a compatible type (a cross-reference)',
    'reveal-unknown-question': 'reveal must name a question on the same page (a cross-reference)',
    'reveal-order': 'a revealed question must come after the question revealing it (the order of questions)',
    'reveal-twice': 'a question revealed by two options (across options and questions)',
    'reveal-nested': 'a revealed question that reveals others (across questions)',
    'rule-contradiction': 'compares two rules\' values (min above max, min_length above max_length, dates with no day between) or a rule with the number of options',
    'when-syntax': 'the condition grammar, with nested parentheses, is not a regular language',
    'when-unknown-question': 'a condition must name a question of the form (a cross-reference)',
    'when-later-question': 'a condition must name an earlier question (the order of pages and questions)',
    'when-same-page': 'a question condition must name a question on an earlier page (which page each question is on)',
    'when-unknown-option': 'a condition must test an option the named question has (a cross-reference)',
    'when-type-mismatch': 'a condition\'s test must suit the type of the question it names (a cross-reference)',
    'unreachable-page': 'whether a page can be reached depends on the exit pages before it and what conditions mean',
    'unreachable-question': 'whether a question can be shown depends on what its condition means',
    'unreachable-reveal': 'whether a follow-up can be shown depends on what its condition and its revealing question\'s mean together',
    'when-bad-postcode-area': 'whether each value of a postcode of ... in [...] list is a postcode area or district is inside the condition text',
    'no-path-to-check-answers': 'whether any journey gets past the exit pages depends on what their conditions mean together',
    'bad-regex': 'whether PCRE2 compiles a pattern; the schema can only say it is text',
    'unknown-list': 'whether a shared list file exists next to the form or in forms/lists/: a look-up outside the file',
    'bad-list': 'what is inside a shared list file, another file the schema never sees',
    'unknown-pattern': 'whether a service pattern exists in patterns/: a look-up outside the file',
    'unknown-param': 'the parameters a pattern declares are in the pattern file, which the schema never sees',
    'missing-param': 'which parameters a pattern needs is in the pattern file, which the schema never sees',
    'param-type': 'the type of each parameter is declared in the pattern file, which the schema never sees',
    'unknown-pattern-page': 'the pages replace, remove, before and after can name are in the pattern file',
    'pattern-page-conflict': 'a page both replaced and removed, or placed both before and after (across keys)',
    'via-pattern-parameter': 'a with: value wrong where the pattern places it (as retention_days, a forward entry ...): the schema sees the parameter, not where it goes',
    'booking-time-order': 'compares two times of a session or of the slots (end after start, to after from)',
    'booking-horizon-before-lead': 'compares the horizon with the lead, durations in different units',
    'closes-before-opens': 'compares two dates of the form (closes after opens, a date alone meaning the end of its day)',
    'booking-slots-uneven': 'arithmetic on three values: the slots\' every must divide to - from',
    'duplicate-session': 'uniqueness of session ids within a calendar',
    'unknown-holidays': 'whether a holidays list exists in patterns/holidays/: a look-up outside the file',
    'bad-holidays': 'what is inside a holidays list, another file the schema never sees',
    'booking-limit-unknown-question': 'limit.per must name a question of the form (a cross-reference)',
    'payment-unknown-question': 'payment.amount.from must name a question of the form (a cross-reference)',
    'payment-from-type': 'the question payment.amount.from names must be a money, radios or select question (its type is elsewhere in the file)',
    'payment-table-option': 'payment.amount.table must price exactly the options of the question from names (a cross-reference)',
    'lookup-place': 'a looked-up question in a repeating page or revealed by an option (which page each question is on, across questions)',
    'lookup-fill-unknown-question': 'lookup.fill must name a question of the form (a cross-reference)',
    'lookup-fill-target': 'the question lookup.fill names must be of one typed answer, asked once (its type and page are elsewhere in the file)',
    'lookup-fill-order': 'lookup.fill must name a question of a later page (the order of pages)',
    'lookup-fill-twice': 'a question named by two fill entries (across questions)',
    'booking-without-calendar': 'a booking question needs the form\'s booking: (across the form)',
    'booking-unused': 'a booking: needs a booking_date question (across the form)',
    'booking-question-twice': 'how many questions of one type the form has (across pages)',
    'booking-time-before-date': 'the booking_time question must be on a later page than booking_date (the order of pages)',
    'booking-follow-up': 'a booking question revealed by an option (across questions)',
    'placeholder-unknown-question': 'a placeholder must name a question of the form (a cross-reference inside text)',
    'placeholder-no-booking': 'a booking placeholder needs the form\'s booking: (across the form, inside text)',
    'placeholder-unknown': 'which names in braces inside text are placeholders',
    'missing-translation': 'whether a text needs its Welsh depends on the form\'s languages: (across the form)',
    'confirmation-to': 'confirmation_email.to must name an email question of the form (a cross-reference)',
    'save-without-email': 'whether the form sends email is across keys (save_and_return, submit.confirmation_email), which may come from the pattern the form names',
    'repeat-summary-unknown': 'a repeating page\'s summary placeholders must name its own questions (a cross-reference inside text)',
    'repeat-bounds': 'compares a repeating page\'s min with its max',
    'when-not-repeating': 'count of and any must name a repeating page, and any one of its questions (a cross-reference inside the condition)',
    'when-repeat-question': 'a condition outside a repeating page may not name its questions directly (which page each question is on)',
};
// ALLOWED_FILE: the file below the data model. formc stops reading, or
// reads other data than a YAML reader hands the schema, so the schema's
// verdict on the rest is not comparable: either is fine.
const ALLOWED_FILE = {
    'alias': 'anchors and aliases are expanded by the YAML reader before the schema sees the data (formc stops at the first)',
    'tag': 'YAML tags such as !!str are applied by the YAML reader before the schema sees the data (formc reports them and reads the value as if untagged)',
    'bad-utf8': 'invalid UTF-8 is below the data model: the reader shows U+FFFD in its place (formc stops there)',
    'too-deep': 'formc stops at 32 levels of nesting; the schema sees the whole tree',
    'bad-pattern': 'what is inside a pattern file the form names, another file the schema never sees',
    'in-another-file': 'an error at a line of a pattern file the form names (its pages, as the expanded form has them), another file the schema never sees',
};

let passed = 0;
let failed = 0;

function report(ok, name, detail) {
    if (ok) {
        passed++;
        console.log(`ok   ${name}: ${detail}`);
    } else {
        failed++;
        console.log(`FAIL ${name}: ${detail}`);
    }
}

if (process.argv.length !== 3) {
    console.error('usage: node tests/schema/agreement.mjs FORMC');
    process.exit(2);
}
const formc = resolve(process.argv[2]);
if (!existsSync(formc)) {
    console.error(`agreement: formc not found at ${formc}`);
    process.exit(2);
}
if (!existsSync(join(root, 'node_modules', 'ajv')) ||
    !existsSync(join(root, 'node_modules', 'yaml'))) {
    console.log('SKIP: node modules are missing; run `npm ci --ignore-scripts` in '
        + root);
    process.exit(77);
}

const { default: Ajv2020 } = await import('ajv/dist/2020.js');
const YAML = await import('yaml');

const schema = JSON.parse(
    readFileSync(join(root, 'schemas', 'form.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false,
    allowUnionTypes: true });
const validate = ajv.compile(schema);

// ---- the cases --------------------------------------------------------

const tmp = mkdtempSync(join(tmpdir(), 'fb-agreement-'));
// Probes that name a shared list find it where formc looks, next to them.
mkdirSync(join(tmp, 'lists'));
writeFileSync(join(tmp, 'lists', 'countries.yaml'),
    'options:\n  - {value: fr, label: France}\n  - {value: de, label: Germany}\n');
// Spec examples naming a service pattern find the library beside them.
symlinkSync(join(root, 'patterns'), join(tmp, 'patterns'));
const cases = []; // {name, path (for formc), bytes, expect?}

function addFile(rel) {
    const path = join(root, rel);
    cases.push({ name: rel, path, bytes: readFileSync(path) });
}

function addText(name, text, expect) {
    const path = join(tmp, `case-${cases.length}.yaml`);
    writeFileSync(path, text);
    cases.push({ name, path, bytes: Buffer.from(text, 'utf8'), expect });
}

// The spec examples, found as tests/spec/run-spec.py finds them.
const reference = 'docs/form-language.md';
const refLines = readFileSync(join(root, reference), 'utf8').split('\n');
let nspec = 0;
for (let i = 0; i < refLines.length; i++) {
    if (refLines[i].trim() !== '```yaml')
        continue;
    let end = i + 1;
    while (end < refLines.length && refLines[end].trim() !== '```')
        end++;
    const block = refLines.slice(i + 1, end);
    if (block.length && block[0].startsWith('# spec:')) {
        nspec++;
        addText(`${reference}:${i + 2} (${block[0].slice(2)})`,
            block.join('\n') + '\n');
    }
    i = end;
}
if (nspec === 0)
    report(false, reference, 'no "# spec:" examples found');

for (const dir of ['forms', 'examples', 'tests/compiler/bad'])
    for (const name of readdirSync(join(root, dir)).sort())
        // NAME.cy.yaml is a translation sidecar, read with NAME.yaml.
        if (name.endsWith('.yaml') && !name.endsWith('.cy.yaml'))
            addFile(`${dir}/${name}`);

for (const [what, text] of Object.entries(bad))
    addText(`snippet: ${what}`, text, 'invalid');
for (const [what, probe] of Object.entries(probes))
    addText(`probe: ${what}`, probe.yaml, probe.expect);

// The server's own addresses (formbuilder/routes.h), as formc's
// reserved-slug message lists them: the schema must refuse exactly these
// as form names, and each is a case both must reject.
{
    const named = (slug) => bad['slug with capitals']
        .replace('form: Sample', `form: ${slug}`);
    const path = join(tmp, 'reserved.yaml');
    writeFileSync(path, named('healthz'));
    const diag = (formcVerdict(path, readFileSync(path)).errors ?? [])
        .find((d) => d.id === 'reserved-slug');
    // "'a', 'b' and 'c'", as formc lists names.
    const listed = diag?.message.match(/\(reserved: ([^)]*)\)/)?.[1]
        .split(/, | and /).map((n) => n.replace(/'/g, '')) ?? [];
    const inSchema = schema.properties.form.not?.enum ?? [];
    report(listed.length > 0 && listed.join() === [...inSchema].sort().join(),
        'reserved form names',
        `formc reserves [${listed}], the schema [${inSchema}]`);
    for (const slug of listed)
        addText(`reserved form name: ${slug}`, named(slug), 'invalid');
}

// Every question type the schema lists: formc knows it, and where a bare
// question of it is valid, formc and the schema agree on whether it may
// have a `lookup:` mapping (formc's type table decides: one typed answer),
// so the schema's list of those types cannot drift from the table.
for (const type of schema.$defs.question.properties.type.enum) {
    const bare = bad['slug with capitals'].replace('form: Sample',
        'form: sample').replace('type: text', `type: ${type}`);
    const path = join(tmp, `type-${type}.yaml`);
    writeFileSync(path, bare);
    const known = formcVerdict(path, Buffer.from(bare, 'utf8'));
    report(!known.problem && !known.errors.some((e) => e.id === 'unknown-type'),
        `question type ${type}`, known.problem
            ?? (known.valid ? 'formc knows it' : 'formc knows it (needs more keys)'));
    if (known.valid)
        addText(`lookup on a ${type} question`, bare.replace('label: Full name}',
            'label: Full name, lookup: {provider: council-tax, message: '
            + 'We cannot find it}}'));
}

// ---- the two verdicts -------------------------------------------------

// @returns the lines [first, last] of the value of @p key at the top of
// the YAML @p text, or null.
function topValueLines(text, key) {
    const doc = YAML.parseDocument(text);
    const node = doc.contents && doc.contents.items
        && doc.contents.items.find((p) => p.key && p.key.value === key);
    if (!node || !node.value || !node.value.range)
        return null;
    const line = (offset) => text.slice(0, offset).split('\n').length;
    return [line(node.value.range[0]), line(node.value.range[1])];
}

// @returns {valid, errors: [{id, message, line}], problem}
function formcVerdict(path, bytes) {
    const proc = spawnSync(formc, ['check', '--diagnostics=json', path],
        { cwd: root, encoding: 'utf8', timeout: 30000 });
    let diags;
    try {
        diags = JSON.parse(proc.stdout).diagnostics;
    } catch {
        return { problem: `formc printed no diagnostics JSON (exit `
            + `${proc.status}): ${(proc.stderr || '').trim().slice(0, 200)}` };
    }
    // An error in another file (the pattern the form names) is about
    // that file: it gets an id of its own, allowed below.
    // A with: value is checked where the pattern places it (as
    // retention_days, as a forward entry ...), which the schema cannot
    // know: an error there is allowed as coming through the pattern.
    const text = new TextDecoder('utf-8').decode(bytes);
    const withLines = topValueLines(text, 'pattern')
        && topValueLines(text, 'with');
    const errors = diags.filter((d) => d.severity === 'error')
        .map((d) => (d.file && resolve(root, d.file) !== resolve(root, path)
            ? { ...d, id: 'in-another-file' }
            : withLines && d.line >= withLines[0] && d.line <= withLines[1]
                && !['param-type', 'unknown-param', 'missing-param']
                    .includes(d.id)
                ? { ...d, id: 'via-pattern-parameter' } : d));
    if (proc.status === 0 && errors.length === 0)
        return { valid: true, errors };
    if (proc.status === 1 && errors.length > 0)
        return { valid: false, errors };
    return { problem: `formc exit ${proc.status} with ${errors.length} errors` };
}

// @returns {valid, detail}
function schemaVerdict(bytes) {
    const text = new TextDecoder('utf-8').decode(bytes);
    let data;
    try {
        const doc = YAML.parseDocument(text);
        if (doc.errors.length)
            return { valid: false, detail: `YAML: ${doc.errors[0].message.split('\n')[0]}` };
        data = doc.toJS();
    } catch (err) {
        return { valid: false, detail: `YAML: ${err.message.split('\n')[0]}` };
    }
    if (validate(data))
        return { valid: true, detail: 'valid' };
    const errs = validate.errors.slice(0, 3)
        .map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    return { valid: false, detail: `invalid (${errs})` };
}

const used = new Set();

function describeFormc(f) {
    if (f.valid)
        return 'formc valid';
    const ids = [...new Set(f.errors.map((e) => e.id))];
    return `formc invalid [${ids.join(', ')}]`;
}

let formcBroken = false;
for (const c of cases) {
    const f = formcVerdict(c.path, c.bytes);
    const s = schemaVerdict(c.bytes);
    if (f.problem) {
        formcBroken = true;
        report(false, c.name, f.problem);
        continue;
    }
    const verdicts = `${describeFormc(f)}; schema ${s.detail}`;
    if (c.expect && f.valid !== (c.expect === 'valid')) {
        report(false, c.name, `expected ${c.expect}, but ${verdicts}`);
        continue;
    }
    if (f.valid) {
        report(s.valid, c.name, s.valid ? verdicts
            : `${verdicts}: the schema rejects a form formc accepts`);
        continue;
    }
    const ids = [...new Set(f.errors.map((e) => e.id))];
    const expressible = ids.filter((id) => !Object.hasOwn(ALLOWED, id) &&
        !Object.hasOwn(ALLOWED_FILE, id));
    if (expressible.length) {
        report(!s.valid, c.name, !s.valid ? verdicts
            : `${verdicts}: the schema accepts it, but it could express `
              + expressible.join(', '));
        continue;
    }
    const fileLevel = ids.filter((id) => Object.hasOwn(ALLOWED_FILE, id));
    if (s.valid || fileLevel.length) {
        ids.forEach((id) => used.add(id));
        report(true, c.name, `${verdicts}; allowed: ${ids.join(', ')}`);
    } else if (s.detail.startsWith('YAML: ')) {
        report(true, c.name, verdicts);
    } else {
        report(false, c.name, `${verdicts}: formc's errors are all ones the `
            + 'schema cannot express, so it should accept the rest of the '
            + 'form, but it rejects it');
    }
}

// Every ALLOWED entry must explain a disagreement.
for (const id of [...Object.keys(ALLOWED), ...Object.keys(ALLOWED_FILE)])
    if (!used.has(id) && !formcBroken)
        report(false, `allow-list entry '${id}'`,
            'no form needs it: formc and the schema agree without it; delete '
            + 'the entry, or add a form to the corpus that needs it');

rmSync(tmp, { recursive: true, force: true });
console.log(`agreement: ${passed} passed, ${failed} failed (formc ${formc})`);
process.exit(formcBroken ? 2 : failed ? 1 : 0);
