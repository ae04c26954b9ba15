"""Who records the decision on a public-information request (issue 22: "Only PPID staff
(a role, or ASN of the PPID unit) record decisions"): the PPID's written decision is the
one way; an ordinary official answer, by the unit's ASN or a moderator, cannot record or
forge one."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from discussions.models import WrittenDecision
from discussions.threads import services
from forum_site.accounts import roles
from tests.accounts.factories import AsnProfileFactory, UserFactory
from tests.discussions.factories import CategoryFactory

from .ppid_helpers import client_for, decide, file_request, with_role

pytestmark = pytest.mark.django_db

ANSWER = "Data yang dimohon tidak dapat diberikan karena dikecualikan oleh undang-undang."


@pytest.fixture
def request_thread(citizen, unit_a):
    category = CategoryFactory(default_unit=unit_a, slug="informasi-publik")
    return file_request(client_for(citizen), category)


def _answer(client, thread, **data):
    return client.post(reverse("discussions:answer_publish", args=[thread.pk]),
                       {"body": ANSWER, **data})


def test_the_answer_form_does_not_offer_a_decision(request_thread, verified_asn):
    html = client_for(verified_asn).get(request_thread.get_absolute_url()).content.decode()
    assert reverse("discussions:answer_publish", args=[request_thread.pk]) in html
    assert 'name="decision"' not in html and 'name="refusal_ground"' not in html
    # Nor the PPID's form: the unit's ASN is not PPID staff.
    assert reverse("discussions:ppid_decide", args=[request_thread.pk]) not in html
    assert "keputusan tertulis PPID" in html  # where the decision comes from instead


@pytest.mark.parametrize("who", ["verified_asn", "moderator"])
def test_a_forged_decision_on_an_ordinary_answer_is_refused(request, request_thread, who):
    user = request.getfixturevalue(who)
    for data in ({"decision": "refused", "refusal_ground": "exempt"},
                 {"decision": "granted"}, {"refusal_ground": "not_held"}):
        assert _answer(client_for(user), request_thread, **data).status_code == 403, data
    request_thread.refresh_from_db()
    assert request_thread.information_decision == "" and request_thread.refusal_ground == ""
    assert request_thread.answers_count == 0


def test_an_ordinary_answer_records_no_decision(request_thread, verified_asn):
    assert _answer(client_for(verified_asn), request_thread).status_code == 302
    request_thread.refresh_from_db()
    assert request_thread.answers_count == 1 and request_thread.information_decision == ""
    # The PPID still decides afterwards, and that is what the report counts.
    ppid = with_role(UserFactory(display_name="Petugas PPID"), roles.PPID)
    assert decide(client_for(ppid), request_thread).status_code == 302
    request_thread.refresh_from_db()
    assert (request_thread.information_decision, request_thread.refusal_ground) == (
        "refused", "exempt")


def test_the_answer_service_refuses_a_decision_too(request_thread, verified_asn, moderator):
    for user in (verified_asn, moderator):
        with pytest.raises(PermissionDenied):
            services.answer_publish(user=user, thread=request_thread, body=ANSWER,
                                    decision="granted")
    request_thread.refresh_from_db()
    assert request_thread.information_decision == "" and request_thread.answers_count == 0


def test_asn_of_the_ppid_unit_records_decisions(settings, request_thread, unit_b,
                                                verified_asn):
    """The PPID unit (SERAMBI_PPID_UNIT) decides on every unit's requests; the ASN of
    the request's own unit still cannot."""
    ppid_asn = AsnProfileFactory(
        user=UserFactory(display_name="Staf PPID Dinkes", roles=[roles.CITIZEN, roles.ASN]),
        unit=unit_b, position="Pengelola Informasi Publik", verified=True,
    ).user
    settings.SERAMBI_PPID_UNIT = ""
    assert decide(client_for(ppid_asn), request_thread).status_code == 403
    settings.SERAMBI_PPID_UNIT = unit_b.slug
    assert decide(client_for(verified_asn), request_thread).status_code == 403
    html = client_for(ppid_asn).get(request_thread.get_absolute_url()).content.decode()
    assert reverse("discussions:ppid_decide", args=[request_thread.pk]) in html
    assert decide(client_for(ppid_asn), request_thread).status_code == 302
    decision = WrittenDecision.objects.get()
    assert (decision.decided_by, decision.signer_position) == (
        ppid_asn, "Pengelola Informasi Publik")
    # PPID staff see the case papers (the requester's name is on them).
    receipt = reverse("discussions:ppid_receipt", args=[request_thread.pk])
    assert client_for(ppid_asn).get(receipt).status_code == 200
    assert client_for(verified_asn).get(receipt).status_code == 403


def test_an_unverified_asn_of_the_ppid_unit_is_not_ppid(settings, request_thread, unit_b):
    settings.SERAMBI_PPID_UNIT = unit_b.slug
    pending = AsnProfileFactory(user=UserFactory(display_name="Calon Staf PPID"),
                                unit=unit_b).user
    assert decide(client_for(pending), request_thread).status_code == 403
    assert not WrittenDecision.objects.exists()


def test_ppid_staff_are_sent_to_the_written_decision(settings, request_thread, verified_asn,
                                                     unit_a):
    """PPID staff who may also answer (here: the PPID unit is the request's own unit)
    still record the decision only with the written decision: the ordinary answer says
    so, and saves nothing."""
    settings.SERAMBI_PPID_UNIT = unit_a.slug
    response = _answer(client_for(verified_asn), request_thread, decision="granted")
    assert response.status_code == 200
    assert "formulir keputusan tertulis PPID" in response.content.decode()
    request_thread.refresh_from_db()
    assert request_thread.answers_count == 0 and request_thread.information_decision == ""


def test_forged_attempts_say_why_and_save_nothing(request_thread, verified_asn, citizen):
    """A forged decision, an objection by someone other than the requester, an answer to
    an objection by anyone but the atasan: 403 with the reason in Indonesian."""
    from discussions.models import Objection

    ppid = with_role(UserFactory(display_name="Petugas PPID"), roles.PPID)
    assert decide(client_for(ppid), request_thread).status_code == 302
    response = _answer(client_for(verified_asn), request_thread, decision="granted")
    assert response.status_code == 403
    assert "Hanya petugas PPID" in response.content.decode()
    other = UserFactory(display_name="Warga Lain", roles=[roles.CITIZEN])
    response = client_for(other).post(
        reverse("discussions:ppid_object", args=[request_thread.pk]),
        {"grounds": ["a"], "reason": "Saya juga keberatan atas penolakan permohonan ini."})
    assert response.status_code == 403
    assert "Hanya pemohon yang dapat mengajukan keberatan" in response.content.decode()
    assert not Objection.objects.exists()
