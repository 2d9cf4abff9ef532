"""The workbook contract: the single source of truth for the coalition's Google Sheet.

Every tab, column, type, unit, allowed value and header alias lives here. The parser, the
validator, the template workbook, the command-line check and the editors' guide all read it:
adding a column is one edit in this file.

Headers are matched case-insensitively, ignoring stray spaces, and may be written in English,
Russian or Kyrgyz (see ``aliases``). Values of enumerated columns are matched the same way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

Kind = Literal[
    "text",  # free text, kept as written (stripped)
    "id",  # short identifier, stripped; compared case-insensitively
    "number",  # any real number; Russian-locale and English-locale writing both read
    "integer",  # a whole number (votes, seats)
    "percent",  # 0–100; "45%", "45 %", "45" all read as 45
    "date",  # 01.02.2025, 2025-02-01 or a spreadsheet serial number
    "datetime",  # a date with an optional time, Bishkek local time (UTC+6)
    "period",  # 2025 (year), 2025-Q3 (quarter) or 2025-03 (month)
    "region",  # any spelling the gazetteer knows (utils/sheet/regions.py)
    "enum",  # one of ``allowed`` (or one of its aliases)
    "bool",  # yes/no, да/нет, ооба/жок, true/false, 1/0
]


@dataclass(frozen=True)
class Choice:
    """One allowed value of an enumerated column, its names and the spellings editors use."""

    key: str
    en: str
    ru: str
    ky: str
    aliases: tuple[str, ...] = ()

    def name(self, lang: str) -> str:
        """The display name in ``lang``: ``en`` here, Russian and Kyrgyz from the catalogues
        (``ru``/``ky`` are the first drafts copied into them: utils/sheet/texts.py)."""
        from utils.sheet.texts import choice_name  # texts reads this module's lists of values

        return choice_name(self, lang)


@dataclass(frozen=True)
class Column:
    """One column of a tab."""

    name: str
    kind: Kind
    help_en: str
    help_ru: str
    required: bool = False  # the header must be present
    not_null: bool = False  # a row without this value cannot be used
    aliases: tuple[str, ...] = ()
    choices: tuple[Choice, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    example: str = ""


@dataclass(frozen=True)
class Tab:
    """One tab of the workbook."""

    name: str
    help_en: str
    help_ru: str
    columns: tuple[Column, ...]
    required: bool = True
    aliases: tuple[str, ...] = ()
    unique_key: tuple[str, ...] = ()  # columns that together identify a row

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def column_names(self) -> tuple[str, ...]:
        """Canonical column names in template order."""
        return tuple(col.name for col in self.columns)


# --- Allowed values -------------------------------------------------------------------------

COMMUNITIES: Final = (
    Choice(
        "all",
        "All communities",
        "Все сообщества",
        "Бардык жамааттар",
        ("all", "total", "все", "всего", "бардыгы", "жалпы"),
    ),
    Choice(
        "pwud",
        "People who use drugs",
        "Люди, употребляющие наркотики",
        "Баңгизат колдонгон адамдар",
        ("pud", "pwud", "лун", "луин/лун", "people who use drugs"),
    ),
    Choice(
        "pwid",
        "People who inject drugs",
        "Люди, употребляющие инъекционные наркотики",
        "Баңгизатты ийне менен колдонгон адамдар",
        ("pwid", "луин", "people who inject drugs"),
    ),
    Choice(
        "wud",
        "Women who use drugs",
        "Женщины, употребляющие наркотики",
        "Баңгизат колдонгон аялдар",
        ("wud", "wwud", "жун", "women who use drugs"),
    ),
    Choice(
        "sw",
        "Sex workers",
        "Секс-работники",
        "Секс-кызматкерлер",
        ("sw", "fsw", "ср", "сексработники", "секс работники", "секс-работницы", "sex workers"),
    ),
    Choice(
        "plhiv",
        "People living with HIV",
        "Люди, живущие с ВИЧ",
        "ВИЧ менен жашаган адамдар",
        ("plhiv", "plwh", "лжв", "лжвич", "people living with hiv"),
    ),
    Choice("lgbt", "LGBT people", "ЛГБТ-люди", "ЛГБТ адамдар", ("lgbt", "lgbtq", "лгбт", "лгбтк")),
    Choice(
        "msm",
        "Men who have sex with men",
        "Мужчины, практикующие секс с мужчинами",
        "Эркектер менен жыныстык катнашта болгон эркектер",
        ("msm", "мсм", "men who have sex with men"),
    ),
    Choice(
        "trans",
        "Transgender people",
        "Трансгендерные люди",
        "Трансгендер адамдар",
        ("tg", "trans", "transgender", "тг", "трансгендеры", "трансгендерные люди"),
    ),
)
"""The four communities of the coalition and the sub-groups programmes report on."""

DEFAULT_THRESHOLD: Final = 10
"""Counts of people below this are hidden unless the deployer sets another (docs/PRIVACY.md)."""

PEOPLE_COUNTS: Final[frozenset[tuple[str, str]]] = frozenset(
    {
        ("indicators", "numerator"),
        ("indicators", "denominator"),
        ("indicators", "value"),  # a count indicator's value is a count of people
        ("elections", "total_votes"),
        ("elections", "blank_votes"),
        ("elections", "invalid_votes"),
        ("votes", "votes"),
        ("findings", "people_affected"),
    }
)
"""(tab, column) cells that count people: sensitive below the threshold (docs/PRIVACY.md)."""

COMMUNITY_PARENT: Final[Mapping[str, str]] = {
    "pwid": "pwud",
    "wud": "pwud",
    "msm": "lgbt",
    "trans": "lgbt",
}
"""Sub-group -> community it belongs to."""

UNITS: Final = (
    Choice("percent", "Percent", "Процент", "Пайыз", ("%", "percent", "процент", "пайыз")),
    Choice("count", "Count", "Число", "Саны", ("count", "number", "число", "количество", "саны")),
    Choice(
        "rate",
        "Per person per year",
        "На человека в год",
        "Бир адамга жылына",
        ("rate", "per person", "на человека", "per person per year"),
    ),
)

MILESTONE_STATUSES: Final = (
    Choice(
        "not_started",
        "Not started",
        "Не начато",
        "Башталган жок",
        ("not started", "не начато", "не начат", "башталган жок", "todo"),
    ),
    Choice(
        "on_track",
        "On track",
        "По плану",
        "Пландагыдай",
        ("on track", "по плану", "в работе", "пландагыдай", "in progress"),
    ),
    Choice(
        "at_risk",
        "At risk",
        "Под угрозой",
        "Коркунучта",
        ("at risk", "под угрозой", "риск", "коркунучта"),
    ),
    Choice(
        "delayed",
        "Delayed",
        "Отстаёт",
        "Кечигүүдө",
        ("delayed", "late", "отстаёт", "отстает", "задержка", "кечигүүдө"),
    ),
    Choice(
        "done",
        "Done",
        "Выполнено",
        "Аткарылды",
        ("done", "completed", "complete", "выполнено", "готово", "аткарылды"),
    ),
    Choice(
        "cancelled",
        "Cancelled",
        "Отменено",
        "Жокко чыгарылды",
        ("cancelled", "canceled", "отменено", "жокко чыгарылды"),
    ),
)

ELECTION_STATUSES: Final = (
    Choice(
        "open",
        "Voting open",
        "Идёт голосование",
        "Добуш берүү жүрүүдө",
        ("open", "открыто", "идет", "идёт", "ачык"),
    ),
    Choice(
        "closed",
        "Voting closed",
        "Голосование закрыто",
        "Добуш берүү жабылды",
        ("closed", "закрыто", "жабык"),
    ),
    Choice(
        "certified",
        "Results certified",
        "Итоги утверждены",
        "Жыйынтыктар бекитилди",
        ("certified", "утверждено", "утверждены", "бекитилди"),
    ),
)

MEMBER_ROLES: Final = (
    Choice("member", "Member", "Член коалиции", "Коалициянын мүчөсү", ("member", "член", "мүчө")),
    Choice(
        "candidate",
        "Candidate member",
        "Кандидат в члены",
        "Мүчөлүккө талапкер",
        ("candidate", "кандидат", "талапкер"),
    ),
    Choice(
        "secretariat",
        "Secretariat",
        "Секретариат",
        "Катчылык",
        ("secretariat", "секретариат", "катчылык"),
    ),
)

REGION_HELP_EN: Final = (
    "One of the nine regions (Batken, Chuy, Issyk-Kul, Jalal-Abad, Naryn, Osh oblast, "
    "Talas, Bishkek city, Osh city) or National, in English, Russian or Kyrgyz."
)
REGION_HELP_RU: Final = (
    "Одна из девяти единиц (Баткенская, Чуйская, Иссык-Кульская, Джалал-Абадская, "
    "Нарынская, Ошская, Таласская области, г. Бишкек, г. Ош) или «Национальный»."
)

NO_DATA_MARKERS: Final = frozenset(
    {"-", "–", "—", "n/a", "na", "н/д", "нд", "нет данных", "маалымат жок"}
)
"""Cells that say "no data" on purpose: read as missing without a complaint."""

SHEET_ERRORS: Final = frozenset(
    {
        "#n/a",
        "#ref!",
        "#div/0!",
        "#value!",
        "#name?",
        "#num!",
        "#null!",
        "#error!",
        "#н/д",
        "#ссылка!",
        "#дел/0!",
        "#знач!",
        "#имя?",
        "#число!",
        "#пусто!",
    }
)
"""Spreadsheet error values in English and Russian locales: a formula failed in that cell."""


def _col(name: str, kind: Kind, help_en: str, help_ru: str, *aliases: str, **kw: object) -> Column:
    """Shorthand for a Column with its aliases."""
    return Column(name, kind, help_en, help_ru, aliases=aliases, **kw)  # type: ignore[arg-type]


# --- Tabs -----------------------------------------------------------------------------------

INDICATORS: Final = Tab(
    name="indicators",
    help_en="One row per observation of an indicator: a period, a region and a community.",
    help_ru="Одна строка на одно наблюдение показателя: период, регион и сообщество.",
    aliases=("показатели", "индикаторы", "көрсөткүчтөр", "data"),
    unique_key=("indicator", "period", "region", "community"),
    columns=(
        _col(
            "indicator",
            "id",
            "Indicator id from the catalog tab.",
            "Код показателя из вкладки catalog.",
            "indicator id",
            "показатель",
            "индикатор",
            "код показателя",
            "көрсөткүч",
            required=True,
            not_null=True,
            example="ost_coverage",
        ),
        _col(
            "period",
            "period",
            "Year (2025), quarter (2025-Q3) or month (2025-03).",
            "Год (2025), квартал (2025-Q3) или месяц (2025-03).",
            "период",
            "мезгил",
            "quarter",
            "квартал",
            required=True,
            not_null=True,
            example="2025-Q3",
        ),
        _col(
            "region",
            "region",
            REGION_HELP_EN,
            REGION_HELP_RU,
            "регион",
            "область",
            "аймак",
            "oblast",
            required=True,
            not_null=True,
            example="Chuy",
        ),
        _col(
            "community",
            "enum",
            "Community or sub-group, or 'all'.",
            "Сообщество или подгруппа, либо «все».",
            "сообщество",
            "группа",
            "жамаат",
            "key population",
            required=True,
            not_null=True,
            choices=COMMUNITIES,
            example="pwid",
        ),
        _col(
            "numerator",
            "number",
            "People reached (the count on top of the fraction).",
            "Охвачено человек (числитель).",
            "числитель",
            "охвачено",
            "алымы",
            "reached",
            minimum=0,
            example="412",
        ),
        _col(
            "denominator",
            "number",
            "People in need or estimated population (the count below).",
            "Нуждающиеся или оценочная численность (знаменатель).",
            "знаменатель",
            "бөлүмү",
            "population",
            minimum=0,
            example="1 650",
        ),
        _col(
            "value",
            "number",
            "The value when no counts exist (percent, count or rate per the catalog).",
            "Значение, если нет числителя и знаменателя (процент, число или на человека).",
            "значение",
            "маани",
            "rate",
            example="24,9",
        ),
        _col(
            "source",
            "text",
            "Where the figure comes from.",
            "Источник данных.",
            "источник",
            "булак",
            example="Programme reports",
        ),
        _col(
            "notes",
            "text",
            "Anything a reader should know.",
            "Примечания.",
            "примечания",
            "комментарий",
            "эскертүү",
            "comment",
        ),
    ),
)

CATALOG: Final = Tab(
    name="catalog",
    help_en="One row per indicator: its names, unit, direction and target.",
    help_ru="Одна строка на показатель: названия, единица, направление и цель.",
    aliases=("каталог", "справочник", "indicators catalog", "каталог показателей"),
    unique_key=("id",),
    columns=(
        _col(
            "id",
            "id",
            "Short id used in the indicators tab.",
            "Короткий код, как во вкладке indicators.",
            "код",
            "indicator",
            required=True,
            not_null=True,
            example="ost_coverage",
        ),
        _col(
            "name_en",
            "text",
            "Name in English.",
            "Название на английском.",
            "name",
            "name (en)",
            "english",
            required=True,
            not_null=True,
            example="Opioid substitution therapy coverage",
        ),
        _col(
            "name_ru",
            "text",
            "Name in Russian.",
            "Название на русском.",
            "название",
            "name (ru)",
            "русский",
            required=True,
            example="Охват опиоидной заместительной терапией",
        ),
        _col(
            "name_ky",
            "text",
            "Name in Kyrgyz.",
            "Название на кыргызском.",
            "аталышы",
            "name (ky)",
            "кыргызча",
            example="Опиоиддик алмаштыруучу терапия менен камтуу",
        ),
        _col(
            "unit",
            "enum",
            "percent, count or rate (per person per year).",
            "процент, число или на человека.",
            "единица",
            "бирдик",
            required=True,
            not_null=True,
            choices=UNITS,
            example="percent",
        ),
        _col(
            "higher_is_better",
            "bool",
            "yes if a higher value is better.",
            "да, если чем больше, тем лучше.",
            "higher is better",
            "больше лучше",
            example="yes",
        ),
        _col(
            "target",
            "number",
            "The target value, in the same unit.",
            "Целевое значение в той же единице.",
            "цель",
            "максат",
            example="50",
        ),
        _col(
            "target_source",
            "text",
            "Who set the target.",
            "Кто установил цель.",
            "источник цели",
            example="WHO, UNODC, UNAIDS technical guide",
        ),
        _col(
            "definition",
            "text",
            "How it is measured.",
            "Как измеряется.",
            "определение",
            "аныктама",
        ),
        _col(
            "cascade_step",
            "integer",
            "1, 2 or 3 for the 95-95-95 cascade steps, else empty.",
            "1, 2 или 3 для шагов каскада 95-95-95, иначе пусто.",
            "каскад",
            "шаг каскада",
            minimum=1,
            maximum=3,
        ),
        _col(
            "public",
            "bool",
            "yes if the figure may be shown publicly.",
            "да, если можно показывать публично.",
            "публичный",
            "ачык",
            example="no",
        ),
    ),
)

ELECTIONS: Final = Tab(
    name="elections",
    help_en="One row per election: the body, date, seats, eligible voters and threshold.",
    help_ru="Одна строка на выборы: орган, дата, места, избиратели и порог.",
    aliases=("выборы", "шайлоолор"),
    unique_key=("id",),
    columns=(
        _col(
            "id",
            "id",
            "Short id used in the votes tab.",
            "Короткий код, как во вкладке votes.",
            "код",
            required=True,
            not_null=True,
            example="ccph-2025",
        ),
        _col(
            "title",
            "text",
            "Title of the election.",
            "Название выборов.",
            "название",
            "аталышы",
            required=True,
            not_null=True,
        ),
        _col(
            "body",
            "text",
            "The body, e.g. Coordinating Council for Public Health.",
            "Орган, например Координационный совет по охране общественного здоровья.",
            "орган",
        ),
        _col(
            "date",
            "date",
            "Date of the vote.",
            "Дата голосования.",
            "дата",
            "күнү",
            required=True,
            not_null=True,
            example="14.03.2025",
        ),
        _col(
            "seats",
            "integer",
            "Seats to fill.",
            "Количество мест.",
            "места",
            "орундар",
            minimum=0,
            example="1",
        ),
        _col(
            "eligible_voters",
            "integer",
            "People entitled to vote.",
            "Число имеющих право голоса.",
            "избиратели",
            "шайлоочулар",
            minimum=0,
            example="120",
        ),
        _col(
            "threshold",
            "percent",
            "Share of votes needed to win (percent).",
            "Доля голосов для победы (процент).",
            "порог",
            "босого",
            minimum=0,
            maximum=100,
            example="50",
        ),
        _col(
            "status",
            "enum",
            "open, closed or certified.",
            "открыто, закрыто или утверждено.",
            "статус",
            choices=ELECTION_STATUSES,
            example="certified",
        ),
        _col(
            "total_votes",
            "integer",
            "Total ballots recorded by the commission, if known.",
            "Всего бюллетеней по протоколу комиссии.",
            "всего голосов",
            minimum=0,
        ),
        _col(
            "blank_votes",
            "integer",
            "Blank ballots, if recorded.",
            "Пустые бюллетени.",
            "пустые",
            minimum=0,
        ),
        _col(
            "invalid_votes",
            "integer",
            "Invalid ballots, if recorded.",
            "Недействительные бюллетени.",
            "недействительные",
            minimum=0,
        ),
        _col(
            "community_candidate",
            "text",
            "Name of the coalition's candidate.",
            "Кандидат от коалиции.",
            "кандидат коалиции",
        ),
        _col("notes", "text", "Anything a reader should know.", "Примечания.", "примечания"),
    ),
)

VOTES: Final = Tab(
    name="votes",
    help_en=(
        "Tallies: votes per candidate, voter group and round. With a timestamp, a row is the "
        "votes counted in that batch, so the tally can be shown over time."
    ),
    help_ru=(
        "Подсчёт: голоса за кандидата по группам избирателей и турам. Со временем строка — "
        "голоса, подсчитанные в этой партии, чтобы показать ход подсчёта."
    ),
    aliases=("голоса", "добуштар"),
    columns=(
        _col(
            "election",
            "id",
            "Election id from the elections tab.",
            "Код выборов из вкладки elections.",
            "выборы",
            "шайлоо",
            required=True,
            not_null=True,
            example="ccph-2025",
        ),
        _col(
            "round",
            "integer",
            "Round number, 1 if only one.",
            "Номер тура, 1 если один.",
            "тур",
            minimum=1,
            example="1",
        ),
        _col(
            "candidate",
            "text",
            "Candidate's name.",
            "Имя кандидата.",
            "кандидат",
            "талапкер",
            required=True,
            not_null=True,
        ),
        _col(
            "candidate_org",
            "text",
            "Organisation that put the candidate forward.",
            "Организация, выдвинувшая кандидата.",
            "организация кандидата",
            "organisation",
        ),
        _col(
            "voter_group",
            "text",
            "Voter group or organisation, or empty for all.",
            "Группа избирателей или организация; пусто — все.",
            "группа избирателей",
            "constituency",
        ),
        _col(
            "votes",
            "integer",
            "Votes.",
            "Голоса.",
            "голоса",
            "добуштар",
            required=True,
            not_null=True,
            minimum=0,
            example="12",
        ),
        _col(
            "timestamp",
            "datetime",
            "When this batch was counted (Bishkek time).",
            "Когда подсчитана партия (время Бишкека).",
            "время",
            "убакыт",
            "time",
            example="14.03.2025 10:40",
        ),
    ),
)

MILESTONES: Final = Tab(
    name="milestones",
    help_en="The three-year strategy: one row per milestone.",
    help_ru="Трёхлетняя стратегия: одна строка на этап.",
    aliases=("стратегия", "этапы", "strategy", "стратегия 3 года"),
    unique_key=("id",),
    columns=(
        _col(
            "id",
            "id",
            "Short id, e.g. M-01.",
            "Короткий код, например M-01.",
            "код",
            required=True,
            not_null=True,
            example="M-01",
        ),
        _col(
            "objective",
            "text",
            "Strategic objective it serves.",
            "Стратегическая цель.",
            "цель",
            "стратегическая цель",
            required=True,
            not_null=True,
        ),
        _col(
            "milestone",
            "text",
            "What will be done.",
            "Что будет сделано.",
            "этап",
            "веха",
            required=True,
            not_null=True,
        ),
        _col(
            "lead",
            "text",
            "Lead organisation.",
            "Ведущая организация.",
            "lead organisation",
            "ответственный",
            "ответственная организация",
            required=True,
        ),
        _col("partners", "text", "Partner organisations.", "Партнёры.", "партнеры", "партнёры"),
        _col(
            "community",
            "enum",
            "Community it serves, or 'all'.",
            "Сообщество или «все».",
            "сообщество",
            choices=COMMUNITIES,
            example="all",
        ),
        _col(
            "start",
            "date",
            "Start date.",
            "Дата начала.",
            "начало",
            "башталышы",
            example="01.03.2025",
        ),
        _col(
            "due",
            "date",
            "Due date.",
            "Срок.",
            "срок",
            "мөөнөтү",
            required=True,
            not_null=True,
            example="30.06.2025",
        ),
        _col(
            "status",
            "enum",
            "not started, on track, at risk, delayed, done or cancelled.",
            "не начато, по плану, под угрозой, отстаёт, выполнено или отменено.",
            "статус",
            required=True,
            not_null=True,
            choices=MILESTONE_STATUSES,
            example="on track",
        ),
        _col(
            "progress",
            "percent",
            "Share done, 0–100.",
            "Выполнено, 0–100 %.",
            "прогресс",
            "выполнение",
            minimum=0,
            maximum=100,
            example="40",
        ),
        _col(
            "last_update",
            "date",
            "When this row was last updated.",
            "Когда строка обновлена.",
            "last update",
            "обновлено",
            "дата обновления",
        ),
        _col(
            "indicator",
            "id",
            "Linked indicator id from the catalog, if any.",
            "Связанный показатель из каталога, если есть.",
            "показатель",
            "linked indicator",
        ),
        _col("notes", "text", "Anything a reader should know.", "Примечания.", "примечания"),
    ),
)

MEMBERS: Final = Tab(
    name="members",
    help_en="Coalition organisations and candidate organisations.",
    help_ru="Организации коалиции и кандидаты в члены.",
    aliases=("участники", "члены", "организации", "мүчөлөр"),
    required=False,
    unique_key=("organisation",),
    columns=(
        _col(
            "organisation",
            "text",
            "Name of the organisation.",
            "Название организации.",
            "organization",
            "организация",
            "уюм",
            required=True,
            not_null=True,
        ),
        _col(
            "community",
            "enum",
            "Community it represents.",
            "Сообщество.",
            "сообщество",
            choices=COMMUNITIES,
            example="sw",
        ),
        _col(
            "role",
            "enum",
            "member, candidate or secretariat.",
            "член, кандидат или секретариат.",
            "роль",
            choices=MEMBER_ROLES,
            example="member",
        ),
        _col(
            "joined", "date", "Date it joined.", "Дата вступления.", "дата вступления", "вступила"
        ),
        _col("region", "region", REGION_HELP_EN, REGION_HELP_RU, "регион"),
    ),
)

# --- Community-led monitoring ---------------------------------------------------------------

FINDING_CATEGORIES: Final = (
    Choice(
        "stockout",
        "Stock-out",
        "Нехватка препаратов или расходников",
        "Дары же сарптоочу каражаттын жетишсиздиги",
        ("stock-out", "stockout", "stock out", "нехватка", "перебои", "дефицит", "жетишсиздик"),
    ),
    Choice(
        "service_closed",
        "Service closed or interrupted",
        "Служба закрыта или прервана",
        "Кызмат жабылды же үзгүлтүккө учурады",
        ("service closed", "closed", "interrupted", "закрыто", "прервано", "жабылды"),
    ),
    Choice(
        "refusal",
        "Refusal or discrimination",
        "Отказ или дискриминация",
        "Баш тартуу же басмырлоо",
        ("refusal", "discrimination", "отказ", "дискриминация", "басмырлоо"),
    ),
    Choice(
        "police",
        "Police or legal harassment",
        "Давление полиции или преследование",
        "Милициянын кысымы же куугунтук",
        ("police", "harassment", "полиция", "милиция", "преследование", "куугунтук"),
    ),
    Choice(
        "quality",
        "Quality of care",
        "Качество помощи",
        "Жардамдын сапаты",
        ("quality", "quality of care", "качество", "сапат"),
    ),
    Choice("other", "Other", "Другое", "Башка", ("other", "другое", "прочее", "башка")),
)
"""What kind of problem a monitor found (the categories of community-led monitoring)."""

ESCALATION_LEVELS: Final = (
    Choice(
        "site",
        "Site or facility",
        "Учреждение",
        "Мекеме",
        ("site", "facility", "учреждение", "объект", "мекеме"),
    ),
    Choice("oblast", "Oblast", "Область", "Облус", ("oblast", "область", "облус", "region")),
    Choice(
        "national",
        "National",
        "Национальный",
        "Улуттук",
        ("national", "национальный", "республиканский", "улуттук"),
    ),
    Choice(
        "ccm",
        "CCM",
        "СКК (страновой координационный механизм)",
        "ӨКМ (өлкөлүк координациялык механизм)",
        ("ccm", "ccph", "скк", "ксоз", "өкм"),
    ),
)
"""How high a finding has been taken: the facility, the oblast, the Ministry, the CCM."""

FINDING_STATUSES: Final = (
    Choice("open", "Open", "Открыто", "Ачык", ("open", "new", "открыто", "новое", "ачык", "жаңы")),
    Choice(
        "raised",
        "Raised with the duty bearer",
        "Передано ответственному",
        "Жооптуу тарапка жеткирилди",
        ("raised", "передано", "направлено", "жеткирилди"),
    ),
    Choice(
        "committed",
        "Commitment made",
        "Есть обязательство",
        "Милдеттенме алынды",
        ("committed", "commitment", "обязательство", "обещано", "милдеттенме"),
    ),
    Choice(
        "resolved",
        "Resolved",
        "Решено",
        "Чечилди",
        ("resolved", "fixed", "решено", "исправлено", "чечилди"),
    ),
    Choice(
        "escalated",
        "Not resolved / escalated",
        "Не решено / эскалация",
        "Чечилген жок / жогору көтөрүлдү",
        ("escalated", "not resolved", "эскалация", "не решено", "чечилген жок"),
    ),
    Choice(
        "closed",
        "Closed without action",
        "Закрыто без мер",
        "Чарасыз жабылды",
        ("closed", "closed without action", "закрыто", "закрыто без мер", "жабылды"),
    ),
)
"""Where a finding stands in the loop, from found to fixed (or closed without a fix)."""

CAMPAIGN_CHANNELS: Final = (
    Choice("video", "Video", "Видео", "Видео", ("video", "видео", "youtube", "ютуб")),
    Choice(
        "social",
        "Social network",
        "Соцсети",
        "Социалдык тармактар",
        ("social", "social network", "соцсети", "социальные сети", "социалдык тармак"),
    ),
    Choice("press", "Press", "Пресса", "Басма сөз", ("press", "пресса", "сми", "басма сөз", "жмк")),
    Choice("event", "Event", "Мероприятие", "Иш-чара", ("event", "мероприятие", "иш-чара")),
)
"""Where a campaign's message was carried."""

