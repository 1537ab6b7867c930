/* SPDX-License-Identifier: MIT */
/*
 * What an assisted journey carries beyond its answers (assist.h): the
 * banner's facts for each page, and the channel and staff name kept with
 * the submission's answers and written in its payloads and export.
 */
#include "assist.h"

#include <stdio.h>
#include <string.h>

#include "formbuilder/answers.h"
#include "json.h"

const struct fb_progress *
fb_assist_progress(const struct fb_session *s, const struct fb_form_desc *f)
{
    for (size_t i = 0; s && i < s->n_forms; i++)
        if (strcmp(s->forms[i]->slug, f->slug) == 0)
            return s->forms[i]->assist_channel[0] ? s->forms[i] : NULL;
    return NULL;
}

void
fb_assist_ctx(struct fb_render_ctx *ctx, const struct fb_session *s,
              const struct fb_form_desc *f)
{
    const struct fb_progress *p = fb_assist_progress(s, f);
    ctx->assist_channel = p ? p->assist_channel : NULL;
    ctx->assisted_by = p ? p->assist_staff : NULL;
}

void
fb_assist_stamp(struct fb_buf *json, const struct fb_progress *prog)
{
    if (!prog || !prog->assist_channel[0] || json->failed || json->len < 2
        || json->data[0] != '{')
        return;
    struct fb_buf b;
    fb_buf_init(&b);
    fb_buf_puts(&b, "{\"" FB_ASSIST_STORED_KEY "\": {\"channel\": ");
    fb_buf_json_string(&b, prog->assist_channel);
    fb_buf_puts(&b, ", \"staff_name\": ");
    fb_buf_json_string(&b, prog->assist_staff ? prog->assist_staff : "");
    fb_buf_putc(&b, '}');
    /* The answers after their '{': none ("}") or more members. */
    const char *rest = json->data + 1;
    while (*rest == ' ' || *rest == '\n')
        rest++;
    if (*rest != '}')
        fb_buf_puts(&b, ", ");
    fb_buf_puts(&b, rest);
    fb_buf_free(json);
    *json = b;
}

bool
fb_assist_read(const char *answers_json, struct fb_assisted *out)
{
    memset(out, 0, sizeof *out);
    if (!answers_json || !strstr(answers_json, FB_ASSIST_STORED_KEY))
        return false;
    struct fb_answers *a = fb_answers_new();
    bool ok = a && fb_json_flatten(answers_json, a) == 0;
    const char *channel =
        ok ? fb_answers_get(a, FB_ASSIST_STORED_KEY ".channel") : NULL;
    const char *name =
        ok ? fb_answers_get(a, FB_ASSIST_STORED_KEY ".staff_name") : NULL;
    if (channel) {
        snprintf(out->channel, sizeof out->channel, "%s", channel);
        snprintf(out->staff_name, sizeof out->staff_name, "%s",
                 name ? name : "");
    }
    fb_answers_free(a);
    return channel != NULL;
}

void
fb_assist_json(struct fb_buf *out, const char *answers_json)
{
    struct fb_assisted as;
    if (!fb_assist_read(answers_json, &as))
        return;
    fb_buf_puts(out, ", \"assisted\": {\"channel\": ");
    fb_buf_json_string(out, as.channel);
    fb_buf_puts(out, ", \"staff_name\": ");
    fb_buf_json_string(out, as.staff_name);
    fb_buf_putc(out, '}');
}
