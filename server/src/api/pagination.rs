//! Cursor pagination: a page holds up to `limit` items after the cursor, newest first; the
//! cursor is an opaque token of the last item's (created_at, id).

use base64::Engine;
use serde::Deserialize;
use time::OffsetDateTime;
use utoipa::IntoParams;
use uuid::Uuid;

use super::error::ApiError;

/// The largest page.
pub const MAX_LIMIT: i64 = 100;

#[derive(Debug, Deserialize, IntoParams)]
pub struct PageQuery {
    /// `next_cursor` of the previous page; absent for the first page.
    pub cursor: Option<String>,
    /// Items per page, 1 to 100 (default 25).
    pub limit: Option<i64>,
}

/// Where a page starts: after this (created_at, id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct After {
    pub created_at: OffsetDateTime,
    pub id: Uuid,
}

impl PageQuery {
    pub fn limit(&self) -> Result<i64, ApiError> {
        match self.limit {
            None => Ok(25),
            Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
            Some(_) => Err(ApiError::invalid(vec![kyc_core::FieldError::new(
                "limit",
                "must be from 1 to 100",
            )])),
        }
    }

    pub fn after(&self) -> Result<Option<After>, ApiError> {
        let Some(cursor) = &self.cursor else {
            return Ok(None);
        };
        let bad = || {
            ApiError::invalid(vec![kyc_core::FieldError::new(
                "cursor",
                "is not a cursor this API gave",
            )])
        };
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(cursor)
            .map_err(|_| bad())?;
        if bytes.len() != 32 {
            return Err(bad());
        }
        let nanos = i128::from_be_bytes(bytes[..16].try_into().map_err(|_| bad())?);
        let created_at = OffsetDateTime::from_unix_timestamp_nanos(nanos).map_err(|_| bad())?;
        let id = Uuid::from_slice(&bytes[16..]).map_err(|_| bad())?;
        Ok(Some(After { created_at, id }))
    }
}

/// The cursor of a page whose last item is (created_at, id).
pub fn cursor(created_at: OffsetDateTime, id: Uuid) -> String {
    let mut bytes = created_at.unix_timestamp_nanos().to_be_bytes().to_vec();
    bytes.extend_from_slice(id.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}
