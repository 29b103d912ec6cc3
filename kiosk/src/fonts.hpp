// Fonts from Debian's fonts-noto-core through FreeType: Noto Sans with Noto Sans Armenian (and
// Noto Sans Symbols for arrows) merged in, so Latin, all Cyrillic letters of ru/be/kk/ky (ә ғ қ ң ө
// ұ ү һ і ў) and Armenian render. The atlas is built at the current large-print scale rather than
// scaled afterwards, so 1.5x and 2x print stays sharp.
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
  // Arrows (the board's "A015 → Окно 3"): Noto Sans has none.
  std::filesystem::path symbols_regular =
      "/usr/share/fonts/truetype/noto/NotoSansSymbols-Regular.ttf";
  std::filesystem::path symbols_bold = "/usr/share/fonts/truetype/noto/NotoSansSymbols-Bold.ttf";
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

// Headings grow half as fast as the text at large print: bold at 1.1x the text's size is heading
// enough, and a 100 px heading at 2x would take a quarter of the screen (issue 16 item 11).
constexpr float title_px(float scale) {
  return kTitlePx * (1.0f + (scale - 1.0f) / 2);
}

// The code point ranges loaded for text (zero-terminated pairs, as ImGui wants them).
const unsigned short* text_glyph_ranges();

// Clears `atlas` and loads the three fonts at `scale`; fails with a message when a font file is
// missing. Uses the FreeType builder.
bool build_fonts(ImFontAtlas& atlas, const FontPaths& paths, float scale, FontSet& out,
                 std::string& error);

// The waiting-room board's fonts (okno-kiosk --board), for a TV read from 5 m: text and headings
// with every glyph of text_glyph_ranges(), and one large bold font for the calls holding only
// the glyphs of ticket numbers and desk names (`call_glyphs`), so the atlas stays small. The
// calls are drawn from it at any smaller size.
struct BoardFontSet {
  ImFont* body = nullptr;   // hours, services, notices, the banner
  ImFont* title = nullptr;  // bold: the agency's name, headings, the clock
  ImFont* call = nullptr;   // bold: tickets, arrows and desk names
  float scale = 1.0f;       // the print scale (--large)
  float screen = 1.0f;      // the screen's height over 1080: sizes follow the screen
  std::vector<unsigned short> call_ranges;  // the atlas reads them until it is built
};

inline constexpr float kBoardBodyPx = 40.0f;
inline constexpr float kBoardTitlePx = 56.0f;
inline constexpr float kBoardCallPx = 220.0f;
inline constexpr float kBoardMaxPx = 220.0f;  // see build_board_fonts

// `screen`: the display's height / 1080 (the sizes above are for 1920x1080).
bool build_board_fonts(ImFontAtlas& atlas, const FontPaths& paths, float scale, float screen,
                       std::string_view call_glyphs, BoardFontSet& out, std::string& error);

// Code points of `utf8` that `font` has no glyph for (line breaks ignored).
std::vector<char32_t> missing_glyphs(const ImFont& font, std::string_view utf8);

// UTF-8 decoding shared by the glyph check and the keyboard-wedge reader.
std::vector<char32_t> decode_utf8(std::string_view utf8);
std::string encode_utf8(char32_t cp);

}  // namespace okno::kiosk
