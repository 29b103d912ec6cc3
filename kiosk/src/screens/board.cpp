// The board's screen (screens/board.hpp): drawn with ImGui's draw list into one full-screen
// window, so every text's place and size is computed here and recorded for the layout test.
//
//   agency name                                              10:30
//   today's hours, the next change
//   [banner while the stream is down]
//   Now calling                                  | Queue
//   ┌───────────────────────────────┐            | Passport: …
//   │  A015 → Окно 3   (flashing)   │            |   waiting: 4 · about 15 min
//   └───────────────────────────────┘            | Consultation: …
//   Earlier calls                                |
//   A014 → Окно 1                                | Окно 2: closed for now
//   B003 → Окно 3                                |
//   notices, in ru en hy be kk ky in turn
#include "screens/board.hpp"

#include <algorithm>
#include <cmath>

#include <date/tz.h>

#include "display_text.hpp"
#include "widgets.hpp"

namespace okno::kiosk {
namespace {

struct Painter {
  const BoardView& v;
  BoardFrame& out;
  ImDrawList* dl;
  Language lang;
  bool dry = false;  // measure only: nothing drawn, nothing recorded

  std::string t(std::string_view key, const std::map<std::string, std::string>& args = {}) const {
    return v.catalog.text(lang, key, args);
  }

  // One line, shrunk (never cut, never wrapped) to `room`; `align` 0 left, 0.5 centre, 1 right.
  // Returns the height used.
  float line(const std::string& id, const std::string& text, ImFont* font, float size, ImVec2 pos,
             float room, Rgb colour, float align = 0) {
    const float width = font->CalcTextSizeA(size, FLT_MAX, 0, text.c_str()).x;
    const float drawn = width > room && width > 0 ? size * room / width : size;
    const float w = font->CalcTextSizeA(drawn, FLT_MAX, 0, text.c_str()).x;
    const ImVec2 at(pos.x + (room - w) * align, pos.y + (size - drawn) / 2);
    if (dry) return size;
    dl->AddText(font, drawn, at, col(colour), text.c_str());
    out.texts.push_back({id, text, at, ImVec2(at.x + w, at.y + drawn), drawn, size, room, font});
    return size;
  }

