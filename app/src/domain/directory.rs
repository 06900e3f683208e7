//! The directory's rules: organisation kinds, the default professions, and input checks.

pub use super::validate::Problems;
use super::validate::{finish, optional_len, required};
use super::text::{char_len, is_kana, is_valid_email, is_valid_phone, normalize_width};
use serde::{Deserialize, Serialize};

/// Kinds of organisation (機関・団体の種別): (code, label).
pub const ORGANISATION_KINDS: &[(&str, &str)] = &[
    ("association", "職能団体"),
    ("hospital", "病院"),
    ("clinic", "診療所"),
    ("dental_clinic", "歯科診療所"),
    ("pharmacy", "薬局"),
    ("home_nursing", "訪問看護ステーション"),
    ("care_provider", "介護事業所"),
    ("community_support_center", "地域包括支援センター"),
    ("government", "行政"),
    ("social_welfare_council", "社会福祉協議会"),
    ("life_support_center", "生活応援センター"),
    ("other", "その他"),
];

pub fn organisation_kind_label(code: &str) -> Option<&'static str> {
    ORGANISATION_KINDS.iter().find(|(c, _)| *c == code).map(|(_, l)| *l)
}

/// The professions seeded on first start (editable afterwards): (name, short name).
pub const DEFAULT_PROFESSIONS: &[(&str, &str)] = &[
    ("医師", "医師"),
    ("歯科医師", "歯科"),
    ("薬剤師", "薬剤師"),
    ("看護師（訪問看護）", "訪問看護"),
    ("リハビリ職", "リハ"),
    ("介護支援専門員", "ケアマネ"),
    ("栄養士", "栄養士"),
    ("医療ソーシャルワーカー（病院連携室）", "MSW"),
    ("地域包括支援センター職員", "包括"),
    ("保健師", "保健師"),
    ("生活支援コーディネーター", "生活支援"),
    ("介護施設職員", "介護施設"),
    ("消防・救急", "消防"),
    ("行政（介護認定・生活保護ほか）", "行政"),
    ("社会福祉協議会", "社協"),
    ("相談支援専門員（障がい）", "相談支援"),
    ("その他", "その他"),
];

fn contact(p: &mut Problems, phone: &str, email: &str) {
    if !phone.trim().is_empty() && !is_valid_phone(phone.trim()) {
        p.push(("phone", "電話番号は 0193-22-1234 のように、10〜11桁の数字で入力してください。".into()));
    }
    if !email.trim().is_empty() && !is_valid_email(email.trim()) {
        p.push(("email", "メールアドレスの形式が正しくありません（例: name@example.jp）。".into()));
    }
}

