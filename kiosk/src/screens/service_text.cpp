// Texts about the office's services that several screens show (service_text.hpp).
#include "screens/service_text.hpp"

#include <algorithm>

namespace okno::kiosk {
namespace {

const ServiceQueue* find_queue(const KioskState& s, std::string_view service) {
  for (const auto& q : s.queue) {
    if (q.service == service) return &q;
  }
  return nullptr;
}

}  // namespace

std::string service_name(const UiContext& ui, std::string_view id) {
  const Service* s = ui.office.find_service(id);
  return s ? s->name.get(ui.lang) : std::string(id);
}

std::string desks_for_service(const UiContext& ui, std::string_view service) {
  std::string out;
  for (const auto& d : ui.office.desks) {
    if (std::find(d.services.begin(), d.services.end(), service) == d.services.end()) continue;
    if (!out.empty()) out += ", ";
    out += d.name.get(ui.lang);
  }
  return out;
}

std::string queue_line(const UiContext& ui, const KioskState& s, std::string_view service) {
  const ServiceQueue* q = s.queue_known ? find_queue(s, service) : nullptr;
  if (!q) return ui.t("kiosk.queue.unknown");
  if (q->daily_cap_reached) return ui.t("kiosk.queue.cap_reached");
  return ui.t("kiosk.queue.status", {{"people", std::to_string(q->people_waiting)},
                                     {"minutes", std::to_string(q->estimated_wait_min)}});
}

}  // namespace okno::kiosk
