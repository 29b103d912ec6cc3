// Screen `wayfinding` ("Find your way", R-VISIT-8): the floor plan with the step-free route from
// the kiosk to the chosen desk (drawn here with ImGui's draw list), and the office's directions.
// Without a plan, the directions text only.
#include "screens/screens.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "widgets.hpp"

namespace okno::kiosk {
namespace {

// Lines of `text` broken only between words, each at most `width` wide at `size`; empty when a
// word alone is wider.
std::vector<std::string> whole_word_lines(const std::string& text, float size, float width) {
  ImFont* font = ImGui::GetFont();
  const auto w = [&](const std::string& t) {
    return font->CalcTextSizeA(size, FLT_MAX, 0.0f, t.c_str()).x;
  };
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (w(word) > width) return {};
    if (!lines.empty() && w(lines.back() + " " + word) <= width) {
      lines.back() += " " + word;
    } else {
      lines.push_back(word);
    }
    start = end + 1;
  }
  return lines;
}

// A label inside `box` (screen pixels): the text size when it fits, else smaller, down to 60 %
// of it, wrapping only between words (Armenian "Վերելակ" stays one word); below that it is
// drawn at 60 % and clipped to the box rather than broken mid-word.
PlanText fit_label(const std::string& text, ImVec2 box_min, ImVec2 box_max) {
  const float margin = 4.0f;
  const float bw = box_max.x - box_min.x - 2 * margin, bh = box_max.y - box_min.y - 2 * margin;
  const float full = ImGui::GetFontSize();
  float size = full;
  std::vector<std::string> lines;
  for (; size >= full * 0.6f; size -= full * 0.05f) {
    lines = whole_word_lines(text, size, bw);
    if (!lines.empty() && static_cast<float>(lines.size()) * size <= bh) break;
  }
  if (lines.empty() || static_cast<float>(lines.size()) * size > bh) {
    size = full * 0.6f;
    lines = whole_word_lines(text, size, FLT_MAX);
  }
  PlanText out{text, lines, {}, {}};
  const float height = static_cast<float>(lines.size()) * size;
  const float cx = (box_min.x + box_max.x) / 2, cy = (box_min.y + box_max.y) / 2;
  float widest = 0;
  for (const auto& l : lines) {
    widest = std::max(widest, ImGui::GetFont()->CalcTextSizeA(size, FLT_MAX, 0, l.c_str()).x);
  }
  out.min = ImVec2(cx - widest / 2, cy - height / 2);
  out.max = ImVec2(cx + widest / 2, cy + height / 2);
  return out;
}

void draw_plan_text(const PlanText& t, ImU32 colour, ImVec2 clip_min, ImVec2 clip_max) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float size = t.lines.empty() ? 0 : (t.max.y - t.min.y) / static_cast<float>(t.lines.size());
  dl->PushClipRect(clip_min, clip_max, true);
  float y = t.min.y;
  for (const auto& l : t.lines) {
    const float w = ImGui::GetFont()->CalcTextSizeA(size, FLT_MAX, 0, l.c_str()).x;
    dl->AddText(ImGui::GetFont(), size, ImVec2((t.min.x + t.max.x - w) / 2, y), colour, l.c_str());
    y += size;
  }
  dl->PopClipRect();
}

// Whether the segment a-b passes within `pad` of the rectangle.
bool segment_hits_rect(ImVec2 a, ImVec2 b, ImVec2 rmin, ImVec2 rmax, float pad) {
  rmin = ImVec2(rmin.x - pad, rmin.y - pad);
  rmax = ImVec2(rmax.x + pad, rmax.y + pad);
  // Liang-Barsky clipping of the segment against the rectangle.
  float t0 = 0, t1 = 1;
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float p[] = {-dx, dx, -dy, dy};
  const float q[] = {a.x - rmin.x, rmax.x - a.x, a.y - rmin.y, rmax.y - a.y};
  for (int i = 0; i < 4; ++i) {
    if (p[i] == 0) {
      if (q[i] < 0) return false;
      continue;
    }
    const float t = q[i] / p[i];
    if (p[i] < 0) {
      t0 = std::max(t0, t);
    } else {
      t1 = std::min(t1, t);
    }
    if (t0 > t1) return false;
  }
  return true;
}

