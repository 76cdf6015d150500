//! The check sheet's preview as DOM, built here in the format module so the
//! widget's first download carries only a container for it: the file and
//! worksheet, the items per level and per label, the first items, every row
//! left out. Every text (cell text included) is set as a text node, never as
//! markup. Class names and `data-sheet` hooks are the widget's (styles,
//! tests).

use selfcheck::core::sheet::{Count, Preview};
use selfcheck::i18n::{preview_text as t, Lang, PreviewText as Key};
use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

/// Builds elements in `doc`.
struct Dom(Document);

impl Dom {
    /// `<tag class=…>` with `text` as its text (none if empty).
    fn el(&self, tag: &str, class: &str, text: &str) -> Result<Element, JsValue> {
        let e = self.0.create_element(tag)?;
        if !class.is_empty() {
            e.set_class_name(class);
        }
        if !text.is_empty() {
            e.set_text_content(Some(text));
        }
        Ok(e)
    }

    /// A table row of cells (`th` for the first when `head`).
    fn row(&self, cells: &[&str], head: bool) -> Result<Element, JsValue> {
        let tr = self.el("tr", "", "")?;
        for (i, c) in cells.iter().enumerate() {
            let th = head || i == 0;
            let cell = self.el(if th { "th" } else { "td" }, "", c)?;
            if head {
                cell.set_attribute("scope", "col")?;
            } else if th {
                cell.set_attribute("scope", "row")?;
            }
            tr.append_child(&cell)?;
        }
        Ok(tr)
    }

    /// A counts table (label, count) with its caption.
    fn counts(
        &self,
        lang: Lang,
        caption: Key,
        rows: &[Count],
        data: &str,
    ) -> Result<Element, JsValue> {
        let table = self.el("table", "sc-table sc-sheet-counts", "")?;
        table.set_attribute("data-sheet", data)?;
        table.append_child(&*self.el("caption", "", t(lang, caption))?)?;
        let body = self.el("tbody", "", "")?;
        for c in rows {
            body.append_child(
                &*self.row(&[c.label.get(lang.tag()), &c.count.to_string()], false)?,
            )?;
        }
        table.append_child(&body)?;
        Ok(table)
    }
}

/// The preview `p` in `lang`, as a detached element.
pub fn render(p: &Preview, lang: Lang) -> Result<Element, JsValue> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let d = Dom(doc);
    let text = |x: &selfcheck::core::catalog::Text| x.get(lang.tag()).to_string();
    let root = d.el("div", "sc-import-preview", "")?;
    root.set_attribute("role", "region")?;
    root.set_attribute("aria-labelledby", "sc-sheet-pv")?;
    root.set_attribute("data-sheet", "preview")?;
    let h = d.el("h3", "", t(lang, Key::Title))?;
    h.set_id("sc-sheet-pv");
    root.append_child(&h)?;
    let file = d.el("p", "", "")?;
    file.append_child(&*d.el("b", "", &p.file)?)?;
    if let Some(w) = &p.worksheet {
        file.append_child(&d.0.create_text_node(&format!(" ({}: {w})", t(lang, Key::Worksheet))))?;
    }
    root.append_child(&file)?;
    if let Some(why) = &p.refused {
        let e = d.el("p", "sc-field-error", "")?;
        e.set_attribute("role", "alert")?;
        e.set_attribute("data-sheet", "refused")?;
        e.append_child(&*d.el("strong", "", &format!("{}: ", t(lang, Key::Refused)))?)?;
        e.append_child(&d.0.create_text_node(&text(why)))?;
        root.append_child(&e)?;
    } else {
        let items = d.el("p", "", &format!("{}: {}", t(lang, Key::Items), p.items))?;
        items.set_attribute("data-sheet", "items")?;
        root.append_child(&items)?;
        root.append_child(&*d.counts(lang, Key::PerLevel, &p.levels, "levels")?)?;
        root.append_child(&*d.counts(lang, Key::PerGroup, &p.groups, "groups")?)?;
        let scroll = d.el("div", "sc-sheet-scroll", "")?;
        let table = d.el("table", "sc-table", "")?;
        table.set_attribute("data-sheet", "first")?;
        table.append_child(&*d.el("caption", "", t(lang, Key::First))?)?;
        let head = d.el("thead", "", "")?;
        let cols = [Key::Number, Key::Level, Key::Label, Key::Condition].map(|k| t(lang, k));
        head.append_child(&*d.row(&cols, true)?)?;
        table.append_child(&head)?;
        let body = d.el("tbody", "", "")?;
        for r in &p.first {
            let tr = d.el("tr", "", "")?;
            for (c, class) in [
                (&r.number, ""),
                (&r.level, ""),
                (&r.label, "sc-wrap"),
                (&r.condition, "sc-wrap"),
            ] {
                tr.append_child(&*d.el("td", class, c)?)?;
            }
            body.append_child(&tr)?;
        }
        table.append_child(&body)?;
        scroll.append_child(&table)?;
        root.append_child(&scroll)?;
    }
    root.append_child(&*d.el(
        "h4",
        "",
        &format!("{} ({})", t(lang, Key::Skipped), p.skipped.len()),
    )?)?;
    if p.skipped.is_empty() {
        let none = d.el("p", "", t(lang, Key::NoneSkipped))?;
        none.set_attribute("data-sheet", "none-skipped")?;
        root.append_child(&none)?;
    } else {
        let ul = d.el("ul", "sc-sheet-skipped", "")?;
        ul.set_attribute("data-sheet", "skipped")?;
        for s in &p.skipped {
            let li = d.el("li", "", &text(&s.message))?;
            li.set_attribute("data-row", &s.row.to_string())?;
            ul.append_child(&li)?;
        }
        root.append_child(&ul)?;
    }
    Ok(root)
}
