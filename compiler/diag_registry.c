/* SPDX-License-Identifier: MIT */
/*
 * The registry of formc's diagnostics: one row per stable id, with its
 * severity, the section of docs/diagnostics.md it is listed in, the
 * one-line summary of that table, the long explanation and a corrected
 * example `formc explain ID` prints. docs/diagnostics.md is generated from
 * it (`formc explain --markdown`; the compiler-diagnostics test fails when
 * the file is out of date), and formc refuses to report an id that is not
 * here (diag.c). Adding a diagnostic is one row below.
 */
#include "diag_registry.h"

#include <string.h>

const char *const fb_diag_doc_intro =
        "# formc diagnostics\n"
        "\n"
        "`formc check` reports every problem it finds (up to `--max-errors`, 50 by\n"
        "default) in gcc's format: the location, the severity, a message that says\n"
        "what to do, then the source line with a caret under the fault.\n"
        "\n"
        "```\n"
        "forms/report-streetlight.yaml:14:15: error: unknown question type 'radio'; did you mean 'radios'?\n"
        "   14 |         type: radio\n"
        "      |               ^~~~~\n"
        "```\n"
        "\n"
        "Exit status: 0 no errors (warnings allowed), 1 errors in a form, 2 usage\n"
        "or I/O error. `--strict` turns the accessibility lint's warnings into\n"
        "errors. `--diagnostics=json` prints one JSON document on standard output:\n"
        "\n"
        "```json\n"
        "{\"diagnostics\":[\n"
        "  {\"file\":\"forms/x.yaml\",\"line\":14,\"column\":15,\"length\":5,\"severity\":\"error\",\n"
        "   \"id\":\"unknown-type\",\"message\":\"unknown question type 'radio'; did you mean 'radios'?\"}\n"
        "],\"errors\":1,\"warnings\":0,\"truncated\":false}\n"
        "```\n"
        "\n"
        "Each kind of problem has a stable id, listed below; CI tools and the tests\n"
        "in `tests/compiler/bad/` rely on them. A test form for each id lives there\n"
        "with its expected output.";

const struct fb_diag_section fb_diag_sections[] = {
    {"Reading the file (load)",
        "",
        NULL, 0},
    {"Service patterns (expand)",
        "The expand pass applies the pattern a form names (docs/patterns.md).\n"
        "Errors about how a form uses a pattern are at the form's line, with a note\n"
        "at the pattern's line; errors in the pattern file are notes under\n"
        "`bad-pattern`.",
        NULL, 0},
    {"The form's shape (model)",
        "",
        NULL, 0},
    {"Cross-references (checks)",
        "",
        NULL, 0},
    {"Building (`formc build`)",
        "",
        NULL, 0},
    {"Testing (`formc test`)",
        "`formc test` reports a failing scenario where its expectation is written\n"
        "in `NAME.test.yaml`, saying what was expected and what happened\n"
        "([authoring.md](authoring.md)); `--coverage` reports what no scenario\n"
        "exercised at the form's own line.",
        NULL, 0},
    {"Languages and translations",
        "See [welsh.md](welsh.md). A bilingual form is one with\n"
        "`languages: [en, cy]`.",
        NULL, 0},
    {"Accessibility lint (warnings; errors with `--strict`)",
        "See [lint.md](lint.md) for why each matters and the WCAG 2.2 success\n"
        "criterion it serves:",
        NULL, 1},
};
const size_t fb_diag_n_sections =
    sizeof fb_diag_sections / sizeof fb_diag_sections[0];

