"""What the pages say about the data source: why a read failed, what still works, what to do,
and when the next try is (composed by utils/views/freshness.py)."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- The cause: one sentence per reason code (SourceError.reason).
    "source.cause.quota": {
        "en": "Google Sheets' read quota is used up for the moment (too many requests).",
        "ru": "Квота чтения Google Sheets на время исчерпана (слишком много запросов).",
        "ky": "Google Sheets'тин окуу квотасы убактылуу түгөндү (суроолор өтө көп).",
    },
    "source.cause.timeout": {
        "en": "Google Sheets did not answer in time.",
        "ru": "Google Sheets не ответил вовремя.",
        "ky": "Google Sheets убагында жооп берген жок.",
    },
    "source.cause.unavailable": {
        "en": "Google Sheets could not be reached, or it is having trouble.",
        "ru": "Не удалось связаться с Google Sheets, или у сервиса сбой.",
        "ky": "Google Sheets менен байланышуу мүмкүн болгон жок, же кызматта үзгүлтүк бар.",
    },
    "source.cause.forbidden": {
        "en": "Google did not let the dashboard read the sheet.",
        "ru": "Google не разрешил панели прочитать таблицу.",
        "ky": "Google панелге таблицаны окууга уруксат берген жок.",
    },
    "source.cause.not_found": {
        "en": "The spreadsheet or file named in the settings was not found.",
        "ru": "Таблица или файл, указанные в настройках, не найдены.",
        "ky": "Жөндөөлөрдө аталган таблица же файл табылган жок.",
    },
    "source.cause.malformed": {
        "en": "The data source answered with something that is not spreadsheet data.",
        "ru": "Источник данных ответил чем-то, что не похоже на таблицу.",
        "ky": "Маалымат булагы таблицага окшобогон жооп берди.",
    },
    "source.cause.config": {
        "en": "The settings of the data source are incomplete or wrong.",
        "ru": "Настройки источника данных неполны или неверны.",
        "ky": "Маалымат булагынын жөндөөлөрү толук эмес же туура эмес.",
    },
    "source.cause.missing_file": {
        "en": "A file named in the settings does not exist.",
        "ru": "Файл, указанный в настройках, не существует.",
        "ky": "Жөндөөлөрдө аталган файл жок.",
    },
    "source.cause.tab_missing": {
        "en": "A tab the dashboard needs is missing from the sheet; it may have been renamed.",
        "ru": "В таблице нет вкладки, которая нужна панели; возможно, её переименовали.",
        "ky": "Таблицада панелге керектүү барак жок; балким, анын аты өзгөртүлгөн.",
    },
    "source.cause.unexpected": {
        "en": "The data could not be read because of an unexpected error; it has been logged on the server.",
        "ru": "Данные не удалось прочитать из-за непредвиденной ошибки; она записана на сервере.",
        "ky": "Күтүлбөгөн катадан улам маалыматтар окулган жок; ката серверде жазылды.",
    },
    "source.cause.other": {
        "en": "The data source could not be read.",
        "ru": "Источник данных не удалось прочитать.",
        "ky": "Маалымат булагын окуу мүмкүн болгон жок.",
    },
    # --- What to do: by who can fix it.
    "source.action.passing": {
        "en": "This usually passes by itself; nobody needs to do anything.",
        "ru": "Обычно это проходит само; делать ничего не нужно.",
        "ky": "Адатта бул өзү эле өтүп кетет; эч нерсе кылуунун кереги жок.",
    },
    "source.action.maintainer": {
        "en": "The person who maintains the dashboard needs to fix this. Details: {detail}",
        "ru": "Это должен исправить администратор панели. Подробности: {detail}",
        "ky": "Муну панелдин администратору оңдошу керек. Толугураак: {detail}",
    },
    "source.action.editor": {
        "en": "An editor of the sheet needs to fix this. Details: {detail}",
        "ru": "Это должен исправить редактор таблицы. Подробности: {detail}",
        "ky": "Муну таблицанын редактору оңдошу керек. Толугураак: {detail}",
    },
    "source.action.persisting": {
        "en": "If this keeps happening, tell the person who maintains the dashboard.",
        "ru": "Если это повторяется, сообщите администратору панели.",
        "ky": "Эгер бул кайталана берсе, панелдин администраторуна билдириңиз.",
    },
    "source.action.persisting_detail": {
        "en": "If this keeps happening, tell the person who maintains the dashboard. Details: {detail}",
        "ru": "Если это повторяется, сообщите администратору панели. Подробности: {detail}",
        "ky": "Эгер бул кайталана берсе, панелдин администраторуна билдириңиз. Толугураак: {detail}",
    },
    # --- When the next try is.
    "source.next.at": {
        "en": "Next try {relative}: {when}.",
        "ru": "Следующая попытка {relative}: {when}.",
        "ky": "Кийинки аракет {relative}: {when}.",
    },
    "source.next.reading": {
        "en": "A new try is under way.",
        "ru": "Новая попытка уже идёт.",
        "ky": "Жаңы аракет жүрүп жатат.",
    },
    "source.next.restart": {
        "en": "The settings are read when the dashboard starts: it needs a restart after the fix.",
        "ru": "Настройки читаются при запуске панели: после исправления её нужно перезапустить.",
        "ky": "Жөндөөлөр панель иштей баштаганда окулат: оңдогондон кийин аны кайра иштетүү керек.",
    },
    "source.just_now": {"en": "just now", "ru": "только что", "ky": "жаңы эле"},
    # --- The states a page can be in.
    "source.stale": {
        "en": "Showing the last good copy of the data, saved {ago}, on {when}; every page works from it. Why: {cause} {action} {next}",
        "ru": "Показана последняя исправная копия данных, сохранённая {ago}, {when}; все страницы работают с ней. Причина: {cause} {action} {next}",
        "ky": "Маалыматтардын {ago}, {when} сакталган акыркы туура көчүрмөсү көрсөтүлүүдө; бардык барактар аны менен иштейт. Себеби: {cause} {action} {next}",
    },
    "source.checking": {
        "en": "Showing the copy of the data saved {ago}, on {when}, while the data source is read again; a note appears here when the read has ended.",
        "ru": "Показана копия данных, сохранённая {ago}, {when}, пока источник данных читается заново; когда чтение закончится, здесь появится заметка.",
        "ky": "Маалыматтардын {ago}, {when} сакталган көчүрмөсү көрсөтүлүүдө, булак кайра окулуп жатат; окуу бүткөндө бул жерде эскертме пайда болот.",
    },
    "source.no_data": {
        "en": "No data can be shown yet, and there is no saved copy to show instead. Why: {cause} {action} {next}",
        "ru": "Данные пока нельзя показать, и сохранённой копии, чтобы показать вместо них, нет. Причина: {cause} {action} {next}",
        "ky": "Маалыматтарды азырынча көрсөтүүгө болбойт, алардын ордуна көрсөтө турган сакталган көчүрмө да жок. Себеби: {cause} {action} {next}",
    },
    "source.no_data_reading": {
        "en": "No data can be shown yet: reading the data source has taken {duration} so far and has not finished. The dashboard keeps reading it in the background; this page shows the data as soon as they arrive.",
        "ru": "Данные пока нельзя показать: чтение источника данных идёт уже {duration} и ещё не закончено. Панель продолжает чтение в фоне; страница покажет данные, как только они придут.",
        "ky": "Маалыматтарды азырынча көрсөтүүгө болбойт: маалымат булагын окуу {duration} бою созулуп, али бүтө элек. Панель аны фондо окууну улантууда; маалыматтар келери менен бул барак аларды көрсөтөт.",
    },
    "source.read_done": {
        "en": "The data source has been read again. Reload the page, or change any filter, to see the result.",
        "ru": "Источник данных прочитан заново. Обновите страницу или измените любой фильтр, чтобы увидеть результат.",
        "ky": "Маалымат булагы кайра окулду. Жыйынтыкты көрүү үчүн баракты жаңылаңыз же каалаган чыпканы өзгөртүңүз.",
    },
    "source.no_data_none": {
        "en": "No data can be shown yet.",
        "ru": "Данные пока нельзя показать.",
        "ky": "Маалыматтарды азырынча көрсөтүүгө болбойт.",
    },
}
