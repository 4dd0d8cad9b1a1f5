//! Staff (admins): members with role, status and last sign-in; invite by email; change a
//! role; disable and enable; withdraw an invitation; the two-factor policy.

use kyc_core::merchant::Role;
use kyc_core::staff::{InvitationRow, StaffOverview, StaffRow, TwoFactorPolicy};
use leptos::prelude::*;
use leptos_meta::Title;
use uuid::Uuid;

use crate::error::error_view;
use crate::ui::{FieldMessage, FormError, ListTable, Timestamp};
use crate::AppError;

/// The merchant's staff, open invitations and two-factor policy.
#[server(endpoint = "staff_overview")]
pub async fn load_staff() -> Result<StaffOverview, AppError> {
    crate::error::respond(async move {
        let (services, actor) = crate::auth::principal::staff_services().await?;
        Ok(kyc_service::staff::overview(&services, &actor).await?)
    })
    .await
}

/// Invites someone by email with a role.
#[server(endpoint = "invite_staff")]
pub async fn invite_staff(email: String, role: String) -> Result<(), AppError> {
    crate::error::respond(async move {
        let (services, actor) = crate::auth::principal::staff_services().await?;
        kyc_service::staff::invite(&services, &actor, &email, &role).await?;
        Ok(())
    })
    .await
}

/// Withdraws an open invitation.
#[server(endpoint = "withdraw_invitation")]
pub async fn withdraw_invitation(id: Uuid) -> Result<(), AppError> {
    crate::error::respond(async move {
        let (services, actor) = crate::auth::principal::staff_services().await?;
        Ok(kyc_service::staff::withdraw_invitation(&services, &actor, id).await?)
    })
    .await
}

/// Gives a member another role.
#[server(endpoint = "change_staff_role")]
pub async fn change_staff_role(user_id: Uuid, role: String) -> Result<(), AppError> {
    crate::error::respond(async move {
        let (services, actor) = crate::auth::principal::staff_services().await?;
        Ok(kyc_service::staff::change_role(&services, &actor, user_id, &role).await?)
    })
    .await
}

/// Disables (`enabled` false) or enables a member.
#[server(endpoint = "set_staff_enabled")]
pub async fn set_staff_enabled(user_id: Uuid, enabled: bool) -> Result<(), AppError> {
    crate::error::respond(async move {
        let (services, actor) = crate::auth::principal::staff_services().await?;
        Ok(kyc_service::staff::set_enabled(&services, &actor, user_id, enabled).await?)
    })
    .await
}

/// Sets who must sign in with a second factor.
#[server(endpoint = "set_two_factor_policy")]
pub async fn set_two_factor_policy(policy: String) -> Result<(), AppError> {
    crate::error::respond(async move {
        let (services, actor) = crate::auth::principal::staff_services().await?;
        Ok(kyc_service::staff::set_policy(&services, &actor, &policy).await?)
    })
    .await
}

/// The actions a staff row can take.
#[derive(Clone, Copy)]
struct Actions {
    role: ServerAction<ChangeStaffRole>,
    enabled: ServerAction<SetStaffEnabled>,
    withdraw: ServerAction<WithdrawInvitation>,
}

