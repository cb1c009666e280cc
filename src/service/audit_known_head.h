// Appending a batch of audit entries in one round trip, on PostgreSQL.
//
// The ordinary append (append_pending) locks and moves the head, reads it,
// inserts the entries and writes the new head: with BEGIN and COMMIT, six
// or more statements, each a round trip to the database server, while the
// head row stays locked and every other appender waits. The read-audit
// writer of one server appends one batch after another and so knows the
// head it left last time. This appends the next batch in one statement of
// its own (its own transaction, committed by the server): it moves the head
// from exactly that known head to the new one and inserts the entries only
// if the head was still there. If another server has appended in between,
// nothing is written and the caller takes the ordinary way, which reads
// the head again. Measured in bench/results/2026-12-07-audit-known-head.md.
//
// The entries travel as one text array a column (unnest), so that a batch
// of any size is one statement and each connection prepares one text. An
// array literal costs both sides less than the JSON objects used before
// (bench/results/2026-12-07-postgres-round-trips.md).
#pragma once

#include <optional>
#include <vector>

#include "service/audit.h"
#include "service/audit_chain.h"
#include "store/db.h"

namespace tsunagu::service {

// Appends `entries` after `known` if the head of `log` is still `known`,
// and returns the head it left; returns nothing, having written nothing,
// if the head has moved or the append cannot be made this way (the key
// and the chain's keyed mark disagree, or a text is not UTF-8): the
// ordinary append then says why, or writes. PostgreSQL only, and outside a
// transaction: the statement is its own.
std::optional<ChainHead> append_after_known_head(store::Connection& db, const std::vector<PendingAudit>& entries,
                                                 AuditLog log, const ChainHead& known);

}  // namespace tsunagu::service
