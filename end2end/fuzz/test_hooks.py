"""Checks end2end/fuzz/hooks.py against the served OpenAPI document before the fuzz run trusts it.

    python test_hooks.py openapi.json

The hook may drop a "Schema-violating request accepted" failure only when the multipart form, as
sent, is valid. These cases build real multipart bodies (with `requests`, as schemathesis does) for
the image upload and assert both ways: the false finding seen in CI is dropped, and forms that are
really invalid keep their failure. Prints every case and exits non-zero if any answer was wrong.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import SimpleNamespace

import requests
import schemathesis
from schemathesis.core.failures import AcceptedNegativeData, ServerError
from schemathesis.core.parameters import ParameterLocation

sys.path.insert(0, str(Path(__file__).parent))
import hooks  # noqa: E402

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010800000000"
    "3a7e9b550000000a49444154789c63600000000200014873c2d10000000049454e44ae426082"
)
UPLOAD = ("/api/v1/admin/products/{id}/images", "POST")


def sent(fields: dict[str, str], file: bytes | None) -> SimpleNamespace:
    """A response whose request carried this multipart form, encoded by requests."""
    # A part without a filename is sent as a plain form part; passed this way, requests writes
    # multipart even when there is no file.
    files = {name: (None, value) for name, value in fields.items()}
    if file is not None:
        files["file"] = ("file.png", file, "image/png")
    request = requests.Request("POST", "http://127.0.0.1/", files=files).prepare()
    return SimpleNamespace(request=request)


def case(operation, negative: set[ParameterLocation]) -> SimpleNamespace:
    meta = SimpleNamespace(is_negative_at=lambda location: location in negative)
    return SimpleNamespace(operation=operation, media_type="multipart/form-data", meta=meta)


def accepted() -> AcceptedNegativeData:
    return AcceptedNegativeData(operation="POST upload", message="", status_code=201, expected_statuses=["4xx"])


def main() -> int:
    document = json.loads(Path(sys.argv[1]).read_text())
    path, method = UPLOAD
    operation = schemathesis.openapi.from_dict(document)[path][method]
    body_only = {ParameterLocation.BODY}
    checks = [
        # (what, failure, case, response, whether the hook keeps the failure)
        ("alt sent as the text 'false' with a file (the CI finding)",
         accepted(), case(operation, body_only), sent({"alt": "false"}, PNG), False),
        ("alt over 200 characters",
         accepted(), case(operation, body_only), sent({"alt": "x" * 201}, PNG), True),
        ("no file part",
         accepted(), case(operation, body_only), sent({"alt": "false"}, None), True),
        ("the path id made invalid as well",
         accepted(), case(operation, body_only | {ParameterLocation.PATH}), sent({"alt": "false"}, PNG), True),
        ("a failure of another kind",
         ServerError(operation="POST upload", status_code=500), case(operation, body_only),
         sent({"alt": "false"}, PNG), True),
    ]
    wrong = 0
    for what, failure, the_case, response, keep in checks:
        kept = hooks.filter_failure(None, failure, the_case, response)
        verdict = "ok" if kept == keep else "WRONG"
        wrong += kept != keep
        print(f"  {verdict}: {what}: {'kept' if kept else 'dropped'}")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
