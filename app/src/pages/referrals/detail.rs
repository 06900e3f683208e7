//! `/referrals/:id`: one slip, and `/referrals/:id/print` its A4 print view. Each opening is
//! written to the audit trail (who, when, 閲覧 or 印刷); the receiver records 受付 with one
//! click.

use super::reply::{Replies, ReplyForm};
use super::{ReferralTabs, StateBadge};
use crate::api::referrals::{get_referral, EraseReferralPerson, ReceiveReferral};
use crate::components::form::{FormErrors, FormMessage};
use crate::components::loaded::loaded;
use crate::components::nav::{use_id_param, use_notice, Notice};
use crate::components::page_title::PageTitle;
use crate::domain::referrals::State;
use crate::dto::referrals::ReferralView;
use leptos::prelude::*;

mod t {
    pub const TITLE: &str = "連絡票";
    pub const SLIP: &str = "連絡票1（紹介・相談依頼）";
    pub const SENT_ON: &str = "送付日";
    pub const PATHWAY: &str = "経路";
    pub const CHANNEL: &str = "送付方法";
    pub const SENDER: &str = "送付元";
    pub const RECEIVER: &str = "送付先";
    pub const DUE: &str = "返信期限";
    pub const RECEIVED_ON: &str = "受付日";
    pub const SHARE_CONSENT: &str = "情報共有の同意";
    pub const REPORT_BACK: &str = "送付元への報告";
    pub const YES: &str = "同意あり";
    pub const NO: &str = "同意なし";
    pub const PERSON: &str = "ご本人";
    pub const ANONYMOUS: &str = "同意がないため、個人を特定する情報のない匿名の記録です。";
    pub const NAME: &str = "氏名";
    pub const KANA: &str = "ふりがな";
    pub const BIRTH: &str = "生年月日";
    pub const PHONE: &str = "電話番号";
    pub const ADDRESS: &str = "住所";
    pub const NOTICED: &str = "気づいたこと・伝えたいこと";
    pub const COUNTS: &str = "集計に使う項目";
    pub const SEX: &str = "性別";
    pub const AGE: &str = "年代";
    pub const DISTRICT: &str = "地区";
    pub const HOUSEHOLD: &str = "世帯";
    pub const TOPICS: &str = "相談の内容（◎が先頭）";
    pub const RECEIVE: &str = "受付しました";
    pub const RECEIVE_HINT: &str = "連絡票を受け取ったら押してください。送付元にも受付が伝わります。";
    pub const AUDITED: &str = "この連絡票の閲覧は記録されています。";
    pub const PRINT: &str = "印刷（A4・FAX用）";
    pub const PRINT_NOW: &str = "印刷する";
    pub const BACK: &str = "連絡票に戻る";
    pub const PRINT_AUDITED: &str = "この連絡票の印刷用の表示は記録されています。ボタンが使えないときは、ブラウザの印刷（Ctrl+P）を使ってください。";
    pub const DISCLOSE: &str = "ご本人への開示用に書き出す（CSV）";
    pub const CONSENT_LINE: &str = "上記の内容を関係機関と共有することに同意します。";
    pub const SIGNATURE: &str = "本人署名";
    pub const WRITER: &str = "記入者";
    pub const ERASE: &str = "個人情報を消去（ご本人の求め）";
    pub const ERASE_CONFIRM: &str = "この連絡票の氏名・連絡先・気づいたこと・支援内容を消去します。件数の集計に使う項目は残ります。元に戻せません。よろしいですか。";
    pub const ERASE_HINT: &str = "ご本人から消去を求められたときに使います（管理者のみ）。開示を求められたときは、印刷用の表示を印刷するか、書き出したファイルをお渡しください（どちらも記録されます）。";
    pub const WITHHELD: &str = "ご本人の氏名・連絡先などは、2段階認証を使うアカウントにだけ表示されます。";
    pub const WITHHELD_LINK: &str = "アカウント設定で2段階認証を有効にする";
    pub const ERASED: &str = "保存期間の経過またはご本人の求めにより、個人情報は消去されました。";
    pub const NOTICES: &[(&str, &str)] = &[("sent", "連絡票を送りました。"), ("received", "受付を記録しました。"), ("replied", "返信を記録しました。"), ("erased", "個人情報を消去しました。"), ("linked", "課題に結びつけました。"), ("unlinked", "課題との結びつけを外しました。"), ("initiative_added", "取組に加えました。"), ("initiative_removed", "取組から外しました。")];
}

