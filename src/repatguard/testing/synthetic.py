"""Seeded synthetic manifests for tests and benchmarks. All data is invented.

The households look like a registration export for an organised repatriation: mostly refugee
families, adults with their declaration, information session and reconfirmation, some facts
missing, a few coercion indicators, unaccompanied children, people who stay behind. The same
seed always gives the same records, in JSON Lines and in CSV alike.
"""

from __future__ import annotations

import copy
import csv
import json
import os
import random
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Any

from repatguard.stream.csv_layout import (
    CONSENT_COLUMNS,
    HOUSEHOLD_COLUMNS,
    RECORD_LIST_COLUMNS,
    columns,
    records_cell,
)

__all__ = [
    "AS_OF",
    "declared_population",
    "household_rows",
    "synthetic_households",
    "synthetic_operation",
    "write_csv",
    "write_jsonl",
]

AS_OF = "2026-06-01"
"""The date the synthetic operation is meant to be checked at."""

_BASE_EXAMPLE = "organised-promotion.json"


def synthetic_operation() -> dict[str, Any]:
    """The operation of the bundled organised-promotion example without its households, its
    population counts left unknown so that the manifest gives them."""
    text = resources.files("repatguard.examples").joinpath(_BASE_EXAMPLE).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    data["households"] = []
    data["population"] = dict.fromkeys(data["population"])
    return data


_COUNT_OF = {
    "refugee": "refugees",
    "asylum_seeker": "asylum_seekers",
    "migrant": "migrants",
    "idp": "idps",
    "stateless": "stateless",
    "unknown": "unknown",
}


def declared_population(households: Iterable[dict[str, Any]]) -> dict[str, int]:
    """Population counts that declare exactly the people of ``households``.

    Without declared counts the manifest is only a lower bound of the population (people may
    exist beyond it), so a check that should be able to clear anything declares them.
    """
    counts = dict.fromkeys(_COUNT_OF.values(), 0)
    for household in households:
        for person in household.get("members", ()):
            counts[_COUNT_OF[person.get("legal_category") or "unknown"]] += 1
    return counts


