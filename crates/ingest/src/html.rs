//! A forgiving HTML reader that keeps byte offsets.
//!
//! It does not build a DOM: a tag-soup tokenizer feeds a bounded stack of
//! open elements, so broken markup is read as a browser would roughly read it
//! and nesting of any depth costs no recursion. Text is collected into
//! paragraph blocks, each remembering the range of the input it came from and
//! whether it sat in page furniture (navigation, comments, share bars,
//! related-link lists, footers, ads) or in the article body.

use std::borrow::Cow;

use crate::block::{Block, Reason};
use isnad_text::Span;

/// What the page's markup says about the article.
#[derive(Debug, Default, Clone)]
pub struct HtmlMeta {
    /// `<title>` text.
    pub title_tag: Option<String>,
    /// `og:title` / `twitter:title`.
    pub og_title: Option<String>,
    /// First `<h1>` text.
    pub h1: Option<String>,
    /// `og:site_name` / `application-name`.
    pub site_name: Option<String>,
    /// `author` meta, `article:author`, or an element marked as the byline.
    pub author: Option<String>,
    /// Publication date as written in the markup (meta, `<time datetime>`, JSON-LD).
    pub published: Option<String>,
    /// Canonical URL or `og:url`.
    pub url: Option<String>,
    /// Charset declared in a `<meta>`.
    pub charset: Option<String>,
}

/// Paragraph blocks of a page and its metadata.
#[derive(Debug, Default)]
pub struct HtmlDoc {
    /// Text blocks in reading order (furniture included, marked).
    pub blocks: Vec<Block>,
    /// Metadata from the markup.
    pub meta: HtmlMeta,
}

/// Whether a text file is really an HTML page.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(200)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<?xml") && head.contains("<html")
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
    "template", "svg", "math",
];
const BLOCK: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "td",
    "th",
    "article",
    "section",
    "header",
    "footer",
    "nav",
    "aside",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "main",
    "form",
    "br",
    "hr",
    "dl",
    "dt",
    "dd",
    "address",
    "details",
    "summary",
    "body",
    "center",
    "caption",
    "tbody",
    "thead",
];

/// An open element. The flags are inherited from the parent when it is
/// pushed, so nothing ever walks the stack (nesting depth costs nothing).
struct Frame {
    name: String,
    /// Outermost furniture reason of this element or any ancestor.
    furniture: Option<Reason>,
    /// This element or an ancestor holds the article.
    in_article: bool,
    /// Inside a link.
    link: bool,
    /// Heading level of the innermost heading ancestor.
    heading: u8,
    /// Inside a byline element.
    byline: bool,
}

struct Tag<'a> {
    name: String,
    attrs: Vec<(String, String)>,
    end: bool,
    self_closing: bool,
    _src: &'a str,
}

impl Tag<'_> {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Reads an HTML page into blocks and metadata.
pub fn read_html(src: &str) -> HtmlDoc {
    let mut r = HtmlReader {
        src,
        doc: HtmlDoc::default(),
        stack: Vec::new(),
        cur: BlockBuilder::default(),
        in_head: false,
    };
    let bytes = src.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        if let Some(end) = skipped_markup(src, i) {
            r.flush_text(text_start, i);
            i = end;
            text_start = i;
            continue;
        }
        let Some((tag, tag_end)) = parse_tag(src, i) else {
            // A '<' that starts no tag is text: it stays in the run of text.
            i += 1;
            continue;
        };
        r.flush_text(text_start, i);
        i = if tag.end {
            r.end_tag(&tag.name);
            tag_end
        } else {
            r.start_tag(tag, tag_end)
        };
        text_start = i;
    }
    r.flush_text(text_start, src.len());
    r.cur.flush(&mut r.doc.blocks, &r.stack);
    fill_meta_from_structure(&mut r.doc);
    r.doc
}

/// The state of one page's reading: the document so far, the open elements
/// and the block being built.
struct HtmlReader<'a> {
    src: &'a str,
    doc: HtmlDoc,
    stack: Vec<Frame>,
    cur: BlockBuilder,
    /// Inside `<head>`.
    in_head: bool,
}

/// Where a comment (`<!-- … -->`), doctype or processing instruction that
/// starts at `i` ends, or `None` if none starts there.
fn skipped_markup(src: &str, i: usize) -> Option<usize> {
    let rest = &src[i..];
    if rest.starts_with("<!--") {
        return Some(
            rest.strip_prefix("<!--")
                .and_then(|r| r.find("-->"))
                .map_or(src.len(), |e| i + 4 + e + 3),
        );
    }
    if rest.starts_with("<!") || rest.starts_with("<?") {
        return Some(rest.find('>').map_or(src.len(), |e| i + e + 1));
    }
    None
}

