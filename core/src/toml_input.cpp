// TOML parse errors as values (see toml_input.hpp).
#include "okno/toml_input.hpp"

#include <fstream>
#include <sstream>

namespace okno {

Result<toml::table> parse_toml(std::string_view text, std::string_view source_name) {
  try {
    return toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << source_name << ": line " << e.source().begin.line << ": " << e.description();
    return fail(ErrorCode::invalid_value, msg.str());
  }
}

Result<toml::table> parse_toml_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(ErrorCode::invalid_value, file.string() + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_toml(text.str(), file.string());
}

}  // namespace okno
