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

void draw_floor_plan(const KioskState& s, UiContext& ui, ImVec2 size) {
  const FloorPlan& plan = *ui.plan;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float k = std::min(size.x / plan.width, size.y / plan.height);
  auto at = [&](float x, float y) { return ImVec2(origin.x + x * k, origin.y + y * k); };
  const Palette& p = ui.palette;
  dl->AddRectFilled(origin, at(plan.width, plan.height), col(p.panel));
  dl->AddRect(origin, at(plan.width, plan.height), col(p.panel_text), 0, 0, 3);
  auto label = [&](const std::string& text, const PlanRect& r) {
    const ImVec2 ts = ImGui::CalcTextSize(text.c_str(), nullptr, false, r.w * k);
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                ImVec2(origin.x + (r.x + r.w / 2) * k - ts.x / 2,
                       origin.y + (r.y + r.h / 2) * k - ts.y / 2),
                col(p.panel_text), text.c_str(), nullptr, r.w * k);
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
  if (const PlanDesk* d = plan.find_desk(s.visitor.route_desk); d && d->route.size() >= 2) {
    std::vector<ImVec2> pts;
    for (const auto& pt : d->route) pts.push_back(at(pt.x, pt.y));
    const float w = std::max(6.0f, ImGui::GetFontSize() * 0.25f);
    dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), col(p.route), 0, w);
    // An arrow head at the desk: direction shown by shape, not colour alone.
    const ImVec2 a = pts[pts.size() - 2], b = pts.back();
    const float dx = b.x - a.x, dy = b.y - a.y, len = std::max(1.0f, std::hypot(dx, dy));
    const float ux = dx / len, uy = dy / len, h = w * 3;
    dl->AddTriangleFilled(ImVec2(b.x + ux * h * 0.3f, b.y + uy * h * 0.3f),
                          ImVec2(b.x - ux * h - uy * h * 0.6f, b.y - uy * h + ux * h * 0.6f),
                          ImVec2(b.x - ux * h + uy * h * 0.6f, b.y - uy * h - ux * h * 0.6f),
                          col(p.route));
  }
  const ImVec2 here = at(plan.you_are_here.x, plan.you_are_here.y);
  const float r = std::max(10.0f, ImGui::GetFontSize() * 0.4f);
  dl->AddCircleFilled(here, r, col(p.route));
  dl->AddCircle(here, r * 1.6f, col(p.panel_text), 0, 3);
  const std::string you = ui.t("kiosk.plan.you_are_here");
  dl->AddText(ImVec2(here.x + r * 2, here.y - ImGui::GetFontSize() / 2), col(p.panel_text),
              you.c_str());
  ImGui::Dummy(ImVec2(plan.width * k, plan.height * k));
}

}  // namespace

void draw_wayfinding(const KioskState& s, UiContext& ui) {
  say_text(ui, ui.t("kiosk.way.title"), ui.fonts.title);
  const float avail = ImGui::GetContentRegionAvail().x;
  const bool side_by_side = avail > ImGui::GetFontSize() * 40;
  const float plan_width = side_by_side ? avail * 0.55f : avail;
  if (ui.plan) {
    ImGui::BeginGroup();
    say_text(ui, ui.t("kiosk.way.floor", {{"floor", std::to_string(ui.plan->floor)}}));
    draw_floor_plan(s, ui, ImVec2(plan_width, plan_width * ui.plan->height / ui.plan->width));
    ImGui::EndGroup();
    if (side_by_side) ImGui::SameLine();
  }
  ImGui::BeginGroup();
  const float right = side_by_side ? avail - plan_width - gap() : avail;
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + right);
  say_text(ui, ui.t("kiosk.way.choose_desk"));
  const Grid g{3, (right - 2 * gap()) / 3};
  int i = 0;
  for (const auto& d : ui.office.desks) {
    if (button(ui, "desk." + d.id, d.name.get(ui.lang), g.width, s.visitor.route_desk == d.id)) {
      emit(ui, Intent::Kind::route_to, d.id);
    }
    next_cell(i++, g);
  }
  if (i % g.columns != 0) ImGui::NewLine();
  if (const auto* desk = ui.plan ? ui.plan->find_desk(s.visitor.route_desk) : nullptr) {
    (void)desk;
    say_text(ui, ui.t("kiosk.way.route_shown"));
  }
  say_text(ui, ui.t("directions.transit"), ui.fonts.title);
  say_text(ui, ui.office.address.get(ui.lang));
  say_text(ui, ui.office.directions.transit.get(ui.lang));
  say_text(ui, ui.t("directions.entrance"), ui.fonts.title);
  say_text(ui, ui.office.directions.entrance.get(ui.lang));
  say_text(ui, ui.office.directions.floor.get(ui.lang));
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

}  // namespace okno::kiosk
