//! libxml2's Canonical XML 1.0 in a Python child (lxml, `scripts/c14n_reference.py`),
//! asked over pipes: the reference the canonicaliser is compared against.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

/// libxml2's C14N in a Python child, asked over pipes.
pub(super) struct Reference {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
}

impl Reference {
    /// The venv `scripts/test` makes (`ensure_xml_reference` in scripts/lib.sh), or the
    /// python `KYC_TEST_XML_REFERENCE` names.
    pub(super) fn start() -> Reference {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let python = std::env::var("KYC_TEST_XML_REFERENCE")
            .unwrap_or_else(|_| format!("{root}/target/xml-reference/bin/python"));
        let mut child = Command::new(&python)
            .arg(format!("{root}/scripts/c14n_reference.py"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "the XML reference ({python}) did not start: {e}; scripts/test installs it \
                     (ensure_xml_reference in scripts/lib.sh)"
                )
            });
        let input = child.stdin.take().expect("stdin");
        let output = BufReader::new(child.stdout.take().expect("stdout"));
        let mut reference = Reference {
            child,
            input,
            output,
        };
        assert_eq!(
            reference.canonical(b"<r b='1' a='2'/>").as_deref(),
            Ok("<r a=\"2\" b=\"1\"></r>"),
            "the XML reference ({python}) does not canonicalise"
        );
        reference
    }

    /// The canonical form of the whole document.
    pub(super) fn canonical(&mut self, document: &[u8]) -> Result<String, String> {
        self.ask("document", document)
    }

    fn ask(&mut self, what: &str, document: &[u8]) -> Result<String, String> {
        fn dead<T>(e: std::io::Error) -> T {
            panic!("the XML reference stopped answering: {e}")
        }
        writeln!(self.input, "{} {what}", document.len()).unwrap_or_else(dead);
        self.input.write_all(document).unwrap_or_else(dead);
        self.input.flush().unwrap_or_else(dead);
        let mut header = String::new();
        self.output.read_line(&mut header).unwrap_or_else(dead);
        let Some((status, length)) = header.trim_end().split_once(' ') else {
            panic!("the XML reference stopped answering (is lxml installed in its venv?)");
        };
        let mut body = vec![0; length.parse().expect("a length")];
        self.output.read_exact(&mut body).unwrap_or_else(dead);
        let body = String::from_utf8(body).expect("UTF-8 from the reference");
        match status {
            "ok" => Ok(body),
            _ => Err(body),
        }
    }
}

impl Drop for Reference {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