FINDINGS: Final = Tab(
    name="findings",
    help_en=(
        "Community-led monitoring: one row per problem found, from the finding to its fix. "
        "Name no person: a site, a service and a count only."
    ),
    help_ru=(
        "Мониторинг силами сообществ: одна строка на выявленную проблему, от находки до её "
        "решения. Без имён людей: только учреждение, служба и число."
    ),
    aliases=("находки", "проблемы", "мониторинг", "табылгалар", "көйгөйлөр", "monitoring"),
    required=False,
    unique_key=("id",),
    columns=(
        _col(
            "id",
            "id",
            "Short id, e.g. F-001, used in the actions tab.",
            "Короткий код, например F-001, как во вкладке actions.",
            "код",
            "finding id",
            "код находки",
            required=True,
            not_null=True,
            example="F-001",
        ),
        _col(
            "date_found",
            "date",
            "Date the problem was found.",
            "Дата выявления проблемы.",
            "date found",
            "дата выявления",
            "выявлено",
            "табылган күнү",
            required=True,
            not_null=True,
            example="14.02.2025",
        ),
        _col(
            "round",
            "period",
            "Monitoring round: the quarter, e.g. 2025-Q1.",
            "Раунд мониторинга: квартал, например 2025-Q1.",
            "monitoring round",
            "раунд",
            "раунд мониторинга",
            "мониторинг раунду",
            "квартал",
            required=True,
            example="2025-Q1",
        ),
        _col(
            "region",
            "region",
            REGION_HELP_EN,
            REGION_HELP_RU,
            "регион",
            "область",
            "аймак",
            "oblast",
            required=True,
            example="Chuy",
        ),
        _col(
            "community",
            "enum",
            "Community affected, or 'all'.",
            "Затронутое сообщество или «все».",
            "сообщество",
            "жамаат",
            choices=COMMUNITIES,
            example="pwid",
        ),
        _col(
            "category",
            "enum",
            "stock-out, service closed, refusal, police, quality of care or other.",
            "нехватка, служба закрыта, отказ, полиция, качество помощи или другое.",
            "категория",
            "тип проблемы",
            "категориясы",
            "түрү",
            required=True,
            choices=FINDING_CATEGORIES,
            example="stock-out",
        ),
        _col(
            "site",
            "text",
            "Site or service, e.g. 'OST site, Tokmok' (no names of people).",
            "Учреждение или служба, например «Пункт ОЗТ, Токмок» (без имён людей).",
            "site or service",
            "service",
            "учреждение",
            "учреждение или служба",
            "мекеме",
            example="OST site, Tokmok",
        ),
        _col(
            "severity",
            "integer",
            "1 (minor), 2 (serious) or 3 (people cannot get the service).",
            "1 (незначительно), 2 (серьёзно) или 3 (люди не могут получить услугу).",
            "серьезность",
            "тяжесть",
            "оордугу",
            minimum=1,
            maximum=3,
            example="2",
        ),
        _col(
            "people_affected",
            "integer",
            "How many people are affected (a count; small counts are never shown).",
            "Сколько человек затронуто (число; малые числа не показываются).",
            "people affected",
            "затронуто человек",
            "число затронутых",
            "жабыркагандар",
            minimum=0,
            example="35",
        ),
        _col(
            "evidence",
            "text",
            "An indicator id from the catalog, a link, or a short note.",
            "Код показателя из каталога, ссылка или короткая заметка.",
            "доказательство",
            "подтверждение",
            "далил",
            example="ost_coverage",
        ),
        _col(
            "milestone_id",
            "id",
            "Linked milestone id from the milestones tab, if any.",
            "Связанный этап из вкладки milestones, если есть.",
            "milestone",
            "linked milestone",
            "этап",
            "этап стратегии",
            example="M-03",
        ),
        _col(
            "duty_bearer",
            "text",
            "Who must fix it: the clinic, oblast health department, Ministry, Ombudsman or CCM.",
            "Кто должен решить: учреждение, облздрав, Минздрав, Омбудсмен или СКК.",
            "duty bearer",
            "ответственный",
            "ответственная сторона",
            "жооптуу тарап",
            required=True,
            example="Chuy oblast health department",
        ),
        _col(
            "level",
            "enum",
            "site, oblast, national or CCM: how high it has been taken.",
            "учреждение, область, национальный или СКК: куда передано.",
            "escalation level",
            "уровень",
            "уровень эскалации",
            "деңгээл",
            choices=ESCALATION_LEVELS,
            example="oblast",
        ),
        _col(
            "date_raised",
            "date",
            "Date it was raised with the duty bearer.",
            "Дата обращения к ответственному.",
            "date raised",
            "дата обращения",
            "кайрылган күнү",
            example="20.02.2025",
        ),
        _col(
            "response_due",
            "date",
            "Date by which the duty bearer should respond.",
            "Срок ответа ответственного.",
            "response due",
            "due",
            "срок ответа",
            "жооп мөөнөтү",
            example="20.03.2025",
        ),
        _col(
            "status",
            "enum",
            "open, raised, committed, resolved, not resolved / escalated or closed without action.",
            "открыто, передано, есть обязательство, решено, не решено / эскалация или закрыто "
            "без мер.",
            "статус",
            "абалы",
            required=True,
            not_null=True,
            choices=FINDING_STATUSES,
            example="raised",
        ),
        _col(
            "date_resolved",
            "date",
            "Date it was resolved.",
            "Дата решения.",
            "date resolved",
            "дата решения",
            "чечилген күнү",
            example="15.04.2025",
        ),
        _col(
            "verified_round",
            "period",
            "The round in which monitors checked the fix, e.g. 2025-Q2.",
            "Раунд, в котором мониторы проверили решение, например 2025-Q2.",
            "verified in round",
            "проверено в раунде",
            "текшерилген раунд",
            example="2025-Q2",
        ),
        _col(
            "verified_held",
            "bool",
            "At that round, did the fix hold? yes or no; empty until checked.",
            "В том раунде решение сохранилось? да или нет; пусто, пока не проверено.",
            "fix held",
            "verified held",
            "решение сохранилось",
            "сакталдыбы",
            example="yes",
        ),
    ),
)

