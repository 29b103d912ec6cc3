// `okno-server import-calendar FILE.xml --out assets/calendar/ru-YYYY.toml --source "…"`: writes
// next year's production calendar from the published xmlcalendar file (R-TIME-1).
#pragma once

#include <filesystem>
#include <string>

namespace okno {

struct ImportCalendarCommand {
  std::filesystem::path xml_file;
  std::filesystem::path out;  // a ru-YYYY.toml; its year must be the calendar's
  std::string source;  // the decree, e.g. "Постановление Правительства РФ от … № …"
  bool provisional = false;
  bool force = false;  // replace an existing file
};

// Returns the process exit code: 0 written, 1 the input or the output is wrong (the reason on
// stderr), nothing is written unless everything is right.
int import_calendar_cli(const ImportCalendarCommand& command);

}  // namespace okno
