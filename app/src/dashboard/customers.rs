//! Customers: the list, the new-customer form and each customer's page.

pub mod api;
mod detail_page;
mod list_page;
mod new_page;

pub use detail_page::CustomerPage;
pub use list_page::CustomersPage;
pub use new_page::NewCustomerPage;
