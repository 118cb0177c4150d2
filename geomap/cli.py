"""The ``geomap`` command.  Thin: parse options, call the library, report.

Data goes to stdout, progress bars and messages to stderr.  Exit codes: 0 ok,
1 a user error (one-line message, no traceback), 2 a usage error.  The main
job, ``geomap map``, has its own module, :mod:`geomap.cli_map`.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from pathlib import Path

import click

from .errors import GeomapError

__all__ = ["main", "cli"]

#: GeoNames feature classes, as the legend of `geocode --map` names them.
_FEATURE_CLASSES = {"P": "city, town or village", "A": "country or region", "H": "water", "T": "mountain or terrain",
                    "L": "area", "S": "spot or building", "R": "road or railway", "V": "forest", "U": "undersea"}


def _db_option(func):
    return click.option(
        "--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=None,
        help="Gazetteer index file. Default: $GEOMAP_GAZETTEER, else the user cache directory.",
    )(func)


def _quiet_option(func):
    """``-q``: no progress bars (the summary and "Wrote …" lines stay); ``--silent``: nothing on stderr but
    errors.  The command sees ``quiet`` (true with either); :func:`_silent` says whether to keep quiet."""
    @functools.wraps(func)
    def wrapper(*args, silent: bool = False, **kwargs):
        click.get_current_context().meta["geomap_silent"] = silent
        kwargs["quiet"] = kwargs.get("quiet", False) or silent
        return func(*args, **kwargs)

    wrapper = click.option("--silent", is_flag=True, help="Nothing on stderr but errors (implies -q).")(wrapper)
    return click.option("-q", "--quiet", is_flag=True,
                        help="No progress bars (the summary and 'Wrote …' lines stay).")(wrapper)


def _silent() -> bool:
    """Did the user ask for --silent (no messages at all)?"""
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.meta.get("geomap_silent"))


def _open_gazetteer(db: Path | None, quiet: bool):
    from .gazetteer import Gazetteer

    if not _silent() and db is None:
        from .gazetteer import ENV_VAR, default_index_path

        # (an index named by $GEOMAP_GAZETTEER is never built unasked: Gazetteer says how to build it)
        if not default_index_path().exists() and not os.environ.get(ENV_VAR):
            click.echo(f"Building the gazetteer at {default_index_path()} (first use only)…", err=True)
    return Gazetteer(db, progress=not quiet)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="geomap")
def cli():
    """geomap: place names in news and incident records, geocoded offline and mapped.

    \b
    Examples:
      geomap geocode "al-Bab, Syria"
      geomap geocode --file samples/places.txt --map outputs/places.html
      geomap parse --text "Russian airstrike near al-Bab, Syria"
      geomap eval gold.jsonl --given-spans
      geomap eval-incidents incidents.jsonl
      geomap gazetteer info
    """


@cli.group()
def gazetteer():
    """Build, extend and inspect the local gazetteer index.

    \b
    Examples:
      geomap gazetteer build
      geomap gazetteer import SY.zip
      geomap gazetteer info --json
    """


@gazetteer.command("build")
@_db_option
@_quiet_option
def gazetteer_build(db, quiet):
    """Build (or rebuild) the gazetteer index from the data shipped with geomap.

    \b
    Example:
      geomap gazetteer build --db /data/geomap.sqlite
    """
    from .gazetteer import default_index_path
    from .gazetteer_build import build_gazetteer

    path = build_gazetteer(db or default_index_path(), progress=not quiet)
    if not _silent():
        click.echo(f"Built {path}", err=True)


@gazetteer.command("import")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_db_option
@_quiet_option
def gazetteer_import(files, db, quiet):
    """Add GeoNames dumps (19-column allCountries.txt, SY.txt, cities500.txt; .zip too).

    Rows replace places with the same geonameid.  All files are added in one
    transaction: a malformed line adds nothing and names its file and line.

    \b
    Example:
      geomap gazetteer import SY.zip IQ.zip
    """
    from .gazetteer import default_index_path
    from .gazetteer_build import import_geonames

    path = db or default_index_path()
    if db is None and not path.exists():
        _open_gazetteer(None, quiet).close()
    count = import_geonames(path, files, progress=not quiet)
    if not _silent():
        click.echo(f"Imported {count:,} rows into {path}", err=True)


@gazetteer.command("info")
@_db_option
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@_quiet_option
def gazetteer_info(db, as_json, quiet):
    """Say what the index holds: counts by feature class and country, sources, build date.

    \b
    Example:
      geomap gazetteer info --db /data/geomap.sqlite
    """
    with _open_gazetteer(db, quiet) as gaz:
        info = gaz.info()
    if as_json:
        click.echo(json.dumps(info, indent=2, ensure_ascii=False))
        return
    click.echo(f"Index:     {info['path']} ({info['size_bytes'] / 1e6:.1f} MB, schema {info['schema_version']})")
    click.echo(f"Built:     {info['built']}   last changed: {info['modified']}")
    click.echo(f"Places:    {info['places']:,}   names: {info['names']:,}")
    click.echo("By feature class: " + ", ".join(f"{k} {v:,}" for k, v in info["by_feature_class"].items()))
    click.echo("By feature code:  " + ", ".join(f"{k} {v:,}" for k, v in info["by_feature_code"].items()))
    if info["features"]:
        click.echo("Features (not populated places or admin regions): "
                   + ", ".join(f"{k} {v:,}" for k, v in info["features"].items()))
        click.echo("By prominence:    " + ", ".join(f"{k} {v:,}" for k, v in info["by_prominence"].items())
                   + "  (3 world map, 2 continental, 1 regional)")
    top = list(info["by_country"].items())
    click.echo(f"Countries: {len(top)}; most places: " + ", ".join(f"{k} {v:,}" for k, v in top[:15]))
    click.echo("Sources:")
    for src in info["sources"]:
        rows = f"{src['rows']:,} rows" if src["rows"] else ""
        click.echo(f"  {src['path']}  {rows}  ({src['added']})")


class _NegativeNumbersAreArguments(click.Command):
    """A command whose arguments may start with a minus and a digit ('-34.6,-58.4'), without '--'.

    Click reads any word that starts with '-' as an option; no option of ours starts
    with a digit, so such a word (not the value of an option) is shielded from the
    parser and handed back unchanged.
    """

    _MARK = "\x00geomap-arg:"
    _NEGATIVE = re.compile(r"-[0-9.]")

    def parse_args(self, ctx, args):
        takes_value = {name for p in self.params if isinstance(p, click.Option) and not p.is_flag
                       for name in (*p.opts, *p.secondary_opts)}
        shielded, previous = [], None
        for arg in args:
            if arg == "--":
                shielded += args[len(shielded):]
                break
            negative = isinstance(arg, str) and self._NEGATIVE.match(arg) and previous not in takes_value
            shielded.append(self._MARK + arg if negative else arg)
            previous = arg
        rest = super().parse_args(ctx, shielded)
        for name, value in ctx.params.items():
            if isinstance(value, tuple):
                ctx.params[name] = tuple(v.removeprefix(self._MARK) if isinstance(v, str) else v for v in value)
        return rest


@cli.command(cls=_NegativeNumbersAreArguments)
@click.argument("queries", nargs=-1)
@click.option("-f", "--file", "infile", type=click.Path(exists=True, dir_okay=False, allow_dash=True),
              help="Read one query per line from FILE ('-' for stdin).")
@click.option("--column", metavar="NAME",
              help="With --file: the file is a table (CSV, TSV, JSONL, Parquet, Excel) and NAME the column of "
                   "queries (an empty cell is reported as unlocated).")
@click.option("--country", "country", multiple=True, help="Restrict to a country (code or name); repeatable.")
@click.option("--all", "show_all", is_flag=True, help="Show every candidate, best first.")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True,
              help="With --all: at most this many per query.")
@click.option("--reverse", is_flag=True, help="Queries are 'LAT,LON' pairs: name the nearest place.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="How to print results on stdout.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the results as CSV (formula-safe) to this file.")
@click.option("--map", "map_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write an HTML map of the located places to this file.")
@_db_option
@_quiet_option
def geocode(queries, infile, column, country, show_all, limit, reverse, fmt, output, map_path, db, quiet):
    """Geocode place names offline against the local gazetteer.

    Qualifiers after commas narrow the search ("Paris, Texas",
    "Springfield, IL").  Every query is reported: located, or unlocated with
    the reason.

    \b
    Examples:
      geomap geocode "al-Bab, Syria" "St. Petersburg"
      geomap geocode --country SY al-Rai
      geomap geocode --all "Springfield"
      geomap geocode --reverse "36.37,37.52" "-34.6,-58.4"
      geomap geocode -f samples/places.txt -o outputs/places.csv --map outputs/places.html
      geomap geocode -f addresses.csv --column address -o outputs/addresses.csv
    """
    from geopy.exc import GeocoderQueryError
    from .progress import progress as tqdm

    from .geocoder import GazetteerGeocoder

    items = list(queries)
    if column and infile is None:
        raise click.UsageError("--column needs --file (the table to read the column from)")
    if infile is not None:
        items += _query_column(infile, column) if column else _query_lines(infile, quiet)
    if not items:
        raise click.UsageError("give at least one query, or --file FILE")
    _check_outputs([(output, "the CSV (-o)"), (map_path, "the map (--map)")], [infile])
    geocoder = GazetteerGeocoder(_open_gazetteer(db, quiet), country_codes=list(country) or None)
    results = []  # (query, rank, location or None, reason)
    for query in tqdm(items, desc="Geocoding", unit="names", disable=quiet or len(items) < 200):
        try:
            if reverse:
                found = geocoder.reverse(query, exactly_one=not show_all, limit=limit)
            else:
                found = geocoder.geocode(query, exactly_one=not show_all, limit=limit)
        except GeocoderQueryError as exc:
            from .tables import surrogates_replaced

            results.append((surrogates_replaced(query), 0, None, str(exc)))
            continue
        if not found:
            reason = "no place of this name in the gazetteer"
            if "," in query and not reverse:
                reason = "no place of this name inside the given qualifiers"
            elif not reverse:
                close = geocoder.gazetteer.closest_spelling(query, country=list(country) or None)
                if close:
                    reason += f"; did you mean {close[0].name!r} ({close[0].address})?"
            results.append((query, 0, None, reason))
            continue
        for rank, loc in enumerate(found if isinstance(found, list) else [found], 1):
            results.append((query, rank, loc, ""))
    _print_results(results, fmt)
    if output:
        from .export import write_csv_atomic
        from .schema import GEOCODED

        write_csv_atomic(output, GEOCODED, [_result_row(r) for r in results])
        if not _silent():
            click.echo(f"Wrote {output}", err=True)
    if map_path:
        import pandas as pd

        from .render import incidents_map, save_map_atomic

        points = pd.DataFrame([
            {"title": loc.address, "place": loc.address, "lat": loc.latitude, "lon": loc.longitude,
             "category": _FEATURE_CLASSES.get(loc.raw["feature_class"], "other"),
             "text": f"Query: {q} · {loc.raw['feature_code']} · population {loc.raw['population']:,}",
             "source_id": f"GeoNames {loc.raw['geonameid']}"}
            for q, rank, loc, _ in results if loc is not None and rank == 1
        ], columns=["title", "place", "lat", "lon", "category", "text", "source_id"])
        save_map_atomic(incidents_map(points, title="geomap: geocoded places"), map_path)
        if not _silent():
            click.echo(f"Wrote {map_path} ({len(points)} places)", err=True)
    located = sum(1 for _, rank, loc, _ in results if loc is not None and rank == 1)
    unlocated = [(q, why) for q, _, loc, why in results if loc is None]
    if not _silent():
        click.echo(f"{len(items)} queries: {located} located, {len(unlocated)} unlocated", err=True)
        for q, why in unlocated:
            click.echo(f"  unlocated: {q!r}: {why}", err=True)


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--text", "texts", multiple=True, help="Parse this text (repeatable).")
@click.option("--jsonl", "jsonl_in", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help='Read records {"id", "text", ...} from this JSONL file; write the same records with '
                   '"toponyms" predicted.')
@click.option("--given-spans", is_flag=True,
              help="With --jsonl: resolve exactly the toponym spans listed in the input instead of finding them.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write JSONL here (default: stdout).")
@click.option("--explain", is_flag=True,
              help="Also write, per text, why each name resolved as it did: its best candidates, their "
                   "scores and the points each rule gave them.")
@click.option("--disable", "disabled", multiple=True, metavar="RULE",
              help="Switch off a geoparser rule (repeatable; 'geomap rules' lists them).")
@click.option("--area", metavar="PLACE", default="",
              help="The country or first-level region the texts come from ('Kentucky, United States', "
                   "'Kenya'): a name many places bear is read there first.")
@_db_option
@_quiet_option
def parse(files, texts, jsonl_in, given_spans, output, explain, disabled, area, db, quiet):
    """Find the place names in texts and resolve them (offline geoparsing).

    Reads plain-text FILES ('-' for stdin), --text strings, or a --jsonl file
    in the format of geoparsing gold sets, and writes one JSON record per text
    with its toponyms: start, end, name, kind (place/demonym), lat, lon,
    geonameid, place_name, country_code, admin1, confidence.

    \b
    Examples:
      geomap parse --text "Clashes near al-Bab, Syria."
      geomap parse article.txt
      geomap parse --jsonl gold.jsonl -o pred.jsonl
      geomap parse --jsonl gold.jsonl --given-spans -o pred.jsonl
      geomap parse --text "After Paris, London is the second stop." --explain
      geomap parse --text "Berea police said." --area "Kentucky, United States"
    """
    from .progress import progress as tqdm

    if given_spans and jsonl_in is None:
        raise click.UsageError("--given-spans needs --jsonl (the spans come from the input records)")
    records = []
    for i, t in enumerate(texts):
        records.append({"id": f"text-{i + 1}", "text": t})
    for f in files:
        if str(f) == "-":
            records.append({"id": "stdin", "text": sys.stdin.read()})
        else:
            records.append({"id": str(f), "text": Path(f).read_text(encoding="utf-8", errors="replace")})
    if not records and jsonl_in is None and not sys.stdin.isatty():
        records.append({"id": "stdin", "text": sys.stdin.read()})
    if jsonl_in is not None:
        from .evaluate import read_gold

        notes: list[str] = []
        for doc in read_gold(jsonl_in, notes=notes):
            records.append({"id": doc.id, "text": doc.text, "toponyms": doc.toponyms})
        for note in notes if not _silent() else ():
            click.echo(note, err=True)
    if not records:
        raise click.UsageError("nothing to parse: give FILES, --text or --jsonl")
    _check_outputs([(output, "the output (-o)")], [*files, jsonl_in])
    parser = _parser(_open_gazetteer(db, quiet), disabled)
    context = _area_context(parser, area)
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        for rec in tqdm(records, desc="Geoparsing", unit="texts", disable=quiet or len(records) < 50):
            if given_spans:
                mentions = parser.resolve(rec["text"], [(t["start"], t["end"]) for t in rec.get("toponyms", [])],
                                          context)
            else:
                mentions = parser.parse(rec["text"], context)
            result = {k: v for k, v in rec.items() if k != "toponyms"}
            result["toponyms"] = [m.to_dict() for m in mentions]
            if explain:
                result["explain"] = parser.explain(rec["text"], context)
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
    finally:
        if output:
            out.close()
    if output and not _silent():
        click.echo(f"Wrote {len(records)} records to {output}", err=True)


def _country_of(gazetteer):
    """The country of a gold point: that of the nearest populated place (cached per point)."""
    cache: dict[tuple[float, float], str | None] = {}

    def country_of(lat: float, lon: float) -> str | None:
        key = (lat, lon)
        if key not in cache:
            found = gazetteer.nearest(lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else []
            cache[key] = found[0][0].country_code if found else None
        return cache[key]

    return country_of


@cli.command("rules")
@click.option("--markdown", is_flag=True, help="Print a Markdown table (for docs/geoparser.md).")
def rules(markdown):
    """List the geoparser's rules: name, stage, weight and what each catches.

    Any of them can be switched off with ``--disable NAME`` on ``geomap parse``
    and ``geomap eval`` (or ``Geoparser(disable={...})``), and measured with
    ``geomap eval SET... --ablate``.
    """
    from .geoparser import all_rules
    from .geoparser.weights import DEFAULT_WEIGHTS

    if markdown:
        click.echo("| rule | stage | weight | what it does |")
        click.echo("|---|---|---|---|")
    for rule in all_rules():
        weight = f"{rule.weight} = {getattr(DEFAULT_WEIGHTS, rule.weight):g}" if rule.weight else ""
        if markdown:
            click.echo(f"| `{rule.name}` | {rule.stage} | {weight} | {rule.doc.replace('|', '/')} |")
        else:
            click.echo(f"{rule.name:<32}{rule.stage:<11}{weight:<24}{rule.doc}")


@cli.command("eval")
@click.argument("golds", metavar="GOLD...", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--given-spans", is_flag=True, help="Score resolution alone: resolve the gold spans.")
@click.option("--pred", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Score these predictions (JSONL from 'geomap parse') instead of parsing now.")
@click.option("--no-demonyms", is_flag=True,
              help="Leave demonyms out of the predictions (for gold sets that do not annotate them, e.g. GeoVirus).")
@click.option("--ablate", is_flag=True,
              help="Switch off each geoparser rule in turn and print what it does on every GOLD set.")
@click.option("--cv", is_flag=True,
              help="Leave one corpus out: fit weights on all GOLD sets but one, score that one; for each.")
@click.option("--disable", "disabled", multiple=True, metavar="RULE",
              help="Switch off a geoparser rule (repeatable; 'geomap rules' lists them).")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Processes for --ablate and --cv (default: every core).")
@click.option("--case", type=click.Choice(["lower", "upper"]), default=None,
              help="Score the texts rewritten in lower or upper case (offsets kept), as tweets and headlines write them.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--markdown", is_flag=True, help="With several sets or --ablate: print a Markdown table (docs/geoparser.md).")
@_db_option
@_quiet_option
def evaluate(golds, given_spans, pred, no_demonyms, ablate, cv, disabled, jobs, case, as_json, markdown, db, quiet):
    """Score geoparsing against gold JSONL files.

    With one GOLD file, prints precision, recall and F1 (overlapping spans),
    accuracy@161 km, mean and median error, AUC of the log error curve (lower
    is better), where the gold has GeoNames ids the share of exact-id matches,
    and the share of spans resolved into the country the gold point lies in
    (that of the nearest populated place), which country-point conventions
    cannot move.

    With several GOLD files, or --ablate or --cv, prints one table: end-to-end
    F1 and accuracy@161 km and given-span accuracy@161 km of every set
    (demonyms are scored only where a set annotates them). --ablate adds a row
    per rule switched off; --cv fits the resolution weights on all sets but
    one and scores that one (a few minutes per set).

    \b
    Examples:
      geomap eval ../shared/eval/lgl.jsonl
      geomap eval ../shared/eval/lgl.jsonl --given-spans
      geomap eval ../shared/eval/geovirus.jsonl --no-demonyms
      geomap eval ../shared/eval/*.jsonl --ablate
      geomap eval ../shared/eval/*.jsonl --cv
      geomap eval benchmarks/data/worldnews_dev.jsonl --case lower
    """
    if len(golds) > 1 or ablate or cv or case:
        if pred is not None or given_spans or no_demonyms:
            raise click.UsageError("--pred, --given-spans and --no-demonyms go with one GOLD file, "
                                   "without --ablate, --cv or --case")
        _eval_table(golds, ablate, cv, disabled, jobs, case, as_json, db, quiet, markdown)
        return
    gold = golds[0]
    import time

    from .progress import progress as tqdm

    from .evaluate import read_gold, score

    docs = list(read_gold(gold, require_points=True))
    if pred is not None:
        predicted = {d.id: d.toponyms for d in read_gold(pred)}
        missing = [d.id for d in docs if d.id not in predicted]
        if missing:
            raise click.ClickException(f"{pred} has no prediction for {len(missing)} gold ids, e.g. {missing[0]!r}")
        pairs = [(d.toponyms, predicted[d.id]) for d in docs]
        elapsed = 0.0
    gazetteer = _open_gazetteer(db, quiet)  # also finds the gold points' countries
    if pred is None:
        parser = _parser(gazetteer, disabled)
        pairs = []
        t = time.perf_counter()
        for d in tqdm(docs, desc="Geoparsing", unit="docs", disable=quiet):
            if given_spans:
                ms = parser.resolve(d.text, [(g["start"], g["end"]) for g in d.toponyms])
            else:
                ms = parser.parse(d.text)
            pairs.append((d.toponyms, [m.to_dict() for m in ms]))
        elapsed = time.perf_counter() - t
    if no_demonyms:
        pairs = [(g, [p for p in ps if p.get("kind") != "demonym"]) for g, ps in pairs]
    result = score(pairs, country_of=_country_of(gazetteer)).as_dict()
    mode = "given spans" if given_spans else "end to end"
    result.update(gold=str(gold), documents=len(docs), mode=mode + (", demonyms left out" if no_demonyms else ""))
    if elapsed:
        result["docs_per_second"] = round(len(docs) / elapsed, 1)
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(f"{gold} ({len(docs)} documents, {result['mode']})")
    if not given_spans:
        click.echo(f"  precision {result['precision']:.3f}  recall {result['recall']:.3f}  F1 {result['f1']:.3f}"
                   f"   (tp {result['tp']}, fp {result['fp']}, fn {result['fn']})")
    click.echo(f"  accuracy@161km {result['acc@161']:.3f}  mean {result['mean_km']:.0f} km  "
               f"median {result['median_km']:.1f} km  AUC {result['auc']:.3f}  "
               f"(over {result['resolved_spans']} found spans)")
    if result["geonameid_accuracy"] is not None:
        click.echo(f"  same GeoNames id as the gold: {result['geonameid_accuracy']:.3f}")
    if result["country_accuracy"] is not None:
        click.echo(f"  in the gold point's country: {result['country_accuracy']:.3f}"
                   f"  (over {result['country_spans']} spans resolved inside a country)")
    if elapsed:
        click.echo(f"  {result['docs_per_second']} documents/s")


def _area_context(parser, area: str) -> list:
    """The context places of ``--area`` (``Geoparser.area_places``; none without it), or a usage error that says
    what was not found, before any work."""
    try:
        return parser.area_places(area) if area else []
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--area") from None


def _parser(gazetteer, disabled):
    from .geoparser import Geoparser

    try:
        return Geoparser(gazetteer, disable=disabled)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--disable") from None


def _eval_table(golds, ablate, cv, disabled, jobs, case, as_json, db, quiet, markdown=False):
    """``geomap eval`` with several sets, --ablate or --cv: one table (see the command's help)."""
    from .progress import progress as tqdm

    from . import tuning
    from .geoparser import all_rules

    gazetteer = _open_gazetteer(db, quiet)
    _parser(gazetteer, disabled)  # check the names
    sets = [tuning.GoldSet.read(g, case) for g in golds]
    names = [s.name for s in sets]
    bar = None if quiet else (lambda it, total: tqdm(it, total=total, desc="Configurations", unit="runs"))
    header = "  ".join(f"{n[:22]:>22} F1    acc  given" for n in names)
    fmt = lambda figs: "  ".join(f"{f.f1:25.3f} {f.acc:6.3f} {f.given_acc:6.3f}" for f in figs)  # noqa: E731
    if cv:
        bar = None if quiet else (lambda it, total: tqdm(it, total=total, desc="Weights", unit="weights"))
        result = tuning.cross_validate(gazetteer.path, sets, processes=jobs, progress=bar)
        if as_json:
            click.echo(json.dumps({"default": [f.__dict__ for f in result["default"]], **{
                part: {k: {"weights": c, "figures": [f.__dict__ for f in figs]} for k, (c, figs) in result[part].items()}
                for part in ("folds", "self")}}, indent=2))
            return
        click.echo("Leave one corpus out (objective: mean of end-to-end and given-span acc@161): the "
                   "defaults, weights fitted on the set itself (in corpus), weights fitted on the other sets")
        click.echo(f"{'set':<14}{'metric':<22}{'defaults':>9}{'in corpus':>11}{'other sets':>12}")
        for k, s in enumerate(sets):
            changes, figs = result["folds"][s.name]
            own_changes, own = result["self"][s.name]
            d, f, o = result["default"][k], figs[k], own[k]
            for label, a, b, c in (("end-to-end F1", d.f1, o.f1, f.f1), ("end-to-end acc@161", d.acc, o.acc, f.acc),
                                   ("given-span acc@161", d.given_acc, o.given_acc, f.given_acc)):
                click.echo(f"{s.name:<14}{label:<22}{a:9.3f}{b:11.3f}{c:12.3f}")
            for label, ch in (("in corpus", own_changes), ("other sets", changes)):
                shown = ", ".join(f"{k2}={v:g}" for k2, v in sorted(ch.items())) or "(the defaults)"
                click.echo(f"{'':<14}weights {label}: {shown}")
        return
    if ablate:
        rules = [r.name for r in all_rules() if r.name not in disabled]
        rows = tuning.ablate(gazetteer.path, sets, rules, processes=jobs, progress=bar)
    else:
        rows = [("(all rules)", tuning.run_all(gazetteer.path, sets, [(frozenset(disabled), {})], processes=1)[0])]
    if as_json:
        click.echo(json.dumps([{"off": name, **{n: f.__dict__ for n, f in zip(names, figs)}}
                               for name, figs in rows], indent=2))
        return
    if markdown:
        click.echo(tuning.ablation_markdown(names, rows))
        return
    click.echo(f"{'rule switched off':<38}{header}")
    base = rows[0][1]
    click.echo(f"{rows[0][0]:<38}{fmt(base)}")
    for name, figs in rows[1:]:
        deltas = "  ".join(f"{f.f1 - b.f1:+25.3f} {f.acc - b.acc:+6.3f} {f.given_acc - b.given_acc:+6.3f}"
                           for f, b in zip(figs, base))
        click.echo(f"{name:<38}{deltas}")


def _check_outputs(outputs, inputs) -> None:
    """Before any work: each output (path, what) can be written and is none of the inputs (never overwrite them)."""
    from .export import check_writable

    given = {}
    for path in inputs:
        if path is not None and str(path) != "-" and Path(path).is_file():
            given[Path(path).resolve()] = path
    for path, what in outputs:
        if path is None:
            continue
        if Path(path).resolve() in given:
            raise GeomapError(f"{what} {str(path)!r} is one of the inputs ({given[Path(path).resolve()]}); "
                              "writing it would destroy that input: choose another output path")
        check_writable(path, what)


def _query_column(name: str, column: str) -> list[str]:
    """The queries of one column of a table file (every row, an empty cell as "")."""
    from .errors import InputFormatError
    from .tables import RawTable

    if name == "-":
        raise click.UsageError("--column reads a table file, not stdin: give its path")
    table = RawTable(Path(name))
    wanted = column.strip()
    if wanted not in table.columns:
        raise InputFormatError(f"no column {column!r}; the file has: {', '.join(table.columns) or 'none'}",
                               path=name)
    if table.note and not _silent():
        click.echo(table.note, err=True)
    out: list[str] = []
    for chunk in table.chunks(50_000, [wanted]):
        out.extend("" if v is None or v != v else str(v).strip() for v in chunk[wanted])
    return out


def _query_lines(name: str, quiet: bool) -> list[str]:
    """The queries of a file ('-' stdin), one a line; decoded as article files are (UTF-8, a BOM's, else cp1252)."""
    from .errors import InputFormatError
    from .events import _decode

    if name == "-":
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
        name = "<stdin>"
    else:
        try:
            data = Path(name).read_bytes()
        except OSError as exc:
            raise InputFormatError(f"cannot read the file ({exc.strerror})", path=name) from None
    text, enc = _decode(data, name) if isinstance(data, bytes) else (data, "utf-8")
    text = text.removeprefix("\ufeff")
    if enc not in ("utf-8", "utf-8-sig") and not _silent():
        click.echo(f"{name}: decoded as {enc}", err=True)
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _result_row(result) -> list:
    query, rank, loc, reason = result
    if loc is None:
        return [query, "", "unlocated", "", "", "", "", "", "", "", "", "", "", reason]
    r = loc.raw
    return [query, rank, "located", r["name"], loc.address, r["lat"], r["lon"], r["feature_code"],
            r["country_code"], r["admin1_name"], r["population"], r["geonameid"], r["matched_name"], ""]


def _print_results(results, fmt: str) -> None:
    if fmt == "json":
        for query, rank, loc, reason in results:
            record = {"query": query, "rank": rank or None, "status": "located" if loc else "unlocated"}
            if loc is not None:
                record.update(loc.raw)
            else:
                record["reason"] = reason
            click.echo(json.dumps(record, ensure_ascii=False))
    elif fmt == "csv":  # the layout of the -o file
        from .export import write_csv
        from .schema import GEOCODED

        write_csv(sys.stdout, GEOCODED, [_result_row(r) for r in results])
    else:
        for query, rank, loc, reason in results:
            if loc is None:
                click.echo(f"{query}\t-\t(unlocated: {reason})")
            else:
                r = loc.raw
                where = f"{loc.latitude:.5f}, {loc.longitude:.5f}"
                extra = f"\t{r['distance_km']} km" if "distance_km" in r else ""
                click.echo(f"{query}\t{rank}\t{loc.address}\t{where}\t{r['feature_code']}\t"
                           f"pop {r['population']:,}\tgeonameid {r['geonameid']}{extra}")


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI and turn geomap's errors into one-line messages, exit 1."""
    try:
        cli.main(args=argv, prog_name="geomap", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 1
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except GeomapError as exc:
        click.echo(f"geomap: error: {exc}", err=True)
        return 1
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a file that could not be read or written, found only while at it
        if exc.filename is None:
            raise
        click.echo(f"geomap: error: {exc.filename}: {exc.strerror or exc}; check the path and its permissions",
                   err=True)
        return 1
    return 0


from . import cli_map  # noqa: E402,F401  (registers ``geomap map`` on the group above)
from . import cli_incidents  # noqa: E402,F401  (registers ``geomap eval-incidents``)

if __name__ == "__main__":
    sys.exit(main())
