/* SPDX-License-Identifier: MIT */
/*
 * Form version: FNV-1a 64 over a canonical text serialisation of the
 * lowered descriptors, the values the driver reads and nothing else:
 * conditions, rules with their values and author messages, the message
 * ids each question's type gives, nouns, page items in order, and the
 * generator's and the descriptor format's versions. Pointers are written
 * as the id they point at. Source locations and YAML layout are left out,
 * so reformatting a form keeps its version while any change of behaviour
 * or wording makes a new one.
 */
#include "version.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "buf.h"
#include "fb_config.h"
#include "formbuilder/booking.h"
#include "formbuilder/events.h"
#include "formbuilder/messages.h"
#include "formbuilder/qtype.h"

static void
put_str(struct fb_buf *b, const char *key, const char *s)
{
    fb_buf_puts(b, key);
    fb_buf_putc(b, '=');
    fb_buf_c_string(b, s);
    fb_buf_putc(b, '\n');
}

static void
put_text(struct fb_buf *b, const char *key, const struct fb_i18n *t)
{
    for (int l = 0; l < FB_LANG__COUNT; l++) {
        fb_buf_printf(b, "%s.%d=", key, l);
        fb_buf_c_string(b, t->text[l]);
        fb_buf_putc(b, '\n');
    }
}

static const char *
qid(const struct fb_question_desc *q)
{
    return q ? q->id : NULL;
}

static void
put_date(struct fb_buf *b, const struct fb_date_ref *r)
{
    fb_buf_printf(b, " %d %d %d-%d-%d", r->relative, r->offset_days,
                  r->date.year, r->date.month, r->date.day);
}

static void
put_cond(struct fb_buf *b, const struct fb_cond_desc *c)
{
    if (!c) {
        fb_buf_puts(b, "-");
        return;
    }
    fb_buf_printf(b, "(%d ", (int)c->op);
    switch (c->op) {
    case FB_COND_AND:
    case FB_COND_OR:
        put_cond(b, c->lhs);
        fb_buf_putc(b, ' ');
        put_cond(b, c->rhs);
        break;
    case FB_COND_NOT:
        put_cond(b, c->lhs);
        break;
    default:
        fb_buf_c_string(b, qid(c->question));
        if (c->over) {
            fb_buf_printf(b, " over %d ", (int)c->over);
            fb_buf_c_string(b, c->group);
        }
        fb_buf_printf(b, " %d ", (int)c->value.kind);
        fb_buf_c_string(b, c->value.text);
        fb_buf_printf(b, " %.17g", c->value.number);
        put_date(b, &c->value.date);
        for (size_t i = 0; i < c->n_values; i++) {
            fb_buf_printf(b, " [%d ", (int)c->values[i].kind);
            fb_buf_c_string(b, c->values[i].text);
            fb_buf_printf(b, " %.17g", c->values[i].number);
            put_date(b, &c->values[i].date);
            fb_buf_putc(b, ']');
        }
        break;
    }
    fb_buf_putc(b, ')');
}

static void
put_rule(struct fb_buf *b, const struct fb_rule_desc *r)
{
    fb_buf_printf(b, "rule %s %ld %.17g", fb_rule_name(r->kind), r->count,
                  r->number);
    put_date(b, &r->date);
    fb_buf_putc(b, ' ');
    fb_buf_c_string(b, r->pattern);
    fb_buf_putc(b, ' ');
    fb_buf_c_string(b, qid(r->other));
    fb_buf_putc(b, '\n');
    for (size_t i = 0; i < r->n_areas; i++)
        put_str(b, "rule.area", r->areas[i]);
    put_text(b, "rule.message", &r->message);
}

