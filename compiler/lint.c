/* SPDX-License-Identifier: MIT */
/*
 * Accessibility lint: problems visible in the YAML before any page exists,
 * each tied to the WCAG 2.2 success criterion or GOV.UK Design System
 * guidance it serves (docs/lint.md lists them), and optional questions a
 * later condition depends on. The input-purpose rule and its word list
 * are in lint_purpose.c. Runs after the checks (it reads the conditions'
 * resolved targets); reports through fb_diag_lint(), so findings are
 * warnings, or errors under `formc check --strict`. Never changes the
 * model.
 */
#include "lint.h"
#include "lint_priv.h"

#include "cond_loc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* GOV.UK hint text is a sentence or two; longer belongs in the page. */
#define MAX_HINT_CHARS 250
/* GOV.UK "one thing per page": a few closely related questions at most. */
#define MAX_QUESTIONS_PER_PAGE 6

static const char *
name(const char *s)
{
    return s ? s : "?";
}

/* True when @p s is NULL or only white space. */
static bool
blank(const char *s)
{
    if (!s)
        return true;
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return false;
    return true;
}

/* Compares two labels ignoring surrounding space and ASCII case. */
static int
label_cmp(const char *a, const char *b)
{
    while (isspace((unsigned char)*a))
        a++;
    while (isspace((unsigned char)*b))
        b++;
    size_t la = strlen(a), lb = strlen(b);
    while (la && isspace((unsigned char)a[la - 1]))
        la--;
    while (lb && isspace((unsigned char)b[lb - 1]))
        lb--;
    size_t n = la < lb ? la : lb;
    int r = strncasecmp(a, b, n);
    if (r)
        return r;
    return la < lb ? -1 : la > lb;
}

/* ---- link text ----------------------------------------------------------- */

/* Link texts that say nothing about where the link goes (GOV.UK content
 * guidance on links; WCAG technique G91 asks for text that describes the
 * link's purpose). Compared after trimming, lower-casing and dropping
 * trailing punctuation. */
static const char *const vague_links[] = {
    "click here", "click", "here", "more", "read more", "learn more",
    "find out more", "more info", "more information", "this link", "link",
    "this", "this page",
};

/* Writes the normalised link text of s[0..n) into @p out (size @p cap). */
static void
normalise(const char *s, size_t n, char *out, size_t cap)
{
    while (n && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n && (isspace((unsigned char)s[n - 1]) || strchr(".,:;!", s[n - 1])))
        n--;
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++)
        out[k++] = (char)tolower((unsigned char)s[i]);
    out[k] = '\0';
}

static void
check_link(struct fb_compiler *c, const struct fb_text *t, const char *s,
           size_t open, size_t close)
{
    size_t n = close - open - 1;
    char norm[64];
    if (n >= sizeof(norm) - 1)
        return;
    normalise(s + open + 1, n, norm, sizeof(norm));
    struct fb_loc loc;
    if (norm[0] == '\0') {
        loc = fb_scalar_loc(&t->loc, false, s, open, n + 2);
        fb_diag_lint(c, &loc, "lint-link-text",
                     "this link has no text; say where it goes (WCAG 2.2 "
                     "SC 2.4.4 Link Purpose (In Context))");
        return;
    }
    for (size_t i = 0; i < sizeof(vague_links) / sizeof(vague_links[0]); i++)
        if (strcmp(norm, vague_links[i]) == 0) {
            loc = fb_scalar_loc(&t->loc, false, s, open, n + 2);
            fb_diag_lint(c, &loc, "lint-link-text",
                         "link text '%.*s' does not say where the link "
                         "goes; describe the destination, e.g. '[contact "
                         "the council](...)' (WCAG 2.2 SC 2.4.4 Link "
                         "Purpose (In Context))",
                         (int)n, s + open + 1);
            return;
        }
}

/* Finds markdown links [text](url) in every language of @p t. */
static void
check_links(struct fb_compiler *c, const struct fb_text *t)
{
    for (int lang = 0; lang < FB_LANG__COUNT; lang++) {
        const char *s = t->lang[lang];
        if (!s)
            continue;
        for (const char *p = strchr(s, '['); p; p = strchr(p + 1, '[')) {
            const char *close = strchr(p + 1, ']');
            if (!close)
                break;
            const char *inner = memchr(p + 1, '[', (size_t)(close - p - 1));
            if (inner || close[1] != '(' || !strchr(close + 2, ')'))
                continue;
            /* Welsh link texts are not in the English word list, but an
             * empty link is empty in every language. */
            if (lang == FB_LANG_EN || close == p + 1)
                check_link(c, t, s, (size_t)(p - s), (size_t)(close - s));
        }
    }
}