ACTIONS: Final = Tab(
    name="actions",
    help_en=(
        "What happened to each finding, one row per step, oldest first. Add rows; never change "
        "old ones. A finding's status is its latest row's new status, when it has one."
    ),
    help_ru=(
        "Что происходило с каждой находкой, одна строка на шаг. Только добавляйте строки, "
        "старые не меняйте. Статус находки — новый статус её последней строки, если он указан."
    ),
    aliases=("действия", "история", "аракеттер", "actions log"),
    required=False,
    columns=(
        _col(
            "finding_id",
            "id",
            "Finding id from the findings tab.",
            "Код находки из вкладки findings.",
            "finding id",
            "finding",
            "находка",
            "код находки",
            "табылга",
            required=True,
            not_null=True,
            example="F-001",
        ),
        _col(
            "date",
            "date",
            "Date of the step.",
            "Дата шага.",
            "дата",
            "күнү",
            required=True,
            not_null=True,
            example="20.02.2025",
        ),
        _col(
            "action",
            "text",
            "What was done, e.g. 'Letter to the oblast health department'.",
            "Что сделано, например «Письмо в облздрав».",
            "what was done",
            "действие",
            "что сделано",
            "аракет",
            required=True,
            example="Letter to the oblast health department",
        ),
        _col(
            "by",
            "text",
            "The organisation that acted (no names of people).",
            "Организация, которая действовала (без имён людей).",
            "by whom",
            "organisation",
            "кто",
            "организация",
            "уюм",
            example="Coalition secretariat",
        ),
        _col(
            "response",
            "text",
            "The duty bearer's response, if any.",
            "Ответ ответственного, если есть.",
            "duty bearer's response",
            "ответ",
            "жооп",
        ),
        _col(
            "new_status",
            "enum",
            "The finding's status after this step, if it changed.",
            "Статус находки после этого шага, если изменился.",
            "new status",
            "новый статус",
            "статус",
            "жаңы абалы",
            choices=FINDING_STATUSES,
            example="committed",
        ),
    ),
)

