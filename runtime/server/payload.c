/* SPDX-License-Identifier: MIT */
/*
 * Payloads of stored submissions. The stored answers JSON already has the
 * shape of the payload schema's `answers` (json.c writes it so), so the
 * JSON payload wraps it; the XML payload walks the form's questions in
 * order, as the XSD's sequence does, over the answers read back flat.
 */
#include "payload.h"

#include <string.h>

#include <libxml/xmlwriter.h>

#include "formbuilder/messages.h"
#include "formbuilder/qtype.h"
#include "json.h"

int
fb_payload_json(struct fb_buf *out, const struct fb_payload_input *in)
{
    const struct fb_submission_row *r = in->row;
    fb_buf_puts(out, "{\"form\": ");
    fb_buf_json_string(out, r->form);
    fb_buf_puts(out, ", \"version\": ");
    fb_buf_json_string(out, r->form_version);
    fb_buf_puts(out, ", \"reference\": ");
    fb_buf_json_string(out, r->reference);
    fb_buf_puts(out, ", \"submitted_at\": ");
    fb_buf_json_string(out, r->submitted_at);
    fb_buf_puts(out, ", \"language\": ");
    fb_buf_json_string(out, in->language);
    fb_buf_puts(out, ", \"event\": ");
    fb_buf_json_string(out, in->event);
    fb_buf_puts(out, ", \"answers\": ");
    fb_buf_puts(out, r->answers_json);
    fb_buf_putc(out, '}');
    return out->failed ? -1 : 0;
}

/* The stored name of part @p i of @p q: "ID.SUFFIX". */
static void
part_name(const struct fb_question_desc *q, const struct fb_part_info *p,
          char *buf, size_t cap)
{
    snprintf(buf, cap, "%s.%s", q->id, p->suffix);
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
        return whole ? element(w, q->id, whole) : 0;
    char name[256];
    bool any = false;
    for (size_t i = 0; i < t->n_parts && !any; i++) {
        part_name(q, &t->parts[i], name, sizeof name);
        any = fb_answers_get(a, name) != NULL;
    }
    if (!any)
        return 0;
    if (xmlTextWriterStartElement(w, BAD_CAST q->id) < 0)
        return -1;
    for (size_t i = 0; i < t->n_parts; i++) {
        part_name(q, &t->parts[i], name, sizeof name);
        const char *v = fb_answers_get(a, name);
        if (v && element(w, t->parts[i].suffix, v) != 0)
            return -1;
    }
    return xmlTextWriterEndElement(w) < 0 ? -1 : 0;
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
        || xmlTextWriterStartElement(w, BAD_CAST "answers") < 0)
        return -1;
    for (size_t i = 0; i < in->form->n_questions; i++)
        if (write_answer(w, in->form->questions[i], a) != 0)
            return -1;
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
    char name[256];
    for (size_t i = 0; i < in->form->n_questions; i++) {
        const struct fb_question_desc *q = in->form->questions[i];
        const struct fb_qtype_info *t = fb_qtype(q->type);
        struct fb_buf v;
        fb_buf_init(&v);
        size_t n = fb_answers_count(a, q->id);
        for (size_t k = 0; k < n; k++) {
            fb_buf_puts(&v, k ? ", " : "");
            fb_buf_puts(&v, fb_answers_get_nth(a, q->id, k));
        }
        for (size_t p = 0; !n && p < t->n_parts; p++) {
            part_name(q, &t->parts[p], name, sizeof name);
            const char *s = fb_answers_get(a, name);
            if (s && *s) {
                fb_buf_puts(&v, v.len ? ", " : "");
                fb_buf_puts(&v, s);
            }
        }
        if (v.len)
            fb_buf_printf(out, "\n%s\n%s\n",
                          fb_i18n_get(&q->label, lang), v.data);
        if (v.failed)
            out->failed = true;
        fb_buf_free(&v);
    }
    fb_answers_free(a);
    return out->failed ? -1 : 0;
}
