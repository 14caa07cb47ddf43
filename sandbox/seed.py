"""Deterministic sample data: citizens, cases, hearings and notices from a seed and an anchor date.

The same seed always gives the same people and case structure; the anchor date only moves the
dates, so the seeded history ends the day before the anchor and upcoming hearings follow it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass, field

from . import vocabulary as vocab
from .config import TEHRAN
from .model import Case, Citizen, Court, Document, Hearing, Notice, Party
from .pdf import notice_document
from .persian import grouped_rials, jalali_datetime, jalali_year, national_code_check_digit, persian_digits

CITIZEN_COUNT = 50
CASE_COUNT = 300
LAWYER_COUNT = 5
WORKING_WEEKDAYS = {5, 6, 0, 1, 2}  # Saturday to Wednesday
SAMPLE_FOOTER = "— داده‌های نمونه سامانه آزمایشی؛ این متن اعتبار قضایی ندارد."

STATUS_WEIGHTS = {
    "registered": 5, "referred": 10, "in_progress": 38, "decided": 14,
    "appeal": 8, "enforcement": 10, "closed": 15,
}


@dataclass
class SeedData:
    citizens: list[Citizen]
    cases: dict[str, Case]
    hearings: dict[str, Hearing]
    notices: dict[str, Notice]
    documents: dict[str, bytes] = field(default_factory=dict)  # document id -> PDF bytes


def citizen_sub(seed: int, national_code: str) -> str:
    """A stable pseudonymous subject per citizen: not the national code, not reversible."""
    return "cit-" + hashlib.sha256(f"{seed}:{national_code}".encode()).hexdigest()[:12]


def tehran_instant(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TEHRAN).astimezone(dt.UTC)


def next_working_day(day: dt.date) -> dt.date:
    while day.weekday() not in WORKING_WEEKDAYS:
        day += dt.timedelta(days=1)
    return day


def generate(seed: int, anchor: dt.date) -> SeedData:
    return _Generator(seed, anchor).run()


class _Generator:
    def __init__(self, seed: int, anchor: dt.date):
        self.seed = seed
        self.anchor = anchor
        self.rng = random.Random(seed)
        self.citizens: list[Citizen] = []
        self.home: dict[str, int] = {}  # sub -> index into PLACES
        self.cases: dict[str, Case] = {}
        self.hearings: dict[str, Hearing] = {}
        self.notices: dict[str, Notice] = {}
        self.documents: dict[str, bytes] = {}
        self.used_names: set[str] = set()

    def run(self) -> SeedData:
        self._make_citizens()
        self._make_persona_cases()
        self._make_other_cases()
        self._make_notices()
        from .seed_deadlines import add_deadline_samples  # it builds on this generator

        add_deadline_samples(self)
        return SeedData(self.citizens, self.cases, self.hearings, self.notices, self.documents)

    # people --------------------------------------------------------------------------------------
    def _person_name(self, gender: str) -> str:
        given = vocab.FEMALE_GIVEN_NAMES if gender == "f" else vocab.MALE_GIVEN_NAMES
        while True:
            name = f"{self.rng.choice(given)} {self.rng.choice(vocab.FAMILY_NAMES)}"
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    def _national_code(self, taken: set[str]) -> str:
        while True:
            first_nine = f"{self.rng.randrange(10**9):09d}"
            code = first_nine + str(national_code_check_digit(first_nine))
            if len(set(code)) > 1 and code not in taken:
                taken.add(code)
                return code

    def _make_citizens(self) -> None:
        taken: set[str] = set()
        for index in range(CITIZEN_COUNT):
            gender = "f" if index == 0 else self.rng.choice("fm")
            given, family = self._person_name(gender).split(" ", 1)
            code = self._national_code(taken)
            mobile = self.rng.choice(vocab.MOBILE_PREFIXES) + f"{self.rng.randrange(10**7):07d}"
            citizen = Citizen(
                sub=citizen_sub(self.seed, code), national_code=code, given_name=given, family_name=family,
                mobile=mobile, gender=gender, is_lawyer=index >= CITIZEN_COUNT - LAWYER_COUNT,
            )
            self.citizens.append(citizen)
            self.home[citizen.sub] = self.rng.randrange(len(vocab.PLACES))

    # cases ---------------------------------------------------------------------------------------
    def _make_persona_cases(self) -> None:
        """The first citizen is the demo persona: several roles, a hearing soon, unread notices."""
        persona = self.citizens[0]
        husband = next(c for c in self.citizens[1:] if c.gender == "m" and not c.is_lawyer)
        soon = next_working_day(self.anchor + dt.timedelta(days=1))
        self._case("check_complaint", persona, "complainant", status="in_progress", criminal=True,
                   future=tehran_instant(soon, 9, 30))
        self._case("mahr_claim", persona, "claimant", counterpart=husband, status="in_progress",
                   future=tehran_instant(next_working_day(self.anchor + dt.timedelta(days=16)), 10, 0))
        self._case("check_complaint", persona, "accused", status="referred", criminal=True)
        self._case("damages", persona, "defendant", status="in_progress", lawyer=self.citizens[-1])
        self._case("price_refund", persona, "claimant", status="decided")
        self._case("movable_property_return", persona, "defendant", status="closed")

    def _make_other_cases(self) -> None:
        others = self.citizens[1:]
        subjects = list(vocab.SUBJECT_WEIGHTS)
        weights = list(vocab.SUBJECT_WEIGHTS.values())
        while len(self.cases) < CASE_COUNT:
            index = len(self.cases)
            # every citizen gets at least two cases of their own, the rest at random
            main = others[index % len(others)] if index < 2 * len(others) else self.rng.choice(others)
            subject = self.rng.choices(subjects, weights)[0]
            counterpart = None
            if self.rng.random() < 0.12:
                counterpart = self._pick_counterpart(main, subject)
            lawyer = None
            if self.rng.random() < 0.3:
                lawyers = [c for c in self.citizens if c.is_lawyer and c is not main and c is not counterpart]
                lawyer = self.rng.choice(lawyers) if self.rng.random() < 0.6 else "outsider"
            self._case(subject, main, None, counterpart=counterpart, lawyer=lawyer)

    def _pick_counterpart(self, main: Citizen, subject: str) -> Citizen | None:
        wanted = None
        if subject in vocab.FAMILY_FILER:
            wanted = "m" if main.gender == "f" else "f"
        pool = [c for c in self.citizens if c is not main and not c.is_lawyer and (wanted in (None, c.gender))]
        return self.rng.choice(pool) if pool else None

    def _roles(self, subject: str, main: Citizen, criminal: bool) -> tuple[str, str]:
        if criminal:
            return self.rng.choice((("complainant", "accused"), ("accused", "complainant")))
        if subject in vocab.FAMILY_FILER:
            filer = vocab.FAMILY_FILER[subject]
            return ("claimant", "defendant") if main.gender == filer else ("defendant", "claimant")
        return self.rng.choice((("claimant", "defendant"), ("defendant", "claimant")))

    def _court(self, subject: str, main: Citizen, criminal: bool) -> tuple[Court, int]:
        """A branch in the citizen's home city most of the time; every city hosts every kind of court."""
        kind = vocab.PROSECUTOR if criminal else (
            vocab.FAMILY_COURT if subject in vocab.FAMILY_FILER else vocab.CIVIL_COURT)
        place = self.home[main.sub] if self.rng.random() < 0.8 else self.rng.randrange(len(vocab.PLACES))
        province, city, complexes = vocab.PLACES[place]
        complex_name, address, _ = self.rng.choice([c for c in complexes if kind in c[2]])
        if criminal:
            branch = f"شعبه {persian_digits(self.rng.randint(1, 40))} {self.rng.choice(('بازپرسی', 'دادیاری'))}"
        else:
            branch = f"شعبه {persian_digits(self.rng.randint(1, 30 if kind == vocab.FAMILY_COURT else 120))}"
        return Court(complex_name, f"{kind} {city}", branch, address, city, province), place

    def _title(self, subject: str, criminal: bool) -> str:
        rng = self.rng
        amount = grouped_rials(rng.randrange(20, 900) * 10_000_000)
        coins = persian_digits(rng.choice((14, 40, 72, 110, 114, 313, 500)))
        titles = {
            "check_complaint": (f"شکایت صدور چک بلامحل به مبلغ {amount} ریال" if criminal
                                else f"مطالبه وجه چک به مبلغ {amount} ریال"),
            "price_refund": f"استرداد ثمن معامله {rng.choice(('خودرو', 'آپارتمان', 'زمین', 'تلفن همراه'))}",
            "movable_property_return": "استرداد مال منقول ("
            + rng.choice(("یک دستگاه خودروی سواری", "لوازم منزل", "دستگاه‌های کارگاه")) + ")",
            "alimony": f"مطالبه نفقه معوقه {persian_digits(rng.randint(3, 24))} ماه",
            "marriage_registration": "ثبت واقعه ازدواج دائم",
            "marriage_wages": "مطالبه اجرت‌المثل ایام زوجیت",
            "divorce_husband": "صدور حکم طلاق به درخواست زوج",
            "dowry_goods_return": "استرداد جهیزیه طبق سیاهه پیوست",
            "mahr_installments": f"تقسیط مهریه ({coins} سکه بهار آزادی)",
            "mahr_insolvency": f"اعسار از پرداخت مهریه ({coins} سکه بهار آزادی)",
            "mahr_claim": f"مطالبه مهریه ({coins} سکه بهار آزادی)",
            "attorney_fee": f"مطالبه حق‌الوکاله به مبلغ {amount} ریال",
            "damages": "مطالبه خسارت ناشی از " + rng.choice(
                ("تصادف رانندگی", "تأخیر در انجام تعهد", "آب‌گرفتگی واحد مسکونی", "عدم ایفای تعهد قراردادی")),
            "second_marriage_permission": "تجویز ازدواج مجدد",
        }
        return titles[subject]

    def _case(self, subject, main, main_role, *, counterpart=None, lawyer=None, status=None,
              criminal=None, future=None) -> Case:
        rng = self.rng
        if criminal is None:
            criminal = subject == "check_complaint" and rng.random() < 0.6
        role, other_role = self._roles(subject, main, criminal)
        if main_role:
            role = main_role
            other_role = {"claimant": "defendant", "defendant": "claimant",
                          "complainant": "accused", "accused": "complainant"}[role]
        if status is None:
            status = rng.choices(list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values()))[0]
        parties = [Party(main.name, role, main.national_code, main.sub)]
        if counterpart is not None:
            parties.append(Party(counterpart.name, other_role, counterpart.national_code, counterpart.sub))
        elif subject in vocab.FAMILY_FILER:
            parties.append(Party(self._person_name("m" if main.gender == "f" else "f"), other_role))
        elif subject in ("price_refund", "damages") and rng.random() < 0.3:
            parties.append(Party(rng.choice(vocab.COMPANIES), other_role))
        else:
            parties.append(Party(self._person_name(rng.choice("fm")), other_role))
        if isinstance(lawyer, Citizen):
            parties.append(Party(lawyer.name, "lawyer", lawyer.national_code, lawyer.sub))
        elif lawyer == "outsider":
            parties.append(Party(self._person_name(rng.choice("fm")), "lawyer"))

        number = len(self.cases) + 1
        court, place = self._court(subject, main, criminal)
        case = Case(
            id=f"c-{number:06d}", case_number="", archive_number="", tracking_code=None, subject=subject,
            title=self._title(subject, criminal), status=status, court=court, parties=parties,
        )
        self._history(case, criminal, future)
        year = jalali_year(case.timeline[0].at.astimezone(TEHRAN).date())
        unit = 1000 + place * 37
        case.case_number = f"{year}{unit:04d}{rng.randint(10, 99)}{number:06d}"
        case.archive_number = f"{year % 100:02d}{rng.randint(100, 99999):05d}"
        if rng.random() < 0.7:
            case.tracking_code = f"{year}{rng.randrange(10**9, 10**10)}"
        self._title_registration(case, criminal)
        self.cases[case.id] = case
        return case

    # history -------------------------------------------------------------------------------------
    def _history(self, case: Case, criminal: bool, future: dt.datetime | None) -> None:
        """Lay out the case's past as dated steps that all end before the anchor date."""
        rng = self.rng
        status = case.status
        steps: list[tuple[str, int, int]] = [("registered", 0, 0), ("referred", 1, 6)]
        if status == "registered":
            steps = steps[:1]
        held = 0
        if status not in ("registered", "referred"):
            held = rng.randint(1, 2) if status != "in_progress" else rng.randint(0, 2)
        for _ in range(held):
            steps += [("hearing_scheduled", 1, 10), ("hearing_held", 20, 70)]
        if status in ("decided", "appeal", "enforcement", "closed"):
            steps += [("decision_issued", 3, 30), ("notice_served", 2, 15)]
        if status == "appeal":
            steps.append(("appeal", 5, 20))
        if status == "enforcement" or (status == "closed" and rng.random() < 0.5):
            steps.append(("enforcement", 20, 60))
        if status == "closed":
            steps.append(("closed", 10, 60))
        wants_future = future is not None or (
            status == "in_progress" and (held == 0 or rng.random() < 0.85)
        ) or (status == "referred" and rng.random() < 0.5) or (status == "appeal" and rng.random() < 0.4)
        moved = wants_future and future is None and rng.random() < 0.2
        if wants_future:
            steps.append(("hearing_scheduled", 1, 10))
            if moved:
                steps.append(("hearing_changed", 2, 10))
        gaps = [rng.randint(low, high) if index else 0 for index, (_, low, high) in enumerate(steps)]
        day = self.anchor - dt.timedelta(days=sum(gaps) + 2 * len(steps) + rng.randint(1, 20))
        dated: list[tuple[str, dt.date]] = []
        for (kind, _, _), gap in zip(steps, gaps, strict=True):
            day = next_working_day(day + dt.timedelta(days=max(gap, 1) if dated else 0))
            dated.append((kind, day))

        branch = case.court.branch_label
        future_index = len(dated) - (2 if moved else 1) if wants_future else None
        pending: Hearing | None = None
        for index, (kind, day) in enumerate(dated):
            at = tehran_instant(day, rng.randint(8, 13), rng.choice((0, 10, 20, 30, 40, 50)))
            if kind == "hearing_scheduled":
                if index == future_index:
                    # a moved hearing was first set for another day, see "hearing_changed"
                    starts = self._future_slot() if moved else (future or self._future_slot())
                else:
                    starts = self._slot_on(dated[index + 1][1])  # the day it is held
                pending = self._hearing(case, starts)
                case.add_timeline(kind, at, f"تعیین وقت رسیدگی: {jalali_datetime(starts)}")
            elif kind == "hearing_held" and pending is not None:
                if rng.random() < 0.1:
                    pending.status, pending.version = "cancelled", 2
                    case.add_timeline("hearing_cancelled", pending.starts_at - dt.timedelta(days=2),
                                      f"لغو جلسه رسیدگی {jalali_datetime(pending.starts_at)}")
                else:
                    pending.status = "held"
                    case.add_timeline(kind, pending.ends_at, f"برگزاری جلسه رسیدگی در {branch}")
                pending = None
            elif kind == "hearing_changed" and pending is not None:
                starts = future or self._future_slot()
                previous = pending.starts_at
                pending.ends_at = starts + min(pending.ends_at - pending.starts_at, _until_one_pm(starts))
                pending.starts_at, pending.version = starts, 2
                case.add_timeline(kind, at, f"تغییر وقت رسیدگی از {jalali_datetime(previous)} "
                                            f"به {jalali_datetime(starts)}")
            else:
                case.add_timeline(kind, at, self._step_title(kind, case, criminal))

    def _slot_on(self, day: dt.date) -> dt.datetime:
        hour, minute = self.rng.choice([(h, m) for h in range(8, 13) for m in (0, 30)])
        return tehran_instant(day, hour, minute)

    def _future_slot(self) -> dt.datetime:
        if self.rng.random() < 0.12:  # some hearings fall in the next few days
            return self._slot_on(next_working_day(self.anchor + dt.timedelta(days=1)))
        return self._slot_on(next_working_day(self.anchor + dt.timedelta(days=self.rng.randint(2, 60))))

    def _hearing(self, case: Case, starts: dt.datetime) -> Hearing:
        length = min(dt.timedelta(minutes=self.rng.choice((30, 45, 60))), _until_one_pm(starts))
        hearing = Hearing(
            id=f"h-{len(self.hearings) + 1:06d}", case_id=case.id, starts_at=starts,
            ends_at=starts + length, status="scheduled", version=1,
            branch=case.court.branch_label, address=f"{case.court.complex}، {case.court.address}",
            room=f"طبقه {persian_digits(self.rng.randint(1, 5))}، اتاق {persian_digits(self.rng.randint(101, 560))}",
        )
        self.hearings[hearing.id] = hearing
        case.hearing_ids.append(hearing.id)
        return hearing

    def _step_title(self, kind: str, case: Case, criminal: bool) -> str:
        return {
            "registered": "ثبت پرونده",
            "referred": f"ارجاع به {case.court.branch_label}",
            "decision_issued": "صدور رأی و تنظیم دادنامه" if not criminal else "صدور قرار نهایی دادسرا",
            "notice_served": "ابلاغ رأی به اصحاب دعوا",
            "appeal": "ثبت درخواست تجدیدنظر و ارسال پرونده به دادگاه تجدیدنظر استان",
            "enforcement": "صدور اجراییه و ارسال پرونده به اجرای احکام",
            "closed": "مختومه شدن پرونده و ارسال به بایگانی",
        }[kind]

    def _title_registration(self, case: Case, criminal: bool) -> None:
        first = case.timeline[0]
        if case.tracking_code:
            what = "شکوائیه" if criminal else "دادخواست"
            first.title = f"ثبت {what} در دفتر خدمات الکترونیک قضایی (کد رهگیری {persian_digits(case.tracking_code)})"
        else:
            first.title = "ثبت پرونده در دبیرخانه مجتمع قضایی"

    # notices -------------------------------------------------------------------------------------
    def _make_notices(self) -> None:
        anchor_start = tehran_instant(self.anchor, 0)
        for position, citizen in enumerate(self.citizens):
            mine = [c for c in self.cases.values() if citizen.sub in c.citizen_subs]
            if not mine:
                continue
            if position == 0:
                picks = [(mine[0], "summons"), (mine[1], "summons"), (mine[3], "deficiency"),
                         (mine[4], "decision")]
            else:
                picks = []
                for _ in range(self.rng.randint(2, 5)):
                    case = self.rng.choice(mine)
                    picks.append((case, self.rng.choice(self._notice_types(case))))
            for order, (case, kind) in enumerate(picks):
                notice = self._notice(case, citizen, kind, anchor_start)
                unread = position == 0 and order < 3
                if not unread and (position == 0 or self.rng.random() < 0.5):
                    opened = notice.issued_at + dt.timedelta(hours=self.rng.randint(1, 72))
                    notice.opened_at = min(opened, anchor_start - dt.timedelta(minutes=5))

    def _notice_types(self, case: Case) -> list[str]:
        kinds = ["notice"]
        if case.hearing_ids:
            kinds.append("summons")
        if case.status in ("decided", "appeal", "enforcement", "closed"):
            kinds.append("decision")
        if case.status in ("registered", "referred"):
            kinds.append("deficiency")
        return kinds

    def _notice(self, case: Case, citizen: Citizen, kind: str, anchor_start: dt.datetime) -> Notice:
        rng = self.rng
        hearing = None
        if kind == "summons":
            hearing = self.hearings[case.hearing_ids[-1]]
        base = {"decision": "decision_issued", "summons": "hearing_scheduled"}.get(kind, "registered")
        after = next((e.at for e in reversed(case.timeline) if e.type == base), case.timeline[0].at)
        issued = min(after + dt.timedelta(hours=rng.randint(2, 96)), anchor_start - dt.timedelta(hours=6))
        year = jalali_year(issued.astimezone(TEHRAN).date())
        notice_id = f"n-{len(self.notices) + 1:06d}"
        number = f"{year}{rng.randrange(10**11, 10**12)}"
        title = f"{vocab.NOTICE_TITLES[kind]} — پرونده {persian_digits(case.case_number)}"
        names = vocab.DOCUMENT_NAMES[kind][: rng.randint(1, len(vocab.DOCUMENT_NAMES[kind]))]
        documents = []
        for name in names:
            doc_id = f"d-{len(self.documents) + 1:06d}"
            content = notice_document(number, doc_id, kind)
            self.documents[doc_id] = content
            documents.append(Document(doc_id, name, "application/pdf", len(content)))
        notice = Notice(
            id=notice_id, number=number, type=kind, title=title, case_id=case.id, person=citizen.sub,
            issued_at=issued, body=notice_body(kind, citizen.name, case, hearing, rng), documents=documents,
            hearing_id=hearing.id if hearing else None,
        )
        self.notices[notice_id] = notice
        return notice


