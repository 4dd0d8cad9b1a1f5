//! Who may do what: the one declared table of permissions, read by staff roles (in the
//! browser to show or hide, on the server to enforce) and by API key scopes.

use serde::{Deserialize, Serialize};

use crate::api_keys::ApiScope;
use crate::merchant::Role;

/// Something a staff member or an API key may be allowed to do within their merchant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Permission {
    /// See customers, journeys and their timelines.
    ViewJourneys,
    /// Create customers and generate, send and revoke links.
    ManageLinks,
    /// Decide on documents, steps and journeys.
    Review,
    /// Download reports.
    DownloadReports,
    /// Branding, staff, API keys and webhooks.
    ManageSettings,
}

/// One row of the table: a permission, the staff roles that hold it and the API key scope
/// that grants it (`None`: never through an API key).
#[derive(Debug, Clone, Copy)]
pub struct Grant {
    pub permission: Permission,
    pub roles: &'static [Role],
    pub scope: Option<ApiScope>,
}

use Role::{Admin, Operator, Reviewer};

/// The table. Admins hold every permission; nothing else grants anything.
pub const GRANTS: [Grant; 5] = [
    Grant {
        permission: Permission::ViewJourneys,
        roles: &[Admin, Reviewer, Operator],
        scope: Some(ApiScope::Read),
    },
    Grant {
        permission: Permission::ManageLinks,
        roles: &[Admin, Operator],
        scope: Some(ApiScope::Write),
    },
    Grant {
        permission: Permission::Review,
        roles: &[Admin, Reviewer],
        scope: None,
    },
    Grant {
        permission: Permission::DownloadReports,
        roles: &[Admin, Reviewer],
        scope: Some(ApiScope::Reports),
    },
    Grant {
        permission: Permission::ManageSettings,
        roles: &[Admin],
        scope: None,
    },
];

impl Permission {
    pub const ALL: [Permission; 5] = [
        Permission::ViewJourneys,
        Permission::ManageLinks,
        Permission::Review,
        Permission::DownloadReports,
        Permission::ManageSettings,
    ];

    /// The permission's row. The table is in declaration order (tested below); a
    /// permission without a row grants nothing rather than borrowing another's.
    fn grant(self) -> &'static Grant {
        const NOTHING: Grant = Grant {
            permission: Permission::ManageSettings,
            roles: &[],
            scope: None,
        };
        GRANTS
            .iter()
            .find(|g| g.permission == self)
            .unwrap_or(&NOTHING)
    }

    /// The staff roles that hold this permission.
    pub fn roles(self) -> &'static [Role] {
        self.grant().roles
    }

    /// The API key scope that grants this permission, if keys may have it at all.
    pub fn api_scope(self) -> Option<ApiScope> {
        self.grant().scope
    }
}

/// Who may pass an entry point (a server function, a browser route) at all, before the use
/// case behind it scopes what they find to their own merchant or journey. The front doors
/// declare one per entry point; the route sweep test checks each declaration against the
/// registry, the router, its own hand-written matrix and the answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// Anyone: signing in, public branding, link openings and the pages themselves; a token
    /// or the form is the credential, and what a page shows is loaded through gated calls.
    Anyone,
    /// The customer whose session holds a journey: their own journey only.
    Customer,
    /// Any signed-in staff member, for their own account.
    Account,
    /// Staff holding the permission, within their own merchant.
    Staff(Permission),
    /// An external provider, by the signature on its request.
    Provider,
}

impl Gate {
    /// The staff roles that pass this gate (within their own merchant).
    pub fn staff_roles(self) -> &'static [Role] {
        match self {
            Gate::Account => &Role::ALL,
            Gate::Staff(permission) => permission.roles(),
            Gate::Anyone | Gate::Customer | Gate::Provider => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_permission_has_exactly_one_row() {
        for permission in Permission::ALL {
            let rows = GRANTS.iter().filter(|g| g.permission == permission).count();
            assert_eq!(rows, 1, "{permission:?}");
        }
    }

    #[test]
    fn the_roles_hold_what_merchants_were_promised() {
        let holds = |role: Role| -> Vec<Permission> {
            Permission::ALL
                .into_iter()
                .filter(|p| role.allows(*p))
                .collect()
        };
        assert_eq!(holds(Role::Admin), Permission::ALL.to_vec());
        assert_eq!(
            holds(Role::Operator),
            vec![Permission::ViewJourneys, Permission::ManageLinks]
        );
        assert_eq!(
            holds(Role::Reviewer),
            vec![
                Permission::ViewJourneys,
                Permission::Review,
                Permission::DownloadReports
            ]
        );
    }

    #[test]
    fn api_keys_never_review_or_change_settings() {
        assert_eq!(Permission::Review.api_scope(), None);
        assert_eq!(Permission::ManageSettings.api_scope(), None);
        assert_eq!(Permission::ManageLinks.api_scope(), Some(ApiScope::Write));
        assert_eq!(Permission::ViewJourneys.api_scope(), Some(ApiScope::Read));
        assert_eq!(
            Permission::DownloadReports.api_scope(),
            Some(ApiScope::Reports)
        );
    }
}
