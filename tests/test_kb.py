"""The actor knowledge base: data lint (every file, every line) and loader behaviour."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date

import pytest

from rawi.arabic.normalize import normalize
from rawi.entities.kb import KB_DIR, ROLES_FILE, TYPES, actor_files, load_kb, parse_partial

ID_RE = re.compile(r"^[a-z]{2,4}\.[a-z0-9_]+$")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
PERSIAN = re.compile("[یک]")
ISO2 = re.compile(r"^[A-Z]{2}$")
# The 193 UN member states (ISO 3166-1 alpha-2).
UN_MEMBERS = set("""
AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH CM CA CF TD
CL CN CO KM CG CD CR CI HR CU CY CZ DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM GE DE GH GR GD
GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KP KR KW KG LA LV LB LS LR LY LI LT LU
MG MW MY MV ML MT MH MR MU MX FM MD MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG MK NO OM PK PW PA PG PY
PE PH PL PT QA RO RU RW KN LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ
TZ TH TL TG TO TT TN TR TM TV UG UA AE GB US UY UZ VU VE VN YE ZM ZW""".split())


def _records(name_filter=None):
    files = [KB_DIR / ROLES_FILE] if name_filter == "roles" else actor_files()
    for p in files:
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            s = line.strip()
            if s and not s.startswith("#"):
                yield p.name, n, line, s


def _texts(rec):
    for k in ("name", "aliases", "demonyms", "ambiguous"):
        v = rec.get(k) or []
        yield from ([v] if isinstance(v, str) else v)


def test_un_member_list_is_193():
    assert len(UN_MEMBERS) == 193


def test_every_actor_line_parses_and_is_clean():
    ids: set[str] = set()
    problems = []
    for fname, n, line, s in _records():
        where = f"{fname}:{n}"
        rec = json.loads(s)
        if rec["id"] in ids:
            problems.append(f"{where}: duplicate id {rec['id']}")
        ids.add(rec["id"])
        if not ID_RE.match(rec["id"]):
            problems.append(f"{where}: bad id {rec['id']!r}")
        if rec["type"] not in TYPES:
            problems.append(f"{where}: bad type {rec['type']!r}")
        if not rec.get("name"):
            problems.append(f"{where}: no name")
        if rec.get("country") is not None and not ISO2.match(rec["country"]):
            problems.append(f"{where}: bad country {rec['country']!r}")
        if rec.get("wikidata") is not None and not re.match(r"^Q\d+$", rec["wikidata"]):
            problems.append(f"{where}: bad wikidata {rec['wikidata']!r}")
        if unicodedata.normalize("NFC", line) != line:
            problems.append(f"{where}: not NFC")
        if PRESENTATION.search(line):
            problems.append(f"{where}: Arabic presentation form")
        if PERSIAN.search(line):
            problems.append(f"{where}: Persian ی/ک")
        aliases = rec.get("aliases") or []
        if len(set(aliases)) != len(aliases) or rec["name"] in aliases:
            problems.append(f"{where}: duplicate alias")
        forms = {normalize(t) for t in (rec["name"], *aliases, *(rec.get("demonyms") or []))}
        for a in rec.get("ambiguous") or []:
            if normalize(a) not in forms:
                problems.append(f"{where}: ambiguous form {a!r} is not a name/alias")
        for t in _texts(rec):
            if t != t.strip() or "  " in t:
                problems.append(f"{where}: stray spaces in {t!r}")
    assert not problems, "\n".join(problems[:50])


def test_roles_are_consistent():
    kb = load_kb()
    problems = []
    for fname, n, _line, s in _records("roles"):
        r = json.loads(s)
        where = f"{fname}:{n}"
        if r["holder"] not in kb.actors:
            problems.append(f"{where}: unknown holder {r['holder']}")
        if not (ISO2.match(r["country"]) or r["country"] in kb.actors):
            problems.append(f"{where}: country is neither ISO alpha-2 nor an actor id: {r['country']}")
        for k in ("from", "to"):
            v = r.get(k)
            if v is not None and not DATE_RE.match(str(v)):
                problems.append(f"{where}: {k} not ISO (YYYY, YYYY-MM, YYYY-MM-DD): {v!r}")
        if r.get("to") and DATE_RE.match(r["to"]) and DATE_RE.match(r["from"]):
            if parse_partial(r["from"]) > parse_partial(r["to"], last=True):
                problems.append(f"{where}: from after to")
        if r["role"] not in set(kb.role_titles().values()):
            problems.append(f"{where}: role {r['role']!r} has no title in role_titles.yaml")
    assert not problems, "\n".join(problems)


def test_sizes_and_coverage():
    kb = load_kb()
    per_org = [a for a in kb.actors.values() if a.type in ("PER", "ORG")]
    assert len(per_org) >= 500
    state_codes = {a.country for a in kb.actors.values() if a.type == "GPE" and a.id == f"geo.{(a.country or '').lower()}"}
    assert UN_MEMBERS <= state_codes, sorted(UN_MEMBERS - state_codes)
    for code in UN_MEMBERS - {"NR", "IL"}:  # Nauru has no official capital; Israel's is contested (left empty)
        cap = kb.actors[f"geo.{code.lower()}"].capital
        assert cap in kb.actors, code


def test_founding_article_actors(founding_text):
    kb = load_kb()
    text = normalize(founding_text)
    for form in ["كامل صقر", "بشار الأسد", "فلاديمير بوتين", "بسام صباغ", "حبيب عباس", "عباس عراقجي",
                 "رجب طيب أردوغان", "حزب الله", "القصر الجمهوري", "موسكو", "دمشق", "حلب"]:
        n = normalize(form)
        assert n in text, form
        assert kb.lookup(n), form
    assert kb.lookup(normalize("صقر"))[0].id == "sy.kamel_saqr"
    assert kb.is_ambiguous("sy.kamel_saqr", normalize("صقر"))
    assert not kb.is_ambiguous("sy.kamel_saqr", normalize("كامل صقر"))
    for adj, cc in [("الروس", "RU"), ("الإيرانيين", "IR"), ("الإيرانية", "IR"), ("السوري", "SY"),
                    ("العراقية", "IQ"), ("التركية", "TR"), ("أميركي", "US"), ("الروسية", "RU")]:
        assert kb.country_of_adjective(normalize(adj)) == cc, adj
    assert kb.country_of_adjective(normalize("الأممي")) == "intl.un"
    assert kb.country_of_adjective(normalize("بشار")) is None


@pytest.mark.parametrize("form", ["اردوغان", "أردوغان", "إردوغان", "رجب طيب اردوغان"])
def test_lookup_variants(form):
    assert [a.id for a in load_kb().lookup(normalize(form))] == ["tr.recep_tayyip_erdogan"]


def test_lookup_and_forms():
    kb = load_kb()
    assert [a.id for a in kb.lookup(normalize("الروس"))] == ["geo.ru"]
    assert kb.lookup(normalize("قسد"))[0].id == "sy.sdf"
    assert kb.lookup(normalize("داعش"))[0].id == "intl.isis"
    assert kb.lookup("no such form") == []
    kinds = {k for _, _, k in kb.forms()}
    assert kinds == {"name", "alias", "demonym"}
    forms = list(kb.forms())
    assert (normalize("بشار الأسد"), "sy.bashar_al_assad", "name") in forms
    assert (normalize("الروسيين"), "geo.ru", "demonym") in forms
    assert all(f == f.strip() and f for f, _, _ in forms)


def test_holders_and_roles():
    kb = load_kb()
    assert kb.holder("president", "SY", date(2024, 11, 1)).id == "sy.bashar_al_assad"
    assert kb.holder("president", "SY", date(2025, 2, 1)).id == "sy.ahmed_al_sharaa"
    assert kb.holder("de_facto_leader", "SY", date(2024, 12, 20)).id == "sy.ahmed_al_sharaa"
    assert kb.holder("foreign_minister", "SY", date(2024, 11, 26)).id == "sy.bassam_sabbagh"
    assert kb.holder("foreign_minister", "IR", date(2024, 12, 1)).id == "ir.abbas_araghchi"
    assert kb.holder("foreign_minister", "IR", date(2024, 6, 1)).id == "ir.ali_bagheri_kani"
    assert kb.holder("president", "RU", date(2010, 1, 1)).id == "ru.dmitry_medvedev"
    assert kb.holder("president", "TR", date(2024, 12, 1)).id == "tr.recep_tayyip_erdogan"
    assert kb.holder("secretary_general", "intl.un", date(2020, 1, 1)).id == "intl.antonio_guterres"
    assert kb.holder("president", "SY", date(1950, 1, 1)) is None
    assert kb.holder("no_such_role", "SY", date(2020, 1, 1)) is None
    spells = kb.roles_of("tr.recep_tayyip_erdogan")
    assert ("prime_minister", "TR", "2003-03-14", "2014-08-28") in spells
    assert kb.roles_of("tr.recep_tayyip_erdogan", on=date(2010, 1, 1)) == [
        ("prime_minister", "TR", "2003-03-14", "2014-08-28")]


def test_role_titles():
    t = load_kb().role_titles()
    assert t[normalize("وزير الخارجية")] == "foreign_minister"
    assert t[normalize("رئيس الحكومة")] == "prime_minister"
    assert t[normalize("الرئيس")] == "president"
    assert t[normalize("المرشد الأعلى")] == "supreme_leader"
    assert t[normalize("ولي العهد")] == "crown_prince"


def test_places_file_is_regenerated(shared):
    """places.jsonl is what scripts/build_kb_places.py makes from CLDR + src/*.tsv (rerun it after edits)."""
    import importlib.util

    script = KB_DIR.parents[2] / "scripts" / "build_kb_places.py"
    spec = importlib.util.spec_from_file_location("build_kb_places", script)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert (KB_DIR / "places.jsonl").read_text(encoding="utf-8") == mod.render(mod.build_rows())


def test_ambiguous_common_words():
    kb = load_kb()
    for actor_id, form in [("mv.male", "مالية"), ("ye.ibb", "آب"), ("geo.ml", "مالي"), ("iq.saddam_hussein", "صدام"),
                           ("ps.mahmoud_abbas", "عباس"), ("lb.nawaf_salam", "سلام")]:
        assert kb.is_ambiguous(actor_id, normalize(form)), (actor_id, form)
    assert not kb.is_ambiguous("sy.bashar_al_assad", normalize("بشار الأسد"))
