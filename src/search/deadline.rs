//! When a search must stop: [`SearchOptions::deadline`], checked between
//! the steps of the pipeline and, inside the collectors that visit every
//! matching document, once per segment and once per block of documents,
//! so that a search past its time limit stops using the CPU.

use std::time::Instant;

use crate::error::{Error, Result};
use crate::search::SearchOptions;

/// Documents visited between two looks at the clock.
const BLOCK: u32 = 4096;

/// A search's deadline, or none.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Deadline(Option<Instant>);

impl Deadline {
    /// The deadline the options give.
    pub fn of(options: &SearchOptions) -> Deadline {
        Deadline(options.deadline)
    }

    /// Whether the deadline has passed.
    pub fn passed(self) -> bool {
        self.0.is_some_and(|deadline| Instant::now() >= deadline)
    }

    /// [`Error::TimedOut`] once the deadline has passed.
    pub fn check(self) -> Result<()> {
        if self.passed() {
            Err(Error::TimedOut)
        } else {
            Ok(())
        }
    }

    /// A counter for a loop over documents: see [`Ticker::passed`].
    pub fn ticker(self) -> Ticker {
        Ticker {
            deadline: self,
            count: 0,
            stopped: false,
        }
    }
}

/// Looks at the clock once per [`BLOCK`] documents of a collector's loop.
pub(crate) struct Ticker {
    deadline: Deadline,
    count: u32,
    stopped: bool,
}

impl Ticker {
    /// Counts one document; true once the deadline has passed (and from
    /// then on), when the loop should stop.
    pub fn passed(&mut self) -> bool {
        if self.stopped || self.deadline.0.is_none() {
            return self.stopped;
        }
        self.count += 1;
        if self.count == BLOCK {
            self.count = 0;
            self.stopped = self.deadline.passed();
        }
        self.stopped
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;

    fn deadline(at: Option<Instant>) -> Deadline {
        Deadline::of(&SearchOptions::default().deadline(at))
    }

    /// A loop looks at the clock once per block: it stops within a block
    /// of the deadline, and never without one.
    #[test]
    fn a_ticker_stops_at_the_first_block_past_the_deadline() {
        let mut past = deadline(Some(Instant::now())).ticker();
        let stopped_at = (1..=BLOCK).find(|_| past.passed());
        assert_eq!(stopped_at, Some(BLOCK));
        assert!(past.passed(), "and stays stopped");
        let mut later = deadline(Some(Instant::now() + Duration::from_secs(3600))).ticker();
        let mut none = deadline(None).ticker();
        assert!((0..3 * BLOCK).all(|_| !later.passed() && !none.passed()));
        assert!(matches!(
            deadline(Some(Instant::now())).check(),
            Err(Error::TimedOut)
        ));
        assert!(deadline(None).check().is_ok());
    }
}
