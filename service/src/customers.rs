//! Customers of a merchant: the people its KYC links are for.

use kyc_core::access::Permission;
use kyc_core::customer::{CustomerForm, NewCustomer};
use kyc_core::views::CustomerRow;

use crate::{Actor, ServiceError, Services};

/// Creates a customer of the actor's merchant from what the form or request held.
/// `Taken("external_ref")` when the merchant already has a customer with that reference.
pub async fn create(
    services: &Services,
    actor: &Actor,
    form: CustomerForm,
) -> Result<CustomerRow, ServiceError> {
    let by = actor.authorize(Permission::ManageLinks)?;
    let customer = NewCustomer::try_from(form).map_err(ServiceError::Invalid)?;
    // One statement: its own transaction, stamped by the database's clock.
    let row =
        kyc_db::customers::create(&services.db, by.merchant_id, by.user_id, &customer).await?;
    tracing::info!(customer.id = %row.id, merchant.id = %by.merchant_id, actor = %actor.log_id(), "customer created");
    Ok(row)
}
