"""Messages shared by every page: navigation, the data banner, errors and empty states."""

MESSAGES: dict[str, dict[str, str]] = {
    "nav.overview": {"en": "Overview", "ru": "Обзор", "ky": "Жалпы көрүнүш"},
    "nav.access": {
        "en": "Program access",
        "ru": "Доступ к программам",
        "ky": "Программаларга жетүү",
    },
    "nav.votes": {"en": "Votes", "ru": "Голосование", "ky": "Добуш берүү"},
    "nav.strategy": {"en": "Strategy", "ru": "Стратегия", "ky": "Стратегия"},
    "nav.health": {"en": "Sheet health", "ru": "Проверка таблицы", "ky": "Таблицаны текшерүү"},
    "nav.presenter": {"en": "Presenter mode", "ru": "Режим презентации", "ky": "Көрсөтүү режими"},
    "nav.presenter_help": {
        "en": "Large type, no sidebar or tables: for screen sharing at meetings.",
        "ru": "Крупный шрифт, без боковой панели и таблиц: для показа на встречах.",
        "ky": "Чоң шрифт, каптал панелсиз жана таблицасыз: жолугушууларда көрсөтүү үчүн.",
    },
    "banner.sample": {
        "en": "Sample data: these figures are invented to show how the dashboard works.",
        "ru": "Пример данных: эти цифры придуманы, чтобы показать работу панели.",
        "ky": "Үлгү маалыматтар: бул сандар панелдин иштешин көрсөтүү үчүн ойлонуп табылган.",
    },
    "banner.as_of": {
        "en": "Data as of {when} · source: {source}",
        "ru": "Данные на {when} · источник: {source}",
        "ky": "Маалыматтар {when} абалы боюнча · булак: {source}",
    },
    "banner.sample_source": {
        "en": "sample workbook",
        "ru": "пример таблицы",
        "ky": "үлгү таблица",
    },
    "error.unexpected": {
        "en": "Something went wrong while drawing this part. It has been logged; the rest of the page still works.",
        "ru": "При построении этой части что-то пошло не так. Ошибка записана; остальная страница работает.",
        "ky": "Бул бөлүктү түзүүдө ката кетти. Ката жазылды; барактын калган бөлүгү иштейт.",
    },
    "empty.tab": {
        "en": "The workbook has no usable '{tab}' tab, so this part cannot be shown. The other pages keep working.",
        "ru": "В таблице нет пригодной вкладки «{tab}», поэтому эта часть не показана. Остальные страницы работают.",
        "ky": "Таблицада колдонууга жарактуу «{tab}» барагы жок, ошондуктан бул бөлүк көрсөтүлбөйт. Башка барактар иштейт.",
    },
    "action.refresh": {"en": "Refresh now", "ru": "Обновить сейчас", "ky": "Азыр жаңыртуу"},
    "refresh.wait": {
        "en": "The data were refreshed a moment ago. Try again in {seconds} s.",
        "ru": "Данные только что обновлялись. Повторите через {seconds} с.",
        "ky": "Маалыматтар жаңы эле жаңыртылды. {seconds} секунддан кийин кайталаңыз.",
    },
    "common.download_csv": {"en": "Download CSV", "ru": "Скачать CSV", "ky": "CSV жүктөп алуу"},
    "common.download_xlsx": {
        "en": "Download Excel",
        "ru": "Скачать Excel",
        "ky": "Excel жүктөп алуу",
    },
    "common.suppressed_note": {
        "en": "Counts below {k} are shown as “<{k}” to protect people; rates built on them are hidden.",
        "ru": "Числа меньше {k} показаны как «<{k}», чтобы защитить людей; доли на их основе скрыты.",
        "ky": "Адамдарды коргоо үчүн {k}дан аз сандар «<{k}» деп көрсөтүлөт; алардын негизиндеги үлүштөр жашырылган.",
    },
    "common.no_data": {"en": "No data", "ru": "Нет данных", "ky": "Маалымат жок"},
}
