"""Reading framework content from YAML: built-in versions, a folder, or local additions.

A council's local folder names the core version it `extends` and holds only what it
adds: new items with new ids, and stricter tier thresholds. Nothing in the core can be
removed or loosened locally, so every council keeps the shared baseline.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, Field, ValidationError

from coopai.framework import content_schema
from coopai.framework.errors import ContentError, Problem
from coopai.framework.loaded import Framework
from coopai.framework.validation import check_references
from coopai.framework.yamlio import line_of, read_yaml, unreadable_yaml_raises, validation_problems

CONTENT_ROOT = Path(__file__).parent / "content"

# file name -> (top-level key holding a list of items, the item model)
LIST_FILES: dict[str, tuple[str, type[BaseModel]]] = {
    "sections.yaml": ("sections", content_schema.Section),
    "categories.yaml": ("categories", content_schema.Category),
    "techniques.yaml": ("techniques", content_schema.Technique),
    "enablers.yaml": ("enablers", content_schema.Enabler),
    "principles.yaml": ("principles", content_schema.Principle),
    "risks.yaml": ("risks", content_schema.Risk),
    "mitigations.yaml": ("mitigations", content_schema.Mitigation),
    "questions.yaml": ("questions", content_schema.Question),
    "requirements.yaml": ("requirements", content_schema.Requirement),
    "red_lines.yaml": ("red_lines", content_schema.RedLine),
    "benefits.yaml": ("benefits", content_schema.BenefitField),
    "contradictions.yaml": ("contradictions", content_schema.Contradiction),
}
# List files a full framework may leave out (they came after version 1.0): missing is empty.
OPTIONAL_FILES = frozenset({"contradictions.yaml"})
SINGLE_FILES: dict[str, type[BaseModel]] = {
    "scoring.yaml": content_schema.Scoring,
    "suitability.yaml": content_schema.Suitability,
}
LIST_KEYS = tuple(key for key, _ in LIST_FILES.values())
MANIFEST = "framework.yaml"
# What a local folder may hold besides list files: stricter thresholds.
LOCAL_SCORING = "scoring.yaml"

Model = TypeVar("Model", bound=BaseModel)


def available_versions() -> list[str]:
    """The built-in framework versions, oldest first."""
    found = [p.name for p in CONTENT_ROOT.iterdir() if (p / MANIFEST).is_file()]
    return sorted(found, key=_version_key)


def current_version() -> str:
    released = [
        v for v in available_versions() if _read_manifest(CONTENT_ROOT / v).status == "released"
    ]
    return released[-1]


def load_framework(version_or_folder: str | Path | None = None) -> Framework:
    """Load a built-in version by number, or a folder (a full framework or local additions)."""
    if version_or_folder is None:
        return _load_builtin(current_version())
    text = str(version_or_folder)
    if isinstance(version_or_folder, str) and text in available_versions():
        return _load_builtin(text)
    folder = Path(version_or_folder)
    if not folder.is_dir():
        raise ContentError(
            [
                Problem(
                    text,
                    "",
                    "is neither a framework version nor a folder.",
                    allowed=available_versions(),
                )
            ]
        )
    return _load_folder(folder.resolve())


@cache
def _load_builtin(version: str) -> Framework:
    return _load_folder(CONTENT_ROOT / version)


def _load_folder(folder: Path) -> Framework:
    manifest = _read_manifest(folder)
    if manifest.extends is None:
        return _load_full(folder, manifest)
    if manifest.extends not in available_versions():
        raise ContentError(
            [
                Problem(
                    str(folder / MANIFEST),
                    "extends",
                    f"{manifest.extends!r} is not a framework version this coopai knows.",
                    allowed=available_versions(),
                )
            ]
        )
    return _layer(_load_builtin(manifest.extends), folder, manifest)


def _read_manifest(folder: Path) -> content_schema.Manifest:
    path = folder / MANIFEST
    if not path.is_file():
        raise ContentError(
            [Problem(str(folder), "", f"has no {MANIFEST}, so it is not a framework folder.")]
        )
    data, node = _read(path)
    return _validate(content_schema.Manifest, data, path, node, ())


def _load_full(folder: Path, manifest: content_schema.Manifest) -> Framework:
    problems: list[Problem] = []
    lists: dict[str, tuple[Any, ...]] = {}
    singles: dict[str, Any] = {}
    for name, (key, model) in LIST_FILES.items():
        if name in OPTIONAL_FILES and not (folder / name).exists():
            lists[key] = ()
            continue
        lists[key] = tuple(_collect(problems, _read_list, folder / name, key, model) or ())
    for name, single in SINGLE_FILES.items():
        singles[name] = _collect(problems, _read_single, folder / name, single)
    _refuse_unknown_files(folder, problems, set(LIST_FILES) | set(SINGLE_FILES) | {MANIFEST})
    if problems:
        raise ContentError(problems)
    framework = Framework(
        manifest=manifest,
        core=manifest,
        scoring=singles["scoring.yaml"],
        suitability=singles["suitability.yaml"],
        digest=_digest([folder]),
        folders=(folder,),
        **lists,
    )
    check_references(framework, item_lists=LIST_KEYS)
    return framework


def _layer(core: Framework, folder: Path, manifest: content_schema.Manifest) -> Framework:
    """Add a council's local items to a core framework, refusing anything that loosens it."""
    problems: list[Problem] = []
    merged: dict[str, tuple[Any, ...]] = {}
    for name, (key, model) in LIST_FILES.items():
        existing: tuple[Any, ...] = getattr(core, key)
        path = folder / name
        added = _collect(problems, _read_list, path, key, model) if path.exists() else []
        core_ids = {item.id for item in existing}
        for index, item in enumerate(added or []):
            if item.id in core_ids:
                problems.append(
                    Problem(
                        str(path),
                        f"{key}[{index}].id",
                        f"{item.id!r} is already in the core framework {core.version}. "
                        "Local additions add new items; give this one a new id.",
                    )
                )
        merged[key] = existing + tuple(added or [])
    scoring = core.scoring
    if (folder / LOCAL_SCORING).exists():
        local = _collect(problems, _read_single, folder / LOCAL_SCORING, LocalScoring)
        if local is not None:
            scoring = _stricter_scoring(core.scoring, local, folder / LOCAL_SCORING, problems)
    _refuse_unknown_files(folder, problems, set(LIST_FILES) | {LOCAL_SCORING, MANIFEST})
    if problems:
        raise ContentError(problems)
    framework = Framework(
        manifest=manifest,
        core=core.core,
        scoring=scoring,
        suitability=core.suitability,
        digest=_digest([*core.folders, folder]),
        folders=(*core.folders, folder),
        **merged,
    )
    check_references(framework, item_lists=LIST_KEYS)
    return framework


