// A referral as each side is shown it (issue 13 point 9).
//
// The sender sees its referral whole (to_json(Referral)). The receiving
// organisation sees it as a message from outside: who sent it, to which
// resource, why, on what basis, its state and dates, and its own case linked
// to it — none of the sender's internal identifiers (its case, its consent
// record), which mean nothing to the receiver and must not travel. Every
// answer the receiver gets about a referral (the inbox, one referral, the
// answers to accept / decline / a 412) is built here, and from a list of the
// fields it may have: a field added to Referral stays with the sender until
// someone decides here that the receiver may have it.
#pragma once

#include <nlohmann/json.hpp>

#include "service/actor.h"
#include "service/referrals.h"

namespace tsunagu::service {

// The receiver's view. Same keys as the sender's, so that one shape serves
// both sides: `case_id` and `consent_id` are null.
nlohmann::json receiver_view(const Referral& r);

// The sender's whole view when the actor's organisation sent the referral,
// the receiver's otherwise (without even `receiver_case_id` for anyone who
// is neither).
nlohmann::json referral_view(const Actor& actor, const Referral& r);

}  // namespace tsunagu::service
