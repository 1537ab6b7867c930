/* SPDX-License-Identifier: MIT */
/*
 * The project stylesheet, runtime/assets/formbuilder.css, built into the
 * library by tools/embed.c so the server can serve it with no files.
 */
#include "formbuilder/render.h"

#include "render-priv.h"

/* Hands out the embedded stylesheet; see render.h. */
const char *
fb_stylesheet(size_t *out_len)
{
    if (out_len)
        *out_len = fb_render_css_len;
    return fb_render_css;
}
