"""Shared fixtures for the geomap test suite.

The real default gazetteer is built once per session (about 20 s) into a
temporary directory; every test that needs an index uses that one (or a
copy of it).  Nothing here touches the network, the user's cache directory
or anything outside the repository and pytest's temporary directories.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
from pathlib import Path

import pytest

from geomap.gazetteer import ENV_VAR

TESTS_DIR = Path(__file__).resolve().parent
DATA_DIR = TESTS_DIR / "data"
REPO_ROOT = TESTS_DIR.parent


def _no_network(*args, **kwargs):
    raise RuntimeError("the geomap test suite must not touch the network")


@pytest.fixture(scope="session", autouse=True)
def _isolated_session(tmp_path_factory):
    """Guard every test: no network, and no index built in the user's cache directory.

    ``GEOMAP_GAZETTEER`` points at a path that does not exist, so code that
    opens the *default* gazetteer fails loudly (GazetteerMissingError) instead
    of silently building 60 MB in ~/.cache.  Tests that want the real index
    set the variable themselves (see ``cli_gazetteer``) or pass a path.
    Session-scoped so that Hypothesis tests do not see a function-scoped fixture.
    """
    mp = pytest.MonkeyPatch()
    mp.setenv(ENV_VAR, str(tmp_path_factory.mktemp("no-default-index") / "missing.sqlite"))
    mp.setattr(socket.socket, "connect", _no_network)
    mp.setattr(socket.socket, "connect_ex", _no_network)
    mp.setattr(socket, "create_connection", _no_network)
    mp.setattr(socket, "getaddrinfo", _no_network)
    yield
    mp.undo()


@pytest.fixture(scope="session")
def gazetteer_path(tmp_path_factory) -> Path:
    """The real default gazetteer, built once per session."""
    from geomap.gazetteer_build import build_gazetteer

    path = tmp_path_factory.mktemp("gaz") / "gazetteer.sqlite"
    built = build_gazetteer(path, progress=False)
    assert built == path and path.is_file()
    return path


@pytest.fixture(scope="session")
def gazetteer(gazetteer_path):
    from geomap.gazetteer import Gazetteer

    gaz = Gazetteer(gazetteer_path)
    yield gaz
    gaz.close()


@pytest.fixture(scope="session")
def geocoder(gazetteer):
    from geomap.geocoder import GazetteerGeocoder

    return GazetteerGeocoder(gazetteer)


@pytest.fixture
def gazetteer_copy(gazetteer_path, tmp_path) -> Path:
    """A private copy of the built index, for tests that write to it."""
    copy = tmp_path / "copy" / "gazetteer.sqlite"
    copy.parent.mkdir()
    shutil.copy(gazetteer_path, copy)
    return copy


@pytest.fixture(scope="session")
def cli_env(gazetteer_path) -> dict[str, str]:
    """Environment for running ``geomap`` in a subprocess against the built index."""
    env = dict(os.environ)
    env[ENV_VAR] = str(gazetteer_path)
    env["PYTHONIOENCODING"] = "utf-8"
    # The package is installed editable in the venv, but make the checkout win regardless.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    return env


@pytest.fixture
def cli_gazetteer(gazetteer_path, monkeypatch) -> Path:
    """Point ``GEOMAP_GAZETTEER`` at the built index for an in-process CLI run."""
    monkeypatch.setenv(ENV_VAR, str(gazetteer_path))
    return gazetteer_path


@pytest.fixture(scope="session")
def python_exe() -> str:
    return sys.executable


def map_data(page: str) -> dict:
    """The incident data a geomap map page carries (the payload of geomap.map_data), unpacked."""
    import re

    from geomap.map_data import PACKED_TYPE, unpack

    found = re.search(rf'<script type="{PACKED_TYPE}" id="\w+_data">(.*?)</script>', page, flags=re.S)
    assert found, "no incident data block in the page"
    return unpack(found.group(1))
