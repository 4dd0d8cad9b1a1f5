use base64::Engine;
use uuid::Uuid;

use super::*;

const DOCUMENT: &[u8] = b"PASSPORT Jane Example 1990-01-01 P<UTOEXAMPLE<<JANE";

fn other_key() -> MasterKey {
    MasterKey::from_base64("AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=").unwrap()
}

fn key() -> ObjectKey {
    ObjectKey::generate(Uuid::new_v4())
}

async fn raw(store: &DocumentStore, key: &ObjectKey) -> Vec<u8> {
    let fetched = store.backend.get(&path(key)).await.unwrap();
    fetched.bytes().await.unwrap().to_vec()
}

async fn put_raw(store: &DocumentStore, key: &ObjectKey, bytes: Vec<u8>) {
    store
        .backend
        .put(&path(key), PutPayload::from(bytes))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_document_round_trips_through_the_memory_store() {
    let store = DocumentStore::open("memory:", MasterKey::development()).unwrap();
    let key = key();
    assert!(!store.exists(&key).await.unwrap());
    store.put(&key, DOCUMENT).await.unwrap();
    assert!(store.exists(&key).await.unwrap());
    assert_eq!(store.get(&key).await.unwrap(), DOCUMENT);
}

#[tokio::test]
async fn a_document_on_disk_round_trips_and_is_stored_encrypted() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("created/on/open");
    let store = DocumentStore::open(root.to_str().unwrap(), MasterKey::development()).unwrap();
    let key = key();
    store.put(&key, DOCUMENT).await.unwrap();

    let on_disk = std::fs::read(root.join(key.as_str())).unwrap();
    assert!(on_disk.starts_with(b"KYC1"));
    assert!(!on_disk
        .windows(8)
        .any(|w| DOCUMENT.windows(8).any(|d| d == w)));
    assert_eq!(on_disk.len(), envelope::HEADER + DOCUMENT.len() + 16);

    let url = format!("file://{}", root.display());
    let reopened = DocumentStore::open(&url, MasterKey::development()).unwrap();
    assert_eq!(reopened.get(&key).await.unwrap(), DOCUMENT);
}

#[tokio::test]
async fn a_flipped_byte_is_reported_as_tampering() {
    let store = DocumentStore::open("memory:", MasterKey::development()).unwrap();
    let key = key();
    store.put(&key, DOCUMENT).await.unwrap();
    let sealed = raw(&store, &key).await;
    // Bytes 4..12 name the master key; altering them reads as WrongMasterKey instead.
    for at in [
        0,
        20,
        40,
        envelope::HEADER - 1,
        envelope::HEADER + 3,
        sealed.len() - 1,
    ] {
        let mut altered = sealed.clone();
        altered[at] ^= 0x01;
        put_raw(&store, &key, altered).await;
        assert!(
            matches!(store.get(&key).await, Err(StorageError::Tampered)),
            "byte {at}"
        );
    }
    put_raw(&store, &key, sealed[..envelope::HEADER].to_vec()).await;
    assert!(matches!(store.get(&key).await, Err(StorageError::Tampered)));
}

#[tokio::test]
async fn another_master_key_is_reported_as_the_wrong_master_key() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_str().unwrap();
    let key = key();
    DocumentStore::open(root, MasterKey::development())
        .unwrap()
        .put(&key, DOCUMENT)
        .await
        .unwrap();
    let wrong = DocumentStore::open(root, other_key()).unwrap();
    assert!(matches!(
        wrong.get(&key).await,
        Err(StorageError::WrongMasterKey)
    ));
}

#[tokio::test]
async fn an_object_moved_to_another_key_does_not_decrypt() {
    let store = DocumentStore::open("memory:", MasterKey::development()).unwrap();
    let (original, elsewhere) = (key(), key());
    store.put(&original, DOCUMENT).await.unwrap();
    put_raw(&store, &elsewhere, raw(&store, &original).await).await;
    assert!(matches!(
        store.get(&elsewhere).await,
        Err(StorageError::Tampered)
    ));
}

#[tokio::test]
async fn deleting_twice_succeeds_and_a_missing_object_is_not_found() {
    let dir = tempfile::tempdir().unwrap();
    for url in ["memory:", dir.path().to_str().unwrap()] {
        let store = DocumentStore::open(url, MasterKey::development()).unwrap();
        let key = key();
        store.put(&key, DOCUMENT).await.unwrap();
        store.delete(&key).await.unwrap();
        store.delete(&key).await.unwrap();
        assert!(!store.exists(&key).await.unwrap());
        assert!(
            matches!(store.get(&key).await, Err(StorageError::NotFound)),
            "{url}"
        );
    }
}

#[test]
fn store_futures_can_run_on_a_multithreaded_runtime() {
    fn assert_send<T: Send>(_: &T) {}
    let store = DocumentStore::open("memory:", MasterKey::development()).unwrap();
    let key = key();
    assert_send(&store.put(&key, DOCUMENT));
    assert_send(&store.get(&key));
    assert_send(&store.delete(&key));
    assert_send(&store.exists(&key));
}

#[test]
fn s3_urls_and_unknown_schemes_are_told_apart() {
    assert!(DocumentStore::open("s3://kyc-documents/tenant-a", MasterKey::development()).is_ok());
    let unknown = DocumentStore::open("gs://bucket", MasterKey::development());
    assert!(matches!(unknown, Err(StorageError::BadConfiguration(_))));
    let relative = DocumentStore::open("file://relative/dir", MasterKey::development());
    assert!(matches!(relative, Err(StorageError::BadConfiguration(_))));
}

#[test]
fn object_keys_have_one_generated_shape() {
    let merchant = Uuid::new_v4();
    let key = ObjectKey::generate(merchant);
    assert!(key
        .as_str()
        .starts_with(&format!("objects/{}/", merchant.simple())));
    assert_eq!(ObjectKey::parse(key.as_str()), Some(key.clone()));

    let object = Uuid::new_v4().simple().to_string();
    let merchant = merchant.simple().to_string();
    for bad in [
        "../x".to_owned(),
        "passport.jpg".to_owned(),
        format!("objects/{merchant}/passport.jpg"),
        format!("objects/{merchant}/../{object}"),
        format!("objects/{merchant}/{object}/x"),
        format!("objects/{merchant}/{}", object.to_uppercase()),
        format!("/objects/{merchant}/{object}"),
        format!("other/{merchant}/{object}"),
        format!("objects/{merchant}/{}", Uuid::nil().simple()),
        format!("objects/{merchant}/{}", Uuid::new_v4().hyphenated()),
    ] {
        assert_eq!(ObjectKey::parse(&bad), None, "{bad}");
    }
}

#[test]
fn master_keys_must_be_exactly_32_bytes_of_base64() {
    use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
    let bytes: Vec<u8> = (200..232).collect();
    let standard = MasterKey::from_base64(&STANDARD.encode(&bytes)).unwrap();
    let url_safe = MasterKey::from_base64(&URL_SAFE_NO_PAD.encode(&bytes)).unwrap();
    assert_eq!(standard.id(), url_safe.id());
    assert_ne!(standard.id(), MasterKey::development().id());
    assert_eq!(format!("{standard:?}"), "MasterKey(..)");

    for bad in [
        STANDARD.encode([7u8; 31]),
        STANDARD.encode([7u8; 33]),
        "not base64 at all!".to_owned(),
    ] {
        let error = MasterKey::from_base64(&bad).unwrap_err();
        assert!(matches!(error, StorageError::BadKey(_)));
        let message = error.to_string();
        assert!(
            !message.contains(&bad) && !message.contains("Bwc"),
            "{message}"
        );
    }
}
