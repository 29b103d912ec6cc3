// Kiosk device names (kiosk_store.hpp).
#include "okno/kiosk_store.hpp"

namespace okno {

Result<void> validate_kiosk_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return fail(ErrorCode::invalid_value, "name");
  for (char c : name) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return fail(ErrorCode::invalid_value, "name");
  }
  return {};
}

}  // namespace okno
