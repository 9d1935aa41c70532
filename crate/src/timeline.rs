//! Pairing each line a real run prints with the time it was due.
//!
//! The ideal timeline is the same scenario run on the virtual clock. A real run
//! prints the same lines, but when two deadlines are closer than the browser's timer
//! jitter, two words may come out in the other order. So lines are paired by what
//! they are, not by position: `main` always prints first and last, and in between
//! the k-th line saying "hello" is the k-th "hello" of the ideal run.

/// The ideal time, in seconds, of every line a scenario prints.
pub struct Ideal {
    lines: Vec<(String, f64, bool)>,
}

impl Ideal {
    /// `lines` in print order, as the virtual clock printed them.
    pub fn new<'a>(lines: impl IntoIterator<Item = (&'a str, f64)>) -> Self {
        Ideal { lines: lines.into_iter().map(|(text, at)| (text.to_owned(), at, false)).collect() }
    }

    /// When the `index`-th line printed by the real run, which says `text`, was due.
    pub fn due(&mut self, index: usize, text: &str) -> Option<f64> {
        let last = self.lines.len().checked_sub(1)?;
        let slot = if index == 0 || index == last {
            Some(index)
        } else {
            (1..last).find(|&j| !self.lines[j].2 && self.lines[j].0 == text)
        }?;
        let line = self.lines.get_mut(slot)?;
        line.2 = true;
        Some(line.1)
    }
}
