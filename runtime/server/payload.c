/* SPDX-License-Identifier: MIT */
/*
 * Payloads of stored submissions, both built from the answers read back
 * flat and walked in the form's question order, as the schemas formc
 * emits (emit_schema.c) describe them. Each answer is carried as the
 * question-type table says (fb_question_json_type()): JSON numbers,
 * integer pence, booleans, arrays for checkboxes and objects for answers
 * in parts; XML carries the same values as text. A booking's place is
 * added as its own object.
 */
#include "payload.h"

#include "formbuilder/filetype.h"
#include "file_link.h"

#include <stdio.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "assist.h"
#include "formbuilder/booking.h"
#include "formbuilder/messages.h"
#include "formbuilder/qtype.h"
#include "formbuilder/repeat.h"
#include "json.h"
#include "lookup_page.h"

/* A repeating page's answers are carried as one array of objects, one
 * per item, where the page's first question would be (repeat.h). */
static bool
json_group(struct fb_buf *b, const struct fb_page_desc *p,
           const struct fb_answers *a, const char *sep);
static int
write_group(xmlTextWriterPtr w, const struct fb_page_desc *p,
            const struct fb_answers *a);

/* @p p's status as payloads name it (a held place is never sent). */
static const char *
booking_status(const struct fb_place *p)
{
    return fb_payload_booking_states[p->state == FB_PLACE_CANCELLED];
}

/* The stored name of part @p p of @p q: "ID.SUFFIX". */
static void
part_name(const struct fb_question_desc *q, const struct fb_part_info *p,
          char *buf, size_t cap)
{
    snprintf(buf, cap, "%s.%s", q->id, p->suffix);
}

/* Is @p s a number JSON can carry bare? The readers store canonical
 * decimals (-?DIGITS(.DIGITS)?, no leading zeros), which are. */
static bool
json_number_text(const char *s)
{
    const char *p = s + (*s == '-');
    if (*p < '0' || *p > '9' || (p[0] == '0' && p[1] >= '0' && p[1] <= '9'))
        return false;
    while (*p >= '0' && *p <= '9')
        p++;
    if (*p == '.') {
        if (p[1] < '0' || p[1] > '9')
            return false;
        for (p++; *p >= '0' && *p <= '9'; p++)
            ;
    }
    return *p == '\0';
}

/* The text of one stored value of @p q as a payload carries it: a
 * boolean's "true" or "false", anything else as stored. */
static const char *
value_text(const struct fb_question_desc *q, const char *v)
{
    if (fb_question_json_type(q) == FB_JSON_BOOLEAN)
        return fb_stored_boolean(v) ? "true" : "false";
    return v;
}

/* One scalar of @p q in JSON: bare when the type table makes it a number
 * or boolean (and the stored text is one), else a string. */
static void
json_scalar(struct fb_buf *b, const struct fb_question_desc *q,
            const char *v)
{
    enum fb_json_type t = fb_question_json_type(q);
    if (t == FB_JSON_BOOLEAN
        || ((t == FB_JSON_NUMBER || t == FB_JSON_INTEGER)
            && json_number_text(v)))
        fb_buf_puts(b, value_text(q, v));
    else
        fb_buf_json_string(b, v);
}

/* The UPRN an address found by a lookup stored in @p a, or NULL. */
static const char *
uprn_of(const struct fb_question_desc *q, const struct fb_answers *a)
{
    char name[256];
    if (!q->address_lookup
        || snprintf(name, sizeof name, "%s." FB_UPRN_SUFFIX, q->id)
               >= (int)sizeof name)
        return NULL;
    return fb_answers_get(a, name);
}

/* Does @p q have any stored part in @p a? */
static bool
any_part(const struct fb_question_desc *q, const struct fb_qtype_info *t,
         const struct fb_answers *a)
{
    char name[256];
    for (size_t i = 0; i < t->n_parts; i++) {
        part_name(q, &t->parts[i], name, sizeof name);
        if (fb_answers_get(a, name))
            return true;
    }
    return false;
}

/* One uploaded file of a file answer (reference @p v, filetype.h): its
 * name, type by content, size and SHA-256, by which staff fetch it
 * (`formbuilder file get`); the bytes travel apart (docs/delivery.md). */
