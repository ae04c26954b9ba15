"""Demo data: after every other seeder (order 90), build the search index from scratch so
the demo site finds what the other seeders created."""



def seed_search_index(*, log):
    from . import services

    counts = services.rebuild()
    log(f"search index: {', '.join(f'{k} {v}' for k, v in counts.items())} records")
