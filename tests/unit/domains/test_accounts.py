import datetime as dt

import pytest

from mmapp import access, accounts, cohorts
from mmapp.errors import AuthError, ConflictError, ForbiddenError, NotFoundError, ValidationError
from mmapp.models import AuthToken


def _user(session, email="a@b.io"):
    return accounts.create_user(
        session=session, email=email, password="correct horse", display_name="A"
    )


def test_password_is_hashed_and_checked(session):
    user = _user(session)
    assert user.password_hash.startswith("$argon2id$")
    assert (
        accounts.authenticate(session=session, email=" A@B.io ", password="correct horse").id
        == user.id
    )
    with pytest.raises(AuthError, match="don't match"):
        accounts.authenticate(session=session, email="a@b.io", password="wrong")
    with pytest.raises(AuthError, match="don't match"):
        accounts.authenticate(session=session, email="nobody@b.io", password="x")


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"email": "nope"}, "invalid_email"),
        ({"password": "short"}, "weak_password"),
        ({"display_name": " "}, "missing_name"),
        ({"timezone": "Mars/Base"}, "invalid_timezone"),
    ],
)
def test_bad_account_input(session, kwargs, code):
    args = {"email": "c@d.io", "password": "long enough", "display_name": "C"} | kwargs
    with pytest.raises(ValidationError) as err:
        accounts.create_user(session=session, **args)
    assert err.value.code == code


def test_duplicate_email(session):
    _user(session)
    with pytest.raises(ConflictError):
        _user(session, "A@B.IO")


def test_tokens_expire_and_revoke(session, clock):
    user = _user(session)
    token, row = accounts.issue_token(session=session, user=user, device_id=None, ttl_days=1)
    assert accounts.user_for_token(session=session, token=token)[0].id == user.id
    assert session.get(AuthToken, row.token_hash).token_hash != token  # only the hash is kept
    row.expires_at = clock.now() - dt.timedelta(seconds=1)
    with pytest.raises(AuthError, match="expired"):
        accounts.user_for_token(session=session, token=token)
    token2, _ = accounts.issue_token(session=session, user=user, device_id=None, ttl_days=1)
    accounts.revoke_token(session=session, token=token2)
    with pytest.raises(AuthError, match="not valid"):
        accounts.user_for_token(session=session, token=token2)


def test_device_ids_belong_to_one_user(session):
    a, b = _user(session), _user(session, "z@b.io")
    accounts.register_device(session=session, user=a, device_id="device-one")
    accounts.register_device(session=session, user=a, device_id="device-one")
    with pytest.raises(ForbiddenError):
        accounts.register_device(session=session, user=b, device_id="device-one")
    with pytest.raises(ValidationError):
        accounts.register_device(session=session, user=a, device_id="bad id!")


def test_invite_codes(session):
    user = _user(session)
    cohort = cohorts.create_cohort(session=session, name="Team", invite_code="ab-cd 12")
    assert cohort.invite_code == "ABCD12"
    assert cohorts.join_by_code(session=session, user=user, code="abcd-12").id == cohort.id
    assert cohorts.join_by_code(session=session, user=user, code="ABCD12").id == cohort.id
    assert access.member_cohort_ids(session=session, user_id=user.id) == {cohort.id}
    with pytest.raises(NotFoundError, match="No cohort has the invite code"):
        cohorts.join_by_code(session=session, user=user, code="NOPE99")