CAMPAIGNS: Final = Tab(
    name="campaigns",
    help_en=(
        "Media campaigns: one row per measurement of a campaign's reach. Write the total so far "
        "(the counter's reading), not the views since the last row."
    ),
    help_ru=(
        "Медиакампании: одна строка на замер охвата кампании. Пишите общий итог на момент "
        "замера (показание счётчика), а не прирост с прошлой строки."
    ),
    aliases=("кампании", "медиакампании", "кампаниялар", "media"),
    required=False,
    columns=(
        _col(
            "campaign",
            "text",
            "Name of the campaign, the same in every row of it.",
            "Название кампании, одинаковое во всех её строках.",
            "кампания",
            "название кампании",
            "кампаниясы",
            required=True,
            not_null=True,
            example="No to hate speech",
        ),
        _col(
            "channel",
            "enum",
            "video, social network, press or event.",
            "видео, соцсети, пресса или мероприятие.",
            "канал",
            "каналы",
            choices=CAMPAIGN_CHANNELS,
            example="video",
        ),
        _col(
            "time",
            "datetime",
            "When it was measured (Bishkek time); a date alone means midnight.",
            "Когда сделан замер (время Бишкека); дата без времени — полночь.",
            "date",
            "datetime",
            "время",
            "дата",
            "убакыт",
            "күнү",
            required=True,
            not_null=True,
            example="03.10.2025 18:00",
        ),
        _col(
            "reach",
            "integer",
            "Views or reach so far: the counter's total at that time.",
            "Просмотры или охват на момент замера: общий итог счётчика.",
            "views",
            "просмотры",
            "охват",
            "көрүүлөр",
            "камтуу",
            required=True,
            not_null=True,
            minimum=0,
            example="150 000",
        ),
        _col(
            "shares",
            "integer",
            "Shares or reposts so far, if known.",
            "Репосты на момент замера, если известны.",
            "reposts",
            "репосты",
            "бөлүшүүлөр",
            minimum=0,
            example="2 300",
        ),
        _col(
            "target",
            "integer",
            "The campaign's reach target, if it has one.",
            "Цель кампании по охвату, если есть.",
            "цель",
            "максат",
            minimum=0,
            example="100 000",
        ),
    ),
)

