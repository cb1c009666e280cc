// When the log reaches stdout. Every line is flushed as it is logged, except
// on a thread inside a LogFlushDeferral: there lines gather in stdout's
// buffer and go out in one write when the deferral ends.
//
// Why: the read-audit deliverer sends the answers of a whole committed batch
// at a time (service/audit_batch.h), each with its access line. Flushed one
// by one that was a system call per answer on the one thread every audited
// answer passes through; now it is about one per batch. A line still reaches
// stdout within the batch's delivery (under a millisecond), and warnings and
// errors are flushed at once wherever they are logged.
#pragma once

namespace tsunagu::service {

// Makes the default logger write plain lines to stdout with the flushing
// described above (called once, at the start of the command).
void use_stdout_log();

class LogFlushDeferral {
 public:
  LogFlushDeferral();
  // Flushes what gathered.
  ~LogFlushDeferral();
  LogFlushDeferral(const LogFlushDeferral&) = delete;
  LogFlushDeferral& operator=(const LogFlushDeferral&) = delete;

 private:
  bool outer_;
};

}  // namespace tsunagu::service
