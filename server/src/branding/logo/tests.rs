//! Tests for the logo checks, with images made on the spot.

use super::*;
use image::{GenericImageView, Rgb, RgbImage, Rgba, RgbaImage};

const SECRET: &[u8] = b"GPS 51.5N SECRET-AUTHOR";

fn png(width: u32, height: u32) -> Vec<u8> {
    let image = RgbaImage::from_fn(width, height, |x, y| Rgba([x as u8, y as u8, 200, 255]));
    let mut out = Cursor::new(Vec::new());
    image
        .write_to(&mut out, ImageFormat::Png)
        .expect("png encodes");
    out.into_inner()
}

fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, y| Rgb([x as u8, y as u8, 90]));
    let mut out = Cursor::new(Vec::new());
    image
        .write_to(&mut out, ImageFormat::Jpeg)
        .expect("jpeg encodes");
    out.into_inner()
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
    out
}

/// A PNG whose IHDR claims the given size, with a token IDAT: never decodable in full.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(chunk(b"IHDR", &ihdr));
    out.extend(chunk(b"IDAT", &[0x78, 0x9C, 0x01, 0x02]));
    out.extend(chunk(b"IEND", &[]));
    out
}

fn decoded(bytes: &[u8]) -> DynamicImage {
    image::load_from_memory(bytes).expect("output decodes")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

fn svg(declared: &str, text: &str) -> Result<String, LogoRefusal> {
    clean_logo(declared, text.as_bytes()).map(|logo| {
        assert_eq!(logo.content_type, "image/svg+xml");
        String::from_utf8(logo.bytes).expect("output is UTF-8")
    })
}

fn clean_svg_text(text: &str) -> Result<String, LogoRefusal> {
    svg("image/svg+xml", text)
}

fn wrap(body: &str) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">{body}</svg>"#
    )
}

fn refused(body: &str) -> LogoRefusal {
    clean_svg_text(&wrap(body)).expect_err("refused")
}

#[test]
fn png_is_reencoded_with_the_same_pixels() {
    let input = png(40, 20);
    let logo = clean_logo("image/png", &input).expect("accepted");
    assert_eq!(logo.content_type, "image/png");
    let (before, after) = (decoded(&input), decoded(&logo.bytes));
    assert_eq!(after.dimensions(), (40, 20));
    assert_eq!(before.to_rgba8(), after.to_rgba8());
}

#[test]
fn png_text_chunk_does_not_survive() {
    let plain = png(16, 16);
    let mut input = plain[..33].to_vec(); // signature and IHDR
    input.extend(chunk(b"tEXt", &[b"Comment\0".as_slice(), SECRET].concat()));
    input.extend_from_slice(&plain[33..]);
    assert!(contains(&input, SECRET));
    let logo = clean_logo("image/png", &input).expect("accepted");
    assert!(!contains(&logo.bytes, SECRET));
    assert!(!contains(&logo.bytes, b"tEXt"));
    assert_eq!(decoded(&logo.bytes).dimensions(), (16, 16));
}

#[test]
fn jpeg_is_reencoded_without_its_comment() {
    let plain = jpeg(32, 24);
    let mut input = plain[..2].to_vec(); // SOI
    input.extend_from_slice(&[0xFF, 0xFE, 0, (SECRET.len() + 2) as u8]);
    input.extend_from_slice(SECRET);
    input.extend_from_slice(&plain[2..]);
    let logo = clean_logo("image/jpeg", &input).expect("accepted");
    assert_eq!(logo.content_type, "image/jpeg");
    assert!(logo.bytes.starts_with(&[0xFF, 0xD8, 0xFF]));
    assert!(!contains(&logo.bytes, SECRET));
    assert_eq!(decoded(&logo.bytes).dimensions(), (32, 24));
}

#[test]
fn parameters_and_case_of_the_declared_type_are_ignored() {
    assert!(clean_logo("Image/PNG; charset=utf-8", &png(4, 4)).is_ok());
    assert!(clean_logo(" image/jpeg ", &jpeg(4, 4)).is_ok());
    assert!(svg("image/svg+xml; charset=utf-8", &wrap("")).is_ok());
}

