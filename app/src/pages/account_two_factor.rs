//! Two-step sign-in of one's own account (/account/two-factor): set it up with an
//! authenticator app (QR code, or the secret typed by hand), keep the one-time recovery
//! codes, make new ones, or turn it off. Every form is a plain post that works without
//! JavaScript; the server redirects back here (or to /account) afterwards.

use crate::api::two_factor::{
    get_two_factor, EnrolmentView, TwoFactorAcknowledge, TwoFactorBegin, TwoFactorConfirm, TwoFactorDisable,
    TwoFactorRegenerate, TwoFactorView,
};
use crate::components::form::{FormErrors, FormMessage, TextField};
use crate::components::page_title::PageTitle;
use crate::components::loaded::loaded;
use leptos::prelude::*;

mod t {
    pub const TITLE: &str = "2段階認証";
    pub const BACK: &str = "アカウントへ戻る";
    // Off.
    pub const OFF_STATUS: &str = "2段階認証は無効です。";
    pub const OFF_LEAD: &str = "2段階認証を有効にすると、ログインのときにパスワードに加えて、スマートフォンの認証アプリ（Google Authenticator、Microsoft Authenticator など）に表示される6桁の確認コードを入力します。パスワードが知られても、あなたのスマートフォンがなければログインできなくなります。";
    pub const REQUIRED_NOT_SET: &str = "あなたの役割では2段階認証が必須です。ここで設定しない場合は、次回のログイン時に設定を求められます。";
    pub const BEGIN: &str = "2段階認証を設定する";
    // Pending.
    pub const STEP_APP: &str = "スマートフォンに認証アプリを入れてください（Google Authenticator、Microsoft Authenticator など、お使いのもので構いません）。";
    pub const STEP_SCAN: &str = "認証アプリでアカウントを追加し、下の QR コードを読み取ってください。";
    pub const STEP_CODE: &str = "認証アプリに表示された6桁の確認コードを入力して「確認して有効にする」を押してください。";
    pub const QR_LABEL: &str = "QRコード";
    pub const MANUAL: &str = "QR コードを読み取れない場合は、認証アプリで「セットアップキーを入力」などを選び、次のキーを入力してください（種類は「時間ベース」）:";
    pub const CODE: &str = "確認コード";
    pub const CODE_HINT: &str = "認証アプリに表示されている6桁の数字";
    pub const CONFIRM: &str = "確認して有効にする";
    // Fresh recovery codes.
    pub const CODES_TITLE: &str = "回復コード";
    pub const CODES_LEAD: &str = "スマートフォンをなくしたときなど、認証アプリを使えないときは、確認コードの代わりに次の回復コードでログインできます。それぞれ1回だけ使えます。このページを離れると二度と表示されません。";
    pub const CODES_HINT: &str = "印刷するか紙に書き写して、パソコンやスマートフォンとは別の、安全な場所に保管してください。";
    pub const PRINT: &str = "印刷する";
    pub const SAVED: &str = "保存しました";
    // Enabled.
    pub const ON_STATUS: &str = "2段階認証は有効です。";
    pub const ENABLED_AT: &str = "有効にした日時";
    pub const CODES_LEFT: &str = "使える回復コード";
    pub const CODES_LOW: &str = "使える回復コードが少なくなっています。新しい回復コードを発行してください。";
    pub const REGENERATE_TITLE: &str = "回復コードの再発行";
    pub const REGENERATE_HINT: &str = "新しい回復コードを10個発行します。いま持っている回復コードは使えなくなります。";
    pub const REGENERATE: &str = "新しい回復コードを発行する";
    pub const DISABLE_TITLE: &str = "2段階認証を無効にする";
    pub const DISABLE_HINT: &str = "無効にすると、パスワードだけでログインできるようになります。認証アプリの登録と回復コードは使えなくなります。";
    pub const REQUIRED: &str = "あなたの役割では2段階認証が必須のため、無効にはできません。スマートフォンを替えるときやなくしたときは、管理者にリセットを依頼してください。";
    pub const CURRENT_PASSWORD: &str = "現在のパスワード";
    pub const DISABLE: &str = "2段階認証を無効にする";
}

/// The actions of the page, handed to the part that shows the current state.
#[derive(Clone, Copy)]
struct Actions {
    begin: ServerAction<TwoFactorBegin>,
    confirm: ServerAction<TwoFactorConfirm>,
    acknowledge: ServerAction<TwoFactorAcknowledge>,
    regenerate: ServerAction<TwoFactorRegenerate>,
    disable: ServerAction<TwoFactorDisable>,
}

#[component]
pub fn TwoFactorPage() -> impl IntoView {
    let actions = Actions {
        begin: ServerAction::<TwoFactorBegin>::new(),
        confirm: ServerAction::<TwoFactorConfirm>::new(),
        acknowledge: ServerAction::<TwoFactorAcknowledge>::new(),
        regenerate: ServerAction::<TwoFactorRegenerate>::new(),
        disable: ServerAction::<TwoFactorDisable>::new(),
    };
    view! {
        <PageTitle text=t::TITLE />
        <p><a href="/account">{t::BACK}</a></p>
        <section class="card narrow" data-testid="two-factor">
            <h1>{t::TITLE}</h1>
            {loaded(get_two_factor(), move |v| state_view(v, actions))}
        </section>
    }
}

