// QR codes for booking codes (libqrencode), as SVG text and PNG bytes (libpng).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "okno/error.hpp"

namespace okno {

// `text` is encoded as-is (8-bit mode, error correction M). The kiosk's keyboard-wedge scanner
// types back exactly this text.
Result<std::string> qr_svg(std::string_view text, int module_px = 8);
Result<std::vector<unsigned char>> qr_png(std::string_view text, int module_px = 8);

}  // namespace okno
