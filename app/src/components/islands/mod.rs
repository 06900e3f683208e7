//! The only parts of a page that run in the browser (Leptos islands). Everything else is
//! rendered on the server and never reaches the wasm bundle: links are page loads and forms
//! are plain posts. Islands stay leaves — no router components, no `Transition`, no islands
//! inside islands — and every prop is serialisable (it travels in the page as JSON).

mod draft;
mod map;
mod picker;
mod print;
mod upload;

pub use draft::FormDraft;
pub use map::{leaflet_assets, CoordinatePicker, LookupTexts, MapMarker, ResourceMap};
pub use picker::CheckboxPicker;
pub use print::PrintButton;
pub use upload::FileUpload;
