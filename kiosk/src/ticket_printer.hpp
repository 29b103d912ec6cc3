// Printed tickets: the ticket is rendered to a 1-bit raster with FreeType (so every script
// prints, whatever code pages the printer has) and sent as ESC/POS "GS v 0" raster to a 58 or
// 80 mm thermal printer (a device path such as /dev/usb/lp0, or a file). The same raster is the
// PNG preview.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "backend.hpp"
#include "fonts.hpp"
#include "okno/error.hpp"
#include "okno/i18n.hpp"
#include "okno/office.hpp"

namespace okno::kiosk {

enum class PaperWidth { mm58, mm80 };
int printable_dots(PaperWidth w);  // 384 or 576 dots at 203 dpi

struct Raster {
  int width = 0, height = 0;
  std::vector<std::uint8_t> ink;  // 0 = paper, 255 = black
};

// The texts on a ticket, already in the visitor's language (Russian first when it differs:
// public information must be in Russian, 168-FZ).
struct TicketText {
  std::string office;
  std::string heading;  // "Ваш талон"
  std::string number;
  std::string service;
  std::string issued;       // "Выдан 30.11.2026 09:05"
  std::string queue;        // "Перед вами 3 человека, около 12 минут"
  std::string survey_hint;  // "Оцените визит: отсканируйте код"
  std::string survey_url;   // encoded in the QR
};

// The slip of a booking made at the kiosk, on the ticket's layout: the office, "your booking",
// the code (large, and as the QR the kiosk's scanner reads at check-in), the service, the day
// and time, and to keep the code (issue 16 item 12).
TicketText booking_slip_text(const Catalog& catalog, const Office& office,
                             const BookingConfirmation& booking, Language lang);

Result<Raster> render_ticket(const TicketText& text, PaperWidth width, const FontPaths& fonts);
std::string escpos_bytes(const Raster& raster);
Result<void> write_png_gray(const std::filesystem::path& file, const Raster& raster);
Result<void> write_png_rgba(const std::filesystem::path& file, int width, int height,
                            const std::vector<std::uint8_t>& rgba_top_down);
// Writes to a device node or a regular file.
Result<void> send_to_printer(const std::filesystem::path& device, const std::string& bytes);

}  // namespace okno::kiosk
