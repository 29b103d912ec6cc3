// Import of a published production calendar in the xmlcalendar layout
// (<calendar year="2027"><holidays><holiday id="1" title="…"/>…</holidays>
//  <days><day d="01.01" t="1" h="1"/><day d="02.22" t="1" f="02.20"/>…</days></calendar>)
// into the project's calendar TOML (assets/calendar/README.md). R-TIME-1.
#pragma once

#include <string>
#include <string_view>

#include "okno/error.hpp"

namespace okno {

struct XmlCalendarImport {
  std::string source;        // the decree, written into `source` (required, non-empty)
  bool provisional = false;  // true while the decree is only a draft
  std::string input_name;    // the XML file's name, for error messages and the header comment
};

struct ImportedCalendar {
  int year = 0;
  std::string toml;  // a ru-<year>.toml that ProductionCalendar::add_year_toml accepts
  int days = 0;      // number of [[day]] records written
};

// Parses with libxml2 (no network, no external entities). xmlcalendar's day types: t="1" day off
// (h = holiday id, f = "MM.DD" of the same year the day off was moved from), t="2" shortened
// working day (on a Saturday or Sunday also a working weekend day), t="3" working Saturday or
// Sunday. Every problem is an invalid_value naming the file and, where known, its line; the
// result is checked by loading it as the calendar loader would.
Result<ImportedCalendar> import_xmlcalendar(std::string_view xml, const XmlCalendarImport& options);

}  // namespace okno