static void
put_question(struct fb_buf *b, const struct fb_question_desc *q)
{
    const struct fb_qtype_info *info = fb_qtype(q->type);
    char anchor[256];
    put_str(b, "question", q->id);
    put_str(b, "type", fb_qtype_name(q->type));
    put_text(b, "label", &q->label);
    put_text(b, "hint", &q->hint);
    put_text(b, "summary", &q->summary_label);
    put_text(b, "noun", &q->noun);
    put_str(b, "autocomplete", q->autocomplete);
    for (size_t i = 0; i < q->n_options; i++) {
        const struct fb_option_desc *o = &q->options[i];
        put_str(b, "option", o->value);
        put_text(b, "option.label", &o->label);
        put_text(b, "option.hint", &o->hint);
        for (size_t r = 0; r < o->n_reveal; r++)
            put_str(b, "reveal", o->reveal[r]->id);
    }
    fb_buf_printf(b, "parts=%u required=%d max_length=%ld integer=%d\n",
                  q->parts, q->required, q->max_length, q->integer);
    /* Only when set, so forms from before the field keep their version. */
    if (q->display_select)
        fb_buf_puts(b, "display=select\n");
    if (q->file)
        fb_buf_printf(b, "file accept=%u max_size=%lld max_files=%u\n",
                      q->file->accept, q->file->max_size,
                      q->file->max_files);
    if (q->address_lookup)
        put_str(b, "lookup", q->address_lookup);
    if (q->lookup) {
        put_str(b, "lookup.provider", q->lookup->provider);
        put_text(b, "lookup.message", &q->lookup->message);
        for (size_t i = 0; i < q->lookup->n_fill; i++) {
            put_str(b, "lookup.fill", q->lookup->fill[i].field);
            put_str(b, "lookup.fill.question",
                    q->lookup->fill[i].question->id);
        }
    }
    put_text(b, "required.message", &q->required_message);
    for (size_t i = 0; i < q->n_rules; i++)
        put_rule(b, &q->rules[i]);
    /* The messages its reader's outcomes give come from the type. */
    put_str(b, "msg.empty", info ? fb_msg_name(info->empty) : NULL);
    put_str(b, "msg.invalid", info ? fb_msg_name(info->invalid) : NULL);
    put_str(b, "anchor", fb_question_anchor(q, -1, anchor, sizeof anchor));
    fb_buf_puts(b, "when=");
    put_cond(b, q->when);
    fb_buf_putc(b, '\n');
    put_str(b, "revealed_by", qid(q->revealed_by));
    put_str(b, "reveal_value", q->reveal_value);
}

static void
put_block(struct fb_buf *b, const struct fb_block_desc *bl)
{
    fb_buf_printf(b, "block=%d\n", (int)bl->kind);
    /* Only when set, so content without conditions keeps its version. */
    if (bl->when) {
        fb_buf_puts(b, "block.when=");
        put_cond(b, bl->when);
        fb_buf_putc(b, '\n');
    }
    put_text(b, "block.text", &bl->text);
    put_text(b, "block.summary", &bl->summary);
    for (size_t j = 0; j < bl->n_items; j++)
        put_text(b, "block.item", &bl->items[j]);
}

static void
put_page(struct fb_buf *b, const struct fb_page_desc *p)
{
    put_str(b, "page", p->id);
    put_text(b, "title", &p->title);
    fb_buf_printf(b, "exit=%d\nwhen=", p->exit);
    put_cond(b, p->when);
    fb_buf_putc(b, '\n');
    /* Only when set, so a page asked once keeps its version. */
    if (p->repeat) {
        fb_buf_printf(b, "repeat=%zu..%zu\n", p->repeat->min,
                      p->repeat->max);
        put_text(b, "repeat.one", &p->repeat->item_one);
        put_text(b, "repeat.other", &p->repeat->item_other);
        put_text(b, "repeat.summary", &p->repeat->summary);
    }
    for (size_t i = 0; i < p->n_questions; i++)
        put_str(b, "posts", p->questions[i]->id);
    for (size_t i = 0; i < p->n_items; i++) {
        if (p->items[i].question)
            put_str(b, "shows", p->items[i].question->id);
        else
            put_block(b, p->items[i].block);
    }
}

/* The calendar: what the server counts places by and refuses days by. */
static void
put_calendar(struct fb_buf *b, const struct fb_calendar_desc *cal)
{
    put_str(b, "calendar", cal->name);
    fb_buf_printf(b, "days=%u slots=%d lead=%d horizon=%d hold=%d\n",
                  cal->days, cal->slots, cal->lead_days, cal->horizon_days,
                  cal->hold_seconds);
    for (size_t i = 0; i < cal->n_windows; i++) {
        const struct fb_booking_window *w = &cal->windows[i];
        put_str(b, "window", w->id);
        put_text(b, "window.label", &w->label);
        fb_buf_printf(b, "window=%d-%d x%d\n", w->start, w->end,
                      w->capacity);
    }
    for (size_t i = 0; i < cal->n_closed; i++)
        fb_buf_printf(b, "closed=%d-%d-%d\n", cal->closed[i].year,
                      cal->closed[i].month, cal->closed[i].day);
    put_str(b, "holidays", cal->holidays);
    if (cal->limit)
        fb_buf_printf(b, "limit=%s %d %d\n", cal->limit->per->id,
                      cal->limit->count, cal->limit->period_days);
}

