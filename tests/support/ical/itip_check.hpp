// Test support: the iCalendar referee. libical (Debian's libical-dev, a library this project did
// not write) parses a calendar file and runs its RFC 5546 (iTIP) restriction check; every
// problem it finds comes back as text. Only the tests link libical; the core writes the files.
#pragma once

#include <string>
#include <vector>

namespace okno::testing {

// Parse errors and iTIP restriction failures libical reports for `ics` (its X-LIC-ERROR
// properties, with the component they are in); empty when libical accepts the file.
std::vector<std::string> itip_problems(const std::string& ics);

// The TRIGGER of every VALARM of every VEVENT, as libical writes the duration ("-PT2H"), in
// file order; empty when none (or the file does not parse).
std::vector<std::string> alarm_triggers(const std::string& ics);

}  // namespace okno::testing
