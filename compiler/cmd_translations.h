/* SPDX-License-Identifier: MIT */
/*
 * `formc translations`: a form's translatable texts out to a PO or CSV
 * file for translators, and their Welsh back into the form's sidecar
 * (sidecar.h). docs/welsh.md, "Translations workflow".
 */
#pragma once

/** Runs `formc translations`; @p argv[0] is "translations". @returns the
 *  exit status: 0, 1 for form or translation-file errors, 2 usage or
 *  I/O. */
int
fb_cmd_translations(int argc, char **argv);
