//! DigiLocker Aadhaar in the journey: the customer types their name and birth date as on
//! Aadhaar, goes to DigiLocker (PKCE, a state bound to their session), and comes back to
//! the callback, which exchanges the code, fetches the signed e-Aadhaar, verifies it
//! against the configured certificate, stores what it says (the photo and the XML
//! encrypted, the number only as its last four digits) and compares it with what was
//! typed and with the bank's name. The token is dropped (and zeroed) once used.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use kyc_app::AppError;
use kyc_core::checks::{AadhaarComparison, CheckOutcome, LabelledComparison, NameComparison};
use kyc_core::StepKind;
use kyc_db::checks::{self as db, AadhaarRecord, Resolution};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::{Date, OffsetDateTime};
use tower_sessions::Session;
use uuid::Uuid;

use super::Checks;
use crate::providers::digilocker::eaadhaar::{EAadhaar, TrustedCertificate};
use crate::providers::digilocker::{callback, CallbackQuery, DigiLocker, DigiLockerError};
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
    fn digilocker(&self) -> Result<&DigiLockerProvider, AppError> {
        self.digilocker
            .as_deref()
            .ok_or_else(|| AppError::Conflict("DigiLocker is not available here yet. The company that sent your link will contact you about it.".into()))
    }

    /// Records a waiting DigiLocker check (an earlier one left unfinished is closed as
    /// abandoned) and returns it with where to send the customer.
    pub async fn begin_digilocker(
        &self,
        journey_id: Uuid,
        name: String,
        date_of_birth: Date,
    ) -> Result<(Flow, String), AppError> {
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
        let started = kyc_db::journeys::start_check(&self.db, journey_id, &check, now)
            .await
            .map_err(kyc_app::journey::customer_error)?;
        let authorization = provider.client.begin();
        let flow = Flow {
            check_id: started.id,
            state: authorization.state.clone(),
            code_verifier: authorization.code_verifier.clone(),
        };
        tracing::info!(check.id = %started.id, attempt = started.attempt, "DigiLocker sign-in started");
        Ok((flow, authorization.url.clone()))
    }

    /// Finishes the sign-in `flow` with DigiLocker's callback.
    pub async fn finish_digilocker(
        &self,
        journey_id: Uuid,
        flow: &Flow,
        query: &CallbackQuery,
    ) -> anyhow::Result<()> {
        let provider = self.digilocker().map_err(|e| anyhow::anyhow!("{e}"))?;
        let entered = db::entered(&self.db, journey_id, flow.check_id).await?;
        let now = OffsetDateTime::now_utc();
        let fetched = async {
            let code = callback(query, &flow.state)?;
            let token = provider.client.exchange(&code, &flow.code_verifier).await?;
            let xml = provider.client.eaadhaar(&token).await?;
            drop(token);
            let verified = crate::providers::digilocker::eaadhaar::verify(&xml, &provider.trusted)
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
        let bands = db::name_bands(&self.db, entered.merchant_id).await?;
        let bank = db::bank_name(&self.db, journey_id).await?;
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
        let xml_object = self.keep(&entered, "application/xml", &xml).await?;
        let photo_object = match aadhaar.photo.is_empty() {
            true => None,
            false => Some(self.keep(&entered, "image/jpeg", &aadhaar.photo).await?),
        };
        let record = record_of(&aadhaar, xml_object, photo_object);
        let recorded = db::record_aadhaar(&self.db, flow.check_id, &record, &resolution, now).await;
        if !matches!(recorded, Ok(true)) {
            for object in [Some(xml_object), photo_object].into_iter().flatten() {
                let _ = kyc_db::objects::discard(&self.db, object, now).await;
            }
        }
        recorded?;
        tracing::info!(check.id = %flow.check_id, "e-Aadhaar verified and recorded");
        Ok(())
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

/// `GET /journey/digilocker/callback`: where DigiLocker sends the customer back. The flow
/// is taken out of the session (one use); whatever happened, the customer lands on their
/// journey, which says it.
pub async fn digilocker_callback(
    State(state): State<ServerState>,
    session: Session,
    Query(query): Query<CallbackQuery>,
) -> Response {
    let back = Redirect::to("/journey").into_response();
    let Ok(journey_id) = kyc_app::auth::principal::customer_journey(&session, &state.db).await
    else {
        return Redirect::to("/link-invalid").into_response();
    };
    let flow: Option<Flow> = session.remove(FLOW).await.ok().flatten();
    let Some(flow) = flow else {
        tracing::info!("DigiLocker callback without a sign-in in this session");
        return back;
    };
    if let Err(error) = state
        .checks
        .finish_digilocker(journey_id, &flow, &query)
        .await
    {
        tracing::error!(check.id = %flow.check_id, error = %error, "finishing a DigiLocker sign-in failed");
    }
    back
}
