// SPDX-License-Identifier: MIT
// Coverage accounting for the a11y walks: the page states each form must
// be seen in, from the pages formc lists in journey.json (see
// tests/lib/static-pages.mjs), and the ones the walks never reached.
// Every question page: empty, with errors (when an empty post has errors)
// and filled in; every exit page; the start page, check answers and
// confirmation; a booking form's booking states too. A state the walker
// truly cannot reach goes in ALLOWED with the reason; nothing is left out
// silently.

// { form, page, state, reason } the walks are excused from; an entry the
// walks do reach is reported, so the list only ever shrinks.
export const ALLOWED = [];

// The [page, state] pairs form @p form (journey.json) must be seen in;
// "page" is the page id, or start, check-answers, confirmation.
export function expectedStates(form) {
    const out = [["start", "empty"]];
    for (const p of form.pages) {
        if (p.exit) {
            out.push([p.id, "exit"]);
            continue;
        }
        out.push([p.id, "empty"]);
        if (p.errors) out.push([p.id, "errors"]);
        out.push([p.id, "filled"]);
        // A repeating page's summary and remove page (repeatGroup in
        // walk.mjs); "empty", "errors" and "filled" are its item page's.
        if (p.repeat) {
            if (p.repeat.min === 0) out.push([p.id, "summary-none"]);
            out.push([p.id, "summary-errors"], [p.id, "summary-one"],
                     [p.id, "remove"], [p.id, "remove-errors"]);
            if (p.repeat.max > 1) out.push([p.id, "summary-many"]);
        }
    }
    out.push(["check-answers", "check-answers"], ["confirmation",
                                                   "confirmation"]);
    if (form.booking) out.push(...bookingStates(form.booking));
    return out;
}

// A booking form's pages in the booking's own states (bookingWalk in
// walk.mjs): the date page sent back with "the place has gone", a month
// without dates, a day shown full, and shown again to change a booking
// ("rebook", empty and with errors); the time page refusing a window just
// taken, with no window left, and to change a booking; and the booking's
// own pages (page id "booking": /SLUG/booking/TOKEN/...): the booking,
// the change's check and confirmation, cancel, cancelled, cancelled again.
export function bookingStates(b) {
    return [[b.date, "gone"], [b.date, "no-dates"], [b.date, "full"],
            [b.date, "rebook"], [b.date, "rebook-errors"],
            [b.time, "refused"], [b.time, "no-times"], [b.time, "rebook"],
            [b.time, "rebook-errors"],
            ...["booking", "change-check", "changed", "cancel", "cancelled",
                "already-cancelled"].map((st) => ["booking", st])];
}

// The page id of a walk result ("start" or a path "/slug/page").
function pageId(r) {
    return r.page.startsWith("/") ? r.page.split("/")[2] : r.page;
}

// The states the walks saw for @p slug, as "page|state".
export function visitedStates(results, slug) {
    return new Set(results.filter((r) => r.form === slug && r.file)
        .map((r) => `${pageId(r)}|${r.state}`));
}

// One result per form with the states never visited, as
// "form X: page Y never visited (state)", and the ALLOWED entries no
// longer needed. @p forms maps slug (or "SLUG@cy", the form walked in
// Welsh) -> journey.json; @p only limits the forms to those walked
// (--forms), or null for all.
export function coverageProblems(forms, results, only) {
    const out = [];
    let expected = 0, visited = 0;
    for (const [slug, form] of forms) {
        if (only && !only.includes(slug.split("@")[0])) continue;
        const seen = visitedStates(results, slug);
        const problems = [];
        for (const [page, state] of expectedStates(form)) {
            expected++;
            const allowed = ALLOWED.find((a) => a.form === slug &&
                a.page === page && a.state === state);
            if (seen.has(`${page}|${state}`)) {
                visited++;
                if (allowed)
                    problems.push(`form ${slug}: page ${page} (${state}) is ` +
                                  "visited now: remove its ALLOWED entry");
            } else if (!allowed) {
                problems.push(`form ${slug}: page ${page} never visited ` +
                              `(${state})`);
            }
        }
        out.push({ form: slug, page: "-", state: "coverage", problems,
                   file: null });
    }
    return { results: out, expected, visited };
}
