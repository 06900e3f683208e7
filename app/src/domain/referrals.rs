//! Referral slips (つながるパス): slip 1 from a clinic or pharmacy to a community centre, and
//! slip 2, the centre's reply. The coded lists of the paper forms, the consent rule (no
//! personal field without consent), the due-date clock, and the age bands of the counts.

use super::meetings::parse_date;
use super::validate::{finish, optional_len, Problems};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// An enum of the forms' coded choices: its stored codes, Japanese labels and the list.
macro_rules! coded {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn from_code(s: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|x| x.code() == s.trim())
            }
        }
    };
}
pub(crate) use coded;

coded! {
    /// What the person needs help with (名張市の相談支援依頼票の項目).
    Topic {
        Health = ("health", "病気や健康、障害"),
        Housing = ("housing", "住まい"),
        Income = ("income", "収入・生活費"),
        Work = ("work", "仕事"),
        Community = ("community", "地域の関係"),
        Family = ("family", "家族の関係"),
        Care = ("care", "介護"),
        Withdrawal = ("withdrawal", "ひきこもり"),
        School = ("school", "不登校"),
        Violence = ("violence", "DV等"),
        Food = ("food", "食べるものがない"),
        Nutrition = ("nutrition", "栄養"),
        Other = ("other", "その他"),
    }
}

coded! {
    /// Consent to share the person's details with the agencies concerned.
    ShareConsent {
        Signed = ("signed", "本人署名"),
        Oral = ("oral", "口頭で同意"),
        None = ("none", "なし（匿名の記録のみ）"),
    }
}

coded! {
    /// How slip 1 travelled.
    Channel {
        Fax = ("fax", "FAX"),
        Network = ("network", "地域医療情報ネットワーク"),
        Hand = ("hand", "持参"),
        App = ("app", "このアプリ"),
    }
}

coded! {
    Household {
        Alone = ("alone", "独居"),
        ElderlyCouple = ("elderly_couple", "高齢夫婦"),
        WithFamily = ("with_family", "家族と同居"),
        Other = ("other", "その他"),
        Unknown = ("unknown", "不明"),
    }
}

coded! {
    Sex {
        Female = ("female", "女性"),
        Male = ("male", "男性"),
        Unstated = ("unstated", "回答なし"),
    }
}

coded! {
    /// Where a slip stands: sent → received → replied (a slip-2 state) → closed.
    State {
        Sent = ("sent", "送付済"),
        Received = ("received", "受付"),
        Contacted = ("contacted", "連絡済"),
        Supporting = ("supporting", "支援開始"),
        Connected = ("connected", "つながった"),
        Unreachable = ("unreachable", "連絡つかず"),
        Declined = ("declined", "辞退"),
        Closed = ("closed", "終了"),
        Replied = ("replied", "返信あり"),
    }
}

impl State {
    /// Waiting for the receiver's reply: what the due date is about.
    pub fn awaits_reply(self) -> bool {
        matches!(self, State::Sent | State::Received)
    }

    /// The states a reply (slip 2) may set. `Replied` is never stored: it is what a sender
    /// without the person's consent to report back sees of any of these.
    pub const REPLIES: [State; 6] = [State::Contacted, State::Supporting, State::Connected, State::Unreachable, State::Declined, State::Closed];

    /// The loop is over: the retention time runs from here and no further reply is taken.
    pub fn is_closed(self) -> bool {
        matches!(self, State::Closed | State::Declined | State::Unreachable)
    }
}

/// Years the person's fields are kept after a slip closed, unless configured otherwise.
pub const DEFAULT_RETENTION_YEARS: u32 = 5;

/// Slips closed on or before this day have their personal fields erased on `today`.
pub fn erase_on_or_before(today: NaiveDate, years: u32) -> NaiveDate {
    let cutoff = today.checked_sub_months(chrono::Months::new(years.saturating_mul(12))).unwrap_or(NaiveDate::MIN);
    // A slip closed on 29 February has its anniversary on the 28th in common years.
    match (today.month(), today.day(), NaiveDate::from_ymd_opt(cutoff.year(), 2, 29)) {
        (2, 28, Some(leap_day)) if cutoff.month() == 2 => leap_day,
        _ => cutoff,
    }
}

/// Organisation kinds a slip may be addressed to: the centres and the city's windows.
pub const RECEIVER_KINDS: [&str; 5] = ["community_support_center", "life_support_center", "social_welfare_council", "government", "other"];

/// Days the receiver has to reply, unless configured otherwise.
pub const DEFAULT_REPLY_DAYS: i64 = 14;

