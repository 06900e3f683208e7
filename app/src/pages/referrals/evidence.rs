//! The card on a slip's page that links it to issues of the register as evidence of a
//! missing resource (資源不足): the team's, shown to those who may read issues.

use crate::api::referrals::{LinkReferralIssue, ReferralEvidence};
use crate::components::form::{FormErrors, FormMessage, SelectField};
use leptos::prelude::*;

mod t {
    pub const TITLE: &str = "地域課題の根拠（資源不足）";
    pub const HINT: &str = "必要な資源がないために辞退・連絡つかず・支援につながらなかった連絡票を課題リストの課題に結びつけると、課題の根拠として残ります。課題のページには連絡票の番号・日付・経路・状況だけが表示され、ご本人の情報は表示されません。";
    pub const NONE: &str = "まだどの課題にも結びつけていません。";
    pub const ISSUE: &str = "結びつける課題";
    pub const CHOOSE: &str = "（課題を選ぶ）";
    pub const LINK: &str = "課題に結びつける";
    pub const UNLINK: &str = "外す";
    pub const NOT_CLOSED: &str = "返信で「終了」「辞退」「連絡つかず」になると、課題に結びつけられます。";
}

#[component]
pub fn EvidenceCard(id: i32, evidence: ReferralEvidence) -> impl IntoView {
    let action = ServerAction::<LinkReferralIssue>::new();
    let errors = FormErrors::of(action);
    let options: Vec<(String, String)> = evidence.choices.iter().map(|r| (r.id.to_string(), r.name.clone())).collect();
    view! {
        <section class="card no-print" id="evidence" data-testid="evidence">
            <h2>{t::TITLE}</h2>
            <p class="hint">{t::HINT}</p>
            <FormMessage errors />
            {if evidence.linked.is_empty() {
                view! { <p class="empty">{t::NONE}</p> }.into_any()
            } else {
                view! {
                    <ul class="linked-issues">
                        {evidence.linked.into_iter().map(|issue| view! {
                            <li>
                                <a href=format!("/issues/{}", issue.id)>{issue.name.clone()}</a>
                                {evidence.may_link.then(|| view! {
                                    " "
                                    <ActionForm action attr:class="inline">
                                        <input type="hidden" name="id" value=id />
                                        <input type="hidden" name="issue" value=issue.id />
                                        <input type="hidden" name="unlink" value="true" />
                                        <button type="submit" class="secondary small" aria-label=format!("「{}」から{}", issue.name, t::UNLINK)>{t::UNLINK}</button>
                                    </ActionForm>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(evidence.may_link && !evidence.closed).then(|| view! { <p class="hint">{t::NOT_CLOSED}</p> })}
            {(evidence.may_link && !options.is_empty()).then(|| view! {
                <ActionForm action attr:class="stack">
                    <input type="hidden" name="id" value=id />
                    <SelectField label=t::ISSUE name="issue" options required=true empty_label=t::CHOOSE errors />
                    <div class="actions"><button type="submit" data-testid="link-issue">{t::LINK}</button></div>
                </ActionForm>
            })}
        </section>
    }
}
