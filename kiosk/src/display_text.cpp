// Texts the kiosk computes from office data (display_text.hpp): days and the server's times as
// a visitor reads them (the opening hours are core's describe_hours). No drawing here.
#include "display_text.hpp"

#include <cstdio>
#include <ctime>
#include <iomanip>
#include <sstream>

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <date/date.h>
#include <date/tz.h>

namespace okno::kiosk {
namespace {

constexpr const char* kWeekdays[] = {"kiosk.weekday.mon", "kiosk.weekday.tue", "kiosk.weekday.wed",
                                     "kiosk.weekday.thu", "kiosk.weekday.fri", "kiosk.weekday.sat",
                                     "kiosk.weekday.sun"};

}  // namespace

std::string display_day(const Catalog& catalog, Language lang, std::string_view iso,
                        bool with_year) {
  using namespace std::chrono;
  if (iso.size() < 10) return std::string(iso);
  std::tm tm{};
  std::istringstream in{std::string(iso.substr(0, 10))};
  in >> std::get_time(&tm, "%Y-%m-%d");
  if (in.fail()) return std::string(iso);
  const sys_days day{year{tm.tm_year + 1900} / month{static_cast<unsigned>(tm.tm_mon + 1)} /
                     std::chrono::day{static_cast<unsigned>(tm.tm_mday)}};
  // The capital by ICU's rules for the language (catalogs write weekdays in small letters, as
  // they stand inside a sentence).
  icu::UnicodeString name =
      icu::UnicodeString::fromUTF8(catalog.text(lang, kWeekdays[weekday{day}.iso_encoding() - 1]));
  const icu::Locale locale(std::string(to_string(lang)).c_str());
  icu::UnicodeString first(name, 0, name.moveIndex32(0, 1));
  first.toUpper(locale);
  name.replace(0, name.moveIndex32(0, 1), first);
  std::string out;
  name.toUTF8String(out);
  out += ", ";
  out += iso.substr(8, 2);
  out += '.';
  out += iso.substr(5, 2);
  if (with_year) {
    out += '.';
    out += iso.substr(0, 4);
  }
  return out;
}

std::string display_time(std::string_view iso) {
  // YYYY-MM-DDTHH:MM...
  if (iso.size() < 16) return std::string(iso);
  std::string out;
  out += iso.substr(8, 2);
  out += '.';
  out += iso.substr(5, 2);
  out += '.';
  out += iso.substr(0, 4);
  out += ' ';
  out += iso.substr(11, 5);
  return out;
}

}  // namespace okno::kiosk
