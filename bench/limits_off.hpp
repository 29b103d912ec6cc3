// The benchmarks' servers run without the public routes' rate limits (docs/security.md): a
// benchmark is one address at machine speed. Shared by okno-bench and okno-queue-bench.
#pragma once

#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "okno/source_root.hpp"

namespace okno::bench {

// `--limits tests/data/limits-off.toml` for this build's okno-server, however its path is spelt
// (relative, through a link); nothing for another binary, since an older one has no such flag
// and no limits.
inline std::vector<std::string> limits_off_args(const std::string& server) {
  std::error_code ec;
  if (!std::filesystem::equivalent(server, OKNO_SERVER_BINARY, ec)) return {};
  return {"--limits", std::string(OKNO_SOURCE_ROOT) + "/tests/data/limits-off.toml"};
}

}  // namespace okno::bench
