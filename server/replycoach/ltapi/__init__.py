"""LanguageTool's HTTP API (v2), answered with Reply Coach's coaching, so LanguageTool's own clients (its
browser add-on, LibreOffice, language-tool-python...) coach with the bank. Plain Python, no web framework:
the service's `web/resources/ltapi.py` routes requests here.

- `params.py`    the request's parameters as LanguageTool reads them, and its `Error: ...` answers
- `annotated.py` annotated text (`data`): the text to check and where its offsets fall in the original
- `matches.py`   a flag (the bank's or the grammar pass's) as one of LanguageTool's matches
- `answer.py`    the whole answer of /v2/check, /v2/languages and /v2/configinfo
"""

from replycoach.ltapi.answer import check_answer, configinfo_answer, languages_answer
from replycoach.ltapi.params import CheckRequest, LtError, read_check_request

__all__ = [
    "CheckRequest",
    "LtError",
    "check_answer",
    "configinfo_answer",
    "languages_answer",
    "read_check_request",
]
