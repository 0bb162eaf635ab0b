"""``bonemets calc``: readable output, --json equal to Result.to_dict(), --list, exit 2 with one
stderr line per problem, never a traceback; and validation survives ``python -O``."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import bonemets
from bonemets.cli import main

from .helpers import VALID


def pairs(inputs: dict) -> list[str]:
    return [f"{k}={str(v).lower() if isinstance(v, bool) else v}" for k, v in inputs.items()]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_readable_output_lists_everything(capsys):
    code, out, err = run(
        capsys,
        "calc",
        "mirels",
        "site=lower_limb",
        "pain=functional",
        "lesion=lytic",
        "size=1_3_to_2_3",
    )
    assert code == 0 and err == ""
    assert "Site: Lower limb  [2 points]" in out
    assert "Pain: Functional (pain on using the limb)  [3 points]" in out
    assert "Total: 10 (range 4-12)" in out
    assert "Band: High fracture risk (high)" in out
    assert "Recommendation: Prophylactic fixation" in out
    assert "Mirels H. Metastatic disease in long bones" in out
    assert out.rstrip().endswith(bonemets.NOTICE)


@pytest.mark.parametrize("name", list(VALID))
def test_json_equals_to_dict_for_every_calculator(capsys, name):
    code, out, err = run(capsys, "calc", name, *pairs(VALID[name]), "--json")
    assert code == 0, err
    assert json.loads(out) == json.loads(
        json.dumps(bonemets.calculate(name, **VALID[name]).to_dict())
    )


@pytest.mark.parametrize("name", list(VALID))
def test_readable_output_for_every_calculator(capsys, name):
    code, out, _ = run(capsys, "calc", name, *pairs(VALID[name]))
    r = bonemets.calculate(name, **VALID[name])
    assert code == 0
    assert r.title in out and r.recommendation in out and bonemets.NOTICE in out
    assert r.citations[0].full() in out
    if r.band_label:
        assert r.band_label in out
    for reason in r.reasons:
        assert reason.citation.short() in out


def test_list(capsys):
    code, out, _ = run(capsys, "calc", "--list")
    assert code == 0
    for name in bonemets.CALCULATORS:
        assert f"{name}: " in out
    assert "size: one of lt_1_3, 1_3_to_2_3, gt_2_3" in out
    assert "alpha_beta (optional)" in out
    code, out, _ = run(capsys, "calc", "--list", "--json")
    assert code == 0
    assert [c["name"] for c in json.loads(out)] == list(bonemets.CALCULATORS)


def test_bad_input_exit_2_one_line_per_problem(capsys):
    code, out, err = run(capsys, "calc", "mirels", "site=arm", "pain=mild", "colour=red")
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 4  # colour (unknown), site (not allowed), lesion and size (missing)
    by_field = {line.split(":")[1].strip(): line for line in lines}
    assert set(by_field) == {"site", "colour", "lesion", "size"}
    assert "missing" in by_field["lesion"] and "blastic, mixed, lytic" in by_field["lesion"]
    assert "upper_limb, lower_limb, peritrochanteric" in by_field["site"]
    assert "unknown input" in by_field["colour"]
    assert all(line.startswith("error: ") for line in lines)


def test_bad_input_json(capsys):
    code, out, err = run(capsys, "calc", "pain", "nrs=11", "--json")
    assert code == 2
    assert json.loads(out) == {
        "valid": False,
        "errors": [
            {
                "field": "nrs",
                "message": "11 is out of range; allowed: a whole number from 0 to 10 /10",
            }
        ],
    }
    assert err.strip() == "error: nrs: 11 is out of range; allowed: a whole number from 0 to 10 /10"


@pytest.mark.parametrize(
    "argv",
    [
        ["calc"],
        ["calc", "nosuch"],
        ["calc", "mirels", "site"],
        ["calc", "mirels", "=x"],
        ["calc", "mirels", "site=upper_limb", "site=lower_limb"],
        ["calc", "pain", "nrs=5.5"],
        ["calc", "pain", "nrs=1e999"],
        ["calc", "eqd2", "fractions=1", "dose_per_fraction_gy=nan"],
        ["calc", "zoledronic_acid", "age=1" + "0" * 5000],
        ["calc", "bauer", "visceral_mets=maybe", "primary=breast", "solitary=yes"],
        ["calc", "mirels", "site=\x00", "pain=\udcff"],
        ["calc", "--bogus"],
        ["nosuchcommand"],
    ],
)
def test_garbage_never_tracebacks(capsys, argv):
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 2
    assert "Traceback" not in out + err
    assert err.strip()


def test_no_command_prints_help_and_exits_2(capsys):
    code, out, _ = run(capsys)
    assert code == 2 and "calc" in out


def test_duplicate_key_with_spaces_detected(capsys):
    code, _, err = run(capsys, "calc", "pain", "nrs=5", " nrs=6")
    assert code == 2 and "nrs: given twice" in err


def test_text_inputs_are_converted(capsys):
    code, out, _ = run(
        capsys,
        "calc",
        "noms",
        "escc_grade=2",
        "radiosensitivity=resistant",
        "sins=13",
        "fit_for_surgery=yes",
        "--json",
    )
    assert code == 0
    assert json.loads(out)["values"]["pathway"] == "separation_surgery_srs"


def _sub(*args: str, optimize: bool = False) -> subprocess.CompletedProcess:
    cmd = [sys.executable, *(["-O"] if optimize else []), "-m", "bonemets.cli", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60)


def test_subprocess_exit_codes_and_no_traceback():
    ok = _sub("calc", "pain", "nrs=3")
    assert ok.returncode == 0 and "Mild pain" in ok.stdout
    bad = _sub("calc", "zoledronic_acid", "age=150", "sex=x", "weight_kg=0", "creatinine=-1")
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
    fields = [line.split(":")[1].strip() for line in bad.stderr.strip().splitlines()]
    assert fields == ["age", "sex", "weight_kg", "creatinine", "creatinine_unit"]


def test_validation_survives_python_O():
    code = "import sys, bonemets\nassert False, 'asserts are on'\n"
    probe = subprocess.run(
        [sys.executable, "-O", "-c", code], capture_output=True, text=True, timeout=60
    )
    assert probe.returncode == 0  # -O really strips asserts
    script = (
        "import bonemets\n"
        "bad = [('pain', {'nrs': 11}), ('zoledronic_acid', {'age': 150, 'sex': 'male',"
        " 'weight_kg': 70, 'creatinine': 1.0, 'creatinine_unit': 'mg_dl'}),"
        " ('mirels', {'site': 'arm', 'pain': 'mild', 'lesion': 'lytic', 'size': 'lt_1_3'}),"
        " ('calcium', {'calcium': 9, 'albumin': 35, 'units': 'conventional'})]\n"
        "n = 0\n"
        "for name, kw in bad:\n"
        "    try:\n"
        "        bonemets.calculate(name, **kw)\n"
        "    except bonemets.InputError:\n"
        "        n += 1\n"
        "print(n)\n"
    )
    res = subprocess.run(
        [sys.executable, "-O", "-c", script], capture_output=True, text=True, timeout=60
    )
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "4"
    cli = _sub("calc", "pain", "nrs=11", optimize=True)
    assert cli.returncode == 2 and "nrs" in cli.stderr


NOT_NUMBERS = [
    "1_0",
    "\u0661\u0660",
    "\uff11\uff10",
    "\U0001d7d6",
    "8,5",
    "1.2.3",
    "0x10",
    "8.5 mg",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "Infinity",
    "1e1",
    "",
]


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_text_path_refuses_what_the_site_refuses(capsys, text):
    """F16: Python's float()/int() read 1_0, Arabic-Indic, full-width and mathematical digits;
    the course's one grammar does not (the static site reads the same pattern)."""
    code, out, err = run(capsys, "calc", "pain", f"nrs={text}")
    assert code == 2 and out == ""
    assert err.startswith("error: nrs: ") and "is not a whole number" in err
    code, out, err = run(
        capsys, "calc", "calcium", f"calcium={text}", "albumin=3", "units=conventional"
    )
    assert code == 2 and err.startswith("error: calcium: ")
    if "," in text:
        assert "use a decimal point and no comma" in err
    else:
        assert "is not a number" in err


