//! Issue "Islands": pages are rendered on the server once, carry no serialized data, and a
//! rejected form comes back without the input in the URL. One test binary (each links the
//! whole app), one module per concern.

#[path = "../common/mod.rs"]
mod common;

mod concurrency;
mod form_errors;
mod no_resource_data;
