//! A seeded generator of varied Arabic news-like articles, for tests that
//! need many documents with real work for linking and clustering: the same
//! happenings told by several outlets (agreeing and conflicting figures,
//! different sources and wordings), the same people named in full, by
//! surname and in other spellings, places of the gazetteer and invented
//! villages. Everything is built from general word lists and templates;
//! no sentence of any real article is used.

/// A small, fast, seeded random number generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    /// The generator seeded with `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// One item of `list` (items separated by `|`).
    pub fn pick(&mut self, list: &'static str) -> &'static str {
        let n = list.split('|').count();
        item(list, self.below(n))
    }

    /// `items` in a random order (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// Item `i` of `list` (items separated by `|`).
fn item(list: &'static str, i: usize) -> &'static str {
    list.split('|').nth(i).expect("an item").trim()
}

const FIRST_NAMES: &str = "محمد|أحمد|علي|حسن|خالد|سامر|يوسف|عمر|كريم|طارق|نبيل|فادي|رامي|وليد|\
     هشام|ماجد|زياد|باسل|جمال|عادل|ليلى|سارة|هدى|رنا|منى|نادية|إبراهيم|\
     مصطفى|سليمان|عماد";

/// Syllables invented surnames are built from (the middle may hold a long
/// vowel, which a variant spelling doubles or drops).
const SURNAME_HEADS: &str = "بر|تل|سك|دو|مر|كن|زل|فر|نو|حم|قر|شل|بل|در|سم|غن|رش|لب|وذ|طه";
const SURNAME_VOWELS: &str = "ا|و|ي";
const SURNAME_TAILS: &str = "ني|نوف|ريان|بيف|زاوي|كيني|سلاني|مودي|تراني|جيفي";

const CITIES: &str = "بغداد|الموصل|البصرة|دمشق|حلب|حمص|بيروت|صيدا|صنعاء|عدن|القاهرة|\
     الإسكندرية|الخرطوم|تونس|صفاقس|عمان|الزرقاء|نابلس|الرباط|مراكش|طرابلس|\
     بنغازي|نواكشوط|الجزائر|وهران";
const VILLAGE_PARTS: &str = "عين|تل|بئر|كفر|دير|وادي|رأس|جسر";
const VILLAGE_NAMES: &str = "الزيتون|الحمام|السبع|الغزلان|النخيل|الصفصاف|البركة|الرمان|العسل|القمر";

const OUTLET_KINDS: &str = "صحيفة|وكالة|موقع|قناة|إذاعة";
const OUTLET_NAMES: &str = "الأفق|المرصد|الضفة|الساحل|الراصد|المنارة|الشروق|البيان|الميدان|الرائد|\
     الصباح|الغد|الحدث|المسار|الفجر|النبأ";

const ORGS: &str = "وزارة الصحة|وزارة الداخلية|الدفاع المدني|الهلال الأحمر|الصليب الأحمر|\
     منظمة الصحة العالمية|الأمم المتحدة|الشرطة المحلية";
const TITLES: &str = "وزير الداخلية|المتحدث باسم الشرطة|مدير المستشفى|محافظ المدينة|\
     المتحدث باسم الدفاع المدني|قائد الشرطة|رئيس البلدية|\
     الناطق باسم الحكومة";

const EVENTS: &str = "انفجار|هجوم مسلح|تفجير|اشتباكات|قصف|حريق|هجوم";
const SUBJECTS: &str = "أشخاص|مدنيين|من عناصر الأمن|عمال|متظاهرين|جنود|أطفال";
const MONTHS: &str = "يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|\
     ديسمبر";
const WEEKDAYS: &str = "السبت|الأحد|الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة";
const NUMBER_WORDS: &str = "ثلاثة|أربعة|خمسة|ستة|سبعة|ثمانية|تسعة|عشرة";
const SAY: &str = "قال|أعلن|أفاد|ذكر|أكد";
const SAY_F: &str = "قالت|أعلنت|أفادت|ذكرت|أكدت";
const ACCORDING: &str = "بحسب|وفقاً لـ|نقلاً عن|حسب";

const FILLER_SUBJECTS: &str = "السكان|التجار|الطلاب|المزارعون|الأهالي|العمال|السائقون|الموظفون";
const FILLER_VERBS: &str = "يشكون من|يطالبون بحل|يتحدثون عن|يخشون تفاقم|ينتظرون نهاية|يحذرون من";
const FILLER_OBJECTS: &str = "أزمة المياه|انقطاع الكهرباء|غلاء المعيشة|تردي الخدمات|إغلاق الطرق|\
     نقص الوقود|تأخر الرواتب|ازدحام المعابر|تراكم النفايات|شح الأدوية";
const FILLER_TIMES: &str = "منذ أسابيع|منذ مطلع العام|منذ أشهر|في الأيام الأخيرة|منذ الصيف الماضي";

/// A person: first name, optional middle name, surname, and the title
/// outlets give them.
#[derive(Clone)]
struct Person {
    first: &'static str,
    middle: Option<&'static str>,
    surname: String,
    title: &'static str,
}

impl Person {
    fn random(rng: &mut Rng) -> Person {
        let surname = format!(
            "{}{}{}",
            rng.pick(SURNAME_HEADS),
            rng.pick(SURNAME_VOWELS),
            rng.pick(SURNAME_TAILS)
        );
        Person {
            first: rng.pick(FIRST_NAMES),
            middle: rng.chance(30).then(|| rng.pick(FIRST_NAMES)),
            surname,
            title: rng.pick(TITLES),
        }
    }

    /// The surname as one outlet may spell it: a long vowel doubled or
    /// dropped, sometimes.
    fn surname_in(&self, rng: &mut Rng) -> String {
        if !rng.chance(20) {
            return self.surname.clone();
        }
        let chars: Vec<char> = self.surname.chars().collect();
        match chars.iter().skip(2).position(|&c| c == 'ي' || c == 'ا') {
            Some(p) if rng.chance(50) => {
                let at = p + 2;
                let mut c = chars.clone();
                c.insert(at, 'ي');
                c.into_iter().collect()
            }
            Some(p) if chars.len() > 5 => {
                let mut c = chars.clone();
                c.remove(p + 2);
                c.into_iter().collect()
            }
            _ => self.surname.clone(),
        }
    }

    fn full(&self, rng: &mut Rng) -> String {
        let surname = self.surname_in(rng);
        match self.middle {
            Some(m) if rng.chance(60) => format!("{} {m} {surname}", self.first),
            _ => format!("{} {surname}", self.first),
        }
    }
}

/// A happening several outlets report: what, where, when, the true tolls
/// and the officials who speak of it.
struct Happening {
    event: &'static str,
    place: String,
    city: &'static str,
    day: u32,
    month: usize,
    year: u32,
    killed: u64,
    injured: u64,
    arrested: u64,
    subject: &'static str,
    officials: Vec<Person>,
    org: &'static str,
}

impl Happening {
    fn random(rng: &mut Rng, public: &[Person]) -> Happening {
        let city = rng.pick(CITIES);
        let place = if rng.chance(30) {
            format!("{} {}", rng.pick(VILLAGE_PARTS), rng.pick(VILLAGE_NAMES))
        } else {
            city.to_string()
        };
        let mut officials: Vec<Person> =
            (0..1 + rng.below(2)).map(|_| Person::random(rng)).collect();
        officials.push(public[rng.below(public.len())].clone());
        Happening {
            event: rng.pick(EVENTS),
            place,
            city,
            day: 1 + rng.below(28) as u32,
            month: rng.below(MONTHS.split('|').count()),
            year: 2019 + rng.below(5) as u32,
            killed: 2 + rng.below(60) as u64,
            injured: rng.below(120) as u64,
            arrested: rng.below(25) as u64,
            subject: rng.pick(SUBJECTS),
            officials,
            org: rng.pick(ORGS),
        }
    }
}

/// An outlet: its kind and name, and the author of a piece.
fn outlet(rng: &mut Rng) -> (String, String) {
    let name = format!("{} \"{}\"", rng.pick(OUTLET_KINDS), rng.pick(OUTLET_NAMES));
    let author = format!("{} {}", rng.pick(FIRST_NAMES), Person::random(rng).surname);
    (name, author)
}

/// A figure as an outlet writes it: the true one in digits or words, or a
/// different one (a conflict), or an approximation or bound around it.
fn figure(rng: &mut Rng, truth: u64) -> String {
    let n = if rng.chance(12) {
        truth + 1 + rng.below(6) as u64
    } else {
        truth
    };
    match rng.below(10) {
        0 if (3..=10).contains(&n) => item(NUMBER_WORDS, (n - 3) as usize).to_string(),
        1 => format!("نحو {n}"),
        2 => format!("أكثر من {}", n.saturating_sub(1).max(1)),
        3 => arabic_indic(n),
        _ => n.to_string(),
    }
}

fn arabic_indic(n: u64) -> String {
    n.to_string()
        .chars()
        .map(|c| char::from_u32(0x0660 + c.to_digit(10).unwrap()).unwrap())
        .collect()
}

/// When the text says it happened.
fn when(rng: &mut Rng, h: &Happening) -> String {
    match rng.below(4) {
        0 => format!("يوم {} {} {}", h.day, item(MONTHS, h.month), h.year),
        1 => format!("صباح {}", rng.pick(WEEKDAYS)),
        2 => "مساء أمس".to_string(),
        _ => format!("في {} {} {}", h.day, item(MONTHS, h.month), h.year),
    }
}

/// Who an outlet says speaks of a happening: an official (title and name),
/// an organisation, or an unnamed source.
fn speaker(rng: &mut Rng, h: &Happening) -> (String, bool) {
    match rng.below(4) {
        0 | 1 => {
            let p = &h.officials[rng.below(h.officials.len())];
            (format!("{} {}", p.title, p.full(rng)), false)
        }
        2 => {
            let feminine = ["وزارة", "منظمة", "الأمم", "الشرطة"]
                .iter()
                .any(|w| h.org.starts_with(w));
            (h.org.to_string(), feminine)
        }
        _ => ("مصدر أمني".to_string(), false),
    }
}

fn toll_sentence(rng: &mut Rng, h: &Happening) -> String {
    let n = figure(rng, h.killed);
    let when = when(rng, h);
    let (who, feminine) = speaker(rng, h);
    let say = if feminine {
        rng.pick(SAY_F)
    } else {
        rng.pick(SAY)
    };
    match rng.below(4) {
        0 => format!(
            "{say} {who} إن {n} {} قتلوا في {} وقع في {} {when}.",
            h.subject, h.event, h.place
        ),
        1 => format!(
            "لقي {n} {} حتفهم {when} في {} استهدف {}، {} {who}.",
            h.subject,
            h.event,
            h.place,
            rng.pick(ACCORDING)
        ),
        2 => format!(
            "أسفر {} في {} {when} عن مقتل {n} {}، وفق ما {say} {who}.",
            h.event, h.place, h.subject
        ),
        _ => format!(
            "ارتفعت حصيلة القتلى في {} إلى {n} {}، حسبما {say} {who}.",
            h.place, h.subject
        ),
    }
}

fn injured_sentence(rng: &mut Rng, h: &Happening) -> String {
    let n = figure(rng, h.injured.max(2));
    match rng.below(3) {
        0 => format!(
            "وأصيب {n} آخرون بجروح متفاوتة نقلوا إلى مستشفيات {}.",
            h.city
        ),
        1 => {
            let (who, _) = speaker(rng, h);
            format!(
                "كما أصيب {n} {} في الحادث، {} {who}.",
                h.subject,
                rng.pick(ACCORDING)
            )
        }
        _ => format!("وبلغ عدد الجرحى {n} جريحاً بينهم حالات حرجة."),
    }
}

fn arrest_sentence(rng: &mut Rng, h: &Happening) -> String {
    let n = figure(rng, h.arrested.max(2));
    format!(
        "{} {} اعتقال {n} أشخاص يشتبه في تورطهم في {}.",
        rng.pick("أعلنت|ذكرت|أكدت"),
        rng.pick("وزارة الداخلية|الشرطة المحلية|الأجهزة الأمنية"),
        h.event
    )
}

/// A quotation by one of the officials, then a sentence by surname alone.
fn quote_sentences(rng: &mut Rng, h: &Happening) -> Vec<String> {
    let p = &h.officials[rng.below(h.officials.len())];
    let full = p.full(rng);
    let surname = p.surname_in(rng);
    vec![
        format!(
            "وقال {} {full} في تصريح صحفي إن {} {}.",
            p.title,
            rng.pick("فرق الإنقاذ ما زالت تبحث عن مفقودين|التحقيقات جارية لمعرفة ملابسات الحادث|الوضع بات تحت السيطرة|السلطات ستعلن النتائج قريباً"),
            rng.pick("|في أقرب وقت|خلال ساعات|بعد انتهاء التحقيق"),
        ),
        format!(
            "وأضاف {surname} أن {} {}.",
            rng.pick("الأجهزة المختصة|فرق الطوارئ|قوات الأمن|الطواقم الطبية"),
            rng.pick("تعمل على مدار الساعة|انتشرت في المنطقة|رفعت درجة التأهب|تواصل عملها"),
        ),
    ]
}

/// A sentence of background, different from article to article.
fn filler(rng: &mut Rng, public: &[Person]) -> String {
    match rng.below(3) {
        0 => format!(
            "ويقول {} في {} إنهم {} {} {}.",
            rng.pick(FILLER_SUBJECTS),
            rng.pick(CITIES),
            rng.pick(FILLER_VERBS),
            rng.pick(FILLER_OBJECTS),
            rng.pick(FILLER_TIMES)
        ),
        1 => {
            let p = &public[rng.below(public.len())];
            format!(
                "وكان {} {} قد وعد {} بمعالجة {} خلال زيارته إلى {}.",
                p.title,
                p.full(rng),
                rng.pick(FILLER_TIMES),
                rng.pick(FILLER_OBJECTS),
                rng.pick(CITIES)
            )
        }
        _ => format!(
            "وتشهد {} {} احتجاجات متفرقة بسبب {} و{}.",
            rng.pick(CITIES),
            rng.pick(FILLER_TIMES),
            rng.pick(FILLER_OBJECTS),
            rng.pick(FILLER_OBJECTS)
        ),
    }
}

/// `count` articles (plain text: headline, source line, paragraphs,
/// publication date), the same for the same `seed`; about `count / 6`
/// happenings, each told by several of them.
pub fn articles(seed: u64, count: usize) -> Vec<String> {
    let mut rng = Rng::new(seed);
    let public: Vec<Person> = (0..30).map(|_| Person::random(&mut rng)).collect();
    let happenings: Vec<Happening> = (0..count.div_ceil(6).max(1))
        .map(|_| Happening::random(&mut rng, &public))
        .collect();
    (0..count)
        .map(|_| {
            let h = &happenings[rng.below(happenings.len())];
            let other = &happenings[rng.below(happenings.len())];
            article(&mut rng, h, other, &public)
        })
        .collect()
}

fn article(rng: &mut Rng, h: &Happening, other: &Happening, public: &[Person]) -> String {
    let (outlet, author) = outlet(rng);
    let title = format!("{} في {} يخلف ضحايا", h.event, h.place);
    let mut body = vec![toll_sentence(rng, h)];
    if rng.chance(70) {
        body.push(injured_sentence(rng, h));
    }
    if rng.chance(40) {
        body.push(arrest_sentence(rng, h));
    }
    if rng.chance(70) {
        body.extend(quote_sentences(rng, h));
    }
    for _ in 0..1 + rng.below(3) {
        body.push(filler(rng, public));
    }
    if rng.chance(25) {
        body.push(format!("وفي سياق آخر، {}", toll_sentence(rng, other)));
    }
    let published = format!(
        "{}/{}/{}",
        h.year,
        h.month + 1,
        (h.day + rng.below(2) as u32).min(28)
    );
    format!(
        "{title}\n\nالمصدر: {outlet} - {author}\n\n{}\n\n{published}\n",
        body.join("\n\n")
    )
}

/// Copies of some of `articles`, as a corpus gathered from many outlets has
/// them: `exact` inputs whose bytes differ from an article's but whose text
/// is the same (a byte-order mark before it, or Windows line ends), and
/// `near` articles that repeat one with a sentence added (a wire story
/// republished with a line of the outlet's own).
pub fn copies(seed: u64, articles: &[String], exact: usize, near: usize) -> Vec<String> {
    let mut rng = Rng::new(seed);
    let exact_copies = (0..exact).map(|i| {
        let original = &articles[rng.below(articles.len())];
        if i % 2 == 0 {
            format!("\u{feff}{original}")
        } else {
            original.replace('\n', "\r\n")
        }
    });
    let exact_copies: Vec<String> = exact_copies.collect();
    let near_copies = (0..near).map(|_| {
        let original = &articles[rng.below(articles.len())];
        let (body, date) = original
            .trim_end()
            .rsplit_once("\n\n")
            .expect("a dated article");
        format!("{body}\n\nوتتابع الجهات المختصة الموقف عن كثب.\n\n{date}\n")
    });
    exact_copies.into_iter().chain(near_copies).collect()
}
