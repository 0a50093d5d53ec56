"""The pure helpers of `make load` (tests/load/): the run itself needs the stack and is not here."""

import base64

import pytest

from tests.load.prepare import read_env_file
from tests.load.report import EndpointStats, Target, stats_table, table, targets
from tests.load.totp import totp

RFC_6238_SECRET = base64.b32encode(b"12345678901234567890").decode()


@pytest.mark.parametrize(("moment", "code"), [
    (59, "94287082"),
    (1111111109, "07081804"),
    (1111111111, "14050471"),
    (1234567890, "89005924"),
    (2000000000, "69279037"),
    (20000000000, "65353130"),
])
def test_the_code_matches_rfc_6238s_sha1_vectors(moment, code):
    assert totp(RFC_6238_SECRET, moment, digits=8) == code


def test_the_code_is_what_an_app_shows_for_a_key_typed_in_groups_without_padding():
    assert totp("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", 59) == "287082"


def test_the_stack_environment_is_read_as_key_value_lines(tmp_path):
    path = tmp_path / "stack.env"
    path.write_text("# the stack\nDEBUG=0\n\nSECRET_KEY='a=b'\nEMPTY=\n")
    assert read_env_file(path) == {"DEBUG": "0", "SECRET_KEY": "a=b", "EMPTY": ""}


def test_a_table_aligns_text_left_and_numbers_right():
    assert table(["name", "n"], [["lesson", 5], ["verify", 120]]).splitlines() == [
        "name      n",
        "------  ---",
        "lesson    5",
        "verify  120",
    ]


def test_a_p95_over_its_limit_or_an_unmeasured_endpoint_misses_its_target():
    stats = [
        EndpointStats("lesson", 100, 0, 20, 350, 400, 5.0),
        EndpointStats("Aggregated", 100, 0, 20, 350, 400, 5.0),
    ]
    found = {t.name: t for t in targets(stats, server_errors=0)}
    assert not found["lesson p95 ms"].ok
    assert found["verify p95 ms"] == Target("verify p95 ms", None, 300)
    assert not found["verify p95 ms"].ok
    assert found["failed requests"].ok and found["5xx responses"].ok
    assert "lesson" in stats_table(stats)