static void
links_in_page(struct fb_compiler *c, const struct fb_page *p)
{
    check_links(c, &p->title);
    for (size_t i = 0; i < p->n_blocks; i++) {
        const struct fb_block *b = &p->blocks[i];
        check_links(c, &b->text);
        check_links(c, &b->summary);
        for (size_t k = 0; k < b->n_items; k++)
            check_links(c, &b->items[k]);
    }
    for (size_t i = 0; i < p->n_questions; i++) {
        const struct fb_question *q = p->questions[i];
        check_links(c, &q->label);
        check_links(c, &q->hint);
        for (size_t k = 0; k < q->n_options; k++) {
            check_links(c, &q->options[k].label);
            check_links(c, &q->options[k].hint);
        }
    }
}

/* ---- questions ----------------------------------------------------------- */

/* True when @p t was written with only blank English text. A text not
 * written at all is the model's error ("missing-key"), not the lint's. */
static bool
written_blank(const struct fb_text *t)
{
    for (int lang = 0; lang < FB_LANG__COUNT; lang++)
        if (t->lang[lang])
            return blank(t->lang[FB_LANG_EN]);
    return false;
}

static const struct fb_loc *
text_or(const struct fb_text *t, const struct fb_loc *fallback)
{
    return t->loc.line ? &t->loc : fallback;
}

static void
check_label(struct fb_compiler *c, const struct fb_question *q)
{
    if (written_blank(&q->label))
        fb_diag_lint(c, text_or(&q->label, &q->loc), "lint-label-missing",
                     "question '%s' has no label text; say what to enter, "
                     "as screen readers announce the label (WCAG 2.2 SC "
                     "1.3.1 Info and Relationships, SC 3.3.2 Labels or "
                     "Instructions)",
                     name(q->id));
}

static void
check_hint(struct fb_compiler *c, const struct fb_question *q)
{
    for (int lang = 0; lang < FB_LANG__COUNT; lang++) {
        const char *h = q->hint.lang[lang];
        size_t n = fb_utf8_length(h);
        if (n > MAX_HINT_CHARS) {
            fb_diag_lint(c, text_or(&q->hint, &q->loc), "lint-hint-long",
                         "the hint of '%s' is %zu characters; keep hints "
                         "under %d and move the detail into the page "
                         "content (WCAG 2.2 SC 3.3.2 Labels or "
                         "Instructions)",
                         name(q->id), n, MAX_HINT_CHARS);
            return;
        }
    }
}

static void
check_single_radio(struct fb_compiler *c, const struct fb_question *q)
{
    if (q->type != FB_Q_RADIOS || q->n_options != 1)
        return;
    fb_diag_lint(c, q->options_loc.line ? &q->options_loc : &q->loc,
                 "lint-single-radio",
                 "'%s' has one radio button, which cannot be unselected "
                 "and offers no choice; add options, or use a declaration "
                 "or checkboxes (GOV.UK radios guidance; WCAG 2.2 SC 3.3.2 "
                 "Labels or Instructions)",
                 name(q->id));
}

struct label_ref {
    const char *label;
    size_t order;
    const struct fb_loc *loc;
};

static int
compare_labels(const void *pa, const void *pb)
{
    const struct label_ref *a = pa, *b = pb;
    int r = label_cmp(a->label, b->label);
    if (r)
        return r;
    return a->order < b->order ? -1 : a->order > b->order;
}

/* Sorts @p v so equal labels sit together, first-written first. */
static void
sort_labels(struct label_ref *v, size_t n)
{
    qsort(v, n, sizeof(*v), compare_labels);
}

