// The free-slot answer written straight into a string (hand-written instead of nlohmann::json
// for speed; the test compares the bytes with nlohmann's).
#include "okno/server/http/slots_json.hpp"

#include <cassert>
#include <charconv>

#include <nlohmann/json.hpp>

namespace okno::api {

std::string slots_body(const Office& office, std::string_view service_id, Date from, Date to,
                       const std::vector<Slot>& slots) {
  // The strings come from the configuration or the request: nlohmann escapes them, so their
  // bytes are its own (with the error handler of every answer's dump).
  auto quoted = [](std::string_view text) {
    return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  // {"end":"…","free":N,"start":"…"}, with 25-character times: 60 bytes and the number.
  constexpr std::size_t kPerSlot = 72;
  std::string out;
  out.reserve(128 + office.id.size() + service_id.size() + office.time_zone_name.size() +
              slots.size() * kPerSlot);
  out += "{\"from\":\"";
  out += format_iso_date(from);
  out += "\",\"office\":";
  out += quoted(office.id);
  out += ",\"service\":";
  out += quoted(service_id);
  out += ",\"slots\":[";
  LocalIsoWriter iso(office);
  char number[16];
  for (std::size_t i = 0; i < slots.size(); ++i) {
    const Slot& s = slots[i];
    out += i == 0 ? "{\"end\":\"" : ",{\"end\":\"";
    iso.append(out, s.end);
    out += "\",\"free\":";
    const auto [end, ec] = std::to_chars(number, number + sizeof number, s.free());
    assert(ec == std::errc{});
    out.append(number, end);
    out += ",\"start\":\"";
    iso.append(out, s.start);
    out += "\"}";
  }
  out += "],\"time_zone\":";
  out += quoted(office.time_zone_name);
  out += ",\"to\":\"";
  out += format_iso_date(to);
  out += "\"}";
  return out;
}

}  // namespace okno::api
