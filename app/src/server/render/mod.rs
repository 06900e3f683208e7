//! Writers of what the server renders besides pages: tables as CSV/XLSX, calendars as
//! iCalendar, charts as SVG. Pure functions over data the services read.

pub mod chart;
pub mod ical;
pub mod table;
