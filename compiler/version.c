/* SPDX-License-Identifier: MIT */
/*
 * Form version: FNV-1a 64 over a canonical text serialisation of the
 * model: every value the descriptors, validators and conditions are made
 * from, rules with their final (author or default) messages, and the
 * generator's version. Source locations and YAML layout are left out, so
 * reformatting a form keeps its version while any change of behaviour or
 * wording makes a new one. Every submission payload carries it.
 */
#include "lower.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "buf.h"
#include "fb_config.h"
#include "messages.h"

static void
put_str(struct fb_buf *b, const char *key, const char *s)
{
    fb_buf_puts(b, key);
    fb_buf_putc(b, '=');
    fb_buf_c_string(b, s);
    fb_buf_putc(b, '\n');
}

static void
put_text(struct fb_buf *b, const char *key, const struct fb_text *t)
{
    for (int l = 0; l < FB_LANG__COUNT; l++) {
        fb_buf_printf(b, "%s.%d=", key, l);
        fb_buf_c_string(b, t->lang[l]);
        fb_buf_putc(b, '\n');
    }
}

static void
put_cond(struct fb_buf *b, const struct fb_cond *cond)
{
    if (!cond) {
        fb_buf_puts(b, "-");
        return;
    }
    fb_buf_printf(b, "(%d ", (int)cond->kind);
    switch (cond->kind) {
    case FB_COND_AND:
    case FB_COND_OR:
        put_cond(b, cond->lhs);
        fb_buf_putc(b, ' ');
        put_cond(b, cond->rhs);
        break;
    case FB_COND_NOT:
        put_cond(b, cond->lhs);
        break;
    default:
        fb_buf_c_string(b, cond->question);
        fb_buf_putc(b, ' ');
        fb_buf_c_string(b, cond->value);
        break;
    }
    fb_buf_putc(b, ')');
}

static void
put_rule(struct fb_buf *b, struct fb_arena *a, const struct fb_question *q,
         enum fb_rule_kind k)
{
    const struct fb_rule *r = &q->rules[k];
    if (!r->present)
        return;
    bool append = false;
    const char *msg = fb_msg_rule(a, q, k, &append);
    fb_buf_printf(b, "rule %s %.17g %ld %d %d %d %d %d ", fb_rule_name(k),
                  r->number, r->count, r->date.relative, r->date.offset_days,
                  r->date.date.year, r->date.date.month, r->date.date.day);
    fb_buf_c_string(b, r->string);
    fb_buf_putc(b, ' ');
    fb_buf_c_string(b, msg);
    fb_buf_printf(b, " %d\n", append);
    put_text(b, "rule.message", &r->message);
}

static void
put_question(struct fb_buf *b, struct fb_arena *a,
             const struct fb_question *q)
{
    put_str(b, "question", q->id);
    fb_buf_printf(b, "type=%d\n", (int)q->type);
    put_text(b, "label", &q->label);
    put_text(b, "hint", &q->hint);
    put_text(b, "summary", &q->summary_label);
    put_str(b, "autocomplete", fb_question_autocomplete(q));
    fb_buf_puts(b, "when=");
    put_cond(b, q->when);
    fb_buf_putc(b, '\n');
    for (size_t i = 0; i < q->n_options; i++) {
        const struct fb_option *o = &q->options[i];
        put_str(b, "option", o->value);
        put_text(b, "option.label", &o->label);
        put_text(b, "option.hint", &o->hint);
        for (size_t r = 0; r < o->n_reveal; r++)
            put_str(b, "reveal", o->reveal[r]);
    }
    for (int k = 0; k < FB_RULE__COUNT; k++)
        put_rule(b, a, q, (enum fb_rule_kind)k);
    /* Messages the readers' outcomes give, defaults included. */
    put_str(b, "msg.required", fb_msg_required(a, q));
    put_str(b, "msg.utf8", fb_msg_bad_utf8(a, q));
    put_str(b, "msg.invalid", fb_msg_invalid(a, q));
    put_str(b, "anchor", fb_question_anchor(a, q));
}

static void
put_page(struct fb_buf *b, struct fb_arena *a, const struct fb_page *p)
{
    put_str(b, "page", p->id);
    put_text(b, "title", &p->title);
    fb_buf_printf(b, "exit=%d\nwhen=", p->exit);
    put_cond(b, p->when);
    fb_buf_putc(b, '\n');
    struct fb_page_item *items;
    size_t n = fb_page_items(a, p, &items);
    for (size_t i = 0; i < n; i++) {
        if (items[i].question) {
            put_question(b, a, items[i].question);
            continue;
        }
        const struct fb_block *bl = &p->blocks[items[i].block];
        fb_buf_printf(b, "block=%d\n", (int)bl->kind);
        put_text(b, "block.text", &bl->text);
        put_text(b, "block.summary", &bl->summary);
        for (size_t j = 0; j < bl->n_items; j++)
            put_text(b, "block.item", &bl->items[j]);
    }
}

static void
serialise(struct fb_buf *b, struct fb_arena *a, const struct fb_form *f)
{
    put_str(b, "formc", FB_VERSION);
    put_str(b, "form", f->slug);
    put_text(b, "title", &f->title);
    put_str(b, "pattern", f->pattern);
    for (size_t i = 0; i < f->n_params; i++) {
        put_str(b, "param", f->params[i].name);
        put_str(b, "value", f->params[i].value);
    }
    put_text(b, "start", &f->start_body);
    put_text(b, "confirmation.title", &f->confirmation_title);
    put_text(b, "confirmation.body", &f->confirmation_body);
    put_str(b, "reference", f->reference_prefix);
    for (size_t i = 0; i < f->n_forwards; i++) {
        put_str(b, "forward", f->forwards[i].url);
        put_str(b, "format", f->forwards[i].format);
        put_str(b, "secret_env", f->forwards[i].secret_env);
    }
    fb_buf_printf(b, "retention=%ld\n", f->retention_days);
    for (size_t i = 0; i < f->n_pages; i++)
        put_page(b, a, f->pages[i]);
}

const char *
fb_form_version(struct fb_compiler *c, const struct fb_form *form)
{
    struct fb_buf b;
    fb_buf_init(&b);
    serialise(&b, &c->arena, form);
    /* FNV-1a, 64-bit: offset basis and prime from the FNV reference. */
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < b.len; i++) {
        h ^= (unsigned char)b.data[i];
        h *= 0x100000001b3u;
    }
    if (b.failed) {
        /* formc may stop when out of memory, as the arena does. */
        fputs("formc: out of memory\n", stderr);
        abort();
    }
    fb_buf_free(&b);
    return fb_arena_printf(&c->arena, "%016llx", (unsigned long long)h);
}
