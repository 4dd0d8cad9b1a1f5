//! DigiLocker Aadhaar in the journey: the customer types their name and birth date as on
//! Aadhaar, goes to DigiLocker (PKCE, a state bound to their session), and comes back to
//! the callback, which exchanges the code, fetches the signed e-Aadhaar, verifies it
//! against the configured certificate, stores what it says (the photo and the XML
//! encrypted, the number only as its last four digits) and compares it with what was
//! typed and with the bank's name. The token is dropped (and zeroed) once used.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use kyc_core::checks::AadhaarRecord;
use kyc_core::checks::{AadhaarComparison, CheckOutcome, LabelledComparison, NameComparison};
use kyc_core::rules::JourneyRule;
use kyc_core::StepKind;
use kyc_db::checks::{self as db, Resolution};
use kyc_providers::digilocker::eaadhaar::{EAadhaar, TrustedCertificate, XmlError};
use kyc_providers::digilocker::{
    callback, CallbackError, CallbackQuery, DigiLocker, DigiLockerError,
};
use kyc_service::ServiceError;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::{Date, OffsetDateTime};
use tower_sessions::Session;
use uuid::Uuid;

use super::Checks;
use crate::storage::ObjectKey;
use crate::ServerState;

/// The DigiLocker client and the certificates its e-Aadhaar documents must be signed by.
pub struct DigiLockerProvider {
    pub client: DigiLocker,
    pub trusted: Vec<TrustedCertificate>,
}

/// The sign-in in flight, kept in the customer's session until the callback.
#[derive(Serialize, Deserialize)]
pub struct Flow {
    pub check_id: Uuid,
    pub state: String,
    pub code_verifier: String,
}

/// The session key of [`Flow`].
pub const FLOW: &str = "digilocker_flow";

/// The check answered by a DigiLocker error: the customer's own refusals and documents
/// that fail verification use a try; technical failures do not.
fn resolution_of(error: &DigiLockerError) -> Resolution {
    match error {
        DigiLockerError::Document(
            XmlError::TooLarge | XmlError::UnsupportedAlgorithm(_) | XmlError::NoTrustedCertificate,
        ) => {
            tracing::error!(code = error.code(), "an e-Aadhaar could not be checked: check KYC_DIGILOCKER_TRUSTED_CERT and the provider");
            Resolution::Unavailable {
                code: error.code().to_owned(),
            }
        }
        DigiLockerError::ConsentDenied
        | DigiLockerError::AadhaarNotLinked
        | DigiLockerError::AadhaarNotAvailable
        | DigiLockerError::Document(_) => Resolution::Decided {
            outcome: CheckOutcome::Failed {
                reason_code: error.code().to_owned(),
            },
            names: Vec::new(),
            dob_matches: None,
            provider_code: Some(error.code().to_owned()),
            name_at_bank: None,
        },
        DigiLockerError::Refused(_) => {
            tracing::error!(
                code = error.code(),
                "DigiLocker refused a request: check the client id, secret and redirect URI"
            );
            Resolution::Unavailable {
                code: error.code().to_owned(),
            }
        }
        _ => Resolution::Unavailable {
            code: error.code().to_owned(),
        },
    }
}

impl Checks {
    fn digilocker(&self) -> Result<&DigiLockerProvider, ServiceError> {
        self.digilocker.as_deref().ok_or(ServiceError::Refused(
            JourneyRule::DigiLockerUnavailable.into(),
        ))
    }

