"""The effectiveness rates (rulesets/rates.yaml) and the responsible bodies (rulesets/responsible.yaml)
are law data beside the rules they name: every rule id they name is a shipped rule, and no
loader of rulesets/ takes them for a rule file."""

import shutil

from engine import rulesets
from engine.audit import summary
from engine.core.yamlload import load_file
from engine.documents import annual, context

ROOT = rulesets.RULESETS_DIR


def shipped_rule_ids() -> set[str]:
    return {r.id for rid in rulesets.all_ids() for r in rulesets.load(rid).rules}


def test_rates_and_responsible_sit_beside_the_rules():
    assert summary.RATES_FILE == ROOT / "rates.yaml" and context.RESPONSIBLE_FILE == ROOT / "responsible.yaml"
    assert annual.ANNUAL_FILE.name == "annual.yaml" and "annual" not in load_file(annual.ANNUAL_FILE)  # order only


def test_every_rule_a_rate_names_is_a_shipped_rule():
    ids = shipped_rule_ids()
    named = {r for rd in summary.rate_defs() for r in rd.rules} | {r for rd in annual.rates_for("normative_document") for r in rd.rules}
    assert named and named <= ids, sorted(named - ids)
    assert [rd.id for rd in annual.rates_for("normative_document")][:2] == ["nd_public_comment", "nd_legality_review"]


def test_every_prefix_responsible_yaml_names_matches_a_rule():
    ids = shipped_rule_ids()
    for prefix in load_file(context.RESPONSIBLE_FILE)["prefixes"]:
        assert any(i.startswith(prefix) for i in ids), prefix


def test_the_data_files_are_not_read_as_rule_files(tmp_path):
    folder = tmp_path / "decree-713"
    shutil.copytree(ROOT / "national" / "decree-713", folder)
    for name in ("rates.yaml", "responsible.yaml"):
        shutil.copy(ROOT / name, folder / name)
    index, rules, files, _ = rulesets.load_folder(folder)
    assert not any(f.endswith(("rates.yaml", "responsible.yaml")) for f in files)
    assert len(rules) == len(rulesets.load_folder(ROOT / "national" / "decree-713")[1])
    assert all((ROOT / name).exists() and not (ROOT / name).with_name("index.yaml").exists() for name in ("rates.yaml",))