static void
json_file(struct fb_buf *b, const char *v)
{
    struct fb_file_ref ref;
    if (!fb_file_ref_parse(v, strlen(v), &ref)) {
        fb_buf_json_string(b, v);
        return;
    }
    fb_buf_puts(b, "{\"name\":");
    fb_buf_json_string(b, ref.name);
    fb_buf_puts(b, ",\"type\":");
    fb_buf_json_string(b, fb_file_kind(ref.kind)->mime);
    fb_buf_printf(b, ",\"size\":%lld,\"sha256\":\"%s\"}", ref.size,
                  ref.hash);
}

int
fb_payload_lookups_json(struct fb_buf *b, const struct fb_form_desc *f,
                        const char *answers_json)
{
    if (!strstr(answers_json, FB_LOOKUP_MARK))
        return 0;
    struct fb_answers *a = fb_answers_new();
    if (!a || fb_json_flatten(answers_json, a) != 0) {
        fb_answers_free(a);
        return -1;
    }
    bool any = false;
    for (size_t i = 0; i < f->n_questions; i++) {
        const char *m = fb_lookup_mark(f->questions[i], a);
        if (!m)
            continue;
        fb_buf_puts(b, any ? ", " : ", \"lookups\": {");
        fb_buf_json_string(b, f->questions[i]->id);
        fb_buf_puts(b, ": ");
        fb_buf_json_string(b, m);
        any = true;
    }
    if (any)
        fb_buf_putc(b, '}');
    fb_answers_free(a);
    return 0;
}

/* Writes @p q's answer from @p a as '"ID": VALUE' after @p sep; nothing
 * when it has none. @returns whether it wrote. */
static bool
json_answer(struct fb_buf *b, const struct fb_question_desc *q,
            const struct fb_answers *a, const char *sep)
{
    const struct fb_qtype_info *t = fb_qtype(q->type);
    enum fb_json_type jt = fb_question_json_type(q);
    size_t n = fb_answers_count(a, q->id);
    if (jt == FB_JSON_OBJECT ? !any_part(q, t, a) : n == 0)
        return false;
    fb_buf_puts(b, sep);
    fb_buf_json_string(b, q->id);
    fb_buf_putc(b, ':');
    if (jt == FB_JSON_ARRAY) {
        bool files = fb_question_stored(q) == FB_STORED_FILES;
        fb_buf_putc(b, '[');
        for (size_t i = 0; i < n; i++) {
            fb_buf_puts(b, i ? "," : "");
            if (files)
                json_file(b, fb_answers_get_nth(a, q->id, i));
            else
                fb_buf_json_string(b, fb_answers_get_nth(a, q->id, i));
        }
        fb_buf_putc(b, ']');
    } else if (jt == FB_JSON_OBJECT) {
        char name[256];
        const char *psep = "";
        fb_buf_putc(b, '{');
        for (size_t i = 0; i < t->n_parts; i++) {
            part_name(q, &t->parts[i], name, sizeof name);
            const char *v = fb_answers_get(a, name);
            if (!v)
                continue;
            fb_buf_puts(b, psep);
            fb_buf_json_string(b, t->parts[i].suffix);
            fb_buf_putc(b, ':');
            fb_buf_json_string(b, v);
            psep = ",";
        }
        const char *uprn = uprn_of(q, a);
        if (uprn) {
            fb_buf_puts(b, ",\"" FB_UPRN_SUFFIX "\":");
            fb_buf_json_string(b, uprn);
        }
        fb_buf_putc(b, '}');
    } else {
        json_scalar(b, q, fb_answers_get(a, q->id));
    }
    return true;
}

int
fb_payload_answers_json(struct fb_buf *out, const struct fb_form_desc *form,
                        const char *answers_json)
{
    struct fb_answers *a = fb_answers_new();
    if (!a || fb_json_flatten(answers_json, a) != 0) {
        fb_answers_free(a);
        return -1;
    }
    const char *sep = "";
    fb_buf_putc(out, '{');
    /* Compact, as the store writes answers (json.c). */
    for (size_t i = 0; i < form->n_questions; i++) {
        const struct fb_question_desc *q = form->questions[i];
        const struct fb_page_desc *g = fb_repeat_page_of(form, q);
        if (g ? g->questions[0] == q && json_group(out, g, a, sep)
              : json_answer(out, q, a, sep))
            sep = ",";
    }
    fb_buf_putc(out, '}');
    fb_answers_free(a);
    return out->failed ? -1 : 0;
}

