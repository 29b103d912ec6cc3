// Ticket printing: ESC/POS raster for 58 and 80 mm paper, a PNG preview of the same ticket, and
// a survey QR that a scanner reads back (zbarimg, when installed).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <memory>

#include "harness.hpp"
#include "ticket_printer.hpp"

namespace okno::kiosk::testing {
namespace {

TicketText sample(Language lang) {
  const auto& d = demo_data();
  return TicketText{
      d.office->short_name.get(lang),
      d.catalog.text(lang, "kiosk.ticket.your_number"),
      "A015",
      d.office->services[0].name.get(lang),
      d.catalog.text(lang, "kiosk.ticket.issued", {{"time", "30.11.2026 10:30"}}),
      d.catalog.text(lang, "kiosk.queue.status", {{"people", "3"}, {"minutes", "12"}}),
      d.catalog.text(lang, "kiosk.ticket.survey_hint"),
      "https://okno.example.ru/survey?office=demo&ticket=A015&date=2026-11-30"};
}

std::string run(const std::string& cmd) {
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  if (!pipe) return out;
  std::array<char, 512> buf{};
  while (fgets(buf.data(), buf.size(), pipe.get())) out += buf.data();
  return out;
}

TEST(TicketPrinter, EscPosRasterFor58And80mmWithHeaderAndCut) {
  for (auto paper : {PaperWidth::mm58, PaperWidth::mm80}) {
    auto raster = render_ticket(sample(Language::ru), paper, FontPaths{});
    ASSERT_TRUE(raster.has_value());
    EXPECT_EQ(raster->width, printable_dots(paper));
    EXPECT_GT(raster->height, 300);
    const std::string bytes = escpos_bytes(*raster);
    EXPECT_EQ(bytes.substr(0, 2), "\x1b@");
    EXPECT_EQ(bytes.substr(2, 4), std::string("\x1d\x76\x30\x00", 4));
    const int width_bytes = static_cast<unsigned char>(bytes[6]) | (bytes[7] << 8);
    const int height =
        static_cast<unsigned char>(bytes[8]) | (static_cast<unsigned char>(bytes[9]) << 8);
    EXPECT_EQ(width_bytes, printable_dots(paper) / 8);
    EXPECT_EQ(height, raster->height);
    EXPECT_EQ(bytes.size(), 10u + size_t(width_bytes) * size_t(height) + 6u);
    EXPECT_EQ(bytes.substr(bytes.size() - 3), "\x1d\x56\x01");
    // Printing to a file stands for a device path.
    const auto file = std::filesystem::temp_directory_path() / "okno-kiosk-ticket.bin";
    ASSERT_TRUE(send_to_printer(file, bytes).has_value());
    EXPECT_EQ(std::filesystem::file_size(file), bytes.size());
  }
}

TEST(TicketPrinter, R_VISIT_13_PreviewPngInEveryLanguageCarriesAReadableSurveyQr) {
  const bool have_zbar = std::system("command -v zbarimg >/dev/null 2>&1") == 0;
  for (Language lang : kAllLanguages) {
    auto raster = render_ticket(sample(lang), PaperWidth::mm80, FontPaths{});
    ASSERT_TRUE(raster.has_value());
    const auto png = std::filesystem::temp_directory_path() /
                     ("okno-kiosk-ticket-" + std::string(to_string(lang)) + ".png");
    ASSERT_TRUE(write_png_gray(png, *raster).has_value());
    EXPECT_GT(std::filesystem::file_size(png), 1000u);
    if (have_zbar) {
      const std::string decoded = run("zbarimg --quiet --raw '" + png.string() + "'");
      EXPECT_NE(decoded.find("ticket=A015"), std::string::npos) << to_string(lang) << decoded;
    }
  }
}

}  // namespace
}  // namespace okno::kiosk::testing
