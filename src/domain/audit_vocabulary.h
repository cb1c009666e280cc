// The audit log in Japanese (issue 15 point 6): what each action and each
// kind of record of service::audit is called on the audit screen. The codes
// stay English in the log (they are its stable format, and the audit chain
// seals them); the screen and the API show these labels beside them.
// tests/api/audit_vocabulary.test.mjs finds every code the source writes and
// fails on one without a label here.
#pragma once

#include <span>
#include <string_view>

namespace tsunagu::domain {

struct AuditTerm {
  std::string_view code, label;
};

std::span<const AuditTerm> audit_actions();
std::span<const AuditTerm> audit_entities();

// The label of a code, or the code itself when it has none (an entry
// written by a newer version stays readable).
std::string_view audit_action_label(std::string_view code);
std::string_view audit_entity_label(std::string_view code);

}  // namespace tsunagu::domain
