"""COND-012's finding messages: one whole sentence for each kind of incident, or set of
kinds a report leaves unrecorded, and for each way a report is dated.

The English names of incidents are not values put into a sentence: a translation could not
agree with them. Each sentence is written out here instead, so that every language can say it
in its own words. ``tests/rules/cond/test_cond_012.py`` checks that every kind and every set
of unrecorded kinds has its wording.
"""

from __future__ import annotations

import attrs

from repatguard.model import ReturneeIncident
from repatguard.rules.api import Message, msg

__all__ = ["INCIDENTS", "UNRECORDED", "IncidentWording", "UnrecordedWording"]


@attrs.frozen(kw_only=True)
class IncidentWording:
    """What a report read records about one kind of incident that happened: the finding when
    the report gives a count (``{count}``) or only that it happened, for a report whose
    period end is recorded (``{end}``) or not; and the observed evidence. Every sentence
    names the report (``{report}``)."""

    counted: Message
    counted_undated: Message
    reported: Message
    reported_undated: Message
    observed_count: Message
    observed_reported: Message


@attrs.frozen(kw_only=True)
class UnrecordedWording:
    """What a report read leaves unrecorded, for a report whose period end is recorded
    (``{end}``) or not, and the observed evidence."""

    dated: Message
    undated: Message
    observed: Message


