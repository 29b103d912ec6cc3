// What a visitor is shown about a visit point, from assets/: the floor plan with routes to desks
// (R-VISIT-8; the kiosk draws it, the public site shows it) and the service information kept by
// the responsible units (R-KB-1: what the service is, the documents, the terms), shared by the
// kiosk and the public site.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "okno/error.hpp"
#include "okno/language.hpp"

namespace okno {

struct PlanPoint {
  float x = 0, y = 0;  // metres
};
struct PlanRect {
  float x = 0, y = 0, w = 0, h = 0;
};
struct PlanArea {
  std::string label_key;  // locale key
  PlanRect rect;
};
struct PlanDesk {
  std::string id;
  PlanRect rect;
  std::vector<PlanPoint> route;  // from the kiosk to the desk, step-free
};
struct FloorPlan {
  std::string office;
  int floor = 1;
  float width = 1, height = 1;
  PlanPoint you_are_here;
  std::vector<PlanArea> areas;
  std::vector<PlanDesk> desks;
  const PlanDesk* find_desk(std::string_view id) const;
};

struct ServiceInfo {
  std::string id;
  std::string unit;
  std::string reviewed;  // YYYY-MM-DD
  LocalizedText about;   // what the service is, in a sentence or two
  LocalizedText documents;
  LocalizedText terms;
};
struct Knowledge {
  std::map<std::string, ServiceInfo, std::less<>> services;
  const ServiceInfo* find(std::string_view id) const;
};

Result<FloorPlan> load_floor_plan(const std::filesystem::path& file);
Result<Knowledge> load_knowledge(const std::filesystem::path& file);

}  // namespace okno