#[test]
fn large_images_are_scaled_down_keeping_aspect_ratio() {
    let wide = clean_logo("image/png", &png(2000, 500)).expect("accepted");
    assert_eq!(decoded(&wide.bytes).dimensions(), (1024, 256));
    let tall = clean_logo("image/jpeg", &jpeg(600, 1500)).expect("accepted");
    let (width, height) = decoded(&tall.bytes).dimensions();
    assert_eq!(height, 1024);
    assert!((409..=410).contains(&width), "width {width}");
}

#[test]
fn huge_png_headers_are_refused_without_decoding() {
    for (width, height) in [(100_000, 100_000), (5000, 10), (10, 4097), (4000, 4001)] {
        let input = png_header(width, height);
        assert_eq!(
            clean_logo("image/png", &input),
            Err(LogoRefusal::TooManyPixels)
        );
    }
    let small = png_header(100, 100);
    assert!(matches!(
        clean_logo("image/png", &small),
        Err(LogoRefusal::Unreadable(_))
    ));
}

#[test]
fn over_wide_jpeg_is_refused() {
    assert_eq!(
        clean_logo("image/jpeg", &jpeg(4100, 2)),
        Err(LogoRefusal::TooManyPixels)
    );
}

#[test]
fn declared_type_must_match_the_bytes() {
    let svg_bytes = wrap("");
    let cases: [(&str, &[u8]); 5] = [
        ("image/jpeg", &png(4, 4)),
        ("image/png", &jpeg(4, 4)),
        ("image/png", svg_bytes.as_bytes()),
        ("image/svg+xml", &png(4, 4)),
        ("image/svg+xml", &jpeg(4, 4)),
    ];
    for (declared, bytes) in cases {
        assert_eq!(
            clean_logo(declared, bytes),
            Err(LogoRefusal::TypeMismatch),
            "{declared}"
        );
    }
}

#[test]
fn unknown_types_are_refused() {
    assert_eq!(
        clean_logo("image/gif", &png(4, 4)),
        Err(LogoRefusal::UnknownType)
    );
    assert_eq!(clean_logo("", &png(4, 4)), Err(LogoRefusal::UnknownType));
    assert_eq!(
        clean_logo("image/png", b"GIF89a\x01\x00"),
        Err(LogoRefusal::UnknownType)
    );
    assert_eq!(
        clean_logo("image/svg+xml", b"\xFF\xFE<\0s\0"),
        Err(LogoRefusal::UnknownType)
    );
    assert_eq!(
        clean_logo("image/svg+xml", b"just text"),
        Err(LogoRefusal::UnknownType)
    );
}

#[test]
fn empty_and_too_large_files_are_refused_size_first() {
    assert_eq!(clean_logo("image/png", &[]), Err(LogoRefusal::Empty));
    let big = vec![0u8; MAX_LOGO_BYTES + 1];
    assert_eq!(clean_logo("image/png", &big), Err(LogoRefusal::TooLarge));
    assert_eq!(clean_logo("text/html", &big), Err(LogoRefusal::TooLarge));
    let mut just_fits = png(8, 8);
    just_fits.resize(MAX_LOGO_BYTES, 0);
    assert_ne!(
        clean_logo("image/png", &just_fits),
        Err(LogoRefusal::TooLarge)
    );
}

#[test]
fn damaged_images_are_refused_without_panicking() {
    for (declared, whole) in [("image/png", png(24, 24)), ("image/jpeg", jpeg(24, 24))] {
        // Decoders pad a stream cut in its last few entropy bytes; anything shorter is refused.
        for end in 1..whole.len() {
            let result = clean_logo(declared, &whole[..end]);
            assert!(
                result.is_err() || end > whole.len() * 9 / 10,
                "{declared} cut at {end}"
            );
        }
        for at in (8..whole.len()).step_by(7) {
            let mut flipped = whole.clone();
            flipped[at] ^= 0x5A;
            let _ = clean_logo(declared, &flipped);
        }
    }
}

#[test]
fn refusals_read_as_sentences_without_file_content() {
    let refusal = clean_logo("image/png", &[SECRET, b"<svg"].concat()).expect_err("refused");
    let message = refusal.to_string();
    assert!(
        message.ends_with('.') && !message.contains("SECRET"),
        "{message}"
    );
    assert_eq!(
        LogoRefusal::TooLarge.to_string(),
        "The logo is larger than 256 KiB."
    );
    let unreadable = clean_logo("image/png", &png_header(3, 3)).expect_err("refused");
    assert!(unreadable
        .to_string()
        .starts_with("The logo could not be read: "));
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
