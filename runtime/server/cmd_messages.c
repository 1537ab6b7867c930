/* SPDX-License-Identifier: MIT */
/*
 * `formbuilder messages`: the message catalogue as JSON (cmd_messages.h).
 */
#include "cmd_messages.h"

#include <string.h>

#include "buf.h"
#include "formbuilder/messages.h"

int
fb_cmd_messages(int argc, char **argv, FILE *out)
{
    if (argc != 3 || strcmp(argv[1], "--format") != 0
        || strcmp(argv[2], "json") != 0) {
        fputs("formbuilder: usage: formbuilder messages --format json\n",
              stderr);
        return 2;
    }
    struct fb_buf b;
    fb_buf_init(&b);
    fb_buf_puts(&b, "[");
    for (int id = 0; id < FB_MSG__COUNT; id++) {
        fb_buf_puts(&b, id ? ",\n  {\"name\": " : "\n  {\"name\": ");
        fb_buf_json_string(&b, fb_msg_name((enum fb_msg)id));
        for (int l = 0; l < FB_LANG__COUNT; l++) {
            /* A language the entry lacks is null, not its English. */
            fb_buf_printf(&b, ", \"%s\": ", fb_lang_code((enum fb_lang)l));
            if (fb_msg_has((enum fb_msg)id, (enum fb_lang)l))
                fb_buf_json_string(&b, fb_msg_text((enum fb_msg)id,
                                                   (enum fb_lang)l));
            else
                fb_buf_puts(&b, "null");
        }
        fb_buf_puts(&b, "}");
    }
    fb_buf_puts(&b, "\n]\n");
    int rc = b.failed || fwrite(b.data, 1, b.len, out) != b.len
             || fflush(out) != 0 ? 1 : 0;
    if (rc)
        fputs("formbuilder: messages: cannot write the catalogue\n", stderr);
    fb_buf_free(&b);
    return rc;
}
