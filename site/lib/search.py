"""The one rule for matching typed text against names: accents and case do not count.

A coordinator types "lucia" for Lucía, "pena" for Peña, "JOSE" for José. `fold` is the rule for
the text typed; `Folded` applies the same rule inside the database to a column, so a search is a
plain `contains` of one folded text in another, on SQLite and PostgreSQL alike:

    queryset.alias(name_folded=Folded("learner_name")).filter(name_folded__contains=fold(typed))

Both read one table, `_FOLDS`, of the Latin letters with accents, strokes and cedillas (the
Latin-1 Supplement and Latin Extended-A and -B blocks, which hold every letter of Spanish,
Vietnamese aside, and of the other European languages learners write their names in). PostgreSQL
applies it with `translate()`, which needs no extension (`unaccent` would need one installed by a
superuser); SQLite with the same Python function, registered on the connection when a query needs
it. Nothing is stored, so rows written in bulk (the demo and synthetic data) are found as well.
"""

import unicodedata

from django.db.models import CharField, Func

# Letters that do not decompose into a base letter and a mark, folded by hand.
_STROKES = {"Ø": "o", "ø": "o", "Đ": "d", "đ": "d", "Ł": "l", "ł": "l", "Ħ": "h", "ħ": "h",
            "ı": "i", "Ŧ": "t", "ŧ": "t", "Ɨ": "i", "ƀ": "b", "Ƶ": "z", "ƶ": "z"}


def _folds() -> dict[str, str]:
    folds = {}
    for point in range(0x00C0, 0x0250):
        letter = chr(point)
        base = unicodedata.normalize("NFKD", letter)[:1]
        if letter in _STROKES:
            folds[letter] = _STROKES[letter]
        elif base != letter and base.isascii() and base.isalpha():
            folds[letter] = base.lower()
    return folds


_FOLDS = _folds()
_FROM = "".join(_FOLDS)
_TO = "".join(_FOLDS.values())
_TABLE = str.maketrans(_FOLDS)
SQLITE_FUNCTION = "redflag_fold"


def fold(text: str) -> str:
    """`text` without accents, in lower case: "Lucía PEÑA" → "lucia pena"."""
    return (text or "").translate(_TABLE).lower()


class Folded(Func):
    """fold() of a text column, computed by the database."""

    output_field = CharField()
    arity = 1

    def as_sql(self, compiler, connection, **extra_context):
        # PostgreSQL: LOWER after TRANSLATE, so accented capitals fold too whatever the
        # database's collation (LOWER alone leaves "Í" as it is under the C locale).
        sql, params = compiler.compile(self.source_expressions[0])
        return f"LOWER(TRANSLATE({sql}, %s, %s))", (*params, _FROM, _TO)

    def as_sqlite(self, compiler, connection, **extra_context):
        connection.ensure_connection()
        # Registering again is cheap, and covers every new connection without a signal.
        connection.connection.create_function(SQLITE_FUNCTION, 1, _fold_or_null,
                                              deterministic=True)
        sql, params = compiler.compile(self.source_expressions[0])
        return f"{SQLITE_FUNCTION}({sql})", params


def _fold_or_null(text):
    return None if text is None else fold(text)