void draw_floor_plan(const KioskState& s, UiContext& ui, ImVec2 size) {
  const FloorPlan& plan = *ui.plan;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float k = std::min(size.x / plan.width, size.y / plan.height);
  auto at = [&](float x, float y) { return ImVec2(origin.x + x * k, origin.y + y * k); };
  const Palette& p = ui.palette;
  const ImVec2 plan_max = at(plan.width, plan.height);
  dl->AddRectFilled(origin, plan_max, col(p.panel));
  dl->AddRect(origin, plan_max, col(p.panel_text), 0, 0, 3);
  auto label = [&](const std::string& text, const PlanRect& r) {
    const ImVec2 a = at(r.x, r.y), b = at(r.x + r.w, r.y + r.h);
    ui.plan_texts.push_back(fit_label(text, a, b));
    draw_plan_text(ui.plan_texts.back(), col(p.panel_text), a, b);
  };
  for (const auto& area : plan.areas) {
    dl->AddRect(at(area.rect.x, area.rect.y),
                at(area.rect.x + area.rect.w, area.rect.y + area.rect.h), col(p.panel_text), 0, 0,
                2);
    label(ui.t(area.label_key), area.rect);
  }
  for (const auto& d : plan.desks) {
    const bool chosen = d.id == s.visitor.route_desk;
    dl->AddRect(at(d.rect.x, d.rect.y), at(d.rect.x + d.rect.w, d.rect.y + d.rect.h),
                col(chosen ? p.route : p.panel_text), 0, 0, chosen ? 6.0f : 2.0f);
    std::string name = d.id;
    for (const auto& od : ui.office.desks) {
      if (od.id == d.id) name = od.name.get(ui.lang);
    }
    label(name, d.rect);
  }
  const float w = std::max(6.0f, ImGui::GetFontSize() * 0.25f);
  if (const PlanDesk* d = plan.find_desk(s.visitor.route_desk); d && d->route.size() >= 2) {
    std::vector<ImVec2> pts;
    for (const auto& pt : d->route) pts.push_back(at(pt.x, pt.y));
    dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), col(p.route), 0, w);
    // An arrow head at the desk: direction shown by shape, not colour alone.
    const ImVec2 a = pts[pts.size() - 2], b = pts.back();
    const float dx = b.x - a.x, dy = b.y - a.y, len = std::max(1.0f, std::hypot(dx, dy));
    const float ux = dx / len, uy = dy / len, h = w * 3;
    dl->AddTriangleFilled(ImVec2(b.x + ux * h * 0.3f, b.y + uy * h * 0.3f),
                          ImVec2(b.x - ux * h - uy * h * 0.6f, b.y - uy * h + ux * h * 0.6f),
                          ImVec2(b.x - ux * h + uy * h * 0.6f, b.y - uy * h - ux * h * 0.6f),
                          col(p.route));
    ui.route = pts;
    ui.route_width = w;
  }
  const ImVec2 here = at(plan.you_are_here.x, plan.you_are_here.y);
  const float r = std::max(10.0f, ImGui::GetFontSize() * 0.4f);
  dl->AddCircleFilled(here, r, col(p.route));
  dl->AddCircle(here, r * 1.6f, col(p.panel_text), 0, 3);
  // "You are here" beside the mark, on the first side where it stays on the plan and clear of
  // every route (all routes start here) and of the other labels: right, left, below, above.
  const std::string you = ui.t("kiosk.plan.you_are_here");
  const ImVec2 ts = ImGui::CalcTextSize(you.c_str());
  const float off = r * 2;
  const ImVec2 places[] = {
      ImVec2(here.x + off, here.y - ts.y / 2), ImVec2(here.x - off - ts.x, here.y - ts.y / 2),
      ImVec2(here.x - ts.x / 2, here.y + off), ImVec2(here.x - ts.x / 2, here.y - off - ts.y)};
  const auto clear = [&](ImVec2 m) {
    const ImVec2 mx(m.x + ts.x, m.y + ts.y);
    if (m.x < origin.x || m.y < origin.y || mx.x > plan_max.x || mx.y > plan_max.y) return false;
    for (const auto& d : plan.desks) {
      for (size_t i = 1; i < d.route.size(); ++i) {
        if (segment_hits_rect(at(d.route[i - 1].x, d.route[i - 1].y),
                              at(d.route[i].x, d.route[i].y), m, mx, w)) {
          return false;
        }
      }
    }
    for (const auto& t : ui.plan_texts) {
      if (m.x < t.max.x && mx.x > t.min.x && m.y < t.max.y && mx.y > t.min.y) return false;
    }
    return true;
  };
  ImVec2 place = places[0];
  for (const ImVec2& c : places) {
    if (clear(c)) {
      place = c;
      break;
    }
  }
  dl->AddText(place, col(p.panel_text), you.c_str());
  ui.plan_texts.push_back(PlanText{you, {you}, place, ImVec2(place.x + ts.x, place.y + ts.y)});
  ImGui::Dummy(ImVec2(plan.width * k, plan.height * k));
}

}  // namespace

