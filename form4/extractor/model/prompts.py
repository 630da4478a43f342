"""The messages sent to the model, built from the prompt files and the schema's descriptions.

The schema reaches a constrained decoder as a grammar, which carries key names but no
descriptions, so the descriptions are rendered into the system prompt as a field guide: one line
per field, in schema order. The system prompt comes first and never varies, so llama.cpp can keep
its evaluation in the KV cache from one filing to the next.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

from pydantic import BaseModel

from form4.extractor.text.cleaning import clean_text
from form4.schema import Cell, Form4Filing


def prompt_file(name: str) -> str:
    """A prompt file of the package, as written."""
    return files("form4.prompts").joinpath(name).read_text(encoding="utf-8")


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds (directly, in a list, or optionally), or None for a scalar."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _model_of(argument)
        if found is not None:
            return found
    return None


def field_guide(model: type[BaseModel] = Form4Filing, heading: str = "The filing") -> list[str]:
    """A section per record (``heading:`` then ``- key: description``), nested records after."""
    lines = [f"{heading}:"]
    sections: list[str] = []
    for name, field in model.model_fields.items():
        key = field.alias or name
        nested = _model_of(field.annotation)
        if nested is not None and not issubclass(nested, Cell):
            is_list = getattr(field.annotation, "__origin__", None) is list
            title = f"{key}[]" if is_list else key
            if field.description:
                title = f"{title} ({field.description.rstrip('.')})"
            sections.extend(["", *field_guide(nested, title)])
        elif field.description:
            lines.append(f"- {key}: {field.description}")
    return lines + sections


@cache
def system_prompt() -> str:
    guide = "\n".join(field_guide())
    return prompt_file("system.md").replace("{field_guide}", guide).strip()


def build_messages(text: str) -> list[dict[str, str]]:
    """System prompt, one worked example as a previous turn, then the filing to read."""
    return [
        {"role": "system", "content": system_prompt()},
        {"role": "user", "content": _user_message(clean_text(prompt_file("example.txt")))},
        {"role": "assistant", "content": prompt_file("example.json").strip()},
        {"role": "user", "content": _user_message(text)},
    ]


def _user_message(text: str) -> str:
    return prompt_file("user.md").replace("{text}", text.strip()).strip()
