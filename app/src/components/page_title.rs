//! The page's `<title>`. leptos_meta writes the title text into the server's HTML as it is,
//! so a record named `</title><meta …>` would become markup; every page sets its title here.

use leptos::prelude::*;
use leptos_meta::Title;

/// Text for a raw-text element (`<title>`, `<textarea>`) written by the server: escaped
/// there, where it becomes HTML; as it is in the browser, where it becomes a DOM text node.
pub fn raw_text(text: String) -> String {
    #[cfg(feature = "ssr")]
    let text = html_escape::encode_text(&text).into_owned();
    text
}

#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    view! { <Title text=raw_text(text) /> }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn markup_in_raw_text_is_escaped_on_the_server() {
        let payload = r#"定例会</title><meta http-equiv="refresh" content="0;url=https://evil.example/">&"#;
        let out = raw_text(payload.to_string());
        assert!(!out.contains('<') && !out.contains('>'), "{out}");
        assert_eq!(html_escape::decode_html_entities(&out), payload);
    }
}