impl HtmlReader<'_> {
    /// Adds the text from `start` to `end` (the run of text before a tag),
    /// if there is any, to the block being built.
    fn flush_text(&mut self, start: usize, end: usize) {
        if start < end {
            self.add_text(Span::new(start, end));
        }
    }

    /// Adds the text at `span` to the block being built.
    fn add_text(&mut self, span: Span) {
        add_text(&mut self.cur, &self.stack, self.src, span, self.in_head);
    }

    /// An end tag: ends a block element's block and pops to the matching
    /// open element, looking a bounded way down.
    fn end_tag(&mut self, name: &str) {
        if BLOCK.contains(&name) {
            self.cur.flush(&mut self.doc.blocks, &self.stack);
        }
        if name == "head" {
            self.in_head = false;
        }
        if let Some(pos) = self
            .stack
            .iter()
            .rev()
            .take(64)
            .position(|f| f.name == name)
        {
            let keep = self.stack.len() - 1 - pos;
            self.stack.truncate(keep);
        }
    }

    /// A start tag ending at `tag_end`: reads its metadata, skips a raw-text
    /// element's content, and opens the element. Returns where reading goes on.
    fn start_tag(&mut self, tag: Tag, tag_end: usize) -> usize {
        let name = tag.name.as_str();
        if name == "head" {
            self.in_head = true;
        }
        if name == "body" {
            self.in_head = false;
        }
        read_tag_meta(&tag, &mut self.doc.meta);
        if RAW_TEXT.contains(&name) && !tag.self_closing {
            let close = find_close(self.src, tag_end, name);
            read_raw_text_meta(name, &self.src[tag_end..close.0], &mut self.doc.meta);
            return close.1;
        }
        if BLOCK.contains(&name) {
            self.cur.flush(&mut self.doc.blocks, &self.stack);
        }
        if VOID.contains(&name) || tag.self_closing {
            return tag_end;
        }
        // Implied end tags: a new <p> or <li> closes an open one.
        if matches!(name, "p" | "li" | "dt" | "dd" | "tr" | "td" | "th") {
            if let Some(pos) = self.stack.iter().rev().take(8).position(|f| f.name == name) {
                let keep = self.stack.len() - 1 - pos;
                self.stack.truncate(keep);
            }
        }
        let frame = open_frame(self.stack.last(), tag);
        self.stack.push(frame);
        tag_end
    }
}

/// Metadata a start tag carries itself: `<meta>`, the canonical `<link>`,
/// `<time datetime>`.
fn read_tag_meta(tag: &Tag, meta: &mut HtmlMeta) {
    let name = tag.name.as_str();
    if name == "meta" {
        read_meta(tag, meta);
    }
    if name == "link"
        && tag
            .attr("rel")
            .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
    {
        set_once(&mut meta.url, tag.attr("href"));
    }
    if name == "time" {
        set_once(&mut meta.published, tag.attr("datetime"));
    }
}

/// Metadata in a raw-text element's content: the `<title>`, and a script's
/// JSON-LD `datePublished`.
fn read_raw_text_meta(name: &str, inner: &str, meta: &mut HtmlMeta) {
    if name == "title" {
        set_once(&mut meta.title_tag, Some(decode_entities(inner).trim()));
    }
    if name == "script" && inner.contains("datePublished") {
        set_once(
            &mut meta.published,
            json_ld_field(inner, "datePublished").as_deref(),
        );
    }
}

/// The frame of an element opened under `parent`: the parent's flags, plus
/// what the tag itself says.
fn open_frame(parent: Option<&Frame>, tag: Tag) -> Frame {
    let name = tag.name.as_str();
    let inside_article = parent.is_some_and(|p| p.in_article);
    let own_heading = match name {
        "h1" => 1,
        "h2" => 2,
        "h3" => 3,
        "h4" => 4,
        "h5" => 5,
        "h6" => 6,
        _ => 0,
    };
    Frame {
        furniture: parent
            .and_then(|p| p.furniture)
            .or_else(|| furniture_of(&tag, inside_article)),
        in_article: inside_article || is_article_root(&tag),
        link: parent.is_some_and(|p| p.link) || name == "a",
        heading: if own_heading > 0 {
            own_heading
        } else {
            parent.map_or(0, |p| p.heading)
        },
        byline: parent.is_some_and(|p| p.byline) || is_byline(&tag),
        name: tag.name,
    }
}

