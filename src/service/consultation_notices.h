// 「返信があります」: the only email the public side sends (issue 19 point
// 2). A person may leave an address when they start a consultation; when
// staff reply, the thread is marked, and a sender delivers one short notice
// with no content — no words of the consultation, no number, no name of
// the organisation's work, only that a reply is waiting and where to open
// it with the number and passphrase. Whoever sees the person's inbox
// learns nothing more.
//
// Delivery goes through the system's sendmail interface (postfix, exim,
// msmtp … all provide /usr/sbin/sendmail): `tsunagu serve
// --notice-sendmail PATH` sends every minute, or `tsunagu notices send`
// from a timer. Several servers claim each notice with one conditional
// UPDATE, so it is sent once; a failed send is marked again for the next
// pass.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "service/sealed_field.h"
#include "store/db.h"

namespace tsunagu::service {

struct NoticeSettings {
  std::string sendmail;    // path of a sendmail-compatible program
  std::string from;        // From: address
  std::string public_url;  // e.g. https://soudan.example.jp (the link in the notice)
};

// Whether `address` is one plain mailbox (local@domain, ASCII, no spaces,
// commas or angle brackets): it goes to sendmail as an argument and a
// header, so nothing else may pass.
bool plain_mailbox(std::string_view address);

// The notice's whole message (headers and body), for tests and the sender.
std::string notice_message(const NoticeSettings& s, const std::string& to);

// Sends every pending notice once; returns how many were handed to
// sendmail. Failures are logged and marked pending again.
int send_pending_notices(store::Database& db, const SealKey& key, const NoticeSettings& s);

}  // namespace tsunagu::service
