// SPDX-License-Identifier: MIT
//
// Small hand-written forms for the schema tests.
//  - base, bad: validate-forms.mjs checks the schema rejects each `bad`
//    snippet (each breaks one thing in `base`); agreement.mjs checks formc
//    rejects them too.
//  - probes: the edges found by comparing schemas/form.schema.json with
//    compiler/model*.c, each with the verdict formc gives. agreement.mjs
//    runs them through formc and the schema, and both must give that
//    verdict.

export const base = `
form: sample
title: Sample
pages:
  - id: only
    title: Your details
    questions:
      - {id: full_name, type: text, label: Full name}
`;

export const bad = {
    'unknown top-level key': base + 'colour: blue\n',
    'missing title': base.replace('title: Sample\n', ''),
    'slug with capitals': base.replace('form: sample', 'form: Sample'),
    'question id not snake_case':
        base.replace('id: full_name', 'id: FullName'),
    'reserved question id': base.replace('id: full_name', 'id: csrf_token'),
    'unknown question type': base.replace('type: text', 'type: emial'),
    'misspelt question key': base.replace('label:', 'lable:'),
    'radios without options': base.replace('type: text', 'type: radios'),
    'options on a text question':
        base.replace('label: Full name}', 'label: Full name, options: [a, b]}'),
    'rule not applicable to the type':
        base.replace('label: Full name}',
            'label: Full name, validate: {min_selected: 1}}'),
    'pattern without message':
        base.replace('label: Full name}',
            'label: Full name, validate: {pattern: "[a-z]+"}}'),
    'max_length not a number':
        base.replace('label: Full name}',
            'label: Full name, validate: {max_length: lots}}'),
    'max_length zero':
        base.replace('label: Full name}',
            'label: Full name, validate: {max_length: 0}}'),
    'bad relative date':
        base.replace('type: text, label: Full name}',
            'type: date, label: Date, validate: {before: "today+2w"}}'),
    'required twice':
        base.replace('label: Full name}',
            'label: Full name, required: true, validate: {required: true}}'),
    'text without English':
        base.replace('label: Full name}', 'label: {cy: Enw llawn}}'),
    'text with unknown language':
        base.replace('label: Full name}',
            'label: {en: Full name, fr: Nom}}'),
    'declaration not required':
        base.replace('type: text, label: Full name}',
            'type: declaration, label: I agree, required: false}'),
    'page without questions': base.replace(/    questions:[\s\S]*/, ''),
    'exit page with questions':
        base.replace('    title: Your details\n',
            '    title: Your details\n    exit: true\n'),
    'empty pages': base.replace(/pages:[\s\S]*/, 'pages: []\n'),
    'unknown content block':
        base.replace('    title: Your details\n',
            '    title: Your details\n    content:\n      - banner: Hi\n'),
    'details without summary':
        base.replace('    title: Your details\n',
            '    title: Your details\n    content:\n'
            + '      - details: {text: More}\n'),
    'literal secret in a forward':
        base + 'submit:\n  forward:\n    - {url: "https://b.example/api", '
        + 'secret: abc}\n',
    'plain http forward':
        base + 'submit:\n  forward:\n    - {url: "http://b.example/api"}\n',
    'password in a forward URL':
        base + 'submit:\n  forward:\n'
        + '    - {url: "https://user:pw@b.example/api"}\n',
    'lower-case reference prefix': base + 'submit: {reference: sl}\n',
    'retention of zero days': base + 'retention_days: 0\n',
    'with without pattern': base + 'with: {thing: a light}\n',
    'unknown autocomplete token':
        base.replace('label: Full name}',
            'label: Full name, autocomplete: fullname}'),
    'option without label':
        base.replace('type: text, label: Full name}',
            'type: radios, label: Pick, options: [{value: a}]}'),
    'reveal on a select':
        base.replace('type: text, label: Full name}',
            'type: select, label: Pick, options: '
            + '[{value: a, label: A, reveal: [x]}, b]}'),
};

