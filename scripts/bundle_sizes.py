"""Prints the browser bundle's entries, raw and brotli (the .br copy the release build
wrote, else compressed here at quality 11): the customer's first load (the main wasm, its
JS and the stylesheet), each lazily loaded chunk, and the staff's first load (the first
load plus the split loader and the chunks of the journeys page, as the split manifest
lists them)."""

import json
import pathlib
import subprocess
import sys

pkg = pathlib.Path(sys.argv[1])


def brotli_size(path: pathlib.Path) -> int:
    copy = path.with_name(path.name + ".br")
    if copy.exists():
        return copy.stat().st_size
    out = subprocess.run(["brotli", "-c", "-q", "11", str(path)], capture_output=True, check=True)
    return len(out.stdout)


files = sorted(
    p for p in pkg.rglob("*") if p.is_file() and p.suffix not in (".br", ".gz")
)
sizes = {p.relative_to(pkg).as_posix(): (p.stat().st_size, brotli_size(p)) for p in files}


def line(label: str, raw: int, br: int) -> None:
    print(f"{label:<58} {raw:>10,} raw {br:>9,} brotli")


main = [n for n in sizes if n.startswith("kyc.") and n.endswith((".wasm", ".js", ".css"))]
first = [sum(sizes[n][i] for n in main) for i in (0, 1)]
print("Entries (bytes)")
for name in main:
    line(f"  {name}", *sizes[name])
line("customer first load (main wasm + JS + CSS)", *first)

chunks = [n for n in sizes if n not in main and n.endswith(".wasm")]
loader = [n for n in sizes if n.startswith("__wasm_split") and n.endswith(".js")]
manifest_name = next((n for n in sizes if n.startswith("__wasm_split_manifest")), None)
print(f"Lazily loaded chunks ({len(chunks)})")
for name in sorted(chunks, key=lambda n: -sizes[n][0]):
    line(f"  {name}", *sizes[name])
line("all chunks", sum(sizes[n][0] for n in chunks), sum(sizes[n][1] for n in chunks))

if manifest_name:
    manifest = json.loads((pkg / manifest_name).read_text())
    # The journeys page: the dashboard frame and the journeys list, with what they import.
    wanted = [k for k in manifest if "staff_frame_view" in k or "_journeys_view" in k]
    needed = set(loader)
    for key in wanted:
        entry = manifest[key]
        names = entry if isinstance(entry, list) else [entry]
        for n in names:
            # The manifest names files without their `.wasm`.
            for name in (n, f"{n}.wasm") if isinstance(n, str) else ():
                if name in sizes:
                    needed.add(name)
    staff = [sum(sizes[n][i] for n in needed) + first[i] for i in (0, 1)]
    print(f"Staff first load (journeys page: {', '.join(sorted(wanted)) or 'no entries found'})")
    line("staff first load (first load + loader + its chunks)", *staff)
