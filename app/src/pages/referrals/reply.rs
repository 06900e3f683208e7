//! Slip 2 (支援状況の返信) on a slip's page: the replies so far, and the receiver's form.

use crate::api::referrals::{ReplyChoices, ReplyReferral, ReplyView};
use crate::components::form::{list_value, CheckboxGroup, FormErrors, FormMessage, SelectField, TextArea, TextField};
use crate::domain::referral_replies::{CareApplication, Visit};
use crate::domain::referrals::State;
use crate::dto::directory::Ref;
use leptos::prelude::*;

mod t {
    pub const TITLE: &str = "連絡票2（支援状況の返信）";
    pub const NONE_YET: &str = "まだ返信はありません。";
    pub const SUPPORT_WITHHELD: &str = "（2段階認証を有効にすると表示されます）";
    pub const HIDDEN: &str = "返信がありました。ご本人が送付元への報告に同意していないため、内容は表示しません。";
    pub const REPLIED_ON: &str = "返信日";
    pub const BY: &str = "記入者";
    pub const STATE: &str = "支援の状況";
    pub const NOW: &str = "■ 現在関わっている機関";
    pub const PLANNED: &str = "● 今後関わる予定の機関";
    pub const CONNECTIONS: &str = "つながり（箇所）";
    pub const BEFORE: &str = "つながり：支援開始時（箇所）";
    pub const AFTER: &str = "つながり：現在（箇所）";
    pub const CARE: &str = "介護保険の申請";
    pub const VISIT: &str = "来所・相談";
    pub const SUPPORT: &str = "主な支援内容と今後の予定";
    pub const RESOURCES: &str = "つながった地域の資源";
    pub const NEW: &str = "返信を記録する";
    pub const NEW_HINT: &str = "状況が変わるたびに返信を記録できます。「終了」「辞退」「連絡つかず」で連絡票は終了します。主な支援内容は暗号化して保存されます。";
    pub const CHOOSE: &str = "選んでください";
    pub const SEND: &str = "返信を記録";
    pub const NOTHING: &str = "なし";
}

fn refs(list: &[Ref]) -> Vec<(String, String)> {
    list.iter().map(|r| (r.id.to_string(), r.name.clone())).collect()
}

fn or_none(list: &[String]) -> String {
    if list.is_empty() { t::NOTHING.to_string() } else { list.join("、") }
}

/// The replies, oldest first; `hidden` when the sender may not see what they say.
#[component]
pub fn Replies(replies: Vec<ReplyView>, hidden: bool) -> impl IntoView {
    let body = if hidden {
        view! { <p data-testid="reply-hidden">{t::HIDDEN}</p> }.into_any()
    } else if replies.is_empty() {
        view! { <p class="empty">{t::NONE_YET}</p> }.into_any()
    } else {
        replies
            .into_iter()
            .map(|r| {
                let row = |label: &'static str, value: String| view! { <dt>{label}</dt><dd>{value}</dd> };
                let count = |n: Option<i32>| n.map(|n| n.to_string()).unwrap_or_else(|| "—".into());
                view! {
                    <dl class="facts reply" data-testid="referral-reply">
                        {row(t::REPLIED_ON, r.replied_on.clone())}
                        {row(t::BY, r.by_name.clone())}
                        {row(t::STATE, r.state.label().to_string())}
                        {row(t::NOW, or_none(&r.agencies_now))}
                        {row(t::PLANNED, or_none(&r.agencies_planned))}
                        {row(t::CONNECTIONS, format!("{} → {}", count(r.connections_before), count(r.connections_now)))}
                        {row(t::CARE, r.care_application.clone())}
                        {row(t::VISIT, r.visit.clone())}
                        {row(t::RESOURCES, or_none(&r.resources))}
                        <dt>{t::SUPPORT}</dt><dd class="pre">{if r.support_withheld { t::SUPPORT_WITHHELD.to_string() } else { r.support.clone() }}</dd>
                    </dl>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="card">
            <h2>{t::TITLE}</h2>
            {body}
        </section>
    }
}

/// The receiver's form: one more reply.
#[component]
pub fn ReplyForm(id: i32, version: i32, choices: ReplyChoices) -> impl IntoView {
    let reply = ServerAction::<ReplyReferral>::new();
    let errors = FormErrors::of(reply);
    let v = move |name: &str, default: &str| errors.value_or(name, default);
    let states: Vec<(String, String)> = State::REPLIES.iter().map(|s| (s.code().to_string(), s.label().to_string())).collect();
    let agencies = refs(&choices.agencies);
    view! {
        <ActionForm action=reply attr:class="stack card no-print" attr:data-testid="reply-form">
            <h2>{t::NEW}</h2>
            <p class="hint">{t::NEW_HINT}</p>
            <FormMessage errors />
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="version" value=version />
            <div class="row">
                <TextField label=t::REPLIED_ON name="replied_on" input_type="date" value=v("replied_on", &crate::clock::today().to_string()) required=true errors />
                <TextField label=t::BY name="by_name" value=v("by_name", "") maxlength=100 required=true errors />
                <SelectField label=t::STATE name="state" options=states selected=v("state", "") required=true empty_label=t::CHOOSE errors />
            </div>
            <div class="scroll-box">
                <CheckboxGroup legend=t::NOW name="agencies_now" options=agencies.clone() selected=list_value(errors, "agencies_now", Vec::new()) errors />
            </div>
            <div class="scroll-box">
                <CheckboxGroup legend=t::PLANNED name="agencies_planned" options=agencies selected=list_value(errors, "agencies_planned", Vec::new()) errors />
            </div>
            <div class="row">
                <TextField label=t::BEFORE name="connections_before" input_type="number" value=v("connections_before", "") errors />
                <TextField label=t::AFTER name="connections_now" input_type="number" value=v("connections_now", "") errors />
                <SelectField label=t::CARE name="care_application" options=CareApplication::ALL.iter().map(|c| (c.code().to_string(), c.label().to_string())).collect() selected=v("care_application", CareApplication::Unknown.code()) errors />
                <SelectField label=t::VISIT name="visit" options=Visit::ALL.iter().map(|c| (c.code().to_string(), c.label().to_string())).collect() selected=v("visit", Visit::Unknown.code()) errors />
            </div>
            <div class="scroll-box">
                <CheckboxGroup legend=t::RESOURCES name="resources" options=refs(&choices.resources) selected=list_value(errors, "resources", Vec::new()) errors />
            </div>
            <TextArea label=t::SUPPORT name="support" rows=4 errors />
            <div class="actions"><button type="submit" data-testid="reply-submit">{t::SEND}</button></div>
        </ActionForm>
    }
}
