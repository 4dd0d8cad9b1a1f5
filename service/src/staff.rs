//! A merchant's staff as its admins run them (the ManageSettings permission, never through
//! an API key): members with their role, status and last sign-in; invitations by email;
//! another role; disabling and enabling (a disabled member's sessions and API keys stop at
//! once); the two-factor policy. The last enabled admin is never removed or demoted. Every
//! change is audited in its own transaction.

use kyc_core::access::Permission;
use kyc_core::customer::EmailAddress;
use kyc_core::merchant::Role;
use kyc_core::staff::{StaffOverview, TwoFactorPolicy, INVITATION_LIFETIME};
use kyc_core::{FieldError, FieldErrors};
use kyc_db::staff::{invitations, members};
use serde_json::json;
use uuid::Uuid;

use crate::{Actor, ServiceError, Services};

fn invalid(field: &str, message: &str) -> ServiceError {
    ServiceError::Invalid(FieldErrors(vec![FieldError::new(field, message)]))
}

fn role(field: &str, raw: &str) -> Result<Role, ServiceError> {
    Role::from_db(raw.trim()).ok_or_else(|| invalid(field, "is not one of the roles"))
}

/// The merchant's staff, invitations and policy.
pub async fn overview(services: &Services, actor: &Actor) -> Result<StaffOverview, ServiceError> {
    let by = staff_admin(actor)?;
    Ok(StaffOverview {
        members: members::list(&services.db, by.merchant_id).await?,
        invitations: invitations::open(&services.db, by.merchant_id).await?,
        policy: members::policy(&services.db, by.merchant_id).await?,
    })
}

/// Staff management is for the merchant's admins in the dashboard, never for API keys.
fn staff_admin(actor: &Actor) -> Result<crate::Authorized, ServiceError> {
    let by = actor.authorize(Permission::ManageSettings)?;
    if !matches!(actor, Actor::Staff(_)) {
        return Err(ServiceError::Forbidden(crate::error::Denied {
            permission: Permission::ManageSettings,
        }));
    }
    Ok(by)
}

/// Invites `email` to join the merchant's staff as `role`: a single-use link, valid for 72
/// hours, sent by email (the link is sealed until the mailer sends it; the database keeps
/// only its hash). An earlier open invitation to the same address is withdrawn.
pub async fn invite(
    services: &Services,
    actor: &Actor,
    email: &str,
    role_name: &str,
) -> Result<Uuid, ServiceError> {
    let by = staff_admin(actor)?;
    let email =
        EmailAddress::parse(email).map_err(|e| ServiceError::Invalid(FieldErrors(vec![e])))?;
    let role = role("role", role_name)?;
    let mut work = services.begin().await?;
    if members::is_member(&mut work.tx, by.merchant_id, email.as_str()).await? {
        return Err(invalid("email", "is already a member of your staff"));
    }
    let token = crate::links::new_token();
    let id = Uuid::new_v4();
    let invitation = invitations::NewInvitation {
        id,
        merchant_id: by.merchant_id,
        email: email.as_str(),
        role,
        token: &token.hash(),
        invited_by: by.user_id,
        now: work.now,
        expires_at: work.now + INVITATION_LIFETIME,
    };
    invitations::create(&mut work.tx, &invitation).await?;
    let (merchant_name, colour) = members::brand(&mut work.tx, by.merchant_id).await?;
    let brand = kyc_core::email::EmailBrand {
        merchant_name: &merchant_name,
        primary_colour: &colour,
    };
    let content = kyc_core::email::staff_invitation(&brand, role.label());
    let url = format!("{}/invitation/{}", services.public_url, token.encode());
    crate::links::queue_with_link(
        &mut work,
        services,
        by.merchant_id,
        "staff_invitation",
        email.as_str(),
        &content,
        &url,
    )
    .await?;
    let detail = json!({ "invitation": id, "role": role.as_str() });
    work.audit(
        actor,
        by,
        "staff.invited",
        ("staff_invitation", Some(id)),
        detail,
    )
    .await?;
    work.commit().await?;
    Ok(id)
}

/// Withdraws an open invitation: its link stops working.
pub async fn withdraw_invitation(
    services: &Services,
    actor: &Actor,
    id: Uuid,
) -> Result<(), ServiceError> {
    let by = staff_admin(actor)?;
    let mut work = services.begin().await?;
    invitations::withdraw(&mut work.tx, by.merchant_id, id, work.now).await?;
    work.audit(
        actor,
        by,
        "staff.invitation_withdrawn",
        ("staff_invitation", Some(id)),
        json!({}),
    )
    .await?;
    work.commit().await
}

/// Gives a member another role; the last enabled admin keeps theirs.
pub async fn change_role(
    services: &Services,
    actor: &Actor,
    user_id: Uuid,
    role_name: &str,
) -> Result<(), ServiceError> {
    let by = staff_admin(actor)?;
    let role = role("role", role_name)?;
    let mut work = services.begin().await?;
    let before = members::lock(&mut work.tx, by.merchant_id, user_id).await?;
    if before.role == role {
        return work.commit().await;
    }
    if role != Role::Admin {
        members::keep_an_admin(&mut work.tx, by.merchant_id, before).await?;
    }
    members::set_role(&mut work.tx, by.merchant_id, user_id, role).await?;
    let detail = json!({ "from": before.role.as_str(), "to": role.as_str() });
    work.audit(
        actor,
        by,
        "staff.role_changed",
        ("staff_user", Some(user_id)),
        detail,
    )
    .await?;
    work.commit().await
}

/// Disables a member (`enabled` false): their sessions and the API keys they created stop
/// at once; the last enabled admin stays. Or enables them again.
pub async fn set_enabled(
    services: &Services,
    actor: &Actor,
    user_id: Uuid,
    enabled: bool,
) -> Result<(), ServiceError> {
    let by = staff_admin(actor)?;
    let mut work = services.begin().await?;
    let before = members::lock(&mut work.tx, by.merchant_id, user_id).await?;
    if before.disabled != enabled {
        return work.commit().await;
    }
    if !enabled {
        members::keep_an_admin(&mut work.tx, by.merchant_id, before).await?;
    }
    let at = (!enabled).then_some(work.now);
    members::set_disabled(&mut work.tx, by.merchant_id, user_id, at).await?;
    let action = if enabled {
        "staff.enabled"
    } else {
        "staff.disabled"
    };
    work.audit(actor, by, action, ("staff_user", Some(user_id)), json!({}))
        .await?;
    work.commit().await
}

/// Sets who must sign in with a second factor (`none`, `admins`, `everyone`).
pub async fn set_policy(
    services: &Services,
    actor: &Actor,
    policy_name: &str,
) -> Result<(), ServiceError> {
    let by = staff_admin(actor)?;
    let policy = TwoFactorPolicy::parse(policy_name.trim())
        .ok_or_else(|| invalid("policy", "is not one of the choices"))?;
    let mut work = services.begin().await?;
    members::set_policy(&mut work.tx, by.merchant_id, policy).await?;
    let detail = json!({ "policy": policy.as_str() });
    work.audit(
        actor,
        by,
        "staff.two_factor_policy",
        ("merchant", Some(by.merchant_id)),
        detail,
    )
    .await?;
    work.commit().await
}
