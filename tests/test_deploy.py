"""deploy/ holds what an operator installs; these tests keep its files in step with the code (a
renamed command would otherwise break a timer silently, on a server, at night)."""

import runpy
import shlex
from pathlib import Path

import pytest
from django.core.management import get_commands

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))


def commands(unit: Path) -> list[list[str]]:
    lines = unit.read_text().splitlines()
    return [shlex.split(line.partition("=")[2]) for line in lines
            if line.startswith(("ExecStart=", "ExecStartPre="))]


def test_there_is_a_unit_for_the_app_the_worker_and_each_scheduled_command():
    names = {unit.name for unit in UNITS}
    assert {"redflag-web@.service", "redflag-worker.service", "redflag-reminders.service",
            "redflag-purge-downloads.service", "redflag-training-log-check.service"} <= names
    for unit in UNITS:
        if "Type=oneshot" in unit.read_text():
            assert (DEPLOY / "systemd" / unit.name.replace(".service", ".timer")).exists()


@pytest.mark.parametrize("unit", UNITS, ids=lambda unit: unit.name)
def test_every_management_command_a_unit_runs_exists(unit):
    available = get_commands()
    for command in commands(unit):
        assert command[0].startswith("/srv/redflag/.venv/bin/"), command
        if "manage.py" in command:
            assert command[command.index("manage.py") + 1] in available, command


def test_the_web_unit_runs_gunicorn_with_the_configuration_in_deploy():
    (command,) = commands(DEPLOY / "systemd" / "redflag-web@.service")
    assert command[:3] == ["/srv/redflag/.venv/bin/gunicorn", "-c", "deploy/gunicorn.conf.py"]
    assert command[-2:] == ["--bind", "127.0.0.1:%i"]
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert config["wsgi_app"] == "redflag.wsgi:application"
    assert config["workers"] >= 2 and config["timeout"] <= 60


def test_a_gunicorn_worker_prepares_the_county_map_before_its_first_request(monkeypatch):
    from types import SimpleNamespace

    from outreach import maps

    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    logged = []
    worker = SimpleNamespace(log=SimpleNamespace(exception=logged.append))
    maps.counties.cache_clear()
    config["post_worker_init"](worker)
    assert maps.counties.cache_info().currsize == 1 and not logged
    # A map that cannot be prepared is logged, and the worker still starts.
    monkeypatch.setattr(maps, "warm", lambda: 1 / 0)
    config["post_worker_init"](worker)
    assert logged == ["The county map could not be prepared"]
