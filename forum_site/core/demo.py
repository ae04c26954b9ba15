"""Registry of demo-data seeders: each feature adds its own content to `seed_demo`.

An app registers a function in its own `demo.py`::

    from forum_site.core.demo import demo_seeder

    @demo_seeder(order=20)
    def seed_programs(*, log):
        ...

Seeders must be idempotent (get_or_create on natural keys): `seed_demo` may run on
every `make run`. They run in `order`, lowest first; accounts use 10, publications 20,
discussions 30, comments 40, search 90.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules

Seeder = Callable[..., None]


@dataclass(frozen=True)
class _Registered:
    order: int
    name: str
    func: Seeder


_registry: dict[str, _Registered] = {}


def demo_seeder(*, order: int) -> Callable[[Seeder], Seeder]:
    def register(func: Seeder) -> Seeder:
        name = f"{func.__module__}.{func.__qualname__}"
        _registry[name] = _Registered(order=order, name=name, func=func)
        return func

    return register


def registered_seeders() -> list[_Registered]:
    autodiscover_modules("demo")
    return sorted(_registry.values(), key=lambda r: (r.order, r.name))