/// The reply is due `days` after the slip was sent; a due date on a Saturday or Sunday moves
/// to the Monday after (centres are closed at weekends).
pub fn due_on(sent_on: NaiveDate, days: i64) -> NaiveDate {
    let due = sent_on + Duration::days(days.max(0));
    match due.weekday() {
        Weekday::Sat => due + Duration::days(2),
        Weekday::Sun => due + Duration::days(1),
        _ => due,
    }
}

pub fn is_overdue(state: State, due: NaiveDate, today: NaiveDate) -> bool {
    state.awaits_reply() && today > due
}

/// The age band the counts use, from the birth date on the day the slip was sent.
pub fn age_band(birth: NaiveDate, on: NaiveDate) -> &'static str {
    let mut age = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    match age {
        i32::MIN..=64 => "64歳以下",
        65..=74 => "65〜74歳",
        75..=84 => "75〜84歳",
        _ => "85歳以上",
    }
}

/// The person on slip 1: the fields sealed at rest (see `server::seal`) and erased after the
/// retention time.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PersonFields {
    pub name: String,
    pub kana: String,
    pub birth_date: String,
    pub phone: String,
    pub address: String,
    /// What the sender noticed: free text that may name people.
    pub noticed: String,
}

impl PersonFields {
    pub fn is_empty(&self) -> bool {
        [&self.name, &self.kana, &self.birth_date, &self.phone, &self.address].iter().all(|v| v.trim().is_empty())
    }
}

/// Slip 1 as a form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SlipInput {
    pub pathway: String,
    pub sent_on: String,
    pub channel: String,
    pub sender_organisation: String,
    pub sender_person: String,
    pub receiver_organisation: String,
    #[serde(flatten)]
    pub person: PersonFields,
    pub sex: String,
    pub district: String,
    pub household: String,
    /// Topic codes: checkboxes `topics[]`, read by the server function beside the flattened
    /// fields.
    #[serde(skip)]
    pub topics: Vec<String>,
    /// The most pressing one (◎).
    pub main_topic: String,
    pub share_consent: String,
    /// "on" when the person agreed that the sender hears back.
    pub report_back: String,
}

/// Slip 1 checked: ids and codes, ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slip {
    pub pathway: i32,
    pub sent_on: NaiveDate,
    pub channel: Channel,
    pub sender_organisation: i32,
    pub sender_person: Option<i32>,
    pub receiver_organisation: i32,
    /// None: an anonymous record (no consent, or nothing personal entered).
    pub person: Option<PersonFields>,
    pub birth_date: Option<NaiveDate>,
    pub sex: Sex,
    pub district: Option<i32>,
    pub household: Household,
    pub topics: Vec<Topic>,
    pub main_topic: Option<Topic>,
    pub share_consent: ShareConsent,
    pub report_back: bool,
}

fn id(p: &mut Problems, field: &'static str, value: &str, message: &str) -> Option<i32> {
    match value.trim().parse::<i32>() {
        Ok(v) if v > 0 => Some(v),
        _ => {
            p.push((field, message.to_string()));
            None
        }
    }
}

/// A coded choice: `default` when left empty, a problem when it is not one of the list.
pub(crate) fn coded_or<T: Copy>(p: &mut Problems, field: &'static str, value: &str, default: T, parse: fn(&str) -> Option<T>, what: &str) -> T {
    if value.trim().is_empty() {
        return default;
    }
    parse(value).unwrap_or_else(|| {
        p.push((field, format!("{what}を選び直してください。")));
        default
    })
}

