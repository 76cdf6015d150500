//! The rendered window of a long list: which items the answer view keeps in
//! the page. Pure, so the rules are tested natively: a fresh list shows the
//! first chunk; scrolling near an end adds a chunk there and drops one at
//! the other end beyond [`MAX_WINDOW`], so memory stays bounded however long
//! the catalog is.

/// Items rendered at once; the rest follow in chunks of [`CHUNK`].
pub const FIRST_CHUNK: usize = 150;
/// Items added per chunk.
pub const CHUNK: usize = 150;
/// Most items kept in the page at once.
pub const MAX_WINDOW: usize = 450;

/// The rendered window of the list: positions `start..end` in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Win {
    /// First position shown.
    pub start: usize,
    /// One past the last position shown.
    pub end: usize,
}

impl Win {
    /// The window of a freshly shown list.
    pub fn first() -> Win {
        Win {
            start: 0,
            end: FIRST_CHUNK,
        }
    }

    /// A window that shows `pos` with some context before it.
    pub fn around(pos: usize) -> Win {
        let start = pos.saturating_sub(CHUNK / 3);
        Win {
            start,
            end: start + FIRST_CHUNK,
        }
    }

    /// Whether position `pos` is rendered.
    pub fn contains(&self, pos: usize) -> bool {
        (self.start..self.end).contains(&pos)
    }

    /// One chunk more at the end, dropping from the start past [`MAX_WINDOW`].
    pub fn grow_down(&mut self) {
        self.end = self.end.saturating_add(CHUNK);
        if self.end - self.start > MAX_WINDOW {
            self.start = self.end - MAX_WINDOW;
        }
    }

    /// One chunk more at the start, dropping from the end past [`MAX_WINDOW`].
    pub fn grow_up(&mut self) {
        self.start = self.start.saturating_sub(CHUNK);
        if self.end.saturating_sub(self.start) > MAX_WINDOW {
            self.end = self.start + MAX_WINDOW;
        }
    }
}

#[cfg(test)]
mod test {
    use super::*;

    #[test]
    fn scrolling_down_never_keeps_more_than_the_window() {
        let mut w = Win::first();
        for _ in 0..20 {
            w.grow_down();
            assert!(w.end - w.start <= MAX_WINDOW);
        }
        assert_eq!(w.end, FIRST_CHUNK + 20 * CHUNK);
        assert!(!w.contains(0) && w.contains(w.end - 1));
    }

    #[test]
    fn scrolling_back_up_reaches_the_start() {
        let mut w = Win::around(1500);
        assert!(w.contains(1500));
        while w.start > 0 {
            w.grow_up();
            assert!(w.end - w.start <= MAX_WINDOW);
        }
        assert!(w.contains(0));
    }
}