const struct fb_diag_info fb_diag_registry[] = {
    {"unknown-language", FB_DIAG_ERROR, 6,
        "`languages:` (of a form or a pattern) lists a code other than `en` and `cy` (with the nearest), lists one twice, or leaves out `en`",
        "A form's `languages:` lists the languages every one of its texts is written in. formc knows English (`en`) and Welsh (`cy`); English is always one of them, because it is what a resident sees when nothing else is offered. Each code is listed once.",
        "languages: [en, cy]"},
    {"missing-translation", FB_DIAG_ERROR, 6,
        "a text of a bilingual form has no Welsh: reported at the text, which is in the pattern (with a note at the form's `pattern:`) when the pattern wrote it; or a `with:` value (or a pattern default) without Welsh that the pattern places in Welsh text, reported once per parameter with a note where it is used. A warning with `--allow-missing-translations`, when the runtime shows the English",
        "A form that says `languages: [en, cy]` promises residents the whole service in Welsh (the Welsh Language Standards ask that Welsh is treated no less favourably than English), so every text it shows needs both languages: titles, labels, hints, options, content, the author's own error messages and the pattern's texts. Write the text as a mapping of languages, or give the Welsh in the sidecar `NAME.cy.yaml` (`formc translations --merge`). While a translation is on its way, `--allow-missing-translations` makes this a warning and the English is shown, marked `lang=\"en\"`.",
        "label: {en: What is your name?, cy: Beth yw eich enw?}"},
    {"welsh-not-offered", FB_DIAG_WARNING, 6,
        "(warning) an English-only form (or its sidecar) has Welsh text, which is never shown: add `languages: [en, cy]`. Reported once, at the first. The Welsh labels of an autocomplete question's options do not count: typed answers are matched to them",
        "The form has Welsh text but does not offer Welsh, so residents never see it: the language link appears only on a form whose `languages:` names `cy`. Add it (and complete the translations), or drop the Welsh.",
        "languages: [en, cy]"},
    {"unknown-translation", FB_DIAG_ERROR, 6,
        "a sidecar `NAME.cy.yaml` entry, or a `formc translations --merge` file entry, names a text id the form does not have (with the nearest)",
        "Each entry of a translations file is keyed by a text id that `formc translations` exported (`page.ID.title`, `question.ID.label` ...). The id names no text of the form: the page or question was renamed or removed since the export. Export again and translate the new ids, or correct the id (the message names the nearest).",
        "question.name.label: Beth yw eich enw?"},
    {"translation-twice", FB_DIAG_ERROR, 6,
        "a sidecar gives Welsh to a text that has Welsh in the form (a note at it); from `--merge`, a warning that the form's own Welsh is kept",
        "A text's Welsh is written in one place: in the form, or in its sidecar `NAME.cy.yaml`, never both, so nobody edits a translation that is not the one shown. Remove one of them.",
        "# NAME.yaml has label: {en: Your name, cy: Eich enw}\n"
        "# so NAME.cy.yaml has no question.name.label entry"},
    {"bad-translations", FB_DIAG_ERROR, 6,
        "a PO or CSV file given to `--merge` that does not parse: a quoted string not closed, an entry without `msgctxt`, a CSV row without four fields or a wrong header",
        "`formc translations --merge FILE` reads the PO or CSV file a translator returned. It could not be read: a quoted string is not closed, a PO entry has no `msgctxt` (the text id), or a CSV row does not have the four columns id,source,en,cy under the header `formc translations --format csv` wrote. Nothing is written until the whole file reads cleanly.",
        "msgctxt \"question.name.label\"\n"
        "msgid \"What is your name?\"\n"
        "msgstr \"Beth yw eich enw?\""},
    {"io", FB_DIAG_ERROR, 0,
        "the file cannot be opened or read (exit status 2)",
        "formc could not open or read the file: it does not exist, is a directory, or is not readable. This is a usage problem, not a mistake in a form, so formc exits with status 2.",
        "formc check forms/report-a-pothole.yaml   # a path that exists"},
    {"file-too-large", FB_DIAG_ERROR, 0,
        "over 1 MiB; split the form",
        "A form file is limited to 1 MiB so that a mistaken or hostile file cannot exhaust memory. No real form comes near it: split a very long form into several services, or move long lists of options into a shared list (`list:`).",
        "- id: street\n"
        "  type: autocomplete\n"
        "  label: Street\n"
        "  list: streets        # lists/streets.yaml holds the long list"},
    {"empty-file", FB_DIAG_ERROR, 0,
        "no content, or only comments",
        "The file has no YAML content, or only comments. A form needs at least `form`, `title` and `pages`.",
        "form: report-a-pothole\n"
        "title: Report a pothole\n"
        "pages:\n"
        "  - id: where\n"
        "    title: Where is it?\n"
        "    questions:\n"
        "      - {id: street, type: text, label: Street name}"},
    {"bad-utf8", FB_DIAG_ERROR, 0,
        "not UTF-8 text, or a NUL byte",
        "Form files are UTF-8 text. The file has bytes that are not UTF-8 (often a file saved as Windows-1252 or Latin-1, where a pound sign or curly quote is one byte) or a NUL byte. Save it as UTF-8.",
        "title: Pay a £30 fine      # saved as UTF-8"},
    {"tab", FB_DIAG_ERROR, 0,
        "a tab used for indentation; YAML needs spaces",
        "YAML indents with spaces only; a tab in the indentation makes the nesting ambiguous. Replace each tab with spaces (two per level is the convention).",
        "pages:\n"
        "  - id: where        # two spaces, no tab"},
    {"yaml-syntax", FB_DIAG_ERROR, 0,
        "the YAML does not parse; the message explains the usual cause",
        "The text is not valid YAML, so formc cannot read its structure. The message names the usual cause: a missing space after a colon, an unclosed quote or bracket, or indentation that does not line up.",
        "label: \"Where is it?\"     # quote closed\n"
        "hint: For example, outside number 12"},
    {"duplicate-key", FB_DIAG_ERROR, 0,
        "a key appears twice in one mapping (a note shows the first)",
        "A key appears twice in one mapping. YAML libraries disagree about which one wins, so formc refuses it; the note shows the first one. Keep one.",
        "- id: street\n"
        "  label: Street name      # once"},
    {"alias", FB_DIAG_ERROR, 0,
        "YAML anchors (`&`) and aliases (`*`) are refused, which also makes alias bombs harmless",
        "YAML anchors (`&name`) and aliases (`*name`) are refused: they make a file hard to read and can expand into enormous documents. Write the value out where it is needed, or use a service pattern for repeated pages.",
        "hint: For example, SK1 3XE"},
    {"tag", FB_DIAG_ERROR, 0,
        "YAML tags (`!!str`, `!foo`) are refused",
        "YAML tags such as `!!str` or `!custom` are refused: formc decides the meaning of each value from its key. Write the plain value, quoted if it must be text.",
        "reference: \"123\""},
    {"complex-key", FB_DIAG_ERROR, 0,
        "a key that is a list or mapping",
        "A mapping key must be a plain word; a list or a mapping used as a key has no meaning in a form.",
        "options:\n"
        "  - {value: yes_please, label: Yes please}"},
    {"multiple-documents", FB_DIAG_ERROR, 0,
        "more than one YAML document in the file",
        "The file holds more than one YAML document (separated by `---`). One file is one form: move the second into its own file.",
        "form: report-a-pothole\n"
        "title: Report a pothole\n"
        "pages: [...]"},
    {"too-deep", FB_DIAG_ERROR, 0,
        "nesting deeper than 32 levels",
        "Values are nested more than 32 levels deep. No form needs that; the limit stops hostile files. Flatten the structure.",
        "questions:\n"
        "  - {id: street, type: text, label: Street}"},
    {"too-many-nodes", FB_DIAG_ERROR, 0,
        "more than 100 000 values",
        "The file holds more than 100 000 values, far more than any form; the limit stops hostile files. Move long option lists into shared lists or split the service.",
        "list: streets"},
    {"root-not-mapping", FB_DIAG_ERROR, 0,
        "the file is a list or a single value, not a form",
        "A form file is a mapping of keys (`form`, `title`, `pages` ...), not a list or a single value.",
        "form: report-a-pothole\n"
        "title: Report a pothole\n"
        "pages: [...]"},
    {"unknown-pattern", FB_DIAG_ERROR, 1,
        "`pattern: NAME` names no pattern in the places patterns are looked for; the message lists the patterns there are and the nearest",
        "`pattern: NAME` names a service pattern that is not in any of the places patterns are looked for (`--patterns DIR`, `patterns/` beside the form and above it, the installed library). The message lists those there are and the nearest. `formc patterns` lists them too.",
        "pattern: report-something"},
    {"bad-pattern", FB_DIAG_ERROR, 1,
        "the pattern file has mistakes; the error is at the form's `pattern:` and each mistake is a note at its line in the pattern (YAML errors and the ids below marked *pattern file*)",
        "The pattern file the form names has mistakes of its own. The error is at the form's `pattern:`, and each mistake is a note at its line in the pattern file: fix the pattern, not the form.",
        "# in patterns/report-something.yaml\n"
        "params:\n"
        "  problem: {type: text, description: the problem, such as \"the blocked drain\"}"},
    {"unknown-param", FB_DIAG_ERROR, 1,
        "`with:` names a parameter the pattern does not declare (with the nearest; a note at the pattern's `params:`)",
        "`with:` gives a parameter the pattern does not declare. The message names the nearest parameter and notes where the pattern declares its parameters; `formc patterns` lists them.",
        "with:\n"
        "  problem: the pothole     # declared by report-something"},
    {"missing-param", FB_DIAG_ERROR, 1,
        "a parameter without a default is not given in `with:` (a note where it is declared)",
        "The pattern declares a parameter without a default, so every form on it must give a value under `with:`. The note shows the declaration and what the value is for.",
        "with:\n"
        "  problem: the pothole\n"
        "  reference: PH\n"
        "  next_steps: We will inspect it within 5 working days."},
    {"param-type", FB_DIAG_ERROR, 1,
        "a `with:` value (or a declared default, *pattern file*) is not of the parameter's type: text, a number, a duration such as `3d`, a `YYYY-MM-DD` date, a list or a booking mapping (a note where it is declared)",
        "A `with:` value is not of the type the pattern declares: text, a number, a duration such as `3d`, a `YYYY-MM-DD` date, a list, or a booking mapping. The note shows the declaration.",
        "with:\n"
        "  retention_days: 365     # a number"},
    {"unknown-pattern-page", FB_DIAG_ERROR, 1,
        "`replace`, `remove`, `before` or `after` names a page the pattern does not have (with the nearest; a note at the pattern's pages)",
        "`replace`, `remove`, `before` or `after` names a page the pattern does not have. The message gives the nearest page id; `formc expand` shows the pattern's pages.",
        "remove: [noticed]         # a page of report-something"},
    {"pattern-page-conflict", FB_DIAG_ERROR, 1,
        "a pattern page both replaced and removed, or a page placed both `before` and `after`",
        "One pattern page is both replaced and removed, or one page is placed both before and after another. Say one thing about each page.",
        "replace:\n"
        "  location: {title: Where is the light?, questions: [...]}"},
    {"with-without-pattern", FB_DIAG_ERROR, 1,
        "pattern parameters (`with:`) without a `pattern:`",
        "`with:` gives values to a pattern's parameters, but the form names no `pattern:`. Name the pattern, or remove `with:`.",
        "pattern: report-something\n"
        "with:\n"
        "  problem: the pothole"},
    {"needs-pattern", FB_DIAG_ERROR, 1,
        "`replace`, `remove`, or a page's `before`/`after`, in a form without a `pattern:`",
        "`replace`, `remove`, and a page's `before`/`after` change the pages of a pattern; a form without `pattern:` has none. Name the pattern, or write the pages directly.",
        "pattern: report-something\n"
        "remove: [noticed]"},
    {"pattern-key", FB_DIAG_ERROR, 1,
        "a key a form writes itself (`form`, `with`, `replace`, `remove`, `expanded_from`) in a pattern (*pattern file*), or a form with both `pattern` and `expanded_from`",
        "Some keys belong to each form, not to a pattern (`form`, `with`, `replace`, `remove`, `expanded_from`), and a form cannot have both `pattern` and `expanded_from` (which `formc expand` writes in place of `pattern`).",
        "pattern: report-something    # and no expanded_from"},
    {"pattern-name", FB_DIAG_ERROR, 1,
        "the pattern's `pattern:` is not its file name (*pattern file*)",
        "A pattern's `pattern:` must be its file name, so `pattern: NAME` in a form always finds the file `NAME.yaml`.",
        "# patterns/report-something.yaml\n"
        "pattern: report-something"},
    {"pattern-no-slot", FB_DIAG_ERROR, 1,
        "the pattern's pages have no `- slot: form-pages`, or it has no pages (*pattern file*)",
        "A pattern's pages need exactly one `- slot: form-pages`, the place each form's own pages go.",
        "pages:\n"
        "  - id: location\n"
        "    title: Where is {problem}?\n"
        "    questions: [...]\n"
        "  - slot: form-pages\n"
        "  - id: contact\n"
        "    title: Your details\n"
        "    questions: [...]"},
    {"pattern-two-slots", FB_DIAG_ERROR, 1,
        "the pattern's pages have more than one slot; a note at the first (*pattern file*)",
        "A pattern has one place for the form's pages; a second slot would leave it unclear which pages go where. The note shows the first slot.",
        "  - slot: form-pages        # once"},
    {"pattern-slot", FB_DIAG_ERROR, 1,
        "a slot item with other keys, or a slot other than `form-pages` (*pattern file*)",
        "A slot item is exactly `- slot: form-pages`, with no other keys.",
        "  - slot: form-pages"},
    {"unknown-placeholder", FB_DIAG_ERROR, 1,
        "a `{name}` that names no parameter, with the nearest (*pattern file*)",
        "`{name}` in a pattern names no parameter it declares. The message gives the nearest. Write `{{` and `}}` for literal braces; runtime placeholders such as `{booking.date}` have a dot and are left alone.",
        "title: Where is {problem}?"},
    {"param-not-text", FB_DIAG_ERROR, 1,
        "a list or booking parameter inside text; it can only be placed as a whole value (*pattern file*)",
        "A list or booking parameter is placed whole as a value; it cannot be put inside a text.",
        "options: \"{items}\"          # the whole value"},
    {"unquoted-placeholder", FB_DIAG_ERROR, 1,
        "`{name}` written without quotes, which YAML reads as a mapping (*pattern file*)",
        "YAML reads an unquoted `{name}` as a mapping, not as text with a placeholder. Quote the value.",
        "title: \"{choose_question}\""},
    {"unknown-param-type", FB_DIAG_ERROR, 1,
        "a parameter `type` other than text, number, duration, date, list and booking, with the nearest (*pattern file*)",
        "A parameter's `type` must be text, number, duration, date, list or booking. The message gives the nearest.",
        "params:\n"
        "  retention_days: {type: number, default: 365, description: days a report is kept}"},
    {"unknown-key", FB_DIAG_ERROR, 2,
        "a key formc does not know here, with the nearest valid key",
        "formc does not know this key in this place. It is usually a misspelling (the message suggests the nearest valid key) or a key that belongs elsewhere, such as `validate` keys written on the question itself.",
        "- id: street\n"
        "  type: text\n"
        "  label: Street name      # not 'lable'"},
    {"missing-key", FB_DIAG_ERROR, 2,
        "a required key is missing (`form`, `title`, `pages`, a page's `id` and `title`, a question's `id`, `type` and `label`, an option's `value` and `label`)",
        "A required key is missing: `form`, `title` and `pages` on the form; `id` and `title` on a page; `id`, `type` and `label` on a question; `value` and `label` on an option.",
        "- id: street\n"
        "  type: text\n"
        "  label: Street name"},
    {"wrong-type", FB_DIAG_ERROR, 2,
        "a value of the wrong kind, e.g. a list where a number belongs, or `yes` where `true` belongs",
        "The value is of the wrong kind: a list where text belongs, text where a number belongs, or `yes` where a boolean belongs (formc reads `true`/`false` only, so `yes` is not silently a boolean).",
        "required: true\n"
        "validate: {max_length: 100}"},
    {"wrong-value", FB_DIAG_ERROR, 2,
        "a value of the right kind but out of range or badly formed (a money `min`/`max` below 0 or with three decimals, `display` other than `datalist` or `select`, a `list` name that is no file name)",
        "The value is of the right kind but not allowed: out of range, or badly formed. The message says what is allowed.",
        "validate: {min: 0}          # money: 0 or more, at most two decimals"},
    {"unknown-type", FB_DIAG_ERROR, 2,
        "a question type that does not exist, with the nearest type",
        "The question type does not exist. The message gives the nearest; docs/form-language.md section 8 lists them all.",
        "type: radios"},
    {"bad-slug", FB_DIAG_ERROR, 2,
        "the form name is not lower-case letters, digits and hyphens",
        "The form's name becomes its web address, so it must be lower-case letters, digits and hyphens, starting with a letter.",
        "form: report-a-pothole"},
    {"reserved-slug", FB_DIAG_ERROR, 2,
        "the form name is one of the server's own addresses (`healthz`, `assets`...)",
        "The form's name becomes its web address, /NAME/, and a few names at the top of the site are the server's own (the message lists them). A form with one of them would be hidden behind the server's page, so name the form after what it does.",
        "form: report-a-pothole        # not: form: healthz"},
    {"bad-id", FB_DIAG_ERROR, 2,
        "a page or question id is not snake_case",
        "Page and question ids are snake_case: lower-case letters, digits and `_`, starting with a letter. They become field names and file names.",
        "- id: street_name"},
    {"bad-date", FB_DIAG_ERROR, 2,
        "a date in a rule is not a real `YYYY-MM-DD` date or `today±Nd`",
        "A date in a rule must be a real `YYYY-MM-DD` date, or `today`, `today+14d`, `today-7d`.",
        "validate: {after: 1900-01-01, before: today+1d}"},
    {"bad-time", FB_DIAG_ERROR, 2,
        "a time question's `before` or `after` is not a time `\"HH:MM\"` from `\"00:00\"` to `\"23:59\"`; the message gives the `HH:MM` a resident's spelling means (`\"5pm\"`: `\"17:00\"`). Unquoted (`17:30`) it is `wrong-type`: quote it",
        "A time question's `before` and `after` are 24-hour `\"HH:MM\"` from `\"00:00\"` to `\"23:59\"`, quoted; the message gives the `HH:MM` a spelling like `5pm` means.",
        "validate: {after: \"08:00\", before: \"17:00\"}"},
    {"bad-autocomplete", FB_DIAG_ERROR, 2,
        "not an HTML autocomplete token",
        "`autocomplete` must be an HTML autocomplete token (such as `name`, `email`, `tel`, `postal-code`, `bday`) or `\"off\"`, so browsers and assistive technology know what the field is for (WCAG 2.2 SC 1.3.5).",
        "autocomplete: given-name"},
    {"duplicate-rule", FB_DIAG_ERROR, 2,
        "the same rule twice (e.g. `required` on the question and under `validate`)",
        "The same rule is written twice, for example `required` on the question and again under `validate`. Write it once.",
        "required: Enter the street name\n"
        "validate: {max_length: 100}"},
    {"duplicate-option", FB_DIAG_ERROR, 2,
        "two options of one question with the same value",
        "Two options of one question have the same value, so their answers cannot be told apart. Give each its own value.",
        "options:\n"
        "  - {value: out, label: It is not working}\n"
        "  - {value: day, label: It is on during the day}"},
    {"rule-not-applicable", FB_DIAG_ERROR, 2,
        "a rule that does not apply to the question's type",
        "The rule does not apply to this type of question: `max_length` on a date, `min` on text, `past` on a number. docs/form-language.md section 10 says which rules each type takes.",
        "- {id: count, type: number, label: Number of bags, validate: {min: 1, max: 10}}"},
    {"pattern-needs-message", FB_DIAG_ERROR, 2,
        "a `pattern` rule without a message",
        "A `pattern` rule needs a message: only the author knows how to say what the pattern wants.",
        "validate:\n"
        "  pattern: {value: \"[A-Z0-9]+\", message: Lamp post number must only include letters and numbers}"},
    {"no-options", FB_DIAG_ERROR, 2,
        "radios, checkboxes or select without options; autocomplete with neither `options` nor `list`; a list file with an empty `options`",
        "Radios, checkboxes and select need options; an autocomplete needs `options` or a shared `list`.",
        "options:\n"
        "  - {value: yes_please, label: Yes please}\n"
        "  - {value: no_thanks, label: No thanks}"},
    {"options-not-allowed", FB_DIAG_ERROR, 2,
        "options on a type that has none (or fixed ones, `yes_no`)",
        "This type has no options of its own (a text question) or fixed ones (`yes_no` always offers Yes and No).",
        "- {id: dangerous, type: yes_no, label: Is anyone in danger?}"},
    {"key-not-applicable", FB_DIAG_ERROR, 2,
        "a key of one question type written on another: `parts` on anything but a name, `list` or `display` on anything but an autocomplete, `lookup` on a question neither an address nor of one typed answer; or a `hint` on an autocomplete option, which its list cannot show",
        "The key belongs to another question type: `parts` only on a name, `list` and `display` only on an autocomplete, `lookup` only on an address or a question of one typed answer (text, textarea, email, phone, number, postcode ...); an autocomplete option cannot have a `hint`.",
        "- {id: full_name, type: name, label: Your name, parts: [given, family]}"},
    {"lookup-wrong-form", FB_DIAG_ERROR, 2,
        "`lookup: NAME` on a question that is not an address (it needs `{provider, message}`), or a mapping on an address (it takes `lookup: os-places`)",
        "`lookup` has two forms. On an address it names the provider that finds the address by postcode: `lookup: os-places`. On a question of one typed answer it is a mapping: the endpoint the answer is checked against (`provider`), what to say when the answer is not found there (`message`) and, optionally, the later answers its reply fills (`fill`).",
        "- id: account_number\n"
        "  type: text\n"
        "  label: Council tax account number\n"
        "  lookup:\n"
        "    provider: council-tax\n"
        "    message: We cannot find that account number; check it against your council tax bill"},
    {"lookup-bad-provider", FB_DIAG_ERROR, 2,
        "a lookup's `provider` that is not 1 to 40 lower-case letters, digits and `-`",
        "`provider` names the endpoint as the server's configuration does: `council-tax` is configured as `FORMBUILDER_LOOKUP_COUNCIL_TAX_URL` and `_KEY` (docs/integrations.md), so it is 1 to 40 lower-case letters, digits and `-`.",
        "lookup: {provider: council-tax, message: We cannot find that account number}"},
    {"lookup-bad-field", FB_DIAG_ERROR, 2,
        "a key of a lookup's `fill` that cannot be a field of the endpoint's reply (`[a-z][a-z0-9_]*`)",
        "`fill` maps fields of the endpoint's reply to the questions they fill; a field is lower-case letters, digits and `_`, starting with a letter, at most 64.",
        "fill: {address: property_address}"},
    {"bad-parts", FB_DIAG_ERROR, 2,
        "a name's `parts` with a part other than `title`, `given`, `family` (with the nearest), a part twice, or without both `given` and `family`",
        "A name's `parts` are `title`, `given` and `family`, each once, always with both `given` and `family`.",
        "parts: [title, given, family]"},
    {"bad-file-accept", FB_DIAG_ERROR, 2,
        "a file question's `accept` with a kind other than `pdf`, `jpg`, `png`, `heic` (with the nearest), a kind twice, or an empty list",
        "`accept` lists the kinds of file residents may upload, each once. The server checks each upload's content (not its name) against the list.",
        "- {id: photos, type: file, label: Photos, accept: [jpg, png]}"},
    {"bad-file-size", FB_DIAG_ERROR, 2,
        "a file question's `max_size` that is not a size up to 100m (`10m`, `500k`, bytes), or `max_files` outside 1 to 20",
        "`max_size` is the largest one file may be, written with k (kilobytes) or m (megabytes); `max_files` is how many files the answer may hold.",
        "- {id: photos, type: file, label: Photos, max_size: 10m, max_files: 3}"},
    {"file-not-alone", FB_DIAG_ERROR, 2,
        "a page with a file question and any other question",
        "A file question has a page of its own: its page posts the files as they are chosen, and removing or adding a file shows the page again, which a page of other questions could not do without losing what was typed.",
        "- id: photos\n  title: Add photos\n  questions:\n    - {id: photos, type: file, label: Photos}"},
    {"list-and-options", FB_DIAG_ERROR, 2,
        "an autocomplete question with both `options` and `list`",
        "An autocomplete takes its choices from `options` or from a shared `list`, not both.",
        "- {id: street, type: autocomplete, label: Street, list: streets}"},
    {"unknown-list", FB_DIAG_ERROR, 2,
        "`list: NAME` names no list: neither `lists/NAME.yaml` next to the form nor `forms/lists/NAME.yaml` in the project exists; the message names both paths and the nearest list",
        "`list: NAME` names no shared list: neither `lists/NAME.yaml` beside the form nor `forms/lists/NAME.yaml` exists. The message names both paths and the nearest list.",
        "list: streets            # forms/lists/streets.yaml"},
    {"bad-list", FB_DIAG_ERROR, 2,
        "the list file `list:` names has mistakes (YAML errors, no `options`, an option without a value, a value twice, a hint or reveal); the error is at the form's `list:` value and each mistake is a note at its line in the list file",
        "The shared list has mistakes. The error is at the form's `list:`, and each mistake is a note at its line in the list file: fix the list.",
        "# forms/lists/streets.yaml\n"
        "options:\n"
        "  - {value: high_street, label: High Street}"},
    {"empty-form", FB_DIAG_ERROR, 2,
        "no pages, or no questions at all",
        "A form must ask at least one question, or there is nothing to send.",
        "pages:\n"
        "  - id: where\n"
        "    title: Where is it?\n"
        "    questions:\n"
        "      - {id: street, type: text, label: Street name}"},
    {"empty-page", FB_DIAG_ERROR, 2,
        "a page with neither questions nor content",
        "A page with neither questions nor content shows the resident nothing. Add questions or content, or remove the page.",
        "- id: before_you_start\n"
        "  title: Before you start\n"
        "  content:\n"
        "    - paragraph: You will need your council tax account number."},
    {"exit-with-questions", FB_DIAG_ERROR, 2,
        "an exit page that asks questions",
        "An exit page ends the journey: it shows content and has no Continue button, so it cannot ask questions. Move the questions to a page of their own.",
        "- id: call_now\n"
        "  when: dangerous is yes\n"
        "  title: Call us now\n"
        "  exit: true\n"
        "  content:\n"
        "    - warning: Call 0161 496 0000 now."},
    {"repeat-bounds", FB_DIAG_ERROR, 2,
        "a repeating page whose `min` or `max` is out of range",
        "A repeating page (`repeat:`) asks for between `min` and `max` items. `max` is required and must be between 1 and 50 (a longer list is a file upload, not a form); `min` defaults to 0 and cannot be more than `max`.",
        "- id: people\n"
        "  title: Who lives with you?\n"
        "  repeat: {min: 0, max: 10, item_label: {one: person, other: people}, summary: \"{name}\"}\n"
        "  questions:\n"
        "    - {id: name, type: text, label: Full name, required: true}"},
    {"repeat-summary-unknown", FB_DIAG_ERROR, 2,
        "a repeating page's `summary` names something that is not one of its questions",
        "The `summary` of a repeating page is the line that stands for each item on its summary page and on check your answers. Each `{placeholder}` in it must be the id of a question of that page.",
        "- id: people\n"
        "  title: Who lives with you?\n"
        "  repeat: {min: 0, max: 10, item_label: {one: person, other: people}, summary: \"{name}\"}\n"
        "  questions:\n"
        "    - {id: name, type: text, label: Full name, required: true}"},
    {"repeat-on-exit", FB_DIAG_ERROR, 2,
        "an exit page with `repeat:`",
        "An exit page ends the journey and asks nothing, so there is nothing to repeat. Remove `repeat` or `exit`.",
        "- id: people\n"
        "  title: Who lives with you?\n"
        "  repeat: {min: 0, max: 10, item_label: {one: person, other: people}, summary: \"{name}\"}\n"
        "  questions:\n"
        "    - {id: name, type: text, label: Full name, required: true}"},
    {"repeat-no-questions", FB_DIAG_ERROR, 2,
        "a repeating page without questions",
        "Each item of a repeating page is the answers to its questions; a repeating page with only content would add empty items. Add questions, or remove `repeat`.",
        "- id: people\n"
        "  title: Who lives with you?\n"
        "  repeat: {min: 0, max: 10, item_label: {one: person, other: people}, summary: \"{name}\"}\n"
        "  questions:\n"
        "    - {id: name, type: text, label: Full name, required: true}"},
    {"repeat-question-type", FB_DIAG_ERROR, 2,
        "a booking question on a repeating page",
        "A form books one place, so `booking_date` and `booking_time` questions cannot be asked once per item. Move them to a page of their own.",
        "- id: people\n"
        "  title: Who lives with you?\n"
        "  repeat: {min: 0, max: 10, item_label: {one: person, other: people}, summary: \"{name}\"}\n"
        "  questions:\n"
        "    - {id: name, type: text, label: Full name, required: true}"},
    {"when-not-repeating", FB_DIAG_ERROR, 2,
        "`count of` or `any` names a page that does not repeat, or a question not of it",
        "`count of PAGE` and `any PAGE.ID` test the items of a repeating page (`repeat:`): PAGE must be such a page, and ID one of its questions.",
        "- id: people\n"
        "  title: Who lives with you?\n"
        "  repeat: {max: 10, item_label: {one: person, other: people}}\n"
        "  questions:\n"
        "    - {id: relationship, type: select, label: Relationship to you, options: [partner, child]}\n"
        "- id: childcare\n"
        "  when: any people.relationship is child and count of people > 1\n"
        "  title: Childcare\n"
        "  content:\n"
        "    - paragraph: You may get help with childcare."},
    {"when-repeat-question", FB_DIAG_ERROR, 2,
        "a condition outside a repeating page names one of its questions directly",
        "A repeating page's questions are answered once per item, so outside the page a condition cannot test \"the\" answer. Test whether any item has it (`any PAGE.ID is VALUE`) or count the items (`count of PAGE > N`). Inside the page, its questions' conditions see the item being asked.",
        "- id: people\n"
        "  title: Who lives with you?\n"
        "  repeat: {max: 10, item_label: {one: person, other: people}}\n"
        "  questions:\n"
        "    - {id: relationship, type: select, label: Relationship to you, options: [partner, child]}\n"
        "- id: childcare\n"
        "  when: any people.relationship is child and count of people > 1\n"
        "  title: Childcare\n"
        "  content:\n"
        "    - paragraph: You may get help with childcare."},
    {"literal-secret", FB_DIAG_ERROR, 2,
        "a secret written into the form file; name an environment variable with `secret_env`",
        "A signing key, password or API key is written into the form file, which is kept in version control and read by many people. Name the environment variable that holds it instead.",
        "forward:\n"
        "  - {url: \"https://backoffice.example/api\", format: json, secret_env: BACKOFFICE_SECRET}"},
    {"insecure-url", FB_DIAG_ERROR, 2,
        "a forward URL that is not `https://` (nor loopback `http://`, nor `allow_http: true`)",
        "A forward URL sends residents' answers; over plain `http://` anyone on the way can read them. Use `https://` (loopback `http://` is allowed, and `allow_http: true` says you mean it).",
        "- {url: \"https://backoffice.example/api/reports\", format: json}"},
    {"forward-kind", FB_DIAG_ERROR, 2,
        "a forward entry with more than one of `url`, `email` and `file`",
        "A forward entry is one kind of target: a `url`, an `email` or a `file`. Write one entry per target.",
        "forward:\n"
        "  - {url: \"https://backoffice.example/api\"}\n"
        "  - {email: highways@example.gov.uk}"},
    {"key-not-for-target", FB_DIAG_ERROR, 2,
        "a key of another kind of target (`format` on an email target, `template` without `via: notify`)",
        "The key belongs to another kind of target: `format` to a URL, `template` to GOV.UK Notify (`via: notify`).",
        "- {email: highways@example.gov.uk, via: notify, template: 0b6c6bd0-0000-4000-8000-000000000000}"},
    {"multipart-without-files", FB_DIAG_WARNING, 3,
        "(warning) a url target says `files: multipart` but the form asks no file question",
        "`files: multipart` sends each uploaded file to the back office as a part of the delivery, after the signed payload (docs/delivery.md). The form asks no question of type `file`, so every delivery would be the payload alone in a multipart body, which the back office was not told to expect. Remove `files:` (the default, `reference`, sends plain JSON or XML), or add the file question the target was meant for.",
        "forward:\n"
        "  - {url: \"https://backoffice.example/api/fly-tipping\", secret_env: FLY_TIPPING_KEY, files: multipart}"},
    {"booking-bad-calendar", FB_DIAG_ERROR, 2,
        "a `booking:` calendar name that is not lower-case letters, digits and hyphens",
        "A booking calendar's name is shared by the forms that book it and names it in the database, so it is lower-case letters, digits and hyphens.",
        "booking:\n"
        "  calendar: bulky-waste-collections"},
    {"booking-bad-weekday", FB_DIAG_ERROR, 2,
        "a day in `days` that is not `mon` … `sun`, with the nearest",
        "`days` lists weekdays as `mon`, `tue`, `wed`, `thu`, `fri`, `sat`, `sun`. The message gives the nearest.",
        "days: [mon, wed, fri]"},
    {"booking-no-days", FB_DIAG_ERROR, 2,
        "`days` is an empty list",
        "A calendar with no days offers nothing to book. List the weekdays it opens.",
        "days: [tue, thu]"},
    {"booking-sessions-and-slots", FB_DIAG_ERROR, 2,
        "both `sessions` and `slots`",
        "A calendar offers either named `sessions` (a morning, an afternoon) or regular `slots` (every 30 minutes), not both.",
        "sessions:\n"
        "  - {id: am, label: Morning (8am to 12pm), start: \"08:00\", end: \"12:00\", capacity: 10}"},
    {"booking-no-windows", FB_DIAG_ERROR, 2,
        "neither `sessions` nor `slots`, or an empty `sessions`",
        "A calendar needs `sessions` or `slots`: the times a resident can choose.",
        "slots: {from: \"09:30\", to: \"16:00\", every: 30m, capacity: 2}"},
    {"booking-bad-time", FB_DIAG_ERROR, 2,
        "a session's `start`/`end` or the slots' `from`/`to` is not `\"HH:MM\"`",
        "Session and slot times are 24-hour `\"HH:MM\"`, quoted.",
        "start: \"08:00\"\n"
        "end: \"12:00\""},
    {"booking-time-order", FB_DIAG_ERROR, 2,
        "a session that does not end after it starts, or slots whose `to` is not after `from`",
        "A session must end after it starts, and slots' `to` must be after `from`.",
        "{id: pm, label: Afternoon, start: \"12:00\", end: \"16:00\", capacity: 10}"},
    {"booking-slots-uneven", FB_DIAG_ERROR, 2,
        "the slots' `every` does not divide the time from `from` to `to` (or is under 5 minutes, or makes more than 288 slots)",
        "The slots' `every` must divide the time from `from` to `to` exactly (and be at least 5 minutes, making at most 288 slots), so the last slot ends at `to`.",
        "slots: {from: \"09:00\", to: \"12:00\", every: 30m, capacity: 2}"},
    {"booking-bad-capacity", FB_DIAG_ERROR, 2,
        "a `capacity` or a limit's `count` outside 1 to 10000",
        "A capacity, or a limit's `count`, is a whole number from 1 to 10000.",
        "capacity: 15"},
    {"duplicate-session", FB_DIAG_ERROR, 2,
        "two sessions with the same id",
        "Sessions are stored by id, so two with one id would share their places. Give each its own id.",
        "- {id: am, label: Morning, start: \"08:00\", end: \"12:00\", capacity: 10}\n"
        "- {id: pm, label: Afternoon, start: \"12:00\", end: \"16:00\", capacity: 10}"},
    {"booking-bad-duration", FB_DIAG_ERROR, 2,
        "a `lead`, `horizon`, `hold`, `every` or `period` that is not a number and a unit, or has a unit of the wrong kind (`lead: 3h`, `hold: 2d`), or is out of range (`horizon` over `3y`, `hold` outside 1m to 24h)",
        "Durations are a number and a unit of the right kind: `lead` and `horizon` in days or weeks (`2d`, `6w`, at most `3y`), `hold` in minutes or hours (1m to 24h), `every` in minutes, `period` in days to years.",
        "lead: 2d\n"
        "horizon: 6w\n"
        "hold: 15m"},
    {"booking-horizon-before-lead", FB_DIAG_ERROR, 2,
        "the horizon is before the lead: no day could be booked",
        "The first day that can be booked is `lead` from today and the last `horizon` from today; a horizon before the lead leaves no day to book.",
        "lead: 2d\n"
        "horizon: 6w"},
    {"booking-bad-date", FB_DIAG_ERROR, 2,
        "a `closed` day (or a day of a holidays list) that is not a real date",
        "A `closed` day (or a day in a holidays list) must be a real `YYYY-MM-DD` date.",
        "closed: [2026-12-24, 2026-12-31]"},
    {"unknown-holidays", FB_DIAG_ERROR, 2,
        "`holidays:` names no list in `patterns/holidays/`; the message lists those that exist",
        "`holidays:` names a list in `patterns/holidays/`; the message lists those that exist.",
        "holidays: england-and-wales"},
    {"bad-holidays", FB_DIAG_ERROR, 2,
        "the holidays list has mistakes; the error is at `holidays:` and each mistake a note in the list",
        "The holidays list has mistakes. The error is at `holidays:`, and each mistake is a note at its line in the list.",
        "# patterns/holidays/england-and-wales.yaml\n"
        "days: [2026-12-25, 2026-12-28]"},
    {"duplicate-id", FB_DIAG_ERROR, 3,
        "two questions, or two pages, with the same id",
        "Ids name pages in web addresses and questions in answers and payloads, so each is used once in a form. The note shows the first.",
        "- {id: home_address, type: address, label: Your address}\n"
        "- {id: work_address, type: address, label: Your work address}"},
    {"reserved-id", FB_DIAG_ERROR, 3,
        "a question id the form itself posts (`csrf_token`, `website`), or a page id that is a journey step (`start`, `submit`, `confirmation`) or, with `events_secret_env`, the track page (`track`)",
        "Some names are the form's own: the question ids `csrf_token` and `website` are fields every page posts, and the page ids `start`, `submit` and `confirmation` are steps of every journey. A form with `submit.events_secret_env` has its track page at `track` too.",
        "- id: your_website\n"
        "  type: text\n"
        "  label: Your business's website"},
    {"when-syntax", FB_DIAG_ERROR, 3,
        "a condition that does not parse; the caret points at the token",
        "The condition does not parse; the caret points at the token where it went wrong and the message says what was expected. Conditions are `ID is VALUE`, `ID has OPTION`, `ID answered`, comparisons, `starts with`, `in [...]` and `postcode of ID in [...]`, joined with `and`, `or`, `not` and parentheses.",
        "when: fault is damaged and dangerous is yes"},
    {"when-unknown-question", FB_DIAG_ERROR, 3,
        "a condition names a question that does not exist",
        "A condition names a question that does not exist (or a page). The message gives the nearest question id.",
        "when: fault is damaged"},
    {"confirmation-to", FB_DIAG_ERROR, 3,
        "`submit.confirmation_email.to` names no question, or a question that is not of type email",
        "`submit.confirmation_email.to` names the question holding the resident's email address: it must exist and be of type `email`.",
        "submit:\n"
        "  confirmation_email: {to: email}"},
    {"save-bad-expires", FB_DIAG_ERROR, 2,
        "`save_and_return.expires` that is not a whole number of days or weeks from 1d to 365d",
        "A saved form is kept for `expires` after the resident saves it, then deleted: write days or weeks (`28d`, `4w`), at most a year.",
        "save_and_return: {expires: 28d}"},
    {"save-without-email", FB_DIAG_ERROR, 2,
        "`save_and_return` on a form that has no way to send the resident email",
        "Save and come back later emails the resident a link; a form that sends no email cannot offer it. Say how the link is sent (`email: {via: smtp}`, or `via: notify` with a `template`), or give the form a `submit.confirmation_email`, whose way is then used.",
        "save_and_return:\n"
        "  expires: 28d\n"
        "  email: {via: smtp}"},
    {"when-later-question", FB_DIAG_ERROR, 3,
        "a condition uses a question that is asked later",
        "A condition can only test answers the resident has already given: questions of earlier pages. Move the question earlier or the condition later.",
        "- id: danger\n"
        "  when: fault is damaged      # fault is on an earlier page"},
    {"booking-without-calendar", FB_DIAG_ERROR, 3,
        "a `booking_date` or `booking_time` question in a form without `booking:`",
        "`booking_date` and `booking_time` questions choose places in the form's calendar, so the form needs `booking:`.",
        "booking:\n"
        "  calendar: bulky-waste-collections\n"
        "  days: [mon, tue, wed, thu, fri]\n"
        "  sessions: [...]"},
    {"booking-unused", FB_DIAG_ERROR, 3,
        "a `booking:` without a `booking_date` question",
        "A `booking:` calendar needs a `booking_date` question for residents to choose a day.",
        "- {id: booking_date, type: booking_date, label: What date would you like?}"},
    {"booking-question-twice", FB_DIAG_ERROR, 3,
        "a second `booking_date` or `booking_time` question",
        "A form books one place: one `booking_date` and one `booking_time` question.",
        "- {id: booking_time, type: booking_time, label: What time would you like?}"},
    {"booking-time-before-date", FB_DIAG_ERROR, 3,
        "`booking_time` on the page of `booking_date` or before it",
        "The times offered depend on the day chosen, so `booking_time` goes on a page after `booking_date`.",
        "- id: choose_date\n"
        "  questions: [{id: booking_date, type: booking_date, label: Date}]\n"
        "- id: choose_time\n"
        "  questions: [{id: booking_time, type: booking_time, label: Time}]"},
    {"booking-follow-up", FB_DIAG_ERROR, 3,
        "a booking question revealed by an option",
        "A booking question cannot be revealed under an option: the place it holds must be chosen on a page of its own.",
        "- id: choose_date\n"
        "  title: What date would you like?\n"
        "  questions: [{id: booking_date, type: booking_date, label: What date would you like?}]"},
    {"booking-limit-unknown-question", FB_DIAG_ERROR, 3,
        "`limit.per` names no question, with the nearest",
        "`limit.per` names the question whose answer the limit counts by (an address, an email): it must exist. The message gives the nearest.",
        "limit: {per: address, count: 2, period: 1y}"},
    {"placeholder-unknown-question", FB_DIAG_ERROR, 3,
        "`{answers.X}` in content or the confirmation names no question, with the nearest",
        "`{answers.ID}` shows an answer in content or on the confirmation; the question must exist. The message gives the nearest.",
        "- paragraph: We will visit {answers.street} within 5 working days."},
    {"placeholder-no-booking", FB_DIAG_ERROR, 3,
        "`{booking.date}` or `{booking.time}` in a form without `booking:`",
        "`{booking.date}` and `{booking.time}` show the booked place, so the form needs `booking:`.",
        "body: You have booked a collection on {booking.date}, {booking.time}."},
    {"placeholder-unknown", FB_DIAG_ERROR, 3,
        "any other name in braces in content or the confirmation (write `{{` and `}}` for braces)",
        "Content placeholders are `{answers.ID}`, `{booking.date}` and `{booking.time}`. Write `{{` and `}}` for literal braces.",
        "- paragraph: Your reference is on this page. Quote it if you call us."},
    {"payment-unknown-question", FB_DIAG_ERROR, 3,
        "`payment.amount.from` names no question, with the nearest",
        "`amount: {from: ID}` takes the fee from the answer to question ID: it must exist. The message gives the nearest.",
        "payment:\n"
        "  amount: {from: bin_size, table: {small: 2500, large: 4000}}\n"
        "  description: Garden waste bin delivery"},
    {"payment-from-type", FB_DIAG_ERROR, 3,
        "`payment.amount.from` names a question that gives no price",
        "The fee comes from a money question (its answer is the amount) or from a radios or select question with a `table` of pence per option; any other question gives no price.",
        "payment:\n"
        "  amount: {from: bin_size, table: {small: 2500, large: 4000}}\n"
        "  description: Garden waste bin delivery"},
    {"payment-table-option", FB_DIAG_ERROR, 3,
        "a price for a value that is not an option, or an option without a price",
        "`table` gives the price in pence of each option of the question `from` names: every option has one and every key is an option, so no answer is left without a price.",
        "amount: {from: bin_size, table: {small: 2500, large: 4000}}"},
    {"lookup-place", FB_DIAG_ERROR, 3,
        "a question with `lookup: {provider, ...}` inside a repeating page or revealed by an option",
        "An answer checked against an endpoint is asked once, on a page of the journey, where the server can ask the endpoint when the page is sent and say what it found; not once per item of a repeating page, nor under an option.",
        "- id: account\n"
        "  title: Your council tax account\n"
        "  questions:\n"
        "    - id: account_number\n"
        "      type: text\n"
        "      label: Council tax account number\n"
        "      lookup: {provider: council-tax, message: We cannot find that account number}"},
    {"lookup-fill-unknown-question", FB_DIAG_ERROR, 3,
        "a lookup's `fill` names no question, with the nearest",
        "`fill: {FIELD: ID}` fills the answer to question ID from the endpoint's reply: it must exist. The message gives the nearest.",
        "fill: {address: property_address}"},
    {"lookup-fill-target", FB_DIAG_ERROR, 3,
        "a lookup's `fill` names a question that is not of one typed answer, or one in a repeating page or revealed by an option",
        "The reply fills answers of one typed value (text, textarea, email, phone, number, postcode ...) asked once: not choices, dates or addresses in parts, not an item of a repeating page, not a follow-up under an option.",
        "- {id: property_address, type: textarea, label: The address of the property}"},
    {"lookup-fill-order", FB_DIAG_ERROR, 3,
        "a lookup's `fill` names the question looked up, or one on its page or an earlier page",
        "The reply fills answers the resident has not given yet: questions of later pages, which the resident then sees filled in and can change. Filling an answer of the same or an earlier page would change what was already given.",
        "- id: account\n"
        "  questions: [{id: account_number, type: text, label: Account number, lookup: {provider: council-tax, message: ..., fill: {address: property_address}}}]\n"
        "- id: property\n"
        "  questions: [{id: property_address, type: textarea, label: The address of the property}]"},
    {"lookup-fill-twice", FB_DIAG_ERROR, 3,
        "a question named by two `fill` entries",
        "Each answer is filled by one reply field of one lookup, so it is named in one `fill` entry only. The note shows the first.",
        "fill: {address: property_address}"},
    {"when-same-page", FB_DIAG_ERROR, 3,
        "a question's condition uses a question on its own page (a follow-up's, the question revealing it), which it cannot follow: a page shows all its questions at once; use `reveal`, or move the question to a later page",
        "A page shows all its questions at once and is judged when it is sent, so a condition on another question of the same page cannot follow the answer. Reveal the question under the option it needs, or move it to a later page.",
        "options:\n"
        "  - {value: damaged, label: It is damaged, reveal: [damage]}"},
    {"when-unknown-option", FB_DIAG_ERROR, 3,
        "a condition compares with a value that is not an option",
        "A condition tests an option the question does not have. The message gives the nearest option, or lists them.",
        "when: fault is damaged"},
    {"when-type-mismatch", FB_DIAG_ERROR, 3,
        "`has` on a single-choice question, `is` on checkboxes or on a name in parts, `<` on anything but numbers, dates and money, or a literal of the wrong kind (money not in pounds, a time not `HH:MM`, an NI number not as stored)",
        "The test does not suit the question's type: `has` is for checkboxes, `is` for single choices and text, comparisons for numbers, dates and money, `starts with` for text, `postcode of` for addresses and postcodes; and a literal must be of the question's kind (money in pounds, a time as `HH:MM`).",
        "when: items has fridge\n"
        "when: bags > 3"},
    {"when-bad-postcode-area", FB_DIAG_ERROR, 3,
        "a value of `postcode of ID in [...]` that is not a postcode area (its letters, `SK`) or a whole outward code (`SK1`, `M14`, `SW1A`)",
        "`postcode of ID in [...]` lists postcode areas (the letters, `SK`) or whole outward codes (districts: `SK1`, `M14`, `SW1A`). `SK1` does not match `SK10`; `SK` matches both.",
        "when: not (postcode of home_address in [SK1, SK2, SK3, SK4, SK5, SK6, SK7, SK8])"},
    {"reveal-unknown-question", FB_DIAG_ERROR, 3,
        "an option reveals a question that does not exist",
        "An option's `reveal` names a question that does not exist. The message gives the nearest.",
        "- {value: damaged, label: It is damaged, reveal: [damage]}"},
    {"reveal-order", FB_DIAG_ERROR, 3,
        "a revealed question on another page, or before the question revealing it",
        "A revealed question is shown under its option, so it is written after the question that reveals it, on the same page.",
        "- id: fault\n"
        "  type: radios\n"
        "  options: [{value: damaged, label: It is damaged, reveal: [damage]}]\n"
        "- {id: damage, type: textarea, label: Describe the damage}"},
    {"reveal-twice", FB_DIAG_ERROR, 3,
        "a question revealed by two options",
        "A question can be revealed by one option only; two would show it in two places.",
        "- {value: damaged, label: It is damaged, reveal: [damage]}"},
    {"reveal-not-supported", FB_DIAG_ERROR, 3,
        "a reveal on a question type other than radios and checkboxes, or in a shared list",
        "Only radios and checkboxes reveal follow-up questions (the GOV.UK conditional reveal). For a select or autocomplete, ask the follow-up on the next page with a `when`.",
        "- id: more\n"
        "  when: service is bins\n"
        "  questions: [...]"},
    {"reveal-nested", FB_DIAG_ERROR, 3,
        "a follow-up question that reveals more follow-ups",
        "A revealed question cannot reveal others: nested reveals are hard to use. Ask the next question on a later page with a `when`.",
        "- id: damage_details\n"
        "  when: damage_type has lid\n"
        "  questions: [...]"},
    {"rule-contradiction", FB_DIAG_ERROR, 3,
        "rules no answer can satisfy: `min` > `max`, `max_length` < `min_length`, `past` with `future`, `after` and `before` dates with no day (times with no minute) between them ...",
        "No answer can satisfy these rules together: `min` above `max`, `max_length` below `min_length`, `past` with `future`, or `after` and `before` with no day (or minute) between them. Fix the bounds.",
        "validate: {min: 1, max: 20}"},
    {"rule-integer-bound", FB_DIAG_ERROR, 3,
        "(warning) a fractional bound on a whole-number question",
        "With `integer: true` the bounds must be whole numbers too, or the resident cannot reach them.",
        "validate: {integer: true, min: 1, max: 20}"},
    {"matches-unknown-question", FB_DIAG_ERROR, 3,
        "`matches` names a question that does not exist",
        "`matches` names the question whose answer this one must repeat (a confirmation); it must exist. The message gives the nearest.",
        "validate:\n"
        "  matches: {value: email, message: Email addresses do not match}"},
    {"matches-later-question", FB_DIAG_ERROR, 3,
        "`matches` names itself or a later question",
        "A confirmation repeats an answer already given: `matches` names an earlier question.",
        "- {id: email, type: email, label: Email address}\n"
        "- {id: confirm_email, type: email, label: Confirm email address, validate: {matches: email}}"},
    {"matches-type", FB_DIAG_ERROR, 3,
        "`matches` between questions whose answers cannot be equal",
        "A question can only match one of the same type: an email an email.",
        "- {id: confirm_email, type: email, label: Confirm email address, validate: {matches: email}}"},
    {"bad-regex", FB_DIAG_ERROR, 3,
        "a `pattern` PCRE2 rejects; the caret points at the fault",
        "A `pattern` must compile as a PCRE2 regular expression; the message gives PCRE2's reason and where.",
        "pattern: {value: \"[A-Z]{2}[0-9]{6}\", message: Enter 2 letters then 6 digits}"},
    {"regex-backtracking", FB_DIAG_ERROR, 3,
        "(warning) a `pattern` prone to catastrophic backtracking, which can make checking one answer take minutes: a group repeated without bound (`*`, `+`, `{n,}`) or at least 10 times whose body holds a repeat without bound (`(a+)+`, `(a*)*`, `(\\w+\\s?)+$`, `(.*a){20}`), or a group repeated without bound whose alternatives can start with the same character (`(a\\|aa)+`). Repeats inside an atomic group `(?>...)` or a lookaround, and possessive ones (`a++`, `(...)++`), do not count. The caret spans the group and its quantifier; make the inner repeat possessive, use an atomic group, or remove the nesting. The check reads the pattern's text only (it does not understand `(?x)` spacing) and may warn about a safe pattern such as `([a-z]+\\.)+`, where `[a-z]++` says the same. The runtime stops any match at a limit whatever this says (security.md, Regular expressions)",
        "The pattern can take exponential time on some inputs (nested repetition such as `(a+)+`), which would let one resident's answer stall the server. Rewrite it without nested repetition.",
        "pattern: {value: \"[a-z]+\", message: Use lower-case letters only}"},
    {"unreachable-page", FB_DIAG_ERROR, 3,
        "a page that can never be shown: after an exit page without a `when`, a condition no answers satisfy (choices, and numbers within their min, max and integer rules), or one that holds only on journeys an earlier exit page has ended",
        "No journey can show this page: it follows an exit page with no `when` (every journey ends there), its `when` can never hold (`fault is out and fault is day`, or `adults > 20` when `adults` has `max: 20`), or it holds only on journeys an earlier exit page has ended. formc tries every combination of answers to the choices and every region of the numbers a condition compares.",
        "- id: danger\n"
        "  when: fault is damaged or fault is day"},
    {"unreachable-question", FB_DIAG_ERROR, 3,
        "a question that can never be asked: no answers make its condition true, or none that get to its page (past the page's condition and the exit pages before it)",
        "No journey can ask this question: its `when` can never hold, on its own or on the journeys that reach its page.",
        "- {id: antlers, type: yes_no, label: Does it have antlers?, when: animal is deer}"},
    {"unreachable-reveal", FB_DIAG_ERROR, 3,
        "a follow-up question an option reveals that can never be shown: its condition never holds with that option chosen",
        "The question is revealed by one option (GOV.UK conditional reveal), and its own `when` can never hold when that option is chosen, so no resident ever sees it. Drop the `when`, or reveal the question from the option its condition is about.",
        "- {value: deer, label: Deer, reveal: [antlers]}\n- {id: antlers, type: yes_no, label: Does it have antlers?}   # no 'when: animal is fox'"},
    {"when-always-true", FB_DIAG_WARNING, 3,
        "a warning: a page's or question's `when` holds on every journey that gets to it, given the options, the min, max and integer rules of the numbers it compares and the exit pages before it; remove it or fix the values it compares",
        "The condition holds on every journey that gets to it, so the page or question always applies and the `when` says nothing (often `or` written for `and`, or a number compared with a bound its rules already keep). Remove it, or fix what it compares.",
        "- id: names\n"
        "  title: Their names        # no when: every household has an adult"},
    {"no-path-to-check-answers", FB_DIAG_ERROR, 3,
        "no journey gets past the exit pages to check your answers: their conditions between them hold for every answer, so the form can never be sent",
        "Between them the exit pages' conditions hold for every answer, so no journey reaches check your answers and nothing can ever be sent. Narrow an exit page's condition.",
        "- id: call_now\n"
        "  when: danger is yes\n"
        "  exit: true\n"
        "  content: [...]\n"
        "# and no second exit on 'danger is no'"},
    {"file-name", FB_DIAG_ERROR, 4,
        "the file name is not the form's name (`report-x.yaml` for `form: report-x`)",
        "A form file is named after its form (`report-x.yaml` for `form: report-x`), so the file of a web address is easy to find.",
        "# forms/report-a-pothole.yaml\n"
        "form: report-a-pothole"},
    {"duplicate-form", FB_DIAG_ERROR, 4,
        "two files define the same form",
        "Two files define the same form name, so two forms would claim one web address. Rename one.",
        "form: report-a-pothole-on-a-footpath"},
    {"scenario-missing", FB_DIAG_ERROR, 5,
        "the form has no `NAME.test.yaml` beside it or in `scenarios/` beside it",
        "`formc test` runs the scenarios of `NAME.test.yaml` beside the form (or in `scenarios/` beside it); this form has none. `formc new` writes a first one; docs/authoring.md describes the file.",
        "scenarios:\n"
        "  - name: a small pothole is reported\n"
        "    answers: {size: small, danger: no}\n"
        "    expect: {pages: [size, contact, check-answers]}"},
    {"scenario-invalid", FB_DIAG_ERROR, 5,
        "the scenario file is not as [authoring.md](authoring.md) describes: an unknown key (with the nearest), a scenario without a name or `expect`, an `expect` that checks nothing, two scenarios of one name, a question or page the form does not have (with the nearest), an answer written in the wrong shape for its question (a list for a question that is not checkboxes, a part a question does not have, a date that is not `YYYY-MM-DD`)",
        "The scenario file is not as docs/authoring.md describes: an unknown key, a scenario without a name or `expect`, an expectation that checks nothing, a question or page the form does not have, or an answer in the wrong shape for its question.",
        "- name: a dangerous fault ends the journey\n"
        "  answers: {fault: damaged, damage: Wires showing, dangerous: yes}\n"
        "  expect: {exit: unsafe}"},
    {"scenario-failed", FB_DIAG_ERROR, 5,
        "an expectation did not hold: the exit page, the pages visited, an error message, a text of the confirmation page or a value of the payload; the message gives both",
        "The scenario ran on the server's own walk, driver and renderers, and an expectation did not hold; the message says what was expected and what happened. Fix the form, or the scenario if the form is right.",
        "expect:\n"
        "  pages: [location, problem, danger, unsafe]\n"
        "  exit: unsafe"},
    {"coverage-gap", FB_DIAG_LINT, 5,
        "with `--coverage`: a page or exit page no scenario reaches, a `when` (of a page, question or content block) no scenario makes true or false, an option no scenario chooses; a warning, an error with `--strict`",
        "With `--coverage`, no scenario reaches this page or exit page, makes this `when` true (or false), or chooses this option. Add a scenario that does; `--strict` makes gaps errors, as CI runs every form in forms/.",
        "- name: flashing lights are faults too\n"
        "  answers: {street: High Street, fault: flashing, email: a@example.com}\n"
        "  expect: {payload: {fault: flashing}}"},
    {"lint-label-missing", FB_DIAG_LINT, 7,
        "a question whose label is empty or only spaces (a missing `label` key is already an error of the model)",
        "A question whose label is empty or only spaces has nothing for a screen reader to announce and nothing to click to focus the field.",
        "label: Street name"},
    {"lint-label-repeated", FB_DIAG_LINT, 7,
        "two questions on one page with the same label (ignoring case and surrounding spaces); a note points at the first",
        "Two questions on one page with the same label cannot be told apart by ear or by their error messages. Give each its own label.",
        "- {id: home_phone, type: phone, label: Home phone number}\n"
        "- {id: mobile, type: phone, label: Mobile phone number}"},
    {"lint-hint-long", FB_DIAG_LINT, 7,
        "a hint longer than 250 characters (in any language)",
        "A hint over 250 characters is read before every visit to the field; say the essentials, and put the rest in content on the page.",
        "hint: For example, outside number 24"},
    {"lint-link-text", FB_DIAG_LINT, 7,
        "a markdown link `[text](url)` in any text of the form whose text says nothing on its own: \"click here\", \"click\", \"here\", \"more\", \"read more\", \"learn more\", \"find out more\", \"more info\", \"more information\", \"this\", \"this link\", \"link\", \"this page\" (ignoring case and trailing punctuation), or an empty link",
        "Link text must say where the link goes: \"click here\" or \"here\" means nothing out of context, as screen reader users often hear links listed.",
        "body: Read [who can get a Blue Badge](https://www.gov.uk/blue-badge)."},
    {"lint-title-missing", FB_DIAG_LINT, 7,
        "a page whose title is empty or only spaces (a missing `title` key is an error of the model)",
        "The page title becomes the browser tab's name and is the first thing a screen reader announces.",
        "title: Where is the pothole?"},
    {"lint-single-radio", FB_DIAG_LINT, 7,
        "a `radios` question with one option",
        "A lone radio button cannot be unselected and offers no choice. Use a declaration, checkboxes, or more options.",
        "- {id: confirm, type: declaration, label: I confirm the information is correct}"},
    {"lint-too-many-questions", FB_DIAG_LINT, 7,
        "a page with more than 6 questions (follow-up questions revealed by an option are not counted)",
        "GOV.UK asks one thing per page: long pages are harder to understand and to correct. Split the page so each asks at most 6 closely related questions.",
        "- id: contact\n"
        "  title: Your details\n"
        "  questions: [full_name, email, phone]"},
    {"lint-options-case", FB_DIAG_LINT, 7,
        "two option labels of one question that differ only by letter case (\"Light is off\", \"Light is OFF\")",
        "Two option labels that differ only by letter case sound the same in a screen reader.",
        "- {value: off, label: Light is off}\n"
        "- {value: flickering, label: Light is flickering}"},
    {"lint-option-repeated", FB_DIAG_LINT, 7,
        "two options of one question with exactly the same label",
        "Two options with exactly the same label cannot be told apart.",
        "- {value: black, label: Black bin}\n"
        "- {value: blue, label: Blue bin}"},
    {"lint-exit-no-content", FB_DIAG_LINT, 7,
        "an exit page whose content is all inside `details` (which start closed) or blank (an exit page with no content at all is already an error of the model, `empty-page`)",
        "An exit page ends the journey; it must say, without a click, why and what to do instead. Content only inside `details` starts hidden.",
        "content:\n"
        "  - warning: Call 0161 496 0000 now."},
    {"lint-input-purpose", FB_DIAG_LINT, 7,
        "a `text` question without `autocomplete` whose English label asks for the resident's name, email address, telephone number, address or postcode (the words are listed below); the caret marks the words",
        "A text question asking for the resident's name, email, phone, address or postcode must say so to browsers, so they can fill it in (WCAG 2.2 SC 1.3.5). Use the type, or `autocomplete`; `autocomplete: \"off\"` for someone else's details.",
        "- {id: full_name, type: text, label: Your full name, autocomplete: name}"},
    {"lint-question-label", FB_DIAG_LINT, 7,
        "a label phrased as a question (it ends with `?`, or its first word is What, Which, When, Where, Who, Why, How, Do, Does, Did, Are, Is, Have, Has or Can, in any case) on a question without a `summary_label` that would get a default error message: a rule (`required` included) without its own `message`, or the format messages every `number` and `date` question has",
        "Default error messages are built from the label (\"Enter <label>\"), so a label phrased as a question makes them read badly. Give a `summary_label` (a short noun phrase), or write the messages.",
        "- {id: street, type: text, label: What is the street called?, summary_label: Street name, required: true}"},
    {"lint-optional-branch", FB_DIAG_LINT, 7,
        "an optional question (not `required`, not a declaration) that a `when` on a later page tests with `is`, `is not`, `has` or a comparison: a page's, an exit page's or a question's. One warning per question, at its id, naming the first exit page that tests it (else the first condition), with a note at the test. `answered` tests are not counted: they are the author saying what no answer means",
        "An unanswered question counts as not answered in every condition, so a resident who skips it passes an exit page or takes a branch nobody chose. Make it required, with a \"No\" or \"None of these\" option.",
        "- {id: dangerous, type: yes_no, label: Is anyone in danger?, required: true}"},
    {"lint-redundant-entry", FB_DIAG_LINT, 7,
        "two questions with the same input purpose (the autocomplete token of their type, or their own; `\"off\"` is not a purpose): for an email address or a phone number any two, for anything else (an address, a postcode, a name) two with the same label. One that `matches` the other, a confirmation the author chose, is not counted. At the later question, with a note at the first",
        "The same information about the resident is asked twice (WCAG 2.2 SC 3.3.7 Redundant Entry): the same input purpose (an email address or phone number), or for addresses, postcodes and names the same label too. Ask once and show the answer again, mark someone else's details `autocomplete: \"off\"`, or, for a deliberate confirmation, use `matches`.",
        "- {id: email, type: email, label: Email address}\n"
        "- {id: confirm_email, type: email, label: Confirm email address, validate: {matches: email}}"},
    /* A live service (model_live.c) */
    {"bad-open-date", FB_DIAG_ERROR, 2,
        "`opens:` or `closes:` is not a real date, or a date and a time of day",
        "`opens:` and `closes:` are local dates (`2026-12-31`) or dates and times of day (`2026-12-31T17:00`), in the server's time zone. A date alone opens at the start of that day and closes at the end of it.",
        "opens: 2026-12-01\n"
        "closes: 2027-01-31T17:00"},
    {"closes-before-opens", FB_DIAG_ERROR, 2,
        "`closes:` is not after `opens:`",
        "The form would never take a submission: it closes before (or when) it opens. A date alone in `closes:` means the end of that day, so `opens: 2026-12-01` and `closes: 2026-12-01` is one day open.",
        "opens: 2026-12-01\n"
        "closes: 2026-12-31"},
    {"bad-max-submissions", FB_DIAG_ERROR, 2,
        "`max_submissions:` is not a whole number of at least 1",
        "`max_submissions:` is how many submissions the form takes before it shows its closed page; the cap is exact even with many residents sending at once. Leave it out for no cap, or use `closes:` to stop at a time.",
        "max_submissions: 200"},
    {"bad-privacy", FB_DIAG_ERROR, 2,
        "`privacy:` looks like an address but is not an https:// one",
        "`privacy:` is the form's privacy notice: its text (shown at `/SLUG/privacy`), or the address of the council's notice, which must start with `https://` and hold no spaces. The start page and every page's footer link to it.",
        "privacy: https://www.example.gov.uk/privacy/blue-badges"},
    {"closed-message-unused", FB_DIAG_WARNING, 2,
        "`closed_message:` without `opens:`, `closes:` or `max_submissions:`: it is never shown",
        "The closed message replaces the closed page's text when the form is not open (before `opens:`, after `closes:`, or once `max_submissions:` is reached). With none of them the form is always open.",
        "closes: 2026-12-31\n"
        "closed_message: Applications for this year's scheme have closed."},
};
const size_t fb_diag_n_registry =
    sizeof fb_diag_registry / sizeof fb_diag_registry[0];

const struct fb_diag_info *
fb_diag_info_find(const char *id)
{
    for (size_t i = 0; id && i < fb_diag_n_registry; i++)
        if (strcmp(fb_diag_registry[i].id, id) == 0)
            return &fb_diag_registry[i];
    return NULL;
}
