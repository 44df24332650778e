//! A bound on the articles waiting for the writer's indexing threads.
//!
//! tantivy queues up to 10,000 batches of documents between
//! `IndexWriter::run` and its indexing threads, and an article is one
//! batch: with its token lists, about 13 KB. The analysis outruns the
//! indexing threads, so the queue stays full: 130 MiB beside the writer's
//! memory budget, the largest share of the writer's peak that the budget
//! does not bound. The writer takes a [`Ticket`] for each article before
//! sending it; the ticket rides in the article's last document and is given
//! back when an indexing thread takes that document off the queue.

use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use tantivy::schema::document::Document;
use tantivy::TantivyDocument;

use crate::sync::locked;

/// Articles that may wait for the indexing threads: a few hundred
/// milliseconds of their work, a few MiB.
const QUEUED_ARTICLES: usize = 1_000;

/// How long a writer waits for room before sending anyway: the indexing
/// threads may be writing out a segment, or have failed (tantivy then
/// reports the failure on the next send), and a writer must never hang.
const WAIT: Duration = Duration::from_millis(100);

/// Counts the articles sent and not yet taken by an indexing thread.
#[derive(Debug, Default)]
pub(crate) struct Queue {
    waiting: Mutex<usize>,
    taken: Condvar,
}

impl Queue {
    /// Waits while the queue is full (at most [`WAIT`]), then counts one
    /// more article in it.
    pub fn ticket(self: &Arc<Self>) -> Ticket {
        let mut waiting = locked(&self.waiting);
        if *waiting >= QUEUED_ARTICLES {
            waiting = match self
                .taken
                .wait_timeout_while(waiting, WAIT, |n| *n >= QUEUED_ARTICLES)
            {
                Ok((guard, _)) => guard,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
        *waiting += 1;
        Ticket(Arc::clone(self))
    }

    /// Articles sent and not yet taken.
    #[cfg(test)]
    pub fn waiting(&self) -> usize {
        *locked(&self.waiting)
    }
}

/// One article's place in the [`Queue`], given back when dropped.
#[derive(Debug)]
pub(crate) struct Ticket(Arc<Queue>);

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut waiting = locked(&self.0.waiting);
        *waiting = waiting.saturating_sub(1);
        // Only a full queue holds the writer; a wake-up is a system call,
        // which an indexing thread would otherwise make for every article.
        if *waiting + 1 == QUEUED_ARTICLES {
            self.0.taken.notify_one();
        }
    }
}

/// A document on its way to an indexing thread, holding its article's
/// ticket when it is the article's last document. The indexing thread turns
/// it into a [`TantivyDocument`] as it takes it, which gives the ticket back.
pub(crate) struct QueuedDocument {
    document: TantivyDocument,
    _ticket: Option<Ticket>,
}

impl QueuedDocument {
    pub fn new(document: TantivyDocument, ticket: Option<Ticket>) -> Self {
        QueuedDocument {
            document,
            _ticket: ticket,
        }
    }
}

impl Document for QueuedDocument {
    type Value<'a> = <TantivyDocument as Document>::Value<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as Document>::FieldsValuesIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.document.iter_fields_and_values()
    }

    fn into_tantivy_document(self) -> TantivyDocument {
        self.document
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ticket_counts_until_its_document_is_taken() {
        let queue = Arc::new(Queue::default());
        let document = QueuedDocument::new(TantivyDocument::new(), Some(queue.ticket()));
        assert_eq!(queue.waiting(), 1);
        let _taken = document.into_tantivy_document();
        assert_eq!(queue.waiting(), 0);
    }

    #[test]
    fn a_full_queue_holds_the_sender_until_a_document_is_taken() {
        let queue = Arc::new(Queue::default());
        let tickets: Vec<Ticket> = (0..QUEUED_ARTICLES).map(|_| queue.ticket()).collect();
        let (sent, received) = std::sync::mpsc::channel();
        let sender = {
            let queue = Arc::clone(&queue);
            std::thread::spawn(move || {
                let ticket = queue.ticket();
                sent.send(()).unwrap();
                ticket
            })
        };
        // Full: the sender waits (up to WAIT) for a taken document.
        assert!(received.recv_timeout(WAIT / 4).is_err());
        drop(tickets);
        received.recv_timeout(WAIT * 10).unwrap();
        drop(sender.join().unwrap());
        assert_eq!(queue.waiting(), 0);
    }
}
