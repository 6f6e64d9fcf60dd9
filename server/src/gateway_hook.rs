//! `TEST_GATEWAY_AFTER_CHARGE`: a fault-injection hook of the built-in test gateway, run right
//! after a charge is recorded and before the pay flow writes the outcome - the moment where a
//! crash or a lost database could leave money taken for an unpaid order. Unset in production.
//! - `abort`: the process dies on the spot (as if killed).
//! - `hold:<file>`: creates `<file>`, then waits (at most 60 s) until it is deleted, so a test
//!   can cut the database while the charge is made but not yet settled.
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use domain::payment::AfterCharge;

pub const VARIABLE: &str = "TEST_GATEWAY_AFTER_CHARGE";

/// The hook the variable asks for; an unknown value is refused by the variable's name.
pub fn from_env() -> Result<Option<AfterCharge>, String> {
    let Ok(value) = std::env::var(VARIABLE) else { return Ok(None) };
    if value == "abort" {
        return Ok(Some(Arc::new(|| {
            Box::pin(async {
                eprintln!("server: {VARIABLE}=abort: dying right after a charge");
                std::process::abort()
            })
        })));
    }
    if let Some(file) = value.strip_prefix("hold:").filter(|f| !f.is_empty()) {
        let file = PathBuf::from(file);
        return Ok(Some(Arc::new(move || Box::pin(hold(file.clone())))));
    }
    Err(format!("{VARIABLE} must be `abort` or `hold:<file>`"))
}

async fn hold(file: PathBuf) {
    if std::fs::write(&file, b"charged").is_err() {
        return;
    }
    for _ in 0..1200 {
        if !file.exists() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
