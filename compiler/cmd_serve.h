/* SPDX-License-Identifier: MIT */
/*
 * `formc serve`: live preview of forms through the real server.
 */
#pragma once

/** Runs `formc serve`; @p argv[0] is "serve". @returns the exit status:
 *  0 after Ctrl-C, 2 for a usage error or when the server cannot run. */
int
fb_cmd_serve(int argc, char **argv);