# --- Check-ins from the dashboard -----------------------------------------------------------

UPDATE_FIELDS: Final = (
    Choice("status", "Status", "Статус", "Абалы", ("статус", "абал")),
    Choice("progress", "Progress", "Прогресс", "Аткарылышы", ("прогресс", "выполнение")),
    Choice("due", "Due date", "Срок", "Мөөнөтү", ("due date", "срок", "дата срока", "мөөнөт")),
    Choice("note", "Note", "Примечание", "Эскертүү", ("notes", "примечание", "комментарий")),
    Choice("response", "Response", "Ответ", "Жооп", ("ответ", "жооп", "answer")),
)
"""What a check-in from the dashboard may change (the ``field`` of an ``updates`` row)."""

UPDATES: Final = Tab(
    name="updates",
    help_en=(
        "Check-ins saved from the dashboard at a meeting: one row per change, appended by the "
        "app and never edited. To correct one, edit the milestone or finding itself."
    ),
    help_ru=(
        "Отметки, сохранённые на панели во время встречи: одна строка на изменение; строки "
        "добавляет панель, их не правят. Чтобы исправить, правьте сам этап или находку."
    ),
    aliases=("обновления", "отметки", "жаңылоолор", "check-ins", "checkins"),
    required=False,
    columns=(
        _col(
            "update_id",
            "id",
            "A unique id the dashboard gives each check-in (a retried save repeats it).",
            "Уникальный код отметки (повторная отправка повторяет его).",
            "update id",
            "код обновления",
            "жаңылоо коду",
            required=True,
            not_null=True,
            example="6f1c2d1e-8a0b-4c55-9d3e-2b7f4a1c0e99",
        ),
        _col(
            "time_utc",
            "datetime",
            "When it was saved, in UTC.",
            "Когда сохранено, по UTC.",
            "time (utc)",
            "время utc",
            "убакыт utc",
            required=True,
            not_null=True,
            example="2026-03-20 08:32:05",
        ),
        _col(
            "time_local",
            "datetime",
            "The same moment in Bishkek time.",
            "То же время по Бишкеку.",
            "time (bishkek)",
            "время бишкек",
            "бишкек убактысы",
            example="2026-03-20 14:32:05",
        ),
        _col(
            "who",
            "id",  # the signed-in editor's address, as the allow-list names them
            "The e-mail of the editor who saved it, or 'open mode'.",
            "Адрес электронной почты редактора, который сохранил, или «open mode».",
            "кто",
            "ким",
            "author",
            required=True,
            not_null=True,
            example="amina@example.org",
        ),
        _col(
            "target",
            "id",
            "The milestone id or finding id it changes.",
            "Код этапа или находки, которую меняет.",
            "что",
            "объект",
            "эмне",
            required=True,
            not_null=True,
            example="M-05",
        ),
        _col(
            "field",
            "enum",
            "status, progress, due date, note or response.",
            "статус, прогресс, срок, примечание или ответ.",
            "поле",
            "талаа",
            required=True,
            not_null=True,
            choices=UPDATE_FIELDS,
            example="status",
        ),
        _col(
            "old_value",
            "text",
            "The value as the dashboard showed it before.",
            "Значение, которое панель показывала до этого.",
            "old value",
            "было",
            "мурунку маани",
        ),
        _col(
            "new_value",
            "text",
            "The new value.",
            "Новое значение.",
            "new value",
            "стало",
            "жаңы маани",
        ),
    ),
)