def _until_one_pm(starts: dt.datetime) -> dt.timedelta:
    """Hearings end by 13:00 Tehran time."""
    local = starts.astimezone(TEHRAN)
    return local.replace(hour=13, minute=0) - local


DEFICIENCIES = (
    "تصویر مصدق مستندات پیوست نشده است",
    "هزینه دادرسی به‌طور کامل پرداخت نشده است",
    "نشانی طرف دعوا به‌طور کامل نوشته نشده است",
)


def notice_body(kind: str, name: str, case: Case, hearing: Hearing | None, rng: random.Random) -> str:
    """Persian text of a notice of a type or kind; `rng` chooses the deficiency so the text stays deterministic."""
    number = persian_digits(case.case_number)
    head = f"خطاب به {name}\nپرونده شماره {number} — موضوع: {case.title}\n"
    if kind == "summons" and hearing is not None:
        text = (f"به موجب این اخطاریه از شما دعوت می‌شود در جلسه رسیدگی مورخ {jalali_datetime(hearing.starts_at)} "
                f"در {hearing.branch}، به نشانی {hearing.address}، {hearing.room} حاضر شوید. "
                "عدم حضور شما مانع رسیدگی و اتخاذ تصمیم نیست.")
    elif kind == "judgment_in_absentia":
        text = ("رأی غیابی این پرونده صادر شده و متن کامل آن پیوست این ابلاغیه است. مهلت واخواهی برای اشخاص "
                "مقیم ایران بیست روز و برای مقیمان خارج از کشور دو ماه از تاریخ ابلاغ واقعی است.")
    elif kind in ("decision", "judgment"):
        text = ("دادنامه این پرونده صادر شده و متن کامل آن پیوست این ابلاغیه است. مهلت تجدیدنظرخواهی "
                "برای اشخاص مقیم ایران بیست روز و برای مقیمان خارج از کشور دو ماه از تاریخ ابلاغ است.")
    elif kind == "deficiency":
        text = (f"{rng.choice(DEFICIENCIES)}. ظرف ده روز از تاریخ ابلاغ نسبت به رفع نقص اقدام کنید؛ "
                "در غیر این صورت قرار رد دادخواست صادر می‌شود.")
    else:
        text = "لایحه و مستندات طرف مقابل در پرونده ثبت شده است و تصویر آن پیوست این ابلاغیه است."
    return f"{head}{text}\n{SAMPLE_FOOTER}"