/// Title and author from structure, when the metadata names none: the first
/// kept top-level heading, the first byline block.
fn fill_meta_from_structure(doc: &mut HtmlDoc) {
    if doc.meta.h1.is_none() {
        doc.meta.h1 = doc
            .blocks
            .iter()
            .find(|b| b.heading == 1 && b.furniture.is_none())
            .map(|b| b.text.clone());
    }
    if doc.meta.author.is_none() {
        doc.meta.author = doc.blocks.iter().find(|b| b.byline).map(|b| b.text.clone());
    }
}

fn set_once(slot: &mut Option<String>, value: Option<&str>) {
    if slot.is_none() {
        if let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) {
            *slot = Some(decode_entities(v));
        }
    }
}

fn read_meta(tag: &Tag, meta: &mut HtmlMeta) {
    if let Some(cs) = tag.attr("charset") {
        set_once(&mut meta.charset, Some(cs));
    }
    let key = tag
        .attr("property")
        .or_else(|| tag.attr("name"))
        .or_else(|| tag.attr("itemprop"));
    let Some(key) = key.map(|k| k.to_ascii_lowercase()) else {
        return;
    };
    let content = tag.attr("content");
    match key.as_str() {
        "og:title" | "twitter:title" => set_once(&mut meta.og_title, content),
        "og:site_name" | "application-name" => set_once(&mut meta.site_name, content),
        "author" | "article:author" | "byl" | "dc.creator"
            if content.is_some_and(|c| !c.starts_with("http")) =>
        {
            set_once(&mut meta.author, content)
        }
        "article:published_time"
        | "datepublished"
        | "pubdate"
        | "publishdate"
        | "date"
        | "dc.date"
        | "dc.date.issued"
        | "og:published_time"
        | "sailthru.date" => set_once(&mut meta.published, content),
        "og:url" => set_once(&mut meta.url, content),
        _ => {}
    }
}

fn json_ld_field(script: &str, field: &str) -> Option<String> {
    let at = script.find(&format!("\"{field}\""))?;
    let rest = &script[at + field.len() + 2..];
    let rest = rest
        .trim_start()
        .strip_prefix(':')?
        .trim_start()
        .strip_prefix('"')?;
    Some(rest[..rest.find('"')?].to_string())
}

/// Why an element is page furniture, from its tag, class, id and role.
fn furniture_of(tag: &Tag, inside_article: bool) -> Option<Reason> {
    furniture_by_tag_name(&tag.name, inside_article)
        .or_else(|| furniture_by_role(tag))
        .or_else(|| furniture_by_class_and_id(tag))
}

/// Furniture that the element's name says: navigation, header (outside the
/// article), footer, aside and form controls.
fn furniture_by_tag_name(name: &str, inside_article: bool) -> Option<Reason> {
    match name {
        "nav" | "menu" => Some(Reason::Navigation),
        "header" if !inside_article => Some(Reason::Navigation),
        "footer" => Some(Reason::Footer),
        "aside" => Some(Reason::RelatedLinks),
        "form" | "button" | "select" | "label" | "input" | "dialog" => Some(Reason::Navigation),
        _ => None,
    }
}

/// Furniture that the element's ARIA `role` says.
fn furniture_by_role(tag: &Tag) -> Option<Reason> {
    match tag.attr("role")?.to_ascii_lowercase().as_str() {
        "navigation" | "menu" | "menubar" | "search" | "banner" => Some(Reason::Navigation),
        "contentinfo" => Some(Reason::Footer),
        "complementary" => Some(Reason::RelatedLinks),
        _ => None,
    }
}

/// Class and id words that mark navigation.
const NAVIGATION_NAMES: &[&str] = &[
    "nav",
    "navbar",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "pagination",
    "pager",
    "topbar",
    "masthead",
    "sidebar",
    "widget",
    "tags",
    "taglist",
    "keywords",
    "toolbar",
];

/// Class and id words that mark a footer or newsletter box.
const FOOTER_NAMES: &[&str] = &[
    "footer",
    "copyright",
    "newsletter",
    "subscribe",
    "signup",
    "subscription",
];

/// Class and id words that mark an advertisement.
const AD_NAMES: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advert",
    "advertisement",
    "sponsor",
    "sponsored",
    "banner",
    "promo",
    "dfp",
];