  // Running text wrapped at spaces to `room`; returns the height used.
  float wrapped(const std::string& id, const std::string& text, ImFont* font, float size,
                ImVec2 pos, float room, Rgb colour) {
    const ImVec2 extent = font->CalcTextSizeA(size, FLT_MAX, room, text.c_str());
    if (dry) return extent.y;
    dl->AddText(font, size, pos, col(colour), text.c_str(), nullptr, room);
    out.texts.push_back(
        {id, text, pos, ImVec2(pos.x + extent.x, pos.y + extent.y), size, size, room, font});
    return extent.y;
  }
};

std::string local_hhmm(const Office& office, board::TimePoint t, const char* format = "%H:%M") {
  const auto s = std::chrono::floor<std::chrono::seconds>(t);
  if (!office.zone) return date::format(format, s);
  return date::format(format, date::make_zoned(office.zone, s));
}

// The newest call: the shown text on one line as large as the box allows; when that would make
// it smaller than two thirds, the ticket and "→ desk" on two lines instead.
void draw_newest(Painter& p, const board::BoardCall& call, ImVec2 min, ImVec2 max, bool live) {
  const BoardView& v = p.v;
  const bool bright = live && board::flash_bright(v.state, v.now);
  const bool flashing = live && board::flashing(v.state, v.now);
  p.out.flash_bright = bright;
  const Rgb bg = !live ? v.palette.panel : bright ? v.palette.button : v.palette.button_selected;
  const Rgb fg = !live    ? v.palette.muted_text
                 : bright ? v.palette.button_text
                          : v.palette.button_selected_text;
  const float radius = (max.y - min.y) * 0.06f;
  p.dl->AddRectFilled(min, max, col(bg), radius);
  if (flashing) p.dl->AddRect(min, max, col(v.palette.focus_frame), radius, 0, 8.0f);
  const float pad = (max.y - min.y) * 0.08f;
  const float room = max.x - min.x - 2 * pad;
  const float height = max.y - min.y - 2 * pad;
  ImFont* font = v.fonts.call;
  const std::string shown = board::shown_call(v.catalog, v.office, p.lang, call.ticket, call.desk);
  float size = std::min(font->FontSize, height * 0.8f);
  const float one_line = font->CalcTextSizeA(size, FLT_MAX, 0, shown.c_str()).x;
  if (one_line <= room * 1.5f) {
    p.line("newest", shown, font, size, ImVec2(min.x + pad, min.y + (max.y - min.y - size) / 2),
           room, fg, 0.5f);
  } else {
    size = std::min(font->FontSize, height * 0.46f);
    const std::string desk = "\u2192 " + board::desk_name(v.office, p.lang, call.desk);
    const float top = min.y + (max.y - min.y - 2 * size) / 2;
    p.line("newest.ticket", call.ticket, font, size, ImVec2(min.x + pad, top), room, fg, 0.5f);
    p.line("newest.desk", desk, font, size, ImVec2(min.x + pad, top + size), room, fg, 0.5f);
  }
  if (call.recalls > 0) {
    ImFont* body = v.fonts.body;
    const float s = body->FontSize;
    p.line("newest.recall", p.t("board.recall"), body, s, ImVec2(min.x + pad, min.y + pad * 0.3f),
           room, fg, 1.0f);
  }
}

}  // namespace

const DrawnText* BoardFrame::find(std::string_view id) const {
  for (const auto& t : texts) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

void draw_board(const BoardView& v, BoardFrame& out) {
  out = BoardFrame{};
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  ImGui::PushStyleColor(ImGuiCol_WindowBg,
                        ImGui::ColorConvertU32ToFloat4(col(v.palette.background)));
  ImGui::Begin("board", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoInputs);
  Painter p{v, out, ImGui::GetWindowDrawList(), v.config.language};
  const Palette& pal = v.palette;
  const float W = vp->Size.x, H = vp->Size.y;
  const float margin = std::round(std::min(W, H) * 0.025f);
  ImFont* body = v.fonts.body;
  ImFont* title = v.fonts.title;
  const float bs = body->FontSize, ts = title->FontSize;
  const bool live = v.state.link == board::Link::live;
  const Rgb text = live ? pal.text : pal.muted_text;
  float y = vp->Pos.y + margin;
  const float x0 = vp->Pos.x + margin, x1 = vp->Pos.x + W - margin;

  // The top: the agency's name and today's hours (R-VISIT-7), the time on the right.
  const std::string clock = local_hhmm(v.office, v.now);
  const float clock_size = ts * 1.3f;
  const float clock_w = title->CalcTextSizeA(clock_size, FLT_MAX, 0, clock.c_str()).x;
  p.line("clock", clock, title, clock_size, ImVec2(x1 - clock_w, y), clock_w, pal.text);
  const float name_room = x1 - x0 - clock_w - margin;
  y += p.line("agency", v.office.name.get(p.lang), title, ts, ImVec2(x0, y), name_room, pal.text);
  const auto hours = describe_hours(
      v.office, v.calendar, std::chrono::floor<std::chrono::seconds>(v.now), v.catalog, p.lang);
  std::string hours_line;
  for (const auto& h : hours) hours_line += (hours_line.empty() ? "" : "  ·  ") + h;
  y = std::max(y, vp->Pos.y + margin + clock_size);
  y += p.line("hours", hours_line, body, bs, ImVec2(x0, y + bs * 0.1f), name_room, pal.muted_text);
  y += margin * 0.6f;

  // While the stream is down: say so, above everything it would otherwise vouch for.
  if (!live) {
    const std::string banner =
        v.state.link == board::Link::connecting
            ? p.t("board.connecting")
            : p.t("board.reconnecting",
                  {{"time", local_hhmm(v.office, v.state.link_since, "%H:%M:%S")}});
    const float pad = bs * 0.4f;
    const float h = body->CalcTextSizeA(bs, FLT_MAX, x1 - x0 - 2 * pad, banner.c_str()).y;
    p.dl->AddRectFilled(ImVec2(x0, y), ImVec2(x1, y + h + 2 * pad), col(pal.error_panel),
                        bs * 0.2f);
    p.wrapped("banner", banner, body, bs, ImVec2(x0 + pad, y + pad), x1 - x0 - 2 * pad,
              pal.error_text);
    y += h + 2 * pad + margin * 0.6f;
  }

  // The notices at the bottom, in one language at a time.
  float bottom = vp->Pos.y + H - margin;
  if (!v.notices.empty()) {
    const Language nl = board::notice_language(v.now);
    std::string line;
    for (const auto& n : v.notices) line += (line.empty() ? "" : "   •   ") + n.text.get(nl);
    const float pad = bs * 0.35f;
    const float room = x1 - x0 - 2 * pad;
    const float h = std::min(body->CalcTextSizeA(bs, FLT_MAX, room, line.c_str()).y, bs * 2.6f);
    const float top = bottom - h - 2 * pad;
    p.dl->AddRectFilled(ImVec2(x0, top), ImVec2(x1, bottom), col(pal.panel), bs * 0.2f);
    p.dl->PushClipRect(ImVec2(x0, top), ImVec2(x1, bottom), true);
    p.wrapped("notices", line, body, bs, ImVec2(x0 + pad, top + pad), room, pal.panel_text);
    p.dl->PopClipRect();
    bottom = top - margin * 0.6f;
  }

  // The right column: per service, waiting and the estimated wait; desks on a break. When it
  // would not hold them all (large print, many services), its texts are drawn smaller.
  const float right_w = std::max((x1 - x0) * 0.32f, bs * 9);
  const float rx = x1 - right_w;
  {
    const Rgb ptext = live ? pal.panel_text : pal.muted_text;
    auto column = [&](float f) {
      const float pad = bs * 0.5f * f;
      float ry = y + pad;
      const float room = right_w - 2 * pad;
      ry += p.line("queue", p.t("board.queue"), title, ts * f, ImVec2(rx + pad, ry), room,
                   pal.panel_text);
      ry += pad * 0.5f;
      for (const auto& s : v.state.services) {
        const Service* svc = v.office.find_service(s.service);
        const std::string name = svc ? svc->name.get(p.lang) : s.service;
        ry += p.wrapped("service." + s.service, name, body, bs * f, ImVec2(rx + pad, ry), room,
                        ptext);
        std::string detail = p.t("board.service.waiting", {{"count", std::to_string(s.waiting)}});
        detail += "  ·  ";
        detail +=
            s.waiting == 0 || s.estimated_wait_min == 0
                ? p.t("board.service.no_wait")
                : p.t("board.service.wait", {{"minutes", std::to_string(s.estimated_wait_min)}});
        ry += p.line("service." + s.service + ".wait", detail, title, bs * f, ImVec2(rx + pad, ry),
                     room, ptext);
        ry += pad;
      }
      for (const auto& d : v.state.paused_desks) {
        ry += p.line("paused." + d,
                     p.t("board.desk_paused", {{"desk", board::desk_name(v.office, p.lang, d)}}),
                     body, bs * f, ImVec2(rx + pad, ry), room, ptext);
      }
      return ry - y;
    };
    p.dry = true;
    const float needed = column(1.0f);
    p.dry = false;
    const float f = needed > bottom - y ? std::max(0.5f, (bottom - y) / needed) : 1.0f;
    p.dl->AddRectFilled(ImVec2(rx, y), ImVec2(x1, bottom), col(pal.panel), bs * 0.3f);
    p.dl->PushClipRect(ImVec2(rx, y), ImVec2(x1, bottom), true);
    column(f);
    p.dl->PopClipRect();
  }

  // The left: the newest call large, the earlier ones below.
  const float lx1 = rx - margin;
  const float left_w = lx1 - x0;
  y += p.line("now_calling", p.t("board.now_calling"), title, ts, ImVec2(x0, y), left_w, text);
  y += margin * 0.3f;
  // The newest call's box, with room kept below it for the label and two earlier calls (rows as
  // large as the print scale says; in two columns when one does not hold them).
  const float row = std::max(bs * 1.6f, 80.0f * v.fonts.screen);
  const float row_step = row * 1.1f;
  const int earlier = static_cast<int>(v.state.calls.size()) - 1;
  const float label_h = bs + margin * 0.2f;
  const float keep =
      earlier > 0 ? margin * 0.6f + label_h + row_step * static_cast<float>(std::min(earlier, 2))
                  : 0;
  const float avail = bottom - y;
  const float newest_h = std::clamp(avail - keep, std::min(ts * 1.7f, avail),
                                    std::min(v.fonts.call->FontSize * 1.35f, avail));
  if (v.state.calls.empty()) {
    p.dl->AddRectFilled(ImVec2(x0, y), ImVec2(lx1, y + newest_h), col(pal.panel), newest_h * 0.06f);
    p.line("no_calls", p.t("board.no_calls"), title, ts, ImVec2(x0 + bs, y + (newest_h - ts) / 2),
           left_w - 2 * bs, live ? pal.panel_text : text, 0.5f);
    ImGui::End();
    ImGui::PopStyleColor();
    return;
  }
  draw_newest(p, v.state.calls.front(), ImVec2(x0, y), ImVec2(lx1, y + newest_h), live);
  y += newest_h + margin * 0.6f;
  const int per_column =
      std::max(0, static_cast<int>((bottom - y - label_h + row_step - row) / row_step));
  if (earlier < 1 || per_column < 1) {
    ImGui::End();
    ImGui::PopStyleColor();
    return;
  }
  y += p.line("earlier", p.t("board.earlier"), body, bs, ImVec2(x0, y), left_w, pal.muted_text);
  y += margin * 0.2f;
  const int columns = per_column < earlier ? 2 : 1;
  const float col_w =
      (left_w - margin * static_cast<float>(columns - 1)) / static_cast<float>(columns);
  const int shown = std::min(earlier, per_column * columns);
  for (int i = 0; i < shown; ++i) {
    const auto& c = v.state.calls[static_cast<std::size_t>(i + 1)];
    const int column = i / per_column;
    const ImVec2 at(x0 + static_cast<float>(column) * (col_w + margin),
                    y + static_cast<float>(i % per_column) * row_step);
    p.dl->AddRectFilled(at, ImVec2(at.x + col_w, at.y + row), col(pal.panel), row * 0.12f);
    const float pad = row * 0.15f;
    p.line("earlier." + std::to_string(i + 1),
           board::shown_call(v.catalog, v.office, p.lang, c.ticket, c.desk), v.fonts.call,
           row * 0.78f, ImVec2(at.x + pad, at.y + row * 0.11f), col_w - 2 * pad,
           live ? pal.panel_text : pal.muted_text);
  }
  out.earlier_rows = shown;
  ImGui::End();
  ImGui::PopStyleColor();
}

}  // namespace okno::kiosk
