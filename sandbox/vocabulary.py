"""Words the sample data is made of: names, subjects, places. Plausible, not real records."""

from __future__ import annotations

MALE_GIVEN_NAMES = (
    "علی", "محمد", "حسین", "رضا", "مهدی", "امیر", "حمید", "سعید", "مجید", "مسعود",
    "جواد", "احمد", "حسن", "مرتضی", "مصطفی", "کاظم", "یوسف", "بهزاد", "پویا", "آرش",
    "کامران", "فرهاد", "بهروز", "سامان", "نیما", "میلاد", "ابوالفضل", "محسن", "داوود", "هادی",
)
FEMALE_GIVEN_NAMES = (
    "زهرا", "فاطمه", "مریم", "معصومه", "سمیه", "نرگس", "الهام", "لیلا", "مینا", "شیرین",
    "سارا", "نازنین", "پریسا", "الناز", "فرشته", "راضیه", "طاهره", "زینب", "مهسا", "نسرین",
    "آزاده", "هانیه", "سپیده", "رویا", "عاطفه", "ریحانه", "کبری", "منیژه", "پروانه", "نگار",
)
FAMILY_NAMES = (
    "محمدی", "حسینی", "احمدی", "رضایی", "موسوی", "کریمی", "جعفری", "رحیمی", "هاشمی", "صادقی",
    "قاسمی", "حیدری", "نوری", "کاظمی", "ابراهیمی", "مرادی", "زارعی", "یوسفی", "شریفی", "اکبری",
    "فرهادی", "عباسی", "سلیمانی", "طاهری", "بهرامی", "نجفی", "امیری", "قربانی", "باقری", "شجاعی",
    "اسدی", "میرزایی", "رستمی", "سبحانی", "ملکی", "کیانی", "توکلی", "خسروی", "پاکزاد", "نیک‌نام",
)
COMPANIES = (
    "شرکت بازرگانی آرین تجارت پارس", "شرکت ساختمانی نگین سازه شرق", "فروشگاه لوازم خانگی امید",
    "شرکت حمل و نقل بار آسیا ترابر", "نمایشگاه خودرو ستاره", "شرکت تعاونی مسکن فرهنگیان",
)

SUBJECTS: dict[str, str] = {
    "check_complaint": "شکایات مرتبط با چک",
    "price_refund": "استرداد ثمن معامله",
    "movable_property_return": "استرداد مال منقول",
    "alimony": "مطالبه نفقه",
    "marriage_registration": "ثبت واقعه ازدواج",
    "marriage_wages": "مطالبه اجرت‌المثل ایام زوجیت",
    "divorce_husband": "صدور حکم طلاق به درخواست زوج",
    "dowry_goods_return": "استرداد جهیزیه",
    "mahr_installments": "تقسیط مهریه",
    "mahr_insolvency": "اعسار از پرداخت مهریه",
    "mahr_claim": "مطالبه مهریه",
    "attorney_fee": "پرداخت حق‌الوکاله",
    "damages": "مطالبه خسارت",
    "second_marriage_permission": "تجویز ازدواج مجدد",
}
# Relative weights; cheque cases are about 30 % of the total.
SUBJECT_WEIGHTS: dict[str, int] = {
    "check_complaint": 30, "price_refund": 7, "movable_property_return": 5, "alimony": 7,
    "marriage_registration": 3, "marriage_wages": 4, "divorce_husband": 5, "dowry_goods_return": 5,
    "mahr_installments": 6, "mahr_insolvency": 5, "mahr_claim": 9, "attorney_fee": 4, "damages": 8,
    "second_marriage_permission": 2,
}
# Family subjects, and which spouse files them ("f": the wife, "m": the husband).
FAMILY_FILER = {
    "alimony": "f", "marriage_registration": "f", "marriage_wages": "f", "dowry_goods_return": "f",
    "mahr_claim": "f", "divorce_husband": "m", "mahr_installments": "m", "mahr_insolvency": "m",
    "second_marriage_permission": "m",
}

STATUS_LABELS = {
    "registered": "ثبت‌شده",
    "referred": "ارجاع‌شده به شعبه",
    "in_progress": "در حال رسیدگی",
    "decided": "رأی صادر شده",
    "appeal": "در مرحله تجدیدنظر",
    "enforcement": "در اجرای احکام",
    "closed": "مختومه",
}

CIVIL_COURT = "دادگاه عمومی حقوقی"
FAMILY_COURT = "دادگاه خانواده"
PROSECUTOR = "دادسرای عمومی و انقلاب"

