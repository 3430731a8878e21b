"""Reading Dash layouts in unit tests: every text of a tree, a component by id, a page module."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType


def texts(component: object) -> list[str]:
    """Every string in a Dash component tree, depth first."""
    if isinstance(component, str):
        return [component]
    if isinstance(component, (list, tuple)):
        return [text for child in component for text in texts(child)]
    children = getattr(component, "children", None)
    return texts(children) if children is not None else []


def find(component: object, component_id: str) -> object | None:
    """The component with `component_id` in a tree, or None."""
    if getattr(component, "id", None) == component_id:
        return component
    children = component if isinstance(component, (list, tuple)) else getattr(component, "children", None)
    if isinstance(children, (list, tuple)):
        for child in children:
            found = find(child, component_id)
            if found is not None:
                return found
    elif children is not None and not isinstance(children, str):
        return find(children, component_id)
    return None


def source_links(component: object) -> list[tuple[str, str]]:
    """(words, href) of every link to the report's text in a tree: the sources a reader can follow."""
    if isinstance(component, (list, tuple)):
        return [link for child in component for link in source_links(child)]
    href = getattr(component, "href", None)
    found = [(" ".join(texts(component)), href)] if isinstance(href, str) and href.startswith("/report") else []
    children = getattr(component, "children", None)
    if children is None or isinstance(children, str):
        return found
    return found + source_links(children)


def load_page(name: str, part: str = "page") -> ModuleType:
    """The page module `pages.<name>` (or `part` of the page package `pages/<name>/`), after the Dash app is
    built (pages register themselves with it)."""
    import app  # noqa: F401 - builds the Dash app on the current test database

    if (Path(__file__).resolve().parent.parent / "pages" / name).is_dir():
        return importlib.import_module(f"pages.{name}.{part}")
    return importlib.import_module(f"pages.{name}")
