"""Exceptions of the form4 package, so callers can catch the package's failures in one place."""


class Form4Error(Exception):
    """Base class of every error form4 raises on purpose."""


class InputError(Form4Error):
    """The input file or text cannot be used as a Form 4 source."""


class ModelError(Form4Error):
    """The embedded model is missing, incomplete or corrupt, or cannot be loaded."""


class SettingsError(Form4Error):
    """A setting (a ``FORM4_*`` variable, say) has a value it cannot take."""


class OutputError(Form4Error):
    """An output cannot be written where it was asked for."""


class BackendError(Form4Error):
    """The language model backend failed, or its answer never fitted the schema."""


def one_line(error: BaseException) -> str:
    """The first line of a failure's message, or its type when it has none: what a person reads
    on stderr or in a report."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
