// A QR code drawn by the server as SVG: the enrolment screen shows the
// otpauth:// URI (which holds the two-factor secret) as a picture, so the
// secret never goes to an outside QR service or a script library.
#pragma once

#include <string>
#include <string_view>

namespace tsunagu::service {

// An SVG image (one black path of unit squares on white, a 4-module quiet
// zone) of `text` encoded with error correction level M. Throws
// std::runtime_error when libqrencode cannot encode it (too long).
std::string qr_svg(std::string_view text);

}  // namespace tsunagu::service
