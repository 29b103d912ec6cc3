// Fonts from Debian's fonts-noto-core through FreeType: Noto Sans with Noto Sans Armenian merged
// in, so Latin, all Cyrillic letters of ru/be/kk/ky (ә ғ қ ң ө ұ ү һ і ў) and Armenian render.
// The atlas is built at the current large-print scale rather than scaled afterwards, so 1.5x and
// 2x print stays sharp.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

struct ImFont;
struct ImFontAtlas;

namespace okno::kiosk {

struct FontPaths {
  std::filesystem::path regular = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
  std::filesystem::path bold = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
  std::filesystem::path armenian_regular =
      "/usr/share/fonts/truetype/noto/NotoSansArmenian-Regular.ttf";
  std::filesystem::path armenian_bold = "/usr/share/fonts/truetype/noto/NotoSansArmenian-Bold.ttf";
};

struct FontSet {
  ImFont* body = nullptr;    // running text and buttons
  ImFont* title = nullptr;   // headings, bold
  ImFont* number = nullptr;  // the ticket number, digits and capitals only
  float scale = 1.0f;
};

inline constexpr float kBodyPx = 34.0f;
inline constexpr float kTitlePx = 50.0f;
inline constexpr float kNumberPx = 150.0f;

// The code point ranges loaded for text (zero-terminated pairs, as ImGui wants them).
const unsigned short* text_glyph_ranges();

// Clears `atlas` and loads the three fonts at `scale`; fails with a message when a font file is
// missing. Uses the FreeType builder.
bool build_fonts(ImFontAtlas& atlas, const FontPaths& paths, float scale, FontSet& out,
                 std::string& error);

// Code points of `utf8` that `font` has no glyph for (line breaks ignored).
std::vector<char32_t> missing_glyphs(const ImFont& font, std::string_view utf8);

// UTF-8 decoding shared by the glyph check and the keyboard-wedge reader.
std::vector<char32_t> decode_utf8(std::string_view utf8);
std::string encode_utf8(char32_t cp);

}  // namespace okno::kiosk
