from django.core.management.base import BaseCommand

from search import services
from search.engines import EngineUnavailable, database_engine, primary_engine, write_engines


def pick_engines(name: str):
    if name == "database":
        return [database_engine()]
    if name == "primary":
        return [primary_engine()]
    return write_engines()


class Command(BaseCommand):
    help = ("Rebuild the search index from the database (the source of truth). "
            "Elasticsearch gets a new index swapped in behind its alias.")

    def add_arguments(self, parser):
        parser.add_argument("--engine", choices=["all", "database", "primary"], default="all",
                            help="Which engines to rebuild (default: every engine in use).")

    def handle(self, *args, engine, **options):
        try:
            counts = services.rebuild(progress=self.stdout.write, engines=pick_engines(engine))
        except EngineUnavailable as exc:
            self.stderr.write(f"search engine unavailable: {exc}")
            raise SystemExit(1) from exc
        for name, count in counts.items():
            self.stdout.write(self.style.SUCCESS(f"{name}: {count} records indexed"))
