//! The clock: the current time and dates in the user's local time zone.
//!
//! Every date a user reads (snapshot dates, "printed on", file names) is a
//! local date: a snapshot taken at 08:00 in Japan is dated today, not
//! yesterday (UTC). The offset comes from the browser; the date arithmetic is
//! [`date_ymd_at`] in the core, tested natively.

use crate::core::assessment::Millis;
use crate::core::report::{date_time_at, date_ymd_at};

/// The current time in milliseconds since the epoch.
pub fn now() -> Millis {
    js_sys::Date::now() as Millis
}

/// The user's time zone at `t`: minutes east of UTC (Japan: 540).
pub fn offset_minutes(t: Millis) -> i64 {
    // getTimezoneOffset is UTC minus local time, in minutes, at that instant.
    let west = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(t as f64)).get_timezone_offset();
    -(west as i64)
}

/// The local date of `t` as `YYYY-MM-DD`.
pub fn local_date(t: Millis) -> String {
    date_ymd_at(t, offset_minutes(t))
}

/// The local date and time of `t` as `YYYY-MM-DD HH:MM`.
pub fn local_date_time(t: Millis) -> String {
    let offset =
        js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(t as f64)).get_timezone_offset();
    date_time_at(t, -(offset as i64))
}

/// Today's local date as `YYYY-MM-DD`.
pub fn today() -> String {
    local_date(now())
}
