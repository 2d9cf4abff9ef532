"""The plotly.js locales: CLDR's names and marks, and the toolbar's tips from the catalogues."""

from __future__ import annotations

from utils.render.plotly_locale import TOOLBAR, plotly_config, plotly_locale
from utils.render.theme import PLOTLY_CONFIG


def test_kyrgyz_names_marks_and_tips() -> None:
    locale = plotly_locale("ky")
    names = locale["format"]
    assert names["shortMonths"][:3] == ["Янв", "Фев", "Мар"]
    assert names["months"][11] == "Декабрь"
    assert names["days"][:2] == ["жекшемби", "дүйшөмбү"]  # plotly's week starts on Sunday
    assert (names["decimal"], names["thousands"]) == (",", "\xa0")
    assert locale["dictionary"]["Reset axes"] == "Окторду баштапкы абалга келтирүү"
    assert (
        locale["dictionary"]["Download plot as a PNG"] == "Графикти PNG сүрөтү катары жүктөп алуу"
    )


def test_russian_month_names_are_the_nominative_an_axis_needs() -> None:
    names = plotly_locale("ru")["format"]
    assert names["months"][0] == "январь"  # not the genitive "января" of a date
    assert names["shortMonths"][1] == "февр."
    assert plotly_locale("ru")["dictionary"]["Zoom"] == "Масштаб"


def test_every_tip_is_translated_and_english_keeps_plotlys_own() -> None:
    for lang in ("ru", "ky"):
        dictionary = plotly_locale(lang)["dictionary"]
        assert set(dictionary) == set(TOOLBAR)
        assert all(text and text != english for english, text in dictionary.items()), lang
        config = plotly_config(lang)
        assert config["locale"] == lang and config["locales"][lang] is plotly_locale(lang)
        assert config["displaylogo"] is False
    assert plotly_config("en") == PLOTLY_CONFIG
