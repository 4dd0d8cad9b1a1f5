//! The signed-in merchant admin, for the audited settings changes.

use uuid::Uuid;

use crate::AppError;

/// The signed-in admin, for the audited changes.
pub struct Admin {
    pub db: kyc_db::PgPool,
    pub merchant_id: Uuid,
    pub user_id: Uuid,
    role: &'static str,
    request_id: Option<String>,
}

impl Admin {
    pub async fn get() -> Result<Admin, AppError> {
        let staff =
            crate::auth::principal::require_staff(kyc_core::merchant::Permission::ManageSettings)
                .await?;
        Ok(Admin {
            db: crate::context::app_context()?.db,
            merchant_id: staff.merchant_id,
            user_id: staff.user_id,
            role: staff.role.as_str(),
            request_id: crate::context::request_id(),
        })
    }

    pub fn by(&self) -> kyc_db::review::Reviewer<'_> {
        kyc_db::review::Reviewer {
            merchant_id: self.merchant_id,
            user_id: self.user_id,
            role: self.role,
            request_id: self.request_id.as_deref(),
            now: crate::context::now(),
        }
    }
}
