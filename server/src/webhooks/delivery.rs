//! Sending deliveries: claim the due ones, sign and POST each (no redirects, 15 s), then
//! record the attempt and what comes next. Recording after sending makes delivery at least
//! once: a worker stopped in between leaves the claim to run out, and the delivery is sent
//! again with the same `webhook-id`.

use std::time::Instant;

use kyc_db::webhooks::{self, AttemptRecord, DisableReason, DueDelivery, NextStep};
use kyc_db::{DbError, Lease, PgPool};
use rand::Rng;
use time::{Duration, OffsetDateTime};

use super::address::WebhookUrl;
use super::signing::{signature_header, Secret};
use crate::storage::DocumentStore;

/// Fifty deliveries a pass, each left to its worker for well over the request timeout.
pub const LEASE: Lease = Lease {
    duration: Duration::seconds(60),
    batch: 50,
};
/// How long a receiver has to answer.
pub const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(15);
/// The waits before the 2nd, 3rd... attempt (the first is immediate): about three days in
/// all. After the last attempt fails the delivery fails and the endpoint is disabled.
pub const RETRY_DELAYS: [Duration; 9] = [
    Duration::seconds(5),
    Duration::minutes(5),
    Duration::minutes(30),
    Duration::hours(2),
    Duration::hours(5),
    Duration::hours(10),
    Duration::hours(14),
    Duration::hours(20),
    Duration::hours(24),
];
/// The number of attempts a delivery gets.
pub const MAX_ATTEMPTS: i32 = RETRY_DELAYS.len() as i32 + 1;
/// How much of a response body the log keeps.
pub const BODY_LIMIT: usize = 1024;

pub use kyc_service::webhooks::secret_label;

/// What came of one send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    pub latency_ms: i32,
    pub status: Option<u16>,
    pub error_class: Option<&'static str>,
    /// The start of the response body, at most [`BODY_LIMIT`] bytes.
    pub body: Option<String>,
    /// The receiver's `Retry-After`, read on 429, 502, 503 and 504.
    pub retry_after: Option<Duration>,
}

/// Signs and sends deliveries; cheap to clone.
#[derive(Clone, Debug)]
pub struct Deliverer {
    pub db: PgPool,
    pub store: DocumentStore,
    /// Allows `http` to loopback and skips the private-address rule.
    pub development: bool,
}

impl Deliverer {
    /// Claims the deliveries due at `now`, sends them concurrently and records each attempt;
    /// returns how many were attempted.
    pub async fn deliver_due(&self, now: OffsetDateTime) -> Result<usize, DbError> {
        let due = self.claim(now).await?;
        let count = due.len();
        let mut sends = tokio::task::JoinSet::new();
        for delivery in due {
            let deliverer = self.clone();
            sends.spawn(async move {
                let sent = deliverer.send(&delivery, now).await;
                let recorded_at = now + Duration::milliseconds(sent.latency_ms.into());
                deliverer.record(&delivery, &sent, recorded_at).await
            });
        }
        while let Some(done) = sends.join_next().await {
            match done {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => tracing::error!(error = %e, "recording a webhook attempt"),
                Err(e) => tracing::error!(error = %e, "a webhook send panicked"),
            }
        }
        Ok(count)
    }

    /// Step 1 of [`Deliverer::deliver_due`]: claims due deliveries for [`LEASE`].
    pub async fn claim(&self, now: OffsetDateTime) -> Result<Vec<DueDelivery>, DbError> {
        webhooks::claim_due(&self.db, now, LEASE).await
    }

    /// Step 2: signs the delivery with the endpoint's secret(s) at `now` and POSTs it to the
    /// checked addresses of its URL. Never fails: a failure is an outcome to record.
    pub async fn send(&self, delivery: &DueDelivery, now: OffsetDateTime) -> Sent {
        let started = Instant::now();
        let mut sent = match self.try_send(delivery, now).await {
            Ok(sent) | Err(sent) => sent,
        };
        sent.latency_ms = i32::try_from(started.elapsed().as_millis()).unwrap_or(i32::MAX);
        tracing::info!(
            webhook.delivery_id = %delivery.id,
            webhook.endpoint_id = %delivery.endpoint_id,
            webhook.message_id = %delivery.message_id,
            attempt = delivery.attempts + 1,
            status = sent.status,
            error = sent.error_class,
            "webhook sent"
        );
        sent
    }

