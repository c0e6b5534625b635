"""VOL-005: a withdrawn decision takes the person off the manifest."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from repatguard.facts.facts import Member
from repatguard.model import ConsentEvent, ConsentKind
from repatguard.rules._people import parents_passing
from repatguard.rules.api import PersonContext, Problem, Reference, Scope, Severity, msg, rule

_Events = Sequence[tuple[int, ConsentEvent]]


def _latest(events: _Events, kind: ConsentKind) -> tuple[int, ConsentEvent] | None:
    found = [(index, event) for index, event in events if event.kind is kind]
    return found[-1] if found else None


def _withdrawal_in_force(events: _Events) -> tuple[int, ConsentEvent] | None:
    """The latest withdrawal among ``events`` (in time order), if no declaration came after
    it."""
    withdrawal = _latest(events, ConsentKind.WITHDRAWAL)
    if withdrawal is None:
        return None
    declaration = _latest(events, ConsentKind.DECLARATION)
    # A declaration at the same instant does not undo the withdrawal (fail closed).
    if declaration is not None and declaration[1].at > withdrawal[1].at:
        return None
    return withdrawal


def _declared(events: _Events) -> bool:
    return any(event.kind is ConsentKind.DECLARATION for _, event in events)


def _declared_withdrawn(member: Member) -> bool:
    events = member.events
    return _declared(events) and _withdrawal_in_force(events) is not None


def _declared_in_force(member: Member) -> bool:
    events = member.events
    return _declared(events) and _withdrawal_in_force(events) is None


def _covered_child(ctx: PersonContext) -> Iterator[Problem]:
    """A person without an own declaration is covered by the declarations of the parents in
    the household: a parent's withdrawal takes the child off the manifest unless a parent's
    declaration is still in force. Another adult's declaration does not cover the child."""
    # Members who declared and are, or may be, the child's parent (age does not matter),
    # counted: known parents, and members who may be one.
    person = ctx.person
    known_withdrawn, maybe_withdrawn = parents_passing(ctx.kin, person, _declared_withdrawn)
    known_in_force, maybe_in_force = parents_passing(ctx.kin, person, _declared_in_force)
    withdrawn = known_withdrawn + maybe_withdrawn
    in_force = known_in_force + maybe_in_force
    if not withdrawn or known_in_force:
        return  # no withdrawal covers the person
    if in_force or not known_withdrawn:
        yield Problem.unknown(
            "relationship_to_head",
            msg(
                "a member who declared for the household has withdrawn, and it cannot be told "
                "from the recorded relationships whether that withdrawal covers this child or "
                "whether a parent's declaration is still in force"
            ),
            observed=msg(
                "{withdrawn} withdrawn, {in_force} in force, among members who are or may be "
                "the child's parent",
                withdrawn=withdrawn,
                in_force=in_force,
            ),
            expected=msg(
                "the relationships to the head of household that show the child's parents"
            ),
        )
        return
    yield Problem.fail(
        "",
        msg(
            "the child's parent has withdrawn the declaration to return, no parent's "
            "declaration is in force, and the withdrawal covers this child; remove the child "
            "from the manifest"
        ),
        observed=msg(
            "{withdrawn} parent(s) or possible parent(s) withdrawn, none in force",
            withdrawn=withdrawn,
        ),
        expected=msg(
            "a parent's declaration in force that covers the child, or the child off the manifest"
        ),
    )


@rule(
    code="VOL-005",
    title="Withdrawal honoured",
    scope=Scope.PERSON,
    severity=Severity.BLOCKER,
    checks=(
        "A person whose latest withdrawal recorded on or before as_of is not followed by a "
        "later declaration (one at the same instant does not count) is still on the manifest, "
        "which fails. A person not known to be an adult and without a declaration of their "
        "own fails too when a parent in the household (known by relationship to the head) "
        "withdrew and no parent's declaration is in force; another adult's declaration does "
        "not cover the child. When the withdrawal or the declaration in force is only that of "
        "a member who may be the child's parent, it is insufficient information. No "
        "withdrawal on record means no withdrawal, so the person passes."
    ),
    rationale=(
        "Signing up to return does not oblige anyone to go: a person may withdraw the "
        "decision at any time up to departure. Someone who has withdrawn, and the children "
        "covered by that decision, must be taken off the manifest; moving them anyway would "
        "no longer be voluntary."
    ),
    references=(
        Reference(
            instrument="UNHCR Ukraine, voluntary repatriation guidance (unhcr.org.ua)",
            locator="a request to return can be withdrawn",
        ),
        Reference(
            instrument="IOM assisted voluntary return practice (as reported by InfoMigrants)",
            locator="a migrant may change their mind up to the day of departure",
        ),
    ),
    remediation=(
        "Remove the person (and the children their decision covered) from the manifest; if "
        "the person later decides to return after all, record a new declaration."
    ),
    waivable=False,
    parameters=("adult_age",),
)
def withdrawal_honoured(ctx: PersonContext) -> Iterator[Problem]:
    withdrawal = _withdrawal_in_force(ctx.events)
    if withdrawal is not None:
        index, event = withdrawal
        on = event.at.date().isoformat()
        yield Problem.fail(
            f"consent[{index}]",
            msg(
                "the person withdrew on {on} and is still on the manifest; remove the person",
                on=on,
            ),
            observed=msg("withdrawal on {on}, no later declaration", on=on),
            expected=msg("the person off the manifest, or a new declaration after the withdrawal"),
        )
        return
    # A person not known to be an adult, without an own declaration, is covered by the
    # parents' declarations: their withdrawal covers the child too.
    if ctx.is_adult is not True and not _declared(ctx.events):
        yield from _covered_child(ctx)
