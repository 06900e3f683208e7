//! The one error type of the app. It travels from server functions to the browser (as JSON),
//! carries its HTTP status, and holds field-level messages for forms.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Bytes of form input an error carries back (see `AppError::with_input`). Kept on the
/// server while the form is shown again (never in the URL), so it holds long minutes too.
pub const MAX_ECHOED_INPUT: usize = 64 * 1024;

/// The answer to a request whose body cannot be read as the server function's arguments.
pub const UNREADABLE: &str = "送信内容を読み取れませんでした。画面を読み込み直して、もう一度お試しください。";
/// The answer to a request body over the server's limit.
pub const TOO_LARGE: &str = "送信内容が大きすぎます。長い文章は分けて登録してください。";

/// Characters of a field message shown; messages quote what was typed, which may be long.
const MAX_MESSAGE_CHARS: usize = 300;

fn bounded(message: String) -> String {
    if message.chars().count() <= MAX_MESSAGE_CHARS {
        return message;
    }
    let mut short: String = message.chars().take(MAX_MESSAGE_CHARS - 1).collect();
    short.push('…');
    short
}

/// A message attached to one form field (by the field's `name`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", content = "detail")]
pub enum AppError {
    /// Not logged in (401).
    #[error("ログインが必要です。")]
    Unauthorized,
    /// Logged in, but the role does not allow it (403).
    #[error("この操作を行う権限がありません。")]
    Forbidden,
    /// No such record, or one the user may not know about (404).
    #[error("見つかりません。")]
    NotFound,
    /// Input that breaks a rule; messages per field (422).
    #[error("入力内容を確認してください。")]
    Validation(Vec<FieldError>),
    /// Someone else changed the record meanwhile, or a unique value is taken (409).
    #[error("{0}")]
    Conflict(String),
    /// Too many attempts (429).
    #[error("{0}")]
    TooManyRequests(String),
    /// A malformed request (400).
    #[error("{0}")]
    BadRequest(String),
    /// A request larger than the server takes (413).
    #[error("{0}")]
    TooLarge(String),
    /// The browser could not reach the server.
    #[error("サーバーに接続できませんでした。通信状態を確認して、もう一度お試しください。")]
    Network(String),
    /// A fault on the server (500). The detail is logged, never shown.
    #[error("サーバーで問題が発生しました。時間をおいて、もう一度お試しください。")]
    Internal(String),
    /// Another error, with the form input that caused it, so that the page the post is sent
    /// back to can fill the form in again (kept on the server, see `form_rejections`).
    #[error("{error}")]
    WithInput { error: Box<AppError>, input: Vec<(String, String)> },
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::WithInput { error, .. } => error.status(),
            AppError::Unauthorized => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Validation(_) => 422,
            AppError::Conflict(_) => 409,
            AppError::TooManyRequests(_) => 429,
            AppError::BadRequest(_) => 400,
            AppError::TooLarge(_) => 413,
            AppError::Network(_) => 503,
            AppError::Internal(_) => 500,
        }
    }

    /// A validation error on one field.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> AppError {
        AppError::Validation(vec![FieldError { field: field.into(), message: bounded(message.into()) }])
    }

    /// The message for a form field, if this error has one.
    pub fn field_message(&self, field: &str) -> Option<&str> {
        match self {
            AppError::Validation(errors) => {
                errors.iter().find(|e| e.field == field).map(|e| e.message.as_str())
            }
            AppError::WithInput { error, .. } => error.field_message(field),
            _ => None,
        }
    }

    /// The messages per field, in the order the server found them.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            AppError::Validation(errors) => errors,
            AppError::WithInput { error, .. } => error.field_errors(),
            _ => &[],
        }
    }

    /// Attaches the submitted form values (never passwords) to this error. The error travels
    /// in a redirect URL when JavaScript is off, so the values kept are bounded: fields are
    /// kept in order while they fit `MAX_ECHOED_INPUT` bytes, and a longer one is left out
    /// (its field then shows empty rather than the whole answer failing).
    pub fn with_input(self, input: Vec<(String, String)>) -> AppError {
        let mut budget = MAX_ECHOED_INPUT;
        let input: Vec<(String, String)> = input
            .into_iter()
            .filter(|(k, v)| {
                let size = k.len() + v.len();
                let keep = size <= budget;
                if keep {
                    budget -= size;
                }
                keep
            })
            .collect();
        match self {
            AppError::WithInput { error, .. } => AppError::WithInput { error, input },
            other => AppError::WithInput { error: Box::new(other), input },
        }
    }

    /// The submitted value of a form field, if this error carries the input.
    pub fn input(&self, field: &str) -> Option<&str> {
        match self {
            AppError::WithInput { input, .. } => input.iter().find(|(k, _)| k == field).map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    /// The error without the attached input.
    pub fn inner(&self) -> &AppError {
        match self {
            AppError::WithInput { error, .. } => error.inner(),
            other => other,
        }
    }

    /// A short title for error pages.
    pub fn title(&self) -> &'static str {
        match self {
            AppError::WithInput { error, .. } => error.title(),
            AppError::Unauthorized => "ログインが必要です",
            AppError::Forbidden => "権限がありません",
            AppError::NotFound => "ページが見つかりません",
            AppError::Validation(_) => "入力内容に誤りがあります",
            AppError::Conflict(_) => "ほかの人が先に変更しました",
            AppError::TooManyRequests(_) => "しばらくお待ちください",
            AppError::BadRequest(_) => "リクエストが正しくありません",
            AppError::TooLarge(_) => "送信内容が大きすぎます",
            AppError::Network(_) => "接続できません",
            AppError::Internal(_) => "エラーが発生しました",
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(msg) => AppError::Network(msg),
            // On the server, Deserialization means the body could not be read: over the
            // size limit, or not UTF-8. The detail names internals, so only a plain message
            // goes back (the error type promises that).
            ServerFnErrorErr::Deserialization(msg) if msg.contains("length limit") => {
                AppError::TooLarge(TOO_LARGE.to_string())
            }
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) | ServerFnErrorErr::Deserialization(_) => {
                AppError::BadRequest(UNREADABLE.to_string())
            }
            other => AppError::Internal(other.to_string()),
        }
    }
}

