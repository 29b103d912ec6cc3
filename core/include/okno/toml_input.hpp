// Reading TOML configuration (offices, calendars, queue policy, notifications, kiosk assets):
// toml++ reports syntax errors by throwing; here they become values naming the file and line.
#pragma once

#include <filesystem>
#include <string_view>

#include <toml++/toml.h>

#include "okno/error.hpp"

namespace okno {

// Parses TOML text; on a syntax error, invalid_value with "<source>: line N: <what>".
Result<toml::table> parse_toml(std::string_view text, std::string_view source_name);
// Reads and parses a file; a missing or unreadable file is invalid_value naming it.
Result<toml::table> parse_toml_file(const std::filesystem::path& file);

}  // namespace okno
