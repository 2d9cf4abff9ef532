"""Messages of the overview area: {key: {"en": …, "ru": …, "ky": …}}."""

MESSAGES: dict[str, dict[str, str]] = {
    "overview.title": {
        "en": "United Voices at a glance",
        "ru": "United Voices: главное",
        "ky": "United Voices: негизгиси",
    },
    "overview.indicators.heading": {
        "en": "Programme access against targets",
        "ru": "Доступ к программам и цели",
        "ky": "Программаларга жетүү жана максаттар",
    },
    "overview.indicators.note": {
        "en": "Nationwide: people reached in every region and community added up, divided by everyone in need (not an average of percentages).",
        "ru": "По всей стране: охваченные во всех регионах и сообществах, делённые на всех нуждающихся (а не среднее процентов).",
        "ky": "Бүт өлкө боюнча: бардык аймактарда жана жамааттарда камтылгандар, муктаж болгондордун баарына бөлүнгөн (пайыздардын орточосу эмес).",
    },
    "overview.indicators.none": {
        "en": "No indicator with a target has data yet.",
        "ru": "Пока нет данных ни по одному показателю с целью.",
        "ky": "Максаты бар көрсөткүчтөр боюнча азырынча маалымат жок.",
    },
    "overview.target": {
        "en": "Target {target} · {period}",
        "ru": "Цель {target} · {period}",
        "ky": "Максат {target} · {period}",
    },
    "overview.no_target": {
        "en": "No target · {period}",
        "ru": "Цель не задана · {period}",
        "ky": "Максат коюлган эмес · {period}",
    },
    "overview.target_met": {
        "en": "Target met",
        "ru": "Цель достигнута",
        "ky": "Максатка жетти",
    },
    "overview.target_missed": {
        "en": "Below target",
        "ru": "Ниже цели",
        "ky": "Максаттан төмөн",
    },
    "overview.hidden": {
        "en": "Hidden: too few people",
        "ru": "Скрыто: слишком мало людей",
        "ky": "Жашырылган: адамдар өтө аз",
    },
    "overview.delta_points": {
        "en": "{change} pp",
        "ru": "{change} п. п.",
        "ky": "{change} п. п.",
    },
    "overview.since": {
        "en": "since {period}",
        "ru": "с {period}",
        "ky": "{period} бери",
    },
    "overview.trend_help": {
        "en": "The small chart is the trend over every reported period.",
        "ru": "Маленький график — динамика за все периоды.",
        "ky": "Кичинекей график — бардык мезгилдердеги өзгөрүү.",
    },
    "overview.go.access": {
        "en": "Explore programme access",
        "ru": "Подробнее о доступе к программам",
        "ky": "Программаларга жетүү тууралуу кененирээк",
    },
    "overview.election.heading": {
        "en": "Latest election",
        "ru": "Последние выборы",
        "ky": "Акыркы шайлоо",
    },
    "overview.election.share": {
        "en": "{name}: share of votes",
        "ru": "{name}: доля голосов",
        "ky": "{name}: добуштардын үлүшү",
    },
    "overview.election.open": {
        "en": "Voting is still open: the figure may change.",
        "ru": "Голосование ещё идёт: цифра может измениться.",
        "ky": "Добуш берүү дагы жүрүп жатат: сан өзгөрүшү мүмкүн.",
    },
    "overview.election.elected": {
        "en": "Elected.",
        "ru": "Избран(а).",
        "ky": "Шайланды.",
    },
    "overview.election.not_elected": {
        "en": "Not elected.",
        "ru": "Не избран(а).",
        "ky": "Шайланган жок.",
    },
    "overview.election.coalition": {
        "en": "The coalition's candidate.",
        "ru": "Кандидат коалиции.",
        "ky": "Коалициянын талапкери.",
    },
    "overview.election.leader": {
        "en": "The leading candidate (the coalition has no candidate here).",
        "ru": "Лидер голосования (у коалиции здесь нет кандидата).",
        "ky": "Алдыда келе жаткан талапкер (бул жерде коалициянын талапкери жок).",
    },
    "overview.election.seats": {
        "en": "Seats won by the coalition's candidates: {won} of {decided} decided elections.",
        "ru": "Мест у кандидатов коалиции: {won} из {decided} завершённых выборов.",
        "ky": "Коалициянын талапкерлери алган орундар: {decided} аяктаган шайлоонун {won}.",
    },
    "overview.election.none": {
        "en": "No votes have been recorded yet.",
        "ru": "Голоса пока не внесены.",
        "ky": "Добуштар азырынча киргизиле элек.",
    },
    "overview.go.votes": {
        "en": "See the votes",
        "ru": "Смотреть голосование",
        "ky": "Добуш берүүнү көрүү",
    },
    "overview.strategy.heading": {
        "en": "Strategy",
        "ru": "Стратегия",
        "ky": "Стратегия",
    },
    "overview.strategy.done": {
        "en": "Milestones done",
        "ru": "Этапов выполнено",
        "ky": "Аткарылган этаптар",
    },
    "overview.strategy.done_help": {
        "en": "Cancelled milestones are left out.",
        "ru": "Отменённые этапы не учитываются.",
        "ky": "Жокко чыгарылган этаптар эсепке алынбайт.",
    },
    "overview.strategy.overdue": {
        "en": "Overdue",
        "ru": "Просрочено",
        "ky": "Мөөнөтү өткөн",
    },
    "overview.strategy.total": {
        "en": "Milestones in the plan",
        "ru": "Этапов в плане",
        "ky": "Пландагы этаптар",
    },
    "overview.strategy.none_overdue": {
        "en": "Nothing is overdue.",
        "ru": "Просроченных этапов нет.",
        "ky": "Мөөнөтү өткөн этаптар жок.",
    },
    "overview.col.id": {"en": "Id", "ru": "Код", "ky": "Код"},
    "overview.col.milestone": {"en": "Milestone", "ru": "Этап", "ky": "Этап"},
    "overview.col.lead": {"en": "Lead", "ru": "Ответственный", "ky": "Жооптуу"},
    "overview.col.due": {"en": "Due", "ru": "Срок", "ky": "Мөөнөтү"},
    "overview.col.days_late": {"en": "Days late", "ru": "Дней просрочки", "ky": "Кечиккен күндөр"},
    "overview.col.community": {"en": "Community", "ru": "Сообщество", "ky": "Жамаат"},
    "overview.col.organisations": {"en": "Organisations", "ru": "Организации", "ky": "Уюмдар"},
    "overview.go.strategy": {
        "en": "Open the strategy",
        "ru": "Открыть стратегию",
        "ky": "Стратегияны ачуу",
    },
    "overview.members.heading": {
        "en": "Coalition members",
        "ru": "Участники коалиции",
        "ky": "Коалициянын мүчөлөрү",
    },
    "overview.members.members": {
        "en": "Member organisations",
        "ru": "Организации-члены",
        "ky": "Мүчө уюмдар",
    },
    "overview.members.candidates": {
        "en": "Candidate members",
        "ru": "Кандидаты в члены",
        "ky": "Мүчөлүккө талапкерлер",
    },
    "overview.go.health": {
        "en": "Check the sheet",
        "ru": "Проверить таблицу",
        "ky": "Таблицаны текшерүү",
    },
    "overview.problems": {
        "en": "{errors} values in the sheet could not be used.",
        "ru": "Значений в таблице, которые не удалось использовать: {errors}.",
        "ky": "Таблицадагы колдонулбай калган маанилер: {errors}.",
    },
}