/// Class and id words that mark a cookie notice or popup.
const OVERLAY_NAMES: &[&str] = &["cookie", "cookies", "modal", "popup", "gdpr"];

/// Furniture that the element's class and id words say (lowercased, split
/// at non-alphanumerics).
fn furniture_by_class_and_id(tag: &Tag) -> Option<Reason> {
    let mut names = String::new();
    for a in ["class", "id"] {
        if let Some(v) = tag.attr(a) {
            names.push(' ');
            names.push_str(&v.to_ascii_lowercase());
        }
    }
    if names.is_empty() {
        return None;
    }
    let tokens: Vec<&str> = names
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    let any = |pred: &dyn Fn(&str) -> bool| tokens.iter().any(|t| pred(t));
    if any(&|t| t.contains("comment") || t == "disqus" || t == "respond" || t == "replies") {
        return Some(Reason::Comments);
    }
    if any(&|t| t.contains("share") || t.contains("social") || t == "addthis" || t == "sharethis") {
        return Some(Reason::ShareBar);
    }
    if any(&|t| {
        t.contains("related")
            || t.contains("popular")
            || t.contains("trending")
            || t == "mostread"
            || t == "readmore"
            || t.contains("recommend")
            || t == "more" && names.contains("more-stories")
    }) || names.contains("most-read")
        || names.contains("read-more")
        || names.contains("more-stories")
        || names.contains("also-read")
    {
        return Some(Reason::RelatedLinks);
    }
    if any(&|t| {
        NAVIGATION_NAMES.contains(&t) || t.starts_with("navigation") || t.starts_with("sidebar")
    }) {
        return Some(Reason::Navigation);
    }
    if any(&|t| FOOTER_NAMES.contains(&t)) {
        return Some(Reason::Footer);
    }
    if any(&|t| AD_NAMES.contains(&t) || t.starts_with("advert")) {
        return Some(Reason::Advertisement);
    }
    if any(&|t| OVERLAY_NAMES.contains(&t)) {
        return Some(Reason::Boilerplate);
    }
    None
}

fn is_article_root(tag: &Tag) -> bool {
    if tag.name == "article"
        || tag
            .attr("itemprop")
            .is_some_and(|v| v.eq_ignore_ascii_case("articleBody"))
    {
        return true;
    }
    let mut names = String::new();
    for a in ["class", "id"] {
        if let Some(v) = tag.attr(a) {
            names.push(' ');
            names.push_str(&v.to_ascii_lowercase());
        }
    }
    const ROOTS: &[&str] = &[
        "article-body",
        "articlebody",
        "article-content",
        "article_content",
        "article-text",
        "article_body",
        "entry-content",
        "post-content",
        "post-body",
        "story-body",
        "story-content",
        "news-content",
        "news-body",
        "content-body",
        "article-details",
        "news-details",
    ];
    ROOTS.iter().any(|r| names.contains(r))
}

fn is_byline(tag: &Tag) -> bool {
    if tag
        .attr("rel")
        .is_some_and(|r| r.eq_ignore_ascii_case("author"))
    {
        return true;
    }
    if tag
        .attr("itemprop")
        .is_some_and(|r| r.eq_ignore_ascii_case("author"))
    {
        return true;
    }
    ["class", "id"].iter().any(|a| {
        tag.attr(a).is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.split(|c: char| !c.is_ascii_alphanumeric())
                .any(|t| matches!(t, "byline" | "author" | "writer" | "author-name"))
        })
    })
}

/// Parses a start or end tag at `at` (which holds '<'); returns it and the offset after '>'.
fn parse_tag(src: &str, at: usize) -> Option<(Tag<'_>, usize)> {
    let b = src.as_bytes();
    let mut i = at + 1;
    let end = if b.get(i) == Some(&b'/') {
        i += 1;
        true
    } else {
        false
    };
    if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let name_start = i;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-' || b[i] == b':') {
        i += 1;
    }
    let name = src[name_start..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        i = skip_spaces(b, i);
        if i >= b.len() {
            // An unclosed tag at the end of the input ends there.
            break;
        }
        match b[i] {
            b'>' => {
                i += 1;
                break;
            }
            b'/' => {
                self_closing = b.get(i + 1) == Some(&b'>');
                i += 1;
                continue;
            }
            _ => {}
        }
        let Some((attr, next)) = attribute_at(src, i) else {
            i += 1;
            continue;
        };
        i = next;
        if attrs.len() < 64 {
            attrs.push(attr);
        }
    }
    if end {
        attrs.clear();
    }
    Some((
        Tag {
            name,
            attrs,
            end,
            self_closing,
            _src: src,
        },
        i,
    ))
}