/* The times of @p p's window, "HH:MM", from @p cal; "" when the calendar
 * no longer has the window. */
static void
window_times(const struct fb_calendar_desc *cal, const struct fb_place *p,
             char start[FB_TIME_HHMM_SIZE], char end[FB_TIME_HHMM_SIZE])
{
    const struct fb_booking_window *w =
        cal ? fb_calendar_window(cal, p->window) : NULL;
    start[0] = end[0] = '\0';
    if (w) {
        fb_time_hhmm(w->start, start);
        fb_time_hhmm(w->end, end);
    }
}

/* Appends @p lead (the separator and the key, '"date": ') and the JSON
 * string @p v. */
static void
member(struct fb_buf *b, const char *lead, const char *v)
{
    fb_buf_puts(b, lead);
    fb_buf_json_string(b, v);
}

static void
json_booking(struct fb_buf *b, const struct fb_payload_input *in)
{
    const struct fb_place *p = in->booking;
    char start[FB_TIME_HHMM_SIZE], end[FB_TIME_HHMM_SIZE];
    window_times(in->form->booking, p, start, end);
    member(b, ", \"booking\": {\"calendar\": ", p->calendar);
    member(b, ", \"date\": ", p->day);
    member(b, ", \"window\": ", p->window);
    if (start[0]) {
        member(b, ", \"start\": ", start);
        member(b, ", \"end\": ", end);
    }
    member(b, ", \"status\": ", booking_status(p));
    fb_buf_putc(b, '}');
}

/* The refund's word for the payload: "none" until one is asked for. */
static const char *
refund_state(const struct fb_payment *p)
{
    return p->refund_status[0] ? p->refund_status : "none";
}

static void
json_payment(struct fb_buf *b, const struct fb_payment *p)
{
    fb_buf_printf(b, ", \"payment\": {\"amount\": %lld", p->amount);
    member(b, ", \"payment_id\": ", p->provider_id);
    member(b, ", \"refund\": ", refund_state(p));
    fb_buf_printf(b, ", \"refunded\": %lld}", p->refunded);
}

int
fb_payload_json(struct fb_buf *out, const struct fb_payload_input *in)
{
    const struct fb_submission_row *r = in->row;
    member(out, "{\"form\": ", r->form);
    member(out, ", \"version\": ", r->form_version);
    member(out, ", \"reference\": ", r->reference);
    member(out, ", \"submitted_at\": ", r->submitted_at);
    member(out, ", \"language\": ", in->language);
    member(out, ", \"event\": ", in->event);
    if (in->booking)
        json_booking(out, in);
    if (in->payment)
        json_payment(out, in->payment);
    fb_assist_json(out, r->answers_json);
    if (fb_payload_lookups_json(out, in->form, r->answers_json) != 0)
        return -1;
    fb_buf_puts(out, ", \"answers\": ");
    if (fb_payload_answers_json(out, in->form, r->answers_json) != 0)
        return -1;
    fb_buf_putc(out, '}');
    return out->failed ? -1 : 0;
}

static int
element(xmlTextWriterPtr w, const char *name, const char *text)
{
    return xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST text) < 0
               ? -1 : 0;
}

