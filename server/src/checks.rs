//! The journey's online checks wired to their providers: a customer's penny drop is
//! recorded, sent, and answered (at once, by the provider's signed webhook, or by polling
//! with backoff); the answer moves the step through `kyc_db::checks::resolve`, once.
//! Which provider, and whether it is a sandbox, is configuration: nothing here knows.

use std::sync::Arc;

use kyc_core::checks::{judge_bank, BankDetails};
use kyc_core::StepKind;
use kyc_db::checks::{self as db, Resolution};
use kyc_db::PgPool;
use kyc_providers::bank::{BankStatus, BankVerifier, ProviderError, Verification};
use kyc_service::checks::{BoxFuture, OnlineChecks};
use kyc_service::ServiceError;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

mod digilocker;
mod providers;
mod webhook;

pub use digilocker::{digilocker_callback, DigiLockerProvider, Flow, FLOW};
pub use providers::{bank_provider, digilocker_provider};
pub use webhook::bank_webhook;

/// The providers the journey's checks use.
#[derive(Clone)]
pub struct Checks {
    pub db: PgPool,
    /// Where the e-Aadhaar photo and XML are kept (encrypted).
    pub store: crate::storage::DocumentStore,
    pub bank: Arc<dyn BankVerifier>,
    /// `None` when DigiLocker is not configured (the step then says so).
    pub digilocker: Option<Arc<DigiLockerProvider>>,
}

impl std::fmt::Debug for Checks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checks")
            .field("bank", &self.bank.name())
            .finish()
    }
}

/// How long after the last poll the next one comes: 2 s, doubling, at most 5 minutes.
pub fn poll_delay(polls: i32) -> Duration {
    Duration::seconds(2i64.saturating_mul(1 << polls.clamp(0, 8)).min(300))
}

/// Polls after which a waiting check is given up (about two hours).
pub const MAX_POLLS: i32 = 30;

fn unavailable(error: &ProviderError) -> Resolution {
    match error {
        ProviderError::Unavailable(_) => Resolution::Unavailable {
            code: "provider_unavailable".to_owned(),
        },
        ProviderError::Refused(detail) => {
            // A configuration problem (credentials, request format), not the customer's.
            tracing::error!(detail = %detail, "the bank verification provider refused a request");
            Resolution::Unavailable {
                code: "provider_refused".to_owned(),
            }
        }
    }
}

impl Checks {
    /// Records the provider's answer for a check: resolved, or scheduled for a poll. The
    /// provider's reference is stored first, so an answer already paid for is never lost
    /// to a later failure here.
    async fn settle(
        &self,
        check_id: Uuid,
        merchant_id: Uuid,
        holder_name: &str,
        answer: Result<Verification, ProviderError>,
        polls: i32,
    ) -> Result<(), kyc_db::DbError> {
        let now = OffsetDateTime::now_utc();
        let resolution = match &answer {
            Ok(verification) => {
                let pending = verification.status == BankStatus::Pending;
                // A decided answer is resolved right below; the far-off time only keeps the
                // poller away meanwhile.
                let next = if pending {
                    now + poll_delay(polls)
                } else {
                    now + Duration::hours(1)
                };
                db::schedule_poll(
                    &self.db,
                    check_id,
                    Some(&verification.reference),
                    polls,
                    next,
                )
                .await?;
                if pending && polls < MAX_POLLS {
                    return Ok(());
                }
                let bands = db::name_bands(&self.db, merchant_id).await?;
                let aadhaar = db::aadhaar_name(&self.db, check_id).await?;
                let at_bank = verification.name_at_bank.as_deref();
                let status = &verification.status;
                judge_bank(status, at_bank, holder_name, aadhaar.as_deref(), bands).unwrap_or(
                    Resolution::Unavailable {
                        code: "no_answer".to_owned(),
                    },
                )
            }
            // A poll that fails is tried again later, up to the limit.
            Err(ProviderError::Unavailable(_)) if polls > 0 && polls < MAX_POLLS => {
                db::schedule_poll(&self.db, check_id, None, polls, now + poll_delay(polls)).await?;
                return Ok(());
            }
            Err(error) => unavailable(error),
        };
        db::resolve(&self.db, check_id, &resolution, now).await?;
        Ok(())
    }

    /// Polls every waiting check that is due, and gives up on calls that never returned.
    pub async fn poll_due(&self) -> anyhow::Result<usize> {
        let now = OffsetDateTime::now_utc();
        // A penny drop call returns within seconds; a customer on DigiLocker's pages may
        // take a while.
        let stale = [
            (StepKind::BankAccount, Duration::minutes(2)),
            (StepKind::DigiLockerAadhaar, Duration::minutes(30)),
        ];
        for (kind, after) in stale {
            for check_id in db::abandon_stale(&self.db, kind, now - after).await? {
                let lost = Resolution::Unavailable {
                    code: "no_answer".to_owned(),
                };
                db::resolve(&self.db, check_id, &lost, now).await?;
            }
        }
        let due = db::due_polls(&self.db, now, 50).await?;
        let count = due.len();
        for poll in due {
            if poll.provider != self.bank.name() {
                // Sent to a provider no longer configured: it cannot be asked any more.
                let gone = Resolution::Unavailable {
                    code: "provider_changed".to_owned(),
                };
                db::resolve(&self.db, poll.check_id, &gone, now).await?;
                continue;
            }
            let answer = self.bank.status(&poll.reference).await;
            let holder = poll.holder_name.unwrap_or_default();
            if let Err(error) = self
                .settle(
                    poll.check_id,
                    poll.merchant_id,
                    &holder,
                    answer,
                    poll.polls + 1,
                )
                .await
            {
                tracing::warn!(check.id = %poll.check_id, error = %error, "recording a poll failed");
            }
        }
        Ok(count)
    }
}

impl OnlineChecks for Checks {
    fn verify_bank(
        &self,
        journey_id: Uuid,
        details: BankDetails,
    ) -> BoxFuture<'_, Result<(), ServiceError>> {
        Box::pin(async move {
            let check = kyc_db::journeys::NewCheck {
                kind: StepKind::BankAccount,
                provider: self.bank.name().to_owned(),
                subject: format!(
                    "Account {}, IFSC {}",
                    details.account.masked(),
                    details.ifsc.as_str()
                ),
                holder_name: Some(details.holder_name.clone()),
                entered_dob: None,
                account_last4: Some(details.account.last4()),
                ifsc: Some(details.ifsc.as_str().to_owned()),
            };
            let now = OffsetDateTime::now_utc();
            let started = kyc_db::journeys::start_check(&self.db, journey_id, &check, now).await?;
            let answer = self.bank.verify(&details).await;
            self.settle(
                started.id,
                started.merchant_id,
                &details.holder_name,
                answer,
                0,
            )
            .await
            .map_err(ServiceError::internal)?;
            tracing::info!(check.id = %started.id, attempt = started.attempt, "bank check sent");
            Ok(())
        })
    }

    fn start_digilocker(
        &self,
        session: tower_sessions::Session,
        journey_id: Uuid,
        name: String,
        date_of_birth: time::Date,
    ) -> BoxFuture<'_, Result<String, ServiceError>> {
        Box::pin(async move {
            let (flow, url) = self
                .begin_digilocker(journey_id, name, date_of_birth)
                .await?;
            session.insert(FLOW, &flow).await?;
            Ok(url)
        })
    }
}

/// Polls waiting checks every second until the process stops.
pub async fn run(checks: Checks) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(1));
    loop {
        tick.tick().await;
        if let Err(error) = checks.poll_due().await {
            tracing::warn!(error = %error, "polling online checks failed");
        }
    }
}