// One page "only" with @p questions (YAML list items, each on one line)
// and @p extra page keys; @p tail is added at the top level.
function form(questions, { page = '', tail = '' } = {}) {
    return 'form: sample\ntitle: Sample\npages:\n'
        + '  - id: only\n    title: Your details\n' + page
        + (questions.length ? '    questions:\n' : '')
        + questions.map((q) => `      - ${q}\n`).join('') + tail;
}
const text = '{id: full_name, type: text, label: Full name}';
const info = (extra = '') => '  - id: info\n    title: Before you start\n'
    + extra + '    content:\n      - paragraph: Have your bill to hand.\n';

// expect: what formc says ('valid': exit 0, warnings allowed; 'invalid':
// errors).
export const probes = {
    // Pages.
    'content-only page': {
        expect: 'valid',
        yaml: form([text]).replace('pages:\n', 'pages:\n' + info()),
    },
    'content page with an empty questions list': {
        expect: 'valid',
        yaml: form([text]).replace('pages:\n',
            'pages:\n' + info('    questions: []\n')),
    },
    'content page with empty questions': {
        expect: 'valid',
        yaml: form([text]).replace('pages:\n',
            'pages:\n' + info('    questions:\n')),
    },
    'exit page with an empty questions list': {
        expect: 'valid',
        yaml: form([text], {
            tail: '  - id: stop\n    title: Stop\n    when: full_name answered\n'
                + '    exit: true\n    questions: []\n'
                + '    content: [{paragraph: Call us.}]\n',
        }),
    },
    'page with empty content and no questions': {
        expect: 'invalid',
        yaml: form([text]).replace('pages:\n',
            'pages:\n  - id: info\n    title: Info\n    content: []\n'),
    },
    'page without a title': {
        expect: 'invalid',
        yaml: form([text]).replace('    title: Your details\n', ''),
    },
    'only content pages: no question in the form': {
        expect: 'invalid',
        yaml: 'form: sample\ntitle: Sample\npages:\n' + info(),
    },
    'reserved page id': {
        expect: 'invalid',
        yaml: form([text]).replace('id: only', 'id: confirmation'),
    },
    // Questions and texts.
    'ids and names that YAML reads as booleans': {
        expect: 'valid',
        yaml: 'form: true\ntitle: Sample\npages:\n  - id: false\n'
            + '    title: Your details\n    questions:\n'
            + '      - {id: true, type: text, label: Full name}\n'
            + 'submit:\n  reference: TRUE\n  forward:\n'
            + '    - {url: "https://b.example/api", secret_env: FALSE}\n',
    },
    'question without a label': {
        expect: 'invalid',
        yaml: form(['{id: full_name, type: text}']),
    },
    'numbers as texts': {
        expect: 'valid',
        yaml: form(['{id: year, type: number, label: 2024, hint: 1984}'])
            .replace('title: Sample', 'title: 2024'),
    },
    'start without body': {
        expect: 'invalid',
        yaml: form([text], { tail: 'start: {}\n' }),
    },
    'empty validate': {
        expect: 'valid',
        yaml: form(['{id: full_name, type: text, label: Full name, validate: }']),
    },
    'required as an empty mapping (true)': {
        expect: 'valid',
        yaml: form(['{id: full_name, type: text, label: Full name, required: {}}']),
    },
    'required with a message as its value': {
        expect: 'valid',
        yaml: form(['{id: full_name, type: text, label: Full name, '
            + 'required: {value: Enter your full name}}']),
    },
    'declaration with validate required false': {
        expect: 'invalid',
        yaml: form(['{id: agree, type: declaration, label: I agree, '
            + 'validate: {required: false}}']),
    },
    'declaration with required {value: false}': {
        expect: 'invalid',
        yaml: form(['{id: agree, type: declaration, label: I agree, '
            + 'required: {value: false, message: Tick it}}']),
    },
    'autocomplete with extra spaces': {
        expect: 'valid',
        yaml: form(['{id: street, type: text, label: Street, '
            + 'autocomplete: "section-home  shipping address-line1 "}']),
    },
    // Options.
    'options that YAML reads as booleans': {
        expect: 'valid',
        yaml: form(['{id: pick, type: radios, label: Pick, options: [true, false]}']),
    },
    'option value with a trailing space': {
        expect: 'invalid',
        yaml: form(['{id: pick, type: radios, label: Pick, options: ["a ", b]}']),
    },
    'option value longer than 100 characters': {
        expect: 'invalid',
        yaml: form(['{id: pick, type: radios, label: Pick, options: [b, '
            + 'x'.repeat(101) + ']}']),
    },
    'empty reveal list': {
        expect: 'valid',
        yaml: form(['{id: pick, type: radios, label: Pick, options: '
            + '[{value: a, label: A, reveal: []}, b]}']),
    },
    // Rules.
    'pattern that YAML reads as a number': {
        expect: 'valid',
        yaml: form(['{id: code, type: text, label: Code, validate: '
            + '{pattern: {value: 123, message: Enter 123}}}']),
    },
    'date after the 29th of February of a leap year': {
        expect: 'valid',
        yaml: form(['{id: day, type: date, label: Day, validate: '
            + '{after: 2024-02-29, before: 2400-02-29}}']),
    },
    'date rule on the 29th of February of 1900': {
        expect: 'invalid',
        yaml: form(['{id: day, type: date, label: Day, validate: '
            + '{after: 1900-02-29}}']),
    },
    'date rule in year 0': {
        expect: 'invalid',
        yaml: form(['{id: day, type: date, label: Day, validate: '
            + '{after: 0000-01-01}}']),
    },
    'relative date more than a century away': {
        expect: 'invalid',
        yaml: form(['{id: day, type: date, label: Day, validate: '
            + '{before: today+36601d}}']),
    },
    'number rule beyond 1e15': {
        expect: 'invalid',
        yaml: form(['{id: n, type: number, label: Count, validate: '
            + '{max: 10000000000000000}}']),
    },
    // Submitting.
    'reference that YAML reads as a number': {
        expect: 'valid',
        yaml: form([text], { tail: 'submit: {reference: 123}\n' }),
    },
    'forward URLs formc accepts': {
        expect: 'valid',
        yaml: form([text], {
            tail: 'submit:\n  forward:\n'
                + '    - {url: "HTTPS://Backoffice.example/api?x=1#top"}\n'
                + '    - {url: "http://LOCALHOST:8080/api"}\n'
                + '    - {url: "http://[::1]/api"}\n'
                + '    - {url: "https://b.example/a b"}\n'
                + '    - {url: "https://b.example/api?keyboard=1&monkey=2"}\n',
        }),
    },
    'key in a forward URL query': {
        expect: 'invalid',
        yaml: form([text], {
            tail: 'submit:\n  forward:\n'
                + '    - {url: "https://b.example/api?x=1&API_KEY=abc"}\n',
        }),
    },
    'token in a forward URL query': {
        expect: 'invalid',
        yaml: form([text], {
            tail: 'submit:\n  forward:\n'
                + '    - {url: "https://b.example/api?accessToken=abc"}\n',
        }),
    },
    'secret_env starting with _': {
        expect: 'invalid',
        yaml: form([text], {
            tail: 'submit:\n  forward:\n'
                + '    - {url: "https://b.example/api", secret_env: _KEY}\n',
        }),
    },
    'files: multipart and reference on url targets': {
        expect: 'valid',
        yaml: form([text], {
            tail: 'submit:\n  forward:\n'
                + '    - {url: "https://b.example/a", files: multipart}\n'
                + '    - {url: "https://b.example/b", files: reference}\n',
        }),
    },
    'files: with another value': {
        expect: 'invalid',
        yaml: form([text], {
            tail: 'submit:\n  forward:\n'
                + '    - {url: "https://b.example/a", files: links}\n',
        }),
    },
    'files: on an email target': {
        expect: 'invalid',
        yaml: form([text], {
            tail: 'submit:\n  forward:\n'
                + '    - {email: a@b.example, files: multipart}\n',
        }),
    },
    'form slug longer than 64 characters': {
        expect: 'invalid',
        yaml: form([text]).replace('form: sample', 'form: ' + 'a'.repeat(65)),
    },

    // The name, time, ni_number, money and autocomplete types.
    'name with parts': {
        expect: 'valid',
        yaml: form(['{id: your_name, type: name, label: Your name, '
            + 'parts: [title, given, family], autocomplete: name, '
            + 'required: true, validate: {min_length: 2, max_length: 100}}']),
    },
    'name without parts': {
        expect: 'valid',
        yaml: form(['{id: your_name, type: name, label: Your name}']),
    },
    'name parts without family': {
        expect: 'invalid',
        yaml: form(['{id: your_name, type: name, label: Your name, '
            + 'parts: [title, given]}']),
    },
    'name parts twice': {
        expect: 'invalid',
        yaml: form(['{id: your_name, type: name, label: Your name, '
            + 'parts: [given, family, given]}']),
    },
    'name parts empty': {
        expect: 'invalid',
        yaml: form(['{id: your_name, type: name, label: Your name, parts: []}']),
    },
    'parts on a text question': {
        expect: 'invalid',
        yaml: form(['{id: your_name, type: text, label: Your name, '
            + 'parts: [given, family]}']),
    },
    'time with before and after': {
        expect: 'valid',
        yaml: form(['{id: arrive, type: time, label: Arrival time, validate: '
            + '{after: "08:00", before: {value: "17:30", '
            + 'message: Arrival time must be before 5:30pm}}}']),
    },
    'time rule 24:00': {
        expect: 'invalid',
        yaml: form(['{id: arrive, type: time, label: Arrival time, '
            + 'validate: {before: "24:00"}}']),
    },
    'time rule written as a date': {
        expect: 'invalid',
        yaml: form(['{id: arrive, type: time, label: Arrival time, '
            + 'validate: {before: 2025-01-01}}']),
    },
    'date rule written as a time': {
        expect: 'invalid',
        yaml: form(['{id: day, type: date, label: Day, '
            + 'validate: {before: "17:30"}}']),
    },
    'ni_number': {
        expect: 'valid',
        yaml: form(['{id: nino, type: ni_number, label: National Insurance '
            + 'number, required: true}']),
    },
    'ni_number with a length rule': {
        expect: 'invalid',
        yaml: form(['{id: nino, type: ni_number, label: National Insurance '
            + 'number, validate: {max_length: 9}}']),
    },
    'money with min and max': {
        expect: 'valid',
        yaml: form(['{id: amount, type: money, label: Amount, validate: '
            + '{min: 0.5, max: {value: 2500.75, message: "Amount must be '
            + '£2,500.75 or less"}}}']),
    },
    'money below zero': {
        expect: 'invalid',
        yaml: form(['{id: amount, type: money, label: Amount, '
            + 'validate: {min: -1}}']),
    },
    'autocomplete with options': {
        expect: 'valid',
        yaml: form(['{id: council, type: autocomplete, label: Council, '
            + 'options: [Bury, Bolton, {value: wigan, label: Wigan}]}']),
    },
    'autocomplete with a list': {
        expect: 'valid',
        yaml: form(['{id: country, type: autocomplete, label: Country, '
            + 'list: countries, display: select}']),
    },
    'autocomplete with options and a list': {
        expect: 'invalid',
        yaml: form(['{id: country, type: autocomplete, label: Country, '
            + 'list: countries, options: [France]}']),
    },
    'autocomplete with neither options nor a list': {
        expect: 'invalid',
        yaml: form(['{id: country, type: autocomplete, label: Country}']),
    },
    'autocomplete with an unknown display': {
        expect: 'invalid',
        yaml: form(['{id: country, type: autocomplete, label: Country, '
            + 'list: countries, display: dropdown}']),
    },
    'autocomplete option revealing a question': {
        expect: 'invalid',
        yaml: form(['{id: country, type: autocomplete, label: Country, '
            + 'options: [{value: fr, label: France, reveal: [region]}]}',
        '{id: region, type: text, label: Region}']),
    },
    'list on a select question': {
        expect: 'invalid',
        yaml: form(['{id: country, type: select, label: Country, '
            + 'list: countries}']),
    },
};
