#include "domain/meeting.h"

namespace tsunagu::domain {

std::optional<bool> meeting_needs_consent(std::string_view kind) {
  if (!kMeetingKind.contains(kind)) return std::nullopt;
  return kind != "支援会議";
}

}  // namespace tsunagu::domain
