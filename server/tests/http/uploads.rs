//! The upload routes: what is accepted, how it is stored, and every bad input refused
//! with a clear message and nothing left behind.

use reqwest::StatusCode;
use serde_json::Value;

use crate::fixtures::{
    assert_nothing_stored, error_of, jpeg, pixel_flood_png, png, upload_front, PDF,
};
use crate::support::TestApp;
use kyc_server::uploads::UploadSettings;

const IDENTITY_PASSPORT: &str =
    "/journey/documents/files?side=front&category=identity&type=passport";

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_photo_is_re_encoded_encrypted_at_rest_and_served_back_only_to_its_customer(
    db: kyc_db::PgPool,
) {
    let app = TestApp::spawn(db).await;
    let (client, _) = app.customer_with_link(&["documents"]).await;
    let response = app
        .upload(&client, IDENTITY_PASSPORT, "image/jpeg", jpeg(1200, 800))
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    let object_id = body["object_id"].as_str().unwrap().to_owned();

    let files = app.stored_files();
    assert_eq!(files.len(), 1);
    let at_rest = std::fs::read(&files[0]).unwrap();
    assert!(
        at_rest.starts_with(b"KYC1"),
        "stored in the encrypted envelope"
    );
    let name = files[0].to_string_lossy().into_owned();
    assert!(
        !name.contains("passport") && !name.contains(".jpg"),
        "keys never come from file names"
    );

    let served = client
        .get(app.url(&format!("/journey/files/{object_id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(served.status(), StatusCode::OK);
    assert_eq!(served.headers()["content-type"], "image/jpeg");
    assert_eq!(served.headers()["cache-control"], "private, no-store");
    let bytes = served.bytes().await.unwrap();
    assert!(image::load_from_memory(&bytes).is_ok());
    // Ciphertext may hold any 3-byte run by chance (a JPEG marker included), so the
    // check is that no 32-byte stretch of the served plaintext is found at rest.
    let stretches = bytes.chunks_exact(32).take(64).collect::<Vec<_>>();
    assert!(
        !at_rest.windows(32).any(|w| stretches.contains(&w)),
        "no plaintext JPEG at rest"
    );

    // Another customer's session cannot read it, and neither can nobody.
    let (other, _) = app.customer_with_link(&["documents"]).await;
    let refused = other
        .get(app.url(&format!("/journey/files/{object_id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    let anonymous = crate::support::browser()
        .get(app.url(&format!("/journey/files/{object_id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::NOT_FOUND);
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_pdf_is_kept_as_is_and_only_ever_downloaded(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (client, _) = app.customer_with_link(&["documents"]).await;
    let response = app
        .upload(
            &client,
            "/journey/documents/files?side=whole&category=address&type=utility_bill",
            "application/pdf",
            PDF.to_vec(),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let object_id = response.json::<Value>().await.unwrap()["object_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let served = client
        .get(app.url(&format!("/journey/files/{object_id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(
        served.headers()["content-disposition"],
        "attachment; filename=\"document.pdf\""
    );
    assert_eq!(served.bytes().await.unwrap().as_ref(), PDF);
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_full_journey_refuses_more_files_and_stores_nothing(db: kyc_db::PgPool) {
    let settings = UploadSettings {
        journey_quota: 64 * 1024,
        ..UploadSettings::default()
    };
    let app = TestApp::spawn_with(db, settings).await;
    let (client, _) = app.customer_with_link(&["documents"]).await;
    let mut refused = None;
    for _ in 0..20 {
        let response = app
            .upload(&client, IDENTITY_PASSPORT, "image/jpeg", jpeg(900, 600))
            .await;
        if response.status() != StatusCode::CREATED {
            refused = Some(error_of(response).await);
            break;
        }
    }
    let (status, code, message) = refused.expect("the quota is reached within 20 files");
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "file_refused")
    );
    assert!(message.contains("is full"), "{message}");
    let (stored, bytes): (i64, i64) = sqlx::query_as(
        "SELECT count(*), COALESCE(sum(byte_size), 0)::bigint FROM stored_objects WHERE state <> 'discarded'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(bytes <= 64 * 1024, "{bytes}");
    assert_eq!(
        app.stored_files().len() as i64,
        stored,
        "no file beyond the quota"
    );
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn an_upload_that_finds_every_decoder_busy_is_told_to_retry(db: kyc_db::PgPool) {
    let settings = UploadSettings {
        decodes: std::sync::Arc::new(tokio::sync::Semaphore::new(0)),
        decode_wait: std::time::Duration::from_millis(200),
        ..UploadSettings::default()
    };
    let app = TestApp::spawn_with(db, settings).await;
    let (client, _) = app.customer_with_link(&["documents"]).await;
    let (status, code, _) = error_of(
        app.upload(&client, IDENTITY_PASSPORT, "image/jpeg", jpeg(900, 600))
            .await,
    )
    .await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::SERVICE_UNAVAILABLE, "busy")
    );
    assert_nothing_stored(&app).await;
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn an_oversize_file_is_refused_while_streaming_and_nothing_is_stored(db: kyc_db::PgPool) {
    let settings = UploadSettings {
        max_bytes: 64 * 1024,
        ..UploadSettings::default()
    };
    let app = TestApp::spawn_with(db, settings).await;
    let (client, _) = app.customer_with_link(&["documents"]).await;
    let big = jpeg(1500, 1500);
    assert!(big.len() > 64 * 1024);

    // With a Content-Length the refusal comes before reading the body...
    let (status, code, message) = error_of(
        app.upload(&client, IDENTITY_PASSPORT, "image/jpeg", big.clone())
            .await,
    )
    .await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, "too_large")
    );
    assert!(message.contains("too large"), "{message}");

    // ...and without one (chunked), as soon as the stream passes the limit.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        big.chunks(8 * 1024).map(|c| Ok(c.to_vec())).collect();
    let streamed = client
        .post(app.url(IDENTITY_PASSPORT))
        .header("content-type", "image/jpeg")
        .header("origin", &app.base)
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(
            chunks,
        )))
        .send()
        .await
        .unwrap();
    let (status, code, _) = error_of(streamed).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, "too_large")
    );
    assert_nothing_stored(&app).await;
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn wrong_disguised_damaged_and_pixel_flood_files_are_refused_with_reasons(
    db: kyc_db::PgPool,
) {
    let app = TestApp::spawn(db).await;
    let (client, _) = app.customer_with_link(&["documents"]).await;
    let whole = "/journey/documents/files?side=whole&category=identity&type=pan";

    let html = b"<!doctype html><script>alert(1)</script>".to_vec();
    let (status, _, message) = error_of(
        app.upload(&client, IDENTITY_PASSPORT, "image/jpeg", html)
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(message.contains("JPEG, PNG or PDF"), "{message}");

    let (status, _, message) = error_of(
        app.upload(&client, whole, "application/pdf", png(300, 300, true))
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        message.contains("PNG"),
        "disguised type is named: {message}"
    );

    let mut truncated = jpeg(800, 600);
    truncated.truncate(truncated.len() / 2);
    let (status, _, message) = error_of(
        app.upload(&client, IDENTITY_PASSPORT, "image/jpeg", truncated)
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!message.is_empty());

    let (status, _, message) = error_of(
        app.upload(&client, IDENTITY_PASSPORT, "image/png", pixel_flood_png())
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!message.is_empty());

    let (status, _, _) = error_of(
        app.upload(&client, IDENTITY_PASSPORT, "image/jpeg", Vec::new())
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // A type the category does not accept is refused after the checks, and rolled back.
    let (status, _, message) = error_of(
        app.upload(
            &client,
            "/journey/documents/files?side=front&category=identity&type=utility_bill",
            "image/jpeg",
            jpeg(800, 600),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(message.contains("not accepted"), "{message}");
    assert_nothing_stored(&app).await;
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn an_empty_signature_is_refused_and_a_drawn_one_kept(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (client, _) = app.customer_with_link(&["signature"]).await;
    let (status, _, message) = error_of(
        app.upload(
            &client,
            "/journey/captures/signature",
            "image/png",
            png(600, 200, false),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(message.contains("empty"), "{message}");
    assert_nothing_stored(&app).await;

    let response = app
        .upload(
            &client,
            "/journey/captures/signature",
            "image/png",
            png(600, 200, true),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    // Signing again replaces the signature; the first one is swept.
    let again = app
        .upload(
            &client,
            "/journey/captures/signature",
            "image/png",
            png(600, 200, true),
        )
        .await;
    assert_eq!(again.status(), StatusCode::CREATED);
    kyc_server::sweeper::sweep_once(&app.db, &app.store).await;
    assert_eq!(app.object_rows().await, 1);
    assert_eq!(app.stored_files().len(), 1);
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn an_upload_after_the_link_expired_is_refused_and_expires_the_journey(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (client, journey_id) = app.customer_with_link(&["documents"]).await;
    sqlx::query("UPDATE journeys SET expires_at = now() - interval '1 minute' WHERE id = $1::uuid")
        .bind(&journey_id)
        .execute(&app.db)
        .await
        .unwrap();
    let (status, code, message) = error_of(
        app.upload(&client, IDENTITY_PASSPORT, "image/jpeg", jpeg(800, 600))
            .await,
    )
    .await;
    assert_eq!((status, code.as_str()), (StatusCode::GONE, "link_expired"));
    assert!(message.contains("expired"), "{message}");
    let state: String = sqlx::query_scalar("SELECT state FROM journeys WHERE id = $1::uuid")
        .bind(&journey_id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(state, "expired");
    assert_nothing_stored(&app).await;
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn an_object_stored_by_an_upload_that_crashed_before_recording_is_swept(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (_, journey_id) = app.customer_with_link(&["documents"]).await;
    let journey_id: uuid::Uuid = journey_id.parse().unwrap();
    let merchant_id: uuid::Uuid =
        sqlx::query_scalar("SELECT merchant_id FROM journeys WHERE id = $1")
            .bind(journey_id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    // What `receive` does before recording, then nothing (the process died).
    let key = kyc_server::storage::ObjectKey::generate(merchant_id);
    let object = kyc_db::objects::NewObject {
        object_key: key.as_str(),
        content_type: "image/jpeg",
        byte_size: 3,
        sha256: [0; 32],
    };
    let now = time::OffsetDateTime::now_utc();
    kyc_db::objects::stage(&app.db, journey_id, &object, now)
        .await
        .unwrap();
    app.store.put(&key, b"abc").await.unwrap();

    // A live upload is given time to finish...
    assert_eq!(
        kyc_server::sweeper::sweep_at(&app.db, &app.store, now).await,
        0
    );
    assert_eq!(app.stored_files().len(), 1);
    // ...an abandoned one is removed, bytes and row.
    let later = now + kyc_server::sweeper::STAGED_GRACE + time::Duration::minutes(1);
    assert_eq!(
        kyc_server::sweeper::sweep_at(&app.db, &app.store, later).await,
        1
    );
    assert_nothing_stored(&app).await;
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_side_cannot_be_added_to_another_journeys_document(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (owner, _) = app.customer_with_link(&["documents"]).await;
    let document_id = upload_front(&app, &owner, "identity", "aadhaar").await;
    let (intruder, _) = app.customer_with_link(&["documents"]).await;
    let path = format!("/journey/documents/files?side=back&document={document_id}");
    let (status, _, _) = error_of(
        app.upload(&intruder, &path, "image/jpeg", jpeg(900, 600))
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(app.object_rows().await, 1, "only the owner's front remains");
    kyc_server::sweeper::sweep_once(&app.db, &app.store).await;
    assert_eq!(app.stored_files().len(), 1);
}