    async fn try_send(&self, delivery: &DueDelivery, now: OffsetDateTime) -> Result<Sent, Sent> {
        let failed = |class: &'static str| Sent {
            latency_ms: 0,
            status: None,
            error_class: Some(class),
            body: None,
            retry_after: None,
        };
        let secrets = self.secrets(delivery, now).map_err(|e| {
            tracing::error!(webhook.endpoint_id = %delivery.endpoint_id, error = %e, "opening a webhook secret");
            failed("request")
        })?;
        let url =
            WebhookUrl::parse(&delivery.url, self.development).map_err(|e| failed(e.class()))?;
        let addresses = url
            .resolve(self.development)
            .await
            .map_err(|e| failed(e.class()))?;
        let client = reqwest::Client::builder()
            // A proxy would resolve the name again, undoing the address checks.
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(TIMEOUT)
            .resolve_to_addrs(url.host(), &addresses)
            .user_agent("kyc-webhooks/1")
            .build()
            .map_err(|_| failed("request"))?;
        let body = serde_json::to_vec(&delivery.payload).map_err(|_| failed("request"))?;
        let timestamp = now.unix_timestamp();
        let signature = signature_header(&secrets, &delivery.message_id, timestamp, &body);
        let mut response = client
            .post(url.as_str())
            .header("content-type", "application/json")
            .header("webhook-id", &delivery.message_id)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", signature)
            .body(body)
            .send()
            .await
            .map_err(|e| failed(error_class(&e)))?;
        let status = response.status();
        let retry_after = matches!(status.as_u16(), 429 | 502 | 503 | 504)
            .then(|| response.headers().get("retry-after"))
            .flatten()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, now));
        let mut kept = Vec::new();
        while kept.len() < BODY_LIMIT {
            match response.chunk().await {
                Ok(Some(chunk)) => kept.extend_from_slice(&chunk),
                Ok(None) | Err(_) => break,
            }
        }
        Ok(Sent {
            latency_ms: 0,
            status: Some(status.as_u16()),
            error_class: if status.is_success() {
                None
            } else if status.is_redirection() {
                Some("redirect")
            } else {
                Some("status")
            },
            body: (!kept.is_empty()).then(|| truncate_utf8(&kept, BODY_LIMIT)),
            retry_after,
        })
    }

    fn secrets(
        &self,
        delivery: &DueDelivery,
        now: OffsetDateTime,
    ) -> Result<Vec<Secret>, Box<dyn std::error::Error + Send + Sync>> {
        let label = secret_label(delivery.endpoint_id);
        let open = |sealed: &[u8]| -> Result<Secret, Box<dyn std::error::Error + Send + Sync>> {
            let text = String::from_utf8(self.store.open_secret(&label, sealed)?)?;
            Ok(Secret::parse(&text)?)
        };
        let mut secrets = vec![open(&delivery.sealed_secret)?];
        if let (Some(previous), Some(until)) = (
            &delivery.sealed_previous_secret,
            delivery.previous_secret_until,
        ) {
            if until > now {
                secrets.push(open(previous)?);
            }
        }
        Ok(secrets)
    }

    /// Step 3: records the attempt with what comes next (see [`next_step`]). `false` when
    /// another worker recorded it first.
    pub async fn record(
        &self,
        delivery: &DueDelivery,
        sent: &Sent,
        now: OffsetDateTime,
    ) -> Result<bool, DbError> {
        let attempt = delivery.attempts + 1;
        let jitter = rand::thread_rng().gen_range(0.9..=1.1);
        let next = next_step(attempt, sent, now, jitter);
        if let NextStep::Failed(reason) = next {
            tracing::warn!(
                webhook.delivery_id = %delivery.id,
                webhook.endpoint_id = %delivery.endpoint_id,
                reason = ?reason,
                "webhook delivery failed; endpoint disabled"
            );
        }
        let record = AttemptRecord {
            delivery,
            started_at: now - Duration::milliseconds(sent.latency_ms.into()),
            latency_ms: sent.latency_ms,
            response_status: sent.status.map(i32::from),
            error_class: sent.error_class,
            response_body: sent.body.as_deref(),
            next,
        };
        webhooks::record_attempt(&self.db, &record, now).await
    }
}

