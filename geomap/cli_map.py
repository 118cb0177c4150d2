"""``geomap map``: the main job, articles and event records to a map and tables.

The command of its own module, beside the other commands in :mod:`geomap.cli`:
it reads the inputs a chunk at a time (or on Dask), locates them, writes the
tables as it goes and the map at the end, and prints the summary.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .cli import _area_context, _check_outputs, _db_option, _open_gazetteer, _quiet_option, _silent, cli
from .errors import GeomapError


@cli.command("map")
@click.argument("inputs", nargs=-1)
@click.option("--events", "event_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="An event table (ACLED, UCDP GED or generic CSV/JSON/Parquet/Excel); repeatable.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("outputs/map.html"), show_default=True,
              help="The HTML map to write; a .png name writes the picture, with the HTML map beside it "
                   "(x.png and x.html).")
@click.option("--export", "export_formats", multiple=True, type=click.Choice(["csv", "geojson", "parquet", "kml"]),
              help="Also write the incidents, mentions and unlocated tables next to the map; repeatable. "
                   "kml: the incidents for Google Earth (MAP.incidents.kml), a folder per category.")
@click.option("--ignore-coordinates", is_flag=True,
              help="Locate records from their place names and text as if they had no coordinates "
                   "(re-geocoding a table; --check KM compares coordinates with the text).")
@click.option("--check", "check_km", type=click.FloatRange(min=0), default=None, metavar="KM",
              help="For records with coordinates, also geoparse the text and flag those it puts more than "
                   "KM km away (columns text_place, text_km).")
@click.option("--incidents", "incident_mode", type=click.Choice(["one", "each"]), default="one", show_default=True,
              help="one: one incident per record, at the place its text's evidence points to. each: one per "
                   "event sentence of the text, each at its own place, with its sentence as text and the date "
                   "it gives (see docs/incidents.md).")
@click.option("--area", metavar="PLACE", default="",
              help="The country or first-level region the texts come from, e.g. a local paper's feed: "
                   "'Kentucky, United States', 'Punjab, Pakistan', 'Kenya'. A name many places bear is read "
                   "there first ('Berea police': Berea, Kentucky); records with a country of their own keep it.")
@click.option("--text-col", help="Column holding the text (when detection is not enough).")
@click.option("--title-col", help="Column holding the title.")
@click.option("--date-col", help="Column holding the date.")
@click.option("--id-col", help="Column holding the record id.")
@click.option("--place-col", help="Column holding a place name.")
@click.option("--lat-col", help="Column holding the latitude.")
@click.option("--lon-col", help="Column holding the longitude.")
@click.option("--encoding", metavar="ENC", callback=lambda ctx, param, v: _encoding_option(v),
              help="The tables' text encoding (utf-8, cp1251, cp1252, latin-1, …) instead of the one found "
                   "from their bytes (the note says which was found).")
@click.option("--sep", metavar="SEP", callback=lambda ctx, param, v: _sep_option(v),
              help="The CSV tables' column separator (',', ';', 'tab', '|') instead of the one found from "
                   "their header.")
@click.option("--title", default="geomap incidents", show_default=True, help="The map page's title.")
@click.option("--online", is_flag=True,
              help="Use OpenStreetMap tiles as the base layer (needs network when viewed). Default: the map "
                   "is one self-contained file with country outlines, that opens with no network.")
@click.option("--mentions/--no-mentions", "mentions_layer", default=True, show_default=True,
              help="Add a layer (off until ticked) with every place the texts mention.")
@click.option("--png", "png_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also draw the map into this PNG picture, with a title bar, the date range, legend, scale "
                   "and attribution (needs Chromium or Chrome).")
@click.option("--png-size", metavar="WxH", default="1200x800", show_default=True,
              callback=lambda ctx, param, v: _png_size_option(v),
              help="The picture's size in pixels (with --png or -o x.png).")
@click.option("--open", "open_browser", is_flag=True, help="Open the map in a web browser.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes to use (same output as one); with --engine dask, the local cluster's workers.")
@click.option("--chunk-rows", type=click.IntRange(min=1), default=5000, show_default=True,
              help="Records of a table read and located at a time; memory stays bounded whatever the file size.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="dask: run on a Dask cluster (pip install 'geomap[dask]'; see docs/dask.md). Inputs may be "
                   "CSV/Parquet globs; --export writes folders of parts.")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="With --engine dask: a running Dask scheduler (default: a local cluster of --jobs workers).")
@_db_option
@_quiet_option
def map_command(inputs, event_files, output, export_formats, ignore_coordinates, check_km, incident_mode, area,
                text_col, title_col, date_col, id_col, place_col, lat_col, lon_col, encoding, sep, title, online,
                mentions_layer, png_path, png_size, open_browser, jobs, chunk_rows, engine, scheduler, db, quiet):
    """Geoparse articles and event records and map their incidents (the main job).

    INPUTS are article files or directories (.txt, .md, .html, .jsonl, .json,
    .csv, .parquet; '-' for stdin) or event tables; ACLED and UCDP GED exports
    are recognised by their columns.  Every record ends up on the map or in the
    unlocated table with its reason; a summary is printed on stderr.  Tables
    are read --chunk-rows records at a time, so a big file does not fill memory.

    With both INPUTS and --events, a record whose id equals an article's id
    (its id field, or the file name without extension) or whose URL equals the
    article's URL is geoparsed with the article's text (after its own), and
    takes the article's title and date if it has none; an article no record
    links to is its own event.

    \b
    Examples:
      geomap map samples/wikinews -o outputs/map.html
      geomap map --events acled.csv --export csv
      geomap map --events acled.csv --ignore-coordinates --export csv   # from place names and text
      geomap map --events acled.csv --check 50 --export csv             # flag coordinates the text disputes
      geomap map reports.csv --text-col body --date-col published
      geomap map samples/wikinews --png outputs/map.png                 # and a picture for a report
      geomap map samples/wikinews -o outputs/map.png --png-size 1600x1000  # picture (and map.html)
      geomap map --events acled.csv --export kml                        # for Google Earth
      geomap map articles/ --events records.csv                         # records get their article's text
      geomap map articles/ --incidents each                             # every event sentence an incident
      geomap map local-news/ --area "Kentucky, United States"           # a local paper's feed
      geomap map --engine dask --jobs 2 'events/*.parquet' --export parquet
    """
    import pandas as pd
    from .progress import progress as tqdm

    from .events import stream_inputs
    from .geoparser import Geoparser
    from .render import MAX_MENTION_POINTS, incidents_map, stage_map
    from .stream import Tally, empty_incidents, for_map, locate_chunks

    if not inputs and not event_files:
        raise click.UsageError("give article files or directories, or --events TABLE")
    if "parquet" in export_formats:
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise GeomapError("--export parquet needs pyarrow: pip install pyarrow") from None
    columns = {k: v for k, v in {"text": text_col, "title": title_col, "date": date_col, "source_id": id_col,
                                 "place_name": place_col, "lat": lat_col, "lon": lon_col}.items() if v}
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    output, png_path = _picture_output(output, png_path)
    if engine == "dask":  # before the outputs are checked, which makes their folders
        for fmt in ("geojson", "kml"):
            if fmt in export_formats:
                raise GeomapError(f"--export {fmt} is not available with --engine dask (one file of every "
                                  "incident does not scale); use --export parquet or --export csv (folders of "
                                  f"parts), or run without --engine dask for {fmt}")
        if inputs and event_files and not all(_is_table(p) for p in inputs):
            # linking holds articles back for the records that name them: not done across partitions
            raise GeomapError("--engine dask does not link records to articles (ARTICLES… --events RECORDS); "
                              "run without --engine dask to link them, or give the tables alone "
                              "(geomap map --engine dask RECORDS…) to locate each record from its own text")
    given = click.get_current_context().get_parameter_source("png_size")
    if png_path is None and given is not None and given.name != "DEFAULT":
        raise click.UsageError("--png-size needs a picture to draw: add --png FILE.png, or give -o FILE.png")
    _check_outputs(_outputs(output, export_formats, png_path, engine), [*inputs, *event_files])
    if png_path:  # before the work, not after it (the tables would be thrown away)
        from .snapshot import require_browser

        require_browser()
    if engine == "dask":
        _map_dask(list(inputs) + list(event_files), columns, output, export_formats, ignore_coordinates, check_km,
                  jobs, scheduler, db, quiet, title=title, online=online, png_path=png_path, png_size=png_size,
                  incident_mode=incident_mode, area=area, reading={"encoding": encoding, "sep": sep},
                  linking=bool(inputs and event_files))
        if open_browser:
            import webbrowser

            webbrowser.open(Path(output).resolve().as_uri())
        return
    stream = stream_inputs(inputs, records=event_files, columns=columns or None, chunksize=chunk_rows,
                           encoding=encoding, sep=sep)
    shown = _show_notes(stream.notes, 0, _silent())
    gazetteer = _open_gazetteer(db, quiet)
    parser = Geoparser(gazetteer)
    _area_context(parser, area)
    options = {"use_coordinates": not ignore_coordinates, "check": check_km is not None, "incidents": incident_mode,
               "area": area}
    if jobs > 1 and stream.total > 1:
        located_chunks = locate_chunks(stream, jobs=jobs, gazetteer_path=gazetteer.path, **options)
    else:
        located_chunks = locate_chunks(stream, parser, **options)
    extra = {"incidents": stream.extra_columns, "unlocated": stream.extra_columns}  # the inputs' own columns
    writers = [(name, _table_writer(path, [*cols, *extra.get(name, ())], fmt, title))
               for name, fmt, path, cols in _table_paths(output, export_formats)]
    tally, kept, kept_mentions, n_mentions = Tally(), [], [], 0
    staged: list[tuple[Path, Path]] = []  # (temporary file, target) of the map and picture
    bar = tqdm(total=stream.total, desc="Locating", unit="records", file=sys.stderr,
               disable=quiet or stream.total < 20)
    try:
        for located in located_chunks:
            for name, writer in writers:
                writer.write(getattr(located, name))
            tally.add(located, check_km)
            kept.append(for_map(located.incidents))  # no full text kept for the map
            n_mentions += len(located.mentions)
            if mentions_layer and n_mentions <= MAX_MENTION_POINTS:
                kept_mentions.append(located.mentions)
            else:
                kept_mentions = []
            bar.update(located.incidents["event_id"].nunique() + len(located.unlocated))
            shown = _show_notes(stream.notes, shown, _silent(), bar)
        bar.close()
        incidents = pd.concat(kept, ignore_index=True) if kept else empty_incidents()
        mentions = None
        if mentions_layer and kept_mentions:
            mentions = pd.concat(kept_mentions, ignore_index=True)
        elif mentions_layer and n_mentions > MAX_MENTION_POINTS:
            click.echo(f"Note: {n_mentions:,} mentions are more than the map's mentions layer holds "
                       f"({MAX_MENTION_POINTS:,}); it is left out (the mentions table has them all).", err=True)
        del kept, kept_mentions
        # Every output is finished before any is renamed into place: a run killed on the way (during
        # --png, say) leaves the old set whole, not a new map beside old tables.
        staged.append((stage_map(incidents_map(incidents, mentions, title=title, online=online,
                                                   gazetteer=gazetteer), output), output))
        if png_path:
            from .snapshot import screenshot

            png_tmp = png_path.with_name(f".{png_path.name}.{os.getpid()}.png.tmp")
            staged.append((screenshot(staged[0][0], png_tmp, width=png_size[0], height=png_size[1]), png_path))
        for _, writer in writers:
            writer.close()
        for tmp, target in staged:
            os.replace(tmp, target)
        written = [target for _, target in staged] + [writer.commit() for _, writer in writers]
    except BaseException:
        bar.close()
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        for _, writer in writers:
            writer.abort()
        raise
    if not _silent():
        _show_notes(stream.notes, shown, False)
        click.echo(tally.summary(), err=True)
        if check_km is not None:
            click.echo(f"  --check: {tally.far:,} records whose text points more than {check_km:g} km "
                       "from their coordinates (see text_place, text_km)", err=True)
        for line in tally.warnings():
            click.echo(line, err=True)
        for path in written:
            click.echo(f"Wrote {path}{_beside(path, output, png_path)}", err=True)
    if open_browser:
        import webbrowser

        webbrowser.open(Path(output).resolve().as_uri())


def _encoding_option(value: str | None) -> str | None:
    """``--encoding``: a codec Python knows, by its canonical name."""
    if not value:
        return None
    import codecs

    try:
        return codecs.lookup(value).name
    except LookupError:
        raise click.BadParameter(f"{value!r} is no text encoding Python knows (utf-8, cp1251, cp1252, latin-1, …)",
                                 param_hint="--encoding") from None


def _sep_option(value: str | None) -> str | None:
    """``--sep``: one character; "tab" and "\\t" are the tab."""
    if not value:
        return None
    value = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}.get(value.lower(), value)
    if len(value) != 1:
        raise click.BadParameter(f"{value!r} is no single character (',', ';', 'tab', '|')", param_hint="--sep")
    return value


def _table_paths(output: Path, export_formats) -> list[tuple[str, str, Path, tuple]]:
    """(name, format, path, columns) of every table ``--export`` writes beside the map (GeoJSON only
    for the tables with coordinates, KML only for the incidents: Google Earth is for looking at them)."""
    from .schema import INCIDENTS, MENTIONS, UNLOCATED

    stem = output.with_suffix("")
    tables = {"incidents": INCIDENTS, "mentions": MENTIONS, "unlocated": UNLOCATED}
    return [(name, fmt, Path(f"{stem}.{name}.{fmt}"), cols) for fmt in dict.fromkeys(export_formats)
            for name, cols in tables.items()
            if not (fmt == "geojson" and "lat" not in cols) and not (fmt == "kml" and name != "incidents")]


def _is_table(path) -> bool:
    """A CSV, TSV or Parquet table (or a glob of them), as the Dask engine reads them."""
    return Path(str(path)).suffix.lower() in (".csv", ".tsv", ".parquet")


def _table_writer(path: Path, columns, fmt: str, title: str):
    """The writer of one exported table: KML has its own (placemarks in folders), the rest a TableWriter."""
    if fmt == "kml":
        from .kml import KmlWriter

        return KmlWriter(path, columns, title=title)
    from .export import TableWriter

    return TableWriter(path, columns, fmt)


_PICTURE_SUFFIXES = (".jpg", ".jpeg", ".gif", ".webp", ".svg", ".pdf", ".tif", ".tiff", ".bmp")


def _picture_output(output: Path, png_path: Path | None) -> tuple[Path, Path | None]:
    """(the HTML map, the picture) for ``-o`` and ``--png``: ``-o x.png`` is the picture, with x.html beside it.

    A picture is what someone naming a .png wants; writing HTML into it (as geomap once did) leaves a file
    no viewer opens.  Other picture formats are refused rather than silently written as HTML.
    """
    suffix = output.suffix.lower()
    if suffix in _PICTURE_SUFFIXES:
        raise click.BadParameter(f"{str(output)!r}: geomap draws PNG pictures only; give -o {output.with_suffix('.png')}"
                                 f" (or -o {output.with_suffix('.html')} for the map alone)", param_hint="-o")
    if suffix != ".png":
        return output, png_path
    if png_path is not None and Path(png_path).resolve() != output.resolve():
        raise click.UsageError(f"-o {output} already draws the picture; drop --png {png_path}, or give -o a "
                               ".html name")
    return output.with_suffix(".html"), output


def _beside(path: Path, output: Path, png_path: Path | None) -> str:
    """What the summary adds after a written path: the HTML map that -o x.png put beside its picture."""
    if png_path is not None and path == output and Path(png_path).with_suffix(".html") == output:
        return " (the map page, beside the picture)"
    return ""


def _png_size_option(value: str) -> tuple[int, int]:
    """``--png-size WxH``: two whole numbers of pixels, each 100 to 8000."""
    import re

    match = re.fullmatch(r"\s*(\d{1,5})\s*[xX×]\s*(\d{1,5})\s*", value or "")
    if not match or not all(100 <= int(n) <= 8000 for n in match.groups()):
        raise click.BadParameter(f"{value!r} is no picture size; give WIDTHxHEIGHT in pixels, each 100 to 8000, "
                                 "e.g. 1600x1000", param_hint="--png-size")
    return int(match[1]), int(match[2])


def _outputs(output: Path, export_formats, png_path: Path | None, engine: str) -> list[tuple[Path, str]]:
    """Every file a run writes, with what it is (the Dask engine writes folders of parts: their parent is checked)."""
    found = [(output, "the map (-o)")]
    for name, _, table, _ in _table_paths(output, export_formats):
        found.append((table / "part.00000" if engine == "dask" else table, f"the {name} table (--export)"))
    if png_path is not None:
        found.append((png_path, "the picture (--png)"))
    return found


def _show_notes(notes: list[str], shown: int, silent: bool, bar=None) -> int:
    """Print the notes not shown yet (on stderr, above a progress bar); returns how many are shown."""
    if not silent:
        for note in notes[shown:]:
            if bar is not None:
                bar.write(note, file=sys.stderr)
            else:
                click.echo(note, err=True)
    return len(notes)


def _map_dask(paths, columns, output: Path, export_formats, ignore_coordinates, check_km, jobs, scheduler, db,
              quiet, *, title: str, online: bool, png_path: Path | None, png_size: tuple[int, int] = (1200, 800),
              incident_mode: str = "one", area: str = "",
              reading: dict | None = None, linking: bool = False) -> None:
    """``geomap map --engine dask``: the same job on a Dask cluster (see :mod:`geomap.dask`).
    ``linking``: tables were given as articles beside ``--events`` (not linked here: a note says so)."""
    import pandas as pd

    from . import dask as gdask  # a GeomapError saying what to install when dask is missing
    from .errors import InputFormatError
    from .render import incidents_map, save_map_atomic

    try:
        import dask.dataframe as dd
        from distributed import futures_of
    except ImportError:
        raise GeomapError("--engine dask needs dask and distributed: pip install 'geomap[dask]'") from None

    # A local cluster uses this machine's index (built here if need be); a remote one, the path given with
    # --db, else each worker's own $GEOMAP_GAZETTEER.
    gazetteer = str(db) if db is not None else None
    if scheduler is None:
        with _open_gazetteer(db, quiet) as gaz:
            gazetteer = str(gaz.path)
            if area:
                from .geoparser import Geoparser

                _area_context(Geoparser(gaz), area)
    try:
        with gdask.connect(scheduler, jobs) as client:
            if not _silent():
                workers = len(client.scheduler_info(n_workers=-1)["workers"])
                click.echo(f"Dask: {workers} workers at {client.scheduler.address}", err=True)
            read = gdask.read_events(paths, columns=columns or None, **(reading or {}))
            if linking and not _silent():
                click.echo("Note: --engine dask does not link records to the tables given before --events; "
                           "each record is located from its own text (run without --engine dask to link them)",
                           err=True)
            if not _silent():
                for note in read.notes:
                    click.echo(note, err=True)
            located = gdask.locate(read.events, gazetteer=gazetteer, use_coordinates=not ignore_coordinates,
                                   check=check_km is not None, incidents=incident_mode, area=area)
            stem = output.with_suffix("")
            formats = [f for f in ("parquet", "csv") if f in export_formats]
            if "parquet" in formats:
                # Stream: each partition is located once and written; the map and summary then read the
                # written tables, so the run needs no more memory than a few partitions.
                written_tables, writes = located.writes(stem, formats)
                _dask_progress(client, client.compute(writes), quiet)
                folders = dict(zip(("incidents", "mentions", "unlocated"), written_tables))  # parquet first
                located = gdask.DaskLocated(located.events, **{t: dd.read_parquet(f) for t, f in folders.items()})
            else:
                located = located.persist()  # held in the workers' memory for the map, summary and CSV
                _dask_progress(client, futures_of(located.incidents), quiet)
                written_tables = located.to_csv(stem) if formats else []
            shown = gdask.map_incidents(located.incidents)
            save_map_atomic(incidents_map(shown.incidents, title=shown.titled(title), online=online,
                                          gazetteer=gazetteer), output)
            written = [output, *written_tables]
            if png_path:
                from .snapshot import screenshot

                written.append(screenshot(output, png_path, width=png_size[0], height=png_size[1]))
            summary = located.summary()
            warnings = located.warnings()
            far = None
            if check_km is not None:
                far = int((located.incidents["text_km"] > check_km).sum().compute())
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputFormatError(f"a table could not be read on a Dask worker ({type(exc).__name__}: {exc}); "
                               "check its quoting, number of columns and encoding (UTF-8 or cp1252)") from None
    if not _silent():
        if shown.note:
            click.echo(f"Map: {shown.note}", err=True)
        click.echo(summary, err=True)
        if far is not None:
            click.echo(f"  --check: {far:,} records whose text points more than {check_km:g} km "
                       "from their coordinates (see text_place, text_km)", err=True)
        for line in warnings:
            click.echo(line, err=True)
        for path in written:
            click.echo(f"Wrote {path}{_beside(path, output, png_path)}", err=True)


def _dask_progress(client, futures, quiet: bool) -> None:
    """Wait for Dask futures with a progress bar on stderr; raise the first task's error."""
    from distributed import as_completed
    from .progress import progress as tqdm

    for _ in tqdm(as_completed(futures), total=len(futures), desc="Locating", unit="parts", file=sys.stderr,
                  disable=quiet):
        pass
    client.gather(futures)
