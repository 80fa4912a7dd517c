#!/usr/bin/env python3
"""Checks two habits of the C++ sources (app/, core/, ui/, tests/) that the compiler does not.

  check_code.py format CLANG_FORMAT ROOT     every file is as the root .clang-format writes it
  check_code.py functions MAX ROOT           no function body is longer than MAX lines

Exit status 0 when the check passes, 1 with one line per finding (file:line) otherwise. Both are
registered as CTest tests (code_format, code_function_length), so CI runs them.

Function bodies are found the way .clang-format (BreakBeforeBraces: Linux) writes them: a
function definition at namespace scope opens with "{" alone at column 0 and closes with "}" at
column 0; namespace, class, struct, enum and extern blocks are skipped. Lambdas count towards the
function that holds them. Member functions defined inside a class body are not measured (they are
one-liners here by habit).
"""

import pathlib
import re
import subprocess
import sys

SOURCE_DIRS = ("app", "core", "ui", "tests", "packaging/fuzz")
SUFFIXES = (".cpp", ".h")
NOT_A_FUNCTION = re.compile(r"^\s*(namespace|class|struct|union|enum|extern)\b")


def sources(root):
    for d in SOURCE_DIRS:
        for path in sorted((root / d).rglob("*")):
            if path.suffix in SUFFIXES and path.is_file():
                yield path


def check_format(clang_format, root):
    findings = []
    for path in sources(root):
        done = subprocess.run([clang_format, "--dry-run", "--Werror", "--style=file", str(path)],
                              cwd=root, capture_output=True, text=True)
        if done.returncode != 0:
            first = (done.stderr.strip().splitlines() or ["differs from .clang-format"])[0]
            findings.append(f"{path.relative_to(root)}: not clang-formatted ({first})")
    return findings


def long_functions(path, root, max_lines):
    lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    findings = []
    i = 0
    while i < len(lines):
        if lines[i].rstrip() == "{" and i > 0 and not NOT_A_FUNCTION.match(lines[i - 1]):
            end = i + 1
            while end < len(lines) and not lines[end].startswith("}"):
                end += 1
            body = end - i - 1
            if body > max_lines:
                name = lines[i - 1].strip()[:80]
                findings.append(f"{path.relative_to(root)}:{i + 1}: {body} lines (max {max_lines}): {name}")
            i = end
        i += 1
    return findings


def main(argv):
    if len(argv) != 4 or argv[1] not in ("format", "functions"):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    root = pathlib.Path(argv[3]).resolve()
    if argv[1] == "format":
        findings = check_format(argv[2], root)
    else:
        findings = []
        for path in sources(root):
            findings += long_functions(path, root, int(argv[2]))
    for f in findings:
        print(f)
    print(f"{len(findings)} finding(s) in {sum(1 for _ in sources(root))} files")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
