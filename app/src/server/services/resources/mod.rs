//! The social resource list (社会資源): the team's records and decisions, the editable
//! lists, collectors' districts, and the one gate to what is published.

pub mod collectors;
pub mod facilities;
pub mod hsds;
pub mod import;
pub mod list_admin;
pub mod lists;
pub mod public;
pub mod record;
pub mod report;
pub mod scope;
pub mod screening;

pub use record::{get, list, save, set_active};
pub use scope::Scope;