static void
serialise(struct fb_buf *b, const struct fb_lowered *lw)
{
    const struct fb_form_desc *d = lw->desc;
    put_str(b, "formc", FB_VERSION);
    fb_buf_printf(b, "format=%d\n", d->format);
    put_str(b, "form", d->slug);
    put_text(b, "title", &d->title);
    put_str(b, "pattern", d->pattern);
    put_text(b, "start", &d->start_body);
    put_text(b, "confirmation.title", &d->confirmation_title);
    put_text(b, "confirmation.body", &d->confirmation_body);
    for (int t = 0; t < FB_TEXT__COUNT; t++)
        if (fb_i18n_present(&d->texts[t]))
            put_text(b, fb_form_text_key((enum fb_form_text)t), &d->texts[t]);
    put_str(b, "reference", d->reference_prefix);
    for (size_t i = 0; i < d->n_forwards; i++) {
        const struct fb_forward_desc *fw = &d->forwards[i];
        fb_buf_printf(b, "forward.kind=%d\n", (int)fw->kind);
        put_str(b, "forward", fw->url);
        put_str(b, "format", fw->format);
        put_str(b, "secret_env", fw->secret_env);
        for (size_t h = 0; h < fw->n_headers; h++) {
            put_str(b, "header", fw->headers[h].name);
            put_str(b, "env", fw->headers[h].env);
        }
        fb_buf_printf(b, "allow_http=%d\n", fw->allow_http);
        /* Only when set, so the versions of forms without it stay. */
        if (fw->files == FB_FILES_MULTIPART)
            fb_buf_puts(b, "files=multipart\n");
        put_str(b, "email", fw->email);
        fb_buf_printf(b, "via=%d\n", (int)fw->via);
        put_str(b, "template", fw->template_id);
        put_str(b, "file", fw->file);
    }
    if (d->confirmation_email) {
        put_str(b, "confirmation_email.to", d->confirmation_email->to);
        fb_buf_printf(b, "via=%d\n", (int)d->confirmation_email->via);
        put_str(b, "template", d->confirmation_email->template_id);
    }
    if (d->save_return) {
        fb_buf_printf(b, "save_return=%d via=%d\n",
                      d->save_return->expires_days, (int)d->save_return->via);
        put_str(b, "template", d->save_return->template_id);
    }
    fb_buf_printf(b, "retention=%d\n", d->retention_days);
    put_str(b, "events_secret_env", d->events_secret_env);
    for (size_t i = 0; i < d->n_event_statuses; i++) {
        put_str(b, "event_status", d->event_statuses[i].id);
        put_text(b, "label", &d->event_statuses[i].label);
    }
    /* Only when set, so forms without them keep their versions. */
    if (d->opens)
        put_str(b, "opens", d->opens);
    if (d->closes)
        put_str(b, "closes", d->closes);
    if (d->closed_message.text[FB_LANG_EN])
        put_text(b, "closed_message", &d->closed_message);
    if (d->max_submissions)
        fb_buf_printf(b, "max_submissions=%lld\n", d->max_submissions);
    if (d->privacy_url)
        put_str(b, "privacy_url", d->privacy_url);
    if (d->privacy.text[FB_LANG_EN])
        put_text(b, "privacy", &d->privacy);
    /* Only when set, so forms without prefill keep their versions. */
    if (d->prefill_sign_env)
        put_str(b, "prefill.sign_env", d->prefill_sign_env);
    /* Only when not English only, so English forms keep their versions. */
    if (d->languages & ~(1u << FB_LANG_EN))
        fb_buf_printf(b, "languages=%u\n", d->languages);
    for (size_t i = 0; i < d->n_questions; i++)
        put_question(b, d->questions[i]);
    for (size_t i = 0; i < d->n_pages; i++)
        put_page(b, &d->pages[i]);
    for (size_t i = 0; i < d->n_confirmation_blocks; i++)
        put_block(b, &d->confirmation_blocks[i]);
    if (d->booking)
        put_calendar(b, d->booking);
    if (d->payment) {
        const struct fb_payment_desc *p = d->payment;
        fb_buf_printf(b, "payment.amount=%lld\n", p->amount);
        put_str(b, "payment.from", p->from);
        for (size_t i = 0; i < p->n_table; i++)
            fb_buf_printf(b, "payment.price=%s=%lld\n", p->table[i].value,
                          p->table[i].pence);
        put_text(b, "payment.description", &p->description);
        put_str(b, "payment.reference_prefix", p->reference_prefix);
    }
}

const char *
fb_form_version(struct fb_compiler *c, const struct fb_lowered *lw)
{
    struct fb_buf b;
    fb_buf_init(&b);
    serialise(&b, lw);
    if (b.failed) {
        /* formc may stop when out of memory, as the arena does. */
        fputs("formc: out of memory\n", stderr);
        abort();
    }
    /* FNV-1a, 64-bit: offset basis and prime from the FNV reference. */
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < b.len; i++) {
        h ^= (unsigned char)b.data[i];
        h *= 0x100000001b3u;
    }
    fb_buf_free(&b);
    return fb_arena_printf(&c->arena, "%016llx", (unsigned long long)h);
}
