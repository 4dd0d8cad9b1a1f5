"""libxml2's Canonical XML 1.0 without comments, through lxml: the reference the
e-Aadhaar canonicaliser's differential fuzz target compares against.

Reads documents from stdin, each as a line `<length in bytes> document` then the bytes.
Answers each the same way, the
line saying `ok <n>` (the canonical form follows) or `error <n>` (the message follows). No
DTDs, no entities, no network, as the verifier parses.
"""

import io
import sys

from lxml import etree

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                         huge_tree=False, remove_blank_text=False)


def canonical(data: bytes) -> bytes:
    tree = etree.parse(io.BytesIO(data), PARSER)
    out = io.BytesIO()
    tree.write_c14n(out, exclusive=False, with_comments=False)
    return out.getvalue()


def main() -> None:
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    while True:
        header = source.readline()
        if not header:
            return
        length, _what = header.split()
        data = source.read(int(length))
        try:
            status, body = b"ok", canonical(data)
        except etree.LxmlError as error:
            status, body = b"error", str(error).encode()
        sink.write(b"%s %d\n" % (status, len(body)))
        sink.write(body)
        sink.flush()


if __name__ == "__main__":
    main()