static void
check_option_labels(struct fb_compiler *c, const struct fb_question *q)
{
    if (q->n_options < 2)
        return;
    struct label_ref *v = fb_arena_alloc(&c->arena, q->n_options * sizeof(*v));
    size_t n = 0;
    for (size_t i = 0; i < q->n_options; i++) {
        const char *l = fb_text_en(&q->options[i].label);
        if (!blank(l))
            v[n++] = (struct label_ref){l, i, text_or(&q->options[i].label,
                                                      &q->options[i].loc)};
    }
    sort_labels(v, n);
    for (size_t i = 1, first = 0; i < n; i++) {
        if (label_cmp(v[i].label, v[first].label) != 0) {
            first = i;
            continue;
        }
        if (strcmp(v[i].label, v[first].label) == 0)
            fb_diag_lint(c, v[i].loc, "lint-option-repeated",
                         "two options of '%s' have the label '%s'; people "
                         "cannot tell them apart (WCAG 2.2 SC 2.4.6 "
                         "Headings and Labels)",
                         name(q->id), v[i].label);
        else
            fb_diag_lint(c, v[i].loc, "lint-options-case",
                         "option labels '%s' and '%s' of '%s' differ only "
                         "by case, and sound the same in a screen reader; "
                         "make them say different things (WCAG 2.2 SC "
                         "2.4.6 Headings and Labels)",
                         v[first].label, v[i].label, name(q->id));
    }
}

/* ---- labels in default messages ------------------------------------------ */

/* First words of a label that asks a question ("What is ...", "Do you
 * ..."), compared ignoring case; a label ending in '?' asks one too. */
static const char *const question_words[] = {
    "what", "which", "when", "where", "who", "why", "how", "do", "does",
    "did", "are", "is", "have", "has", "can",
};

static bool
asks_question(const char *s)
{
    if (!s)
        return false;
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (n && s[n - 1] == '?')
        return true;
    size_t w = 0;
    while (w < n && isalpha((unsigned char)s[w]))
        w++;
    for (size_t i = 0; i < sizeof(question_words) / sizeof(*question_words);
         i++)
        if (strlen(question_words[i]) == w &&
            strncasecmp(s, question_words[i], w) == 0)
            return true;
    return false;
}

/* Rules whose default message is built from the label (docs/form-language.md
 * section 11); min_selected and max_selected have fixed wording, and a
 * pattern always has the author's message. */
static const enum fb_rule_kind label_rules[] = {
    FB_RULE_REQUIRED, FB_RULE_MIN_LENGTH, FB_RULE_MAX_LENGTH, FB_RULE_MIN,
    FB_RULE_MAX, FB_RULE_INTEGER, FB_RULE_BEFORE, FB_RULE_AFTER,
    FB_RULE_PAST, FB_RULE_FUTURE, FB_RULE_MATCHES, FB_RULE_IN_AREA,
};

/* A question-style label makes default messages such as "Enter what is
 * your vehicle's registration number" (GOV.UK error message guidance).
 * Counted: a rule (required included) without its own message, and the
 * format messages of number and date questions, which always use the
 * label. Not counted: messages only a tampered or broken post can get (a
 * value that is not an option, text that is not UTF-8 or over 65,536
 * bytes), and a declaration's, which is fixed. */
static void
check_message_label(struct fb_compiler *c, const struct fb_question *q)
{
    if (!asks_question(fb_text_en(&q->label)) ||
        !blank(fb_text_en(&q->summary_label)) ||
        q->type == FB_Q_DECLARATION)
        return;
    const char *names[sizeof(label_rules) / sizeof(*label_rules) + 1];
    size_t n = 0;
    for (size_t i = 0; i < sizeof(label_rules) / sizeof(*label_rules); i++) {
        const struct fb_rule *r = &q->rules[label_rules[i]];
        if (r->present && blank(fb_text_en(&r->message)))
            names[n++] = fb_arena_printf(&c->arena, "'%s'",
                                         fb_rule_name(label_rules[i]));
    }
    bool format = q->type == FB_Q_NUMBER || q->type == FB_Q_DATE;
    if (format)
        names[n++] = q->type == FB_Q_NUMBER ? "its number format check"
                                            : "its date format checks";
    if (n == 0)
        return;
    /* "'required', 'max_length' and its number format check" */
    const char *what = names[0];
    for (size_t i = 1; i < n; i++)
        what = fb_arena_printf(&c->arena, "%s%s%s", what,
                               i + 1 < n ? ", " : " and ", names[i]);
    fb_diag_lint(c, text_or(&q->label, &q->loc), "lint-question-label",
                 "the label of '%s' is a question, and default error "
                 "messages are built from the label ('Enter <label>', "
                 "'<Label> must be ...'), so they would not read well for "
                 "%s; add 'summary_label:' with a short noun phrase, which "
                 "the defaults use instead%s (GOV.UK error messages; WCAG "
                 "2.2 SC 3.3.1 Error Identification)",
                 name(q->id), what,
                 format ? "" : ", or write each of those messages");
}