class TierThreshold(content_schema.Strict):
    tier: int
    from_points: int


class LocalScoring(content_schema.Strict):
    """What a local scoring.yaml may say: lower thresholds and extra gates."""

    tiers: list[TierThreshold] = Field(default_factory=list)
    floors: list[content_schema.Floor] = Field(default_factory=list)


def _stricter_scoring(
    core: content_schema.Scoring, local: LocalScoring, path: Path, problems: list[Problem]
) -> content_schema.Scoring:
    tiers = {tier.tier: tier for tier in core.tiers}
    for index, change in enumerate(local.tiers):
        refused = _loosened_tier(index, change, tiers, path)
        if refused is None:
            tiers[change.tier] = tiers[change.tier].model_copy(
                update={"from_points": change.from_points}
            )
        else:
            problems.append(refused)
    problems += _reused_gate_ids(core, local, path)
    try:
        return content_schema.Scoring.model_validate(
            {
                "max_reduction_share": core.max_reduction_share,
                "tiers": [t.model_dump(by_alias=True) for t in tiers.values()],
                "floors": [
                    f.model_dump(by_alias=True, exclude_none=True)
                    for f in [*core.floors, *local.floors]
                ],
            }
        )
    except ValidationError as error:
        problems.extend(validation_problems(error, str(path), None, format_name="framework"))
        return core


