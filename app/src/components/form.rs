//! Form building blocks: labelled fields with their error messages next to them.

use crate::error::AppError;
use leptos::prelude::*;

/// The error of the last submission of a form, if any.
#[derive(Clone, Copy)]
pub struct FormErrors(Signal<Option<AppError>>);

impl FormErrors {
    pub fn new(error: Signal<Option<AppError>>) -> Self {
        FormErrors(error)
    }

    /// Errors of a server action: of the post that was sent back to this page (see the
    /// server's `form_errors`).
    pub fn of<S>(action: ServerAction<S>) -> Self
    where
        S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
        S::Output: Clone + Send + Sync + 'static,
    {
        FormErrors(Signal::derive(move || action.value().get().and_then(Result::err)))
    }

    pub fn none() -> Self {
        FormErrors(Signal::derive(|| None))
    }

    pub fn field(self, name: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || self.0.get().and_then(|e| e.field_message(name).map(str::to_string)))
    }

    pub fn error(self) -> Signal<Option<AppError>> {
        self.0
    }

    /// The value to show in a field: what was submitted (when the post was sent back with an
    /// error), else the record's value.
    pub fn value_or(self, name: &str, default: impl Into<String>) -> String {
        self.0
            .get_untracked()
            .and_then(|e| e.input(name).map(str::to_string))
            .unwrap_or_else(|| default.into())
    }
}

/// The form-level message at the top of a form: the error, and for validation errors a
/// list of the fields' messages that link to the fields. The page is reached at
/// `#form-errors` after a rejected post, and the summary takes the focus, so that the
/// message of a long form is where the reader is (and a screen reader announces it).
#[component]
pub fn FormMessage(errors: FormErrors) -> impl IntoView {
    errors.error().get_untracked().map(|e| {
        let fields = e.field_errors();
        let items = (!fields.is_empty()).then(|| {
            let links = fields
                .iter()
                .map(|f| view! { <li><a href=format!("#{}", field_id(&f.field))>{f.message.clone()}</a></li> })
                .collect_view();
            view! { <ul>{links}</ul> }
        });
        view! {
            <div class="error-summary" id="form-errors" tabindex="-1" autofocus role="alert" data-testid="form-error">
                <p class="error-message">{e.to_string()}</p>
                {items}
            </div>
        }
    })
}

fn field_id(name: &str) -> String {
    format!("f-{}", name.replace(['[', ']'], "-"))
}

/// A labelled `<input>` with its hint and error.
#[component]
pub fn TextField(
    label: &'static str,
    name: &'static str,
    #[prop(into, optional)] value: String,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] maxlength: Option<usize>,
    errors: FormErrors,
) -> impl IntoView {
    let id = field_id(name);
    let error = errors.field(name);
    let described = {
        let id = id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(format!("{id}-hint"));
            }
            if error.get().is_some() {
                ids.push(format!("{id}-error"));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label} {required.then(|| view! { <span class="required">"（必須）"</span> })}</label>
            <input
                id=id.clone()
                name=name
                type=input_type
                value=value
                required=required
                autocomplete=autocomplete
                maxlength=maxlength
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
            />
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
            <FieldErrorText id=format!("{id}-error") error />
        </div>
    }
}

/// A labelled `<textarea>`. Its text is escaped on the server (leptos writes textarea
/// children as they are).
#[component]
pub fn TextArea(
    label: &'static str,
    name: &'static str,
    #[prop(into, optional)] value: String,
    #[prop(default = 4)] rows: u32,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] required: bool,
    errors: FormErrors,
) -> impl IntoView {
    let id = field_id(name);
    let error = errors.field(name);
    view! {
        <div class="field">
            <label for=id.clone()>{label} {required.then(|| view! { <span class="required">"（必須）"</span> })}</label>
            <textarea
                id=id.clone()
                name=name
                rows=rows
                required=required
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=format!("{id}-error")
            >
                {super::page_title::raw_text(value)}
            </textarea>
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
            <FieldErrorText id=format!("{id}-error") error />
        </div>
    }
}

/// A labelled `<select>` of (value, label) options.
#[component]
pub fn SelectField(
    label: &'static str,
    name: &'static str,
    options: Vec<(String, String)>,
    #[prop(into, optional)] selected: String,
    #[prop(optional)] required: bool,
    #[prop(optional)] empty_label: Option<&'static str>,
    errors: FormErrors,
) -> impl IntoView {
    let id = field_id(name);
    let error = errors.field(name);
    view! {
        <div class="field">
            <label for=id.clone()>{label} {required.then(|| view! { <span class="required">"（必須）"</span> })}</label>
            <select
                id=id.clone()
                name=name
                required=required
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=format!("{id}-error")
            >
                {empty_label.map(|l| view! { <option value="">{l}</option> })}
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = value == selected;
                        view! { <option value=value selected=is_selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
            <FieldErrorText id=format!("{id}-error") error />
        </div>
    }
}

/// A checkbox; the server function receives `Some("on")` when checked, nothing otherwise.
#[component]
pub fn CheckboxField(label: &'static str, name: &'static str, #[prop(optional)] checked: bool) -> impl IntoView {
    let id = field_id(name);
    view! {
        <div class="field checkbox">
            <input type="checkbox" id=id.clone() name=name value="on" checked=checked />
            <label for=id>{label}</label>
        </div>
    }
}

#[component]
fn FieldErrorText(id: String, error: Signal<Option<String>>) -> impl IntoView {
    view! {
        <p class="field-error" id=id role="alert" hidden=move || error.get().is_none()>
            {move || error.get().unwrap_or_default()}
        </p>
    }
}

/// A group of checkboxes named `name[]` (the server function receives a list).
#[component]
pub fn CheckboxGroup(
    legend: &'static str,
    name: &'static str,
    options: Vec<(String, String)>,
    selected: Vec<String>,
    errors: FormErrors,
) -> impl IntoView {
    let error = errors.field(name);
    let id = field_id(name);
    view! {
        <fieldset class="field" id=id.clone() aria-describedby=format!("{id}-error")>
            <legend>{legend}</legend>
            <div class="checkbox-grid">
                {options.into_iter().map(|(value, text)| {
                    let checked = selected.contains(&value);
                    let fid = format!("{id}-{value}");
                    view! {
                        <span class="checkbox">
                            <input type="checkbox" id=fid.clone() name=format!("{name}[]") value=value checked=checked />
                            <label for=fid>{text}</label>
                        </span>
                    }
                }).collect_view()}
            </div>
            <FieldErrorText id=format!("{id}-error") error />
        </fieldset>
    }
}

/// The values of a list field after a rejected submission (sent back comma-separated), else `base`.
pub fn list_value(errors: FormErrors, name: &str, base: Vec<String>) -> Vec<String> {
    errors
        .error()
        .get_untracked()
        .and_then(|e| e.input(name).map(|s| s.split(',').filter(|x| !x.is_empty()).map(str::to_string).collect()))
        .unwrap_or(base)
}