#[component]
pub fn ReferralPage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    let receive = ServerAction::<ReceiveReferral>::new();
    let erase = ServerAction::<EraseReferralPerson>::new();
    let errors = FormErrors::of(receive);
    let erase_errors = FormErrors::of(erase);
    let notice = use_notice(t::NOTICES);
    view! {
        <PageTitle text=t::TITLE />
        <ReferralTabs current="" />
        <Notice notice />
        <FormMessage errors />
        <FormMessage errors=erase_errors />
        {loaded(get_referral(id, false), move |r| {
            let s = r.summary.clone();
            view! {
                <h1>{format!("{} No.{}", t::TITLE, s.id)} " " <StateBadge state=s.state overdue=s.overdue /></h1>
                <p class="hint">{t::AUDITED}</p>
                <div class="actions no-print"><a class="button secondary" href=format!("/referrals/{}/print", s.id) data-testid="print-view">{t::PRINT}</a></div>
                {(r.may_receive && s.state == State::Sent).then(|| view! {
                    <ActionForm action=receive attr:class="card no-print">
                        <input type="hidden" name="id" value=s.id />
                        <input type="hidden" name="version" value=r.version />
                        <p class="hint">{t::RECEIVE_HINT}</p>
                        <button type="submit" data-testid="receive">{t::RECEIVE}</button>
                    </ActionForm>
                })}
                <SlipSheet r=r.clone() />
                {r.evidence.clone().map(|evidence| view! { <super::evidence::EvidenceCard id=s.id evidence /> })}
                {r.initiatives.clone().map(|initiatives| view! { <super::initiatives::InitiativesCard id=s.id initiatives /> })}
                {r.reply_choices.clone().map(|choices| view! { <ReplyForm id=s.id version=r.version choices /> })}
                {(r.may_erase && !r.personal_withheld).then(|| view! {
                    <p class="no-print"><a href=format!("/referrals/{}/disclosure.csv", s.id) download="" data-testid="disclose">{t::DISCLOSE}</a></p>
                })}
                {(r.may_erase && !r.erased).then(|| view! {
                    <ActionForm action=erase attr:class="card no-print stack">
                        <input type="hidden" name="id" value=s.id />
                        <p class="hint">{t::ERASE_HINT}</p>
                        <label class="checkbox"><input type="checkbox" name="confirm" value="on" required=true data-testid="erase-confirm" />" " {t::ERASE_CONFIRM}</label>
                        <button type="submit" class="danger" data-testid="erase">{t::ERASE}</button>
                    </ActionForm>
                })}
            }
            .into_any()
        })}
    }
}

/// `/referrals/:id/print`: slips 1 and 2 on A4, with the consent and signature lines when
/// the person signed; nothing to click on paper.
#[component]
pub fn ReferralPrintPage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    view! {
        <PageTitle text=t::TITLE />
        {loaded(get_referral(id, true), move |r| {
            let s = r.summary.clone();
            view! {
                <div class="actions no-print">
                    <a href=format!("/referrals/{}", s.id)>{t::BACK}</a>
                    <crate::components::islands::PrintButton label=t::PRINT_NOW.to_string() />
                </div>
                <p class="hint no-print">{t::PRINT_AUDITED}</p>
                <h1>{format!("{} No.{}", t::TITLE, s.id)} " " <StateBadge state=s.state overdue=s.overdue /></h1>
                <SlipSheet r />
            }
            .into_any()
        })}
    }
}

/// Slip 1, the person, the signature lines and the replies: what both views show.
#[component]
fn SlipSheet(r: ReferralView) -> impl IntoView {
    let s = r.summary.clone();
    let row = |label: &'static str, value: String| view! { <dt>{label}</dt><dd>{value}</dd> };
    view! {
        <section class="card">
            <h2>{t::SLIP}</h2>
            <dl class="facts" data-testid="referral-facts">
                {row(t::SENT_ON, s.sent_on.clone())}
                {row(t::PATHWAY, s.pathway.clone())}
                {row(t::CHANNEL, r.channel.clone())}
                {row(t::SENDER, [Some(s.sender.clone()), r.sender_person.clone()].into_iter().flatten().collect::<Vec<_>>().join(" "))}
                {row(t::RECEIVER, s.receiver.clone())}
                {row(t::DUE, s.due_on.clone())}
                {r.received_on.clone().map(|d| row(t::RECEIVED_ON, d))}
                {row(t::SHARE_CONSENT, r.share_consent.clone())}
                {row(t::REPORT_BACK, (if r.report_back { t::YES } else { t::NO }).to_string())}
                {row(t::TOPICS, s.topics.iter().enumerate().map(|(i, x)| if i == 0 && s.main_topic.is_some() { format!("◎{x}") } else { x.clone() }).collect::<Vec<_>>().join("、"))}
            </dl>
        </section>
        <section class="card">
            <h2>{t::PERSON}</h2>
            {match r.person.clone() {
                None if r.erased => view! { <p data-testid="erased">{t::ERASED}</p> }.into_any(),
                None if r.personal_withheld => view! {
                    <p class="warning" data-testid="withheld">{t::WITHHELD} " " <a href="/account/two-factor">{t::WITHHELD_LINK}</a></p>
                }.into_any(),
                None => view! { <p data-testid="anonymous">{t::ANONYMOUS}</p> }.into_any(),
                Some(p) => view! {
                    <dl class="facts" data-testid="referral-person">
                        {row(t::NAME, p.name)}
                        {row(t::KANA, p.kana)}
                        {row(t::BIRTH, p.birth_date)}
                        {row(t::PHONE, p.phone)}
                        {row(t::ADDRESS, p.address)}
                        <dt>{t::NOTICED}</dt><dd class="pre">{p.noticed}</dd>
                    </dl>
                }.into_any(),
            }}
            <h3>{t::COUNTS}</h3>
            <dl class="facts">
                {row(t::SEX, r.sex.clone())}
                {row(t::AGE, r.age_band.clone())}
                {row(t::DISTRICT, r.district.clone())}
                {row(t::HOUSEHOLD, r.household.clone())}
            </dl>
        </section>
        {(r.share_consent_signed).then(|| view! {
            <div class="print-only">
                <p>{t::CONSENT_LINE}</p>
                <div class="signature-lines"><p>{t::SIGNATURE}</p><p>{t::WRITER}</p></div>
            </div>
        })}
        <Replies replies=r.replies.clone() hidden=r.replies_hidden />
    }
}
