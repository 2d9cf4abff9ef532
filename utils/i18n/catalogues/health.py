"""Messages of the health area: {key: {"en": …, "ru": …, "ky": …}}.

``problem.<code>`` says what an editor should write instead, one key per problem code the
parser emits (utils/sheet/parse.py, utils/sheet/cells.py, utils/sheet/schemas.py). Placeholders are filled by
``utils.editors.check.expected_text``.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # --- What is expected, per problem code ------------------------------------------------
    "problem.sheet_error": {
        "en": "A value, not a spreadsheet error: fix the formula in this cell.",
        "ru": "Значение, а не ошибка таблицы: исправьте формулу в этой ячейке.",
        "ky": "Таблицанын катасы эмес, маани: бул уячадагы формуланы оңдоңуз.",
    },
    "problem.not_a_number": {
        "en": "A number, such as 12,5 or 1 234.",
        "ru": "Число, например 12,5 или 1 234.",
        "ky": "Сан, мисалы 12,5 же 1 234.",
    },
    "problem.date_in_number": {
        "en": "A number, not a date: the sheet turned this value into a date. Give the cell a number format (Format → Number) and type the number again.",
        "ru": "Число, а не дата: таблица превратила это значение в дату. Задайте ячейке числовой формат (Формат → Числа) и введите число заново.",
        "ky": "Дата эмес, сан: таблица бул маанини датага айлантып жиберди. Уячага сан форматын коюп (Формат → Сандар), санды кайра жазыңыз.",
    },
    "problem.percent_as_fraction": {
        "en": "Read as typed: a number from 0 to 1 without a percent sign is that many percent (0.45 is 0.45%). If a hundred times more was meant (45%), type 45 or 45%.",
        "ru": "Прочитано как написано: число от 0 до 1 без знака процента — это столько процентов (0,45 — это 0,45 %). Если имелось в виду в сто раз больше (45 %), введите 45 или 45%.",
        "ky": "Жазылгандай окулду: пайыз белгиси жок 0дон 1ге чейинки сан ошончо пайызды билдирет (0,45 — бул 0,45 %). Эгер жүз эсе көбү (45 %) айтылса, 45 же 45% деп жазыңыз.",
    },
    "problem.ambiguous_number": {
        "en": "A number that reads only one way: 1,234 may be a little over one or over a thousand. Write 1234 or 1 234 for a whole number, 1,5 for a fraction.",
        "ru": "Число, которое читается однозначно: 1,234 может быть и чуть больше единицы, и больше тысячи. Пишите 1234 или 1 234 для целого, 1,5 для дроби.",
        "ky": "Бир гана мааниде окула турган сан: 1,234 бирден бир аз көп да, миңден көп да болушу мүмкүн. Бүтүн сан үчүн 1234 же 1 234, бөлчөк үчүн 1,5 деп жазыңыз.",
    },
    "problem.not_whole": {
        "en": "A whole number, such as 12.",
        "ru": "Целое число, например 12.",
        "ky": "Бүтүн сан, мисалы 12.",
    },
    "problem.out_of_range": {
        "en": "A value {bounds}.",
        "ru": "Значение {bounds}.",
        "ky": "Маани {bounds}.",
    },
    "problem.not_allowed": {
        "en": "One of: {allowed}.",
        "ru": "Одно из: {allowed}.",
        "ky": "Булардын бири: {allowed}.",
    },
    "problem.not_a_date": {
        "en": "A date such as 01.02.2025 or 2025-02-01.",
        "ru": "Дата, например 01.02.2025 или 2025-02-01.",
        "ky": "Дата, мисалы 01.02.2025 же 2025-02-01.",
    },
    "problem.ambiguous_date": {
        "en": "A date that can be read only one way: 01/02/2025 may be 1 February or 2 January. Write 01.02.2025 (day first) or 2025-02-01.",
        "ru": "Дата, которая читается однозначно: 01/02/2025 может быть 1 февраля или 2 января. Пишите 01.02.2025 (сначала день) или 2025-02-01.",
        "ky": "Бир гана мааниде окула турган дата: 01/02/2025 — 1-февраль же 2-январь болушу мүмкүн. 01.02.2025 (адегенде күн) же 2025-02-01 деп жазыңыз.",
    },
    "problem.two_digit_year": {
        "en": "A year with four digits, such as 01.02.2025.",
        "ru": "Год из четырёх цифр, например 01.02.2025.",
        "ky": "Төрт цифралуу жыл, мисалы 01.02.2025.",
    },
    "problem.not_a_period": {
        "en": "A year (2025), a quarter (2025-Q3) or a month (2025-03).",
        "ru": "Год (2025), квартал (2025-Q3) или месяц (2025-03).",
        "ky": "Жыл (2025), чейрек (2025-Q3) же ай (2025-03).",
    },
    "problem.unknown_region": {
        "en": "One of the nine regions or National, e.g. Chuy, Чуйская область, Bishkek city.",
        "ru": "Одна из девяти единиц или «Национальный», например Чуйская область, г. Бишкек, Chuy.",
        "ky": "Тогуз аймактын бири же «Улуттук», мисалы Чүй облусу, Бишкек шаары, Chuy.",
    },
    "problem.ambiguous_region": {
        "en": "A name that fits more than one unit ({units}). It is read as {chosen}; to say which, write {spellings}.",
        "ru": "Название подходит к нескольким единицам ({units}). Прочитано как {chosen}; чтобы указать точно, напишите {spellings}.",
        "ky": "Бул аталыш бир нече бирдикке туура келет ({units}). {chosen} катары окулду; так көрсөтүү үчүн {spellings} деп жазыңыз.",
    },
    "problem.ambiguous_choice": {
        "en": "A spelling that fits more than one allowed value ({units}). It is read as {chosen}; to say which, write {spellings}.",
        "ru": "Написание подходит к нескольким допустимым значениям ({units}). Прочитано как {chosen}; чтобы указать точно, напишите {spellings}.",
        "ky": "Бул жазылыш бир нече уруксат берилген мааниге туура келет ({units}). {chosen} катары окулду; так көрсөтүү үчүн {spellings} деп жазыңыз.",
    },
    "problem.not_boolean": {
        "en": "yes or no (да / нет, ооба / жок also work).",
        "ru": "да или нет (можно yes / no, ооба / жок).",
        "ky": "ооба же жок (да / нет, yes / no да болот).",
    },
    "problem.required_missing": {
        "en": "A value in the column “{column}”.",
        "ru": "Значение в столбце «{column}».",
        "ky": "«{column}» мамычасында маани.",
    },
    "problem.header_missing": {
        "en": "A column named “{column}” in the header row ({help}). Until it is added, this tab is not read.",
        "ru": "Столбец «{column}» в строке заголовков ({help}). Пока его нет, вкладка не читается.",
        "ky": "Баш саптагы «{column}» мамычасы ({help}). Ал кошулмайынча, бул барак окулбайт.",
    },
    "problem.header_unknown": {
        "en": "A column name the dashboard knows ({columns}). This column is ignored.",
        "ru": "Название столбца, известное панели ({columns}). Этот столбец не учитывается.",
        "ky": "Панелге белгилүү мамычанын аталышы ({columns}). Бул мамыча эсепке алынбайт.",
    },
    "problem.header_duplicate": {
        "en": "The column “{column}” only once. This second column is ignored.",
        "ru": "Столбец «{column}» только один раз. Этот второй столбец не учитывается.",
        "ky": "«{column}» мамычасы бир гана жолу. Бул экинчи мамыча эсепке алынбайт.",
    },
    "problem.header_blank": {
        "en": "A column name: the values under a blank header are not used.",
        "ru": "Название столбца: значения под пустым заголовком не используются.",
        "ky": "Мамычанын аталышы: бош баш аттын астындагы маанилер колдонулбайт.",
    },
    "problem.tab_missing": {
        "en": "A tab named “{tab}” ({help}).",
        "ru": "Вкладка с названием «{tab}» ({help}).",
        "ky": "«{tab}» деп аталган барак ({help}).",
    },
    "problem.tab_empty": {
        "en": "A header row and data below it.",
        "ru": "Строка заголовков и данные под ней.",
        "ky": "Баш сап жана анын астында маалыматтар.",
    },
    "problem.tab_duplicate": {
        "en": "Only one tab for “{tab}”: the first is used, this one is ignored.",
        "ru": "Только одна вкладка для «{tab}»: используется первая, эта не учитывается.",
        "ky": "«{tab}» үчүн бир гана барак: биринчиси колдонулат, бул эсепке алынбайт.",
    },
    "problem.unknown_indicator": {
        "en": "An indicator id listed in the catalog tab.",
        "ru": "Код показателя из вкладки catalog.",
        "ky": "catalog барагындагы көрсөткүчтүн коду.",
    },
    "problem.unknown_election": {
        "en": "An election id listed in the elections tab.",
        "ru": "Код выборов из вкладки elections.",
        "ky": "elections барагындагы шайлоонун коду.",
    },
    "problem.numerator_above_denominator": {
        "en": "A numerator no larger than the denominator ({denominator}). Neither of the two is used.",
        "ru": "Числитель не больше знаменателя ({denominator}). Ни одно из двух чисел не используется.",
        "ky": "Бөлүмдөн ({denominator}) чоң эмес алым. Бул эки сандын бири да колдонулбайт.",
    },
    "problem.percent_out_of_range": {
        "en": "A percentage from 0 to 100.",
        "ru": "Процент от 0 до 100.",
        "ky": "0дон 100гө чейинки пайыз.",
    },
    "problem.value_mismatch": {
        "en": "{computed}, as computed from the numerator and denominator (that figure is used).",
        "ru": "{computed}, как получается из числителя и знаменателя (используется это число).",
        "ky": "{computed}, алым менен бөлүмдөн эсептелгендей (ушул сан колдонулат).",
    },
    "problem.no_value": {
        "en": "A value, or both a numerator and a denominator.",
        "ru": "Значение или числитель и знаменатель.",
        "ky": "Маани, же алым менен бөлүм экөө тең.",
    },
    "problem.duplicate_row": {
        "en": "Each row once: this is a copy of row {first}.",
        "ru": "Каждая строка один раз: это копия строки {first}.",
        "ky": "Ар бир сап бир жолу: бул {first}-саптын көчүрмөсү.",
    },
    "problem.duplicate_key": {
        "en": "One row per {key}: row {first} has the same.",
        "ru": "Одна строка на {key}: в строке {first} то же самое.",
        "ky": "Ар бир {key} үчүн бир сап: {first}-сапта ошол эле.",
    },
    "problem.jump": {
        "en": "A value near the previous period's {previous}: please check for a typo.",
        "ru": "Значение, близкое к прошлому периоду ({previous}): проверьте, нет ли опечатки.",
        "ky": "Мурунку мезгилге ({previous}) жакын маани: жаңылыш жазылбаганын текшериңиз.",
    },
    "problem.overdue_on_track": {
        "en": "Done, delayed or at risk: the due date has passed.",
        "ru": "«Выполнено», «отстаёт» или «под угрозой»: срок уже прошёл.",
        "ky": "«Аткарылды», «кечигүүдө» же «коркунучта»: мөөнөтү өтүп кетти.",
    },
    "problem.due_before_start": {
        "en": "A due date after the start date.",
        "ru": "Срок позже даты начала.",
        "ky": "Башталыш датасынан кийинки мөөнөт.",
    },
    "problem.unknown": {
        "en": "Please check this cell.",
        "ru": "Проверьте эту ячейку.",
        "ky": "Бул уячаны текшериңиз.",
    },
    # --- What became of a problem cell (one rule: blank the value, drop the row only when the
    # row cannot do without it) ------------------------------------------------------------------
    "health.outcome.value": {
        "en": "Value not used: the cell is read as empty; the rest of the row is used.",
        "ru": "Значение не использовано: ячейка считается пустой, остальная строка используется.",
        "ky": "Маани колдонулган жок: уяча бош деп окулат, саптын калганы колдонулат.",
    },
    "health.outcome.row_needs": {
        "en": "Row not used: a row cannot do without a valid “{column}”.",
        "ru": "Строка не использована: без правильного значения в «{column}» строку нельзя учесть.",
        "ky": "Сап колдонулган жок: «{column}» мамычасында туура маани болбосо, сапты эсепке алууга болбойт.",
    },
    "health.outcome.row_figure": {
        "en": "Row not used: it has no other figure (a value, or a numerator and a denominator).",
        "ru": "Строка не использована: другого числа в ней нет (значения или числителя и знаменателя).",
        "ky": "Сап колдонулган жок: анда башка сан жок (маани же алым менен бөлүм).",
    },
    "health.outcome.row": {
        "en": "Row not used.",
        "ru": "Строка не использована.",
        "ky": "Сап колдонулган жок.",
    },
    # --- Pieces used inside the messages above ------------------------------------------------
    "health.quoted": {"en": "“{text}”", "ru": "«{text}»", "ky": "«{text}»"},
    "health.bounds.between": {
        "en": "from {low} to {high}",
        "ru": "от {low} до {high}",
        "ky": "{low}дөн {high}гө чейин",
    },
    "health.bounds.at_least": {
        "en": "of {low} or more",
        "ru": "не меньше {low}",
        "ky": "{low} же андан көп",
    },
    "health.bounds.at_most": {
        "en": "of {high} or less",
        "ru": "не больше {high}",
        "ky": "{high} же андан аз",
    },
    # --- The Sheet health page ------------------------------------------------------------------
    "health.title": {
        "en": "Sheet health",
        "ru": "Проверка таблицы",
        "ky": "Таблицаны текшерүү",
    },
    "health.intro": {
        "en": "Everything the dashboard could not read, or read but finds suspicious, cell by cell. Fix the cell in the sheet, then press “Refresh now”.",
        "ru": "Всё, что панель не смогла прочитать или прочитала, но считает подозрительным, — по ячейкам. Исправьте ячейку в таблице и нажмите «Обновить сейчас».",
        "ky": "Панель окуй албаган же окуп, бирок шектүү деп тапкан нерселердин баары — уяча боюнча. Таблицадагы уячаны оңдоп, «Азыр жаңыртуу» баскычын басыңыз.",
    },
    "health.last_refresh": {
        "en": "Last refresh: {when}",
        "ru": "Последнее обновление: {when}",
        "ky": "Акыркы жаңыртуу: {when}",
    },
    "health.summary": {
        "en": "Errors: {errors} (values not used) · warnings: {warnings} (used, please check).",
        "ru": "Ошибок: {errors} (значения не использованы), предупреждений: {warnings} (использованы, но проверьте).",
        "ky": "Каталар: {errors} (маанилер колдонулган жок), эскертүүлөр: {warnings} (колдонулду, бирок текшериңиз).",
    },
    "health.all_clear": {
        "en": "No problems found: every value in the workbook was read.",
        "ru": "Проблем не найдено: все значения таблицы прочитаны.",
        "ky": "Көйгөй табылган жок: таблицадагы бардык маанилер окулду.",
    },
    "health.tabs_heading": {
        "en": "Tabs",
        "ru": "Вкладки",
        "ky": "Барактар",
    },
    "health.tab_summary": {
        "en": "{rows_read} rows read, {rows_used} used · errors: {errors}, warnings: {warnings}",
        "ru": "Прочитано строк: {rows_read}, использовано: {rows_used} · ошибок: {errors}, предупреждений: {warnings}",
        "ky": "Окулган саптар: {rows_read}, колдонулганы: {rows_used} · каталар: {errors}, эскертүүлөр: {warnings}",
    },
    "health.tab_absent": {
        "en": "not in the workbook",
        "ru": "нет в таблице",
        "ky": "таблицада жок",
    },
    "health.tab_title": {
        "en": "{tab} (in the sheet: “{title}”)",
        "ru": "{tab} (в таблице: «{title}»)",
        "ky": "{tab} (таблицада: «{title}»)",
    },
    "health.severity.error": {
        "en": "Errors: these values were not used (nor, where it says so, their rows)",
        "ru": "Ошибки: эти значения не использованы (а где сказано — и их строки)",
        "ky": "Каталар: бул маанилер колдонулган жок (көрсөтүлгөн жерде — алардын саптары да)",
    },
    "health.severity.warning": {
        "en": "Warnings: used, but please check",
        "ru": "Предупреждения: использованы, но проверьте",
        "ky": "Эскертүүлөр: колдонулду, бирок текшериңиз",
    },
    "health.col.cell": {"en": "Cell", "ru": "Ячейка", "ky": "Уяча"},
    "health.col.column": {"en": "Column", "ru": "Столбец", "ky": "Мамыча"},
    "health.col.value": {"en": "Value found", "ru": "Найдено", "ky": "Табылган маани"},
    "health.col.expected": {"en": "What is expected", "ru": "Что ожидается", "ky": "Эмне күтүлөт"},
    "health.col.outcome": {"en": "What happened", "ru": "Что сделано", "ky": "Эмне болду"},
    "health.col.link": {
        "en": "Open in the sheet",
        "ru": "Открыть в таблице",
        "ky": "Таблицада ачуу",
    },
    "health.col.severity": {"en": "Severity", "ru": "Важность", "ky": "Маанилүүлүгү"},
    "health.col.tab": {"en": "Tab", "ru": "Вкладка", "ky": "Барак"},
    "health.open": {"en": "open", "ru": "открыть", "ky": "ачуу"},
    "health.whole_tab": {"en": "whole tab", "ru": "вся вкладка", "ky": "бүт барак"},
    "health.empty_value": {"en": "(empty)", "ru": "(пусто)", "ky": "(бош)"},
    "health.error_word": {"en": "error", "ru": "ошибка", "ky": "ката"},
    "health.warning_word": {"en": "warning", "ru": "предупреждение", "ky": "эскертүү"},
    "health.template.heading": {
        "en": "Template workbook",
        "ru": "Шаблон таблицы",
        "ky": "Таблицанын үлгүсү",
    },
    "health.template.help": {
        "en": "An empty workbook with every tab and column, a note on each header, drop-down lists and a “How to fill this in” tab.",
        "ru": "Пустая таблица со всеми вкладками и столбцами, пояснением к каждому заголовку, выпадающими списками и вкладкой «Как заполнять».",
        "ky": "Бардык барактары жана мамычалары бар бош таблица: ар бир башка түшүндүрмө, ачылма тизмелер жана «Кантип толтуруу керек» барагы.",
    },
    "health.template.download": {
        "en": "Download the template (.xlsx)",
        "ru": "Скачать шаблон (.xlsx)",
        "ky": "Үлгүнү жүктөп алуу (.xlsx)",
    },
    "health.guide_hint": {
        "en": "The editors' guide (docs/EDITORS.md) lists every tab, column and accepted spelling.",
        "ru": "Руководство для редакторов (docs/EDITORS.md) описывает все вкладки, столбцы и допустимые написания.",
        "ky": "Редакторлор үчүн колдонмо (docs/EDITORS.md) бардык барактарды, мамычаларды жана кабыл алынган жазылыштарды сүрөттөйт.",
    },
    # --- The command-line report --------------------------------------------------------------
    "health.cli.source": {
        "en": "Checked: {source}",
        "ru": "Проверено: {source}",
        "ky": "Текшерилди: {source}",
    },
    "health.cli.unreadable": {
        "en": "The source could not be read: {reason}",
        "ru": "Источник не удалось прочитать: {reason}",
        "ky": "Булакты окуу мүмкүн болгон жок: {reason}",
    },
    "health.cli.strict_failed": {
        "en": "Warnings count as failures (--strict).",
        "ru": "Предупреждения считаются ошибками (--strict).",
        "ky": "Эскертүүлөр ката катары эсептелет (--strict).",
    },
}
