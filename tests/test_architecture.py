"""Imports run one way between Redflag's apps, so each can be read, tested and changed from the
bottom up:

    redflag.lib  ←  courses  ←  quizzes  ←  certificates  ←  outreach  ←  redflag (the project)

A module may import from its own layer and the layers to its left. `redflag.lib` holds helpers
that use no app (the sanitiser, spreadsheet cells, dates, links, regions). The project on top
(`redflag`: settings, URLs, accounts, the home page, the demo seed) wires the apps together.
Migrations are code too: a migration that imports a later layer would break when that layer
changes, so they are held to the same line.

Where an app needs something from a later layer, the later layer calls down (an explicit call or
a signal the lower app sends), or the lower app names the model by its label, as a ForeignKey
does ("outreach.Organisation", apps.get_model("accounts", "LearnerProfile")).
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Folder → import name, as pyproject.toml maps them.
PACKAGES = {"courses": "courses", "quizzes": "quizzes", "certificates": "certificates",
            "outreach": "outreach", "site": "redflag"}
LAYERS = ["redflag.lib", "courses", "quizzes", "certificates", "outreach", "redflag"]


def layer_of(module: str) -> int | None:
    """The layer a dotted module name belongs to; None for anything outside Redflag."""
    if module == "redflag.lib" or module.startswith("redflag.lib."):
        return 0
    top = module.split(".")[0]
    return LAYERS.index(top) if top in LAYERS else None


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    parts[0] = PACKAGES[parts[0]]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) for every import statement, however deep in the file."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            # `from package import module` imports the module too.
            found.append((node.lineno, target))
            found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names
                      if layer_of(f"{target}.{alias.name}") != layer_of(target)]
    return found


def source_files():
    for folder in PACKAGES:
        yield from sorted((ROOT / folder).rglob("*.py"))


def backward_imports() -> list[str]:
    problems = []
    for path in source_files():
        own = layer_of(module_name(path))
        for line, target in imported_modules(path):
            theirs = layer_of(target)
            if theirs is not None and theirs > own:
                problems.append(f"{path.relative_to(ROOT)}:{line} imports {target} "
                                f"({LAYERS[theirs]} is above {LAYERS[own]})")
    return problems


def test_no_import_runs_back_down_the_flow_between_apps():
    assert backward_imports() == []


def test_the_checker_sees_a_backward_import(tmp_path, monkeypatch):
    """The checker itself: an import from a later layer, relative or absolute, at the top of a
    file or inside a function, is reported."""
    (tmp_path / "courses").mkdir()
    (tmp_path / "courses" / "__init__.py").write_text("")
    (tmp_path / "courses" / "models.py").write_text(
        "from redflag.lib.dates import add_months\n"
        "from quizzes.models import QuizPage\n"
        "def f():\n    from outreach import services\n")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "lib").mkdir()
    (tmp_path / "site" / "lib" / "links.py").write_text("from ..accounts import models\n")
    for folder in ("quizzes", "certificates", "outreach"):
        (tmp_path / folder).mkdir()
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    assert [problem.split(" (")[0] for problem in backward_imports()] == [
        "courses/models.py:2 imports quizzes.models",
        "courses/models.py:4 imports outreach",
        "site/lib/links.py:1 imports redflag.accounts",
    ]


def test_every_layer_names_a_folder_of_the_project():
    assert {layer_of(name) for name in PACKAGES.values()} == {1, 2, 3, 4, 5}
    assert (ROOT / "site" / "lib" / "__init__.py").exists()
