//! What the server starts with: the shop's one settings value (`domain::settings`, read once from
//! the environment) and the expiry queue's settings derived from it.
use domain::settings::{Settings, SettingsError};
use queue::QueueSettings;

#[derive(Debug, Clone)]
pub struct Config {
    pub settings: Settings,
    /// Where `ExpireOrder` jobs are enqueued (from `settings`; tests may point it elsewhere).
    pub queue: QueueSettings,
}

impl Config {
    pub fn from_env() -> Result<Self, SettingsError> {
        Ok(Self::new(Settings::from_env()?))
    }

    pub fn new(settings: Settings) -> Self {
        Self { queue: QueueSettings::of(&settings), settings }
    }
}
