// SPDX-License-Identifier: MIT
//
// Schema test: every form in forms/ and examples/ and every `# spec: ok`
// example of docs/form-language.md must validate against
// schemas/form.schema.json, and a set of deliberately broken snippets must
// be rejected by it, so the test fails if the schema starts accepting
// anything. Run from the project root: node tests/schema/validate-forms.mjs
// It also checks that the examples together use every type, rule,
// condition and content block, and that every pattern in patterns/ (and
// the test patterns of tests/compiler) validates against
// schemas/pattern.schema.json, which rejects a pattern without its slot.
// The broken snippets live in snippets.mjs, shared with agreement.mjs,
// which checks formc rejects them too.
// Exit 0 pass, 1 fail, 77 skip (node modules not installed).

import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { base, bad } from './snippets.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

if (!existsSync(join(root, 'node_modules', 'ajv')) ||
    !existsSync(join(root, 'node_modules', 'yaml'))) {
    console.log('SKIP: node modules are missing; run `npm ci` in ' + root);
    process.exit(77);
}

const { default: Ajv2020 } = await import('ajv/dist/2020.js');
const YAML = await import('yaml');

const schema = JSON.parse(
    readFileSync(join(root, 'schemas', 'form.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false,
    allowUnionTypes: true });
const validate = ajv.compile(schema);

// Parses YAML the way formc reads it: one document, no duplicate keys, no
// aliases. @returns the value, or throws with a message.
function parse(text) {
    const doc = YAML.parseDocument(text, { uniqueKeys: true, merge: false });
    if (doc.errors.length)
        throw new Error(doc.errors[0].message);
    let alias = false;
    YAML.visit(doc, { Alias() { alias = true; return YAML.visit.BREAK; } });
    if (alias)
        throw new Error('aliases are not allowed in form files');
    return doc.toJS();
}

function errorText(errors) {
    return (errors || []).slice(0, 5)
        .map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
}

let passed = 0;
let failed = 0;

function report(ok, name, detail) {
    if (ok) {
        passed++;
        console.log(`ok   ${name}`);
    } else {
        failed++;
        console.log(`FAIL ${name}: ${detail}`);
    }
}

// 1. Every form file validates.
let nfiles = 0;
for (const dir of ['forms', 'examples']) {
    const path = join(root, dir);
    if (!existsSync(path))
        continue;
    for (const name of readdirSync(path).sort()) {
        if (!name.endsWith('.yaml'))
            continue;
        nfiles++;
        const file = `${dir}/${name}`;
        const text = readFileSync(join(path, name), 'utf8');
        if (!text.startsWith(
            '# yaml-language-server: $schema=../schemas/form.schema.json\n')) {
            report(false, file, 'first line must be the yaml-language-server '
                + 'modeline naming ../schemas/form.schema.json');
            continue;
        }
        let data;
        try {
            data = parse(text);
        } catch (err) {
            report(false, file, `YAML: ${err.message}`);
            continue;
        }
        report(validate(data), file, errorText(validate.errors));
    }
}
if (nfiles === 0)
    report(false, 'forms', 'no .yaml files found in forms/ or examples/');

// 2. The examples together use every part of the language (issue: at
// least 5 forms using every type, rule, condition and content block).
const TYPES = ['text', 'textarea', 'email', 'phone', 'number', 'date',
    'radios', 'checkboxes', 'select', 'yes_no', 'postcode', 'address',
    'declaration', 'slot', 'name', 'time', 'ni_number', 'money',
    'autocomplete'];
const RULES = ['required', 'min_length', 'max_length', 'pattern', 'min',
    'max', 'integer', 'before', 'after', 'past', 'future', 'min_selected',
    'max_selected', 'matches'];
const BLOCKS = ['paragraph', 'inset', 'warning', 'details', 'list'];
const CONDITIONS = {
    'is': / is (?!not )/, 'is not': / is not /, 'has': / has /,
    'answered': / answered\b/, '<': / < /, '<=': / <= /, '>': / > /,
    '>=': / >= /, 'and': / and /, 'or': / or /, 'not': /(^|[ (])not[ (]/,
    'parentheses': /\(/,
};
const seen = new Set();
let nexamples = 0;
function isLanguageMap(v) {
    return v && typeof v === 'object' && !Array.isArray(v) && 'cy' in v;
}
function walkTexts(v) {
    if (isLanguageMap(v))
        seen.add('{en, cy} text');
    else if (v && typeof v === 'object')
        Object.values(v).forEach(walkTexts);
}
const exdir = join(root, 'examples');
for (const name of existsSync(exdir) ? readdirSync(exdir).sort() : []) {
    if (!name.endsWith('.yaml'))
        continue;
    let form;
    try {
        form = parse(readFileSync(join(exdir, name), 'utf8'));
    } catch {
        continue; // reported above
    }
    nexamples++;
    walkTexts(form);
    // A form on a pattern shows features in its own pages and in the
    // pages it puts in place of the pattern's (replace).
    for (const page of [...(form.pages || []),
        ...Object.values(form.replace || {})]) {
        if (page.exit)
            seen.add('exit page');
        if (page.when)
            for (const [k, re] of Object.entries(CONDITIONS))
                if (re.test(page.when))
                    seen.add(`condition ${k}`);
        for (const block of page.content || [])
            Object.keys(block).forEach((k) => seen.add(`block ${k}`));
        for (const q of page.questions || []) {
            seen.add(`type ${q.type}`);
            if (q.when)
                for (const [k, re] of Object.entries(CONDITIONS))
                    if (re.test(q.when))
                        seen.add(`condition ${k}`);
            if ('required' in q)
                seen.add('rule required');
            Object.keys(q.validate || {}).forEach((k) => seen.add(`rule ${k}`));
            if (q.summary_label)
                seen.add('summary_label');
            if (q.autocomplete)
                seen.add('autocomplete');
            for (const o of q.options || [])
                if (o && o.reveal)
                    seen.add('reveal');
        }
    }
}
const wanted = [
    ...TYPES.map((t) => `type ${t}`), ...RULES.map((r) => `rule ${r}`),
    ...BLOCKS.map((b) => `block ${b}`),
    ...Object.keys(CONDITIONS).map((c) => `condition ${c}`),
    'exit page', 'reveal', 'summary_label', 'autocomplete', '{en, cy} text',
];
const missing = wanted.filter((w) => !seen.has(w));
report(nexamples >= 5 && missing.length === 0,
    `examples/ cover the language (${nexamples} forms, ${wanted.length} features)`,
    nexamples < 5 ? `only ${nexamples} example forms; need 5`
        : `not used by any example: ${missing.join(', ')}`);

// 3. The complete forms in the language reference marked `# spec: ok`
// validate too, so the reference and the schema agree.
const reference = readFileSync(join(root, 'docs', 'form-language.md'), 'utf8');
const blocks = [...reference.matchAll(/^```yaml\n(# spec: ok\n[\s\S]*?)^```$/gm)];
if (blocks.length === 0)
    report(false, 'docs/form-language.md', 'no `# spec: ok` examples found');
for (const [i, m] of blocks.entries()) {
    const line = reference.slice(0, m.index).split('\n').length + 1;
    const name = `docs/form-language.md:${line} (spec ok example ${i + 1})`;
    let data;
    try {
        data = parse(m[1]);
    } catch (err) {
        report(false, name, `YAML: ${err.message}`);
        continue;
    }
    report(validate(data), name, errorText(validate.errors));
}

// 4. Broken forms are rejected. Each starts from a valid form (base) and
// breaks one thing (snippets.mjs).
report(validate(parse(base)), 'control: the base snippet is accepted',
    errorText(validate.errors));

for (const [what, text] of Object.entries(bad)) {
    let data;
    try {
        data = parse(text);
    } catch (err) {
        report(false, `rejects ${what}`, `snippet does not parse: ${err.message}`);
        continue;
    }
    report(!validate(data), `rejects ${what}`,
        'the schema accepted a broken form');
}

// 5. The patterns validate against schemas/pattern.schema.json, which
// knows the form schema's parts; one without a slot, or with two, does
// not.
{
    const pajv = new Ajv2020({ allErrors: true, strict: true,
        strictRequired: false, allowUnionTypes: true });
    pajv.addSchema(schema);
    const validatePattern = pajv.compile(JSON.parse(readFileSync(
        join(root, 'schemas', 'pattern.schema.json'), 'utf8')));
    const dirs = ['patterns', 'tests/compiler/expand/patterns'];
    let npatterns = 0;
    for (const dir of dirs) {
        for (const name of readdirSync(join(root, dir)).sort()) {
            if (!name.endsWith('.yaml'))
                continue;
            npatterns++;
            const file = `${dir}/${name}`;
            const text = readFileSync(join(root, file), 'utf8');
            if (dir === 'patterns' && !text.startsWith(
                '# yaml-language-server: $schema=../schemas/pattern.schema.json\n')) {
                report(false, file, 'first line must be the yaml-language-'
                    + 'server modeline naming ../schemas/pattern.schema.json');
                continue;
            }
            report(validatePattern(parse(text)), file,
                errorText(validatePattern.errors));
        }
    }
    report(npatterns >= 5, 'patterns found', `only ${npatterns}`);
    for (const name of ['no-slot.yaml', 'two-slots.yaml']) {
        const file = `tests/compiler/bad/patterns/${name}`;
        report(!validatePattern(parse(readFileSync(join(root, file), 'utf8'))),
            `pattern schema rejects ${file}`, 'the schema accepted it');
    }
}

console.log(`schema: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
