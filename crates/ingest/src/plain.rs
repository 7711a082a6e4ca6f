//! Plain text to blocks: one block per non-blank line.

use crate::block::Block;
use isnad_text::Span;

/// Splits plain text into line blocks. Markdown heading marks (`## `) are
/// left out of the block (its span starts after them) and give its level.
pub fn read_plain(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let line_start = start;
        start += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start().len();
        let mut body = content.trim();
        if body.is_empty() {
            continue;
        }
        let mut offset = line_start + lead;
        let mut heading = 0u8;
        let hashes = body.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes) && body[hashes..].starts_with(' ') {
            heading = hashes as u8;
            let after = &body[hashes..];
            let skip = hashes + (after.len() - after.trim_start().len());
            offset += skip;
            body = &body[skip..];
        }
        if body.is_empty() {
            continue;
        }
        blocks.push(Block::plain(
            body,
            Span::new(offset, offset + body.len()),
            heading,
        ));
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_blocks_with_exact_spans() {
        let text = "  عنوان  \r\n\n## قسم\nفقرة أولى.\n";
        let blocks = read_plain(text);
        let got: Vec<(&str, &str, u8)> = blocks
            .iter()
            .map(|b| (b.text.as_str(), b.src.slice(text), b.heading))
            .collect();
        assert_eq!(
            got,
            [
                ("عنوان", "عنوان", 0),
                ("قسم", "قسم", 2),
                ("فقرة أولى.", "فقرة أولى.", 0)
            ]
        );
    }
}
