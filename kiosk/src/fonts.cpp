// Font atlas building with FreeType and the glyph-coverage check used by the tests.
#include "fonts.hpp"

#include <imgui.h>
#include <imgui_freetype.h>

#include <algorithm>

namespace okno::kiosk {

const unsigned short* text_glyph_ranges() {
  static const unsigned short kRanges[] = {
      0x0020, 0x00FF,  // Basic Latin + Latin-1 (« » № comes below)
      0x0400, 0x04FF,  // Cyrillic, including ә ғ қ ң ө ұ ү һ і ў
      0x0530, 0x058F,  // Armenian
      0x2010, 0x2027,  // dashes, quotes, bullet, ellipsis
      0x2039, 0x203A,  // single guillemets
      0x20BD, 0x20BD,  // rouble sign
      0x2116, 0x2116,  // numero sign
      0,
  };
  return kRanges;
}

namespace {

const unsigned short* number_glyph_ranges() {
  static const unsigned short kRanges[] = {0x0020, 0x005A, 0};  // digits, capitals, '-', ':'
  return kRanges;
}

// `ranges` null: the text ranges, Armenian from the Armenian font and arrows from the symbols.
ImFont* add_merged(ImFontAtlas& atlas, const std::filesystem::path& latin_cyrillic,
                   const std::filesystem::path& armenian, const std::filesystem::path& symbols,
                   float px, std::string& error, const unsigned short* ranges = nullptr) {
  for (const auto& p : {latin_cyrillic, armenian, symbols}) {
    if (!std::filesystem::exists(p)) {
      error = "font file not found: " + p.string() + " (install fonts-noto-core)";
      return nullptr;
    }
  }
  ImFontConfig config;
  config.OversampleH = 1;  // FreeType hinting makes oversampling unnecessary
  ImFont* font = atlas.AddFontFromFileTTF(latin_cyrillic.c_str(), px, &config,
                                          ranges ? ranges : text_glyph_ranges());
  ImFontConfig merge;
  merge.MergeMode = true;
  merge.OversampleH = 1;
  static const unsigned short kArmenian[] = {0x0530, 0x058F, 0};
  atlas.AddFontFromFileTTF(armenian.c_str(), px, &merge, ranges ? ranges : kArmenian);
  // Noto Sans Symbols draws its arrows small and low beside Noto Sans' letters: a third larger and
  // a little raised, "→" stands in the middle of the digits.
  ImFontConfig arrows = merge;
  arrows.GlyphOffset = ImVec2(0, -px * 0.03f);
  static const unsigned short kArrows[] = {0x2190, 0x2193, 0};
  atlas.AddFontFromFileTTF(symbols.c_str(), px * 1.35f, &arrows, ranges ? ranges : kArrows);
  return font;
}

}  // namespace

bool build_fonts(ImFontAtlas& atlas, const FontPaths& paths, float scale, FontSet& out,
                 std::string& error) {
  atlas.Clear();
  atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  atlas.FontBuilderFlags = 0;
  out = FontSet{};
  out.scale = scale;
  out.body = add_merged(atlas, paths.regular, paths.armenian_regular, paths.symbols_regular,
                        kBodyPx * scale, error);
  if (!out.body) return false;
  out.title = add_merged(atlas, paths.bold, paths.armenian_bold, paths.symbols_bold,
                         title_px(scale), error);
  if (!out.title) return false;
  ImFontConfig config;
  config.OversampleH = 1;
  // The ticket number is already huge; past 1.5x it would not fit the screen, so it stops there.
  const float number_scale = scale > 1.5f ? 1.5f : scale;
  out.number = atlas.AddFontFromFileTTF(paths.bold.c_str(), kNumberPx * number_scale, &config,
                                        number_glyph_ranges());
  if (!atlas.Build()) {
    error = "font atlas build failed";
    return false;
  }
  return true;
}

bool build_board_fonts(ImFontAtlas& atlas, const FontPaths& paths, float scale, float screen,
                       std::string_view call_glyphs, BoardFontSet& out, std::string& error) {
  atlas.Clear();
  atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  atlas.FontBuilderFlags = 0;
  out.body = out.title = out.call = nullptr;
  out.scale = scale;
  out.screen = screen;
  ImFontGlyphRangesBuilder builder;
  builder.AddText("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ -:\u2192");
  builder.AddText(call_glyphs.data(), call_glyphs.data() + call_glyphs.size());
  ImVector<ImWchar> ranges;
  builder.BuildRanges(&ranges);
  out.call_ranges.assign(ranges.begin(), ranges.end());
  // Dear ImGui 1.86's FreeType builder keeps glyph bitmaps in 256 KB chunks (4 bytes a pixel):
  // a glyph above about 256x256 px overruns one. So no font is built above kBoardMaxPx; on a
  // larger screen the calls are drawn from it scaled up.
  auto px = [](float v) { return std::min(v, kBoardMaxPx); };
  out.body = add_merged(atlas, paths.regular, paths.armenian_regular, paths.symbols_regular,
                        px(kBoardBodyPx * scale * screen), error);
  if (!out.body) return false;
  out.title = add_merged(atlas, paths.bold, paths.armenian_bold, paths.symbols_bold,
                         px(kBoardTitlePx * scale * screen), error);
  if (!out.title) return false;
  // The newest call is as large as the screen allows whatever the print scale.
  out.call = add_merged(atlas, paths.bold, paths.armenian_bold, paths.symbols_bold,
                        px(kBoardCallPx * screen), error, out.call_ranges.data());
  if (!out.call) return false;
  if (!atlas.Build()) {
    error = "font atlas build failed";
    return false;
  }
  return true;
}

std::vector<char32_t> decode_utf8(std::string_view s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + static_cast<size_t>(len) > s.size()) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t cp = len == 1 ? c : static_cast<char32_t>(c & (0x7F >> len));
    for (int k = 1; k < len; ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3F);
    }
    out.push_back(cp);
    i += static_cast<size_t>(len);
  }
  return out;
}

std::string encode_utf8(char32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

std::vector<char32_t> missing_glyphs(const ImFont& font, std::string_view utf8) {
  std::vector<char32_t> missing;
  for (char32_t cp : decode_utf8(utf8)) {
    if (cp == '\n' || cp == '\r') continue;
    if (cp > 0xFFFF || font.FindGlyphNoFallback(static_cast<ImWchar>(cp)) == nullptr) {
      missing.push_back(cp);
    }
  }
  return missing;
}

}  // namespace okno::kiosk
