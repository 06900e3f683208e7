//! The file upload of the imports, with the bytes sent shown while a large file goes up.

use leptos::prelude::*;

/// A file upload form (field `file`) posted to `action`: a plain multipart post, which with
/// JavaScript shows the bytes sent. The server answers with the page to open (a preview, or
/// the form again with `?error=`).
#[island]
pub fn FileUpload(action: String, accept: String, label: String, hint: String, sending: String, submit: String, error: Option<String>) -> impl IntoView {
    let (sending_now, set_sending) = signal(false);
    let failed = format!("{action}?error=read");
    // Bytes sent of the file, when the browser reports them (JavaScript on).
    let (progress, set_progress) = signal(None::<(f64, f64)>);
    view! {
        <form method="post" action=action enctype="multipart/form-data" class="stack card" data-testid="import-form"
            on:submit=move |ev| {
                set_sending.set(true);
                upload_with_progress(ev, set_progress, failed.clone());
            }>
            {error.map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            <div class="field">
                <label for="import-file">{label}</label>
                <input id="import-file" type="file" name="file" accept=accept required />
                <p class="hint">{hint}</p>
            </div>
            <div class="actions">
                <button type="submit" disabled=move || sending_now.get()>{submit}</button>
                {move || sending_now.get().then(|| match progress.get() {
                    Some((sent, total)) => view! {
                        <span role="status" data-testid="upload-progress">
                            <progress max=total value=sent></progress> " " {format!("{}%", (sent * 100.0 / total.max(1.0)).round())} " " {sending.clone()}
                        </span>
                    }.into_any(),
                    None => view! { <span role="status"><progress></progress> " " {sending.clone()}</span> }.into_any(),
                })}
            </div>
        </form>
    }
}

/// With JavaScript, sends the form itself so that the bytes sent can be shown (large files
/// take a while on slow lines), then opens the preview the server redirected to. Without
/// JavaScript the browser posts the form as usual.
#[cfg(feature = "hydrate")]
fn upload_with_progress(ev: leptos::ev::SubmitEvent, set_progress: WriteSignal<Option<(f64, f64)>>, failed: String) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(form) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok()) else { return };
    let (Ok(xhr), Ok(data)) = (web_sys::XmlHttpRequest::new(), web_sys::FormData::new_with_form(&form)) else { return };
    if xhr.open("POST", &form.action()).is_err() {
        return;
    }
    ev.prevent_default();
    let on_progress = Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
        if e.length_computable() {
            set_progress.set(Some((e.loaded(), e.total())));
        }
    });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    on_progress.forget();
    let done = xhr.clone();
    let failed_load = failed.clone();
    let failed_error = failed.clone();
    let on_load = Closure::<dyn FnMut()>::new(move || {
        // The server answered with the preview page (or the form with its error).
        let url = done.response_url();
        let target = if url.is_empty() { failed_load.clone() } else { url };
        let _ = window().location().set_href(&target);
    });
    xhr.set_onload(Some(on_load.as_ref().unchecked_ref()));
    on_load.forget();
    let on_error = Closure::<dyn FnMut()>::new(move || {
        let _ = window().location().set_href(&failed_error);
    });
    xhr.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    if xhr.send_with_opt_form_data(Some(&data)).is_err() {
        let _ = window().location().set_href(&failed);
    }
}

#[cfg(not(feature = "hydrate"))]
fn upload_with_progress(_ev: leptos::ev::SubmitEvent, _set_progress: WriteSignal<Option<(f64, f64)>>, _failed: String) {}

