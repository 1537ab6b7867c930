#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
#
# Spec test: runs the examples of docs/form-language.md through formc, so
# the language reference cannot drift from the compiler (as cmark runs
# test/spec.txt). Every ```yaml block whose first line is `# spec: ok` must
# check clean; `# spec: error ID` must fail with diagnostic ID.
#
# usage: run-spec.py FORMC [REFERENCE.md]
# Exit 0 when every example behaves as documented, 1 otherwise, 2 on usage
# errors. Python, not node, because meson already needs it.

import json
import os
import re
import subprocess
import sys
import tempfile

TIMEOUT = 30  # seconds per example; the alias and nesting limits keep
              # formc far below this


def extract(text):
    """Returns [(line, kind, id, yaml)] for the spec blocks of @text;
    line is the 1-based line of the `# spec:` comment. Raises ValueError on
    a malformed spec line."""
    examples = []
    lines = text.split('\n')
    i = 0
    while i < len(lines):
        if lines[i].strip() != '```yaml':
            i += 1
            continue
        start = i + 1
        end = start
        while end < len(lines) and lines[end].strip() != '```':
            end += 1
        if end == len(lines):
            raise ValueError(f'line {i + 1}: ```yaml block is not closed')
        block = lines[start:end]
        if block and block[0].startswith('# spec:'):
            m = re.fullmatch(r'# spec: (ok|error ([a-z][a-z0-9-]*))\s*',
                             block[0])
            if not m:
                raise ValueError(f'line {start + 1}: expected "# spec: ok" '
                                 f'or "# spec: error <id>", got '
                                 f'"{block[0]}"')
            kind = 'ok' if m.group(1) == 'ok' else 'error'
            examples.append((start + 1, kind, m.group(2),
                             '\n'.join(block) + '\n'))
        i = end + 1
    return examples


def run_one(formc, path):
    """Runs formc check on @path. Returns (exit code, diagnostics list,
    problem text or None)."""
    try:
        proc = subprocess.run([formc, 'check', '--diagnostics=json', path],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, [], f'formc did not finish within {TIMEOUT}s'
    try:
        doc = json.loads(proc.stdout.decode('utf-8'))
        diags = doc['diagnostics']
    except (ValueError, KeyError, TypeError) as err:
        return proc.returncode, [], (
            f'formc printed no diagnostics JSON ({err}); exit '
            f'{proc.returncode}; stderr: '
            f'{proc.stderr.decode("utf-8", "replace").strip()[:300]}')
    return proc.returncode, diags, None


def describe(diags):
    return '; '.join(f'{d.get("line")}:{d.get("column")}: '
                     f'{d.get("severity")} [{d.get("id")}] '
                     f'{d.get("message")}' for d in diags[:5]) or 'none'


def main(argv):
    if len(argv) not in (2, 3):
        print('usage: run-spec.py FORMC [REFERENCE.md]', file=sys.stderr)
        return 2
    formc = argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    ref = os.path.relpath(argv[2] if len(argv) == 3 else os.path.join(
        here, '..', '..', 'docs', 'form-language.md'))
    try:
        with open(ref, encoding='utf-8') as f:
            text = f.read()
        examples = extract(text)
    except (OSError, ValueError) as err:
        print(f'run-spec: {ref}: {err}', file=sys.stderr)
        return 2 if isinstance(err, OSError) else 1
    if not examples:
        print(f'run-spec: {ref}: no "# spec:" examples found')
        return 1

    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix='fb-spec-') as tmp:
        # Examples naming a service pattern find the library, as a form
        # in forms/ does (patterns/ beside the form).
        os.symlink(os.path.abspath(os.path.join(here, '..', '..', 'patterns')),
                   os.path.join(tmp, 'patterns'))
        for line, kind, diag_id, yaml in examples:
            path = os.path.join(tmp, f'example-line{line}.yaml')
            with open(path, 'w', encoding='utf-8') as f:
                f.write(yaml)
            code, diags, problem = run_one(formc, path)
            errors = [d for d in diags if d.get('severity') == 'error']
            want = 'ok' if kind == 'ok' else f'error {diag_id}'
            if problem is None and kind == 'ok':
                if code != 0 or errors:
                    problem = (f'expected a clean check, got exit {code}: '
                               f'{describe(errors)}')
            elif problem is None:
                if code != 1:
                    problem = (f'expected exit 1, got {code}; diagnostics: '
                               f'{describe(diags)}')
                elif not any(d.get('id') == diag_id for d in diags):
                    problem = (f'expected diagnostic {diag_id}, got: '
                               f'{describe(diags)}')
            if problem:
                failed += 1
                print(f'FAIL {ref}:{line}: {want}: {problem}')
            else:
                passed += 1
                print(f'ok   {ref}:{line}: {want}')
    print(f'spec: {passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
