//! The assessment session for one loaded catalog: the session hook (reducer,
//! persistence, page listeners), the header, the banners, the open view,
//! the keep-a-copy bar and the privacy footer (with the last export); it
//! takes over the build's static first screen.

use crate::components::answer_view::AnswerView;
use crate::components::banner::{banner, notice_banner, provenance_banner, Access};
use crate::components::compare_view::CompareView;
use crate::components::data_view::{data_view, DataViewProps};
use crate::components::header::{header, HeaderProps, View};
use crate::components::keep_bar::{export_status, keep_bar, KeepBarProps};
use crate::components::print_view::{print_report, PrintReportProps};
use crate::components::results_view::ResultsView;
use crate::core::assessment::Action;
use crate::core::origin::Provenance;
use crate::core::outline::IndexedCatalog;
use crate::core::session::Msg;
use crate::core::source::{catalog_url, CatalogSource};
use crate::core::store::StoreStatus;
use crate::hooks::page::{use_page_listeners, use_printing};
use crate::hooks::persistence::use_session;
use crate::i18n::{t, Key, Lang};
use crate::options::Options;
use crate::state::Shared;
use crate::web::clock::now;
use crate::web::first_screen::FirstScreen;
use crate::web::storage::BrowserStore;
use crate::web::storage_access::{self, Granted};
use yew::prelude::*;

/// Properties of [`Session`].
#[derive(Properties, PartialEq)]
pub struct SessionProps {
    /// The parsed catalog with its index.
    pub catalog: Shared<IndexedCatalog>,
    /// Whether it is a shipped catalog, and where it came from if not.
    pub provenance: Provenance,
    /// Widget options.
    pub options: Options,
    /// UI language.
    pub lang: Lang,
    /// Switches the UI language.
    pub on_lang: Callback<Lang>,
    /// Loads another catalog (URL or `file:` text).
    pub on_catalog: Callback<CatalogSource>,
    /// The widget's store, opened (and probed) once by the app.
    pub store: Shared<BrowserStore>,
    /// The build's static first screen, taken over after the first render.
    #[prop_or_default]
    pub first_screen: Option<FirstScreen>,
}

/// The assessment session.
#[component]
pub fn Session(props: &SessionProps) -> Html {
    let lang = props.lang;
    let (state, shell) = use_session(
        props.catalog.clone(),
        props.store.clone(),
        props.options.target.clone(),
    );
    let on_msg = {
        let dispatch = state.dispatcher();
        use_callback((), move |m: Msg, _| dispatch.dispatch(m))
    };
    use_page_listeners(shell.clone(), on_msg.clone());
    let access_said = use_state(|| None::<Key>);
    let printing = use_printing();
    let view = use_state(|| View::Answer);
    let jump_to = use_state(|| None::<String>);

    // Takeover of the static first screen: its answers go through the
    // normal path (saved like any click), the focus stays where it was.
    {
        let (first_screen, on_msg) = (props.first_screen.clone(), on_msg.clone());
        use_effect_with((), move |_| {
            let Some(s) = first_screen else { return };
            let Some(early) = s.take_over() else { return };
            for (control, option) in early.answers {
                on_msg.emit(Msg::Apply(Action::Answer {
                    control,
                    option,
                    now: now(),
                }));
            }
            if let Some(id) = early.focused {
                s.focus(&id);
            }
        });
    }
    // Blocked storage in a frame of another site: ask the browser, on a click.
    let access = (state.not_saving() == Some(StoreStatus::Unavailable)
        && storage_access::offered())
    .then(|| {
        let (shell, on_msg, said) = (shell.clone(), on_msg.clone(), access_said.clone());
        let on_ask = Callback::from(move |_: MouseEvent| {
            let (shell, on_msg, said) = (shell.clone(), on_msg.clone(), said.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let refused = match storage_access::request().await {
                    Granted::Usable(kv) => {
                        if shell.reopen(kv) {
                            on_msg.emit(Msg::StorageGranted);
                            None
                        } else {
                            Some(Key::AccessUnusable)
                        }
                    }
                    Granted::Unusable => Some(Key::AccessUnusable),
                    Granted::Refused => Some(Key::AccessRefused),
                };
                said.set(refused);
            });
        });
        Access {
            on_ask,
            said: *access_said,
        }
    });
    let catalog = &props.catalog;
    let Some(active) = state.active().cloned() else {
        return html! {};
    };
    let on_view = {
        let view = view.clone();
        Callback::from(move |v: View| view.set(v))
    };
    let on_jump = {
        let (view, jump_to) = (view.clone(), jump_to.clone());
        Callback::from(move |id: String| {
            view.set(View::Answer);
            jump_to.set(Some(id));
        })
    };
    let on_jumped = {
        let jump_to = jump_to.clone();
        Callback::from(move |_: ()| jump_to.set(None))
    };
    html! {
        <div class={classes!("sc-session", props.options.theme.class())}>
            { header(HeaderProps {
                catalog, assessment: &active, entities: state.entities().collect(), lang, view: *view,
                on_view, on_msg: on_msg.clone(), on_lang: props.on_lang.clone(),
                alert: banner(state.not_saving(), lang, access),
            }) }
            { provenance_banner(&props.provenance, lang) }
            { notice_banner(state.notice.as_ref(), lang, on_msg.reform(|_| Msg::Dismiss)) }
            if printing {
                { print_report(&PrintReportProps { catalog: catalog.clone(), assessment: active.clone(), lang }) }
            }
            <main class="sc-main" role="tabpanel">
                { match *view {
                    View::Answer => html! {
                        <AnswerView catalog={catalog.clone()} assessment={active.clone()}
                            {lang} on_msg={on_msg.clone()} jump_to={(*jump_to).clone()} {on_jumped} />
                    },
                    View::Results => html! {
                        <ResultsView catalog={catalog.clone()} assessment={active.clone()} {lang} {on_jump}
                            benchmark={props.options.benchmark.as_ref().map(|b| AttrValue::from(catalog_url(&props.options.base, b)))}
                            benchmark_by_link={props.options.by_link} />
                    },
                    View::Compare => html! {
                        <CompareView catalog={catalog.clone()} workspace={state.workspace.clone()} {lang} />
                    },
                    View::Data => data_view(&DataViewProps {
                        catalog: catalog.clone(), workspace: state.workspace.clone(), lang,
                        on_msg: on_msg.clone(), outcome: state.outcome.clone(), persistence: state.persistence,
                        namespace: props.options.namespace.clone(),
                        on_catalog: props.on_catalog.clone(), base: props.options.base.clone(),
                    }),
                } }
            </main>
            // While nothing is saved the banner says so: "answers live in
            // this browser" would not be true.
            { keep_bar(KeepBarProps { catalog, assessment: &active,
                told: state.workspace.told || state.not_saving().is_some(),
                reminder: state.reminder, lang, on_msg: on_msg.clone() }) }
            <footer class="sc-footer">
                <p>{ t(lang, Key::PrivacyFooter) }</p>
                { export_status(&active, lang) }
            </footer>
        </div>
    }
}
