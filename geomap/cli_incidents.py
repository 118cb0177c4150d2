"""``geomap eval-incidents``: score the incident place geomap picks against an annotated set.

A command of its own module, registered on the ``geomap`` group like
``geomap map`` (:mod:`geomap.cli_map`).  The scoring is the library's
(:mod:`geomap.incident_eval`); this module only prints.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from .cli import _area_context, _db_option, _open_gazetteer, _quiet_option, cli


@cli.command("eval-incidents")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores (and the misses) as JSON.")
@click.option("--misses/--no-misses", default=True, show_default=True,
              help="List the articles placed more than 25 km from the gold, or not at all.")
@click.option("--case", type=click.Choice(["lower", "upper"]), default=None,
              help="Score the articles rewritten in lower or upper case (title and text), as scraped "
                   "headlines and chat write them.")
@click.option("--area", metavar="PLACE", default="",
              help="The country or first-level region the set's texts come from (a local paper's own stories: "
                   "'Kentucky, United States'), as `geomap map --area` reads it.")
@_db_option
@_quiet_option
def eval_incidents(gold, as_json, misses, case, area, db, quiet):
    """Score the incident place of each article of GOLD (JSONL) against its annotation.

    Each line of GOLD is an article: {"id", "title", "text", "date"?, "incident":
    {"name", "lat", "lon", ...} or null, "dateline"?}.  Each article is located
    from its text by the real pipeline.  Prints the share of articles within
    25 km and 161 km of the gold point, the share within 25 km per confidence
    band and per located_by, what became of the articles the gold says have no
    incident, and the misses (id, chosen place, gold place, km, located_by).

    \b
    Examples:
      geomap eval-incidents benchmarks/data/incidents_wikinews.jsonl
      geomap eval-incidents benchmarks/data/incidents_wire.jsonl --json
      geomap eval-incidents benchmarks/data/incidents_wire.jsonl --case lower
      geomap eval-incidents our-paper.jsonl --area "Kentucky, United States"
    """
    import dataclasses
    import time

    from .geoparser import Geoparser
    from .incident_eval import FAR_KM, NEAR_KM, evaluate_incidents, read_gold
    from .tuning import recase

    articles = read_gold(gold)
    if case:
        articles = [dataclasses.replace(a, title=recase(a.title, case), text=recase(a.text, case)) for a in articles]
    parser = Geoparser(_open_gazetteer(db, quiet))
    _area_context(parser, area)
    t = time.perf_counter()
    scores = evaluate_incidents(articles, parser, path=str(gold), area=area)
    elapsed = time.perf_counter() - t
    if as_json:
        out = scores.to_dict()
        if not misses:
            del out["misses"]
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    click.echo(f"{gold}: {scores.articles} articles, {scores.with_incident} with a gold incident "
               f"({scores.articles / elapsed:,.0f} articles/s)")
    click.echo(f"  within {NEAR_KM:g} km: {scores.within_near:.3f}   within {FAR_KM:g} km: {scores.within_far:.3f}"
               f"   unlocated: {scores.unlocated}")
    if scores.null_articles:
        click.echo(f"  gold says no incident: {scores.null_articles} articles, of which geomap located "
                   f"{scores.null_located}")
    click.echo(f"  within {NEAR_KM:g} km by confidence:  " + "   ".join(
        f"{band}: {share:.2f} of {n}" for band, n, share in scores.calibration if n))
    click.echo(f"  within {NEAR_KM:g} km by located_by:")
    for how, n, share in scores.by_located_by:
        click.echo(f"    {how:28} {n:4}  {share:.2f}")
    if misses and scores.misses:
        click.echo(f"  misses ({len(scores.misses)}): id | chosen place | gold place | km | located_by | confidence")
        for o in scores.misses:
            km = "-" if o.km is None else f"{o.km:,.0f}"
            chosen = o.place or f"(unlocated: {o.reason})"
            click.echo(f"    {o.id} | {chosen} | {o.gold} | {km} | {o.located_by} | {o.confidence:.2f}")
