//! SVG logos: what is kept, what is dropped, what is refused.

use super::*;
use crate::branding::logo::svg::{is_svg_element, SVG_NS};
use roxmltree::{Document, Node};

fn clean_svg_text(text: &str) -> Result<String, LogoRefusal> {
    svg("image/svg+xml", text)
}

fn refused(body: &str) -> LogoRefusal {
    clean_svg_text(&wrap(body)).expect_err("refused")
}

#[test]
fn simple_svg_is_kept_valid_and_stable() {
    let input = concat!(
        "\u{FEFF}\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- made by hand -->\n",
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40">"#,
        r##"<defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/></linearGradient></defs>"##,
        r#"<rect width="120" height="40" fill="url(#g)" style="stroke: url( '#g' )"/>"#,
        r##"<use xlink:href="#g" xmlns:xlink="http://www.w3.org/1999/xlink"/><use href="#g"/>"##,
        "</svg>"
    );
    let output = clean_svg_text(input).expect("accepted");
    let document = Document::parse(&output).expect("output parses");
    let root = document.root_element();
    assert!(is_svg_element(root, "svg"));
    assert_eq!(root.attribute("viewBox"), Some("0 0 120 40"));
    assert_eq!(root.attribute("width"), Some("120"));
    assert_eq!(root.attribute("height"), Some("40"));
    assert!(output.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg""#));
    assert!(output.contains(r##"<use xlink:href="#g">"##) && output.contains(r##"href="#g""##));
    assert_eq!(clean_svg_text(&output), Ok(output.clone()));
}

#[test]
fn processing_instructions_and_comments_are_dropped() {
    let input = format!(
        "<?xml-stylesheet href=\"https://evil.example/a.css\"?><!-- note -->{}",
        wrap("<!-- inner --><?pi data?><rect/>")
    );
    let output = clean_svg_text(&input).expect("accepted");
    assert!(!output.contains("<?") && !output.contains("<!--") && !output.contains("evil"));
    assert!(output.contains("<rect></rect>"), "{output}");
}

#[test]
fn prefixed_svg_root_is_accepted() {
    let input = r#"<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:circle r="3"/></s:svg>"#;
    let output = clean_svg_text(input).expect("accepted");
    assert!(output.contains(r#"<circle r="3"></circle>"#), "{output}");
}

#[test]
fn scripts_and_event_handlers_are_refused() {
    for body in [
        "<script>alert(1)</script>",
        r#"<g><script xlink:href="x.js"/></g>"#,
        r#"<metadata><script/></metadata>"#,
        r#"<rect onload="alert(1)"/>"#,
        r#"<rect ONCLICK="alert(1)"/>"#,
        r#"<a href="javascript:alert(1)"><rect/></a>"#,
        r#"<rect fill="&#106;ava&#x09;script:alert(1)"/>"#,
        r#"<rect style="background: expression(alert(1))"/>"#,
    ] {
        assert_eq!(refused(body), LogoRefusal::SvgScript, "{body}");
    }
    let onload_root = r#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#;
    assert_eq!(clean_svg_text(onload_root), Err(LogoRefusal::SvgScript));
}

#[test]
fn external_references_are_refused() {
    for body in [
        r#"<use xlink:href="http://evil.example/a.svg#x"/>"#,
        r#"<use href="other.svg#x"/>"#,
        r#"<use href="data:image/svg+xml,&lt;svg/&gt;"/>"#,
        r##"<use href="#x(y)"/>"##,
        r#"<rect fill="url(https://evil.example/p.svg#g)"/>"#,
        r#"<rect style="fill: URL('//evil.example/g')"/>"#,
        r#"<rect style="fill: url(#g"/>"#,
        "<style>@import 'https://evil.example/a.css';</style>",
        "<style>@im<!-- split -->port 'a.css';</style>",
        "<style>rect { fill: url(https://evil.example/x) }</style>",
        r#"<style>rect { fill: image-set("x.png" 1x) }</style>"#,
    ] {
        assert_eq!(refused(body), LogoRefusal::SvgExternalReference, "{body}");
    }
}

#[test]
fn css_escapes_are_refused() {
    assert_eq!(
        refused(r"<style>rect { fill: \75 rl(x) }</style>"),
        LogoRefusal::SvgUnsafeStyle
    );
    assert_eq!(
        refused(r#"<rect style="fill:\75 rl(x)"/>"#),
        LogoRefusal::SvgUnsafeStyle
    );
}

#[test]
fn doctypes_are_refused_including_billion_laughs() {
    let laughs = concat!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY lol \"lol\">\n",
        "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n",
        "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n]>\n",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&lol3;</text></svg>"
    );
    assert_eq!(clean_svg_text(laughs), Err(LogoRefusal::SvgDoctype));
    let plain = r#"<!-- c --><!DOCTYPE svg><svg xmlns="http://www.w3.org/2000/svg"/>"#;
    assert_eq!(clean_svg_text(plain), Err(LogoRefusal::SvgDoctype));
    let external = format!(r#"<!DOCTYPE svg SYSTEM "file:///etc/passwd">{}"#, wrap(""));
    assert_eq!(clean_svg_text(&external), Err(LogoRefusal::SvgDoctype));
}

#[test]
fn embedded_content_and_animation_are_refused() {
    let foreign =
        r#"<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>"#;
    assert_eq!(refused(foreign), LogoRefusal::SvgForeignObject);
    assert_eq!(refused(r##"<image href="#x"/>"##), LogoRefusal::SvgImage);
    assert_eq!(
        refused(r#"<image href="data:image/png;base64,AAAA"/>"#),
        LogoRefusal::SvgImage
    );
    assert_eq!(
        refused(r#"<rect><animate attributeName="x"/></rect>"#),
        LogoRefusal::SvgAnimation
    );
    assert_eq!(
        refused(r#"<a><set attributeName="href" to="x"/></a>"#),
        LogoRefusal::SvgAnimation
    );
    assert_eq!(refused("<animateTransform/>"), LogoRefusal::SvgAnimation);
}

#[test]
fn inkscape_metadata_is_dropped_and_shapes_kept() {
    let input = r##"<svg xmlns="http://www.w3.org/2000/svg"
        xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
        xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
        xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
        xmlns:cc="http://creativecommons.org/ns#"
        width="64" height="64" viewBox="0 0 64 64" version="1.1"
        sodipodi:docname="logo.svg" inkscape:version="1.3" inkscape:export-filename="C:\x.png">
      <sodipodi:namedview id="nv" pagecolor="#ffffff" inkscape:zoom="2"/>
      <metadata id="m"><rdf:RDF><cc:Work rdf:about=""><cc:license rdf:resource="http://creativecommons.org/licenses/by/4.0/"/></cc:Work></rdf:RDF></metadata>
      <g inkscape:label="Layer 1" inkscape:groupmode="layer" id="layer1">
        <path d="M 0,0 H 64 V 64 Z" style="fill:#123456;stroke:none" sodipodi:nodetypes="cccc" unknown="1"/>
        <rect x="4" y="4" width="8" height="8" rx="1" fill="#abcdef"/>
        <circle inkscape:label="dot" cx="32" cy="32" r="4"/>
      </g>
    </svg>"##;
    let output = clean_svg_text(input).expect("accepted");
    for gone in [
        "metadata",
        "sodipodi",
        "inkscape",
        "rdf",
        "creativecommons",
        "namedview",
        "unknown",
        "version",
    ] {
        assert!(!output.contains(gone), "{gone} survived in {output}");
    }
    let document = Document::parse(&output).expect("output parses");
    let names: Vec<&str> = document
        .descendants()
        .filter(Node::is_element)
        .map(|n| n.tag_name().name())
        .collect();
    assert_eq!(names, ["svg", "g", "path", "rect", "circle"]);
    assert!(output.contains(r#"d="M 0,0 H 64 V 64 Z" style="fill:#123456;stroke:none""#));
}

#[test]
fn non_svg_xml_is_refused() {
    for input in [
        r#"<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>"#,
        "<svg><rect/></svg>",
        r#"<svg xmlns="http://example.com/not-svg"/>"#,
        r#"<rect xmlns="http://www.w3.org/2000/svg"/>"#,
    ] {
        assert_eq!(
            clean_svg_text(input),
            Err(LogoRefusal::SvgNotSvg),
            "{input}"
        );
    }
}

#[test]
fn malformed_svg_is_unreadable() {
    for input in [
        "<svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><g></svg>",
        "<svg>&unknown;</svg>",
    ] {
        assert!(
            matches!(clean_svg_text(input), Err(LogoRefusal::Unreadable(_))),
            "{input}"
        );
    }
}

#[test]
fn text_and_attributes_are_escaped() {
    let body = concat!(
        r#"<title>Tom &amp; Jerry &lt;3</title>"#,
        r#"<text x="1" aria-label="say &quot;hi&quot; &lt;&amp;&gt;" xml:space="preserve">a &lt; b &amp;&amp; "c" &gt; d<tspan>]]&gt;</tspan></text>"#,
        "<style><![CDATA[ rect > circle { fill: red } ]]></style>",
    );
    let output = clean_svg_text(&wrap(body)).expect("accepted");
    assert!(
        output.contains("<title>Tom &amp; Jerry &lt;3</title>"),
        "{output}"
    );
    assert!(
        output.contains(r#"aria-label="say &quot;hi&quot; &lt;&amp;&gt;""#),
        "{output}"
    );
    assert!(output.contains(r#"xml:space="preserve""#));
    let document = Document::parse(&output).expect("output parses");
    let text = document
        .descendants()
        .find(|n| n.has_tag_name((SVG_NS, "text")))
        .expect("text");
    assert_eq!(text.text(), Some(r#"a < b && "c" > d"#));
    assert_eq!(text.attribute("aria-label"), Some(r#"say "hi" <&>"#));
    let style = document
        .descendants()
        .find(|n| n.has_tag_name((SVG_NS, "style")))
        .expect("style");
    assert_eq!(style.text(), Some(" rect > circle { fill: red } "));
}

#[test]
fn unknown_elements_and_attributes_are_dropped() {
    let body = r#"<switch><rect/></switch><circle foo="bar" fill="red" r="1"/><filter id="f"><feGaussianBlur stdDeviation="2"/><feTurbulence/></filter>"#;
    let output = clean_svg_text(&wrap(body)).expect("accepted");
    assert!(
        !output.contains("switch") && !output.contains("foo") && !output.contains("feTurbulence")
    );
    assert!(
        output.contains(r#"<circle fill="red" r="1"></circle>"#),
        "{output}"
    );
    assert!(
        output.contains(r#"<feGaussianBlur stdDeviation="2"></feGaussianBlur>"#),
        "{output}"
    );
}

#[test]
fn deeply_nested_svg_is_refused() {
    let body = format!("{}{}", "<g>".repeat(300), "</g>".repeat(300));
    assert_eq!(refused(&body), LogoRefusal::SvgTooComplex);
    let fine = format!("{}{}", "<g>".repeat(100), "</g>".repeat(100));
    assert!(clean_svg_text(&wrap(&fine)).is_ok());
}

#[test]
fn huge_flat_svg_stays_within_limits() {
    let body = "<g/>".repeat((MAX_LOGO_BYTES - 200) / 4);
    assert_eq!(refused(&body), LogoRefusal::SvgTooComplex);
}

#[test]
fn cut_or_mangled_svg_never_panics() {
    let whole = wrap(r##"<g id="a"><text>x &amp; y</text><rect fill="url(#a)"/></g>"##);
    for end in (0..whole.len()).filter(|end| whole.is_char_boundary(*end)) {
        let _ = clean_logo("image/svg+xml", &whole.as_bytes()[..end]);
    }
    for at in 0..whole.len() {
        let mut mangled = whole.clone().into_bytes();
        mangled[at] = b"<>&\"'#(/"[at % 8];
        let _ = clean_logo("image/svg+xml", &mangled);
    }
}
