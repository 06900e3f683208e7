//! Wire types of directory: what its server functions send to and take from the browser.

use crate::domain::directory::{OrganisationInput, PersonInput};
pub use crate::domain::directory::PostInput;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfessionView {
    pub id: i32,
    pub name: String,
    pub short_name: String,
    pub sort_order: i32,
    pub active: bool,
    pub version: i32,
    pub organisations: u64,
    pub people: u64,
}

/// An (id, name) pair for links and choices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ref {
    pub id: i32,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationSummary {
    pub id: i32,
    pub name: String,
    pub kana: String,
    pub kind: String,
    pub professions: Vec<Ref>,
    pub phone: String,
    pub active: bool,
    pub people: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationView {
    pub id: i32,
    pub input: OrganisationInput,
    pub professions: Vec<Ref>,
    pub active: bool,
    pub version: i32,
    pub updated_at: String,
    pub people: Vec<PersonSummary>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSummary {
    pub id: i32,
    pub name: String,
    pub kana: String,
    pub organisation: Option<Ref>,
    pub profession: Option<Ref>,
    pub title: String,
    pub phone: String,
    pub email: String,
    pub key_person: bool,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonView {
    pub id: i32,
    pub input: PersonInput,
    pub organisation: Option<Ref>,
    pub profession: Option<Ref>,
    pub active: bool,
    pub version: i32,
    pub updated_at: String,
    /// Earlier posts, latest first.
    pub posts: Vec<PostView>,
}

/// Filters, sorting and page of a directory list (all optional, from the URL).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub q: Option<String>,
    pub kind: Option<String>,
    pub profession: Option<i32>,
    pub organisation: Option<i32>,
    /// "active" (default), "archived" or "all".
    pub status: Option<String>,
    /// "kana" (default), "name" or "updated".
    pub sort: Option<String>,
    pub key_person: Option<bool>,
    pub page: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListPage<T> {
    pub items: Vec<T>,
    pub page: u64,
    pub pages: u64,
    pub total: u64,
}

/// Choices for the directory forms: active professions and organisations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryChoices {
    pub professions: Vec<Ref>,
    pub organisations: Vec<Ref>,
}

/// What happened to a record the user asked to delete.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeleteOutcome {
    Deleted,
    /// Other records refer to it, so it was archived instead.
    Archived,
}

/// An earlier post of a person, latest first on their page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostView {
    pub id: i32,
    pub organisation: String,
    /// The directory's organisation, while it exists.
    pub organisation_id: Option<i32>,
    pub title: String,
    /// "2019/04/01（月）〜2024/03/31（日）" (a side may be unknown).
    pub period: String,
}

/// A row of an uploaded spreadsheet of organisations or people that would be registered anew.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryImportRow {
    pub line: u64,
    pub name: String,
    /// An organisation's kind, or a person's organisation.
    pub detail: String,
}

/// A row that matches a record of the directory (the same name; for a person, in the same
/// organisation): merged into it, registered anew or left out, as the person confirming
/// chooses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryImportDuplicate {
    pub line: u64,
    pub name: String,
    /// An organisation's kind, or a person's organisation.
    pub detail: String,
    pub existing_id: i32,
    pub existing_name: String,
    /// The fields the row would change, by their headers (「住所」「電話番号」…).
    pub changes: Vec<String>,
}

/// What an uploaded spreadsheet of organisations or people would do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryImportPreview {
    pub id: i32,
    pub file_name: String,
    /// "Excel (XLSX)", "UTF-8" or "Shift_JIS".
    pub format: String,
    pub rows: u64,
    pub new_rows: Vec<DirectoryImportRow>,
    pub duplicates: Vec<DirectoryImportDuplicate>,
    pub problems: Vec<crate::dto::consultations::ImportProblem>,
    pub more_problems: u64,
    /// (created, merged) once confirmed.
    pub committed: Option<(i32, i32)>,
}