impl SlipInput {
    /// The fields a rejected form gets back. Not the person's: a rejected post is kept in
    /// the database for its redirect, and personal fields are only ever stored sealed.
    pub fn pairs(&self) -> Vec<(String, String)> {
        [
            ("pathway", &self.pathway),
            ("sent_on", &self.sent_on),
            ("channel", &self.channel),
            ("sender_organisation", &self.sender_organisation),
            ("sender_person", &self.sender_person),
            ("receiver_organisation", &self.receiver_organisation),
            ("sex", &self.sex),
            ("district", &self.district),
            ("household", &self.household),
            ("main_topic", &self.main_topic),
            ("share_consent", &self.share_consent),
            ("report_back", &self.report_back),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .chain(std::iter::once(("topics".to_string(), self.topics.join(","))))
        .collect()
    }

    /// Every problem at once. Without consent to share, no field that could identify the
    /// person may be filled in: the slip is kept as an anonymous record.
    pub fn check(&self, today: NaiveDate) -> Result<Slip, Problems> {
        let mut p = Problems::new();
        let pathway = id(&mut p, "pathway", &self.pathway, "経路を選んでください。");
        let sent_on = match parse_date(&self.sent_on) {
            Some(d) if d <= today => Some(d),
            Some(_) => {
                p.push(("sent_on", "送付日に未来の日付は入れられません。".into()));
                None
            }
            None => {
                p.push(("sent_on", "送付日を YYYY-MM-DD の形で入力してください。".into()));
                None
            }
        };
        let channel = coded_or(&mut p, "channel", &self.channel, Channel::App, Channel::from_code, "送付方法");
        let sender = id(&mut p, "sender_organisation", &self.sender_organisation, "送付元の機関を選んでください。");
        let receiver = id(&mut p, "receiver_organisation", &self.receiver_organisation, "送付先の機関を選んでください。");
        let sender_person = self.sender_person.trim().parse::<i32>().ok().filter(|v| *v > 0);
        let share_consent = ShareConsent::from_code(&self.share_consent);
        if share_consent.is_none() {
            p.push(("share_consent", "情報共有の同意を選んでください。".into()));
        }
        let person = &self.person;
        if share_consent == Some(ShareConsent::None) && !(person.is_empty() && person.noticed.trim().is_empty()) {
            p.push(("share_consent", "同意がない場合は、氏名・ふりがな・生年月日・電話・住所・気づいたことは入力できません（匿名の記録として残します）。".into()));
        }
        for (field, value, what, max) in [("name", &person.name, "氏名", 100), ("kana", &person.kana, "ふりがな", 100), ("phone", &person.phone, "電話番号", 50), ("address", &person.address, "住所", 300), ("noticed", &person.noticed, "気づいたこと", 4000)] {
            optional_len(&mut p, field, value, what, max);
        }
        let birth_date = match person.birth_date.trim() {
            "" => None,
            s => match parse_date(s) {
                Some(d) if d <= sent_on.unwrap_or(today) => Some(d),
                Some(_) => {
                    p.push(("birth_date", "生年月日が送付日より後になっています。".into()));
                    None
                }
                None => {
                    p.push(("birth_date", "生年月日を YYYY-MM-DD の形で入力してください。".into()));
                    None
                }
            },
        };
        let mut topics = Vec::new();
        for code in &self.topics {
            match Topic::from_code(code) {
                Some(t) if !topics.contains(&t) => topics.push(t),
                Some(_) => {}
                None => {
                    // Once, however many bad codes a post carries.
                    p.push(("topics", "相談の内容を選び直してください。".into()));
                    break;
                }
            }
        }
        if topics.is_empty() && !p.iter().any(|(f, _)| *f == "topics") {
            p.push(("topics", "相談の内容をひとつ以上選んでください。".into()));
        }
        let main_topic = match self.main_topic.trim() {
            "" => None,
            code => match Topic::from_code(code) {
                Some(t) if topics.contains(&t) => Some(t),
                _ => {
                    p.push(("main_topic", "◎（いちばん困っていること）は、選んだ内容の中から選んでください。".into()));
                    None
                }
            },
        };
        let district = match self.district.trim() {
            "" => None,
            s => {
                let d = s.parse::<i32>().ok().filter(|v| *v > 0);
                if d.is_none() {
                    p.push(("district", "地区を選び直してください。".into()));
                }
                d
            }
        };
        let sex = coded_or(&mut p, "sex", &self.sex, Sex::Unstated, Sex::from_code, "性別");
        let household = coded_or(&mut p, "household", &self.household, Household::Unknown, Household::from_code, "世帯");
        finish(p)?;
        let (Some(pathway), Some(sent_on), Some(sender_organisation), Some(receiver_organisation), Some(share_consent)) = (pathway, sent_on, sender, receiver, share_consent) else {
            unreachable!("every missing value was a problem")
        };
        let anonymous = share_consent == ShareConsent::None;
        Ok(Slip {
            pathway,
            sent_on,
            channel,
            sender_organisation,
            sender_person,
            receiver_organisation,
            person: (!anonymous && !(person.is_empty() && person.noticed.trim().is_empty())).then(|| person.clone()),
            birth_date: if anonymous { None } else { birth_date },
            sex,
            district,
            household,
            topics,
            main_topic,
            share_consent,
            report_back: !anonymous && matches!(self.report_back.trim(), "on" | "true"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn input() -> SlipInput {
        SlipInput {
            pathway: "1".into(),
            sent_on: "2026-11-30".into(),
            sender_organisation: "3".into(),
            receiver_organisation: "4".into(),
            share_consent: "oral".into(),
            topics: vec!["care".into(), "food".into()],
            main_topic: "care".into(),
            person: PersonFields { name: "釜石 花子".into(), birth_date: "1941-05-03".into(), ..Default::default() },
            report_back: "on".into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_reply_is_due_after_the_days_and_never_on_a_weekend() {
        assert_eq!(due_on(d("2026-12-01"), 14), d("2026-12-15"), "a Tuesday");
        assert_eq!(due_on(d("2026-12-05"), 14), d("2026-12-21"), "a Saturday moves to Monday");
        assert_eq!(due_on(d("2026-12-06"), 14), d("2026-12-21"), "a Sunday moves to Monday");
        assert_eq!(due_on(d("2027-03-20"), 14), d("2027-04-05"), "across the fiscal year's end (a Saturday)");
        assert!(!is_overdue(State::Sent, d("2026-12-15"), d("2026-12-15")) && is_overdue(State::Received, d("2026-12-15"), d("2026-12-16")));
        assert!(!is_overdue(State::Connected, d("2026-12-15"), d("2027-01-16")), "a replied slip is not overdue");
    }

    #[test]
    fn personal_fields_are_erased_five_years_after_closing_to_the_day() {
        assert_eq!(erase_on_or_before(d("2026-12-03"), 5), d("2021-12-03"));
        assert_eq!(erase_on_or_before(d("2028-02-29"), 5), d("2023-02-28"), "a leap day");
        assert_eq!(erase_on_or_before(d("2029-02-28"), 5), d("2024-02-29"), "closed on a leap day: erased on the 28th");
        assert_eq!(erase_on_or_before(d("2030-02-28"), 4), d("2026-02-28"));
        assert!(State::Declined.is_closed() && !State::Supporting.is_closed() && !State::Replied.awaits_reply());
    }

    #[test]
    fn age_bands_count_birthdays() {
        assert_eq!(age_band(d("1961-12-02"), d("2026-12-01")), "64歳以下");
        assert_eq!(age_band(d("1961-12-01"), d("2026-12-01")), "65〜74歳");
        assert_eq!(age_band(d("1941-05-03"), d("2026-12-01")), "85歳以上");
    }

    #[test]
    fn a_slip_with_consent_keeps_the_person_and_without_it_only_counts() {
        let slip = input().check(d("2026-12-01")).unwrap();
        assert_eq!(slip.person.as_ref().map(|p| p.name.as_str()), Some("釜石 花子"));
        assert_eq!((slip.main_topic, slip.report_back, slip.birth_date), (Some(Topic::Care), true, Some(d("1941-05-03"))));

        let refused = SlipInput { share_consent: "none".into(), ..input() }.check(d("2026-12-01")).unwrap_err();
        assert!(refused.iter().any(|(f, m)| *f == "share_consent" && m.contains("匿名")), "{refused:?}");
        let noticed = SlipInput { share_consent: "none".into(), person: PersonFields { noticed: "食事がとれていない様子".into(), ..Default::default() }, ..input() };
        assert!(noticed.check(d("2026-12-01")).is_err(), "free text may name the person: refused, not dropped");
        let anonymous = SlipInput { share_consent: "none".into(), person: PersonFields::default(), ..input() };
        let slip = anonymous.check(d("2026-12-01")).unwrap();
        assert_eq!((slip.person, slip.birth_date, slip.report_back), (None, None, false), "nothing personal, no report back");
    }

    #[test]
    fn a_rejected_form_keeps_nothing_personal() {
        let kept = input().pairs();
        assert!(kept.iter().any(|(k, v)| k == "topics" && v == "care,food"));
        assert!(!kept.iter().any(|(_, v)| v.contains("釜石 花子") || v.contains("1941")), "{kept:?}");
    }

    #[test]
    fn every_problem_at_once() {
        let bad = SlipInput { pathway: "".into(), sent_on: "2026-12-31".into(), topics: vec!["x".into(); 1000], main_topic: "health".into(), share_consent: "".into(), sex: "x".into(), household: "x".into(), channel: "x".into(), district: "x".into(), ..input() };
        let problems = bad.check(d("2026-12-01")).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|(f, _)| *f).collect();
        for f in ["pathway", "sent_on", "topics", "main_topic", "share_consent", "sex", "household", "channel", "district"] {
            assert!(fields.contains(&f), "{f}: {fields:?}");
        }
        assert_eq!(fields.iter().filter(|f| **f == "topics").count(), 1, "one message however many bad codes");
        let born_later = SlipInput { person: PersonFields { birth_date: "2026-12-01".into(), ..Default::default() }, sent_on: "2026-11-30".into(), ..input() };
        assert_eq!(born_later.check(d("2026-12-01")).unwrap_err()[0].0, "birth_date");
    }
}
