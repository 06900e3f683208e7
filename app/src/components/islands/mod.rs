//! The only parts of a page that run in the browser (Leptos islands). Everything else is
//! rendered on the server and never reaches the wasm bundle: links are page loads and forms
//! are plain posts. Islands stay leaves — no router components, no `Transition`, no islands
//! inside islands — and every prop is serialisable (it travels in the page as JSON).

mod map;
mod print;
mod upload;

pub use map::{leaflet_assets, CoordinatePicker, LookupTexts, MapMarker, ResourceMap};
pub use print::PrintButton;
pub use upload::FileUpload;
