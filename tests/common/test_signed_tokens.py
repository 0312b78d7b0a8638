from django.core import signing

from common import signed_tokens


def test_a_token_opens_only_for_its_own_purpose():
    token = signed_tokens.sign("purpose.one", {"k": "secret", "i": 7})
    assert signed_tokens.unsign("purpose.one", token) == {"k": "secret", "i": 7}
    assert signed_tokens.unsign("purpose.two", token) is None


def test_anything_but_a_genuine_dict_token_is_none():
    genuine = signed_tokens.sign("p", {"i": 1})
    not_a_dict = signing.Signer(salt="p").sign_object([1, 2])
    for token in [
        None,
        42,
        "",
        genuine[:-1],
        genuine + "x",
        "x" * (signed_tokens.MAX_TOKEN_LENGTH + 1),
        "\udcff:abc",
        not_a_dict,
    ]:
        assert signed_tokens.unsign("p", token) is None, token