fn state_view(v: TwoFactorView, actions: Actions) -> AnyView {
    if let Some(codes) = v.fresh_codes.clone() {
        view! { <FreshCodes codes acknowledge=actions.acknowledge /> }.into_any()
    } else if v.enabled {
        view! { <Enabled v regenerate=actions.regenerate disable=actions.disable /> }.into_any()
    } else if let Some(enrolment) = v.enrolment.clone() {
        view! { <Pending enrolment confirm=actions.confirm /> }.into_any()
    } else {
        view! { <Off required=v.required begin=actions.begin /> }.into_any()
    }
}

#[component]
fn Off(required: bool, begin: ServerAction<TwoFactorBegin>) -> impl IntoView {
    let errors = FormErrors::of(begin);
    view! {
        <p data-testid="two-factor-status">{t::OFF_STATUS}</p>
        <p>{t::OFF_LEAD}</p>
        {required.then(|| view! { <p class="warning">{t::REQUIRED_NOT_SET}</p> })}
        <ActionForm action=begin attr:class="stack">
            <FormMessage errors />
            <button type="submit">{t::BEGIN}</button>
        </ActionForm>
    }
}

#[component]
fn Pending(enrolment: EnrolmentView, confirm: ServerAction<TwoFactorConfirm>) -> impl IntoView {
    let errors = FormErrors::of(confirm);
    view! {
        <ol>
            <li>{t::STEP_APP}</li>
            <li>{t::STEP_SCAN}</li>
            <li>{t::STEP_CODE}</li>
        </ol>
        // Drawn on the server from our own data (the otpauth:// URL of the secret).
        <div class="qr" role="img" aria-label=t::QR_LABEL data-testid="totp-qr" inner_html=enrolment.qr_svg></div>
        <p class="hint">{t::MANUAL}</p>
        <p><code class="secret" data-testid="totp-secret">{enrolment.secret_grouped}</code></p>
        <ActionForm action=confirm attr:class="stack">
            <FormMessage errors />
            <TextField label=t::CODE name="code" required=true autocomplete="one-time-code" hint=t::CODE_HINT errors />
            <button type="submit">{t::CONFIRM}</button>
        </ActionForm>
    }
}

#[component]
fn FreshCodes(codes: Vec<String>, acknowledge: ServerAction<TwoFactorAcknowledge>) -> impl IntoView {
    let errors = FormErrors::of(acknowledge);
    view! {
        <h2>{t::CODES_TITLE}</h2>
        <p class="warning">{t::CODES_LEAD}</p>
        <ol class="recovery-codes" data-testid="recovery-codes">
            {codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
        </ol>
        <p class="hint">{t::CODES_HINT}</p>
        <div class="actions no-print">
            <crate::components::islands::PrintButton label=t::PRINT.to_string() />
            <ActionForm action=acknowledge attr:class="inline">
                <FormMessage errors />
                <button type="submit">{t::SAVED}</button>
            </ActionForm>
        </div>
    }
}

#[component]
fn Enabled(v: TwoFactorView, regenerate: ServerAction<TwoFactorRegenerate>, disable: ServerAction<TwoFactorDisable>) -> impl IntoView {
    let regenerate_errors = FormErrors::of(regenerate);
    let disable_errors = FormErrors::of(disable);
    let low = v.recovery_codes_left <= 3;
    view! {
        <p class="notice" data-testid="two-factor-status">{t::ON_STATUS}</p>
        <dl>
            {(!v.enabled_at.is_empty()).then(|| view! { <dt>{t::ENABLED_AT}</dt><dd>{v.enabled_at.clone()}</dd> })}
            <dt>{t::CODES_LEFT}</dt>
            <dd data-testid="recovery-codes-left">{format!("{}個", v.recovery_codes_left)}</dd>
        </dl>
        {low.then(|| view! { <p class="warning">{t::CODES_LOW}</p> })}
        <h2>{t::REGENERATE_TITLE}</h2>
        <p class="hint">{t::REGENERATE_HINT}</p>
        <ActionForm action=regenerate attr:class="stack">
            <FormMessage errors=regenerate_errors />
            <TextField label=t::CODE name="code" required=true autocomplete="one-time-code" hint=t::CODE_HINT errors=regenerate_errors />
            <button type="submit" class="secondary">{t::REGENERATE}</button>
        </ActionForm>
        <h2>{t::DISABLE_TITLE}</h2>
        {if v.required {
            view! { <p data-testid="two-factor-required">{t::REQUIRED}</p> }.into_any()
        } else {
            view! {
                <p class="hint">{t::DISABLE_HINT}</p>
                <ActionForm action=disable attr:class="stack">
                    <FormMessage errors=disable_errors />
                    <TextField label=t::CURRENT_PASSWORD name="current_password" input_type="password" required=true autocomplete="current-password" errors=disable_errors />
                    <button type="submit" class="danger">{t::DISABLE}</button>
                </ActionForm>
            }.into_any()
        }}
    }
}