/// The first position from `i` that is not ASCII white space.
fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// The attribute whose name starts at `k0` (name lowercased; value empty
/// when none is given) and where it ends, or `None` if no name starts there.
fn attribute_at(src: &str, k0: usize) -> Option<((String, String), usize)> {
    let b = src.as_bytes();
    let mut i = k0;
    while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
        i += 1;
    }
    if i == k0 {
        return None;
    }
    let key = src[k0..i].to_ascii_lowercase();
    i = skip_spaces(b, i);
    let mut value = String::new();
    if b.get(i) == Some(&b'=') {
        (value, i) = attribute_value(src, skip_spaces(b, i + 1));
    }
    Some(((key, value), i))
}

/// An attribute value starting at `i`, quoted or bare, and where it ends.
fn attribute_value(src: &str, mut i: usize) -> (String, usize) {
    let b = src.as_bytes();
    if let Some(&q) = b.get(i).filter(|&&q| q == b'"' || q == b'\'') {
        let v0 = i + 1;
        let v1 = src[v0..].find(q as char).map_or(src.len(), |e| v0 + e);
        (src[v0..v1].to_string(), (v1 + 1).min(b.len()))
    } else {
        let v0 = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
            i += 1;
        }
        (src[v0..i].to_string(), i)
    }
}

/// Finds `</name` (any case) from `from`; returns (start of the close tag, offset after it).
fn find_close(src: &str, from: usize, name: &str) -> (usize, usize) {
    let b = src.as_bytes();
    let n = name.as_bytes();
    let mut i = from;
    while let Some(off) = src[i..].find("</") {
        let at = i + off;
        let after = at + 2;
        if after + n.len() <= b.len() && b[after..after + n.len()].eq_ignore_ascii_case(n) {
            let close_end = src[after..].find('>').map_or(src.len(), |e| after + e + 1);
            return (at, close_end);
        }
        i = at + 2;
    }
    (src.len(), src.len())
}

#[derive(Default)]
struct BlockBuilder {
    text: String,
    src: Option<Span>,
    link_chars: usize,
    furniture: Option<Reason>,
    in_article: bool,
    heading: u8,
    byline: bool,
    pending_space: bool,
}

impl BlockBuilder {
    fn flush(&mut self, out: &mut Vec<Block>, _stack: &[Frame]) {
        let text = std::mem::take(&mut self.text);
        let src = self.src.take();
        if let (Some(src), false) = (src, text.trim().is_empty()) {
            let chars = text.chars().count();
            let trimmed = text.trim();
            let text = if trimmed.len() == text.len() {
                text
            } else {
                trimmed.to_string()
            };
            out.push(Block {
                text,
                src,
                heading: self.heading,
                link_density: if chars == 0 {
                    0.0
                } else {
                    self.link_chars as f32 / chars as f32
                },
                furniture: self.furniture,
                in_article: self.in_article,
                byline: self.byline,
                markup: true,
            });
        }
        *self = BlockBuilder::default();
    }
}

fn add_text(cur: &mut BlockBuilder, stack: &[Frame], src: &str, span: Span, in_head: bool) {
    if in_head {
        return;
    }
    let raw = span.slice(src);
    if raw.trim().is_empty() {
        if !cur.text.is_empty() {
            cur.pending_space = true;
        }
        return;
    }
    let decoded = if raw.contains('&') {
        Cow::Owned(decode_entities(raw))
    } else {
        Cow::Borrowed(raw)
    };
    let starts_ws = decoded.starts_with(char::is_whitespace);
    let ends_ws = decoded.ends_with(char::is_whitespace);
    if !cur.text.is_empty() && (cur.pending_space || starts_ws) {
        cur.text.push(' ');
    }
    // White space collapsed, straight into the block's text.
    let before = cur.text.len();
    for (k, w) in decoded.split_whitespace().enumerate() {
        if k > 0 {
            cur.text.push(' ');
        }
        cur.text.push_str(w);
    }
    let top = stack.last();
    let in_link = top.is_some_and(|f| f.link);
    if in_link {
        cur.link_chars += cur.text[before..].chars().count();
    }
    cur.pending_space = ends_ws;
    // Offsets: trim the raw span to its visible text.
    let lead = raw.len() - raw.trim_start().len();
    let vis = Span::new(span.start + lead, span.start + lead + raw.trim().len());
    cur.src = Some(match cur.src {
        Some(s) => Span::new(s.start, vis.end),
        None => vis,
    });
    // The first furniture reason seen in a block wins.
    if cur.furniture.is_none() {
        cur.furniture = top.and_then(|f| f.furniture);
    }
    cur.in_article |= top.is_some_and(|f| f.in_article);
    cur.byline |= top.is_some_and(|f| f.byline);
    if cur.heading == 0 {
        cur.heading = top.map_or(0, |f| f.heading);
    }
}

