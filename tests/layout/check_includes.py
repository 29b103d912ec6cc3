#!/usr/bin/env python3
"""The include rules of docs/architecture.md, checked over the sources (ctest: layout_includes).

1. core/ includes no HTTP (cpp-httplib, libcurl), SQLite, UI (Dear ImGui, SDL, OpenGL,
   FreeType) or audio device (ALSA, PulseAudio, PipeWire, PortAudio, OpenAL) header, and no
   header of the server or the kiosk. (espeak-ng is allowed: it synthesises to memory.)
2. Outside the storage code (booking-server/src/storage/, booking-server/include/okno/server/
   storage/), the benchmarks and the tests that test storage, nothing includes <sqlite3.h> or a
   okno/server/storage/sqlite/ header.

Includes are followed through the project's own headers, so a file that reaches a forbidden
header through another header is named with the chain. Exit status 1 and one line per
violation when a rule is broken; 0 when all hold.

Usage: check_includes.py SOURCE_ROOT
"""
import os
import re
import sys

SOURCE_DIRS = ["core", "booking-server", "kiosk", "tests", "bench"]
EXTENSIONS = (".cpp", ".cc", ".hpp", ".h")
SKIP_DIRS = {"build", "node_modules", ".git"}
# Where quoted and angle includes of the project resolve (the targets' include directories).
INCLUDE_DIRS = ["core/include", "booking-server/include"]

HTTP = re.compile(r"^(httplib\.h|curl/.*)$")
SQLITE = re.compile(r"^(sqlite3\.h|okno/server/storage/sqlite/.*)$")
UI = re.compile(r"^(imgui.*|backends/imgui.*|SDL.*|SDL2/.*|GL/.*|GLES.*|EGL/.*|ft2build\.h|freetype/.*)$")
AUDIO = re.compile(r"^(alsa/.*|pulse/.*|pipewire/.*|portaudio\.h|AL/.*)$")
LAYERS = re.compile(r"^okno/(server|kiosk)/.*$")

# Files that may include SQLite: the storage code itself, benchmarks (they measure the raw SQLite
# limit next to the server), and the tests that test what storage wrote.
SQLITE_ALLOWED_PREFIXES = [
    "booking-server/src/storage/",
    "booking-server/include/okno/server/storage/",
    "bench/",
]
SQLITE_ALLOWED_FILES = {
    "tests/http/durability_test.cpp",  # fsync and crash durability of the SQLite file
    "tests/http/support/test_server.cpp",  # reads the database file a test server wrote
    "tests/http/slots_render_test.cpp",  # free slots over the SQLite booking store in-process
}

# Known exceptions, as (file, included header) edges the walk does not follow. None today: the
# queue store went behind core's QueueStore (issue 10). Nothing may be added here without a
# comment naming who removes it.
KNOWN_EXCEPTIONS = set()

INCLUDE_RE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def source_files(root):
    for top in SOURCE_DIRS:
        base = os.path.join(root, top)
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
            for name in sorted(filenames):
                if name.endswith(EXTENSIONS):
                    yield os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/")


def includes_of(root, rel):
    out = []
    with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            m = INCLUDE_RE.match(line)
            if m:
                out.append((number, m.group(2), m.group(1) == '"'))
    return out


def resolve(root, rel, header, quoted):
    """The project file an include names, or None for a system header."""
    candidates = [os.path.join(os.path.dirname(rel), header)] if quoted else []
    candidates += [os.path.join(d, header) for d in INCLUDE_DIRS]
    for c in candidates:
        c = os.path.normpath(c).replace(os.sep, "/")
        if os.path.isfile(os.path.join(root, c)):
            return c
    return None


class Graph:
    def __init__(self, root):
        self.root = root
        self.cache = {}

    def edges(self, rel):
        if rel not in self.cache:
            self.cache[rel] = [(n, h, resolve(self.root, rel, h, q))
                               for n, h, q in includes_of(self.root, rel)]
        return self.cache[rel]

    def reach(self, rel, forbidden, exempt):
        """(line, header, chain) for each forbidden header `rel` includes, directly or through
        headers the rule exempts (a header the rule covers is reported on its own instead)."""
        found, seen = [], {rel}
        pending = [(rel, None, [])]
        while pending:
            current, line, chain = pending.pop(0)
            for number, header, target in self.edges(current):
                if (current, header) in KNOWN_EXCEPTIONS:
                    continue
                at = line if line is not None else number
                if forbidden(header):
                    found.append((at, header, chain))
                elif target and target not in seen and exempt(target):
                    seen.add(target)
                    pending.append((target, at, chain + [target]))
        return found


def sqlite_allowed(rel):
    return rel in SQLITE_ALLOWED_FILES or any(rel.startswith(p) for p in SQLITE_ALLOWED_PREFIXES)


def check(root):
    graph = Graph(root)
    problems = []
    for rel in source_files(root):
        if rel.startswith("core/"):
            forbidden = lambda h: (HTTP.match(h) or SQLITE.match(h) or UI.match(h) or AUDIO.match(h)
                                   or LAYERS.match(h))
            exempt = lambda target: False
            why = "core/ includes no HTTP, SQLite, UI, audio device, server or kiosk header"
        elif not sqlite_allowed(rel):
            forbidden = lambda h: SQLITE.match(h)
            exempt = sqlite_allowed
            why = ("only booking-server's storage/ (and the benchmarks and storage tests) include "
                   "SQLite: use the store interfaces of core/")
        else:
            continue
        for number, header, chain in graph.reach(rel, forbidden, exempt):
            via = f" (via {' -> '.join(chain)})" if chain else ""
            problems.append(f"{rel}:{number}: includes <{header}>{via}: {why}")
    return problems


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    root = sys.argv[1]
    for top in ("core", "booking-server"):
        if not os.path.isdir(os.path.join(root, top)):
            print(f"check_includes: {root} has no {top}/", file=sys.stderr)
            return 2
    problems = check(root)
    for p in problems:
        print(p)
    if problems:
        print(f"check_includes: {len(problems)} include rule(s) broken; see docs/architecture.md")
        return 1
    print("check_includes: core/ and the storage boundary are clean")
    return 0


if __name__ == "__main__":
    sys.exit(main())
