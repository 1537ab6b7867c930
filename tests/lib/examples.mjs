// SPDX-License-Identifier: MIT
// Answers a form gives in its own words, for the tests that fill pages in
// (the a11y walker, the static-pages parity test): examples in hints and
// error messages, and the dates and numbers its text mentions, which are
// usually the boundaries its conditions test ("children born between
// 1 September 2021 and 31 August 2022", "up to 3 vehicles"). Answering
// with them, and one either side, reaches the pages behind those
// conditions without the tests knowing the conditions.

// Examples in a hint or an error message: "For example, CU57 ABC",
// "like QQ 12 34 56 C". Returns them in the order they appear.
export function examplesIn(text) {
    const found = [];
    for (const m of text.matchAll(/(?:\blike|for example,?)\s+(.+?)(?:\.(?:\s|$)|$|\s+or\s)/gi))
        found.push(m[1].trim());
    return found;
}

const MONTHS = ["january", "february", "march", "april", "may", "june",
                "july", "august", "september", "october", "november",
                "december"];

function addDays([y, m, d], n) {
    const t = new Date(Date.UTC(y, m - 1, d + n));
    return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
}

function validDate([y, m, d]) {
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 &&
        t.getUTCDate() === d;
}

// Dates written in @p text as "27 3 2022" (the hint format), "1 September
// 2021" or "2021-09-01", each followed by the day before and the day
// after. Returns [year, month, day] triples, each once.
export function datesIn(text) {
    const exact = [];
    const months = MONTHS.join("|");
    const re = new RegExp(`\\b(\\d{1,2}) (\\d{1,2}|${months}) (\\d{4})\\b|` +
                          "\\b(\\d{4})-(\\d{2})-(\\d{2})\\b", "gi");
    for (const m of text.matchAll(re)) {
        const date = m[1]
            ? [Number(m[3]), /^\d/.test(m[2]) ? Number(m[2])
                             : MONTHS.indexOf(m[2].toLowerCase()) + 1,
               Number(m[1])]
            : [Number(m[4]), Number(m[5]), Number(m[6])];
        if (validDate(date)) exact.push(date);
    }
    const out = [];
    for (const d of [...exact, ...exact.flatMap((d) => [addDays(d, -1),
                                                      addDays(d, 1)])])
        if (!out.some((o) => o.join() === d.join())) out.push(d);
    return out;
}

// Whole numbers written in @p text ("up to 3", "5 or more", "£1,000"),
// one to three digits or with thousands separators, not parts of phone
// numbers, times or decimals; each followed by the number before and the
// number after (never below 0). Returns strings, each once.
export function numbersIn(text) {
    const exact = [...text.matchAll(/(?<![\d:.,-])\b\d{1,3}(?:,\d{3})*\b(?![\d:]|[.,-]\d)/g)]
        .map((m) => Number(m[0].replaceAll(",", "")));
    const out = [];
    for (const n of [...exact, ...exact.flatMap((n) => [n - 1, n + 1])])
        if (n >= 0 && !out.includes(String(n))) out.push(String(n));
    return out;
}