#[component]
pub fn StaffPage() -> impl IntoView {
    let invite = ServerAction::<InviteStaff>::new();
    let actions = Actions {
        role: ServerAction::<ChangeStaffRole>::new(),
        enabled: ServerAction::<SetStaffEnabled>::new(),
        withdraw: ServerAction::<WithdrawInvitation>::new(),
    };
    let policy = ServerAction::<SetTwoFactorPolicy>::new();
    let overview = Resource::new(
        move || {
            (
                invite.version().get(),
                actions.role.version().get(),
                actions.enabled.version().get(),
                actions.withdraw.version().get(),
                policy.version().get(),
            )
        },
        |_| load_staff(),
    );
    let invite_error = Signal::derive(move || invite.value().get().and_then(Result::err));
    let change_error = Signal::derive(move || {
        [
            actions.role.value().get().and_then(Result::err),
            actions.enabled.value().get().and_then(Result::err),
            actions.withdraw.value().get().and_then(Result::err),
            policy.value().get().and_then(Result::err),
        ]
        .into_iter()
        .flatten()
        .next()
    });
    view! {
        <Title text="Staff · KYC"/>
        <div class="page-head"><h1>"Staff"</h1></div>
        <section class="card" aria-labelledby="invite-title">
            <h2 id="invite-title">"Invite someone"</h2>
            <ActionForm action=invite attr:class="stack">
                <label for="invite-email">"Email"</label>
                <input id="invite-email" name="email" type="email" required/>
                <FieldMessage error=invite_error field="email"/>
                <label for="invite-role">"Role"</label>
                <RoleSelect id="invite-role" selected=Role::Reviewer/>
                <FormError error=invite_error/>
                <button type="submit" class="button primary">"Send invitation"</button>
            </ActionForm>
            {move || matches!(invite.value().get(), Some(Ok(()))).then(|| view! {
                <p class="notice notice-success" role="status">"Invitation sent. The link works once, for 72 hours."</p>
            })}
        </section>
        <FormError error=change_error/>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=error_view>
                {move || Suspend::new(async move {
                    let overview = overview.await?;
                    Ok::<_, AppError>(view! {
                        <section class="card">
                            <h2>"Members"</h2>
                            <MemberTable members=overview.members actions/>
                        </section>
                        <section class="card">
                            <h2>"Open invitations"</h2>
                            <InvitationTable invitations=overview.invitations actions/>
                        </section>
                        <section class="card" aria-labelledby="policy-title">
                            <h2 id="policy-title">"Two-factor sign-in"</h2>
                            <ActionForm action=policy attr:class="stack">
                                <label for="policy">"Who must sign in with a code from an authenticator app"</label>
                                <select id="policy" name="policy">
                                    {TwoFactorPolicy::ALL.into_iter().map(|p| view! {
                                        <option value=p.as_str() selected=p == overview.policy>{p.label()}</option>
                                    }).collect::<Vec<_>>()}
                                </select>
                                <button type="submit" class="button">"Save"</button>
                            </ActionForm>
                        </section>
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn RoleSelect(id: &'static str, selected: Role) -> impl IntoView {
    view! {
        <select id=id name="role">
            {Role::ALL.into_iter().map(|r| view! {
                <option value=r.as_str() selected=r == selected>{r.label()}</option>
            }).collect::<Vec<_>>()}
        </select>
    }
}

#[component]
fn MemberTable(members: Vec<StaffRow>, actions: Actions) -> impl IntoView {
    let columns = vec![
        "Name",
        "Email",
        "Role",
        "Status",
        "Last sign-in",
        "Two-factor",
        "",
    ];
    let rows = members
        .into_iter()
        .map(|member| {
            let (role_id, enabled_id) = (member.user_id.to_string(), member.user_id.to_string());
            let select_id = format!("role-{}", member.user_id.simple());
            let status = if member.disabled { "Disabled" } else { "Active" };
            view! {
                <tr data-email=member.email.clone()>
                    <td data-label="Name">{member.display_name.clone()}</td>
                    <td data-label="Email">{member.email.clone()}</td>
                    <td data-label="Role">
                        <ActionForm action=actions.role attr:class="inline">
                            <input type="hidden" name="user_id" value=role_id/>
                            <label class="visually-hidden" for=select_id.clone()>{format!("Role of {}", member.display_name)}</label>
                            <select id=select_id name="role">
                                {Role::ALL.into_iter().map(|r| view! {
                                    <option value=r.as_str() selected=r == member.role>{r.label()}</option>
                                }).collect::<Vec<_>>()}
                            </select>
                            <button type="submit" class="button">"Change"</button>
                        </ActionForm>
                    </td>
                    <td data-label="Status">{status}</td>
                    <td data-label="Last sign-in">{member.last_sign_in_at.map(|at| view! { <Timestamp at/> }.into_any()).unwrap_or_else(|| "Never".into_any())}</td>
                    <td data-label="Two-factor">{if member.two_factor { "On" } else { "Off" }}</td>
                    <td>
                        <ActionForm action=actions.enabled>
                            <input type="hidden" name="user_id" value=enabled_id/>
                            <input type="hidden" name="enabled" value=if member.disabled { "true" } else { "false" }/>
                            <button type="submit" class=if member.disabled { "button" } else { "button danger" }>
                                {if member.disabled { "Enable" } else { "Disable" }}
                            </button>
                        </ActionForm>
                    </td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    view! { <ListTable class="table" id="staff-members" columns empty="No members." rows/> }
}

#[component]
fn InvitationTable(invitations: Vec<InvitationRow>, actions: Actions) -> impl IntoView {
    let columns = vec!["Email", "Role", "Sent", "Works until", ""];
    let rows = invitations
        .into_iter()
        .map(|invitation| {
            view! {
                <tr data-email=invitation.email.clone()>
                    <td data-label="Email">{invitation.email.clone()}</td>
                    <td data-label="Role">{invitation.role.label()}</td>
                    <td data-label="Sent"><Timestamp at=invitation.created_at/></td>
                    <td data-label="Works until"><Timestamp at=invitation.expires_at/></td>
                    <td>
                        <ActionForm action=actions.withdraw>
                            <input type="hidden" name="id" value=invitation.id.to_string()/>
                            <button type="submit" class="button danger">"Withdraw"</button>
                        </ActionForm>
                    </td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    view! { <ListTable class="table" id="staff-invitations" columns empty="No open invitations." rows/> }
}
