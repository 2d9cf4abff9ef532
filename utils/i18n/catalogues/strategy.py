"""Messages of the strategy area: {key: {"en": …, "ru": …, "ky": …}}."""

MESSAGES: dict[str, dict[str, str]] = {
    "strategy.title": {
        "en": "Strategy 2025–2027",
        "ru": "Стратегия 2025–2027",
        "ky": "Стратегия 2025–2027",
    },
    "strategy.no_lead": {
        "en": "no lead named",
        "ru": "ответственный не указан",
        "ky": "жооптуу уюм көрсөтүлгөн эмес",
    },
    "strategy.empty_filter": {
        "en": "No milestone matches these filters. Clear a filter to see more.",
        "ru": "Ни один этап не подходит под эти фильтры. Снимите фильтр, чтобы увидеть больше.",
        "ky": "Бул чыпкаларга бир да этап туура келбейт. Көбүрөөк көрүү үчүн чыпканы алып салыңыз.",
    },
    # --- filters
    "strategy.filters": {"en": "Filters", "ru": "Фильтры", "ky": "Чыпкалар"},
    "strategy.filter.all": {"en": "All", "ru": "Все", "ky": "Баары"},
    "strategy.filter.objective": {
        "en": "Strategic objective",
        "ru": "Стратегическая цель",
        "ky": "Стратегиялык максат",
    },
    "strategy.filter.lead": {
        "en": "Lead organisation",
        "ru": "Ведущая организация",
        "ky": "Жетектөөчү уюм",
    },
    "strategy.filter.community": {"en": "Community", "ru": "Сообщество", "ky": "Жамаат"},
    "strategy.filter.community_help": {
        "en": "Also shows milestones for all communities and for the sub-groups of the chosen one.",
        "ru": "Показывает также этапы для всех сообществ и для подгрупп выбранного.",
        "ky": "Бардык жамааттар жана тандалган жамааттын топчолору үчүн этаптар да көрсөтүлөт.",
    },
    "strategy.filter.status": {"en": "Status", "ru": "Статус", "ky": "Абалы"},
    "strategy.filter.horizon": {
        "en": "Due in the next",
        "ru": "Срок в ближайшие",
        "ky": "Мөөнөтү жакынкы",
    },
    "strategy.filter.days": {"en": "{days} days", "ru": "{days} дней", "ky": "{days} күн"},
    "strategy.filter.since": {
        "en": "Compare with",
        "ru": "Сравнить с",
        "ky": "Салыштыруу",
    },
    "strategy.filter.since_option": {
        "en": "data of {date}",
        "ru": "данными на {date}",
        "ky": "{date} маалыматтары менен",
    },
    "strategy.filter.since_sample": {
        "en": "meeting of {date} (sample)",
        "ru": "встречей {date} (пример)",
        "ky": "{date} жолугушуусу менен (үлгү)",
    },
    "strategy.filter.since_help": {
        "en": "The dashboard keeps a copy of the sheet each day. The first choice is the latest copy before today.",
        "ru": "Панель каждый день сохраняет копию таблицы. Первый вариант — последняя копия до сегодняшнего дня.",
        "ky": "Панель ар күнү таблицанын көчүрмөсүн сактайт. Биринчи вариант — бүгүнкү күнгө чейинки акыркы көчүрмө.",
    },
    # --- the answer
    "strategy.answer.title": {
        "en": "What is late, who leads it, what changed",
        "ru": "Что отстаёт, кто отвечает, что изменилось",
        "ky": "Эмне кечигүүдө, ким жооптуу, эмне өзгөрдү",
    },
    "strategy.answer.today": {
        "en": "Today is {date} (Bishkek time).",
        "ru": "Сегодня {date} (время Бишкека).",
        "ky": "Бүгүн {date} (Бишкек убактысы).",
    },
    "strategy.answer.filtered": {
        "en": "Only the milestones matching the filters are counted.",
        "ru": "Учтены только этапы, подходящие под фильтры.",
        "ky": "Чыпкаларга туура келген этаптар гана эсептелди.",
    },
    "strategy.answer.none_late": {
        "en": "**Nothing is late**: every milestone past its due date is done or cancelled.",
        "ru": "**Ничего не просрочено**: все этапы с прошедшим сроком выполнены или отменены.",
        "ky": "**Эч нерсе кечиккен жок**: мөөнөтү өткөн бардык этаптар аткарылды же жокко чыгарылды.",
    },
    "strategy.answer.late": {
        "en": "**Late (past due, not done): {count}**, the longest overdue first:",
        "ru": "**Просрочено (срок прошёл, не выполнено): {count}**, сначала самые давние:",
        "ky": "**Кечиккен (мөөнөтү өттү, аткарылган жок): {count}**, эң эскилери биринчи:",
    },
    "strategy.answer.item": {
        "en": "**{id}** {milestone} (lead: {lead})",
        "ru": "**{id}** {milestone} (отвечает: {lead})",
        "ky": "**{id}** {milestone} (жооптуу: {lead})",
    },
    "strategy.answer.days_late": {
        "en": "{days} late, due {due}",
        "ru": "просрочено на {days}, срок {due}",
        "ky": "{days} кечикти, мөөнөтү {due}",
    },
    "strategy.answer.more": {
        "en": "and {count} more in the table below.",
        "ru": "и ещё {count} — в таблице ниже.",
        "ky": "жана дагы {count} — төмөнкү таблицада.",
    },
    "strategy.answer.none_soon": {
        "en": "Nothing else falls due in the next {days} days.",
        "ru": "В ближайшие {days} дней других сроков нет.",
        "ky": "Жакынкы {days} күндө башка мөөнөттөр жок.",
    },
    "strategy.answer.soon": {
        "en": "**Due in the next {days} days: {count}**; the first is {first}, due {due}",
        "ru": "**Срок в ближайшие {days} дней: {count}**; первый — {first}, срок {due}",
        "ky": "**Жакынкы {days} күндө мөөнөтү келет: {count}**; биринчиси — {first}, мөөнөтү {due}",
    },
    "strategy.answer.no_history": {
        "en": "No earlier copy of the sheet is kept yet, so changes since the last meeting cannot be listed; see the sheet's “last update” dates below.",
        "ru": "Более ранней копии таблицы пока нет, поэтому изменения с прошлой встречи не показаны; см. даты «обновлено» ниже.",
        "ky": "Таблицанын мурунку көчүрмөсү азырынча жок, ошондуктан акыркы жолугушуудан бери өзгөрүүлөр көрсөтүлбөйт; төмөндөгү «жаңыртылган» күндөрүн караңыз.",
    },
    "strategy.answer.no_changes": {
        "en": "**Since {date}**: no milestone changed.",
        "ru": "**С {date}**: ни один этап не изменился.",
        "ky": "**{date} бери**: бир да этап өзгөргөн жок.",
    },
    "strategy.answer.changes": {
        "en": "**Since {date}**: {changes}.",
        "ru": "**С {date}**: {changes}.",
        "ky": "**{date} бери**: {changes}.",
    },
    "strategy.change.count.completed": {
        "en": "completed: {count}",
        "ru": "выполнено: {count}",
        "ky": "аткарылды: {count}",
    },
    "strategy.change.count.became_overdue": {
        "en": "became overdue: {count}",
        "ru": "стали просроченными: {count}",
        "ky": "мөөнөтү өттү: {count}",
    },
    "strategy.change.count.status": {
        "en": "status changed: {count}",
        "ru": "сменили статус: {count}",
        "ky": "абалы өзгөрдү: {count}",
    },
    "strategy.change.count.progress": {
        "en": "progress changed: {count}",
        "ru": "изменился прогресс: {count}",
        "ky": "аткарылышы өзгөрдү: {count}",
    },
    "strategy.change.count.due": {
        "en": "due date moved: {count}",
        "ru": "перенесён срок: {count}",
        "ky": "мөөнөтү жылдырылды: {count}",
    },
    "strategy.change.count.new": {
        "en": "new: {count}",
        "ru": "новых: {count}",
        "ky": "жаңы: {count}",
    },
    "strategy.change.count.removed": {
        "en": "removed from the sheet: {count}",
        "ru": "удалено из таблицы: {count}",
        "ky": "таблицадан өчүрүлдү: {count}",
    },
    # --- metrics
    "strategy.metric.late": {"en": "Late", "ru": "Просрочено", "ky": "Кечиккен"},
    "strategy.metric.soon": {
        "en": "Due in {days} days",
        "ru": "Срок в ближайшие {days} дней",
        "ky": "{days} күндө мөөнөтү келет",
    },
    "strategy.metric.done": {
        "en": "Done (of the plan)",
        "ru": "Выполнено (от плана)",
        "ky": "Аткарылды (пландан)",
    },
    "strategy.metric.changed": {
        "en": "Changed since last meeting",
        "ru": "Изменилось с прошлой встречи",
        "ky": "Акыркы жолугушуудан бери өзгөрдү",
    },
    # --- charts
    "strategy.chart.timeline_title": {
        "en": "Timeline of milestones by strategic objective",
        "ru": "График этапов по стратегическим целям",
        "ky": "Стратегиялык максаттар боюнча этаптардын графиги",
    },
    "strategy.chart.due": {"en": "Due date", "ru": "Срок", "ky": "Мөөнөтү"},
    "strategy.chart.due_late": {
        "en": "Due date passed, not done",
        "ru": "Срок прошёл, не выполнено",
        "ky": "Мөөнөтү өттү, аткарылган жок",
    },
    "strategy.chart.today": {
        "en": "Today, {date}",
        "ru": "Сегодня, {date}",
        "ky": "Бүгүн, {date}",
    },
    "strategy.chart.status_title": {
        "en": "Milestones by status",
        "ru": "Этапы по статусу",
        "ky": "Абалы боюнча этаптар",
    },
    "strategy.chart.milestones_axis": {"en": "Milestones", "ru": "Этапы", "ky": "Этаптар"},
    "strategy.chart.progress_label": {
        "en": "{progress} · done {done} of {total} · late {late}",
        "ru": "{progress} · выполнено {done} из {total} · просрочено {late}",
        "ky": "{progress} · {total} ичинен {done} аткарылды · кечиккен {late}",
    },
    "strategy.chart.by_objective": {
        "en": "Progress by strategic objective (average of milestones)",
        "ru": "Прогресс по стратегическим целям (среднее по этапам)",
        "ky": "Стратегиялык максаттар боюнча аткарылышы (этаптардын орточосу)",
    },
    "strategy.chart.by_lead": {
        "en": "Progress by lead organisation (average of milestones)",
        "ru": "Прогресс по ведущим организациям (среднее по этапам)",
        "ky": "Жетектөөчү уюмдар боюнча аткарылышы (этаптардын орточосу)",
    },
    "strategy.chart.progress_axis": {
        "en": "Average progress",
        "ru": "Средний прогресс",
        "ky": "Орточо аткарылышы",
    },
    "strategy.chart.years_title": {
        "en": "Milestones done by strategy year, against plan",
        "ru": "Выполненные этапы по годам стратегии в сравнении с планом",
        "ky": "Стратегиянын жылдары боюнча аткарылган этаптар, план менен салыштырганда",
    },
    "strategy.chart.planned": {
        "en": "Planned (due that year)",
        "ru": "По плану (срок в этом году)",
        "ky": "План боюнча (мөөнөтү ушул жылы)",
    },
    "strategy.chart.done": {"en": "Done", "ru": "Выполнено", "ky": "Аткарылды"},
    "strategy.chart.due_by_today": {
        "en": "Due by today",
        "ru": "Срок уже наступил",
        "ky": "Мөөнөтү бүгүнгө чейин келген",
    },
    "strategy.hover.lead": {
        "en": "Lead: {lead}",
        "ru": "Отвечает: {lead}",
        "ky": "Жооптуу: {lead}",
    },
    "strategy.hover.status": {
        "en": "Status: {status}",
        "ru": "Статус: {status}",
        "ky": "Абалы: {status}",
    },
    "strategy.hover.dates": {
        "en": "{start} – {due}",
        "ru": "{start} – {due}",
        "ky": "{start} – {due}",
    },
    "strategy.hover.progress": {
        "en": "Progress: {progress}",
        "ru": "Прогресс: {progress}",
        "ky": "Аткарылышы: {progress}",
    },
    # --- sections
    "strategy.summary.title": {
        "en": "Status summary",
        "ru": "Сводка по статусам",
        "ky": "Абалы боюнча жыйынтык",
    },
    "strategy.late.title": {
        "en": "Overdue: past the due date and not done",
        "ru": "Просроченные: срок прошёл, не выполнено",
        "ky": "Кечиккендер: мөөнөтү өттү, аткарылган жок",
    },
    "strategy.late.none": {
        "en": "No milestone is overdue.",
        "ru": "Просроченных этапов нет.",
        "ky": "Кечиккен этаптар жок.",
    },
    "strategy.soon.title": {
        "en": "Due in the next {days} days",
        "ru": "Срок в ближайшие {days} дней",
        "ky": "Жакынкы {days} күндө мөөнөтү келет",
    },
    "strategy.soon.none": {
        "en": "Nothing falls due in this period.",
        "ru": "В этот период сроков нет.",
        "ky": "Бул мезгилде мөөнөттөр жок.",
    },
    "strategy.checks.title": {
        "en": "Progress checked against the indicators",
        "ru": "Прогресс, проверенный по показателям",
        "ky": "Көрсөткүчтөр менен текшерилген аткарылыш",
    },
    "strategy.checks.how": {
        "en": "For milestones linked to an indicator with a target: the latest value for the whole country (all regions pooled) beside the value needed by now on a straight line from the milestone's start to the target at its due date.",
        "ru": "Для этапов, связанных с показателем с целью: последнее значение по стране (все регионы вместе) рядом со значением, нужным к сегодняшнему дню на прямой от начала этапа до цели к его сроку.",
        "ky": "Максаты бар көрсөткүчкө байланган этаптар үчүн: өлкө боюнча акыркы маани (бардык аймактар бирге) жана этаптын башталышынан мөөнөтүндөгү максатка чейинки түз сызык боюнча бүгүнкү күнгө керектүү маани.",
    },
    "strategy.checks.none": {
        "en": "No milestone here is linked to an indicator.",
        "ru": "Здесь нет этапов, связанных с показателем.",
        "ky": "Бул жерде көрсөткүчкө байланган этап жок.",
    },
    "strategy.checks.flag": {
        "en": "**{id}** {milestone} (lead: {lead}) is marked “on track”, but its indicator is behind the path to its target.",
        "ru": "**{id}** {milestone} (отвечает: {lead}) отмечен «по плану», но его показатель отстаёт от пути к цели.",
        "ky": "**{id}** {milestone} (жооптуу: {lead}) «пландагыдай» деп белгиленген, бирок анын көрсөткүчү максатка жолдон артта калууда.",
    },
    "strategy.verdict.met": {
        "en": "Target reached",
        "ru": "Цель достигнута",
        "ky": "Максатка жетти",
    },
    "strategy.verdict.on_course": {
        "en": "On course",
        "ru": "Идёт по пути к цели",
        "ky": "Максатка карай жолдо",
    },
    "strategy.verdict.behind": {
        "en": "Behind the path",
        "ru": "Отстаёт от пути к цели",
        "ky": "Жолдон артта калууда",
    },
    "strategy.verdict.no_data": {
        "en": "No data",
        "ru": "Нет данных",
        "ky": "Маалымат жок",
    },
    "strategy.verdict.no_target": {
        "en": "No target set",
        "ru": "Цель не задана",
        "ky": "Максат коюлган эмес",
    },
    "strategy.changes.title": {
        "en": "What changed since the last meeting",
        "ru": "Что изменилось с прошлой встречи",
        "ky": "Акыркы жолугушуудан бери эмне өзгөрдү",
    },
    "strategy.changes.sample_note": {
        "en": "Sample data: the earlier versions of the plan are invented too.",
        "ru": "Пример данных: прежние версии плана тоже придуманы.",
        "ky": "Үлгү маалыматтар: пландын мурунку версиялары да ойлонуп табылган.",
    },
    "strategy.changes.none": {
        "en": "No milestone changed since {date}.",
        "ru": "С {date} ни один этап не изменился.",
        "ky": "{date} бери бир да этап өзгөргөн жок.",
    },
    "strategy.changes.no_history": {
        "en": "The dashboard has no earlier copy of the sheet yet (it keeps one a day from now on). Pick a date to list the rows the editors marked as updated since then.",
        "ru": "У панели пока нет более ранней копии таблицы (с сегодняшнего дня она хранит одну в день). Выберите дату, чтобы увидеть строки, отмеченные как обновлённые после неё.",
        "ky": "Панелде таблицанын мурунку көчүрмөсү азырынча жок (мындан ары күнүнө бирди сактайт). Андан кийин жаңыртылган деп белгиленген саптарды көрүү үчүн күндү тандаңыз.",
    },
    "strategy.changes.pick_date": {
        "en": "Changed since",
        "ru": "Изменения с",
        "ky": "Өзгөрүүлөр качантан бери",
    },
    "strategy.changes.updated": {
        "en": "Rows the sheet marks as updated after {date} (“last update” column): {count}",
        "ru": "Строки, обновлённые после {date} по столбцу «обновлено»: {count}",
        "ky": "{date} кийин жаңыртылган саптар («жаңыртылды» тилкеси боюнча): {count}",
    },
    "strategy.change.new": {
        "en": "new milestone",
        "ru": "новый этап",
        "ky": "жаңы этап",
    },
    "strategy.change.removed": {
        "en": "removed from the sheet",
        "ru": "удалён из таблицы",
        "ky": "таблицадан өчүрүлдү",
    },
    "strategy.change.completed": {
        "en": "completed",
        "ru": "выполнен",
        "ky": "аткарылды",
    },
    "strategy.change.became_overdue": {
        "en": "became overdue",
        "ru": "стал просроченным",
        "ky": "мөөнөтү өтүп кетти",
    },
    "strategy.change.status": {
        "en": "status {before} → {now}",
        "ru": "статус {before} → {now}",
        "ky": "абалы {before} → {now}",
    },
    "strategy.change.progress": {
        "en": "progress {before} → {now}",
        "ru": "прогресс {before} → {now}",
        "ky": "аткарылышы {before} → {now}",
    },
    "strategy.change.due": {
        "en": "due date {before} → {now}",
        "ru": "срок {before} → {now}",
        "ky": "мөөнөтү {before} → {now}",
    },
    "strategy.years.title": {
        "en": "Strategy years",
        "ru": "Годы стратегии",
        "ky": "Стратегиянын жылдары",
    },
    "strategy.years.how": {
        "en": "Plan = milestones due in that year (cancelled ones left out); the share is how many of them are done.",
        "ru": "План — этапы со сроком в этом году (без отменённых); доля — сколько из них выполнено.",
        "ky": "План — мөөнөтү ушул жылга туура келген этаптар (жокко чыгарылгандарсыз); үлүш — алардын канчасы аткарылды.",
    },
    # --- table columns
    "strategy.col.id": {"en": "Id", "ru": "Код", "ky": "Код"},
    "strategy.col.milestone": {"en": "Milestone", "ru": "Этап", "ky": "Этап"},
    "strategy.col.lead": {
        "en": "Lead organisation",
        "ru": "Ведущая организация",
        "ky": "Жетектөөчү уюм",
    },
    "strategy.col.status": {"en": "Status", "ru": "Статус", "ky": "Абалы"},
    "strategy.col.due": {"en": "Due", "ru": "Срок", "ky": "Мөөнөтү"},
    "strategy.col.days_late": {
        "en": "Days late",
        "ru": "Дней просрочки",
        "ky": "Кечиккен күндөр",
    },
    "strategy.col.days_left": {
        "en": "Days left",
        "ru": "Осталось дней",
        "ky": "Калган күндөр",
    },
    "strategy.col.progress": {"en": "Progress", "ru": "Прогресс", "ky": "Аткарылышы"},
    "strategy.col.indicator": {"en": "Indicator", "ru": "Показатель", "ky": "Көрсөткүч"},
    "strategy.col.period": {"en": "Latest period", "ru": "Последний период", "ky": "Акыркы мезгил"},
    "strategy.col.latest": {
        "en": "Latest value",
        "ru": "Последнее значение",
        "ky": "Акыркы маани",
    },
    "strategy.col.expected": {
        "en": "Needed by now",
        "ru": "Нужно к сегодня",
        "ky": "Бүгүнкү күнгө керек",
    },
    "strategy.col.target": {"en": "Target", "ru": "Цель", "ky": "Максат"},
    "strategy.col.verdict": {
        "en": "What the indicator says",
        "ru": "Что говорит показатель",
        "ky": "Көрсөткүч эмнени көрсөтөт",
    },
    "strategy.col.what_changed": {
        "en": "What changed",
        "ru": "Что изменилось",
        "ky": "Эмне өзгөрдү",
    },
    "strategy.col.last_update": {
        "en": "Last update",
        "ru": "Обновлено",
        "ky": "Жаңыртылды",
    },
}