/// What follows attempt number `attempt` (1-based): 2xx is delivered; 410 fails and
/// disables the endpoint; otherwise a retry after the next of [`RETRY_DELAYS`] times
/// `jitter` (0.9 to 1.1), or after the receiver's `Retry-After` (at most a day), until the
/// attempts run out.
pub fn next_step(attempt: i32, sent: &Sent, now: OffsetDateTime, jitter: f64) -> NextStep {
    match sent.status {
        Some(status) if (200..300).contains(&status) => return NextStep::Delivered,
        Some(410) => return NextStep::Failed(DisableReason::Gone),
        _ => {}
    }
    let Some(delay) = usize::try_from(attempt - 1)
        .ok()
        .and_then(|i| RETRY_DELAYS.get(i))
    else {
        return NextStep::Failed(DisableReason::Failing);
    };
    // A receiver may ask for more time than the schedule gives, never less: a
    // `Retry-After: 0` must not use up three days of retries in seconds.
    let scheduled = *delay * jitter;
    let wait = match sent.retry_after {
        Some(asked) => asked
            .clamp(Duration::ZERO, Duration::days(1))
            .max(scheduled),
        None => scheduled,
    };
    NextStep::RetryAt(now + wait)
}

/// Reads `Retry-After`: seconds, or an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`).
pub fn parse_retry_after(value: &str, now: OffsetDateTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u32>() {
        return Some(Duration::seconds(seconds.into()));
    }
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    let at = time::PrimitiveDateTime::parse(value, format)
        .ok()?
        .assume_utc();
    Some((at - now).max(Duration::ZERO))
}

fn error_class(error: &reqwest::Error) -> &'static str {
    if error.is_timeout() {
        "timeout"
    } else if error.is_connect() {
        "connect"
    } else {
        "request"
    }
}

/// The first `limit` bytes as text, ending on a whole character.
fn truncate_utf8(bytes: &[u8], limit: usize) -> String {
    let mut text = String::from_utf8_lossy(&bytes[..bytes.len().min(limit)]).into_owned();
    while text.len() > limit {
        text.pop();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-12-01 10:00 UTC);

    fn answered(status: u16, retry_after: Option<Duration>) -> Sent {
        Sent {
            latency_ms: 5,
            status: Some(status),
            error_class: None,
            body: None,
            retry_after,
        }
    }

    #[test]
    fn a_2xx_is_delivered_and_a_410_disables_at_once() {
        assert_eq!(
            next_step(1, &answered(204, None), NOW, 1.0),
            NextStep::Delivered
        );
        assert_eq!(
            next_step(1, &answered(410, None), NOW, 1.0),
            NextStep::Failed(DisableReason::Gone)
        );
    }

    #[test]
    fn failures_retry_on_the_schedule_with_jitter_then_fail() {
        let failed = answered(500, None);
        assert_eq!(
            next_step(1, &failed, NOW, 1.0),
            NextStep::RetryAt(NOW + Duration::seconds(5))
        );
        assert_eq!(
            next_step(2, &failed, NOW, 1.1),
            NextStep::RetryAt(NOW + Duration::seconds(330))
        );
        assert_eq!(
            next_step(9, &failed, NOW, 0.9),
            NextStep::RetryAt(NOW + Duration::hours(24) * 0.9)
        );
        assert_eq!(
            next_step(MAX_ATTEMPTS, &failed, NOW, 1.0),
            NextStep::Failed(DisableReason::Failing)
        );
        let total = RETRY_DELAYS.iter().fold(Duration::ZERO, |sum, d| sum + *d);
        assert!(total > Duration::days(3) && total < Duration::days(4));
    }

    #[test]
    fn retry_after_replaces_the_schedule_up_to_a_day() {
        assert_eq!(
            next_step(1, &answered(429, Some(Duration::seconds(120))), NOW, 1.1),
            NextStep::RetryAt(NOW + Duration::seconds(120))
        );
        assert_eq!(
            next_step(1, &answered(503, Some(Duration::days(9))), NOW, 1.0),
            NextStep::RetryAt(NOW + Duration::days(1))
        );
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        assert_eq!(parse_retry_after("120", NOW), Some(Duration::seconds(120)));
        assert_eq!(
            parse_retry_after("Tue, 01 Dec 2026 10:05:00 GMT", NOW),
            Some(Duration::minutes(5))
        );
        assert_eq!(
            parse_retry_after("Tue, 01 Dec 2026 09:00:00 GMT", NOW),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", NOW), None);
    }

    #[test]
    fn a_kept_body_ends_on_a_character_within_the_limit() {
        let body = format!("a{}", "é".repeat(600));
        let kept = truncate_utf8(body.as_bytes(), BODY_LIMIT);
        assert!(kept.len() <= BODY_LIMIT);
        assert!(kept.chars().skip(1).all(|c| c == 'é'));
    }
}
