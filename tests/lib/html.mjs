// SPDX-License-Identifier: MIT
// Reading the pages libfbrt's HTML writer produces, for the node tests
// that compare or mine them without a browser: entity decoding, text,
// attributes. The writer's markup is regular (one writer, attributes in
// double quotes), so regular expressions are enough.

// Decodes the entities the writer emits (&amp; &lt; &gt; &quot; &#39;)
// and any other numeric one.
export function decode(s) {
    return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi,
                     (_, e) => {
        if (e[0] === "#")
            return String.fromCodePoint(e[1] === "x" || e[1] === "X"
                                        ? parseInt(e.slice(2), 16)
                                        : parseInt(e.slice(1), 10));
        return { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'" }[
            e.toLowerCase()];
    });
}

// The text of an HTML fragment, tags dropped, spaces collapsed.
export function text(html) {
    return decode(html.replace(/<[^>]*>/g, " ")).replace(/\s+/g, " ").trim();
}

// The value of attribute @p name in start tag @p tag, decoded, or null.
export function attr(tag, name) {
    const m = tag.match(new RegExp(`\\s${name}="([^"]*)"`));
    return m ? decode(m[1]) : null;
}

// The text of the page's <main>.
export function mainText(html) {
    return text(html.match(/<main\b[\s\S]*?<\/main>/)?.[0] ?? "");
}
