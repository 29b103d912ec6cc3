// QR codes: the SVG and PNG are well-formed, and a real decoder (zbarimg, package zbar-tools)
// reads back exactly the text that was encoded - what the kiosk's scanner will do.
#include "okno/qr.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// A file in the temp directory, removed when the test is done with it.
class TempFile {
 public:
  explicit TempFile(std::string_view extension) {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() / ("okno_qr_test_" + std::to_string(::getpid()) + "_" +
                                         std::to_string(counter++) + std::string(extension));
  }
  ~TempFile() {
    std::error_code ignored;
    fs::remove(path_, ignored);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const fs::path& path() const { return path_; }
  void write(const void* data, size_t size) const {
    std::ofstream out(path_, std::ios::binary);
    out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
  }

 private:
  fs::path path_;
};

struct PipeClose {
  void operator()(FILE* f) const { ::pclose(f); }
};

// What zbarimg decodes from an image file; its --raw output ends with a newline.
std::string zbar_decode(const fs::path& image) {
  const std::string command = "zbarimg --raw -q '" + image.string() + "' 2>/dev/null";
  std::unique_ptr<FILE, PipeClose> pipe(::popen(command.c_str(), "r"));
  if (!pipe) return "<popen failed>";
  std::string out;
  char buf[4096];
  size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe.get())) > 0) out.append(buf, n);
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

bool have_zbarimg() {
  return std::system("command -v zbarimg >/dev/null 2>&1") == 0;
}

uint32_t read_be32(const std::vector<unsigned char>& b, size_t at) {
  return (uint32_t{b[at]} << 24) | (uint32_t{b[at + 1]} << 16) | (uint32_t{b[at + 2]} << 8) |
         uint32_t{b[at + 3]};
}

// Draws the SVG the way a browser would (the white background, then each "M x y h w v1 h-w z"
// run of the path) into a greyscale bitmap, written as a PGM that zbarimg reads. No SVG
// rasteriser is installed, and this checks the drawing itself rather than the PNG code path.
// Parsed by hand: std::regex recurses per character and overflows the stack on a long path.
bool rasterize_svg_to_pgm(const std::string& svg, int px, const fs::path& out) {
  const std::string view_box = R"(viewBox="0 0 )";
  const size_t vb = svg.find(view_box);
  if (vb == std::string::npos) return false;
  const int modules = std::stoi(svg.substr(vb + view_box.size()));
  const int size = modules * px;
  std::vector<unsigned char> img(static_cast<size_t>(size) * static_cast<size_t>(size), 0xFF);

  const size_t d_at = svg.find(R"( d=")", svg.find("<path"));
  if (d_at == std::string::npos) return false;
  const size_t d_end = svg.find('"', d_at + 4);
  if (d_end == std::string::npos) return false;
  std::istringstream d(svg.substr(d_at + 4, d_end - d_at - 4));
  char m = 0, sp = 0, h = 0, v = 0, h2 = 0, z = 0;
  int x = 0, y = 0, w = 0, one = 0, minus_w = 0;
  while (d >> m) {
    d >> std::noskipws >> x >> sp >> y >> h >> w >> v >> one >> h2 >> minus_w >> z >> std::skipws;
    if (!d || m != 'M' || sp != ' ' || h != 'h' || v != 'v' || one != 1 || h2 != 'h' ||
        minus_w != -w || z != 'z' || x < 0 || w < 1 || x + w > modules || y < 0 || y >= modules) {
      return false;  // something in the path this reader does not know
    }
    for (int py = y * px; py < (y + 1) * px; ++py) {
      for (int qx = x * px; qx < (x + w) * px; ++qx) {
        img[static_cast<size_t>(py) * static_cast<size_t>(size) + static_cast<size_t>(qx)] = 0;
      }
    }
  }
  std::ofstream f(out, std::ios::binary);
  f << "P5 " << size << " " << size << " 255\n";
  f.write(reinterpret_cast<const char*>(img.data()), static_cast<std::streamsize>(img.size()));
  return static_cast<bool>(f);
}

const std::vector<std::string>& sample_texts() {
  static const std::vector<std::string> texts = {
      "AC3K7-MPTX2", "https://okno.example.ru/b/AC3K7-MPTX2",
      std::string(300, 'K') + "-" + std::string(300, '7'),  // a large symbol
  };
  return texts;
}

