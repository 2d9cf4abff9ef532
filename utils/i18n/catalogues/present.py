"""Messages of presenter mode, the slideshow and the shareable-view notice."""

MESSAGES: dict[str, dict[str, str]] = {
    "nav.slideshow": {"en": "Slideshow", "ru": "Слайд-шоу", "ky": "Слайд-шоу"},
    "present.title": {
        "en": "Slideshow: the key views",
        "ru": "Слайд-шоу: главное",
        "ky": "Слайд-шоу: негизгилер",
    },
    "present.exit": {
        "en": "Exit presenter mode",
        "ru": "Выйти из презентации",
        "ky": "Көрсөтүүдөн чыгуу",
    },
    # --- the slideshow's controls
    "present.previous": {"en": "Previous", "ru": "Назад", "ky": "Артка"},
    "present.next": {"en": "Next", "ru": "Далее", "ky": "Кийинки"},
    "present.keys_help": {
        "en": "Keyboard: → next slide, ← previous slide.",
        "ru": "Клавиатура: → следующий слайд, ← предыдущий.",
        "ky": "Баскычтоп: → кийинки слайд, ← мурунку слайд.",
    },
    "present.pick": {"en": "Slide", "ru": "Слайд", "ky": "Слайд"},
    "present.counter": {
        "en": "Slide {n} of {total}",
        "ru": "Слайд {n} из {total}",
        "ky": "{total} слайддын {n}-слайды",
    },
    "present.auto": {
        "en": "Advance automatically",
        "ru": "Листать автоматически",
        "ky": "Автоматтык түрдө алмаштыруу",
    },
    "present.every": {"en": "Every", "ru": "Каждые", "ky": "Ар бир"},
    "present.seconds": {"en": "{n} s", "ru": "{n} с", "ky": "{n} сек"},
    "present.none": {
        "en": "The workbook has none of the tabs the slides are made from.",
        "ru": "В таблице нет ни одной вкладки, из которых строятся слайды.",
        "ky": "Таблицада слайддар түзүлүүчү барактардын бири да жок.",
    },
    "present.as_of": {
        "en": "Data as of {when} · source: {source}",
        "ru": "Данные на {when} · источник: {source}",
        "ky": "Маалыматтар {when} абалы боюнча · булак: {source}",
    },
    # --- slide: programme access
    "present.access.title": {
        "en": "{name}: where the target is missed",
        "ru": "{name}: где цель не достигнута",
        "ky": "{name}: максатка кайсы жерде жетишилген жок",
    },
    "present.access.national": {
        "en": "Nationally, {period}",
        "ru": "По стране, {period}",
        "ky": "Өлкө боюнча, {period}",
    },
    "present.access.target": {"en": "Target", "ru": "Цель", "ky": "Максат"},
    "present.access.furthest": {
        "en": "Furthest from the target: {region}",
        "ru": "Дальше всего от цели: {region}",
        "ky": "Максаттан эң алыс: {region}",
    },
    "present.access.line_below": {
        "en": "Nationally {value} in {period}, against a target of {target}. **{region}** is furthest from it, at {region_value}.",
        "ru": "По стране {value} в {period} при цели {target}. Дальше всего от цели **{region}**: {region_value}.",
        "ky": "Өлкө боюнча {period} мезгилинде {value}, максат {target}. Максаттан эң алыс **{region}**: {region_value}.",
    },
    "present.access.line_met": {
        "en": "Nationally {value} in {period}; every region with a figure meets the target of {target}.",
        "ru": "По стране {value} в {period}; все регионы с данными достигли цели {target}.",
        "ky": "Өлкө боюнча {period} мезгилинде {value}; маалыматы бар бардык аймактар {target} максатына жетти.",
    },
    "present.access.line_plain": {
        "en": "Nationally {value} in {period}.",
        "ru": "По стране {value} в {period}.",
        "ky": "Өлкө боюнча {period} мезгилинде {value}.",
    },
    "present.access.improved": {
        "en": "A year earlier ({previous}) {region} stood at {before}: better since.",
        "ru": "Годом ранее ({previous}) в регионе {region} было {before}: с тех пор лучше.",
        "ky": "Бир жыл мурун ({previous}) {region} аймагында {before} болчу: андан бери жакшырды.",
    },
    "present.access.worse": {
        "en": "A year earlier ({previous}) {region} stood at {before}: worse since.",
        "ru": "Годом ранее ({previous}) в регионе {region} было {before}: с тех пор хуже.",
        "ky": "Бир жыл мурун ({previous}) {region} аймагында {before} болчу: андан бери начарлады.",
    },
    "present.access.same": {
        "en": "A year earlier ({previous}) {region} stood at {before}.",
        "ru": "Годом ранее ({previous}) в регионе {region} было {before}.",
        "ky": "Бир жыл мурун ({previous}) {region} аймагында {before} болчу.",
    },
    "present.access.none": {
        "en": "No indicator has data to show yet.",
        "ru": "Пока нет показателя с данными.",
        "ky": "Азырынча маалыматы бар көрсөткүч жок.",
    },
    # --- slide: the map
    "present.map.title": {
        "en": "{name} by region, {period}",
        "ru": "{name} по регионам, {period}",
        "ky": "{name} аймактар боюнча, {period}",
    },
    "present.map.caption": {
        "en": "Grey: no figure, or hidden to protect people (fewer than {k}).",
        "ru": "Серым: нет данных или данные скрыты для защиты людей (меньше {k}).",
        "ky": "Боз түс: маалымат жок же адамдарды коргоо үчүн жашырылган ({k}дан аз).",
    },
    # --- slide: the election
    "present.election.title": {
        "en": "Election: {title}",
        "ru": "Выборы: {title}",
        "ky": "Шайлоо: {title}",
    },
    "present.election.turnout": {"en": "Turnout", "ru": "Явка", "ky": "Катышуу"},
    "present.election.open": {
        "en": "Counting is under way in “{title}”: its figures are on the Votes page.",
        "ru": "Идёт подсчёт голосов: «{title}»; цифры на странице «Голосование».",
        "ky": "Добуштар эсептелүүдө: «{title}»; сандар «Добуш берүү» барагында.",
    },
    "present.election.none": {
        "en": "No election has votes recorded yet.",
        "ru": "Пока ни по одним выборам голоса не внесены.",
        "ky": "Азырынча эч бир шайлоо боюнча добуштар киргизиле элек.",
    },
    # --- slide: strategy
    "present.strategy.title": {
        "en": "Strategy: what is late and who leads it",
        "ru": "Стратегия: что просрочено и кто отвечает",
        "ky": "Стратегия: эмне кечигип жатат жана ким жооптуу",
    },
    "present.strategy.overdue": {"en": "Overdue", "ru": "Просрочено", "ky": "Мөөнөтү өттү"},
    "present.strategy.soon": {
        "en": "Due within {days} days",
        "ru": "Срок в ближайшие {days} дн.",
        "ky": "{days} күндүн ичинде",
    },
    "present.strategy.done": {"en": "Done", "ru": "Выполнено", "ky": "Аткарылды"},
    "present.strategy.item": {
        "en": "**{id}** {milestone} — {lead}, {days} late",
        "ru": "**{id}** {milestone} — {lead}, просрочено на {days}",
        "ky": "**{id}** {milestone} — {lead}, {days} кечикти",
    },
    "present.strategy.more": {
        "en": "… and {count} more on the Strategy page.",
        "ru": "… и ещё {count} на странице «Стратегия».",
        "ky": "… жана дагы {count} «Стратегия» барагында.",
    },
    "present.strategy.leads": {
        "en": "Late milestones per lead: {leads}.",
        "ru": "Просроченные этапы по ответственным: {leads}.",
        "ky": "Жооптуулар боюнча кечиккен этаптар: {leads}.",
    },
    "present.strategy.none_late": {
        "en": "Nothing is overdue.",
        "ru": "Просроченных этапов нет.",
        "ky": "Мөөнөтү өткөн этаптар жок.",
    },
    "present.strategy.today": {
        "en": "As of today, {date} (Bishkek).",
        "ru": "На сегодня, {date} (Бишкек).",
        "ky": "Бүгүнкү күнгө карата, {date} (Бишкек).",
    },
    # --- slide: the coalition
    "present.members.title": {
        "en": "The coalition",
        "ru": "Коалиция",
        "ky": "Коалиция",
    },
    "present.members.members": {
        "en": "Member organisations",
        "ru": "Организации-члены",
        "ky": "Мүчө уюмдар",
    },
    "present.members.candidates": {
        "en": "Candidate organisations",
        "ru": "Организации-кандидаты",
        "ky": "Талапкер уюмдар",
    },
    "present.members.none": {
        "en": "No member organisations are listed yet.",
        "ru": "Организации-члены пока не указаны.",
        "ky": "Мүчө уюмдар азырынча көрсөтүлгөн эмес.",
    },
    # --- shareable views: what a link asked for that the page did not use
    "present.url.notice": {
        "en": "This link asked for something this page cannot show, so the usual view is shown instead.",
        "ru": "Ссылка запрашивает то, чего на этой странице нет, поэтому показан обычный вид.",
        "ky": "Шилтеме бул баракта жок нерсени сурайт, ошондуктан кадимки көрүнүш көрсөтүлдү.",
    },
    "present.url.unknown": {
        "en": "Not used on this page: {keys}.",
        "ru": "Не используется на этой странице: {keys}.",
        "ky": "Бул баракта колдонулбайт: {keys}.",
    },
    "present.url.ignored": {
        "en": "Values not recognised and ignored: {keys}.",
        "ru": "Значения не распознаны и пропущены: {keys}.",
        "ky": "Маанилер таанылган жок жана эске алынган жок: {keys}.",
    },
}