/* ---- journeys ------------------------------------------------------------ */

/* The first later condition that tests a question. */
struct dependant {
    const struct fb_cond *test;
    const struct fb_page *page;         /* the page the condition is on */
    const struct fb_question *question; /* NULL for the page's own */
};

struct dependants {
    const struct fb_form *form;
    const struct fb_page *page;
    const struct fb_question *question;
    struct dependant *first;      /* by question index */
    struct dependant *first_exit; /* by question index: exit pages only */
};

static bool
required(const struct fb_question *q)
{
    return fb_question_required(q);
}

static void
note_dependant(struct fb_cond *test, void *ctx)
{
    struct dependants *d = ctx;
    const struct fb_question *t = test->target;
    /* Questions on this page or later ones are the checks' errors;
     * `answered` is the author deciding what an unanswered question means. */
    if (!t || !t->page || t->page->index >= d->page->index ||
        test->kind == FB_COND_ANSWERED || required(t) ||
        t->index >= d->form->n_questions || d->form->questions[t->index] != t)
        return;
    struct dependant here = {test, d->page, d->question};
    if (!d->first[t->index].test)
        d->first[t->index] = here;
    if (d->page->exit && !d->question && !d->first_exit[t->index].test)
        d->first_exit[t->index] = here;
}

/* An optional question that a later page or question depends on: a
 * resident who skips it takes a branch, or passes an exit, that nobody
 * chose. One warning per question, at the first exit page testing it if
 * any, else at the first condition, with a note at the test. */
static void
check_optional_branches(struct fb_compiler *c, const struct fb_form *form)
{
    size_t n = form->n_questions + 1;
    struct dependants d = {form, NULL, NULL,
                           fb_arena_alloc(&c->arena, n * sizeof(*d.first)),
                           fb_arena_alloc(&c->arena,
                                          n * sizeof(*d.first_exit))};
    memset(d.first, 0, n * sizeof(*d.first));
    memset(d.first_exit, 0, n * sizeof(*d.first_exit));
    for (size_t i = 0; i < form->n_pages; i++) {
        d.page = form->pages[i];
        d.question = NULL;
        fb_cond_each_test(d.page->when, note_dependant, &d);
        for (size_t j = 0; j < d.page->n_questions; j++) {
            d.question = d.page->questions[j];
            fb_cond_each_test(d.question->when, note_dependant, &d);
        }
    }
    for (size_t i = 0; i < form->n_questions; i++) {
        const struct fb_question *q = form->questions[i];
        const struct dependant *e = d.first_exit[i].test ? &d.first_exit[i]
                                                         : &d.first[i];
        if (!e->test)
            continue;
        const char *fix = "make it required, with an explicit 'No' or "
                          "'None of these' option if some residents have "
                          "nothing to choose";
        if (e->question)
            fb_diag_lint(c, &q->id_loc, "lint-optional-branch",
                         "'%s' is optional, but whether question '%s' is "
                         "asked depends on it, so skipping it can take a "
                         "branch nobody chose; %s",
                         name(q->id), name(e->question->id), fix);
        else if (e->page->exit)
            fb_diag_lint(c, &q->id_loc, "lint-optional-branch",
                         "'%s' is optional, but exit page '%s' depends on "
                         "it, so skipping it can bypass the exit; %s",
                         name(q->id), name(e->page->id), fix);
        else
            fb_diag_lint(c, &q->id_loc, "lint-optional-branch",
                         "'%s' is optional, but whether page '%s' is shown "
                         "depends on it, so skipping it can take a branch "
                         "nobody chose; %s",
                         name(q->id), name(e->page->id), fix);
        fb_diag(c, FB_NOTE, &e->test->question_loc, "lint-optional-branch",
                "'%s' is tested here", name(q->id));
    }
}

/* ---- pages --------------------------------------------------------------- */