    /// Records a waiting DigiLocker check (an earlier one left unfinished is closed as
    /// abandoned) and returns it with where to send the customer.
    pub async fn begin_digilocker(
        &self,
        journey_id: Uuid,
        name: String,
        date_of_birth: Date,
    ) -> Result<(Flow, String), ServiceError> {
        let provider = self.digilocker()?;
        let now = OffsetDateTime::now_utc();
        for earlier in db::waiting(&self.db, journey_id, StepKind::DigiLockerAadhaar).await? {
            let abandoned = Resolution::Unavailable {
                code: "abandoned".to_owned(),
            };
            db::resolve(&self.db, earlier, &abandoned, now).await?;
        }
        let check = kyc_db::journeys::NewCheck {
            kind: StepKind::DigiLockerAadhaar,
            provider: "digilocker".to_owned(),
            subject: "e-Aadhaar from DigiLocker".to_owned(),
            holder_name: Some(name),
            entered_dob: Some(date_of_birth),
            account_last4: None,
            ifsc: None,
        };
        let started = kyc_db::journeys::start_check(&self.db, journey_id, &check, now).await?;
        let authorization = provider.client.begin();
        let flow = Flow {
            check_id: started.id,
            state: authorization.state.clone(),
            code_verifier: authorization.code_verifier.clone(),
        };
        tracing::info!(check.id = %started.id, attempt = started.attempt, "DigiLocker sign-in started");
        Ok((flow, authorization.url.clone()))
    }

    /// Finishes the sign-in `flow` with DigiLocker's callback (whose state has been
    /// checked). The check is claimed first, so a second callback (a refresh, a replay)
    /// finds it taken and changes nothing.
    pub async fn finish_digilocker(
        &self,
        journey_id: Uuid,
        flow: &Flow,
        query: &CallbackQuery,
    ) -> anyhow::Result<()> {
        let provider = self.digilocker().map_err(|e| anyhow::anyhow!("{e}"))?;
        if !db::claim(&self.db, journey_id, flow.check_id).await? {
            tracing::info!(check.id = %flow.check_id, "DigiLocker callback for a check already being finished");
            return Ok(());
        }
        let entered = db::entered(&self.db, journey_id, flow.check_id).await?;
        let now = OffsetDateTime::now_utc();
        let fetched = async {
            let code = callback(query, &flow.state)?;
            let token = provider.client.exchange(&code, &flow.code_verifier).await?;
            let xml = provider.client.eaadhaar(&token).await?;
            drop(token);
            let verified = kyc_providers::digilocker::eaadhaar::verify(&xml, &provider.trusted)
                .map_err(DigiLockerError::Document)?;
            Ok::<_, DigiLockerError>((xml, verified))
        }
        .await;
        let (xml, aadhaar) = match fetched {
            Ok(found) => found,
            Err(error) => {
                tracing::info!(check.id = %flow.check_id, code = error.code(), "DigiLocker sign-in did not give an e-Aadhaar");
                db::resolve(&self.db, flow.check_id, &resolution_of(&error), now).await?;
                return Ok(());
            }
        };
        let mut kept = Vec::new();
        let recorded = self.record(&entered, flow, &xml, &aadhaar, &mut kept).await;
        if !matches!(recorded, Ok(true)) {
            let now = OffsetDateTime::now_utc();
            for object in kept {
                let _ = kyc_db::objects::discard(&self.db, object, now).await;
            }
            // Verified, but not recorded: the customer may try again at no cost.
            let failed = Resolution::Unavailable {
                code: "internal".to_owned(),
            };
            db::resolve(&self.db, flow.check_id, &failed, now).await?;
        }
        recorded?;
        tracing::info!(check.id = %flow.check_id, "e-Aadhaar verified and recorded");
        Ok(())
    }

    /// Compares the verified e-Aadhaar with what was typed and the bank's name, stores its
    /// photo and XML (their ids pushed to `kept`) and records it with the check's answer.
    async fn record(
        &self,
        entered: &db::Entered,
        flow: &Flow,
        xml: &[u8],
        aadhaar: &EAadhaar,
        kept: &mut Vec<Uuid>,
    ) -> anyhow::Result<bool> {
        let bands = db::name_bands(&self.db, entered.merchant_id).await?;
        let bank = db::bank_name(&self.db, entered.journey_id).await?;
        let comparison = AadhaarComparison {
            name: NameComparison::of(&entered.name, &aadhaar.name, bands),
            dob_matches: entered.date_of_birth == Some(aadhaar.dob),
            bank_name: bank.map(|at_bank| NameComparison::of(&aadhaar.name, &at_bank, bands)),
        };
        let mut names = vec![LabelledComparison {
            label: "Name entered vs name on Aadhaar".to_owned(),
            comparison: comparison.name.clone(),
        }];
        if let Some(bank) = &comparison.bank_name {
            names.push(LabelledComparison {
                label: "Name on Aadhaar vs name at bank".to_owned(),
                comparison: bank.clone(),
            });
        }
        let resolution = Resolution::Decided {
            outcome: comparison.outcome(),
            names,
            dob_matches: Some(comparison.dob_matches),
            provider_code: None,
            name_at_bank: None,
        };
        let xml_object = self.keep(entered, "application/xml", xml).await?;
        kept.push(xml_object);
        let photo_object = if aadhaar.photo.is_empty() {
            None
        } else {
            let id = self.keep(entered, "image/jpeg", &aadhaar.photo).await?;
            kept.push(id);
            Some(id)
        };
        let record = record_of(aadhaar, xml_object, photo_object);
        let now = OffsetDateTime::now_utc();
        Ok(db::record_aadhaar(&self.db, flow.check_id, &record, &resolution, now).await?)
    }