void draw_wayfinding(const KioskState& s, UiContext& ui) {
  say_text(ui, ui.t("kiosk.way.title"), ui.fonts.title);
  const float avail = ImGui::GetContentRegionAvail().x;
  const bool side_by_side = avail > ImGui::GetFontSize() * 40;
  const float plan_width = side_by_side ? avail * 0.55f : avail;
  const auto desk_buttons = [&](float width) {
    say_text(ui, ui.t("kiosk.way.choose_desk"));
    const Grid g{3, (width - 2 * gap()) / 3};
    int i = 0;
    for (const auto& d : ui.office.desks) {
      if (button(ui, "desk." + d.id, d.name.get(ui.lang), g.width, s.visitor.route_desk == d.id)) {
        emit(ui, Intent::Kind::route_to, d.id);
      }
      next_cell(i++, g);
    }
    if (i % g.columns != 0) ImGui::NewLine();
    if (ui.plan && ui.plan->find_desk(s.visitor.route_desk)) {
      say_text(ui, ui.t("kiosk.way.route_shown"));
    }
  };
  const auto directions = [&] {
    say_text(ui, ui.t("directions.transit"), ui.fonts.title);
    say_text(ui, ui.office.address.get(ui.lang));
    say_text(ui, ui.office.directions.transit.get(ui.lang));
    say_text(ui, ui.t("directions.entrance"), ui.fonts.title);
    say_text(ui, ui.office.directions.entrance.get(ui.lang));
    say_text(ui, ui.office.directions.floor.get(ui.lang));
  };
  if (!side_by_side) {
    // Large print: the desks first, then the plan as large as the room left on the screen
    // allows, then the directions (issue 16 item 11).
    desk_buttons(avail);
    if (ui.plan) {
      say_text(ui, ui.t("kiosk.way.floor", {{"floor", std::to_string(ui.plan->floor)}}));
      const float h = std::max(ImGui::GetFontSize() * 4, room_below());
      const float w = std::min(avail, h * ui.plan->width / ui.plan->height);
      draw_floor_plan(s, ui, ImVec2(w, w * ui.plan->height / ui.plan->width));
    }
    directions();
    return;
  }
  if (ui.plan) {
    ImGui::BeginGroup();
    say_text(ui, ui.t("kiosk.way.floor", {{"floor", std::to_string(ui.plan->floor)}}));
    draw_floor_plan(s, ui, ImVec2(plan_width, plan_width * ui.plan->height / ui.plan->width));
    ImGui::EndGroup();
    ImGui::SameLine();
  }
  ImGui::BeginGroup();
  const float right = avail - plan_width - gap();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + right);
  desk_buttons(right);
  directions();
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

}  // namespace okno::kiosk
