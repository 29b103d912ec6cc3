#!/usr/bin/env python3
"""The include checker's own test (ctest: layout_includes_selftest): on a small tree that breaks
every rule it reports each violation, and nothing that is allowed; on a clean tree it passes."""
import os
import subprocess
import sys
import tempfile

CHECKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check_includes.py")

FILES = {
    # core/: HTTP, SQLite, UI and server headers, directly and through a core header.
    "core/src/http_in_core.cpp": '#include <httplib.h>\n#include <curl/curl.h>\n',
    "core/src/ui_in_core.cpp": '#include <imgui.h>\n#include <SDL2/SDL.h>\n#include <GL/gl.h>\n',
    "core/src/audio_in_core.cpp": '#include <alsa/asoundlib.h>\n#include <pulse/simple.h>\n',
    "core/src/speech_in_core.cpp": '#include <espeak-ng/speak_lib.h>\n',
    "core/include/okno/leaky.hpp": '#include "okno/server/storage/sqlite/sqlite.hpp"\n',
    "core/src/uses_leaky.cpp": '#include "okno/leaky.hpp"\n#include <vector>\n',
    "core/src/clean.cpp": '#include "okno/error.hpp"\n#include <string>\n',
    "core/include/okno/error.hpp": '#pragma once\n#include <string>\n',
    # The storage code may include SQLite; its header must not hand it to others.
    "booking-server/include/okno/server/storage/sqlite/sqlite.hpp": '#include <sqlite3.h>\n',
    "booking-server/src/storage/sqlite/store.cpp":
        '#include <sqlite3.h>\n#include "okno/server/storage/sqlite/sqlite.hpp"\n',
    "booking-server/include/okno/server/storage/storage.hpp":
        '#include "okno/server/storage/sqlite/sqlite.hpp"\n',
    "booking-server/src/app.cpp": '#include "okno/server/storage/storage.hpp"\n',
    "booking-server/src/http/direct.cpp": '#include <sqlite3.h>\n',
    "booking-server/src/http/clean_routes.cpp": '#include <httplib.h>\n',
    # Benchmarks and the storage tests may; another test may not.
    "bench/raw.cpp": '#include <sqlite3.h>\n',
    "tests/http/durability_test.cpp": '#include "okno/server/storage/sqlite/sqlite.hpp"\n',
    "tests/http/api_test.cpp": '#include <sqlite3.h>\n',
    "kiosk/src/ui.cpp": '#include <imgui.h>\n',
}

EXPECTED = [
    "core/src/http_in_core.cpp:1: includes <httplib.h>",
    "core/src/http_in_core.cpp:2: includes <curl/curl.h>",
    "core/src/ui_in_core.cpp:1: includes <imgui.h>",
    "core/src/ui_in_core.cpp:2: includes <SDL2/SDL.h>",
    "core/src/ui_in_core.cpp:3: includes <GL/gl.h>",
    "core/src/audio_in_core.cpp:1: includes <alsa/asoundlib.h>",
    "core/src/audio_in_core.cpp:2: includes <pulse/simple.h>",
    "core/include/okno/leaky.hpp:1: includes <okno/server/storage/sqlite/sqlite.hpp>",
    "booking-server/src/app.cpp:1: includes <okno/server/storage/sqlite/sqlite.hpp> (via "
    "booking-server/include/okno/server/storage/storage.hpp)",
    "booking-server/src/http/direct.cpp:1: includes <sqlite3.h>",
    "tests/http/api_test.cpp:1: includes <sqlite3.h>",
]
# Allowed: must not be named.
ALLOWED = ["core/src/clean.cpp", "core/src/speech_in_core.cpp", "core/src/uses_leaky.cpp", "storage/sqlite/store.cpp",
           "http/clean_routes.cpp", "bench/raw.cpp", "durability_test.cpp", "kiosk/src/ui.cpp"]


def write_tree(root, files):
    for rel, text in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def run(root):
    r = subprocess.run([sys.executable, CHECKER, root], capture_output=True, text=True)
    return r.returncode, r.stdout + r.stderr


def main():
    failures = []
    with tempfile.TemporaryDirectory() as bad:
        write_tree(bad, FILES)
        code, out = run(bad)
        if code != 1:
            failures.append(f"broken tree: exit {code}, expected 1")
        lines = out.splitlines()
        for want in EXPECTED:
            if not any(line.startswith(want + ":") for line in lines):
                failures.append(f"not reported: {want}")
        for line in lines:
            if any(a in line.split(":")[0] for a in ALLOWED):
                failures.append(f"reported although allowed: {line}")
        # uses_leaky.cpp reaches SQLite only through leaky.hpp, which is reported itself.
        reported = [l for l in lines if ": includes <" in l]
        if len(reported) != len(EXPECTED):
            failures.append(f"{len(reported)} violations reported, expected {len(EXPECTED)}:\n"
                            + out)
    with tempfile.TemporaryDirectory() as good:
        write_tree(good, {k: v for k, v in FILES.items()
                          if not any(k.endswith(b) for b in (
                              "http_in_core.cpp", "ui_in_core.cpp", "audio_in_core.cpp", "leaky.hpp", "uses_leaky.cpp",
                              "storage/storage.hpp", "direct.cpp", "api_test.cpp"))})
        code, out = run(good)
        if code != 0:
            failures.append(f"clean tree: exit {code}, expected 0:\n{out}")
    for f in failures:
        print("FAIL:", f)
    if failures:
        return 1
    print("check_includes_test: every broken rule is reported, nothing allowed is")
    return 0


if __name__ == "__main__":
    sys.exit(main())
