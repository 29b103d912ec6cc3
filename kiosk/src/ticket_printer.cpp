// Ticket raster (FreeType + libqrencode), ESC/POS encoding and PNG output (libpng).
#include "ticket_printer.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <png.h>
#include <qrencode.h>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "display_text.hpp"

namespace okno::kiosk {
namespace {

struct FtLibrary {
  FT_Library lib = nullptr;
  FtLibrary() { FT_Init_FreeType(&lib); }
  ~FtLibrary() {
    if (lib) FT_Done_FreeType(lib);
  }
};
struct FtFace {
  FT_Face face = nullptr;
  FtFace(FT_Library lib, const std::filesystem::path& path) {
    if (FT_New_Face(lib, path.c_str(), 0, &face) != 0) face = nullptr;
  }
  ~FtFace() {
    if (face) FT_Done_Face(face);
  }
};
struct QrDeleter {
  void operator()(QRcode* q) const { QRcode_free(q); }
};

// Latin/Cyrillic from Noto Sans, Armenian from Noto Sans Armenian.
class TextPainter {
 public:
  TextPainter(const FontPaths& paths)
      : regular_(ft_.lib, paths.bold), armenian_(ft_.lib, paths.armenian_bold) {}
  bool ok() const { return regular_.face && armenian_.face; }

  FT_Face face_for(char32_t cp) const {
    return cp >= 0x0530 && cp <= 0x058F ? armenian_.face : regular_.face;
  }
  int advance(char32_t cp, int px) const {
    FT_Face f = face_for(cp);
    FT_Set_Pixel_Sizes(f, 0, static_cast<FT_UInt>(px));
    if (FT_Load_Char(f, cp, FT_LOAD_DEFAULT) != 0) return 0;
    return static_cast<int>(f->glyph->advance.x >> 6);
  }
  int width(const std::vector<char32_t>& text, int px) const {
    int w = 0;
    for (char32_t c : text) w += advance(c, px);
    return w;
  }
  // Draws one line with its top at `top`; returns the line height.
  void draw(Raster& r, const std::vector<char32_t>& text, int px, int x, int top) const {
    const int baseline = top + px;
    for (char32_t cp : text) {
      FT_Face f = face_for(cp);
      FT_Set_Pixel_Sizes(f, 0, static_cast<FT_UInt>(px));
      if (FT_Load_Char(f, cp, FT_LOAD_RENDER) != 0) continue;
      const FT_Bitmap& bm = f->glyph->bitmap;
      for (unsigned row = 0; row < bm.rows; ++row) {
        for (unsigned col = 0; col < bm.width; ++col) {
          const int px_x = x + f->glyph->bitmap_left + static_cast<int>(col);
          const int px_y = baseline - f->glyph->bitmap_top + static_cast<int>(row);
          if (px_x < 0 || px_y < 0 || px_x >= r.width || px_y >= r.height) continue;
          const std::uint8_t v = bm.buffer[row * static_cast<unsigned>(bm.pitch) + col];
          auto& dst = r.ink[static_cast<size_t>(px_y) * static_cast<size_t>(r.width) +
                            static_cast<size_t>(px_x)];
          dst = std::max(dst, v);
        }
      }
      x += static_cast<int>(f->glyph->advance.x >> 6);
    }
  }

