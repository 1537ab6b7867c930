/* SPDX-License-Identifier: MIT */
/*
 * Front end driver: runs the passes in order (load, expand, model, check,
 * lint) and stops early only when a
 * pass leaves nothing for the next one to work on.
 */
#include "frontend.h"

#include "check.h"
#include "expand.h"
#include "lint.h"
#include "load.h"
#include "sidecar.h"

static struct fb_form *
passes(struct fb_compiler *c, struct fb_node *root)
{
    if (!root)
        return NULL;
    root = fb_expand_form(c, root);
    if (!root)
        return NULL;
    struct fb_form *form = fb_model_build(c, root);
    if (!form)
        return NULL;
    fb_sidecar_apply(c, form);
    fb_check_form(c, form);
    fb_lint_form(c, form);
    return form;
}

struct fb_form *
fb_front_end(struct fb_compiler *c, const char *path)
{
    return passes(c, fb_load_file(c, path));
}

struct fb_form *
fb_front_end_string(struct fb_compiler *c, const char *name,
                    const char *text, size_t len)
{
    return passes(c, fb_load_string(c, name, text, len));
}
