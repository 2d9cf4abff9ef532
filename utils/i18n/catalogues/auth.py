"""Messages of sign-in, roles and the admin page: {key: {"en": …, "ru": …, "ky": …}}."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- Navigation and roles ---------------------------------------------------------------
    "auth.nav.admin": {"en": "Administration", "ru": "Администрирование", "ky": "Башкаруу"},
    "auth.role.public": {"en": "public view", "ru": "публичный просмотр", "ky": "ачык көрүү"},
    "auth.role.viewer": {"en": "viewer", "ru": "просмотр", "ky": "көрүүчү"},
    "auth.role.editor": {"en": "editor", "ru": "редактор", "ky": "редактор"},
    "auth.role.admin": {"en": "administrator", "ru": "администратор", "ky": "администратор"},
    # --- The mode, said in the sidebar of every page ----------------------------------------
    "auth.mode.open": {
        "en": "Open mode: sign-in is not set up, so everyone who opens this address sees every page.",
        "ru": "Открытый режим: вход не настроен, поэтому все, кто откроет этот адрес, видят все страницы.",
        "ky": "Ачык режим: кирүү орнотулган эмес, ошондуктан бул дарекке кирген ар бир адам бардык барактарды көрөт.",
    },
    "auth.mode.public": {
        "en": "Public view: only the figures the coalition has made public. Members sign in to see more.",
        "ru": "Публичный просмотр: только цифры, которые коалиция сделала открытыми. Участники входят, чтобы увидеть больше.",
        "ky": "Ачык көрүү: коалиция ачык деп белгилеген сандар гана. Мүчөлөр көбүрөөк көрүү үчүн кирет.",
    },
    "auth.mode.member": {
        "en": "Signed in as {email} ({role}).",
        "ru": "Вы вошли как {email} ({role}).",
        "ky": "Сиз {email} катары кирдиңиз ({role}).",
    },
    "auth.sign_in": {"en": "Sign in", "ru": "Войти", "ky": "Кирүү"},
    "auth.sign_in_with": {
        "en": "Sign in with {provider}",
        "ru": "Войти через {provider}",
        "ky": "{provider} аркылуу кирүү",
    },
    "auth.sign_out": {"en": "Sign out", "ru": "Выйти", "ky": "Чыгуу"},
    # --- The sign-in page ---------------------------------------------------------------------
    "auth.door.title": {"en": "United Voices", "ru": "Единые голоса", "ky": "Бириккен үндөр"},
    "auth.door.intro": {
        "en": "This dashboard is for members of the coalition. Sign in with the account your coordinator added to the list.",
        "ru": "Эта панель — для участников коалиции. Войдите с учётной записью, которую координатор добавил в список.",
        "ky": "Бул панел коалициянын мүчөлөрү үчүн. Координатор тизмеге кошкон аккаунт менен кириңиз.",
    },
    "auth.door.privacy": {
        "en": "Signing in tells the dashboard your name and e-mail address, and nothing else. They are not stored.",
        "ru": "При входе панель узнаёт только ваше имя и адрес электронной почты. Они не сохраняются.",
        "ky": "Киргенде панел сиздин атыңызды жана электрондук дарегиңизди гана билет. Алар сакталбайт.",
    },
    "auth.no_provider": {
        "en": "Sign-in is switched on but no sign-in provider is set up. Ask the person who maintains the dashboard.",
        "ru": "Вход включён, но способ входа не настроен. Обратитесь к тому, кто поддерживает панель.",
        "ky": "Кирүү күйгүзүлгөн, бирок кирүү ыкмасы орнотулган эмес. Панелди колдогон адамга кайрылыңыз.",
    },
    "auth.sign_in_failed": {
        "en": "Sign-in could not start: it is not set up correctly on the server. The reason has been logged; ask the person who maintains the dashboard.",
        "ru": "Вход не удалось начать: он неправильно настроен на сервере. Причина записана; обратитесь к тому, кто поддерживает панель.",
        "ky": "Кирүүнү баштоого мүмкүн болгон жок: ал серверде туура эмес орнотулган. Себеби жазылды; панелди колдогон адамга кайрылыңыз.",
    },
    "auth.misconfigured": {
        "en": "The dashboard's settings cannot be read, so no data are shown. Ask the person who maintains the dashboard.",
        "ru": "Настройки панели не удаётся прочитать, поэтому данные не показываются. Обратитесь к тому, кто поддерживает панель.",
        "ky": "Панелдин жөндөөлөрүн окуу мүмкүн эмес, ошондуктан маалыматтар көрсөтүлбөйт. Панелди колдогон адамга кайрылыңыз.",
    },
    # --- Signed in, but not allowed -----------------------------------------------------------
    "auth.outsider.title": {
        "en": "Ask your coordinator for access",
        "ru": "Попросите доступ у координатора",
        "ky": "Координатордон уруксат сураңыз",
    },
    "auth.outsider.not_listed": {
        "en": "You are signed in, but this address is not on the dashboard's list. Ask your coalition coordinator to add it, then sign in again.",
        "ru": "Вы вошли, но этого адреса нет в списке панели. Попросите координатора коалиции добавить его и войдите снова.",
        "ky": "Сиз кирдиңиз, бирок бул дарек панелдин тизмесинде жок. Коалициянын координаторунан аны кошууну сурап, кайра кириңиз.",
    },
    "auth.outsider.no_email": {
        "en": "Your account did not tell the dashboard an e-mail address, so it cannot tell whether you may see it. Sign out and use another account, or ask your coordinator.",
        "ru": "Ваша учётная запись не сообщила панели адрес электронной почты, поэтому панель не может проверить доступ. Выйдите и войдите с другой учётной записью или обратитесь к координатору.",
        "ky": "Аккаунтуңуз панелге электрондук даректи билдирген жок, ошондуктан панел уруксатты текшере албайт. Чыгып, башка аккаунт менен кириңиз же координаторго кайрылыңыз.",
    },
    "auth.outsider.unverified": {
        "en": "Your sign-in provider says this e-mail address is not verified. Verify it with the provider, or ask your coordinator.",
        "ru": "Ваш сервис входа сообщает, что этот адрес не подтверждён. Подтвердите его у сервиса или обратитесь к координатору.",
        "ky": "Кирүү кызматыңыз бул дарек ырасталган эмес деп билдирет. Аны кызматта ырастаңыз же координаторго кайрылыңыз.",
    },
    "auth.outsider.address": {
        "en": "The address you signed in with:",
        "ru": "Адрес, с которым вы вошли:",
        "ky": "Сиз кирген дарек:",
    },
    # --- A page the role may not open ---------------------------------------------------------
    "auth.denied": {
        "en": "This page is not part of your access. The pages you may open are in the menu.",
        "ru": "Эта страница не входит в ваш доступ. Доступные страницы — в меню.",
        "ky": "Бул барак сиздин уруксатыңызга кирбейт. Ачууга боло турган барактар менюда.",
    },
    # --- The admin page -----------------------------------------------------------------------
    "auth.admin.title": {"en": "Administration", "ru": "Администрирование", "ky": "Башкаруу"},
    "auth.admin.source_heading": {
        "en": "The data source",
        "ru": "Источник данных",
        "ky": "Маалымат булагы",
    },
    "auth.admin.source": {
        "en": "Source: {source}",
        "ru": "Источник: {source}",
        "ky": "Булак: {source}",
    },
    "auth.admin.requests": {
        "en": "Requests to Google",
        "ru": "Запросы к Google",
        "ky": "Google'га суроо-талаптар",
    },
    "auth.admin.requests_help": {
        "en": "Requests counted against the Sheets API quota since the server started; — when the source is not a Google Sheet.",
        "ru": "Запросы, которые учитываются в квоте Sheets API с запуска сервера; — если источник не Google Таблица.",
        "ky": "Сервер иштей баштагандан бери Sheets API квотасына эсептелген суроо-талаптар; булак Google Таблица болбосо —.",
    },
    "auth.admin.reads": {
        "en": "Successful reads",
        "ru": "Успешные чтения",
        "ky": "Ийгиликтүү окуулар",
    },
    "auth.admin.reads_help": {
        "en": "Times the workbook was read and parsed since the server started.",
        "ru": "Сколько раз таблица была прочитана и разобрана с запуска сервера.",
        "ky": "Сервер иштей баштагандан бери таблица канча жолу окулуп, талдангандыгы.",
    },
    "auth.admin.snapshot_age": {
        "en": "Age of the saved copy",
        "ru": "Возраст сохранённой копии",
        "ky": "Сакталган нускасынын жашы",
    },
    "auth.admin.hours": {"en": "{hours} h", "ru": "{hours} ч", "ky": "{hours} саат"},
    "auth.admin.snapshot_none": {
        "en": "No copy has been saved yet (the sample is never saved).",
        "ru": "Копия ещё не сохранялась (пример никогда не сохраняется).",
        "ky": "Нуска азырынча сакталган жок (үлгү эч качан сакталбайт).",
    },
    "auth.admin.snapshot_at": {
        "en": "Last good copy saved {when}.",
        "ru": "Последняя исправная копия сохранена {when}.",
        "ky": "Акыркы туура нуска {when} сакталды.",
    },
    "auth.admin.last_success": {
        "en": "Last successful read: {when}.",
        "ru": "Последнее успешное чтение: {when}.",
        "ky": "Акыркы ийгиликтүү окуу: {when}.",
    },
    "auth.admin.no_error": {
        "en": "No error since the server started.",
        "ru": "С запуска сервера ошибок не было.",
        "ky": "Сервер иштей баштагандан бери ката болгон жок.",
    },
    "auth.admin.last_error": {
        "en": "Last error, {when}:",
        "ru": "Последняя ошибка, {when}:",
        "ky": "Акыркы ката, {when}:",
    },
    "auth.admin.access_heading": {
        "en": "Who may sign in",
        "ru": "Кто может войти",
        "ky": "Ким кире алат",
    },
    "auth.admin.open_mode": {
        "en": "Sign-in is not set up: the dashboard is open to everyone who has its address. See docs/ACCESS.md to turn it on.",
        "ru": "Вход не настроен: панель открыта всем, у кого есть её адрес. Как включить вход — в docs/ACCESS.md.",
        "ky": "Кирүү орнотулган эмес: панел дареги бар ар бир адамга ачык. Кирүүнү кантип күйгүзүү керек — docs/ACCESS.md.",
    },
    "auth.admin.providers": {
        "en": "Sign-in providers: {names}.",
        "ru": "Способы входа: {names}.",
        "ky": "Кирүү ыкмалары: {names}.",
    },
    "auth.admin.public_on": {
        "en": "The public view is on: people who are not signed in see the public indicators.",
        "ru": "Публичный просмотр включён: не вошедшие видят открытые показатели.",
        "ky": "Ачык көрүү күйгүзүлгөн: кирбеген адамдар ачык көрсөткүчтөрдү көрөт.",
    },
    "auth.admin.public_off": {
        "en": "The public view is off: people who are not signed in see only the sign-in page.",
        "ru": "Публичный просмотр выключен: не вошедшие видят только страницу входа.",
        "ky": "Ачык көрүү өчүрүлгөн: кирбеген адамдар кирүү барагын гана көрөт.",
    },
    "auth.admin.col.address": {
        "en": "Address or @domain",
        "ru": "Адрес или @домен",
        "ky": "Дарек же @домен",
    },
    "auth.admin.col.role": {"en": "Role", "ru": "Роль", "ky": "Ролу"},
    "auth.admin.blocked": {"en": "refused", "ru": "запрещён", "ky": "тыюу салынган"},
    "auth.admin.empty_list": {
        "en": "The allow-list is empty: nobody can see data after signing in.",
        "ru": "Список доступа пуст: после входа никто не увидит данные.",
        "ky": "Уруксат тизмеси бош: киргенден кийин эч ким маалыматты көрбөйт.",
    },
    "auth.admin.problem.bad_address": {
        "en": "Entry {number} of `[access]` is not an e-mail address or @domain and is ignored.",
        "ru": "Запись {number} в `[access]` — не адрес почты и не @домен; она пропущена.",
        "ky": "`[access]` ичиндеги {number}-жазуу электрондук дарек да, @домен да эмес; ал эске алынган жок.",
    },
    "auth.admin.problem.bad_role": {
        "en": "Entry {number} of `[access]` has a role other than `viewer`, `editor`, `admin` or `none` and is ignored.",
        "ru": "У записи {number} в `[access]` роль не `viewer`, `editor`, `admin` или `none`; она пропущена.",
        "ky": "`[access]` ичиндеги {number}-жазуунун ролу `viewer`, `editor`, `admin` же `none` эмес; ал эске алынган жок.",
    },
    "auth.admin.problem.twice": {
        "en": "Entry {number} of `[access]` repeats an address with another role; the lesser role is used.",
        "ru": "Запись {number} в `[access]` повторяет адрес с другой ролью; действует меньшая роль.",
        "ky": "`[access]` ичиндеги {number}-жазуу даректи башка рол менен кайталайт; кичирээк рол колдонулат.",
    },
}
