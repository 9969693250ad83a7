"""The package's layers: imports point down only, each library is imported in its own layer.

cli → host → search / pipeline → input / output → core → errors (see README, "Design").
Every import is read, at module level and inside functions alike.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "generator"

# Layer → the layers it may import (besides itself).
MAY_IMPORT = {
    "errors": set(),
    "core": {"errors"},
    "input": {"core", "errors"},
    "output": {"core", "errors"},
    "pipeline": {"input", "core", "errors"},
    "search": {"output", "core", "errors"},
    "host": {"search", "pipeline", "input", "output", "core", "errors"},
    "cli": {"host", "search", "pipeline", "input", "output", "core", "errors"},
}
# Third-party libraries and the one layer that may import each.
LIBRARY_LAYER = {
    "yaml": "input",
    "jinja2": "output",
    "markupsafe": "output",
    "openpyxl": "output",
    "icalendar": "output",
    "segno": "output",
    "weasyprint": "output",
    "pagefind_bin_extended": "search",
    "mkdocs": "host",
    "chinese_calendar": "core",
    # policy-column import reads documents in input/imports/.
    "pdfplumber": "input",
    "pdfminer": "input",
    "docx": "input",
    "lxml": "input",
}


def layer_of(module: str) -> str:
    """``generator.core.split`` → ``core``; ``generator.errors`` → ``errors``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def module_name(path: Path, root: Path = PACKAGE) -> str:
    relative = path.relative_to(root.parent).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


LAYER_MODULES = ("generator", *(f"generator.{layer}" for layer in MAY_IMPORT))


def imported_modules(path: Path, root: Path = PACKAGE) -> list[tuple[int, str]]:
    """Every module ``path`` imports, absolute, with its line (``from a import b`` also
    counts as importing ``a.b`` when ``a`` is a layer, since ``b`` may be a module)."""
    here = module_name(path, root).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1])
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            if node.module is None or target in LAYER_MODULES:
                found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names]
    return found


def wrong_arrows(root: Path = PACKAGE) -> list[str]:
    """``file:line: what is wrong`` for every import against the layer table."""
    problems = []
    for module, path in package_files(root).items():
        mine = layer_of(module)
        for line, target in imported_modules(path, root):
            where = f"{path.relative_to(root.parent)}:{line}"
            top = target.split(".")[0]
            if top == "generator":
                theirs = layer_of(target)
                if theirs and theirs != mine and theirs not in MAY_IMPORT.get(mine, set()):
                    problems.append(f"{where}: {mine} imports {target} ({theirs} is not below it)")
            elif top in LIBRARY_LAYER and LIBRARY_LAYER[top] != mine:
                owner = LIBRARY_LAYER[top]
                problems.append(f"{where}: {mine} imports {top}, which belongs to {owner}")
    return problems


def circles(root: Path = PACKAGE) -> list[list[str]]:
    """Import cycles between the package's modules, each as the path that closes it."""
    files = package_files(root)
    graph = {
        module: {t for _, t in imported_modules(path, root) if t in files and t != module}
        for module, path in files.items()
    }
    found, state = [], {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                found.append([*trail[trail.index(target) :], target])
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    return found


def package_files(root: Path = PACKAGE) -> dict[str, Path]:
    return {module_name(path, root): path for path in sorted(root.rglob("*.py"))}


def test_every_module_is_in_a_layer():
    outside = [m for m in package_files() if layer_of(m) not in MAY_IMPORT and m != "generator"]
    assert outside == []


def test_imports_point_down():
    assert wrong_arrows() == []


def test_no_import_circles():
    assert circles() == []


def test_a_wrong_arrow_is_caught(tmp_path: Path):
    """The checks above fail on a fabricated upward import, a misplaced library and a circle."""
    fake = tmp_path / "generator"
    (fake / "core").mkdir(parents=True)
    (fake / "host").mkdir()
    for folder in (fake, fake / "core", fake / "host"):
        (folder / "__init__.py").write_text("")
    (fake / "core" / "rules.py").write_text(
        "import yaml\n\ndef f():\n    from generator.host.plugin import x\n"
    )
    (fake / "core" / "a.py").write_text("from generator.core import b\n")
    (fake / "core" / "b.py").write_text("from . import a\n")
    (fake / "host" / "plugin.py").write_text("import mkdocs\nx = 1\n")
    assert wrong_arrows(fake) == [
        "generator/core/rules.py:1: core imports yaml, which belongs to input",
        "generator/core/rules.py:4: core imports generator.host.plugin (host is not below it)",
    ]
    assert circles(fake) == [["generator.core.a", "generator.core.b", "generator.core.a"]]