def _areas(operation: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    areas = [area["reference"] for area in operation["return_areas"]]
    assessed = {a["area"]: a["reference"] for a in operation.get("assessments", [])}
    return areas, assessed


def _date(rng: random.Random, year_from: int, year_to: int) -> str:
    return f"{rng.randint(year_from, year_to)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


# Long on purpose: one draw per field of a person, in a fixed order that the seeds depend on
# (reordering would change every generated manifest).
def _person(
    rng: random.Random,
    reference: str,
    relationship: str,
    birth_year: int,
    assessment: str | None,
) -> dict[str, Any]:
    person: dict[str, Any] = {"reference": reference}
    person["legal_category"] = rng.choices(
        ["refugee", "asylum_seeker", "unknown", "stateless"], weights=[85, 8, 5, 2]
    )[0]
    roll = rng.random()
    if roll < 0.9:
        person["date_of_birth"] = f"{birth_year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    elif roll < 0.97:
        person["age"] = max(0, 2026 - birth_year - 1)
    person["relationship_to_head"] = relationship
    adult = 2026 - birth_year >= 19
    if not adult:
        unaccompanied = rng.random() < 0.01
        person["unaccompanied_or_separated"] = unaccompanied
        if unaccompanied:
            person["best_interests_determination"] = {
                "completed_on": "2026-05-1" + str(rng.randint(0, 9)),
                "outcome": "return_in_best_interests",
            }
            person["child_safeguards"] = {
                "child_view_recorded": True,
                "caregiver_consent": rng.random() < 0.8,
                "tracing_status": "family_located" if rng.random() < 0.7 else "ongoing",
                "reception_care_verified": rng.random() < 0.9,
            }
    if adult or person.get("unaccompanied_or_separated"):
        events: list[dict[str, Any]] = []
        if rng.random() < 0.97:
            events.append(
                {"kind": "declaration", "at": f"2026-05-{rng.randint(1, 9):02d}T10:00:00+00:00"}
            )
        if rng.random() < 0.93:
            session: dict[str, Any] = {
                "kind": "information_session",
                "at": f"2026-05-{rng.randint(10, 19):02d}T09:30:00+00:00",
                "language": rng.choice(["pt", "umb", "kmb"]),
                "disclosed_negative_findings": rng.random() < 0.95,
                "understood_language": rng.random() < 0.97,
            }
            if assessment is not None:
                session["assessment"] = assessment
            events.append(session)
        if rng.random() < 0.9:
            events.append(
                {
                    "kind": "reconfirmation",
                    "at": f"2026-05-{rng.randint(20, 30):02d}T14:00:00+00:00",
                }
            )
        if rng.random() < 0.005:
            events.append({"kind": "withdrawal", "at": "2026-05-31T08:00:00+00:00"})
        if events:
            person["consent"] = events
        # Nearly everyone screened: PREM-014 counts the unscreened among those who decide,
        # and more gaps would hold every synthetic operation at insufficient information.
        if rng.random() < 0.995:
            person["coercion_screened_on"] = f"2026-05-{rng.randint(10, 25):02d}"
        if rng.random() < 0.003:
            person["coercion_indicators"] = ["threats_or_pressure"]
    if rng.random() < 0.05:
        person["specific_needs"] = rng.sample(["medical", "disability", "older_person"], 1)
        person["care_plan"] = rng.random() < 0.8
        person["fit_to_travel"] = rng.random() < 0.95
    person["stays_behind"] = rng.random() < 0.02
    person["trafficking_survivor"] = False
    person["status_determined_by"] = "unhcr"
    person["identity_or_travel_document"] = rng.random() < 0.95
    person["reintegration_plan"] = rng.random() < 0.9
    person["privacy_notice_given"] = rng.random() < 0.97
    if rng.random() < 0.3:
        person["name"] = f"Person {reference}"  # personal: must never appear in any output
    return person


def synthetic_households(
    count: int,
    *,
    seed: int = 42,
    operation: dict[str, Any] | None = None,
    bad_share: float = 0.0,
) -> Iterator[dict[str, Any]]:
    """``count`` households as JSON-ready dicts, from ``random.Random(seed)``.

    With ``bad_share`` > 0, about that share of households carries one input error (a number
    as text, an unknown return area, an impossible date, an unknown field).
    """
    rng = random.Random(seed)  # noqa: S311 - invented test data, not security
    # Facts added later draw from generators of their own, so that a seed keeps giving the
    # households it gave before (the corpus and the benchmarks rely on it).
    places = random.Random(f"{seed}:place-of-origin")  # noqa: S311 - as above
    topics = random.Random(f"{seed}:session-topics")  # noqa: S311 - as above
    papers = random.Random(f"{seed}:nationality")  # noqa: S311 - as above
    families = random.Random(f"{seed}:family-links")  # noqa: S311 - as above
    interviews = random.Random(f"{seed}:separate-interviews")  # noqa: S311 - as above
    disasters = random.Random(f"{seed}:disaster-displacement")  # noqa: S311 - as above
    homes = random.Random(f"{seed}:property-claims")  # noqa: S311 - as above
    areas, assessed = _areas(operation or synthetic_operation())
    for number in range(count):
        reference = f"H{number:07d}"
        area = rng.choices(areas, weights=[70, 30] if len(areas) == 2 else None)[0]
        assessment = assessed.get(area)
        size = rng.choices([1, 2, 3, 4, 5, 6, 7], weights=[15, 20, 22, 18, 12, 8, 5])[0]
        members = [_person(rng, f"{reference}-P1", "head", rng.randint(1956, 2004), assessment)]
        if size > 1 and rng.random() < 0.75:
            members.append(
                _person(rng, f"{reference}-P2", "spouse", rng.randint(1960, 2005), assessment)
            )
        while len(members) < size:
            relationship = "child" if rng.random() < 0.9 else "parent"
            year = rng.randint(2008, 2025) if relationship == "child" else rng.randint(1940, 1965)
            members.append(
                _person(rng, f"{reference}-P{len(members) + 1}", relationship, year, assessment)
            )
        for member in members:
            _destination(places, member, area, areas)
            _session_topics(topics, member)
            _nationality(papers, member)
            _family_links(families, member, f"H{number - 1:07d}" if number else None)
            _separate_interview(interviews, member)
            _disaster_displacement(disasters, member)
            _property_claim(homes, member)
        household: dict[str, Any] = {
            "reference": reference,
            "intended_return_area": area,
            "members": members,
        }
        # Every household has a departure day (without one, people may leave on any day of
        # the 30-day movement window, and VOL-004 cannot clear them); one in ten a later one.
        household["planned_departure"] = "2026-06-21"
        if rng.random() < 0.1:
            household["planned_departure"] = "2026-06-2" + str(rng.randint(1, 9))
        if bad_share and rng.random() < bad_share:
            _spoil(rng, household)
        yield household


def _destination(rng: random.Random, person: dict[str, Any], area: str, areas: list[str]) -> None:
    """COND-010's facts: most adults go home, some to another area they chose; a few
    choices are not recorded and fewer are decided for the person."""
    if person["relationship_to_head"] != "child":  # children are mostly born in exile
        roll = rng.random()
        others = [other for other in areas if other != area]
        if roll < 0.85 or (roll < 0.95 and not others):
            person["place_of_origin"] = area
        elif roll < 0.95:
            person["place_of_origin"] = rng.choice(others)
    roll = rng.random()
    if roll < 0.985:
        person["destination_chosen"] = True
    elif roll >= 0.995:
        person["destination_chosen"] = False


def _nationality(rng: random.Random, person: dict[str, Any]) -> None:
    """LEGAL-008's facts: children are mostly born in exile, nearly always with a registered
    birth and often without proof of nationality of their own (the area's assessment records
    that returnees are recognised as nationals); adults mostly hold proof. A few facts are not
    recorded and fewer are missing."""
    child = person["relationship_to_head"] == "child"
    roll = rng.random()
    if roll < 0.98:
        person["born_in_exile"] = child and rng.random() < 0.8
    roll = rng.random()
    if roll < 0.985:
        person["birth_registered"] = True
    elif roll >= 0.995:
        person["birth_registered"] = False
    roll = rng.random()
    if person["legal_category"] == "stateless":
        person["proof_of_nationality"] = False  # recorded as stateless: no proof to hold
    elif roll < (0.4 if child else 0.95):
        person["proof_of_nationality"] = True
    elif roll < 0.99:
        person["proof_of_nationality"] = False


def _family_links(rng: random.Random, person: dict[str, Any], previous: str | None) -> None:
    """CHILD-005's facts: a few children have a parent outside the household, mostly already
    home or returning too, some staying in the host country, a few unaccompanied by news; a
    few heads have a sibling in the previous household, who returns too."""
    links: list[dict[str, Any]] = []
    relationship = person["relationship_to_head"]
    if relationship == "child" and rng.random() < 0.03:
        roll = rng.random()
        if roll < 0.6:
            links.append({"relationship": "parent", "whereabouts": "country_of_origin"})
        elif roll < 0.95:
            stays = roll >= 0.85
            links.append(
                {"relationship": "parent", "whereabouts": "host_country", "returns": not stays}
            )
        else:
            links.append({"relationship": "parent", "whereabouts": "unknown"})
    if relationship == "head" and previous is not None and rng.random() < 0.01:
        links.append(
            {
                "relationship": "sibling",
                "whereabouts": "other_household",
                "household": previous,
                "returns": True,
            }
        )
    if links:
        person["family_links"] = links


_TOPICS = (
    "conditions_in_return_area",
    "security",
    "mines",
    "documents_and_legal_status",
    "amnesty_and_guarantees",
    "property_and_housing",
    "services",
    "right_to_withdraw",
    "right_to_stay",
    "assistance_package",
)


_SEXES = ("female", "male", "other_or_not_disclosed")
_SEX_WEIGHTS = {
    "head": (18, 80, 1),
    "spouse": (90, 8, 1),
    "child": (49, 49, 1),
    "parent": (55, 43, 1),
}
"""Weights of each sex by relationship to the head; the rest of 100 is not recorded."""


def _separate_interview(rng: random.Random, person: dict[str, Any]) -> None:
    """VOL-017's facts: a sex for nearly everyone, and whether each declaration was held
    apart from the household (nearly always; a few with the household present, a few not
    recorded). Most adolescent girls in their parents' care give a declaration of their own,
    apart from the household."""
    weights = _SEX_WEIGHTS[person["relationship_to_head"]]
    roll = rng.randrange(100)
    for sex, weight in zip(_SEXES, weights, strict=True):
        if roll < weight:
            person["sex"] = sex
            break
        roll -= weight
    birth = person.get("date_of_birth")
    adolescent = birth is not None and 10 <= 2026 - int(birth[:4]) - 1 < 18
    own_say = adolescent and person.get("sex") == "female" and "consent" not in person
    if own_say and rng.random() < 0.9:
        day = rng.randint(1, 9)
        person["consent"] = [{"kind": "declaration", "at": f"2026-05-{day:02d}T11:00:00+00:00"}]
    for event in person.get("consent", ()):
        if event["kind"] != "declaration":
            continue
        chance = rng.random()
        if chance < 0.95:
            event["held_separately"] = True
        elif chance < 0.98:
            event["held_separately"] = False


def _disaster_displacement(rng: random.Random, person: dict[str, Any]) -> None:
    """LEAD-010's facts. The synthetic operation records that no one in scope was displaced by
    a disaster, so a person's own record is left out (the operation's stands) or says the
    same; never that they were (an input error under the operation's record). People whose
    protection need is not settled by refugee status sometimes have an assessment made with
    a disaster in view on record, either way."""
    if rng.random() < 0.1:
        person["disaster_displaced"] = False
    if person["legal_category"] in ("refugee", "idp"):
        return
    roll = rng.random()
    if roll < 0.3:
        person["disaster_nexus_assessed"] = True
    elif roll < 0.4:
        person["disaster_nexus_assessed"] = False


def _session_topics(rng: random.Random, person: dict[str, Any]) -> None:
    """VOL-003's coverage: nearly every session covers every topic; a few left out the right
    to stay and fewer record no coverage (never an empty list, which CSV cannot tell from
    an unrecorded one)."""
    for event in person.get("consent", ()):
        if event["kind"] != "information_session":
            continue
        roll = rng.random()
        if roll < 0.99:
            event["topics_covered"] = list(_TOPICS)
        elif roll < 0.996:
            event["topics_covered"] = [t for t in _TOPICS if t != "right_to_stay"]


def _spoil(rng: random.Random, household: dict[str, Any]) -> None:
    target = rng.choice(household["members"])
    choice = rng.randrange(4)
    if choice == 0:
        target["age"] = "3"
        target.pop("date_of_birth", None)
    elif choice == 1:
        household["intended_return_area"] = "AREA-UNKNOWN"
    elif choice == 2:
        target["coercion_screened_on"] = "2026-02-30"
    else:
        target["favourite_colour"] = "blue"


def write_jsonl(path: str | os.PathLike[str], households: Iterable[dict[str, Any]]) -> int:
    """Write one household per line; returns the number of households written."""
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        for household in households:
            out.write(json.dumps(household, ensure_ascii=False, separators=(",", ":")) + "\n")
            written += 1
    return written


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    return str(value)


def household_rows(household: dict[str, Any]) -> Iterator[dict[str, str]]:
    """The CSV rows (one per person) of a household record."""
    keys = {field: column for column, field in HOUSEHOLD_COLUMNS.items()}
    shared = {keys[k]: _cell(v) for k, v in household.items() if k in keys}
    by_event = {(kind.value, field): column for column, (kind, field) in CONSENT_COLUMNS.items()}
    for member in household.get("members", []):
        row = dict(shared)
        for key, value in member.items():
            if key == "consent":
                for event in value:
                    for field, item in event.items():
                        if field != "kind":
                            row[by_event[(event["kind"], field)]] = _cell(item)
            elif key in RECORD_LIST_COLUMNS:
                row[key] = records_cell(key, value)
            elif isinstance(value, dict):
                for sub, item in value.items():
                    row[f"{key}.{sub}"] = _cell(item)
            else:
                row[key] = _cell(value)
        yield row


def write_csv(path: str | os.PathLike[str], households: Iterable[dict[str, Any]]) -> int:
    """Write the households in the CSV layout (every column of the layout, in its order)."""
    written = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(columns()), extrasaction="ignore")
        writer.writeheader()
        for household in households:
            for row in household_rows(copy.deepcopy(household)):
                writer.writerow(row)
            written += 1
    return written


_CLAIM_STAGES = ("not_lodged", "lodged", "lodged", "restored", "compensated", "rejected")


def _property_claim(rng: random.Random, person: dict[str, Any]) -> None:
    """LEGAL-009's facts: most adults, and a few children, left housing, land or property
    behind; nearly all of them were told how to claim it and nothing ties the claim to their
    return. A few records are missing or incomplete, and a very few claims are tied to return
    or the person was not told."""
    if rng.random() >= 0.97:
        return  # not recorded
    child = person["relationship_to_head"] == "child"
    claim: dict[str, Any] = {"left_behind": rng.random() < (0.1 if child else 0.6)}
    person["property_claim"] = claim
    if not claim["left_behind"]:
        return
    claim["status"] = rng.choice(_CLAIM_STAGES)
    roll = rng.random()
    if roll < 0.96:
        claim["informed_of_procedure"] = True
    elif roll < 0.98:
        claim["informed_of_procedure"] = False
    roll = rng.random()
    if roll < 0.97:
        claim["tied_to_return"] = False
    elif roll < 0.985:
        claim["tied_to_return"] = True
