"""Registry of demo-data seeders: each feature adds its own content to `seed_demo`.

An app registers a function of its own `demo.py` in its `AppConfig.ready()`, by dotted
path (imported only when `seed_demo` runs)::

    from forum_site.core import demo

    demo.register_seeder("publications.demo.seed_programs", order=23)

Seeders must be idempotent (get_or_create on natural keys): `seed_demo` may run on
every `make run`. They run in `order`, lowest first; accounts use 10, publications 20,
discussions 30, comments 40, search 90.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import import_string

from .plugins import Registry

Seeder = Callable[..., None]


@dataclass(frozen=True)
class _Registered:
    order: int
    name: str
    func: Seeder


SEEDERS: Registry[str] = Registry("demo seeders", owner="forum_site/core/demo.py")


def register_seeder(path: str, *, order: int) -> None:
    """Add the seeder at dotted `path` (`app.demo.seed_x`), run in `order`."""
    SEEDERS.add(path, path, order=order)


def registered_seeders() -> list[_Registered]:
    return [_Registered(order=entry.order, name=entry.key, func=import_string(entry.item))
            for entry in SEEDERS.entries()]
