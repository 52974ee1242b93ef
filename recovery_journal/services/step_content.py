"""The step guidance we ship (recovery_journal/resources/steps/<language>.json), read once and
checked on load.

Written in our own words; no fellowship's literature is quoted. Both languages carry the same
steps and the same question ids, so an answer belongs to a question whatever the language.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from recovery_journal.domain.steps import STEP_NUMBERS, Programme, Question, StepGuide
from recovery_journal.i18n import SOURCE_LANGUAGE
from recovery_journal.package_data import resource

ADDICTION_PLACEHOLDER = "{addiction}"


@dataclass(frozen=True, slots=True)
class StepContent:
    language: str
    programme_names: dict[Programme, str]
    wordings: dict[Programme, tuple[str, ...]]  # twelve statements per programme
    guides: dict[int, StepGuide]

    def guide(self, step: int) -> StepGuide:
        return self.guides[step]

    def template_wording(
        self, programme: Programme, step: int, addiction: str, default: str
    ) -> str:
        """The template's statement with the person's word for what they recover from.

        Without one, a bracketed placeholder (as the Russian text uses) is dropped and a bare
        one becomes ``default`` ("addiction").
        """
        text = self.wordings[programme][step - 1]
        if not addiction:
            text = text.replace(f" ({ADDICTION_PLACEHOLDER})", "")
            addiction = default
        return text.replace(ADDICTION_PLACEHOLDER, addiction)


class ContentError(ValueError):
    """The shipped guidance is incomplete: a packaging mistake, caught by the tests."""


def _parse(language: str, raw: dict[str, Any]) -> StepContent:
    steps = raw["steps"]
    if [step["number"] for step in steps] != list(STEP_NUMBERS):
        raise ContentError(f"{language}: steps must be numbered 1 to 12")
    guides = {}
    for step in steps:
        number = step["number"]
        questions = tuple(Question(q["id"], number, q["text"]) for q in step["questions"])
        if not 6 <= len(questions) <= 12:
            raise ContentError(f"{language}: step {number} has {len(questions)} questions")
        if not step["title"] or not step["about"] or not all(q.text for q in questions):
            raise ContentError(f"{language}: step {number} has empty text")
        guides[number] = StepGuide(number, step["title"], tuple(step["about"]), questions)
    names = {}
    wordings = {}
    for programme in Programme:
        template = raw["templates"][programme.value]
        if len(template["steps"]) != 12 or not all(template["steps"]):
            raise ContentError(f"{language}: template {programme.value} needs twelve steps")
        names[programme] = template["name"]
        wordings[programme] = tuple(template["steps"])
    return StepContent(language, names, wordings, guides)


@cache
def step_content(language: str) -> StepContent:
    path = resource("steps", f"{language}.json")
    if not path.is_file():
        path = resource("steps", f"{SOURCE_LANGUAGE}.json")
        language = SOURCE_LANGUAGE
    with path.open(encoding="utf-8") as handle:
        return _parse(language, json.load(handle))
