"""The kinds of defect; importing this package registers every kind, in this order."""

from form4.synthetic.faults import boxes, footnotes, lines

__all__ = ["boxes", "footnotes", "lines"]