TEST(Qr, SvgIsWellFormed) {
  const auto svg = okno::qr_svg("AC3K7-MPTX2", 8);
  ASSERT_TRUE(svg.has_value()) << svg.error().detail;
  EXPECT_THAT(*svg, StartsWith("<svg"));
  EXPECT_THAT(*svg, HasSubstr(R"(xmlns="http://www.w3.org/2000/svg")"));
  EXPECT_THAT(*svg, HasSubstr(R"(shape-rendering="crispEdges")"));
  EXPECT_TRUE(svg->ends_with("</svg>\n"));
  // An 11-byte text fits version 1 (21 modules) at level M; plus 4 quiet modules a side.
  EXPECT_THAT(*svg, HasSubstr(R"(viewBox="0 0 29 29")"));
  EXPECT_THAT(*svg, HasSubstr(R"(width="232" height="232")"));
  // The quiet zone: nothing is drawn in the first 4 modules of either axis.
  EXPECT_THAT(*svg, HasSubstr(R"(d="M4 4h)"));
}

TEST(Qr, PngHasSignatureAndSaneSize) {
  for (const int px : {1, 4, 8}) {
    const auto png = okno::qr_png("AC3K7-MPTX2", px);
    ASSERT_TRUE(png.has_value()) << png.error().detail;
    ASSERT_GT(png->size(), 33u);  // signature + IHDR
    const std::vector<unsigned char> signature = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    EXPECT_TRUE(std::equal(signature.begin(), signature.end(), png->begin()));
    EXPECT_EQ(std::string(png->begin() + 12, png->begin() + 16), "IHDR");
    EXPECT_EQ(read_be32(*png, 16), 29u * static_cast<uint32_t>(px));  // width
    EXPECT_EQ(read_be32(*png, 20), 29u * static_cast<uint32_t>(px));  // height
    EXPECT_EQ((*png)[24], 8);                                         // bit depth
    EXPECT_EQ((*png)[25], 0);                                         // greyscale
    EXPECT_LT(png->size(), 20'000u);  // black and white squares compress well
    EXPECT_EQ(std::string(png->end() - 8, png->end() - 4), "IEND");
  }
}

TEST(Qr, PngRoundTripsThroughZbar) {
  ASSERT_TRUE(have_zbarimg()) << "zbarimg not found: install zbar-tools";
  for (const auto& text : sample_texts()) {
    const auto png = okno::qr_png(text, 4);
    ASSERT_TRUE(png.has_value()) << png.error().detail;
    TempFile file(".png");
    file.write(png->data(), png->size());
    EXPECT_EQ(zbar_decode(file.path()), text);
  }
}

TEST(Qr, GeneratedCodesRoundTripAtDefaultSize) {
  ASSERT_TRUE(have_zbarimg()) << "zbarimg not found: install zbar-tools";
  const auto png = okno::qr_png("X9E4T-7PC2M");
  ASSERT_TRUE(png.has_value()) << png.error().detail;
  TempFile file(".png");
  file.write(png->data(), png->size());
  EXPECT_EQ(zbar_decode(file.path()), "X9E4T-7PC2M");
}

TEST(Qr, SvgRoundTripsThroughZbar) {
  ASSERT_TRUE(have_zbarimg()) << "zbarimg not found: install zbar-tools";
  for (const auto& text : sample_texts()) {
    const auto svg = okno::qr_svg(text, 4);
    ASSERT_TRUE(svg.has_value()) << svg.error().detail;
    TempFile file(".pgm");
    ASSERT_TRUE(rasterize_svg_to_pgm(*svg, 4, file.path())) << *svg;
    EXPECT_EQ(zbar_decode(file.path()), text);
  }
}

TEST(Qr, ErrorsAreValues) {
  EXPECT_EQ(okno::qr_svg("").error().code, okno::ErrorCode::invalid_value);
  EXPECT_EQ(okno::qr_png("").error().code, okno::ErrorCode::invalid_value);
  EXPECT_EQ(okno::qr_png("AC3K7-MPTX2", 0).error().code, okno::ErrorCode::invalid_value);
  EXPECT_EQ(okno::qr_svg("AC3K7-MPTX2", -3).error().code, okno::ErrorCode::invalid_value);
  // Level M holds at most 2331 bytes in 8-bit mode: more is the caller's input, not a fault.
  const std::string too_long(3000, 'A');
  EXPECT_EQ(okno::qr_png(too_long).error().code, okno::ErrorCode::invalid_value);
  EXPECT_EQ(okno::qr_svg(too_long).error().code, okno::ErrorCode::invalid_value);
}

}  // namespace