def test_api_text_path_refuses_the_same(capsys):
    import bonemets

    calc = bonemets.get("radiopharmaceutical")
    base = {f.name: "x" for f in calc.fields}
    for text in NOT_NUMBERS:
        with pytest.raises(bonemets.InputError) as info:
            calc.evaluate_text({**base, "anc": text})
        assert "anc" in [e.field for e in info.value.errors]


@pytest.mark.parametrize(
    "argv",
    [
        ["calc", "mirels", "site=" + "x" * 100_000],
        ["calc", "mirels", "x" * 100_000 + "=1"],
        ["calc", "mirels", "x" * 100_000],
        ["calc", "x" * 100_000],
        ["calc", "bauer", "visceral_mets=" + "1" * 100_000, "primary=breast", "solitary=yes"],
        ["calc", "eqd2", "fractions=" + "9" * 100_000, "dose_per_fraction_gy=2"],
    ],
)
def test_messages_never_echo_the_whole_input(capsys, argv):
    """F17: at most a short, truncated form of what was typed."""
    code, _out, err = run(capsys, *argv)
    assert code == 2
    assert max(len(line) for line in err.splitlines()) < 400, err[:500]


def test_every_command_module_is_registered_and_listed_in_help(tmp_path):
    """`bonemets --help` lists every module of ``bonemets.commands`` (the list in ``cli.COMMANDS``
    is explicit; this finds a module someone forgot to add), run from a folder that is not the
    course, through the installed entry point's code path."""
    import pkgutil

    import bonemets.commands
    from bonemets.cli import COMMANDS

    modules = {m.name for m in pkgutil.iter_modules(bonemets.commands.__path__)}
    assert {m.__name__.rsplit(".", 1)[1] for m in COMMANDS} == modules
    proc = subprocess.run(
        [sys.executable, "-m", "bonemets.cli", "--help"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert proc.returncode == 0 and proc.stderr == ""
    listed = {
        line.split()[0]
        for line in proc.stdout.split("COMMAND", 2)[-1].splitlines()
        if line.startswith("    ") and line.split() and not line.startswith("     ")
    }
    assert listed == modules, proc.stdout
