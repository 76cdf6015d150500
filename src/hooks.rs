//! The widget's hooks: the session with its persistence, the page's window
//! listeners, printing, and the rendered window of a long list.

pub mod list_window;
pub mod page;
pub mod persistence;