/// Collects field errors while validating a form, so every problem is reported at once.
#[derive(Default, Debug)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError { field: field.into(), message: bounded(message.into()) });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(())` when nothing was added, the validation error otherwise.
    pub fn finish(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self.0))
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        match err {
            sea_orm::DbErr::RecordNotFound(_) => AppError::NotFound,
            other => {
                if let Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) = other.sql_err() {
                    return AppError::Conflict(
                        "同じ内容のデータがすでに登録されています。".to_string(),
                    );
                }
                tracing::error!(error = %other, "database error");
                AppError::Internal("database error".to_string())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses() {
        assert_eq!(AppError::Unauthorized.status(), 401);
        assert_eq!(AppError::Forbidden.status(), 403);
        assert_eq!(AppError::NotFound.status(), 404);
        assert_eq!(AppError::field("name", "必須です").status(), 422);
        assert_eq!(AppError::Conflict("x".into()).status(), 409);
        assert_eq!(AppError::Internal("x".into()).status(), 500);
    }

    #[test]
    fn json_round_trip_keeps_field_messages() {
        let err = AppError::Validation(vec![
            FieldError { field: "name".into(), message: "名称を入力してください。".into() },
            FieldError { field: "email".into(), message: "メールアドレスの形式が正しくありません。".into() },
        ]);
        let bytes = err.ser();
        let back = AppError::de(bytes);
        assert_eq!(back, err);
        assert_eq!(back.field_message("email"), Some("メールアドレスの形式が正しくありません。"));
        assert_eq!(back.field_message("phone"), None);
    }

    #[test]
    fn input_rides_along_with_the_error() {
        let err = AppError::field("email", "形式が違います").with_input(vec![("name".into(), "釜石薬局".into())]);
        assert_eq!(err.status(), 422);
        assert_eq!(err.field_message("email"), Some("形式が違います"));
        assert_eq!(err.input("name"), Some("釜石薬局"));
        assert_eq!(err.input("email"), None);
        let back = AppError::de(err.ser());
        assert_eq!(back, err);
        assert!(matches!(back.inner(), AppError::Validation(_)));
    }

    #[test]
    fn argument_errors_are_bad_requests_not_faults() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Args("missing field `query`".into()));
        assert_eq!(err.status(), 400);
        assert!(!err.to_string().contains("query"), "no internals in {err}");
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Deserialization("invalid utf-8 sequence".into()));
        assert_eq!(err.status(), 400);
        assert!(!err.to_string().contains("utf"));
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Deserialization("length limit exceeded".into()));
        assert_eq!(err.status(), 413);
    }

    #[test]
    fn field_messages_are_bounded() {
        let err = AppError::field("received_on", format!("日付「{}」を読めません。", "x".repeat(1_000_000)));
        let message = err.field_message("received_on").unwrap();
        assert_eq!(message.chars().count(), MAX_MESSAGE_CHARS);
        assert!(message.starts_with("日付「xxx") && message.ends_with('…'));
        let mut errs = FieldErrors::new();
        errs.add("a", "y".repeat(5_000));
        assert!(errs.finish().unwrap_err().ser().len() < 1_000);
    }

    #[test]
    fn echoed_input_is_bounded_and_keeps_what_fits() {
        let long = "議".repeat(27_000);
        let err = AppError::field("title", "件名を入力してください。")
            .with_input(vec![("minutes".into(), long), ("place".into(), "釜石市役所".into())]);
        assert_eq!(err.input("place"), Some("釜石市役所"));
        assert_eq!(err.input("minutes"), None);
        assert!(err.ser().len() < MAX_ECHOED_INPUT + 1024);
        assert_eq!(err.field_message("title"), Some("件名を入力してください。"));
    }

    #[test]
    fn field_errors_collects_all() {
        let mut errs = FieldErrors::new();
        assert!(errs.is_empty());
        errs.add("a", "1");
        errs.add("b", "2");
        match errs.finish() {
            Err(AppError::Validation(v)) => assert_eq!(v.len(), 2),
            other => panic!("unexpected {other:?}"),
        }
        assert!(FieldErrors::new().finish().is_ok());
    }
}