    /// Stores `bytes` encrypted for the journey, staged until the record attaches it.
    async fn keep(
        &self,
        entered: &db::Entered,
        content_type: &str,
        bytes: &[u8],
    ) -> anyhow::Result<Uuid> {
        let key = ObjectKey::generate(entered.merchant_id);
        let object = kyc_db::objects::NewObject {
            object_key: key.as_str(),
            content_type,
            byte_size: i64::try_from(bytes.len())?,
            sha256: Sha256::digest(bytes).into(),
        };
        let now = OffsetDateTime::now_utc();
        let id = kyc_db::objects::stage(&self.db, entered.journey_id, &object, now).await?;
        if let Err(error) = self.store.put(&key, bytes).await {
            let _ = kyc_db::objects::discard(&self.db, id, now).await;
            return Err(error.into());
        }
        Ok(id)
    }
}

fn record_of(aadhaar: &EAadhaar, xml: Uuid, photo: Option<Uuid>) -> AadhaarRecord {
    AadhaarRecord {
        name: aadhaar.name.clone(),
        date_of_birth: aadhaar.dob,
        gender: aadhaar.gender.code().to_owned(),
        address: aadhaar.address.one_line(),
        aadhaar_last4: aadhaar.aadhaar_last4.clone(),
        photo_object_id: photo,
        xml_object_id: xml,
        certificate_fingerprint: aadhaar.certificate_fingerprint.clone(),
    }
}

/// `GET /journey/digilocker/callback`: where DigiLocker sends the customer back. A
/// callback whose state is not the session's sign-in (forged, or from another browser) is
/// ignored and leaves that sign-in alone; otherwise the flow is taken out of the session
/// (one use). Whatever happened, the customer lands on their journey, which says it.
pub async fn digilocker_callback(
    State(state): State<ServerState>,
    session: Session,
    Query(query): Query<CallbackQuery>,
) -> Response {
    let back = Redirect::to("/journey").into_response();
    let journey_id = match kyc_service::session::customer_journey(&session, &state.db).await {
        Ok(journey_id) => journey_id,
        Err(ServiceError::LinkWithdrawn) => return Redirect::to("/link-withdrawn").into_response(),
        // An ended journey shows its status there.
        Err(ServiceError::Refused(_)) => return back,
        Err(_) => return Redirect::to("/link-invalid").into_response(),
    };
    let flow: Option<Flow> = session.get(FLOW).await.ok().flatten();
    let Some(flow) = flow else {
        tracing::info!("DigiLocker callback without a sign-in in this session");
        return back;
    };
    if matches!(
        callback(&query, &flow.state),
        Err(CallbackError::StateMismatch)
    ) {
        tracing::warn!(check.id = %flow.check_id, "DigiLocker callback with another state ignored");
        return back;
    }
    if session.remove::<Flow>(FLOW).await.is_err() {
        return back;
    }
    if let Err(error) = state
        .checks
        .finish_digilocker(journey_id, &flow, &query)
        .await
    {
        tracing::error!(check.id = %flow.check_id, error = %error, "finishing a DigiLocker sign-in failed");
    }
    back
}
