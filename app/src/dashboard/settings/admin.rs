//! The signed-in merchant admin, for reading settings (changes go through
//! `kyc_service::settings`, `api_keys` and `webhooks`, which authorise themselves).

use uuid::Uuid;

use crate::AppError;

/// The signed-in admin's merchant and the database to read it from.
pub struct Admin {
    pub db: kyc_db::PgPool,
    pub merchant_id: Uuid,
}

impl Admin {
    pub async fn get() -> Result<Admin, AppError> {
        let staff =
            crate::auth::principal::require_staff(kyc_core::merchant::Permission::ManageSettings)
                .await?;
        Ok(Admin {
            db: crate::context::app_context()?.db,
            merchant_id: staff.merchant_id,
        })
    }
}