INCIDENTS: dict[ReturneeIncident, IncidentWording] = {
    ReturneeIncident.ARREST_OR_DETENTION: IncidentWording(
        counted=msg(
            "returnee monitoring report {report} (covering up to {end}) records {count} "
            "incident(s) of arrest or detention against returnees in the area; promoting return "
            "there is ruled out"
        ),
        counted_undated=msg(
            "returnee monitoring report {report} (period not recorded) records {count} "
            "incident(s) of arrest or detention against returnees in the area; promoting return "
            "there is ruled out"
        ),
        reported=msg(
            "returnee monitoring report {report} (covering up to {end}) records incident(s) of "
            "arrest or detention against returnees in the area; promoting return there is ruled "
            "out"
        ),
        reported_undated=msg(
            "returnee monitoring report {report} (period not recorded) records incident(s) of "
            "arrest or detention against returnees in the area; promoting return there is ruled "
            "out"
        ),
        observed_count=msg("arrest or detention: {count}"),
        observed_reported=msg("arrest or detention: reported"),
    ),
    ReturneeIncident.VIOLENCE_OR_THREATS: IncidentWording(
        counted=msg(
            "returnee monitoring report {report} (covering up to {end}) records {count} "
            "incident(s) of violence or threats against returnees in the area; promoting return "
            "there is ruled out"
        ),
        counted_undated=msg(
            "returnee monitoring report {report} (period not recorded) records {count} "
            "incident(s) of violence or threats against returnees in the area; promoting return "
            "there is ruled out"
        ),
        reported=msg(
            "returnee monitoring report {report} (covering up to {end}) records incident(s) of "
            "violence or threats against returnees in the area; promoting return there is ruled "
            "out"
        ),
        reported_undated=msg(
            "returnee monitoring report {report} (period not recorded) records incident(s) of "
            "violence or threats against returnees in the area; promoting return there is ruled "
            "out"
        ),
        observed_count=msg("violence or threats: {count}"),
        observed_reported=msg("violence or threats: reported"),
    ),
    ReturneeIncident.RENEWED_DISPLACEMENT: IncidentWording(
        counted=msg(
            "returnee monitoring report {report} (covering up to {end}) records {count} "
            "incident(s) of renewed displacement against returnees in the area; promoting "
            "return there is ruled out"
        ),
        counted_undated=msg(
            "returnee monitoring report {report} (period not recorded) records {count} "
            "incident(s) of renewed displacement against returnees in the area; promoting "
            "return there is ruled out"
        ),
        reported=msg(
            "returnee monitoring report {report} (covering up to {end}) records incident(s) of "
            "renewed displacement against returnees in the area; promoting return there is "
            "ruled out"
        ),
        reported_undated=msg(
            "returnee monitoring report {report} (period not recorded) records incident(s) of "
            "renewed displacement against returnees in the area; promoting return there is "
            "ruled out"
        ),
        observed_count=msg("renewed displacement: {count}"),
        observed_reported=msg("renewed displacement: reported"),
    ),
    ReturneeIncident.FORCED_RECRUITMENT: IncidentWording(
        counted=msg(
            "returnee monitoring report {report} (covering up to {end}) records {count} "
            "incident(s) of forced recruitment against returnees in the area; promoting return "
            "there is ruled out"
        ),
        counted_undated=msg(
            "returnee monitoring report {report} (period not recorded) records {count} "
            "incident(s) of forced recruitment against returnees in the area; promoting return "
            "there is ruled out"
        ),
        reported=msg(
            "returnee monitoring report {report} (covering up to {end}) records incident(s) of "
            "forced recruitment against returnees in the area; promoting return there is ruled "
            "out"
        ),
        reported_undated=msg(
            "returnee monitoring report {report} (period not recorded) records incident(s) of "
            "forced recruitment against returnees in the area; promoting return there is ruled "
            "out"
        ),
        observed_count=msg("forced recruitment: {count}"),
        observed_reported=msg("forced recruitment: reported"),
    ),
    ReturneeIncident.DOCUMENTS_DENIED: IncidentWording(
        counted=msg(
            "returnee monitoring report {report} (covering up to {end}) records {count} "
            "incident(s) of documents denied against returnees in the area; take it up with the "
            "authorities"
        ),
        counted_undated=msg(
            "returnee monitoring report {report} (period not recorded) records {count} "
            "incident(s) of documents denied against returnees in the area; take it up with the "
            "authorities"
        ),
        reported=msg(
            "returnee monitoring report {report} (covering up to {end}) records incident(s) of "
            "documents denied against returnees in the area; take it up with the authorities"
        ),
        reported_undated=msg(
            "returnee monitoring report {report} (period not recorded) records incident(s) of "
            "documents denied against returnees in the area; take it up with the authorities"
        ),
        observed_count=msg("documents denied: {count}"),
        observed_reported=msg("documents denied: reported"),
    ),
    ReturneeIncident.PROPERTY_NOT_RESTORED: IncidentWording(
        counted=msg(
            "returnee monitoring report {report} (covering up to {end}) records {count} "
            "incident(s) of property not restored against returnees in the area; take it up "
            "with the authorities"
        ),
        counted_undated=msg(
            "returnee monitoring report {report} (period not recorded) records {count} "
            "incident(s) of property not restored against returnees in the area; take it up "
            "with the authorities"
        ),
        reported=msg(
            "returnee monitoring report {report} (covering up to {end}) records incident(s) of "
            "property not restored against returnees in the area; take it up with the "
            "authorities"
        ),
        reported_undated=msg(
            "returnee monitoring report {report} (period not recorded) records incident(s) of "
            "property not restored against returnees in the area; take it up with the "
            "authorities"
        ),
        observed_count=msg("property not restored: {count}"),
        observed_reported=msg("property not restored: reported"),
    ),
    ReturneeIncident.DISCRIMINATION: IncidentWording(
        counted=msg(
            "returnee monitoring report {report} (covering up to {end}) records {count} "
            "incident(s) of discrimination against returnees in the area; take it up with the "
            "authorities"
        ),
        counted_undated=msg(
            "returnee monitoring report {report} (period not recorded) records {count} "
            "incident(s) of discrimination against returnees in the area; take it up with the "
            "authorities"
        ),
        reported=msg(
            "returnee monitoring report {report} (covering up to {end}) records incident(s) of "
            "discrimination against returnees in the area; take it up with the authorities"
        ),
        reported_undated=msg(
            "returnee monitoring report {report} (period not recorded) records incident(s) of "
            "discrimination against returnees in the area; take it up with the authorities"
        ),
        observed_count=msg("discrimination: {count}"),
        observed_reported=msg("discrimination: reported"),
    ),
}
"""The wording of each kind of incident."""

