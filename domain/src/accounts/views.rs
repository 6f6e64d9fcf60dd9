//! An account as the pages and the API see it.
use serde::Serialize;

use crate::entities::user;
use crate::status::Role;
use crate::types::UserId;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserView {
    pub id: UserId,
    pub email: String,
    pub role: Role,
}

impl From<user::Model> for UserView {
    fn from(u: user::Model) -> Self {
        Self { id: UserId(u.id), email: u.email, role: u.role }
    }
}
