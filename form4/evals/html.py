"""The evaluation report as one self-contained HTML page: inline styles and SVG, no scripts or
fetched assets, so it can be mailed, attached to a CI run or opened offline."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from form4.evals.report import EvalReport, headline

_ENVIRONMENT = Environment(
    loader=PackageLoader("form4.evals", "templates"),
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def to_html(report: EvalReport, changes: dict[str, float] | None = None) -> str:
    template = _ENVIRONMENT.get_template("report.html.j2")
    kinds = sorted(report.trust.kinds.items(), key=lambda item: -item[1])
    return template.render(
        report=report,
        headline=headline(report),
        changes=changes,
        kinds=kinds,
        most_kind=max((count for _, count in kinds), default=1),
    )
