//! Renders structured catalog text (paragraphs, headings, lists, notes) as
//! text nodes: catalog content is never interpreted as HTML.

use crate::core::catalog::{Block, ListItem, Reference};
use yew::prelude::*;

/// Renders a list of blocks.
pub fn blocks(blocks: &[Block]) -> Html {
    blocks.iter().map(block).collect()
}

fn block(b: &Block) -> Html {
    match b {
        Block::Paragraph { text } => html! { <p>{ text.clone() }</p> },
        Block::Heading { text } => html! { <p class="sc-subhead">{ text.clone() }</p> },
        Block::Note { text } => html! { <p class="sc-note">{ text.clone() }</p> },
        Block::List { items } => list(items),
    }
}

/// Renders list items as a `<ul>` with nested lists.
pub fn list(items: &[ListItem]) -> Html {
    html! {
        <ul class="sc-list">
            { for items.iter().map(|i| html! {
                <li>{ i.text.clone() }
                    if !i.items.is_empty() { { list(&i.items) } }
                </li>
            }) }
        </ul>
    }
}

/// Renders references; only http(s) addresses become links, and they open
/// without sending a referrer.
pub fn references(refs: &[Reference]) -> Html {
    if refs.is_empty() {
        return html! {};
    }
    html! {
        <ul class="sc-refs">
            { for refs.iter().map(|r| {
                let link = r.url.as_deref().filter(|u| u.starts_with("https://") || u.starts_with("http://"));
                html! {
                    <li>
                        { r.title.clone() }
                        if let Some(u) = link {
                            { " " }<a href={u.to_string()} target="_blank" rel="noopener noreferrer">{ u.to_string() }</a>
                        } else if let Some(u) = &r.url {
                            { " " }<span class="sc-url">{ u.clone() }</span>
                        }
                    </li>
                }
            }) }
        </ul>
    }
}
