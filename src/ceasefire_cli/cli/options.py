"""The options every command shares, declared once and added to each command by a decorator."""

from __future__ import annotations

import enum
import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NamedTuple

import typer

from . import completion

MACHINE_FORMATS = frozenset({"json", "jsonl", "csv"})


class Format(enum.StrEnum):
    """The --format choices: the registered renderers."""

    table = "table"
    plain = "plain"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    md = "md"


_COMMON = "Data and output"
DataOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--data",
        metavar="FILE",
        envvar="CEASEFIRE_DATA",
        help="A TOML file of your own events, laid over the bundled ones (same id replaces). "
        "Repeatable; CEASEFIRE_DATA takes a path list.",
        rich_help_panel=_COMMON,
        show_default=False,
        # Not Click's own check (exit 2, no fix): an unreadable file is a data problem that
        # dataset.py reports like a missing one or a directory (exit 3, with the fix).
        readable=False,
    ),
]
NoBundledOpt = Annotated[
    bool,
    typer.Option(
        "--no-bundled",
        help="Use only the --data files, not the bundled dataset.",
        rich_help_panel=_COMMON,
    ),
]
FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="Output format. Default: table on a terminal, plain (tab-separated) in a pipe.",
        rich_help_panel=_COMMON,
        show_default=False,
    ),
]
JsonOpt = Annotated[
    bool, typer.Option("--json", help="Shortcut for --format json.", rich_help_panel=_COMMON)
]


class ColorMode(enum.StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


ColorOpt = Annotated[
    ColorMode | None,
    typer.Option(
        "--color",
        case_sensitive=False,
        help="Colour in tables: auto (on a terminal, unless NO_COLOR; FORCE_COLOR forces it), "
        "always or never. Never any in json, jsonl, csv or plain.",
        rich_help_panel=_COMMON,
        show_default=False,
    ),
]


class Language(enum.StrEnum):
    en = "en"
    ar = "ar"
    both = "both"


LangOpt = Annotated[
    Language,
    typer.Option(
        "--lang",
        envvar="CEASEFIRE_LANG",
        case_sensitive=False,
        help="Titles in English, in the article's verbatim Arabic (where there is one), or both.",
        rich_help_panel=_COMMON,
    ),
]
NoColorOpt = Annotated[
    bool, typer.Option("--no-color", help="Same as --color never.", rich_help_panel=_COMMON)
]
TodayOpt = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="DATE",
        envvar="CEASEFIRE_TODAY",
        help="Pretend today is this day, for relative dates like '3 weeks ago'.",
        rich_help_panel=_COMMON,
        show_default=False,
    ),
]


AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        envvar="CEASEFIRE_AS_OF",
        help="Show the world as it stood at the end of this day (of a period: its last day). "
        "Default: today.",
        rich_help_panel=_COMMON,
        show_default=False,
    ),
]


SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since",
        "-s",
        metavar="DATE",
        help="Events on or after this date (its first day).",
        rich_help_panel="Filters",
    ),
]
UntilOpt = Annotated[
    str | None,
    typer.Option(
        "--until",
        "-u",
        metavar="DATE",
        help="Events on or before this date (its last day).",
        rich_help_panel="Filters",
    ),
]
OnOpt = Annotated[
    str | None,
    typer.Option(
        "--on",
        metavar="DATE",
        help="Events within this day, month, year...",
        rich_help_panel="Filters",
    ),
]
ActorOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--actor",
        "-a",
        metavar="NAME",
        autocompletion=completion.actors,
        help="Events involving this actor, in any spelling or language. Repeatable (any of).",
        rich_help_panel="Filters",
    ),
]
TagOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        "-t",
        metavar="TAG",
        autocompletion=completion.tags,
        help="Events with this tag (talks, truce, ...). Repeatable.",
        rich_help_panel="Filters",
    ),
]
PlaceOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--place",
        "-p",
        metavar="PLACE",
        autocompletion=completion.places,
        help="Events at this place, in any spelling. Repeatable.",
        rich_help_panel="Filters",
    ),
]
LimitOpt = Annotated[
    int | None,
    typer.Option(
        "--limit",
        "-n",
        min=0,
        help="Show at most N events.",
        rich_help_panel="Filters",
    ),
]


