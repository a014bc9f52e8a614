//! Intercom serves every body as HTML (intercom-api.md §7.1: `source.body`, part `body`): a
//! plain-text title aircom or the native integration posted comes back as
//! `<p>Inbound answered call on UK Desk &amp; Billing</p>`. Comparing such a body with a title
//! needs its text: tags dropped, block ends as line breaks, entities decoded (the crate knows
//! every named and numeric entity).

/// The text of an HTML body, one line per paragraph or `<br>`, each line trimmed and runs of
/// whitespace collapsed, empty lines dropped.
pub fn to_text(html: &str) -> String {
    let mut raw = String::with_capacity(html.len());
    let mut chars = html.char_indices().peekable();
    while let Some((i, ch)) = chars.next() {
        if ch != '<' {
            raw.push(ch);
            continue;
        }
        // A tag runs to the first `>` outside quotes. A lone `<` that opens no tag (text the
        // server failed to escape) is kept as text.
        let rest = &html[i + 1..];
        let Some(first) = rest.chars().next() else {
            raw.push('<');
            continue;
        };
        if !(first.is_ascii_alphabetic() || first == '/' || first == '!') {
            raw.push('<');
            continue;
        }
        let mut quote = None;
        let mut end = None;
        for (j, c) in rest.char_indices() {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, '>') => {
                    end = Some(j);
                    break;
                }
                _ => {}
            }
        }
        let Some(end) = end else {
            raw.push('<');
            continue;
        };
        let tag = rest[..end].trim_start_matches('/').to_ascii_lowercase();
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if matches!(
            name.as_str(),
            "br" | "p"
                | "div"
                | "li"
                | "ul"
                | "ol"
                | "tr"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "blockquote"
        ) {
            raw.push('\n');
        }
        // Skip the tag's characters.
        let stop = i + 1 + end;
        while chars.peek().is_some_and(|(k, _)| *k <= stop) {
            chars.next();
        }
    }
    let decoded = html_escape::decode_html_entities(&raw);
    decoded
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first line of an HTML body's text: where a title message's title is.
pub fn first_line(html: &str) -> String {
    to_text(html).lines().next().unwrap_or_default().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_entities_and_breaks() {
        assert_eq!(
            to_text("<p>Inbound answered call on UK Desk &amp; Billing</p>"),
            "Inbound answered call on UK Desk & Billing"
        );
        assert_eq!(
            to_text("<p>Zo&euml; O&#39;Brien &quot;VIP&quot; &lt;gold&gt; &#x1F680;</p>"),
            "Zoë O'Brien \"VIP\" <gold> 🚀"
        );
        assert_eq!(
            to_text("<p><b>Caller:</b> +33 1 84<br>Duration:  3m</p><p>Note</p>"),
            "Caller: +33 1 84\nDuration: 3m\nNote"
        );
        assert_eq!(
            to_text(r#"<a href="https://x.example/?a=1&amp;b=>2">rec</a>"#),
            "rec"
        );
        // Plain text stays as it is, including a stray `<` that opens no tag.
        assert_eq!(to_text("a < b & c"), "a < b & c");
        assert_eq!(
            first_line("<p>Missed call on X</p><p>more</p>"),
            "Missed call on X"
        );
        assert_eq!(first_line(""), "");
    }
}