/// Decodes character references (`&amp;` `&#1575;` `&#x627;` and common named ones).
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let semi = tail.as_bytes()[..tail.len().min(12)]
            .iter()
            .position(|&b| b == b';');
        let decoded = semi.and_then(|e| {
            let body = &tail[1..e];
            let c = if let Some(num) = body.strip_prefix('#') {
                let v = if let Some(hex) = num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
                    u32::from_str_radix(hex, 16).ok()
                } else {
                    num.parse().ok()
                };
                v.and_then(char::from_u32).map(|c| c.to_string())
            } else {
                named_entity(body).map(str::to_string)
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push_str(&c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{00A0}",
        "laquo" => "«",
        "raquo" => "»",
        "ldquo" => "“",
        "rdquo" => "”",
        "lsquo" => "‘",
        "rsquo" => "’",
        "hellip" => "…",
        "mdash" => "—",
        "ndash" => "–",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "middot" => "·",
        "bull" => "•",
        "zwnj" => "\u{200C}",
        "zwj" => "\u{200D}",
        "lrm" => "\u{200E}",
        "rlm" => "\u{200F}",
        "shy" => "\u{00AD}",
        "times" => "×",
        "deg" => "°",
        "percnt" => "%",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_less_than_sign_that_starts_no_tag_is_text_once() {
        let doc = read_html("<p>a < b و 3<4 جرحى</p>");
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["a < b و 3<4 جرحى"]);
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a &amp; b &#1575;&#x644; &laquo;x&raquo; &bogus; &"),
            "a & b ال «x» &bogus; &"
        );
    }

    #[test]
    fn blocks_know_their_furniture_and_source() {
        let html = r#"<html><head><title>عنوان | الموقع</title><meta property="og:site_name" content="الموقع"></head>
<body><nav><a href="/">الرئيسية</a></nav>
<article><h1>عنوان الخبر</h1><p>الفقرة &amp; الأولى.</p><p>الفقرة الثانية.</p>
<div class="share-bar"><a>فيسبوك</a></div></article>
<div id="comments"><p>تعليق قارئ</p></div></body></html>"#;
        let doc = read_html(html);
        let texts: Vec<(&str, Option<Reason>)> = doc
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.furniture))
            .collect();
        assert_eq!(
            texts,
            [
                ("الرئيسية", Some(Reason::Navigation)),
                ("عنوان الخبر", None),
                ("الفقرة & الأولى.", None),
                ("الفقرة الثانية.", None),
                ("فيسبوك", Some(Reason::ShareBar)),
                ("تعليق قارئ", Some(Reason::Comments)),
            ]
        );
        assert_eq!(doc.blocks[2].src.slice(html), "الفقرة &amp; الأولى.");
        assert_eq!(doc.meta.title_tag.as_deref(), Some("عنوان | الموقع"));
        assert_eq!(doc.meta.site_name.as_deref(), Some("الموقع"));
        assert_eq!(doc.meta.h1.as_deref(), Some("عنوان الخبر"));
    }

    #[test]
    fn deep_nesting_and_broken_markup_do_not_hurt() {
        let mut html = String::from("<p>قبل</p>");
        for _ in 0..200_000 {
            html.push_str("<div>");
        }
        html.push_str("نص عميق");
        html.push_str("<p>غير مغلق <b>عريض <i>مائل</p> <a href=x>رابط");
        let doc = read_html(&html);
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["قبل", "نص عميق", "غير مغلق عريض مائل", "رابط"]);
    }

    #[test]
    fn scripts_and_styles_are_skipped() {
        let doc =
            read_html("<p>أ</p><script>var x = '<p>لا</p>';</script><style>p{}</style><p>ب</p>");
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["أ", "ب"]);
    }
}
