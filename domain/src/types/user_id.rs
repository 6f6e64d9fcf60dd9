use serde::{Deserialize, Serialize};

/// An account's id, typed where it stands beside other ids (`pay(user, order)`,
/// `issue_coupon(campaign, user)`), so that the two cannot be swapped. Sent as a plain number.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, sea_orm::DeriveValueType,
)]
#[serde(transparent)]
pub struct UserId(pub i64);

impl std::fmt::Display for UserId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for UserId {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        i64::schema()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for UserId {}
