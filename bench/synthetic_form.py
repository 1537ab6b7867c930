#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes a synthetic form of N questions as YAML, for formc's cost growth
(bench/formc-scale.sh, bench/README.md): pages of five questions cycling
through ten common types with their rules, and every third page shown only
for one answer of a radios question two pages before it, so conditions,
reveals, options and rules all grow with N. Options are few and keys
short: formc takes at most 100,000 YAML values and 1 MiB a file, which a
form of 5,000 questions otherwise passes.

usage: synthetic_form.py N [OUT.yaml]   (default: standard output)
"""
import sys

PER_PAGE = 5
CYCLE = 10


def question(k):
    """The YAML lines of question k (0-based), by its place in the cycle:
    one flow mapping a line, since a form file is limited to 1 MiB."""
    q = f"q{k:05d}"
    kind = k % CYCLE
    head = f"      - {{id: {q}, "
    if kind == 0:
        return [head + f"type: radios, label: Kind {k}, required: true, "
                f"options: [{{value: yes_{k}, label: 'Yes', "
                f"reveal: [{q}_detail]}}, {{value: no_{k}, label: 'No'}}]}}",
                f"      - {{id: {q}_detail, type: text, label: Details {k}, "
                "required: true}"]
    if kind == 1:
        return [head + f"type: text, label: Reference {k}, required: true, "
                "validate: {max_length: 20, pattern: {value: '[A-Z0-9]+', "
                f"message: Reference {k} must only include capital letters "
                "and numbers}}}"]
    if kind == 2:
        return [head + f"type: number, label: Count {k}, required: true, "
                "validate: {integer: true, min: 0, max: 1000}}"]
    if kind == 3:
        return [head + f"type: date, label: Date {k}, required: true, "
                "validate: {past: true}}"]
    if kind == 4:
        return [head + f"type: email, label: Email address {k}, "
                "required: true}"]
    if kind == 5:
        opts = ", ".join(f"{{value: c{j}, label: Choice {j}}}"
                         for j in range(3))
        return [head + f"type: checkboxes, label: Choices {k}, "
                f"options: [{opts}], validate: {{max_selected: 3}}}}"]
    if kind == 6:
        opts = ", ".join(f"{{value: a{j}, label: Area {j}}}"
                         for j in range(3))
        return [head + f"type: select, label: Area {k}, required: true, "
                f"options: [{opts}]}}"]
    if kind == 7:
        return [head + f"type: textarea, label: Description {k}, "
                "validate: {max_length: 500}}"]
    if kind == 8:
        return [head + f"type: postcode, label: Postcode {k}, "
                "required: true}"]
    return [head + f"type: yes_no, label: Agreed {k}, required: true}}"]


def form(n):
    lines = [f"form: synthetic-{n}", f"title: Synthetic form of {n} questions",
             "pages:"]
    pages = (n + PER_PAGE - 1) // PER_PAGE
    k = 0
    for p in range(pages):
        lines.append(f"  - id: page_{p:04d}")
        lines.append(f"    title: Part {p + 1}")
        if p % 3 == 2:
            # the radios question (kind 0) of an even page before this one
            first = (p - 2) * PER_PAGE
            first -= first % CYCLE
            lines.append(f"    when: q{first:05d} is yes_{first}")
        lines.append("    questions:")
        for _ in range(min(PER_PAGE, n - k)):
            lines += question(k)
            k += 1
    lines += ["confirmation:", "  title: Sent", "  body: Thank you.",
              "submit:", "  reference: SY", "retention_days: 30"]
    return "\n".join(lines) + "\n"


def main(argv):
    if len(argv) not in (2, 3) or not argv[1].isdigit() or int(argv[1]) < 1:
        sys.stderr.write(__doc__.split("\n\n")[-1] + "\n")
        return 2
    text = form(int(argv[1]))
    if len(argv) == 3:
        with open(argv[2], "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