 private:
  FtLibrary ft_;
  FtFace regular_, armenian_;
};

// Greedy word wrap to `max_width` pixels.
std::vector<std::vector<char32_t>> wrap(const TextPainter& p, const std::string& text, int px,
                                        int max_width) {
  std::vector<std::vector<char32_t>> lines(1);
  std::vector<char32_t> word;
  auto flush_word = [&] {
    if (word.empty()) return;
    auto candidate = lines.back();
    if (!candidate.empty()) candidate.push_back(' ');
    candidate.insert(candidate.end(), word.begin(), word.end());
    if (p.width(candidate, px) > max_width && !lines.back().empty()) {
      lines.push_back(word);
    } else {
      lines.back() = std::move(candidate);
    }
    word.clear();
  };
  for (char32_t c : decode_utf8(text)) {
    if (c == ' ' || c == '\n') {
      flush_word();
      if (c == '\n') lines.emplace_back();
    } else {
      word.push_back(c);
    }
  }
  flush_word();
  return lines;
}

}  // namespace

TicketText booking_slip_text(const Catalog& catalog, const Office& office,
                             const BookingConfirmation& b, Language lang) {
  const Service* svc = office.find_service(b.service);
  const std::string when =
      b.start.size() >= 16 ? display_day(catalog, lang, b.start, true) + " " + b.start.substr(11, 5)
                           : b.start;
  return TicketText{office.short_name.get(lang),
                    catalog.text(lang, "kiosk.book.slip_title"),
                    b.code,
                    svc ? svc->name.get(lang) : b.service,
                    when,
                    catalog.text(lang, "kiosk.book.keep_code"),
                    catalog.text(lang, "kiosk.book.slip_hint"),
                    b.code};
}

int printable_dots(PaperWidth w) {
  return w == PaperWidth::mm58 ? 384 : 576;
}

Result<Raster> render_ticket(const TicketText& t, PaperWidth paper, const FontPaths& fonts) {
  TextPainter painter(fonts);
  if (!painter.ok()) return fail(ErrorCode::internal, "ticket fonts not found");
  Raster r;
  r.width = printable_dots(paper);
  r.height = 2000;  // cropped at the end
  r.ink.assign(static_cast<size_t>(r.width * r.height), 0);
  const int margin = 8, usable = r.width - 2 * margin;
  const int small = r.width / 18, medium = r.width / 14, huge = r.width / 4;
  int y = margin;
  auto centred = [&](const std::string& text, int px) {
    for (const auto& line : wrap(painter, text, px, usable)) {
      painter.draw(r, line, px, margin + (usable - painter.width(line, px)) / 2, y);
      y += px * 5 / 4;
    }
  };
  centred(t.office, small);
  y += small / 2;
  centred(t.heading, medium);
  // A ticket number fits at full size; a booking code (11 characters) is made to fit the paper.
  const int number_px = std::max(
      medium,
      std::min(huge, huge * usable / std::max(1, painter.width(decode_utf8(t.number), huge))));
  centred(t.number, number_px);
  y += small / 2;
  centred(t.service, medium);
  centred(t.issued, small);
  centred(t.queue, small);
  if (!t.survey_url.empty()) {
    std::unique_ptr<QRcode, QrDeleter> qr(
        QRcode_encodeString8bit(t.survey_url.c_str(), 0, QR_ECLEVEL_M));
    if (!qr) return fail(ErrorCode::internal, "QR encoding failed");
    const int module = std::max(2, (r.width / 2) / (qr->width + 8));
    const int side = module * (qr->width + 8);  // with the quiet zone of 4 modules
    const int left = (r.width - side) / 2;
    y += small / 2;
    for (int qy = 0; qy < qr->width; ++qy) {
      for (int qx = 0; qx < qr->width; ++qx) {
        if (!(qr->data[qy * qr->width + qx] & 1)) continue;
        for (int dy = 0; dy < module; ++dy) {
          for (int dx = 0; dx < module; ++dx) {
            const int px = left + (qx + 4) * module + dx, py = y + (qy + 4) * module + dy;
            if (py < r.height) r.ink[static_cast<size_t>(py * r.width + px)] = 255;
          }
        }
      }
    }
    y += side;
    centred(t.survey_hint, small);
  }
  r.height = std::min(r.height, y + margin);
  r.ink.resize(static_cast<size_t>(r.width * r.height));
  return r;
}

std::string escpos_bytes(const Raster& r) {
  std::string out = "\x1b@";  // ESC @: initialise
  const int bytes_per_row = (r.width + 7) / 8;
  // GS v 0: raster bit image, normal density, width in bytes and height in dots (little-endian).
  out += "\x1d\x76\x30";
  out += '\0';
  out += static_cast<char>(bytes_per_row & 0xFF);
  out += static_cast<char>((bytes_per_row >> 8) & 0xFF);
  out += static_cast<char>(r.height & 0xFF);
  out += static_cast<char>((r.height >> 8) & 0xFF);
  for (int y = 0; y < r.height; ++y) {
    for (int bx = 0; bx < bytes_per_row; ++bx) {
      unsigned char byte = 0;
      for (int bit = 0; bit < 8; ++bit) {
        const int x = bx * 8 + bit;
        if (x < r.width && r.ink[static_cast<size_t>(y * r.width + x)] >= 128) {
          byte = static_cast<unsigned char>(byte | (0x80 >> bit));
        }
      }
      out += static_cast<char>(byte);
    }
  }
  out += "\x1b\x64\x04";  // ESC d 4: feed four lines
  out += "\x1d\x56\x01";  // GS V 1: partial cut
  return out;
}

namespace {

Result<void> write_png(const std::filesystem::path& file, int width, int height, int colour_type,
                       int channels, const std::uint8_t* rows) {
  std::FILE* f = std::fopen(file.c_str(), "wb");
  if (!f) return fail(ErrorCode::internal, "cannot write " + file.string());
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    std::fclose(f);
    return fail(ErrorCode::internal, "libpng failed writing " + file.string());
  }
  png_init_io(png, f);
  png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8,
               colour_type, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int y = 0; y < height; ++y) {
    png_write_row(png, rows + static_cast<size_t>(y) * static_cast<size_t>(width * channels));
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  std::fclose(f);
  return {};
}

}  // namespace

Result<void> write_png_gray(const std::filesystem::path& file, const Raster& r) {
  std::vector<std::uint8_t> paper(r.ink.size());
  for (size_t i = 0; i < paper.size(); ++i) paper[i] = static_cast<std::uint8_t>(255 - r.ink[i]);
  return write_png(file, r.width, r.height, PNG_COLOR_TYPE_GRAY, 1, paper.data());
}

Result<void> write_png_rgba(const std::filesystem::path& file, int width, int height,
                            const std::vector<std::uint8_t>& rgba) {
  return write_png(file, width, height, PNG_COLOR_TYPE_RGBA, 4, rgba.data());
}

Result<void> send_to_printer(const std::filesystem::path& device, const std::string& bytes) {
  std::FILE* f = std::fopen(device.c_str(), "wb");
  if (!f) return fail(ErrorCode::internal, "cannot open printer " + device.string());
  const size_t written = std::fwrite(bytes.data(), 1, bytes.size(), f);
  const bool ok = written == bytes.size() && std::fclose(f) == 0;
  if (!ok) return fail(ErrorCode::internal, "printer write failed: " + device.string());
  return {};
}

}  // namespace okno::kiosk
