"""The ``geomap`` command.  Thin: parse options, call the library, report.

Data goes to stdout, progress bars and messages to stderr.  Exit codes: 0 ok,
1 a user error (one-line message, no traceback), 2 a usage error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .errors import GeomapError

__all__ = ["main", "cli"]


def _db_option(func):
    return click.option(
        "--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=None,
        help="Gazetteer index file. Default: $GEOMAP_GAZETTEER, else the user cache directory.",
    )(func)


def _quiet_option(func):
    return click.option("-q", "--quiet", is_flag=True, help="No progress bars.")(func)


def _open_gazetteer(db: Path | None, quiet: bool):
    from .gazetteer import Gazetteer

    if not quiet and db is None:
        from .gazetteer import default_index_path

        if not default_index_path().exists():
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
    top = list(info["by_country"].items())
    click.echo(f"Countries: {len(top)}; most places: " + ", ".join(f"{k} {v:,}" for k, v in top[:15]))
    click.echo("Sources:")
    for src in info["sources"]:
        rows = f"{src['rows']:,} rows" if src["rows"] else ""
        click.echo(f"  {src['path']}  {rows}  ({src['added']})")


@cli.command()
@click.argument("queries", nargs=-1)
@click.option("-f", "--file", "infile", type=click.File("r", encoding="utf-8-sig"),
              help="Read one query per line from FILE ('-' for stdin).")
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
def geocode(queries, infile, country, show_all, limit, reverse, fmt, output, map_path, db, quiet):
    """Geocode place names offline against the local gazetteer.

    Qualifiers after commas narrow the search ("Paris, Texas",
    "Springfield, IL").  Every query is reported: located, or unlocated with
    the reason.

    \b
    Examples:
      geomap geocode "al-Bab, Syria" "St. Petersburg"
      geomap geocode --country SY al-Rai
      geomap geocode --all "Springfield"
      geomap geocode --reverse "36.37,37.52"
      geomap geocode -f samples/places.txt -o outputs/places.csv --map outputs/places.html
    """
    from geopy.exc import GeocoderQueryError
    from tqdm.auto import tqdm

    from .geocoder import GazetteerGeocoder

    items = list(queries)
    if infile is not None:
        items += [line.strip() for line in infile if line.strip() and not line.startswith("#")]
    if not items:
        raise click.UsageError("give at least one query, or --file FILE")
    geocoder = GazetteerGeocoder(_open_gazetteer(db, quiet), country_codes=list(country) or None)
    results = []  # (query, rank, location or None, reason)
    for query in tqdm(items, desc="Geocoding", unit="names", disable=quiet or len(items) < 200):
        try:
            if reverse:
                found = geocoder.reverse(query, exactly_one=not show_all, limit=limit)
            else:
                found = geocoder.geocode(query, exactly_one=not show_all, limit=limit)
        except GeocoderQueryError as exc:
            results.append((query, 0, None, str(exc)))
            continue
        if not found:
            reason = "no place of this name in the gazetteer"
            if "," in query and not reverse:
                reason = "no place of this name inside the given qualifiers"
            results.append((query, 0, None, reason))
            continue
        for rank, loc in enumerate(found if isinstance(found, list) else [found], 1):
            results.append((query, rank, loc, ""))
    _print_results(results, fmt)
    header = ["query", "rank", "status", "name", "address", "lat", "lon", "feature_code",
              "country_code", "admin1", "population", "geonameid", "matched_name", "reason"]
    rows = [_result_row(r) for r in results]
    if output:
        from .export import write_csv_atomic

        write_csv_atomic(output, header, rows)
        click.echo(f"Wrote {output}", err=True)
    if map_path:
        from .render import MapPoint, points_map, save_map_atomic

        points = [
            MapPoint(loc.latitude, loc.longitude, loc.address, (
                f"Query: {q}",
                f"{loc.raw['feature_code']} · population {loc.raw['population']:,}",
                f"{loc.latitude:.5f}, {loc.longitude:.5f} · GeoNames {loc.raw['geonameid']}",
            ))
            for q, rank, loc, _ in results if loc is not None and rank == 1
        ]
        save_map_atomic(points_map(points, title="geomap: geocoded places"), map_path)
        click.echo(f"Wrote {map_path} ({len(points)} places)", err=True)
    located = sum(1 for _, rank, loc, _ in results if loc is not None and rank == 1)
    unlocated = [(q, why) for q, _, loc, why in results if loc is None]
    if not quiet:
        click.echo(f"{len(items)} queries: {located} located, {len(unlocated)} unlocated", err=True)
        for q, why in unlocated:
            click.echo(f"  unlocated: {q!r}: {why}", err=True)


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
    elif fmt == "csv":
        import csv

        from .export import safe_cell

        writer = csv.writer(sys.stdout)
        writer.writerow(["query", "rank", "name", "address", "lat", "lon", "feature_code", "geonameid", "reason"])
        for query, rank, loc, reason in results:
            if loc is None:
                writer.writerow([safe_cell(query), "", "", "", "", "", "", "", reason])
            else:
                r = loc.raw
                writer.writerow([safe_cell(v) for v in (query, rank, r["name"], loc.address, r["lat"], r["lon"],
                                                       r["feature_code"], r["geonameid"], "")])
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