SvgOpt = Annotated[
    Path | None,
    typer.Option(
        "--svg",
        metavar="FILE",
        help="Also save what is shown as an SVG picture (for reports and slides).",
        rich_help_panel=_COMMON,
        show_default=False,
    ),
]
HtmlOpt = Annotated[
    Path | None,
    typer.Option(
        "--html",
        metavar="FILE",
        help="Also save what is shown as an HTML page.",
        rich_help_panel=_COMMON,
        show_default=False,
    ),
]


class CommonOptions(NamedTuple):
    """The shared options as given on the command line (or their environment variables)."""

    data: list[Path] | None = None
    no_bundled: bool = False
    fmt: Format | None = None
    as_json: bool = False
    color: ColorMode | None = None
    no_color: bool = False
    lang: Language = Language.en
    today: str | None = None
    as_of: str | None = None
    svg: Path | None = None
    html: Path | None = None


FieldsOpt = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="F1,F2",
        autocompletion=completion.fields,
        help="Only these fields, in this order (e.g. id,date,title), in every format.",
        rich_help_panel="Data and output",
        show_default=False,
    ),
]


class FilterOptions(NamedTuple):
    """The event filters of `list` and `search`, as given."""

    since: str | None = None
    until: str | None = None
    on: str | None = None
    actor: list[str] | None = None
    tag: list[str] | None = None
    place: list[str] | None = None
    limit: int | None = None


_FILTERS: dict[str, tuple[Any, Any]] = {
    "since": (SinceOpt, None),
    "until": (UntilOpt, None),
    "on": (OnOpt, None),
    "actor": (ActorOpt, None),
    "tag": (TagOpt, None),
    "place": (PlaceOpt, None),
    "limit": (LimitOpt, None),
}

# name -> (Typer annotation, default), in the order they appear in --help.
_SHARED: dict[str, tuple[Any, Any]] = {
    "data": (DataOpt, None),
    "no_bundled": (NoBundledOpt, False),
    "fmt": (FormatOpt, None),
    "as_json": (JsonOpt, False),
    "color": (ColorOpt, None),
    "no_color": (NoColorOpt, False),
    "lang": (LangOpt, Language.en),
    "today": (TodayOpt, None),
    "as_of": (AsOfOpt, None),
    "svg": (SvgOpt, None),
    "html": (HtmlOpt, None),
}


def _option_group(
    argument: str, table: dict[str, tuple[Any, Any]], names: list[str], build: Callable[..., Any]
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Add the options `names` of `table` to a command, which receives them built into one
    `argument`. Typer reads a command's parameters from its signature, so the wrapper
    advertises the command's own parameters followed by the group's."""

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        own = [
            parameter
            for parameter in inspect.signature(command, eval_str=True).parameters.values()
            if parameter.name != argument
        ]
        added = [
            inspect.Parameter(
                name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=hint
            )
            for name in names
            for hint, default in [table[name]]
        ]

        @functools.wraps(command)
        def wrapper(**kwargs: Any) -> None:
            group = build(**{name: kwargs.pop(name) for name in names})
            command(**kwargs, **{argument: group})

        wrapper.__signature__ = inspect.Signature([*own, *added])  # type: ignore[attr-defined]
        wrapper.__annotations__ = {
            **{parameter.name: parameter.annotation for parameter in own},
            **{name: table[name][0] for name in names},
        }
        return wrapper

    return decorate


def common_options(
    *, as_of: bool = True, formats: bool = True, pictures: bool = True
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Add --data, --no-bundled, --format, --json, --no-color, --today and --as-of.

    `export` has formats of its own (formats=False); `validate` has no as-of day.
    """
    skipped = {
        *(() if as_of else ("as_of",)),
        *(() if formats else ("fmt", "as_json", "color", "no_color")),
        *(() if pictures else ("svg", "html")),
    }
    names = [name for name in _SHARED if name not in skipped]
    return _option_group("options", _SHARED, names, CommonOptions)


def filter_options() -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Add list's filters: --since, --until, --on, --actor, --tag, --place, --limit."""
    return _option_group("filters", _FILTERS, list(_FILTERS), FilterOptions)