# province, city, [(complex, address, courts it hosts)]
PLACES: tuple[tuple[str, str, tuple[tuple[str, str, tuple[str, ...]], ...]], ...] = (
    ("تهران", "تهران", (
        ("مجتمع قضایی شهید بهشتی", "تهران، خیابان مطهری، نرسیده به خیابان سهروردی، پلاک ۱۲۰",
         (CIVIL_COURT, PROSECUTOR)),
        ("مجتمع قضایی خانواده ونک", "تهران، میدان ونک، خیابان ملاصدرا، پلاک ۴۵", (FAMILY_COURT,)),
        ("مجتمع قضایی شهید قدوسی", "تهران، خیابان ولیعصر، بالاتر از میدان ولیعصر، کوچه برازنده",
         (CIVIL_COURT, PROSECUTOR)),
    )),
    ("خراسان رضوی", "مشهد", (
        ("مجتمع قضایی شهید کامیاب", "مشهد، بلوار وکیل‌آباد، نبش وکیل‌آباد ۱۴", (CIVIL_COURT, PROSECUTOR)),
        ("مجتمع قضایی خانواده مشهد", "مشهد، بلوار سجاد، خیابان بهارستان ۳", (FAMILY_COURT,)),
    )),
    ("اصفهان", "اصفهان", (
        ("مجتمع قضایی شهید نیکبخت", "اصفهان، خیابان چهارباغ بالا، روبه‌روی خیابان شهید نیکبخت",
         (CIVIL_COURT, FAMILY_COURT, PROSECUTOR)),
    )),
    ("فارس", "شیراز", (
        ("مجتمع قضایی شهید دستغیب", "شیراز، بلوار زند، نرسیده به چهارراه زند", (CIVIL_COURT, PROSECUTOR)),
        ("مجتمع قضایی خانواده شیراز", "شیراز، بلوار چمران، کوچه ۱۹", (FAMILY_COURT,)),
    )),
    ("آذربایجان شرقی", "تبریز", (
        ("مجتمع قضایی شهید قاضی", "تبریز، خیابان امام خمینی، روبه‌روی پارک ملت",
         (CIVIL_COURT, FAMILY_COURT, PROSECUTOR)),
    )),
    ("البرز", "کرج", (
        ("مجتمع قضایی شهید بهشتی کرج", "کرج، بلوار جمهوری، نرسیده به میدان سپاه",
         (CIVIL_COURT, FAMILY_COURT, PROSECUTOR)),
    )),
    ("خوزستان", "اهواز", (
        ("مجتمع قضایی شهید مطهری اهواز", "اهواز، کیانپارس، خیابان هفتم غربی", (CIVIL_COURT, FAMILY_COURT)),
        ("دادسرای عمومی و انقلاب اهواز", "اهواز، خیابان نادری، جنب اداره پست", (PROSECUTOR,)),
    )),
    ("قم", "قم", (
        ("مجتمع قضایی شهید صدوقی", "قم، بلوار امین، کوچه ۲۴", (CIVIL_COURT, FAMILY_COURT, PROSECUTOR)),
    )),
    ("گیلان", "رشت", (
        ("مجتمع قضایی شهید بهشتی رشت", "رشت، خیابان سعدی، جنب پارک شهر",
         (CIVIL_COURT, FAMILY_COURT, PROSECUTOR)),
    )),
    ("کرمانشاه", "کرمانشاه", (
        ("مجتمع قضایی شهید مدرس", "کرمانشاه، بلوار شهید بهشتی، نرسیده به میدان آزادی",
         (CIVIL_COURT, FAMILY_COURT, PROSECUTOR)),
    )),
    ("یزد", "یزد", (
        ("مجتمع قضایی امام خمینی یزد", "یزد، بلوار جمهوری اسلامی، روبه‌روی پارک آزادی",
         (CIVIL_COURT, FAMILY_COURT, PROSECUTOR)),
    )),
    ("آذربایجان غربی", "ارومیه", (
        ("مجتمع قضایی شهید باکری", "ارومیه، خیابان والفجر ۲، جنب بانک ملی",
         (CIVIL_COURT, FAMILY_COURT, PROSECUTOR)),
    )),
    ("مازندران", "ساری", (
        ("مجتمع قضایی شهید هاشمی‌نژاد", "ساری، خیابان فرهنگ، روبه‌روی اداره آموزش و پرورش",
         (CIVIL_COURT, FAMILY_COURT, PROSECUTOR)),
    )),
    ("کرمان", "کرمان", (
        ("مجتمع قضایی شهید باهنر", "کرمان، بلوار جمهوری اسلامی، نبش کوچه ۱۲",
         (CIVIL_COURT, FAMILY_COURT, PROSECUTOR)),
    )),
    ("همدان", "همدان", (
        ("مجتمع قضایی شهید مفتح", "همدان، خیابان بوعلی، جنب بیمارستان اکباتان",
         (CIVIL_COURT, FAMILY_COURT, PROSECUTOR)),
    )),
    ("هرمزگان", "بندرعباس", (
        ("مجتمع قضایی شهید رجایی", "بندرعباس، بلوار امام خمینی، روبه‌روی بندر شهید باهنر",
         (CIVIL_COURT, FAMILY_COURT, PROSECUTOR)),
    )),
)

MOBILE_PREFIXES = ("0912", "0935", "0919", "0901", "0936", "0917", "0915", "0911", "0938", "0990")

NOTICE_TITLES = {
    "summons": "اخطاریه حضور در جلسه رسیدگی",
    "decision": "ابلاغ دادنامه",
    "deficiency": "اخطار رفع نقص",
    "notice": "ابلاغیه",
}
DOCUMENT_NAMES = {
    "summons": ("متن اخطاریه.pdf",),
    "decision": ("دادنامه.pdf", "پیوست دادنامه.pdf"),
    "deficiency": ("اخطار رفع نقص.pdf",),
    "notice": ("متن ابلاغیه.pdf", "صورتجلسه.pdf"),
}
