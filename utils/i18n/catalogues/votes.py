"""Messages of the votes area: {key: {"en": …, "ru": …, "ky": …}}."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- Page ---------------------------------------------------------------------------------
    "votes.title": {
        "en": "Votes: election results",
        "ru": "Голосование: итоги выборов",
        "ky": "Добуш берүү: шайлоонун жыйынтыктары",
    },
    "votes.pick_election": {"en": "Election", "ru": "Выборы", "ky": "Шайлоо"},
    "votes.open_elsewhere": {
        "en": "Voting is open in “{title}”: choose it above to follow the count.",
        "ru": "Идёт голосование «{title}»: выберите его выше, чтобы следить за подсчётом.",
        "ky": "«{title}» шайлоосунда добуш берүү жүрүүдө: эсепти көрүү үчүн аны жогортон тандаңыз.",
    },
    "votes.pick_round": {"en": "Round", "ru": "Тур", "ky": "Тур"},
    "votes.status_line": {
        "en": "**Status:** {status} · **Body:** {body} · **Date:** {date}",
        "ru": "**Статус:** {status} · **Орган:** {body} · **Дата:** {date}",
        "ky": "**Абалы:** {status} · **Орган:** {body} · **Күнү:** {date}",
    },
    "votes.status.unknown": {
        "en": "not given",
        "ru": "не указан",
        "ky": "көрсөтүлгөн эмес",
    },
    "votes.open_note": {
        "en": "Voting is still open: every figure below is provisional.",
        "ru": "Голосование ещё идёт: все цифры ниже предварительные.",
        "ky": "Добуш берүү уланууда: төмөнкү сандардын баары алдын ала.",
    },
    "votes.closed_note": {
        "en": "Voting is closed; the results are not yet certified.",
        "ru": "Голосование закрыто; итоги ещё не утверждены.",
        "ky": "Добуш берүү жабылды; жыйынтыктар азырынча бекитиле элек.",
    },
    "votes.notes": {
        "en": "Note from the sheet: {notes}",
        "ru": "Примечание из таблицы: {notes}",
        "ky": "Таблицадагы эскертүү: {notes}",
    },
    "votes.no_votes_yet": {
        "en": "No votes are recorded for this election yet.",
        "ru": "Голоса по этим выборам ещё не внесены.",
        "ky": "Бул шайлоо боюнча добуштар азырынча жазыла элек.",
    },
    # --- Results ------------------------------------------------------------------------------
    "votes.results.header": {"en": "Result", "ru": "Итог", "ky": "Жыйынтык"},
    "votes.results.caption": {
        "en": "Shares are of the votes cast for candidates; blank and invalid ballots are counted "
        "in the turnout only.",
        "ru": "Доли считаются от голосов, поданных за кандидатов; пустые и недействительные "
        "бюллетени учитываются только в явке.",
        "ky": "Үлүштөр талапкерлерге берилген добуштардан эсептелет; бош жана жараксыз "
        "бюллетендер катышууда гана эсепке алынат.",
    },
    "votes.metric.turnout": {"en": "Turnout", "ru": "Явка", "ky": "Катышуу"},
    "votes.metric.turnout_help": {
        "en": "{ballots} ballots counted of {eligible} eligible voters.",
        "ru": "Подсчитано бюллетеней: {ballots} из {eligible} избирателей с правом голоса.",
        "ky": "Эсептелген бюллетендер: добуш берүү укугу бар {eligible} шайлоочудан {ballots}.",
    },
    "votes.metric.turnout_unknown": {
        "en": "The number of eligible voters is not recorded, so turnout cannot be computed.",
        "ru": "Число избирателей не указано, поэтому явку посчитать нельзя.",
        "ky": "Шайлоочулардын саны көрсөтүлгөн эмес, ошондуктан катышууну эсептөөгө болбойт.",
    },
    "votes.metric.valid": {
        "en": "Votes for candidates",
        "ru": "Голосов за кандидатов",
        "ky": "Талапкерлерге добуштар",
    },
    "votes.metric.blank": {
        "en": "Blank ballots",
        "ru": "Пустые бюллетени",
        "ky": "Бош бюллетендер",
    },
    "votes.metric.invalid": {
        "en": "Invalid ballots",
        "ru": "Недействительные",
        "ky": "Жараксыз бюллетендер",
    },
    "votes.metric.not_recorded": {
        "en": "not recorded",
        "ru": "не указано",
        "ky": "көрсөтүлгөн эмес",
    },
    "votes.and": {"en": " and ", "ru": " и ", "ky": " жана "},
    "votes.outcome.no_votes": {
        "en": "No votes are recorded for this round yet.",
        "ru": "Голоса в этом туре ещё не внесены.",
        "ky": "Бул турда добуштар азырынча жазыла элек.",
    },
    "votes.outcome.no_majority": {
        "en": "No majority: no candidate reached the {threshold} threshold, so nobody is elected "
        "in this round.",
        "ru": "Большинства нет: ни один кандидат не набрал порог {threshold}, поэтому в этом туре "
        "никто не избран.",
        "ky": "Көпчүлүк жок: бир да талапкер {threshold} босогосуна жеткен жок, ошондуктан бул "
        "турда эч ким шайланган жок.",
    },
    "votes.outcome.no_majority_next": {
        "en": "No majority: no candidate reached the {threshold} threshold, so the election went "
        "to round {next}.",
        "ru": "Большинства нет: ни один кандидат не набрал порог {threshold}, поэтому состоялся "
        "тур {next}.",
        "ky": "Көпчүлүк жок: бир да талапкер {threshold} босогосуна жеткен жок, ошондуктан "
        "{next}-тур өттү.",
    },
    "votes.outcome.tie": {
        "en": "Tie: {names} have the same number of votes, so the count does not decide who "
        "takes the last seat.",
        "ru": "Ничья: у кандидатов {names} поровну голосов, поэтому подсчёт не определяет, кому "
        "достаётся последнее место.",
        "ky": "Тең: {names} бирдей добуш алышты, ошондуктан акыркы орунду ким аларын эсеп "
        "аныктабайт.",
    },
    "votes.outcome.elected_before_tie": {
        "en": "Elected: {names}.",
        "ru": "Избраны: {names}.",
        "ky": "Шайланды: {names}.",
    },
    "votes.outcome.winner_share": {
        "en": "{name} ({share})",
        "ru": "{name} ({share})",
        "ky": "{name} ({share})",
    },
    "votes.outcome.elected": {
        "en": "Winner: {names}.",
        "ru": "Победитель — {names}.",
        "ky": "Жеңүүчү — {names}.",
    },
    "votes.outcome.elected_many": {
        "en": "Winners: {names}.",
        "ru": "Победители — {names}.",
        "ky": "Жеңүүчүлөр — {names}.",
    },
    "votes.outcome.leading": {
        "en": "Voting is still open; leading so far: {names}.",
        "ru": "Голосование ещё идёт; пока лидирует {names}.",
        "ky": "Добуш берүү уланууда; азырынча алдыда: {names}.",
    },
    "votes.outcome.leading_many": {
        "en": "Voting is still open; leading so far: {names}.",
        "ru": "Голосование ещё идёт; пока лидируют {names}.",
        "ky": "Добуш берүү уланууда; азырынча алдыда: {names}.",
    },
    "votes.outcome.threshold_rule": {
        "en": "To win, a candidate needs {threshold} of the votes cast for candidates.",
        "ru": "Для победы нужно {threshold} голосов, поданных за кандидатов.",
        "ky": "Жеңиш үчүн талапкерлерге берилген добуштардын {threshold} керек.",
    },
    "votes.outcome.plurality_rule": {
        "en": "No threshold is set: the seats go to the candidates with the most votes "
        "(seats: {seats}).",
        "ru": "Порог не задан: места получают кандидаты с наибольшим числом голосов "
        "(мест: {seats}).",
        "ky": "Босого белгиленген эмес: орундарды эң көп добуш алган талапкерлер алат "
        "(орундар: {seats}).",
    },
    "votes.outcome.unfilled": {
        "en": "Seats left empty because nobody else reached {threshold}: {seats}.",
        "ru": "Мест осталось незанятыми, потому что больше никто не набрал {threshold}: {seats}.",
        "ky": "Башка эч ким {threshold} жыйнабагандыктан бош калган орундар: {seats}.",
    },
    "votes.community.absent": {
        "en": "The coalition's candidate {name} has no votes recorded in this round.",
        "ru": "У кандидата коалиции {name} нет внесённых голосов в этом туре.",
        "ky": "Бул турда коалициянын талапкери {name} үчүн добуштар жазылган эмес.",
    },
    "votes.community.won": {
        "en": "The coalition's candidate {name} won the seat with {share} of the votes.",
        "ru": "Кандидат коалиции {name} получает место: {share} голосов.",
        "ky": "Коалициянын талапкери {name} орунга ээ болду: добуштардын {share}.",
    },
    "votes.community.leading": {
        "en": "The coalition's candidate {name} is among the leaders with {share} (voting "
        "still open).",
        "ru": "Кандидат коалиции {name} среди лидеров: {share} голосов (голосование ещё идёт).",
        "ky": "Коалициянын талапкери {name} алдыдагылардын катарында: {share} (добуш берүү "
        "уланууда).",
    },
    "votes.community.tied": {
        "en": "The coalition's candidate {name} is level with another candidate at {share}.",
        "ru": "У кандидата коалиции {name} столько же голосов, сколько у соперника: {share}.",
        "ky": "Коалициянын талапкери {name} башка талапкер менен тең: {share}.",
    },
    "votes.community.lost": {
        "en": "The coalition's candidate {name} was not elected: place {rank} with {share} of "
        "the votes.",
        "ru": "Кандидат коалиции {name} не избран: {rank}-е место, {share} голосов.",
        "ky": "Коалициянын талапкери {name} шайланган жок: {rank}-орун, добуштардын {share}.",
    },
    "votes.community.placed": {
        "en": "The coalition's candidate {name} came in place {rank} with {share} of the votes.",
        "ru": "Кандидат коалиции {name} на {rank}-м месте: {share} голосов.",
        "ky": "Коалициянын талапкери {name} {rank}-орунда: добуштардын {share}.",
    },
    "votes.change.since_round": {
        "en": "since round {round}",
        "ru": "по сравнению с туром {round}",
        "ky": "{round}-тур менен салыштырганда",
    },
    "votes.change.since_election": {
        "en": "since the previous election ({title})",
        "ru": "по сравнению с прошлыми выборами («{title}»)",
        "ky": "мурунку шайлоо менен салыштырганда («{title}»)",
    },
    "votes.change.up": {
        "en": "The coalition candidate's share rose by {points} percentage points {since}.",
        "ru": "Доля кандидата коалиции выросла на {points} п. п. {since}.",
        "ky": "Коалициянын талапкеринин үлүшү {since} {points} пайыздык пунктка өстү.",
    },
    "votes.change.down": {
        "en": "The coalition candidate's share fell by {points} percentage points {since}.",
        "ru": "Доля кандидата коалиции снизилась на {points} п. п. {since}.",
        "ky": "Коалициянын талапкеринин үлүшү {since} {points} пайыздык пунктка азайды.",
    },
    "votes.change.same": {
        "en": "The coalition candidate's share is unchanged {since}.",
        "ru": "Доля кандидата коалиции не изменилась {since}.",
        "ky": "Коалициянын талапкеринин үлүшү {since} өзгөргөн жок.",
    },
    # --- Breakdown ----------------------------------------------------------------------------
    "votes.breakdown.header": {
        "en": "Who voted for whom",
        "ru": "Кто за кого голосовал",
        "ky": "Ким кимге добуш берди",
    },
    "votes.breakdown.none": {
        "en": "The votes of this round are not broken down by voter group.",
        "ru": "Голоса этого тура не разбиты по группам избирателей.",
        "ky": "Бул турдун добуштары шайлоочулардын топтору боюнча бөлүнгөн эмес.",
    },
    "votes.breakdown.hidden_note": {
        "en": "Counts below {k} are shown as “<{k}”; a “*” is hidden so that the totals cannot "
        "give a small count away. Shares built on hidden counts are hidden too.",
        "ru": "Числа меньше {k} показаны как «<{k}»; «*» скрыто, чтобы итоги не выдали малое "
        "число. Доли по скрытым числам тоже скрыты.",
        "ky": "{k}дан аз сандар «<{k}» деп көрсөтүлөт; «*» жыйынтыктар аз санды билдирип "
        "койбошу үчүн жашырылган. Жашырылган сандардан эсептелген үлүштөр да жашырылган.",
    },
    "votes.group.unstated": {
        "en": "Group not stated",
        "ru": "Группа не указана",
        "ky": "Топ көрсөтүлгөн эмес",
    },
    # --- Tally over time ----------------------------------------------------------------------
    "votes.time.header": {
        "en": "The count over time",
        "ru": "Ход подсчёта",
        "ky": "Эсептөөнүн жүрүшү",
    },
    "votes.time.none": {
        "en": "The votes of this round carry no times, so the count cannot be shown over time.",
        "ru": "У голосов этого тура нет времени подсчёта, поэтому ход подсчёта показать нельзя.",
        "ky": "Бул турдун добуштарында убакыт жок, ошондуктан эсептөөнүн жүрүшүн көрсөтүүгө "
        "болбойт.",
    },
    "votes.time.never": {
        "en": "{name}'s running share never reached the {threshold} threshold during the count.",
        "ru": "Текущая доля кандидата {name} за время подсчёта ни разу не достигла порога "
        "{threshold}.",
        "ky": "Эсептөө учурунда {name} талапкеринин үлүшү {threshold} босогосуна бир да жолу "
        "жеткен жок.",
    },
    "votes.time.from_start": {
        "en": "{name} was above the {threshold} threshold from the first batch counted ({share}).",
        "ru": "Кандидат {name} был выше порога {threshold} с первой подсчитанной партии ({share}).",
        "ky": "{name} биринчи эсептелген топтон тартып эле {threshold} босогосунан жогору болду "
        "({share}).",
    },
    "votes.time.crossed": {
        "en": "{name} crossed the {threshold} threshold at {time}, {elapsed} after the first "
        "votes were counted, with {share} of the votes.",
        "ru": "{name}: порог {threshold} пройден в {time} ({share} голосов); с начала подсчёта "
        "прошло: {elapsed}.",
        "ky": "{name} {time} {threshold} босогосунан өттү (добуштардын {share}); эсептөө "
        "башталгандан бери: {elapsed}.",
    },
    "votes.time.within": {
        "en": "Within {hours} of the first count, {name} had reached {level} of the votes "
        "({share} at {time}).",
        "ru": "За {hours} с начала подсчёта кандидат {name} набрал(а) {level} голосов "
        "({share} в {time}).",
        "ky": "Эсептөө башталгандан {hours} ичинде {name} добуштардын {level} жыйнады "
        "({time}: {share}).",
    },
    "votes.time.within_held": {
        "en": "Within {hours} of the first count, {name} had reached {level} of the votes "
        "({share} at {time}) and never fell below it again.",
        "ru": "За {hours} с начала подсчёта кандидат {name} набрал(а) {level} голосов "
        "({share} в {time}) и больше не опускался(ась) ниже.",
        "ky": "Эсептөө башталгандан {hours} ичинде {name} добуштардын {level} жыйнады "
        "({time}: {share}) жана андан кийин мындан төмөн түшкөн жок.",
    },
    "votes.time.final": {
        "en": "Final count: {name} {share} of the votes.",
        "ru": "Окончательный подсчёт: {name} — {share} голосов.",
        "ky": "Акыркы эсеп: {name} — добуштардын {share}.",
    },
    "votes.time.untimed_note": {
        "en": "{rows} rows of this round have no time and are left out of this chart.",
        "ru": "Строк этого тура без времени: {rows}; они не вошли в этот график.",
        "ky": "Бул турдун убакыты жок саптары: {rows}; алар бул графикке кирген жок.",
    },
    # --- Status and integrity ------------------------------------------------------------------
    "votes.checks.header": {
        "en": "Checks of the count",
        "ru": "Проверка подсчёта",
        "ky": "Эсептин текшерүүсү",
    },
    "votes.checks.ok": {
        "en": "The count of this election passes every check: ballots within the eligible "
        "voters, no unknown candidate, totals agree.",
        "ru": "Подсчёт этих выборов прошёл все проверки: бюллетеней не больше, чем избирателей, "
        "неизвестных кандидатов нет, итоги сходятся.",
        "ky": "Бул шайлоонун эсеби бардык текшерүүдөн өттү: бюллетендер шайлоочулардан ашпайт, "
        "белгисиз талапкер жок, жыйынтыктар дал келет.",
    },
    "votes.checks.other": {
        "en": "Problems in other elections: {n}",
        "ru": "Проблемы в других выборах: {n}",
        "ky": "Башка шайлоолордогу көйгөйлөр: {n}",
    },
    "votes.checks.rules": {
        "en": "An unknown candidate is a name with votes in a later round that is not among the "
        "candidates of the first round. The totals of the elections tab are compared with the "
        "final round.",
        "ru": "Неизвестный кандидат — имя с голосами в следующем туре, которого нет среди "
        "кандидатов первого тура. Итоги вкладки elections сравниваются с последним туром.",
        "ky": "Белгисиз талапкер — кийинки турда добуш алган, бирок биринчи турдун "
        "талапкерлеринин арасында жок ат. elections барагынын жыйынтыктары акыркы тур менен "
        "салыштырылат.",
    },
    "votes.issue.where_round": {
        "en": "{title}, round {round}",
        "ru": "{title}, тур {round}",
        "ky": "{title}, {round}-тур",
    },
    "votes.issue.where": {"en": "{title}", "ru": "{title}", "ky": "{title}"},
    "votes.issue.over_eligible": {
        "en": "{counted} ballots are recorded, more than the {eligible} eligible voters.",
        "ru": "записано бюллетеней: {counted} — больше, чем избирателей с правом голоса "
        "({eligible}).",
        "ky": "{counted} бюллетень жазылган — добуш берүү укугу бар шайлоочулардан ({eligible}) "
        "көп.",
    },
    "votes.issue.unknown_candidate": {
        "en": "votes for {names}, who is not among the candidates of round {first}. Check the "
        "spelling of the name.",
        "ru": "есть голоса за {names}, кого нет среди кандидатов тура {first}. Проверьте "
        "написание имени.",
        "ky": "{names} үчүн добуштар бар, бирок ал {first}-турдун талапкерлеринин арасында жок. "
        "Аты-жөнүнүн жазылышын текшериңиз.",
    },
    "votes.issue.totals_mismatch": {
        "en": "the elections tab records {recorded} ballots, but the votes tab adds up to "
        "{counted} (votes for candidates plus blank and invalid ballots).",
        "ru": "во вкладке elections указано бюллетеней: {recorded}, а по вкладке votes "
        "получается {counted} (голоса за кандидатов, пустые и недействительные).",
        "ky": "elections барагында {recorded} бюллетень көрсөтүлгөн, ал эми votes барагы боюнча "
        "{counted} чыгат (талапкерлерге добуштар, бош жана жараксыз бюллетендер).",
    },
    "votes.issue.community_missing": {
        "en": "the coalition's candidate {name} (elections tab) has no rows in the votes tab. "
        "Check the spelling of the name.",
        "ru": "у кандидата коалиции {name} (вкладка elections) нет строк во вкладке votes. "
        "Проверьте написание имени.",
        "ky": "коалициянын талапкери {name} (elections барагы) votes барагында жок. Аты-жөнүнүн "
        "жазылышын текшериңиз.",
    },
    "votes.issue.untimed": {
        "en": "{rows} rows have no time while the others do, so the count over time leaves "
        "them out.",
        "ru": "у {rows} строк нет времени, хотя у остальных есть, поэтому ход подсчёта их не "
        "учитывает.",
        "ky": "{rows} саптын убакыты жок (калгандарында бар), ошондуктан эсептөөнүн жүрүшү "
        "аларды эсепке албайт.",
    },
    # --- Several elections --------------------------------------------------------------------
    "votes.list.header": {
        "en": "All elections and the coalition's record",
        "ru": "Все выборы и результаты коалиции",
        "ky": "Бардык шайлоолор жана коалициянын жыйынтыктары",
    },
    "votes.record.summary": {
        "en": "The coalition's candidates won {won} of {decided} decided elections.",
        "ru": "Кандидаты коалиции победили на {won} из {decided} завершённых выборов.",
        "ky": "Коалициянын талапкерлери аяктаган {decided} шайлоонун {won} шайлоосунда жеңди.",
    },
    "votes.record.title": {
        "en": "The coalition's candidates over time",
        "ru": "Кандидаты коалиции по годам",
        "ky": "Коалициянын талапкерлери убакыт боюнча",
    },
    "votes.record.share": {
        "en": "Coalition candidate's share",
        "ru": "Доля кандидата коалиции",
        "ky": "Коалициянын талапкеринин үлүшү",
    },
    "votes.record.share_axis": {
        "en": "Share of the vote (final round)",
        "ru": "Доля голосов (последний тур)",
        "ky": "Добуштардын үлүшү (акыркы тур)",
    },
    "votes.record.threshold": {"en": "Threshold", "ru": "Порог", "ky": "Босого"},
    "votes.record.won": {"en": "won", "ru": "победа", "ky": "жеңиш"},
    "votes.record.lost": {"en": "not elected", "ru": "не избран(а)", "ky": "шайланган жок"},
    "votes.record.open": {
        "en": "voting open",
        "ru": "идёт голосование",
        "ky": "добуш берүү жүрүүдө",
    },
    "votes.record.no_votes": {
        "en": "no votes yet",
        "ru": "голосов ещё нет",
        "ky": "добуштар азырынча жок",
    },
    # --- Charts -------------------------------------------------------------------------------
    "votes.chart.results_title": {
        "en": "Share of the vote per candidate",
        "ru": "Доля голосов по кандидатам",
        "ky": "Талапкерлер боюнча добуштардын үлүшү",
    },
    "votes.chart.share": {"en": "Share", "ru": "Доля", "ky": "Үлүш"},
    "votes.chart.share_axis": {
        "en": "Share of the votes for candidates",
        "ru": "Доля голосов за кандидатов",
        "ky": "Талапкерлерге берилген добуштардын үлүшү",
    },
    "votes.chart.threshold": {
        "en": "Threshold {threshold}",
        "ru": "Порог {threshold}",
        "ky": "Босого {threshold}",
    },
    "votes.chart.hover_result": {
        "en": "{name}<br>Share: {share}<br>Votes: {votes}",
        "ru": "{name}<br>Доля: {share}<br>Голосов: {votes}",
        "ky": "{name}<br>Үлүш: {share}<br>Добуштар: {votes}",
    },
    "votes.chart.tally_title": {
        "en": "Running share of the vote as the count came in",
        "ru": "Доля голосов по мере подсчёта",
        "ky": "Эсептөөнүн жүрүшүндө добуштардын үлүшү",
    },
    "votes.chart.running_share": {
        "en": "Share of the votes counted so far",
        "ru": "Доля уже подсчитанных голосов",
        "ky": "Эсептелген добуштардын үлүшү",
    },
    "votes.chart.time_axis": {
        "en": "Time of the count",
        "ru": "Время подсчёта",
        "ky": "Эсептөө убакыты",
    },
    "votes.chart.hover_time": {
        "en": "{name}<br>{share} at {time}",
        "ru": "{name}<br>{share} на {time}",
        "ky": "{name}<br>{time} абалы боюнча {share}",
    },
    "votes.chart.crossing": {
        "en": "Threshold crossed",
        "ru": "Порог пройден",
        "ky": "Босогодон өттү",
    },
    "votes.chart.hover_crossing": {
        "en": "{name} crossed the threshold: {share} at {time}",
        "ru": "{name}: порог пройден, {share} на {time}",
        "ky": "{name}: босогодон өттү, {time} абалы боюнча {share}",
    },
    "votes.chart.crossing_label": {
        "en": "{share} at {time}",
        "ru": "{share} в {time}",
        "ky": "{time}: {share}",
    },
    "votes.chart.breakdown_title": {
        "en": "How each voter group split its votes",
        "ru": "Как каждая группа избирателей распределила голоса",
        "ky": "Ар бир шайлоочулар тобу добуштарын кантип бөлдү",
    },
    "votes.chart.group_share_axis": {
        "en": "Share of the group's votes",
        "ru": "Доля голосов группы",
        "ky": "Топтун добуштарынын үлүшү",
    },
    "votes.chart.hover_group": {
        "en": "{group}<br>{name}: {share}",
        "ru": "{group}<br>{name}: {share}",
        "ky": "{group}<br>{name}: {share}",
    },
    "votes.chart.hidden_part": {
        "en": "Hidden (small numbers)",
        "ru": "Скрыто (малые числа)",
        "ky": "Жашырылган (аз сандар)",
    },
    "votes.chart.hover_hidden": {
        "en": "{group}: hidden to protect small numbers",
        "ru": "{group}: скрыто, чтобы защитить малые числа",
        "ky": "{group}: аз сандарды коргоо үчүн жашырылган",
    },
    # --- Tables -------------------------------------------------------------------------------
    "votes.table.candidate": {"en": "Candidate", "ru": "Кандидат", "ky": "Талапкер"},
    "votes.table.org": {"en": "Organisation", "ru": "Организация", "ky": "Уюм"},
    "votes.table.votes": {"en": "Votes", "ru": "Голоса", "ky": "Добуштар"},
    "votes.table.share": {"en": "Share", "ru": "Доля", "ky": "Үлүш"},
    "votes.table.change": {
        "en": "Change, p.p.",
        "ru": "Изменение, п. п.",
        "ky": "Өзгөрүү, п. п.",
    },
    "votes.table.result": {"en": "Result", "ru": "Итог", "ky": "Жыйынтык"},
    "votes.table.elected": {"en": "elected", "ru": "избран(а)", "ky": "шайланды"},
    "votes.table.tied": {"en": "tie", "ru": "ничья", "ky": "тең"},
    "votes.table.voter_group": {
        "en": "Voter group",
        "ru": "Группа избирателей",
        "ky": "Шайлоочулар тобу",
    },
    "votes.table.group_total": {
        "en": "Group total",
        "ru": "Всего в группе",
        "ky": "Топ боюнча бардыгы",
    },
    "votes.table.date": {"en": "Date", "ru": "Дата", "ky": "Күнү"},
    "votes.table.election": {"en": "Election", "ru": "Выборы", "ky": "Шайлоо"},
    "votes.table.body": {"en": "Body", "ru": "Орган", "ky": "Орган"},
    "votes.table.status": {"en": "Status", "ru": "Статус", "ky": "Абалы"},
    "votes.table.community_candidate": {
        "en": "Coalition candidate",
        "ru": "Кандидат коалиции",
        "ky": "Коалициянын талапкери",
    },
    "votes.table.turnout": {"en": "Turnout", "ru": "Явка", "ky": "Катышуу"},
}
