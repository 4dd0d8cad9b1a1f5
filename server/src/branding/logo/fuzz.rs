//! Fuzzing the logo cleaner (see `kyc-fuzz`): SVGs mutated from the favicon and a logo
//! that uses every kept feature, with the tokens of every known way to make an SVG active
//! or external spliced in; small PNGs and JPEGs beside them. Whatever the bytes, cleaning
//! answers without panicking; an SVG it keeps is inert by a check written apart from the
//! cleaner's own, and cleaning it again gives it back unchanged.

use kyc_fuzz::proptest::prelude::*;
use kyc_fuzz::proptest::sample::select;
use kyc_fuzz::{run, Corpus};
use roxmltree::Document;

use super::*;

const FAVICON: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../public/favicon.svg"
));

/// A logo using what the cleaner keeps: gradients, references to its own elements,
/// styles, text and the xlink namespace.
const RICH: &str = concat!(
    "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- logo -->\n",
    r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" "#,
    r#"width="120" height="40" viewBox="0 0 120 40" role="img" aria-label="Acme &amp; Co">"#,
    r#"<title>Acme</title><style>.a { fill: url(#g); stroke: #000 }</style>"#,
    r##"<defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/></linearGradient>"##,
    r#"<clipPath id="c"><rect width="10" height="10"/></clipPath></defs>"#,
    r#"<g class="a" clip-path="url(#c)" transform="translate(1 2)">"#,
    r#"<rect width="120" height="40" fill="url(#g)" style="stroke: url( '#g' )"/>"#,
    r##"<use xlink:href="#g"/><use href="#g"/><text x="4" y="30">Acme &lt;&gt;</text></g></svg>"##,
);

const SVG_TOKENS: &[&str] = &[
    "<script>alert(1)</script>",
    "<script xlink:href=\"x.js\"/>",
    " onload=\"x()\"",
    " ONCLICK=\"x\"",
    " href=\"javascript:x()\"",
    " href=\" JaVaScRiPt:x\"",
    " href=\"java&#x09;script:x\"",
    " href=\"&#106;avascript:x\"",
    " xlink:href=\"http://e.x/a\"",
    " href=\"//e.x/a\"",
    " href=\"data:image/svg+xml,<svg/>\"",
    " href=\"#g\"",
    "url(#g)",
    "url(http://e.x/a)",
    "url( \"https://e.x\" )",
    "url(data:x)",
    "@import 'http://e.x';",
    "image-set(\"a.png\" 1x)",
    "\\75 rl(",
    "\\",
    "<foreignObject><body/></foreignObject>",
    "<image href=\"a.png\"/>",
    "<animate attributeName=\"href\" to=\"javascript:x\"/>",
    "<set attributeName=\"onclick\" to=\"x\"/>",
    "<!DOCTYPE svg>",
    "<!DOCTYPE svg [<!ENTITY e \"&#x3C;script>\">]>",
    "&e;",
    "<![CDATA[</style><script>x</script>]]>",
    "<style>",
    "</style>",
    "xmlns=\"http://www.w3.org/2000/svg\"",
    "xmlns:h=\"http://www.w3.org/1999/xhtml\"",
    "<h:script>",
    "xmlns:xlink=\"http://www.w3.org/1999/xlink\"",
    "<a href=\"http://e.x\">",
    "</a>",
    "<svg>",
    "</svg>",
    "<g>",
    "</g>",
    "\"",
    "'",
    "<",
    ">",
    "&",
    "\u{0}",
    "\n",
];

const DECLARED: &[&str] = &["image/svg+xml", "image/png", "image/jpeg", "text/xml"];

#[test]
fn fuzz_logo_cleaner() {
    let seeds = vec![
        FAVICON.to_vec(),
        RICH.as_bytes().to_vec(),
        super::tests::png(12, 8),
        super::tests::jpeg(8, 12),
    ];
    let corpus = Corpus::new(seeds, 16 * 1024).with_tokens(SVG_TOKENS);
    let declared = prop_oneof![3 => Just(None::<&str>), 1 => select(DECLARED).prop_map(Some)];
    run("logo", (corpus.mutated(), declared), |(bytes, declared)| {
        let declared = declared.unwrap_or_else(|| match sniff(&bytes) {
            Some(kind) => kind.content_type(),
            None => "image/svg+xml",
        });
        let Ok(clean) = clean_logo(declared, &bytes) else {
            return Ok(());
        };
        if clean.content_type != "image/svg+xml" {
            return Ok(());
        }
        let text = std::str::from_utf8(&clean.bytes).expect("a kept SVG is UTF-8");
        if let Err(problem) = inert(text) {
            prop_assert!(false, "{} in {}", problem, text);
        }
        prop_assert_eq!(
            clean_logo("image/svg+xml", &clean.bytes),
            Ok(clean.clone()),
            "cleaning again changed it"
        );
        Ok(())
    });
}

/// An SVG that can run nothing and load nothing: checked on its own, not by the cleaner's
/// rules. Every reference points into the file; no element or attribute can script.
fn inert(svg: &str) -> Result<(), String> {
    let document = Document::parse(svg).map_err(|e| format!("output does not parse: {e}"))?;
    if svg.contains("<!") || svg.contains("<?") {
        return Err("a declaration, DOCTYPE, CDATA or PI".into());
    }
    for node in document.descendants() {
        if node.is_element() {
            let name = node.tag_name().name().to_ascii_lowercase();
            if [
                "script",
                "foreignobject",
                "image",
                "iframe",
                "a",
                "animate",
                "set",
                "feimage",
            ]
            .iter()
            .any(|bad| name == *bad || name.starts_with("animate"))
            {
                return Err(format!("a {name} element"));
            }
            if node.tag_name().namespace() != Some("http://www.w3.org/2000/svg") {
                return Err(format!("{name} outside the SVG namespace"));
            }
            for attribute in node.attributes() {
                let attribute_name = attribute.name().to_ascii_lowercase();
                if attribute_name.starts_with("on") {
                    return Err(format!("an event handler {attribute_name}"));
                }
                if attribute_name == "href" && !attribute.value().trim().starts_with('#') {
                    return Err("a link out of the file".into());
                }
                urls_stay_inside(attribute.value())?;
                if attribute_name == "style" {
                    css_is_static(attribute.value())?;
                }
            }
        }
        if node.is_text()
            && node
                .parent()
                .is_some_and(|p| p.tag_name().name() == "style")
        {
            css_is_static(node.text().unwrap_or_default())?;
        }
    }
    Ok(())
}

/// Every `url(...)` names an element of this file. CSS allows no space between `url` and
/// its parenthesis, and any inside it.
fn urls_stay_inside(value: &str) -> Result<(), String> {
    let lower = value.to_lowercase();
    for (at, _) in lower.match_indices("url(") {
        let target = lower[at + 4..]
            .trim_start()
            .trim_start_matches(['"', '\''])
            .trim_start();
        if !target.starts_with('#') {
            return Err("url() out of the file".into());
        }
    }
    Ok(())
}

/// CSS that loads nothing and hides nothing behind escapes.
fn css_is_static(css: &str) -> Result<(), String> {
    urls_stay_inside(css)?;
    let lower = css.to_lowercase();
    for loader in [
        "@import",
        "\\",
        "image-set(",
        "image(",
        "src(",
        "element(",
        "cross-fade(",
        "expression(",
    ] {
        if lower.contains(loader) {
            return Err(format!("{loader} in CSS"));
        }
    }
    Ok(())
}