fn kana(p: &mut Problems, value: &str) {
    if char_len(value.trim()) > 100 {
        p.push(("kana", "ふりがなは100文字以内にしてください。".into()));
    } else if !is_kana(value.trim()) {
        p.push(("kana", "ふりがなは、ひらがなまたはカタカナで入力してください。".into()));
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfessionInput {
    pub name: String,
    pub short_name: String,
    pub sort_order: String,
    pub active: bool,
}

impl ProfessionInput {
    pub fn check(&self) -> Result<i32, Problems> {
        let mut p = Problems::new();
        required(&mut p, "name", &self.name, "職種名", 100);
        optional_len(&mut p, "short_name", &self.short_name, "略称", 30);
        let order = normalize_width(self.sort_order.trim());
        let order = if order.is_empty() { Ok(0) } else { order.parse::<i32>() };
        if order.is_err() {
            p.push(("sort_order", "並び順は整数で入力してください。".into()));
        }
        if p.is_empty() {
            Ok(order.unwrap_or(0))
        } else {
            Err(p)
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationInput {
    pub name: String,
    pub kana: String,
    pub kind: String,
    pub professions: Vec<i32>,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub notes: String,
    /// On the mailing list of 地域連携だより.
    pub receives_newsletter: bool,
}

impl OrganisationInput {
    pub fn check(&self) -> Result<(), Problems> {
        let mut p = Problems::new();
        required(&mut p, "name", &self.name, "名称", 200);
        kana(&mut p, &self.kana);
        if organisation_kind_label(&self.kind).is_none() {
            p.push(("kind", "種別を選んでください。".into()));
        }
        optional_len(&mut p, "address", &self.address, "住所", 300);
        contact(&mut p, &self.phone, &self.email);
        let web = self.website.trim();
        if !web.is_empty() && !(web.starts_with("http://") || web.starts_with("https://")) || char_len(web) > 300 {
            p.push(("website", "ウェブサイトは http:// または https:// で始まるアドレスを入力してください。".into()));
        }
        optional_len(&mut p, "notes", &self.notes, "メモ", 5000);
        finish(p)
    }

    /// The input as form pairs, to refill a form after an error.
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut v = vec![
            ("name".into(), self.name.clone()),
            ("kana".into(), self.kana.clone()),
            ("kind".into(), self.kind.clone()),
            ("address".into(), self.address.clone()),
            ("phone".into(), self.phone.clone()),
            ("email".into(), self.email.clone()),
            ("website".into(), self.website.clone()),
            ("notes".into(), self.notes.clone()),
            ("receives_newsletter".into(), if self.receives_newsletter { "on".into() } else { String::new() }),
        ];
        v.push(("professions".into(), self.professions.iter().map(i32::to_string).collect::<Vec<_>>().join(",")));
        v
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonInput {
    pub name: String,
    pub kana: String,
    pub organisation_id: Option<i32>,
    pub profession_id: Option<i32>,
    pub title: String,
    pub phone: String,
    pub email: String,
    pub key_person: bool,
    pub notes: String,
}

impl PersonInput {
    pub fn check(&self) -> Result<(), Problems> {
        let mut p = Problems::new();
        required(&mut p, "name", &self.name, "氏名", 100);
        kana(&mut p, &self.kana);
        optional_len(&mut p, "title", &self.title, "役職・役割", 100);
        contact(&mut p, &self.phone, &self.email);
        optional_len(&mut p, "notes", &self.notes, "メモ", 5000);
        finish(p)
    }

    pub fn pairs(&self) -> Vec<(String, String)> {
        vec![
            ("name".into(), self.name.clone()),
            ("kana".into(), self.kana.clone()),
            ("organisation_id".into(), self.organisation_id.map(|i| i.to_string()).unwrap_or_default()),
            ("profession_id".into(), self.profession_id.map(|i| i.to_string()).unwrap_or_default()),
            ("title".into(), self.title.clone()),
            ("phone".into(), self.phone.clone()),
            ("email".into(), self.email.clone()),
            ("key_person".into(), if self.key_person { "on".into() } else { String::new() }),
            ("notes".into(), self.notes.clone()),
        ]
    }
}

/// A person's profession when saved: the one chosen, else their organisation's when it
/// represents exactly one (a pharmacy's staff are pharmacists); with none or several the
/// choice is not ours to guess, so it stays empty.
pub fn profession_for_person(chosen: Option<i32>, organisation_professions: &[i32]) -> Option<i32> {
    chosen.or(match organisation_professions {
        [only] => Some(*only),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_takes_the_only_profession_of_their_organisation() {
        assert_eq!(profession_for_person(None, &[3]), Some(3));
        assert_eq!(profession_for_person(Some(5), &[3]), Some(5), "a chosen profession wins");
        assert_eq!(profession_for_person(None, &[3, 4]), None, "several: no guess");
        assert_eq!(profession_for_person(None, &[]), None);
        assert_eq!(profession_for_person(Some(5), &[]), Some(5));
    }

    fn org() -> OrganisationInput {
        OrganisationInput { name: "釜石薬剤師会".into(), kind: "association".into(), ..Default::default() }
    }

    #[test]
    fn kinds_have_labels() {
        assert_eq!(ORGANISATION_KINDS.len(), 12);
        assert_eq!(organisation_kind_label("pharmacy"), Some("薬局"));
        assert_eq!(organisation_kind_label("nope"), None);
        assert_eq!(DEFAULT_PROFESSIONS.len(), 17);
    }

    #[test]
    fn organisation_checks_every_field_at_once() {
        assert!(org().check().is_ok());
        let bad = OrganisationInput {
            name: " ".into(),
            kana: "釜石".into(),
            kind: "x".into(),
            phone: "12".into(),
            email: "a@".into(),
            website: "kamaishi.jp".into(),
            ..Default::default()
        };
        let fields: Vec<_> = bad.check().unwrap_err().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["name", "kana", "kind", "phone", "email", "website"]);
    }

    #[test]
    fn lengths_are_counted_in_characters() {
        let long = OrganisationInput { name: "あ".repeat(200), ..org() };
        assert!(long.check().is_ok());
        let too_long = OrganisationInput { name: "あ".repeat(201), ..org() };
        assert_eq!(too_long.check().unwrap_err()[0].0, "name");
    }

    #[test]
    fn person_checks() {
        let ok = PersonInput { name: "山田 太郎".into(), kana: "やまだ たろう".into(), phone: "090-1234-5678".into(), ..Default::default() };
        assert!(ok.check().is_ok());
        let bad = PersonInput { name: "".into(), email: "x".into(), ..Default::default() };
        let fields: Vec<_> = bad.check().unwrap_err().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["name", "email"]);
    }

    #[test]
    fn profession_sort_order_accepts_full_width_digits() {
        let p = ProfessionInput { name: "薬剤師".into(), sort_order: "３".into(), ..Default::default() };
        assert_eq!(p.check(), Ok(3));
        let bad = ProfessionInput { name: "薬剤師".into(), sort_order: "三".into(), ..Default::default() };
        assert!(bad.check().is_err());
    }
}

/// An earlier post entered by hand (所属・役職の履歴).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PostInput {
    pub organisation: String,
    pub title: String,
    pub started_on: String,
    pub ended_on: String,
}

impl PostInput {
    /// The dates (either may be unknown), checked with the texts.
    pub fn check(&self) -> Result<(Option<chrono::NaiveDate>, Option<chrono::NaiveDate>), Problems> {
        let mut p = Problems::new();
        required(&mut p, "organisation", &self.organisation, "所属", 200);
        optional_len(&mut p, "title", &self.title, "役職", 100);
        let mut date = |field: &'static str, value: &str, what: &str| match value.trim() {
            "" => None,
            s => {
                let d = super::meetings::parse_date(s);
                if d.is_none() {
                    p.push((field, format!("{what}は 2019-04-01 の形で入力してください。")));
                }
                d
            }
        };
        let from = date("started_on", &self.started_on, "開始日");
        let to = date("ended_on", &self.ended_on, "終了日");
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                p.push(("ended_on", "終了日は開始日より後にしてください。".into()));
            }
        }
        finish(p)?;
        Ok((from, to))
    }

    pub fn pairs(&self) -> Vec<(String, String)> {
        [("organisation", &self.organisation), ("title", &self.title), ("started_on", &self.started_on), ("ended_on", &self.ended_on)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }
}

#[cfg(test)]
mod post_tests {
    use super::*;

    #[test]
    fn a_post_needs_its_organisation_and_dates_in_order() {
        let ok = PostInput { organisation: "釜石病院".into(), title: "地域連携室長".into(), started_on: "2019-04-01".into(), ended_on: "2024-03-31".into() };
        let (from, to) = ok.check().unwrap();
        assert_eq!((from.unwrap().to_string(), to.unwrap().to_string()), ("2019-04-01".to_string(), "2024-03-31".to_string()));
        assert_eq!(PostInput { started_on: String::new(), ..ok.clone() }.check().unwrap().0, None);
        let bad = PostInput { organisation: " ".into(), title: String::new(), started_on: "2024-04-01".into(), ended_on: "2019-03-31".into() };
        assert_eq!(bad.check().unwrap_err().iter().map(|(f, _)| *f).collect::<Vec<_>>(), ["organisation", "ended_on"]);
        let bad = PostInput { organisation: "x".into(), started_on: "平成31年".into(), ..Default::default() };
        assert_eq!(bad.check().unwrap_err()[0].0, "started_on");
    }
}