def _loosened_tier(
    index: int, change: TierThreshold, tiers: dict[int, content_schema.Tier], path: Path
) -> Problem | None:
    """Why a local threshold may not be used, or None when it is stricter or the same."""
    if change.tier not in tiers or change.tier == 1:
        message = f"{change.tier} cannot be changed."
        return Problem(str(path), f"tiers[{index}].tier", message, allowed=["2", "3", "4"])
    core_points = tiers[change.tier].from_points
    if change.from_points <= core_points:
        return None
    message = (
        f"{change.from_points} would make tier {change.tier} harder to reach than the core "
        f"framework's {core_points}. Local thresholds may only be stricter (lower)."
    )
    return Problem(str(path), f"tiers[{index}].from_points", message)


def _reused_gate_ids(
    core: content_schema.Scoring, local: LocalScoring, path: Path
) -> list[Problem]:
    core_ids = {floor.id for floor in core.floors}
    return [
        Problem(
            str(path),
            f"floors[{index}].id",
            f"{floor.id!r} is already a core gate; give the local one a new id.",
        )
        for index, floor in enumerate(local.floors)
        if floor.id in core_ids
    ]


def _read(path: Path) -> tuple[Any, Any]:
    with unreadable_yaml_raises(ContentError):
        return read_yaml(path)


def _read_list(path: Path, key: str, model: type[Model]) -> list[Model]:
    if not path.is_file():
        raise ContentError([Problem(str(path), "", "this framework file is missing.")])
    data, node = _read(path)
    if not isinstance(data, dict) or set(data) != {key}:
        raise ContentError(
            [Problem(str(path), "", f"the file must hold one key, {key}, with a list of items.")]
        )
    if not isinstance(data[key], list):
        raise ContentError(
            [Problem(str(path), key, "must be a list of items.", line_of(node, (key,)))]
        )
    problems: list[Problem] = []
    items: list[Model] = []
    for index, raw in enumerate(data[key]):
        try:
            items.append(_validate(model, raw, path, node, (key, index)))
        except ContentError as error:
            problems.extend(error.problems)
    if problems:
        raise ContentError(problems)
    return items


def _read_single(path: Path, model: type[Model]) -> Model:
    if not path.is_file():
        raise ContentError([Problem(str(path), "", "this framework file is missing.")])
    data, node = _read(path)
    return _validate(model, data, path, node, ())


def _validate(
    model: type[Model], data: Any, path: Path, node: Any, prefix: tuple[str | int, ...]
) -> Model:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ContentError(
            validation_problems(error, str(path), node, format_name="framework", prefix=prefix)
        ) from error


def _collect(problems: list[Problem], read: Callable[..., Any], *args: Any) -> Any:
    """Run a reader, adding its problems to the list instead of stopping at the first file."""
    try:
        return read(*args)
    except ContentError as error:
        problems.extend(error.problems)
        return None


def _refuse_unknown_files(folder: Path, problems: list[Problem], known: set[str]) -> None:
    for path in sorted(folder.glob("*.y*ml")):
        if path.name not in known:
            problems.append(
                Problem(
                    str(path),
                    "",
                    "this file is not part of the framework format.",
                    allowed=sorted(known),
                )
            )


def _digest(folders: Iterable[Path]) -> str:
    """A fingerprint of the content, so a result can name exactly what scored it."""
    sha = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.glob("*.yaml")):
            sha.update(path.name.encode())
            sha.update(b"\0")
            sha.update(path.read_bytes().replace(b"\r\n", b"\n"))
            sha.update(b"\0")
    return sha.hexdigest()


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))
