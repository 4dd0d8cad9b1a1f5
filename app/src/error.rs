//! How pages show the one error type of every server function ([`AppError`], shared with
//! the server's own browser routes through `kyc-errors`).

use leptos::prelude::*;

pub use kyc_errors::AppError;

/// Runs a server function's body and, on failure, sets the HTTP status that fits the error.
#[cfg(feature = "ssr")]
pub async fn respond<T>(
    body: impl std::future::Future<Output = Result<T, AppError>>,
) -> Result<T, AppError> {
    let result = body.await;
    if let Err(error) = &result {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(error.status());
        }
    }
    result
}

/// The view shown by every page's error boundary.
pub fn error_view(errors: ArcRwSignal<Errors>) -> impl IntoView {
    let messages = move || {
        errors
            .get()
            .into_iter()
            .map(|(_, error)| {
                let message = error
                    .downcast_ref::<AppError>()
                    .map(ToString::to_string)
                    .unwrap_or_else(|| "Something went wrong.".to_owned());
                let sign_in = matches!(
                    error.downcast_ref::<AppError>(),
                    Some(AppError::Unauthenticated)
                );
                view! {
                    <p>{message}</p>
                    {sign_in.then(|| view! { <a href="/login">"Sign in"</a> })}
                }
            })
            .collect_view()
    };
    view! { <div class="notice notice-error" role="alert">{messages}</div> }
}
