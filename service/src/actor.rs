//! Who is acting: every use case is called with one, already authenticated by its front
//! door (a session, a bearer key, a link), and authorises it itself.

use kyc_core::access::Permission;
use kyc_core::api_keys::ApiScopes;
use kyc_core::merchant::Role;
use uuid::Uuid;

use crate::error::{Denied, ServiceError};

/// The authenticated principal of a use case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// A signed-in staff member of a merchant.
    Staff(StaffActor),
    /// A merchant's system, through an API key.
    ApiKey(ApiKeyActor),
    /// A customer, through the session their link opened.
    Customer { journey_id: Uuid },
    /// The platform's own workers.
    System,
}

/// A staff member acting within one merchant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffActor {
    pub user_id: Uuid,
    pub merchant_id: Uuid,
    pub role: Role,
    /// The request's id, written to audit entries.
    pub request_id: Option<String>,
}

/// An API key acting for its merchant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKeyActor {
    pub key_id: Uuid,
    pub merchant_id: Uuid,
    /// The admin who created the key: what it changes is recorded as theirs.
    pub created_by: Uuid,
    pub scopes: ApiScopes,
    /// The request's id, written to audit entries.
    pub request_id: Option<String>,
}

/// What an authorised staff member or key may touch: their merchant's data, recorded as
/// `user_id`'s doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Authorized {
    pub merchant_id: Uuid,
    /// The staff member acting, or the creator of the key acting.
    pub user_id: Uuid,
}

impl Actor {
    /// Checks `permission` against the one table ([`kyc_core::access::GRANTS`]): staff by
    /// role, keys by scope. Customers and the system hold no merchant permission.
    pub fn authorize(&self, permission: Permission) -> Result<Authorized, ServiceError> {
        match self {
            Actor::Staff(staff) if staff.role.allows(permission) => Ok(Authorized {
                merchant_id: staff.merchant_id,
                user_id: staff.user_id,
            }),
            Actor::ApiKey(key)
                if permission
                    .api_scope()
                    .is_some_and(|scope| key.scopes.contains(scope)) =>
            {
                Ok(Authorized {
                    merchant_id: key.merchant_id,
                    user_id: key.created_by,
                })
            }
            _ => Err(ServiceError::Forbidden(Denied { permission })),
        }
    }

    /// An audit entry by this actor in `by`'s merchant (no personal data in `detail`). Staff are recorded by role, keys as their creator (an admin).
    pub fn audit<'a>(
        &'a self,
        by: Authorized,
        action: &'a str,
        object: (&'a str, Option<Uuid>),
        detail: serde_json::Value,
    ) -> kyc_db::audit::Entry<'a> {
        let (actor_kind, request_id) = self.recorded_as();
        kyc_db::audit::Entry {
            merchant_id: by.merchant_id,
            journey_id: None,
            actor_kind,
            actor_id: Some(by.user_id),
            action,
            object_kind: object.0,
            object_id: object.1,
            detail,
            request_id,
        }
    }

    /// The reviewer a case's storage writes decisions, comments and ticket answers with
    /// (its audit entries are written there, with the journey): built here and nowhere else.
    pub fn reviewer<'a>(
        &'a self,
        by: Authorized,
        now: time::OffsetDateTime,
        audit_key: &'a kyc_db::audit::AuditKey,
    ) -> kyc_db::review::Reviewer<'a> {
        let (role, request_id) = self.recorded_as();
        kyc_db::review::Reviewer {
            merchant_id: by.merchant_id,
            user_id: by.user_id,
            role,
            request_id,
            now,
            audit_key,
        }
    }

    /// How the audit trail names this actor, and the request it came with. Keys act as
    /// their creator, an admin.
    fn recorded_as(&self) -> (&'static str, Option<&str>) {
        match self {
            Actor::Staff(s) => (s.role.as_str(), s.request_id.as_deref()),
            Actor::ApiKey(k) => (Role::Admin.as_str(), k.request_id.as_deref()),
            Actor::Customer { .. } => ("customer", None),
            Actor::System => ("system", None),
        }
    }

    /// The ids logs may carry for this actor (never a name or an email).
    pub fn log_id(&self) -> String {
        match self {
            Actor::Staff(s) => format!("staff:{}", s.user_id),
            Actor::ApiKey(k) => format!("api_key:{}", k.key_id),
            Actor::Customer { journey_id } => format!("customer:{journey_id}"),
            Actor::System => "system".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kyc_core::api_keys::ApiScope;

    fn staff(role: Role) -> Actor {
        Actor::Staff(StaffActor {
            user_id: Uuid::from_u128(1),
            merchant_id: Uuid::from_u128(2),
            role,
            request_id: None,
        })
    }

    fn key(scopes: &[ApiScope]) -> Actor {
        let names: Vec<&str> = scopes.iter().map(|s| s.as_str()).collect();
        Actor::ApiKey(ApiKeyActor {
            key_id: Uuid::from_u128(3),
            merchant_id: Uuid::from_u128(2),
            created_by: Uuid::from_u128(4),
            scopes: ApiScopes::from_names(&names),
            request_id: None,
        })
    }

    #[test]
    fn staff_are_authorised_by_role_within_their_merchant() {
        let granted = staff(Role::Operator)
            .authorize(Permission::ManageLinks)
            .unwrap();
        assert_eq!(granted.merchant_id, Uuid::from_u128(2));
        assert_eq!(granted.user_id, Uuid::from_u128(1));
        assert!(matches!(
            staff(Role::Reviewer).authorize(Permission::ManageLinks),
            Err(ServiceError::Forbidden(Denied {
                permission: Permission::ManageLinks
            }))
        ));
    }

    #[test]
    fn keys_are_authorised_by_scope_and_act_as_their_creator() {
        let granted = key(&[ApiScope::Write])
            .authorize(Permission::ManageLinks)
            .unwrap();
        assert_eq!(granted.user_id, Uuid::from_u128(4));
        assert!(key(&[ApiScope::Read])
            .authorize(Permission::ManageLinks)
            .is_err());
        let all = key(&ApiScope::ALL);
        assert!(all.authorize(Permission::Review).is_err());
        assert!(all.authorize(Permission::ManageSettings).is_err());
    }

    #[test]
    fn customers_and_the_system_hold_no_merchant_permission() {
        let customer = Actor::Customer {
            journey_id: Uuid::from_u128(5),
        };
        for permission in Permission::ALL {
            assert!(customer.authorize(permission).is_err());
            assert!(Actor::System.authorize(permission).is_err());
        }
    }
}
