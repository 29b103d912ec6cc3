// okno-server import-calendar: reads the xmlcalendar file, converts it in the core
// (okno/calendar_xml.hpp) and writes the TOML next to the shipped years, atomically.
#include "okno/server/calendar_import.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <system_error>

#include "okno/calendar_xml.hpp"

namespace okno {

int import_calendar_cli(const ImportCalendarCommand& command) {
  std::ifstream in(command.xml_file, std::ios::binary);
  if (!in) {
    std::cerr << "okno-server: cannot read " << command.xml_file.string() << "\n";
    return 1;
  }
  const std::string xml{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto imported = import_xmlcalendar(
      xml, {command.source, command.provisional, command.xml_file.filename().string()});
  if (!imported) {
    std::cerr << "okno-server: " << imported.error().detail << "\n";
    return 1;
  }
  // The calendar folder only loads ru-YYYY.toml whose year is the file's own.
  const std::string expected = "ru-" + std::to_string(imported->year) + ".toml";
  if (command.out.filename() != expected) {
    std::cerr << "okno-server: --out must be named " << expected << " (the calendar is for "
              << imported->year << ")\n";
    return 1;
  }
  std::error_code ec;
  if (!command.force && std::filesystem::exists(command.out, ec)) {
    std::cerr << "okno-server: " << command.out.string() << " exists; add --force to replace it\n";
    return 1;
  }
  // Written beside the target, then renamed: a running server never reads half a file.
  std::filesystem::path tmp = command.out;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << imported->toml;
    out.close();
    if (!out) {
      std::cerr << "okno-server: cannot write " << tmp.string() << "\n";
      std::filesystem::remove(tmp, ec);
      return 1;
    }
  }
  std::filesystem::rename(tmp, command.out, ec);
  if (ec) {
    std::cerr << "okno-server: cannot write " << command.out.string() << ": " << ec.message()
              << "\n";
    std::filesystem::remove(tmp, ec);
    return 1;
  }
  std::printf("okno-server: wrote %s: %d days of %d%s\n", command.out.string().c_str(),
              imported->days, imported->year, command.provisional ? " (provisional)" : "");
  return 0;
}

}  // namespace okno
