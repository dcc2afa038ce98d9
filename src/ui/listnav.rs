//! Selection, scroll and filter of one list, kept apart from what the
//! list holds: the session asks it to move, and tells it the rows and the
//! page height after every change.

use super::view::Sort;

/// Where a list is: its selected row (by position and by id, so the
/// selection follows its item when rows move), scroll offset, filter and
/// order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListNav {
    pub selected: usize,
    pub offset: usize,
    /// The selected item's id.
    pub id: Option<String>,
    pub filter: String,
    pub sort: Sort,
}

impl ListNav {
    /// Move by `delta` rows within `len`; returns whether anything moved.
    pub fn step(&mut self, delta: isize, len: usize) -> bool {
        if len == 0 {
            return false;
        }
        let new = (self.selected as isize)
            .saturating_add(delta)
            .clamp(0, len as isize - 1) as usize;
        if new == self.selected && self.id.is_some() {
            return false;
        }
        self.selected = new;
        self.id = None;
        true
    }

    /// Select row `row`.
    pub fn select(&mut self, row: usize, id: String) {
        self.selected = row;
        self.id = Some(id);
    }

    /// After the rows changed: find the selection again by id (`find`
    /// gives an id's row, `id_at` a row's id, of `len` rows), clamp it,
    /// and keep it within a page of `page` rows.
    pub fn settle(
        &mut self,
        len: usize,
        find: impl Fn(&str) -> Option<usize>,
        id_at: impl Fn(usize) -> Option<String>,
        page: usize,
    ) {
        if len == 0 {
            *self = ListNav {
                filter: std::mem::take(&mut self.filter),
                sort: self.sort,
                ..ListNav::default()
            };
            return;
        }
        if let Some(pos) = self.id.as_deref().and_then(find) {
            self.selected = pos;
        }
        self.selected = self.selected.min(len - 1);
        self.id = id_at(self.selected);
        self.keep_visible(page, len);
    }

    /// Scroll so the selection is on screen, with no empty rows below the
    /// last when scrolled.
    pub fn keep_visible(&mut self, page: usize, len: usize) {
        let page = page.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
        self.offset = self.offset.min(len.saturating_sub(page));
    }

    /// "12/34": the selected row of how many.
    pub fn position(&self, len: usize) -> String {
        if len == 0 {
            "0/0".to_string()
        } else {
            format!("{}/{len}", self.selected.min(len - 1) + 1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settle(n: &mut ListNav, ids: &[String], page: usize) {
        n.settle(
            ids.len(),
            |id| ids.iter().position(|i| i == id),
            |row| ids.get(row).cloned(),
            page,
        );
    }

    #[test]
    fn follows_its_item_and_stays_on_screen() {
        let ids: Vec<String> = (0..10).map(|i| i.to_string()).collect();
        let mut n = ListNav::default();
        settle(&mut n, &ids, 3);
        assert!(n.step(5, ids.len()));
        settle(&mut n, &ids, 3);
        assert_eq!((n.selected, n.offset), (5, 3));
        assert_eq!(n.position(ids.len()), "6/10");
        // Rows move: the selection follows "5".
        let moved: Vec<String> = (0..10).rev().map(|i| i.to_string()).collect();
        settle(&mut n, &moved, 3);
        assert_eq!(n.selected, 4);
        assert!(!n.step(-100, 10) || n.selected == 0);
    }
}