static void
check_title(struct fb_compiler *c, const struct fb_page *p)
{
    if (written_blank(&p->title))
        fb_diag_lint(c, text_or(&p->title, &p->id_loc), "lint-title-missing",
                     "page '%s' has no title; give every page a title that "
                     "says what it is for, as it becomes the browser tab "
                     "name and the first thing a screen reader announces "
                     "(WCAG 2.2 SC 2.4.2 Page Titled)",
                     name(p->id));
}

static void
check_repeated_labels(struct fb_compiler *c, const struct fb_page *p)
{
    if (p->n_questions < 2)
        return;
    struct label_ref *v = fb_arena_alloc(&c->arena,
                                         p->n_questions * sizeof(*v));
    size_t n = 0;
    for (size_t i = 0; i < p->n_questions; i++) {
        const struct fb_question *q = p->questions[i];
        const char *l = fb_text_en(&q->label);
        if (!blank(l))
            v[n++] = (struct label_ref){l, i, text_or(&q->label, &q->loc)};
    }
    sort_labels(v, n);
    for (size_t i = 1, first = 0; i < n; i++) {
        if (label_cmp(v[i].label, v[first].label) != 0) {
            first = i;
            continue;
        }
        fb_diag_lint(c, v[i].loc, "lint-label-repeated",
                     "the label '%s' is used twice on page '%s'; labels "
                     "must say which field is which (WCAG 2.2 SC 2.4.6 "
                     "Headings and Labels)",
                     v[i].label, name(p->id));
        fb_diag(c, FB_NOTE, v[first].loc, "lint-label-repeated",
                "first used here");
    }
}

static void
check_page_size(struct fb_compiler *c, const struct fb_page *p)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n_questions; i++)
        if (!p->questions[i]->revealed_by)
            n++;
    if (n > MAX_QUESTIONS_PER_PAGE)
        fb_diag_lint(c, &p->id_loc, "lint-too-many-questions",
                     "page '%s' asks %zu questions; split it so each page "
                     "asks at most %d closely related ones (GOV.UK 'one "
                     "thing per page'; WCAG 2.2 SC 2.4.6 Headings and "
                     "Labels)",
                     name(p->id), n, MAX_QUESTIONS_PER_PAGE);
}

/* True when @p b shows text without a click: everything but a closed
 * `details` block. */
static bool
visible_block(const struct fb_block *b)
{
    if (b->kind == FB_BLOCK_DETAILS)
        return false;
    if (b->kind == FB_BLOCK_LIST)
        return b->n_items > 0;
    return !blank(fb_text_en(&b->text));
}

/* An exit page must say why the journey ends. A page with no blocks at
 * all is already an error of the model ("empty-page"); this catches exit
 * pages whose only content is hidden in `details` or blank. */
static void
check_exit(struct fb_compiler *c, const struct fb_page *p)
{
    if (!p->exit || p->n_blocks == 0)
        return;
    for (size_t i = 0; i < p->n_blocks; i++)
        if (visible_block(&p->blocks[i]))
            return;
    fb_diag_lint(c, p->exit_loc.line ? &p->exit_loc : &p->id_loc,
                 "lint-exit-no-content",
                 "exit page '%s' shows no content: its text is blank or "
                 "inside 'details', which start closed; explain in a "
                 "paragraph why the journey ends here and what to do "
                 "instead (GOV.UK question pages guidance; WCAG 2.2 SC "
                 "3.3.2 Labels or Instructions)",
                 name(p->id));
}

void
fb_lint_form(struct fb_compiler *c, const struct fb_form *form)
{
    check_links(c, &form->title);
    check_links(c, &form->start_body);
    check_links(c, &form->confirmation_title);
    check_links(c, &form->confirmation_body);
    for (size_t i = 0; i < form->n_pages; i++) {
        const struct fb_page *p = form->pages[i];
        check_title(c, p);
        check_repeated_labels(c, p);
        check_page_size(c, p);
        check_exit(c, p);
        links_in_page(c, p);
        for (size_t j = 0; j < p->n_questions; j++) {
            const struct fb_question *q = p->questions[j];
            check_label(c, q);
            check_hint(c, q);
            check_single_radio(c, q);
            check_option_labels(c, q);
            check_message_label(c, q);
            fb_lint_input_purpose(c, q);
        }
    }
    check_optional_branches(c, form);
    fb_lint_redundant_entry(c, form);
}
