# http's enums: status codes with their phrases and descriptions (an IntEnum whose
# members are made by its own __new__), and methods (a StrEnum).
from http import HTTPStatus, HTTPMethod
import http
print(HTTPStatus.NOT_FOUND == 404, HTTPStatus(503).phrase, repr(HTTPStatus.OK), str(HTTPStatus.OK), f"{HTTPStatus.CREATED}", HTTPStatus.OK.description)
print(HTTPStatus(418), HTTPStatus["IM_A_TEAPOT"].phrase, len(HTTPStatus), list(HTTPStatus)[:3], HTTPStatus.OK + 1, isinstance(HTTPStatus.OK, int))
print(HTTPMethod.GET, repr(HTTPMethod.POST), HTTPMethod.GET == "GET", HTTPMethod("PATCH").description, sorted(http.__all__), HTTPStatus.OK.name, HTTPStatus.OK.value)
print({s.value: s.phrase for s in HTTPStatus if 500 <= s < 503})
try:
    HTTPStatus(999)
except ValueError as e:
    print(e)
