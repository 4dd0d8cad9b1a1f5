use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::api::{list_customers, PAGE_SIZE};
use crate::error::error_view;
use crate::ui::Timestamp;

/// The merchant's customers, searchable by name, email or external reference.
#[component]
pub fn CustomersPage() -> impl IntoView {
    let query = use_query_map();
    let search = move || query.read().get("q").unwrap_or_default();
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(0)
    };
    let customers = Resource::new(
        move || (search(), page()),
        |(q, page)| list_customers(Some(q), page),
    );
    view! {
        <Title text="Customers · KYC"/>
        <div class="page-head">
            <h1>"Customers"</h1>
            <A href="/customers/new" attr:class="button primary">"New customer"</A>
        </div>
        <form method="get" action="/customers" class="search" role="search">
            <label for="q" class="visually-hidden">"Search customers"</label>
            <input id="q" name="q" type="search" placeholder="Name, email or reference" prop:value=search/>
            <button type="submit" class="button">"Search"</button>
        </form>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=error_view>
                {move || Suspend::new(async move {
                    let rows = customers.await?;
                    let more = rows.len() as i64 == PAGE_SIZE;
                    let empty = rows.is_empty();
                    Ok::<_, crate::AppError>(view! {
                        <table class="table">
                            <thead><tr><th>"Name"</th><th>"Email"</th><th>"Reference"</th><th>"Created"</th></tr></thead>
                            <tbody>
                                {rows.into_iter().map(|c| view! {
                                    <tr>
                                        <td><A href=format!("/customers/{}", c.id)>{c.full_name}</A></td>
                                        <td>{c.email}</td>
                                        <td>{c.external_ref.unwrap_or_default()}</td>
                                        <td><Timestamp at=c.created_at/></td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        {empty.then(|| view! { <p class="muted">"No customers found."</p> })}
                        <Pager page=page() more search=search()/>
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn Pager(page: u32, more: bool, search: String) -> impl IntoView {
    let href = move |p: u32| {
        format!(
            "/customers?q={}&page={p}",
            kyc_core::dashboard::encode_query_value(&search)
        )
    };
    view! {
        <nav class="pager" aria-label="Pages">
            {(page > 0).then(|| view! { <A href=href(page - 1)>"← Newer"</A> })}
            {more.then(|| view! { <A href=href(page + 1)>"Older →"</A> })}
        </nav>
    }
}
