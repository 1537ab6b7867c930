/* SPDX-License-Identifier: MIT */
/*
 * The walk over a form's translatable texts and their ids (texts.h).
 */
#include "texts.h"

#include "formbuilder/qtype.h"

struct walk {
    struct fb_compiler *c;
    fb_text_visit visit;
    void *ctx;
    const struct fb_question *question; /* the one being walked, or NULL */
    bool option_label;                  /* visiting an option's label */
};

/* Visits @p t as "@p prefix.@p name" when it has English. */
static void
visit(struct walk *w, struct fb_text *t, const struct fb_loc *owner,
      const char *prefix, const char *name)
{
    if (!t->lang[FB_LANG_EN])
        return;
    struct fb_text_ref ref = {
        fb_arena_printf(&w->c->arena, "%s.%s", prefix, name), t,
        t->loc.src ? t->loc : *owner, w->question, w->option_label,
    };
    w->visit(w->ctx, &ref);
}

/* @returns true when @p s has letters outside its {placeholders}. */
static bool
has_words(const char *s)
{
    bool inside = false;
    for (; s && *s; s++) {
        if (*s == '{' || *s == '}')
            inside = *s == '{';
        else if (!inside && ((unsigned char)*s >= 0x80
                             || ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z')))
            return true;
    }
    return false;
}

static void
blocks(struct walk *w, struct fb_block *b, size_t n, const char *prefix)
{
    for (size_t i = 0; i < n; i++) {
        const char *at = fb_arena_printf(&w->c->arena, "%s.content.%zu",
                                         prefix, i + 1);
        visit(w, &b[i].summary, &b[i].loc, at, "summary");
        visit(w, &b[i].text, &b[i].loc, at, "text");
        for (size_t j = 0; j < b[i].n_items; j++)
            visit(w, &b[i].items[j], &b[i].loc, at,
                  fb_arena_printf(&w->c->arena, "item.%zu", j + 1));
    }
}

static void
question(struct walk *w, struct fb_question *q)
{
    const char *at = fb_arena_printf(&w->c->arena, "question.%s", q->id);
    w->question = q;
    visit(w, &q->label, &q->loc, at, "label");
    visit(w, &q->hint, &q->loc, at, "hint");
    visit(w, &q->summary_label, &q->loc, at, "summary_label");
    for (size_t i = 0; i < q->n_options; i++) {
        struct fb_option *o = &q->options[i];
        if (!o->value)
            continue;
        const char *opt = fb_arena_printf(&w->c->arena, "%s.option.%s", at,
                                          o->value);
        w->option_label = true;
        visit(w, &o->label, &o->loc, opt, "label");
        w->option_label = false;
        visit(w, &o->hint, &o->loc, opt, "hint");
    }
    for (int k = 0; k < FB_RULE__COUNT; k++) {
        struct fb_rule *r = &q->rules[k];
        if (r->present)
            visit(w, &r->message, &r->loc,
                  fb_arena_printf(&w->c->arena, "%s.rule.%s", at,
                                  fb_rule_name((enum fb_rule_kind)k)),
                  "message");
    }
    if (q->lookup)
        visit(w, &q->lookup->message, &q->lookup->loc,
              fb_arena_printf(&w->c->arena, "%s.lookup", at), "message");
    w->question = NULL;
}

void
fb_texts_walk(struct fb_compiler *c, struct fb_form *form,
              fb_text_visit fn, void *ctx)
{
    struct walk w = {c, fn, ctx, NULL, false};
    visit(&w, &form->title, &form->loc, "form", "title");
    visit(&w, &form->start_body, &form->loc, "start", "body");
    for (size_t i = 0; i < form->n_pages; i++) {
        struct fb_page *p = form->pages[i];
        const char *at = fb_arena_printf(&c->arena, "page.%s", p->id);
        visit(&w, &p->title, &p->loc, at, "title");
        if (p->repeat) {
            const char *r = fb_arena_printf(&c->arena, "%s.repeat", at);
            visit(&w, &p->repeat->item_one, &p->repeat->item_loc, r,
                  "item_label.one");
            visit(&w, &p->repeat->item_other, &p->repeat->item_loc, r,
                  "item_label.other");
            /* "{name}, {relationship}" reads the same in Welsh: only a
             * summary with words of its own is translated. */
            if (has_words(p->repeat->summary.lang[FB_LANG_EN]))
                visit(&w, &p->repeat->summary, &p->repeat->summary_loc, r,
                      "summary");
        }
        blocks(&w, p->blocks, p->n_blocks, at);
        for (size_t j = 0; j < p->n_questions; j++)
            question(&w, p->questions[j]);
    }
    if (form->booking)
        for (size_t i = 0; i < form->booking->n_windows; i++) {
            struct fb_window *win = &form->booking->windows[i];
            if (win->id)
                visit(&w, &win->label, &win->loc,
                      fb_arena_printf(&c->arena, "booking.session.%s",
                                      win->id),
                      "label");
        }
    for (size_t i = 0; i < form->n_event_statuses; i++)
        visit(&w, &form->event_statuses[i].label,
              &form->event_statuses[i].loc,
              fb_arena_printf(&c->arena, "submit.event_status.%s",
                              form->event_statuses[i].id),
              "label");
    visit(&w, &form->confirmation_title, &form->loc, "confirmation", "title");
    visit(&w, &form->confirmation_body, &form->loc, "confirmation", "body");
    blocks(&w, form->confirmation_blocks, form->n_confirmation_blocks,
           "confirmation");
    visit(&w, &form->closed_message, &form->loc, "form", "closed_message");
    visit(&w, &form->privacy, &form->loc, "form", "privacy");
}
