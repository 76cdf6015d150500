//! Ids for new assessments and snapshots: random, never derived from the device.

use crate::web::clock::now;

/// A random 16-hex-digit id (the browser's crypto, else `Math.random`).
pub fn new_id() -> String {
    let mut bytes = [0u8; 8];
    let crypto = web_sys::window().and_then(|w| w.crypto().ok());
    if let Some(c) = crypto {
        let _ = c.get_random_values_with_u8_array(&mut bytes);
    }
    if bytes == [0u8; 8] {
        let n = (js_sys::Math::random() * 1e15) as u64 ^ now() as u64;
        bytes = n.to_le_bytes();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
