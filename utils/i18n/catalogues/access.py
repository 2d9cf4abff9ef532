"""Messages of the access area: {key: {"en": …, "ru": …, "ky": …}}."""

MESSAGES: dict[str, dict[str, str]] = {
    "access.title": {
        "en": "Program access",
        "ru": "Доступ к программам",
        "ky": "Программаларга жетүү",
    },
    "access.no_indicators": {
        "en": "The workbook has no indicator with data yet, so there is nothing to explore.",
        "ru": "В таблице пока нет показателей с данными, поэтому показывать нечего.",
        "ky": "Таблицада азырынча маалыматы бар көрсөткүч жок, ошондуктан көрсөтө турган эч нерсе жок.",
    },
    # --- filters
    "access.filter_indicator": {"en": "Indicator", "ru": "Показатель", "ky": "Көрсөткүч"},
    "access.filter_communities": {"en": "Communities", "ru": "Сообщества", "ky": "Жамааттар"},
    "access.filter_regions": {"en": "Regions", "ru": "Регионы", "ky": "Аймактар"},
    "access.filter_periods": {"en": "Periods", "ru": "Периоды", "ky": "Мезгилдер"},
    "access.communities_placeholder": {
        "en": "All communities with data",
        "ru": "Все сообщества с данными",
        "ky": "Маалыматы бар бардык жамааттар",
    },
    "access.regions_placeholder": {
        "en": "All nine regions",
        "ru": "Все девять регионов",
        "ky": "Бардык тогуз аймак",
    },
    "access.regions_all": {
        "en": "Chosen regions",
        "ru": "Выбранные регионы",
        "ky": "Тандалган аймактар",
    },
    "access.series_total": {
        "en": "Chosen communities together",
        "ru": "Выбранные сообщества вместе",
        "ky": "Тандалган жамааттар бирге",
    },
    # --- the answer
    "access.answer_heading": {"en": "The answer", "ru": "Главное", "ky": "Негизгиси"},
    "access.answer_below": {
        "en": "In {period}, **{region}** is furthest below the target of {target}: {value}, {gap} short of it.",
        "ru": "В {period} дальше всего от цели {target} — **{region}**: {value}, на {gap} ниже цели.",
        "ky": "{period} мезгилинде {target} максатынан эң алыс — **{region}**: {value}, максаттан {gap} төмөн.",
    },
    "access.answer_above": {
        "en": "In {period}, **{region}** is furthest above the target of {target}: {value}, {gap} over it.",
        "ru": "В {period} дальше всего от цели {target} — **{region}**: {value}, на {gap} выше цели.",
        "ky": "{period} мезгилинде {target} максатынан эң алыс — **{region}**: {value}, максаттан {gap} жогору.",
    },
    "access.answer_all_met": {
        "en": "In {period}, every region shown meets the target of {target}; the closest to missing it is **{region}** at {value}.",
        "ru": "В {period} все показанные регионы достигают цели {target}; ближе всех к её недостижению — **{region}**: {value}.",
        "ky": "{period} мезгилинде көрсөтүлгөн бардык аймактар {target} максатына жетти; ага жетпей калууга эң жакыны — **{region}**: {value}.",
    },
    "access.answer_lowest": {
        "en": "This indicator has no target. In {period}, the lowest value is in **{region}**: {value}.",
        "ru": "У этого показателя нет цели. В {period} самое низкое значение — **{region}**: {value}.",
        "ky": "Бул көрсөткүчтүн максаты жок. {period} мезгилинде эң төмөнкү маани — **{region}**: {value}.",
    },
    "access.answer_highest": {
        "en": "This indicator has no target. In {period}, the highest value is in **{region}**: {value}.",
        "ru": "У этого показателя нет цели. В {period} самое высокое значение — **{region}**: {value}.",
        "ky": "Бул көрсөткүчтүн максаты жок. {period} мезгилинде эң жогорку маани — **{region}**: {value}.",
    },
    "access.change_better": {
        "en": "It has improved since {previous}: {before} then, {change}.",
        "ru": "С {previous} стало лучше: тогда было {before}, изменение {change}.",
        "ky": "{previous} мезгилинен бери жакшырды: ошондо {before} болчу, өзгөрүү {change}.",
    },
    "access.change_worse": {
        "en": "It has got worse since {previous}: {before} then, {change}.",
        "ru": "С {previous} стало хуже: тогда было {before}, изменение {change}.",
        "ky": "{previous} мезгилинен бери начарлады: ошондо {before} болчу, өзгөрүү {change}.",
    },
    "access.change_same": {
        "en": "It has not changed since {previous} ({before}).",
        "ru": "С {previous} не изменилось ({before}).",
        "ky": "{previous} мезгилинен бери өзгөргөн жок ({before}).",
    },
    "access.change_neutral": {
        "en": "In {previous} it was {before} ({change}).",
        "ru": "В {previous} было {before} (изменение {change}).",
        "ky": "{previous} мезгилинде {before} болчу (өзгөрүү {change}).",
    },
    "access.change_none": {
        "en": "There is no shown value for {previous} to compare with.",
        "ru": "Для сравнения нет показанного значения за {previous}.",
        "ky": "Салыштыруу үчүн {previous} мезгили боюнча көрсөтүлгөн маани жок.",
    },
    "access.answer_hidden": {
        "en": "Not ranked because their value is hidden to protect people: {regions}.",
        "ru": "Не участвуют в сравнении, так как их значение скрыто для защиты людей: {regions}.",
        "ky": "Адамдарды коргоо үчүн мааниси жашырылгандыктан салыштырууга кирген жок: {regions}.",
    },
    "access.answer_none": {
        "en": "No region has a value that can be shown for {period}.",
        "ru": "Ни у одного региона нет значения, которое можно показать за {period}.",
        "ky": "{period} мезгили боюнча көрсөтүүгө мүмкүн болгон мааниси бар аймак жок.",
    },
    "access.no_data": {
        "en": "There are no data for this indicator with the chosen communities and regions. Choose other filters.",
        "ru": "По этому показателю нет данных для выбранных сообществ и регионов. Выберите другие фильтры.",
        "ky": "Бул көрсөткүч боюнча тандалган жамааттар жана аймактар үчүн маалымат жок. Башка чыпкаларды тандаңыз.",
    },
    "access.pp": {"en": "{value} pp", "ru": "{value} п. п.", "ky": "{value} п. п."},
    # --- latest value
    "access.latest_heading": {
        "en": "Latest value",
        "ru": "Последнее значение",
        "ky": "Акыркы маани",
    },
    "access.metric_label": {
        "en": "{period}: chosen regions and communities",
        "ru": "{period}: выбранные регионы и сообщества",
        "ky": "{period}: тандалган аймактар жана жамааттар",
    },
    "access.metric_help": {
        "en": "Change compared with the previous period, {previous}.",
        "ru": "Изменение по сравнению с предыдущим периодом, {previous}.",
        "ky": "Мурунку мезгилге, {previous}, салыштырмалуу өзгөрүү.",
    },
    "access.metric_no_previous": {
        "en": "There is no earlier period to compare with.",
        "ru": "Нет более раннего периода для сравнения.",
        "ky": "Салыштыруу үчүн мурунку мезгил жок.",
    },
    "access.metric_target": {"en": "Target", "ru": "Цель", "ky": "Максат"},
    "access.metric_gap": {
        "en": "Distance to target",
        "ru": "До цели",
        "ky": "Максатка чейин",
    },
    # --- notes in words
    "access.note_pooling": {
        "en": "Rates for several regions or communities are pooled: the sum of numerators over the sum of denominators, never an average of percentages.",
        "ru": "Значения по нескольким регионам или сообществам объединяются как сумма числителей, делённая на сумму знаменателей, а не как среднее процентов.",
        "ky": "Бир нече аймак же жамаат боюнча маанилер алымдардын суммасын бөлүмдөрдүн суммасына бөлүү менен бириктирилет, пайыздардын орточосу менен эмес.",
    },
    "access.note_value_only": {
        "en": "{regions} reported only a value (no numerator or denominator) for {period}. Such a value cannot be pooled with counts, so it is shown on its own and left out of the pooled figure.",
        "ru": "{regions}: за {period} указано только значение (без числителя и знаменателя). Его нельзя объединить с подсчётами, поэтому оно показано отдельно и не входит в общий итог.",
        "ky": "{regions}: {period} мезгили үчүн алымы жана бөлүмү жок, маани гана көрсөтүлгөн. Аны эсептер менен бириктирүүгө болбойт, ошондуктан ал өзүнчө көрсөтүлүп, жалпы жыйынтыкка кирген жок.",
    },
    "access.note_unpoolable": {
        "en": "For {period} the chosen rows have only values and no counts, so no pooled figure can be given: see each region.",
        "ru": "За {period} у выбранных строк есть только значения без подсчётов, поэтому общий итог рассчитать нельзя: смотрите по регионам.",
        "ky": "{period} мезгили үчүн тандалган саптарда эсептер жок, маанилер гана бар, ошондуктан жалпы жыйынтыкты эсептөөгө болбойт: ар бир аймакты караңыз.",
    },
    "access.note_overlap": {
        "en": "{dropped}: already counted within a wider community you chose, so not added a second time.",
        "ru": "{dropped}: уже учтены в более широком выбранном сообществе, поэтому не добавляются повторно.",
        "ky": "{dropped}: тандалган кененирээк жамаатта эсептелген, ошондуктан кайра кошулбайт.",
    },
    "access.note_no_rows": {
        "en": "No rows for this indicator in: {regions}.",
        "ru": "Нет строк по этому показателю для: {regions}.",
        "ky": "Бул көрсөткүч боюнча саптар жок: {regions}.",
    },
    "access.note_national": {
        "en": "For some periods no region reported; the national figure, as reported, is used for them.",
        "ru": "За некоторые периоды нет данных по регионам; для них использовано национальное значение, как оно указано.",
        "ky": "Айрым мезгилдер үчүн аймактар боюнча маалымат жок; аларга улуттук маани көрсөтүлгөндөй колдонулду.",
    },
    "access.note_other_kind": {
        "en": "{n} rows reported for another kind of period (a year instead of a quarter, for example) are left out so that unlike periods are not mixed.",
        "ru": "{n} строк за периоды другого вида (например, год вместо квартала) не учтены, чтобы не смешивать разные периоды.",
        "ky": "Башка түрдөгү мезгилдер (мисалы, квартал ордуна жыл) боюнча {n} сап эске алынган жок, ар түрдүү мезгилдер аралашпашы үчүн.",
    },
    "access.no_target": {
        "en": "This indicator has no target in the catalog.",
        "ru": "У этого показателя нет цели в каталоге.",
        "ky": "Бул көрсөткүчтүн каталогдо максаты жок.",
    },
    "access.target_source": {
        "en": "Target: {value}. Set by: {source}",
        "ru": "Цель: {value}. Кем установлена: {source}",
        "ky": "Максат: {value}. Ким белгилеген: {source}",
    },
    "access.target_no_source": {
        "en": "Target: {value} (who set it is not given in the catalog).",
        "ru": "Цель: {value} (кем установлена, в каталоге не указано).",
        "ky": "Максат: {value} (ким белгилегени каталогдо көрсөтүлгөн эмес).",
    },
    "access.definition": {
        "en": "How it is measured: {text}",
        "ru": "Как измеряется: {text}",
        "ky": "Кантип өлчөнөт: {text}",
    },
    # --- sections and charts
    "access.section_trend": {"en": "Over time", "ru": "В динамике", "ky": "Убакыт боюнча"},
    "access.section_breakdown": {
        "en": "By region and by community",
        "ru": "По регионам и сообществам",
        "ky": "Аймактар жана жамааттар боюнча",
    },
    "access.chart_trend": {
        "en": "{name}: trend against the target",
        "ru": "{name}: динамика относительно цели",
        "ky": "{name}: максатка салыштырмалуу өзгөрүү",
    },
    "access.chart_regions": {
        "en": "By region, {period}",
        "ru": "По регионам, {period}",
        "ky": "Аймактар боюнча, {period}",
    },
    "access.chart_communities": {
        "en": "By community, {period}",
        "ru": "По сообществам, {period}",
        "ky": "Жамааттар боюнча, {period}",
    },
    "access.chart_cascade": {
        "en": "HIV care cascade, {period}",
        "ru": "Каскад помощи при ВИЧ, {period}",
        "ky": "ВИЧ боюнча жардам каскады, {period}",
    },
    "access.axis_period": {"en": "Period", "ru": "Период", "ky": "Мезгил"},
    "access.unit_percent": {"en": "Percent", "ru": "Процент", "ky": "Пайыз"},
    "access.unit_count": {"en": "Number", "ru": "Число", "ky": "Саны"},
    "access.unit_rate": {
        "en": "Per person per year",
        "ru": "На человека в год",
        "ky": "Бир адамга жылына",
    },
    "access.target_label": {"en": "Target {value}", "ru": "Цель {value}", "ky": "Максат {value}"},
    "access.legend_counts": {
        "en": "From counts",
        "ru": "По подсчётам",
        "ky": "Эсептер боюнча",
    },
    "access.legend_value_only": {
        "en": "Reported value only (no counts)",
        "ru": "Только указанное значение (без подсчётов)",
        "ky": "Көрсөтүлгөн маани гана (эсептерсиз)",
    },
    "access.legend_previous": {
        "en": "Previous period ({period})",
        "ru": "Предыдущий период ({period})",
        "ky": "Мурунку мезгил ({period})",
    },
    "access.legend_achieved": {"en": "Achieved", "ru": "Достигнуто", "ky": "Жетишилди"},
    "access.legend_target": {"en": "Target", "ru": "Цель", "ky": "Максат"},
    "access.hover_numerator": {"en": "Numerator", "ru": "Числитель", "ky": "Алымы"},
    "access.hover_denominator": {"en": "Denominator", "ru": "Знаменатель", "ky": "Бөлүмү"},
    "access.hover_basis": {"en": "Based on", "ru": "Основа", "ky": "Негизи"},
    "access.basis_counts": {
        "en": "numerators and denominators",
        "ru": "числители и знаменатели",
        "ky": "алымдар жана бөлүмдөр",
    },
    "access.basis_mixed": {
        "en": "counts; value-only rows left out",
        "ru": "подсчёты; строки только со значением не учтены",
        "ky": "эсептер; маани гана бар саптар кирген жок",
    },
    "access.basis_value": {
        "en": "a reported value (no counts)",
        "ru": "указанное значение (без подсчётов)",
        "ky": "көрсөтүлгөн маани (эсептерсиз)",
    },
    "access.basis_unpoolable": {
        "en": "several values without counts: not pooled",
        "ru": "несколько значений без подсчётов: не объединены",
        "ky": "эсептерсиз бир нече маани: бириктирилген жок",
    },
    "access.basis_none": {"en": "no data", "ru": "нет данных", "ky": "маалымат жок"},
    "access.basis_withheld": {
        "en": "counts below the threshold: withheld",
        "ru": "числа ниже порога: не показаны",
        "ky": "босогодон төмөн сандар: көрсөтүлгөн жок",
    },
    "access.withheld_left_out": {
        "en": "cells below {k} left out: {n}",
        "ru": "не учтено ячеек меньше {k}: {n}",
        "ky": "{k} кем уячалар эсепке алынган жок: {n}",
    },
    "access.hidden": {
        "en": "hidden to protect people",
        "ru": "скрыто для защиты людей",
        "ky": "адамдарды коргоо үчүн жашырылган",
    },
    "access.unpoolable_short": {
        "en": "cannot be pooled",
        "ru": "нельзя объединить",
        "ky": "бириктирүүгө болбойт",
    },
    "access.hidden_regions": {
        "en": "Not drawn: {regions} (value hidden to protect people, or no data).",
        "ru": "Не показаны: {regions} (значение скрыто для защиты людей или нет данных).",
        "ky": "Көрсөтүлгөн жок: {regions} (адамдарды коргоо үчүн мааниси жашырылган же маалымат жок).",
    },
    # --- map
    "access.map_heading": {"en": "Map", "ru": "Карта", "ky": "Карта"},
    "access.map_title": {
        "en": "{name}, {period}",
        "ru": "{name}, {period}",
        "ky": "{name}, {period}",
    },
    "access.map_low": {"en": "lower", "ru": "ниже", "ky": "төмөн"},
    "access.map_high": {"en": "higher", "ru": "выше", "ky": "жогору"},
    "access.map_target": {
        "en": "target reached",
        "ru": "цель достигнута",
        "ky": "максатка жетти",
    },
    "access.map_caption": {
        "en": "Colour shows the value of each region; Bishkek and Osh city are the small circles. Hover for the figure.",
        "ru": "Цвет показывает значение по региону; Бишкек и Ош — маленькие круги. Наведите курсор, чтобы увидеть значение.",
        "ky": "Түс ар бир аймактын маанисин көрсөтөт; Бишкек жана Ош шаары — кичинекей тегерекчелер. Маанини көрүү үчүн курсорду алып келиңиз.",
    },
    "access.map_boundaries_failed": {
        "en": "The boundary file could not be read, so regions are drawn as circles.",
        "ru": "Файл границ не удалось прочитать, поэтому регионы показаны кругами.",
        "ky": "Чек ара файлын окуу мүмкүн болбоду, ошондуктан аймактар тегерекчелер менен көрсөтүлдү.",
    },
    # --- cascade
    "access.cascade_heading": {
        "en": "HIV care cascade",
        "ru": "Каскад помощи при ВИЧ",
        "ky": "ВИЧ боюнча жардам каскады",
    },
    "access.cascade_step_1": {
        "en": "Know their status",
        "ru": "Знают свой статус",
        "ky": "Статусун билишет",
    },
    "access.cascade_step_2": {
        "en": "On treatment",
        "ru": "Получают лечение",
        "ky": "Дарыланып жатышат",
    },
    "access.cascade_step_3": {
        "en": "Virally suppressed",
        "ru": "Вирусная нагрузка подавлена",
        "ky": "Вирустук жүктөм басылган",
    },
    "access.cascade_none": {
        "en": "The catalog does not mark the three cascade steps (cascade_step 1, 2 and 3), so the cascade is not shown.",
        "ru": "В каталоге не отмечены три шага каскада (cascade_step 1, 2 и 3), поэтому каскад не показан.",
        "ky": "Каталогдо каскаддын үч кадамы (cascade_step 1, 2 жана 3) белгиленген эмес, ошондуктан каскад көрсөтүлгөн жок.",
    },
    "access.cascade_no_data": {
        "en": "No period has all three cascade steps for the chosen regions.",
        "ru": "Нет периода, в котором есть все три шага каскада для выбранных регионов.",
        "ky": "Тандалган аймактар үчүн каскаддын үч кадамы тең бар мезгил жок.",
    },
    "access.cascade_caption": {
        "en": "Chosen regions, all communities reported for these measures. Each bar is read against its own target (the red mark).",
        "ru": "Выбранные регионы, все сообщества, по которым есть эти показатели. Каждый столбец сравнивается со своей целью (красная отметка).",
        "ky": "Тандалган аймактар, бул көрсөткүчтөр боюнча маалыматы бар бардык жамааттар. Ар бир мамыча өзүнүн максаты (кызыл белги) менен салыштырылат.",
    },
    # --- table and downloads
    "access.table_heading": {
        "en": "The figures in a table",
        "ru": "Цифры в таблице",
        "ky": "Сандар таблицада",
    },
    "access.col_period": {"en": "Period", "ru": "Период", "ky": "Мезгил"},
    "access.col_region": {"en": "Region", "ru": "Регион", "ky": "Аймак"},
    "access.col_community": {"en": "Community", "ru": "Сообщество", "ky": "Жамаат"},
    "access.col_numerator": {"en": "Numerator", "ru": "Числитель", "ky": "Алымы"},
    "access.col_denominator": {"en": "Denominator", "ru": "Знаменатель", "ky": "Бөлүмү"},
    "access.col_value": {"en": "Value", "ru": "Значение", "ky": "Маани"},
    "access.col_basis": {"en": "Based on", "ru": "Основа", "ky": "Негизи"},
    "access.table_caption": {
        "en": "Rows marked “{all}” are pooled over your choice. A “{mark}” is a number hidden with a count below the threshold, or a figure whose cells are all hidden.",
        "ru": "Строки «{all}» объединены по вашему выбору. Знак «{mark}» — число, скрытое вместе с числом ниже порога, или итог, все ячейки которого скрыты.",
        "ky": "«{all}» саптары сиздин тандооңуз боюнча бириктирилген. «{mark}» белгиси — босогодон төмөн сан менен кошо жашырылган сан, же бардык уячалары жашырылган жыйынтык.",
    },
    "access.withheld_table_note": {
        "en": "Counts below {k} are shown as “<{k}” to protect people and are left out of every total: a total is the sum of the numbers shown, so no choice of regions or communities can give a hidden count back.",
        "ru": "Числа меньше {k} показаны как «<{k}», чтобы защитить людей, и не входят ни в один итог: итог — это сумма показанных чисел, поэтому никакой выбор регионов или сообществ не раскроет скрытое число.",
        "ky": "Адамдарды коргоо үчүн {k}дан аз сандар «<{k}» деп көрсөтүлөт жана эч бир жыйынтыкка кирбейт: жыйынтык — көрсөтүлгөн сандардын суммасы, ошондуктан региондорду же жамааттарды кандай тандаса да жашырылган сан ачылбайт.",
    },
    "access.withheld_note": {
        "en": "This figure leaves out {n} cell(s) with counts below {k}, to protect people: it is pooled from the cells shown, so it may differ from the true total.",
        "ru": "В этот показатель не вошли ячейки с числами меньше {k} ({n}), чтобы защитить людей: он рассчитан по показанным ячейкам и может отличаться от полного итога.",
        "ky": "Адамдарды коргоо үчүн бул көрсөткүчкө {k}дан аз сандары бар уячалар ({n}) кирген жок: ал көрсөтүлгөн уячалар боюнча эсептелген, ошондуктан толук жыйынтыктан айырмаланышы мүмкүн.",
    },
    "access.withheld_range": {
        "en": "The true total lies between {low} and {high}.",
        "ru": "Полный итог — от {low} до {high}.",
        "ky": "Толук жыйынтык {low} менен {high} ортосунда.",
    },
}
