//! Asking the user to confirm a destructive step.

/// Shows a native confirmation dialog (keyboard and screen-reader friendly);
/// `false` when the browser cannot show one.
pub fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}