TABS: Final = (
    INDICATORS,
    CATALOG,
    ELECTIONS,
    VOTES,
    MILESTONES,
    MEMBERS,
    FINDINGS,
    ACTIONS,
    CAMPAIGNS,
    UPDATES,
)
TABS_BY_NAME: Final[Mapping[str, Tab]] = {tab.name: tab for tab in TABS}

# Votes, elections and milestones belong to their own pages: a workbook without them still shows
# programme access. Only the indicators and their catalog are needed by every page.
CORE_TABS: Final = frozenset({"indicators", "catalog"})

CASCADE_STEPS: Final = (1, 2, 3)


# --- Matching what editors write ------------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")


def normalise_label(text: object) -> str:
    """Fold a header or value for matching: case, ё/е, underscores, dashes and stray spaces."""
    folded = unicodedata.normalize("NFKC", str(text)).casefold().replace("ё", "е")
    folded = folded.replace("_", " ").replace("–", "-").replace("—", "-")
    return _SPACES.sub(" ", folded).strip()


def normalise_id(text: object) -> str:
    """Fold an id for matching: case and stray spaces only (underscores and dashes are kept)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", str(text)).casefold()).strip()


def _choice_lookup(choices: tuple[Choice, ...]) -> dict[str, tuple[str, ...]]:
    """Every accepted spelling of a choice -> the keys it names, in contract order (more than
    one when two choices share a spelling: then the first is read, and the parser warns).
    The names in the catalogues count, and so do the drafts they were made from."""
    from utils.sheet.texts import spellings  # texts reads this module's lists of values

    table: dict[str, tuple[str, ...]] = {}
    for choice in choices:
        for spelling in (*spellings(choice), choice.ru, choice.ky):
            label = normalise_label(spelling)
            if choice.key not in table.get(label, ()):
                table[label] = (*table.get(label, ()), choice.key)
    return table


_CHOICE_TABLES: dict[tuple[Choice, ...], dict[str, tuple[str, ...]]] = {}


def choice_candidates(column: Column, text: object) -> tuple[str, ...]:
    """Every choice key ``text`` names in an enumerated column, the chosen one first."""
    table = _CHOICE_TABLES.get(column.choices)
    if table is None:
        table = _CHOICE_TABLES[column.choices] = _choice_lookup(column.choices)
    return table.get(normalise_label(text), ())


def match_choice(column: Column, text: object) -> str | None:
    """The choice key for ``text`` in an enumerated column, or None when it is not allowed."""
    found = choice_candidates(column, text)
    return found[0] if found else None


def header_lookup(tab: Tab) -> dict[str, str]:
    """Every accepted header spelling of ``tab`` -> canonical column name."""
    table: dict[str, str] = {}
    for col in tab.columns:
        for spelling in (col.name, *col.aliases):
            table.setdefault(normalise_label(spelling), col.name)
    return table


def match_tab(title: str) -> Tab | None:
    """The contract tab a source tab title stands for, or None."""
    label = normalise_label(title)
    for tab in TABS:
        if label in {normalise_label(s) for s in (tab.name, *tab.aliases)}:
            return tab
    return None


def choice_name(choices: tuple[Choice, ...], key: str, lang: str) -> str:
    """Display name of ``key`` among ``choices`` in ``lang``; the key itself when unknown."""
    for choice in choices:
        if choice.key == key:
            return choice.name(lang)
    return key


def column_letter(index: int) -> str:
    """Zero-based column index -> spreadsheet letters (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def a1(row: int, col_index: int) -> str:
    """A1 reference of a cell, with ``row`` 1-based as in the sheet and ``col_index`` 0-based."""
    return f"{column_letter(col_index)}{row}"