/* Writes @p q's answer from @p a, if it has one. */
static int
write_answer(xmlTextWriterPtr w, const struct fb_question_desc *q,
             const struct fb_answers *a)
{
    const struct fb_qtype_info *t = fb_qtype(q->type);
    if (t->is_list) {
        size_t n = fb_answers_count(a, q->id);
        if (!n)
            return 0;
        if (xmlTextWriterStartElement(w, BAD_CAST q->id) < 0)
            return -1;
        for (size_t i = 0; i < n; i++)
            if (element(w, "value", fb_answers_get_nth(a, q->id, i)) != 0)
                return -1;
        return xmlTextWriterEndElement(w) < 0 ? -1 : 0;
    }
    const char *whole = fb_answers_get(a, q->id);
    if (whole || !t->n_parts)
        return whole ? element(w, q->id, value_text(q, whole)) : 0;
    if (!any_part(q, t, a))
        return 0;
    char name[256];
    if (xmlTextWriterStartElement(w, BAD_CAST q->id) < 0)
        return -1;
    for (size_t i = 0; i < t->n_parts; i++) {
        part_name(q, &t->parts[i], name, sizeof name);
        const char *v = fb_answers_get(a, name);
        if (v && element(w, t->parts[i].suffix, v) != 0)
            return -1;
    }
    const char *uprn = uprn_of(q, a);
    if (uprn && element(w, FB_UPRN_SUFFIX, uprn) != 0)
        return -1;
    return xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

/* The booking's place, as json_booking() writes it. */
static int
write_booking(xmlTextWriterPtr w, const struct fb_payload_input *in)
{
    const struct fb_place *p = in->booking;
    char start[FB_TIME_HHMM_SIZE], end[FB_TIME_HHMM_SIZE];
    window_times(in->form->booking, p, start, end);
    if (xmlTextWriterStartElement(w, BAD_CAST "booking") < 0
        || element(w, "calendar", p->calendar) != 0
        || element(w, "date", p->day) != 0
        || element(w, "window", p->window) != 0
        || (start[0] && (element(w, "start", start) != 0
                         || element(w, "end", end) != 0))
        || element(w, "status", booking_status(p)) != 0)
        return -1;
    return xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

/* The payment, as json_payment() writes it. */
static int
write_payment(xmlTextWriterPtr w, const struct fb_payment *p)
{
    char amount[24], refunded[24];
    snprintf(amount, sizeof amount, "%lld", p->amount);
    snprintf(refunded, sizeof refunded, "%lld", p->refunded);
    if (xmlTextWriterStartElement(w, BAD_CAST "payment") < 0
        || element(w, "amount", amount) != 0
        || element(w, "payment_id", p->provider_id) != 0
        || element(w, "refund", refund_state(p)) != 0
        || element(w, "refunded", refunded) != 0)
        return -1;
    return xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

/* Who filled the form in for the resident, as fb_assist_json() writes
 * it; nothing for the resident's own. */
static int
write_assisted(xmlTextWriterPtr w, const char *answers_json)
{
    struct fb_assisted as;
    if (!fb_assist_read(answers_json, &as))
        return 0;
    if (xmlTextWriterStartElement(w, BAD_CAST "assisted") < 0
        || element(w, "channel", as.channel) != 0
        || element(w, "staff_name", as.staff_name) != 0)
        return -1;
    return xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

/* <lookups><ID>MARK</ID>...</lookups>, as fb_payload_lookups_json() writes it. */
static int
write_lookups(xmlTextWriterPtr w, const struct fb_form_desc *f,
              const struct fb_answers *a)
{
    bool open = false;
    for (size_t i = 0; i < f->n_questions; i++) {
        const char *m = fb_lookup_mark(f->questions[i], a);
        if (!m)
            continue;
        if (!open && xmlTextWriterStartElement(w, BAD_CAST "lookups") < 0)
            return -1;
        open = true;
        if (element(w, f->questions[i]->id, m) != 0)
            return -1;
    }
    return open && xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

static int
write_submission(xmlTextWriterPtr w, const struct fb_payload_input *in,
                 const struct fb_answers *a)
{
    const struct fb_submission_row *r = in->row;
    if (xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0
        || xmlTextWriterStartElement(w, BAD_CAST "submission") < 0
        || element(w, "form", r->form) != 0
        || element(w, "version", r->form_version) != 0
        || element(w, "reference", r->reference) != 0
        || element(w, "submitted_at", r->submitted_at) != 0
        || element(w, "language", in->language) != 0
        || element(w, "event", in->event) != 0
        || (in->booking && write_booking(w, in) != 0)
        || (in->payment && write_payment(w, in->payment) != 0)
        || write_assisted(w, r->answers_json) != 0
        || write_lookups(w, in->form, a) != 0
        || xmlTextWriterStartElement(w, BAD_CAST "answers") < 0)
        return -1;
    for (size_t i = 0; i < in->form->n_questions; i++) {
        const struct fb_question_desc *q = in->form->questions[i];
        const struct fb_page_desc *g = fb_repeat_page_of(in->form, q);
        if (g ? g->questions[0] == q && write_group(w, g, a) != 0
              : write_answer(w, q, a) != 0)
            return -1;
    }
    if (xmlTextWriterEndElement(w) < 0 || xmlTextWriterEndElement(w) < 0
        || xmlTextWriterEndDocument(w) < 0)
        return -1;
    return 0;
}

int
fb_payload_xml(struct fb_buf *out, const struct fb_payload_input *in)
{
    struct fb_answers *a = fb_answers_new();
    if (!a || fb_json_flatten(in->row->answers_json, a) != 0) {
        fb_answers_free(a);
        return -1;
    }
    xmlBufferPtr xb = xmlBufferCreate();
    xmlTextWriterPtr w = xb ? xmlNewTextWriterMemory(xb, 0) : NULL;
    int rc = w ? write_submission(w, in, a) : -1;
    xmlFreeTextWriter(w);   /* flushes into xb */
    if (rc == 0 && xb)
        fb_buf_putn(out, (const char *)xmlBufferContent(xb),
                    (size_t)xmlBufferLength(xb));
    xmlBufferFree(xb);
    fb_answers_free(a);
    return rc == 0 && !out->failed ? 0 : -1;
}

/* @p q's answer in @p a as the email's text: values joined by ", ", a
 * file by its name and the signed link to it when @p in has links, else
 * the hash staff fetch it by. */
static void
text_value(struct fb_buf *v, const struct fb_question_desc *q,
           const struct fb_answers *a, const struct fb_payload_input *in)
{
    const struct fb_qtype_info *t = fb_qtype(q->type);
    char name[256];
    size_t n = fb_answers_count(a, q->id);
    bool files = fb_question_stored(q) == FB_STORED_FILES;
    for (size_t k = 0; k < n; k++) {
        const char *s = fb_answers_get_nth(a, q->id, k);
        struct fb_file_ref ref;
        fb_buf_puts(v, k ? ", " : "");
        if (files && fb_file_ref_parse(s, strlen(s), &ref)) {
            fb_buf_printf(v, "%s (", ref.name);
            if (!in->file_links
                || fb_file_link_write(v, in->file_links, in->form->slug,
                                      in->row->reference, ref.hash) != 0)
                fb_buf_printf(v, "sha256 %s", ref.hash);
            fb_buf_putc(v, ')');
        } else
            fb_buf_puts(v, s);
    }
    for (size_t p = 0; !n && p < t->n_parts; p++) {
        part_name(q, &t->parts[p], name, sizeof name);
        const char *s = fb_answers_get(a, name);
        if (s && *s) {
            fb_buf_puts(v, v->len ? ", " : "");
            fb_buf_puts(v, s);
        }
    }
}

/* A repeating page in the email: "Person 1", then its answers. */
static int
text_group(struct fb_buf *out, const struct fb_page_desc *p,
           const struct fb_answers *a, enum fb_lang lang,
           const struct fb_payload_input *in)
{
    size_t n = fb_repeat_count(p, a);
    struct fb_answers *item = fb_answers_new();
    if (!item)
        return -1;
    for (size_t i = 0; i < n; i++) {
        char heading[256];
        struct fb_msg_args args = {.noun = &p->repeat->item_one,
                                   .count = (long)i + 1};
        fb_answers_clear(item);
        if (fb_repeat_item(p, a, i, item) != 0) {
            fb_answers_free(item);
            return -1;
        }
        fb_buf_printf(out, "\n%s\n", fb_msg_format(heading, sizeof heading,
                                                   FB_MSG_REPEAT_ITEM, &args,
                                                   lang));
        for (size_t k = 0; k < p->n_questions; k++) {
            struct fb_buf v;
            fb_buf_init(&v);
            text_value(&v, p->questions[k], item, in);
            if (v.len)
                fb_buf_printf(out, "%s: %s\n",
                              fb_i18n_get(&p->questions[k]->label, lang),
                              v.data);
            if (v.failed)
                out->failed = true;
            fb_buf_free(&v);
        }
    }
    fb_answers_free(item);
    return 0;
}

int
fb_payload_text(struct fb_buf *out, const struct fb_payload_input *in,
                bool with_answers)
{
    const struct fb_submission_row *r = in->row;
    int code = fb_lang_lookup(in->language);
    enum fb_lang lang = code < 0 ? FB_LANG_EN : (enum fb_lang)code;
    const char *title = fb_i18n_get(&in->form->title, lang);
    fb_buf_printf(out, "%s\n\n%s: %s\n", title,
                  fb_msg_text(FB_MSG_EMAIL_REFERENCE_KEY, lang),
                  r->reference);
    if (!with_answers)
        return out->failed ? -1 : 0;
    struct fb_answers *a = fb_answers_new();
    if (!a || fb_json_flatten(r->answers_json, a) != 0) {
        fb_answers_free(a);
        return -1;
    }
    fb_buf_printf(out, "%s: %s\n",
                  fb_msg_text(FB_MSG_EMAIL_SUBMITTED_KEY, lang),
                  r->submitted_at);
    for (size_t i = 0; i < in->form->n_questions; i++) {
        const struct fb_question_desc *q = in->form->questions[i];
        const struct fb_page_desc *g = fb_repeat_page_of(in->form, q);
        if (g) {
            if (g->questions[0] == q
                && text_group(out, g, a, lang, in) != 0)
                out->failed = true;
            continue;
        }
        struct fb_buf v;
        fb_buf_init(&v);
        text_value(&v, q, a, in);
        if (v.len)
            fb_buf_printf(out, "\n%s\n%s\n",
                          fb_i18n_get(&q->label, lang), v.data);
        const char *mark = v.len ? fb_lookup_mark(q, a) : NULL;
        if (mark && strcmp(mark, "unverified") == 0)
            fb_buf_printf(out, "%s\n",
                          fb_msg_text(FB_MSG_EMAIL_LOOKUP_UNVERIFIED, lang));
        if (v.failed)
            out->failed = true;
        fb_buf_free(&v);
    }
    fb_answers_free(a);
    return out->failed ? -1 : 0;
}

/* ---- repeating pages ---- */

static bool
json_group(struct fb_buf *b, const struct fb_page_desc *p,
           const struct fb_answers *a, const char *sep)
{
    size_t n = fb_repeat_count(p, a);
    if (n == 0)
        return false;
    struct fb_answers *item = fb_answers_new();
    if (!item) {
        b->failed = true;
        return false;
    }
    fb_buf_puts(b, sep);
    fb_buf_json_string(b, p->id);
    fb_buf_puts(b, ":[");
    for (size_t i = 0; i < n; i++) {
        fb_answers_clear(item);
        if (fb_repeat_item(p, a, i, item) != 0)
            b->failed = true;
        fb_buf_puts(b, i ? ",{" : "{");
        const char *isep = "";
        for (size_t k = 0; k < p->n_questions; k++)
            if (json_answer(b, p->questions[k], item, isep))
                isep = ",";
        fb_buf_putc(b, '}');
    }
    fb_buf_putc(b, ']');
    fb_answers_free(item);
    return true;
}

/* <PAGE><item>answers</item>...</PAGE>, as the XSD describes it. */
static int
write_group(xmlTextWriterPtr w, const struct fb_page_desc *p,
            const struct fb_answers *a)
{
    size_t n = fb_repeat_count(p, a);
    if (n == 0)
        return 0;
    struct fb_answers *item = fb_answers_new();
    int rc = -1;
    if (!item || xmlTextWriterStartElement(w, BAD_CAST p->id) < 0)
        goto done;
    for (size_t i = 0; i < n; i++) {
        fb_answers_clear(item);
        if (fb_repeat_item(p, a, i, item) != 0
            || xmlTextWriterStartElement(w, BAD_CAST "item") < 0)
            goto done;
        for (size_t k = 0; k < p->n_questions; k++)
            if (write_answer(w, p->questions[k], item) != 0)
                goto done;
        if (xmlTextWriterEndElement(w) < 0)
            goto done;
    }
    rc = xmlTextWriterEndElement(w) < 0 ? -1 : 0;
done:
    fb_answers_free(item);
    return rc;
}
