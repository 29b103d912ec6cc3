// Loading the floor plan and the service information from TOML (toml++): visit_info.hpp.
#include "okno/visit_info.hpp"

#include <toml++/toml.h>

#include "okno/toml_input.hpp"

namespace okno {
namespace {

PlanRect read_rect(const toml::node_view<const toml::node>& node) {
  PlanRect r;
  if (const auto* a = node.as_array(); a && a->size() == 4) {
    r.x = static_cast<float>(a->at(0).value_or(0.0));
    r.y = static_cast<float>(a->at(1).value_or(0.0));
    r.w = static_cast<float>(a->at(2).value_or(0.0));
    r.h = static_cast<float>(a->at(3).value_or(0.0));
  }
  return r;
}

PlanPoint read_point(const toml::node& node) {
  PlanPoint p;
  if (const auto* a = node.as_array(); a && a->size() == 2) {
    p.x = static_cast<float>(a->at(0).value_or(0.0));
    p.y = static_cast<float>(a->at(1).value_or(0.0));
  }
  return p;
}

LocalizedText read_text(const toml::node_view<const toml::node>& node) {
  LocalizedText text;
  for (Language lang : kAllLanguages) {
    if (auto s = node[to_string(lang)].value<std::string>()) text.set(lang, *s);
  }
  return text;
}

Result<toml::table> parse_file(const std::filesystem::path& file) {
  return parse_toml_file(file);
}

}  // namespace

const PlanDesk* FloorPlan::find_desk(std::string_view id) const {
  for (const auto& d : desks) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

const ServiceInfo* Knowledge::find(std::string_view id) const {
  auto it = services.find(id);
  return it == services.end() ? nullptr : &it->second;
}

Result<FloorPlan> load_floor_plan(const std::filesystem::path& file) {
  auto parsed = parse_file(file);
  if (!parsed) return std::unexpected(parsed.error());
  const toml::table& t = *parsed;
  FloorPlan plan;
  plan.office = t["office"].value_or(std::string());
  plan.floor = static_cast<int>(t["floor"].value_or(int64_t{1}));
  plan.width = static_cast<float>(t["width"].value_or(1.0));
  plan.height = static_cast<float>(t["height"].value_or(1.0));
  if (const auto* here = t.get("you_are_here")) plan.you_are_here = read_point(*here);
  if (const auto* areas = t["area"].as_array()) {
    for (const auto& a : *areas) {
      toml::node_view<const toml::node> v{a};
      plan.areas.push_back({v["label"].value_or(std::string()), read_rect(v["rect"])});
    }
  }
  if (const auto* desks = t["desk"].as_array()) {
    for (const auto& d : *desks) {
      toml::node_view<const toml::node> v{d};
      PlanDesk desk{v["id"].value_or(std::string()), read_rect(v["rect"]), {}};
      if (const auto* route = v["route"].as_array()) {
        for (const auto& p : *route) desk.route.push_back(read_point(p));
      }
      plan.desks.push_back(std::move(desk));
    }
  }
  if (plan.width <= 0 || plan.height <= 0) {
    return fail(ErrorCode::invalid_value, file.string() + ": width and height must be positive");
  }
  return plan;
}

Result<Knowledge> load_knowledge(const std::filesystem::path& file) {
  auto parsed = parse_file(file);
  if (!parsed) return std::unexpected(parsed.error());
  Knowledge kb;
  if (const auto* services = (*parsed)["service"].as_array()) {
    for (const auto& s : *services) {
      toml::node_view<const toml::node> v{s};
      ServiceInfo info;
      info.id = v["id"].value_or(std::string());
      info.unit = v["unit"].value_or(std::string());
      info.reviewed = v["reviewed"].value_or(std::string());
      info.about = read_text(v["about"]);
      info.documents = read_text(v["documents"]);
      info.terms = read_text(v["terms"]);
      if (info.id.empty()) return fail(ErrorCode::invalid_value, file.string() + ": service id");
      kb.services.emplace(info.id, std::move(info));
    }
  }
  return kb;
}

}  // namespace okno
