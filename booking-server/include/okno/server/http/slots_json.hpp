// The free-slot answer (GET /api/v1/offices/{id}/slots, R-VISIT-2), written without a JSON tree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "okno/office.hpp"
#include "okno/slots.hpp"

namespace okno::api {

// The answer's body, written into one pre-sized string: the bytes nlohmann::json would dump
// (compact, keys sorted, invalid UTF-8 replaced) for {"office", "service", "time_zone", "from",
// "to", "slots": [{"start", "end", "free"}]}. Building that tree and date::format for every
// time cost about ten times the slot computation (docs/performance.md);
// tests/http/slots_render_test.cpp checks the bytes against the tree's.
std::string slots_body(const Office& office, std::string_view service_id, Date from, Date to,
                       const std::vector<Slot>& slots);

}  // namespace okno::api
