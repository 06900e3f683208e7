//! `/referrals/new`: slip 1 (紹介・相談依頼), as the paper form asks it. A partner sends for
//! their organisation; the team enters a slip that came by FAX or by hand.

use super::ReferralTabs;
use crate::api::referrals::{get_referral_choices, SendReferral};
use crate::components::form::{list_value, CheckboxField, CheckboxGroup, FormErrors, FormMessage, SelectField, TextArea, TextField};
use crate::components::loaded::loaded;
use crate::components::page_title::PageTitle;
use crate::domain::referrals::{Channel, Household, Sex, ShareConsent, Topic};
use crate::dto::directory::Ref;
use leptos::prelude::*;

mod t {
    pub const TITLE: &str = "連絡票1（紹介・相談依頼）を送る";
    pub const SLIP: &str = "連絡票";
    pub const PATHWAY: &str = "経路";
    pub const SENT_ON: &str = "送付日";
    pub const CHANNEL: &str = "送付方法";
    pub const SENDER: &str = "送付元の機関";
    pub const RECEIVER: &str = "送付先（地域包括支援センター・生活応援センター等）";
    pub const CONSENT: &str = "同意";
    pub const SHARE_CONSENT: &str = "関係機関との情報共有の同意";
    pub const CONSENT_HINT: &str = "同意がない場合は、氏名などを入れずに匿名の記録として送ります（件数の集計に使います）。";
    pub const REPORT_BACK: &str = "支援の状況を送付元へ報告することに同意している";
    pub const PERSON: &str = "ご本人";
    pub const PERSON_HINT: &str = "ご本人の情報は暗号化して保存され、閲覧はすべて記録されます。入力に誤りがあって送れなかったときは、この欄をもう一度入力してください（保存前の個人情報はサーバーに残しません）。";
    pub const NAME: &str = "氏名";
    pub const KANA: &str = "ふりがな";
    pub const BIRTH: &str = "生年月日";
    pub const PHONE: &str = "電話番号";
    pub const ADDRESS: &str = "住所";
    pub const SEX: &str = "性別";
    pub const DISTRICT: &str = "地区";
    pub const HOUSEHOLD: &str = "世帯";
    pub const NEEDS: &str = "相談の内容";
    pub const TOPICS: &str = "困っていること（あてはまるものすべて）";
    pub const MAIN_TOPIC: &str = "◎ いちばん困っていること";
    pub const NOTICED: &str = "気づいたこと・伝えたいこと";
    pub const CHOOSE: &str = "選んでください";
    pub const NONE: &str = "（なし）";
    pub const SEND: &str = "連絡票を送る";
}

fn refs(list: &[Ref]) -> Vec<(String, String)> {
    list.iter().map(|r| (r.id.to_string(), r.name.clone())).collect()
}

fn coded<T: Copy>(all: &[T], code: fn(T) -> &'static str, label: fn(T) -> &'static str) -> Vec<(String, String)> {
    all.iter().map(|x| (code(*x).to_string(), label(*x).to_string())).collect()
}

#[component]
pub fn ReferralFormPage() -> impl IntoView {
    let send = ServerAction::<SendReferral>::new();
    let errors = FormErrors::of(send);
    let v = move |name: &str, default: &str| errors.value_or(name, default);
    view! {
        <PageTitle text=t::TITLE />
        <h1>{t::TITLE}</h1>
        <ReferralTabs current="/referrals/new" />
        {loaded(get_referral_choices(), move |c| {
            // A partner sends for their one organisation.
            let sender = match c.senders.as_slice() { [one] => one.id.to_string(), _ => String::new() };
            let channel = if c.senders.len() == 1 { Channel::App } else { Channel::Fax };
            let topics = coded(Topic::ALL, Topic::code, Topic::label);
            view! {
                <ActionForm action=send attr:class="stack card" attr:data-testid="referral-form">
                    <FormMessage errors />
                    <fieldset>
                        <legend>{t::SLIP}</legend>
                        <div class="row">
                            <SelectField label=t::PATHWAY name="pathway" options=refs(&c.pathways) selected=v("pathway", "") required=true empty_label=t::CHOOSE errors />
                            <TextField label=t::SENT_ON name="sent_on" input_type="date" value=v("sent_on", &crate::clock::today().to_string()) required=true errors />
                            <SelectField label=t::CHANNEL name="channel" options=coded(Channel::ALL, Channel::code, Channel::label) selected=v("channel", channel.code()) errors />
                        </div>
                        <div class="row">
                            <SelectField label=t::SENDER name="sender_organisation" options=refs(&c.senders) selected=v("sender_organisation", &sender) required=true empty_label=t::CHOOSE errors />
                            <SelectField label=t::RECEIVER name="receiver_organisation" options=refs(&c.receivers) selected=v("receiver_organisation", "") required=true empty_label=t::CHOOSE errors />
                        </div>
                    </fieldset>
                    <fieldset>
                        <legend>{t::CONSENT}</legend>
                        <SelectField label=t::SHARE_CONSENT name="share_consent" options=coded(ShareConsent::ALL, ShareConsent::code, ShareConsent::label) selected=v("share_consent", "") required=true empty_label=t::CHOOSE errors />
                        <p class="hint">{t::CONSENT_HINT}</p>
                        <CheckboxField label=t::REPORT_BACK name="report_back" checked=v("report_back", "") == "on" />
                    </fieldset>
                    <fieldset>
                        <legend>{t::PERSON}</legend>
                        <p class="hint">{t::PERSON_HINT}</p>
                        <div class="row">
                            <TextField label=t::NAME name="name" maxlength=100 errors />
                            <TextField label=t::KANA name="kana" maxlength=100 errors />
                        </div>
                        <div class="row">
                            <TextField label=t::BIRTH name="birth_date" input_type="date" errors />
                            <TextField label=t::PHONE name="phone" input_type="tel" maxlength=50 errors />
                        </div>
                        <TextField label=t::ADDRESS name="address" maxlength=300 errors />
                        <div class="row">
                            <SelectField label=t::SEX name="sex" options=coded(Sex::ALL, Sex::code, Sex::label) selected=v("sex", Sex::Unstated.code()) errors />
                            <SelectField label=t::DISTRICT name="district" options=refs(&c.districts) selected=v("district", "") empty_label=t::NONE errors />
                            <SelectField label=t::HOUSEHOLD name="household" options=coded(Household::ALL, Household::code, Household::label) selected=v("household", Household::Unknown.code()) errors />
                        </div>
                    </fieldset>
                    <fieldset>
                        <legend>{t::NEEDS}</legend>
                        <CheckboxGroup legend=t::TOPICS name="topics" options=topics.clone() selected=list_value(errors, "topics", Vec::new()) errors />
                        <SelectField label=t::MAIN_TOPIC name="main_topic" options=topics selected=v("main_topic", "") empty_label=t::NONE errors />
                        <TextArea label=t::NOTICED name="noticed" rows=4 errors />
                    </fieldset>
                    <div class="actions"><button type="submit">{t::SEND}</button></div>
                </ActionForm>
            }
            .into_any()
        })}
    }
}
