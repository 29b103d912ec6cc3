// QR codes for booking codes: libqrencode makes the module matrix, which is drawn as SVG text
// (web pages, e-mail) or as a greyscale PNG written to memory with libpng (kiosk printer, API).
#include "okno/qr.hpp"

#include <png.h>
#include <qrencode.h>

#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>

namespace okno {

namespace {

// ISO/IEC 18004 asks for a 4-module light margin; scanners fail more often without it.
constexpr int kQuietZone = 4;
// Large enough for a phone screen or a receipt printer, small enough to bound memory
// (version 40 at 64 px is ~12k x 12k pixels; beyond that a caller is wrong).
constexpr int kMaxModulePx = 64;

struct QrFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};
using QrPtr = std::unique_ptr<QRcode, QrFree>;

Result<QrPtr> encode(std::string_view text, int module_px) {
  if (text.empty()) return fail(ErrorCode::invalid_value, "qr: empty text");
  if (module_px < 1 || module_px > kMaxModulePx) {
    return fail(ErrorCode::invalid_value, "qr: module size out of range");
  }
  errno = 0;
  // 8-bit mode encodes the bytes exactly as given (no Kanji or case guessing), version 0 picks
  // the smallest symbol that fits, level M survives a smudged print or a scratched screen.
  QrPtr code{QRcode_encodeData(static_cast<int>(text.size()),
                               reinterpret_cast<const unsigned char*>(text.data()), 0,
                               QR_ECLEVEL_M)};
  if (!code) {
    // ERANGE: the text does not fit even the largest symbol - the caller's input, not our fault.
    if (errno == ERANGE) return fail(ErrorCode::invalid_value, "qr: text too long for a QR code");
    return fail(ErrorCode::internal, std::string("qr: encoder failed: ") + std::strerror(errno));
  }
  return code;
}

// Whether module (x, y) of the symbol, in coordinates that include the quiet zone, is dark.
bool dark(const QRcode& code, int x, int y) {
  x -= kQuietZone;
  y -= kQuietZone;
  if (x < 0 || y < 0 || x >= code.width || y >= code.width) return false;
  return (code.data[static_cast<size_t>(y) * static_cast<size_t>(code.width) +
                    static_cast<size_t>(x)] &
          1u) != 0;
}

// --- PNG --------------------------------------------------------------------------------------

// Owns the libpng write and info structs; libpng frees both in one call.
class PngWrite {
 public:
  PngWrite(png_voidp error_ptr, png_error_ptr on_error, png_error_ptr on_warning)
      : png_(png_create_write_struct(PNG_LIBPNG_VER_STRING, error_ptr, on_error, on_warning)),
        info_(png_ ? png_create_info_struct(png_) : nullptr) {}
  ~PngWrite() {
    if (png_) png_destroy_write_struct(&png_, info_ ? &info_ : nullptr);
  }
  PngWrite(const PngWrite&) = delete;
  PngWrite& operator=(const PngWrite&) = delete;

  png_structp png() const { return png_; }
  png_infop info() const { return info_; }

 private:
  png_structp png_;
  png_infop info_;
};

// What libpng's callbacks share with us. Trivially destructible on purpose: libpng reports
// errors by longjmp, which must not skip a destructor.
struct PngSink {
  std::vector<unsigned char>* out;
  char error[128];
};

[[noreturn]] void on_png_error(png_structp png, png_const_charp message) {
  auto* sink = static_cast<PngSink*>(png_get_error_ptr(png));
  std::snprintf(sink->error, sizeof sink->error, "%s", message ? message : "unknown");
  png_longjmp(png, 1);
}

void on_png_warning(png_structp, png_const_charp) {}  // nothing a caller could act on

void on_png_write(png_structp png, png_bytep data, png_size_t length) {
  auto* sink = static_cast<PngSink*>(png_get_io_ptr(png));
  bool out_of_memory = false;
  try {
    sink->out->insert(sink->out->end(), data, data + length);
  } catch (const std::bad_alloc&) {
    out_of_memory = true;  // png_error longjmps; it must not run inside the catch block
  }
  if (out_of_memory) png_error(png, "out of memory");
}

// Without a flush callback libpng would fflush() the io pointer as if it were a FILE*.
void on_png_flush(png_structp) {}

// The part that may longjmp. Only trivially destructible locals live here, so a jump back
// to setjmp skips no destructor; the owners of memory are in the caller.
bool write_png(png_structp png, png_infop info, png_uint_32 size, png_bytepp rows) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_set_IHDR(png, info, size, size, 8, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_rows(png, info, rows);
  png_write_png(png, info, PNG_TRANSFORM_IDENTITY, nullptr);
  return true;
}

}  // namespace

Result<std::string> qr_svg(std::string_view text, int module_px) {
  auto code = encode(text, module_px);
  if (!code) return std::unexpected(std::move(code.error()));
  const QRcode& qr = **code;
  const int modules = qr.width + 2 * kQuietZone;
  const std::string side = std::to_string(modules);
  const std::string px = std::to_string(modules * module_px);

  // One path of horizontal runs, in module units scaled by the viewBox: small text, and
  // crispEdges keeps neighbouring runs from showing hairline seams when scaled.
  std::string path;
  for (int y = 0; y < modules; ++y) {
    for (int x = 0; x < modules;) {
      if (!dark(qr, x, y)) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < modules && dark(qr, x + run, y)) ++run;
      const std::string w = std::to_string(run);
      path += "M" + std::to_string(x) + " " + std::to_string(y) + "h" + w + "v1h-" + w + "z";
      x += run;
    }
  }

  std::string svg;
  svg.reserve(path.size() + 300);
  svg += R"(<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width=")" + px + R"(" height=")" +
         px + R"(" viewBox="0 0 )" + side + " " + side + R"(" shape-rendering="crispEdges">)";
  // An opaque light background: the quiet zone must stay light on a dark page or theme.
  svg += R"(<rect width=")" + side + R"(" height=")" + side + R"(" fill="#fff"/>)";
  svg += R"(<path fill="#000" d=")" + path + R"("/>)";
  svg += "</svg>\n";
  return svg;
}

Result<std::vector<unsigned char>> qr_png(std::string_view text, int module_px) {
  auto code = encode(text, module_px);
  if (!code) return std::unexpected(std::move(code.error()));
  const QRcode& qr = **code;
  const int modules = qr.width + 2 * kQuietZone;
  const auto size = static_cast<size_t>(modules) * static_cast<size_t>(module_px);

  std::vector<unsigned char> pixels(size * size, 0xFF);
  for (int y = 0; y < modules; ++y) {
    for (int x = 0; x < modules; ++x) {
      if (!dark(qr, x, y)) continue;
      for (int dy = 0; dy < module_px; ++dy) {
        const size_t row = static_cast<size_t>(y * module_px + dy);
        std::memset(&pixels[row * size + static_cast<size_t>(x * module_px)], 0x00,
                    static_cast<size_t>(module_px));
      }
    }
  }
  std::vector<png_bytep> rows(size);
  for (size_t r = 0; r < size; ++r) rows[r] = &pixels[r * size];

  std::vector<unsigned char> out;
  PngSink sink{&out, {}};
  PngWrite writer(&sink, on_png_error, on_png_warning);
  if (!writer.png() || !writer.info())
    return fail(ErrorCode::internal, "png: cannot create writer");
  png_set_write_fn(writer.png(), &sink, on_png_write, on_png_flush);
  if (!write_png(writer.png(), writer.info(), static_cast<png_uint_32>(size), rows.data())) {
    return fail(ErrorCode::internal, std::string("png: ") + sink.error);
  }
  return out;
}

}  // namespace okno