UNRECORDED: dict[tuple[ReturneeIncident, ...], UnrecordedWording] = {
    (ReturneeIncident.ARREST_OR_DETENTION,): UnrecordedWording(
        dated=msg(
            "monitoring report {report} (covering up to {end}) does not record whether "
            "returnees faced arrest or detention"
        ),
        undated=msg(
            "monitoring report {report} (period not recorded) does not record whether returnees "
            "faced arrest or detention"
        ),
        observed=msg("not recorded: arrest or detention"),
    ),
    (ReturneeIncident.VIOLENCE_OR_THREATS,): UnrecordedWording(
        dated=msg(
            "monitoring report {report} (covering up to {end}) does not record whether "
            "returnees faced violence or threats"
        ),
        undated=msg(
            "monitoring report {report} (period not recorded) does not record whether returnees "
            "faced violence or threats"
        ),
        observed=msg("not recorded: violence or threats"),
    ),
    (ReturneeIncident.RENEWED_DISPLACEMENT,): UnrecordedWording(
        dated=msg(
            "monitoring report {report} (covering up to {end}) does not record whether "
            "returnees faced renewed displacement"
        ),
        undated=msg(
            "monitoring report {report} (period not recorded) does not record whether returnees "
            "faced renewed displacement"
        ),
        observed=msg("not recorded: renewed displacement"),
    ),
    (ReturneeIncident.FORCED_RECRUITMENT,): UnrecordedWording(
        dated=msg(
            "monitoring report {report} (covering up to {end}) does not record whether "
            "returnees faced forced recruitment"
        ),
        undated=msg(
            "monitoring report {report} (period not recorded) does not record whether returnees "
            "faced forced recruitment"
        ),
        observed=msg("not recorded: forced recruitment"),
    ),
    (ReturneeIncident.ARREST_OR_DETENTION, ReturneeIncident.VIOLENCE_OR_THREATS): UnrecordedWording(
        dated=msg(
            "monitoring report {report} (covering up to {end}) does not record whether "
            "returnees faced arrest or detention, violence or threats"
        ),
        undated=msg(
            "monitoring report {report} (period not recorded) does not record whether returnees "
            "faced arrest or detention, violence or threats"
        ),
        observed=msg("not recorded: arrest or detention, violence or threats"),
    ),
    (
        ReturneeIncident.ARREST_OR_DETENTION,
        ReturneeIncident.RENEWED_DISPLACEMENT,
    ): UnrecordedWording(
        dated=msg(
            "monitoring report {report} (covering up to {end}) does not record whether "
            "returnees faced arrest or detention, renewed displacement"
        ),
        undated=msg(
            "monitoring report {report} (period not recorded) does not record whether returnees "
            "faced arrest or detention, renewed displacement"
        ),
        observed=msg("not recorded: arrest or detention, renewed displacement"),
    ),
    (ReturneeIncident.ARREST_OR_DETENTION, ReturneeIncident.FORCED_RECRUITMENT): UnrecordedWording(
        dated=msg(
            "monitoring report {report} (covering up to {end}) does not record whether "
            "returnees faced arrest or detention, forced recruitment"
        ),
        undated=msg(
            "monitoring report {report} (period not recorded) does not record whether returnees "
            "faced arrest or detention, forced recruitment"
        ),
        observed=msg("not recorded: arrest or detention, forced recruitment"),
    ),
    (
        ReturneeIncident.VIOLENCE_OR_THREATS,
        ReturneeIncident.RENEWED_DISPLACEMENT,
    ): UnrecordedWording(
        dated=msg(
            "monitoring report {report} (covering up to {end}) does not record whether "
            "returnees faced violence or threats, renewed displacement"
        ),
        undated=msg(
            "monitoring report {report} (period not recorded) does not record whether returnees "
            "faced violence or threats, renewed displacement"
        ),
        observed=msg("not recorded: violence or threats, renewed displacement"),
    ),
    (ReturneeIncident.VIOLENCE_OR_THREATS, ReturneeIncident.FORCED_RECRUITMENT): UnrecordedWording(
        dated=msg(
            "monitoring report {report} (covering up to {end}) does not record whether "
            "returnees faced violence or threats, forced recruitment"
        ),
        undated=msg(
            "monitoring report {report} (period not recorded) does not record whether returnees "
            "faced violence or threats, forced recruitment"
        ),
        observed=msg("not recorded: violence or threats, forced recruitment"),
    ),
    (ReturneeIncident.RENEWED_DISPLACEMENT, ReturneeIncident.FORCED_RECRUITMENT): UnrecordedWording(
        dated=msg(
            "monitoring report {report} (covering up to {end}) does not record whether "
            "returnees faced renewed displacement, forced recruitment"
        ),
        undated=msg(
            "monitoring report {report} (period not recorded) does not record whether returnees "
            "faced renewed displacement, forced recruitment"
        ),
        observed=msg("not recorded: renewed displacement, forced recruitment"),
    ),
    (
        ReturneeIncident.ARREST_OR_DETENTION,
        ReturneeIncident.VIOLENCE_OR_THREATS,
        ReturneeIncident.RENEWED_DISPLACEMENT,
    ): UnrecordedWording(
        dated=msg(
            "monitoring report {report} (covering up to {end}) does not record whether "
            "returnees faced arrest or detention, violence or threats, renewed displacement"
        ),
        undated=msg(
            "monitoring report {report} (period not recorded) does not record whether returnees "
            "faced arrest or detention, violence or threats, renewed displacement"
        ),
        observed=msg(
            "not recorded: arrest or detention, violence or threats, renewed displacement"
        ),
    ),
    (
        ReturneeIncident.ARREST_OR_DETENTION,
        ReturneeIncident.VIOLENCE_OR_THREATS,
        ReturneeIncident.FORCED_RECRUITMENT,
    ): UnrecordedWording(
        dated=msg(
            "monitoring report {report} (covering up to {end}) does not record whether "
            "returnees faced arrest or detention, violence or threats, forced recruitment"
        ),
        undated=msg(
            "monitoring report {report} (period not recorded) does not record whether returnees "
            "faced arrest or detention, violence or threats, forced recruitment"
        ),
        observed=msg("not recorded: arrest or detention, violence or threats, forced recruitment"),
    ),
    (
        ReturneeIncident.ARREST_OR_DETENTION,
        ReturneeIncident.RENEWED_DISPLACEMENT,
        ReturneeIncident.FORCED_RECRUITMENT,
    ): UnrecordedWording(
        dated=msg(
            "monitoring report {report} (covering up to {end}) does not record whether "
            "returnees faced arrest or detention, renewed displacement, forced recruitment"
        ),
        undated=msg(
            "monitoring report {report} (period not recorded) does not record whether returnees "
            "faced arrest or detention, renewed displacement, forced recruitment"
        ),
        observed=msg("not recorded: arrest or detention, renewed displacement, forced recruitment"),
    ),
    (
        ReturneeIncident.VIOLENCE_OR_THREATS,
        ReturneeIncident.RENEWED_DISPLACEMENT,
        ReturneeIncident.FORCED_RECRUITMENT,
    ): UnrecordedWording(
        dated=msg(
            "monitoring report {report} (covering up to {end}) does not record whether "
            "returnees faced violence or threats, renewed displacement, forced recruitment"
        ),
        undated=msg(
            "monitoring report {report} (period not recorded) does not record whether returnees "
            "faced violence or threats, renewed displacement, forced recruitment"
        ),
        observed=msg("not recorded: violence or threats, renewed displacement, forced recruitment"),
    ),
    (
        ReturneeIncident.ARREST_OR_DETENTION,
        ReturneeIncident.VIOLENCE_OR_THREATS,
        ReturneeIncident.RENEWED_DISPLACEMENT,
        ReturneeIncident.FORCED_RECRUITMENT,
    ): UnrecordedWording(
        dated=msg(
            "monitoring report {report} (covering up to {end}) does not record whether "
            "returnees faced arrest or detention, violence or threats, renewed displacement, "
            "forced recruitment"
        ),
        undated=msg(
            "monitoring report {report} (period not recorded) does not record whether returnees "
            "faced arrest or detention, violence or threats, renewed displacement, forced "
            "recruitment"
        ),
        observed=msg(
            "not recorded: arrest or detention, violence or threats, renewed displacement, "
            "forced recruitment"
        ),
    ),
    (ReturneeIncident.DOCUMENTS_DENIED,): UnrecordedWording(
        dated=msg(
            "monitoring report {report} (covering up to {end}) does not record whether "
            "returnees faced documents denied"
        ),
        undated=msg(
            "monitoring report {report} (period not recorded) does not record whether returnees "
            "faced documents denied"
        ),
        observed=msg("not recorded: documents denied"),
    ),
    (ReturneeIncident.PROPERTY_NOT_RESTORED,): UnrecordedWording(
        dated=msg(
            "monitoring report {report} (covering up to {end}) does not record whether "
            "returnees faced property not restored"
        ),
        undated=msg(
            "monitoring report {report} (period not recorded) does not record whether returnees "
            "faced property not restored"
        ),
        observed=msg("not recorded: property not restored"),
    ),
    (ReturneeIncident.DISCRIMINATION,): UnrecordedWording(
        dated=msg(
            "monitoring report {report} (covering up to {end}) does not record whether "
            "returnees faced discrimination"
        ),
        undated=msg(
            "monitoring report {report} (period not recorded) does not record whether returnees "
            "faced discrimination"
        ),
        observed=msg("not recorded: discrimination"),
    ),
    (ReturneeIncident.DOCUMENTS_DENIED, ReturneeIncident.PROPERTY_NOT_RESTORED): UnrecordedWording(
        dated=msg(
            "monitoring report {report} (covering up to {end}) does not record whether "
            "returnees faced documents denied, property not restored"
        ),
        undated=msg(
            "monitoring report {report} (period not recorded) does not record whether returnees "
            "faced documents denied, property not restored"
        ),
        observed=msg("not recorded: documents denied, property not restored"),
    ),
    (ReturneeIncident.DOCUMENTS_DENIED, ReturneeIncident.DISCRIMINATION): UnrecordedWording(
        dated=msg(
            "monitoring report {report} (covering up to {end}) does not record whether "
            "returnees faced documents denied, discrimination"
        ),
        undated=msg(
            "monitoring report {report} (period not recorded) does not record whether returnees "
            "faced documents denied, discrimination"
        ),
        observed=msg("not recorded: documents denied, discrimination"),
    ),
    (ReturneeIncident.PROPERTY_NOT_RESTORED, ReturneeIncident.DISCRIMINATION): UnrecordedWording(
        dated=msg(
            "monitoring report {report} (covering up to {end}) does not record whether "
            "returnees faced property not restored, discrimination"
        ),
        undated=msg(
            "monitoring report {report} (period not recorded) does not record whether returnees "
            "faced property not restored, discrimination"
        ),
        observed=msg("not recorded: property not restored, discrimination"),
    ),
    (
        ReturneeIncident.DOCUMENTS_DENIED,
        ReturneeIncident.PROPERTY_NOT_RESTORED,
        ReturneeIncident.DISCRIMINATION,
    ): UnrecordedWording(
        dated=msg(
            "monitoring report {report} (covering up to {end}) does not record whether "
            "returnees faced documents denied, property not restored, discrimination"
        ),
        undated=msg(
            "monitoring report {report} (period not recorded) does not record whether returnees "
            "faced documents denied, property not restored, discrimination"
        ),
        observed=msg("not recorded: documents denied, property not restored, discrimination"),
    ),
}
"""The wording of each set of kinds a report may leave unrecorded, in the order of
``SERIOUS`` or ``LESSER`` (one finding per weight)."""
