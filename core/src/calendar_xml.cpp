// xmlcalendar -> calendar TOML (see calendar_xml.hpp). The XML is parsed by libxml2 (Debian's
// libxml2-dev) into a tree; only the walk over that tree and the TOML text are written here.
#include "okno/calendar_xml.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "okno/calendar.hpp"
#include "okno/slots.hpp"  // format_iso_date

namespace okno {
namespace {

using std::chrono::sys_days;

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct CtxtFree {
  void operator()(xmlParserCtxt* c) const { xmlFreeParserCtxt(c); }
};

std::unexpected<Error> fail_in(const XmlCalendarImport& options, long line, std::string_view what) {
  std::string detail = options.input_name.empty() ? "xmlcalendar" : options.input_name;
  if (line > 0) detail += ": line " + std::to_string(line);
  detail += ": ";
  detail += what;
  return fail(ErrorCode::invalid_value, std::move(detail));
}

std::string_view name_of(const xmlNode* node) {
  return reinterpret_cast<const char*>(node->name);
}

// An attribute's value, or nullopt when absent.
std::optional<std::string> attribute(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return std::nullopt;
  std::string out{reinterpret_cast<const char*>(value)};
  xmlFree(value);
  return out;
}

// Every attribute of `node` is one of `allowed` (a typo is an error, not silently ignored).
std::optional<std::string> unknown_attribute(const xmlNode* node,
                                             std::initializer_list<std::string_view> allowed) {
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    const std::string_view n = reinterpret_cast<const char*>(a->name);
    bool known = false;
    for (auto k : allowed) known = known || k == n;
    if (!known) return std::string{n};
  }
  return std::nullopt;
}

// "MM.DD" of `year` -> a valid date.
std::optional<Date> month_day(std::string_view text, int year) {
  if (text.size() != 5 || text[2] != '.') return std::nullopt;
  auto two = [&](size_t at) -> std::optional<unsigned> {
    if (text[at] < '0' || text[at] > '9' || text[at + 1] < '0' || text[at + 1] > '9') {
      return std::nullopt;
    }
    return static_cast<unsigned>((text[at] - '0') * 10 + (text[at + 1] - '0'));
  };
  const auto m = two(0);
  const auto d = two(3);
  if (!m || !d) return std::nullopt;
  const Date date{std::chrono::year{year}, std::chrono::month{*m}, std::chrono::day{*d}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string iso(Date d) {
  return format_iso_date(d);
}

bool weekend(Date d) {
  const std::chrono::weekday wd{sys_days{d}};
  return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

// A TOML basic string: quotes, backslashes and control characters escaped.
std::string toml_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04X", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// One line of a comment: control characters become spaces.
std::string comment_text(std::string_view text) {
  std::string out{text};
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return out;
}

struct XmlDay {
  long line = 0;
  int type = 0;  // 1, 2 or 3
  std::optional<std::string> holiday;
  std::optional<Date> moved_from;
};

}  // namespace

Result<ImportedCalendar> import_xmlcalendar(std::string_view xml,
                                            const XmlCalendarImport& options) {
  if (options.source.empty()) return fail_in(options, 0, "the source (the decree) is required");
  // libxml2 reports syntax errors through the context; NONET: no DTD or entity is fetched.
  std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt{xmlNewParserCtxt()};
  if (!ctxt) return fail(ErrorCode::internal, "libxml2: cannot create a parser");
  const std::string name = options.input_name.empty() ? "xmlcalendar" : options.input_name;
  std::unique_ptr<xmlDoc, DocFree> doc{
      xmlCtxtReadMemory(ctxt.get(), xml.data(), static_cast<int>(xml.size()), name.c_str(), nullptr,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)};
  if (!doc) {
    const xmlError* e = xmlCtxtGetLastError(ctxt.get());
    std::string message = e && e->message ? e->message : "not well-formed XML";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    return fail_in(options, e ? e->line : 0, "not XML: " + message);
  }

  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr || name_of(root) != "calendar") {
    return fail_in(options, root ? xmlGetLineNo(root) : 0, "the root element must be <calendar>");
  }
  const long root_line = xmlGetLineNo(root);
  if (auto bad = unknown_attribute(root, {"year", "lang", "date", "country"})) {
    return fail_in(options, root_line, "unknown attribute " + *bad + " on <calendar>");
  }
  if (auto country = attribute(root, "country"); country && *country != "ru") {
    return fail_in(options, root_line,
                   "country \"" + *country + "\" is not ru: this is the Russian calendar");
  }
  const auto year_text = attribute(root, "year");
  int year = 0;
  if (!year_text || year_text->size() != 4 ||
      year_text->find_first_not_of("0123456789") != std::string::npos ||
      (year = std::stoi(*year_text)) < 1992) {
    return fail_in(options, root_line, "<calendar year=\"YYYY\"> is missing or not a year");
  }

  std::map<std::string, std::string> holidays;  // id -> title
  std::map<sys_days, XmlDay> days;
  for (const xmlNode* section = root->children; section != nullptr; section = section->next) {
    if (section->type != XML_ELEMENT_NODE) continue;
    const long line = xmlGetLineNo(section);
    if (name_of(section) == "holidays") {
      for (const xmlNode* h = section->children; h != nullptr; h = h->next) {
        if (h->type != XML_ELEMENT_NODE) continue;
        const long hline = xmlGetLineNo(h);
        if (name_of(h) != "holiday") {
          return fail_in(options, hline,
                         "unknown element <" + std::string{name_of(h)} + "> in <holidays>");
        }
        if (auto bad = unknown_attribute(h, {"id", "title"})) {
          return fail_in(options, hline, "unknown attribute " + *bad + " on <holiday>");
        }
        const auto id = attribute(h, "id");
        if (!id || id->empty()) return fail_in(options, hline, "<holiday> without id");
        if (!holidays.emplace(*id, attribute(h, "title").value_or("")).second) {
          return fail_in(options, hline, "holiday id " + *id + " twice");
        }
      }
    } else if (name_of(section) == "days") {
      for (const xmlNode* d = section->children; d != nullptr; d = d->next) {
        if (d->type != XML_ELEMENT_NODE) continue;
        XmlDay day;
        day.line = xmlGetLineNo(d);
        if (name_of(d) != "day") {
          return fail_in(options, day.line,
                         "unknown element <" + std::string{name_of(d)} + "> in <days>");
        }
        if (auto bad = unknown_attribute(d, {"d", "t", "h", "f"})) {
          return fail_in(options, day.line, "unknown attribute " + *bad + " on <day>");
        }
        const auto date_text = attribute(d, "d");
        const auto date = date_text ? month_day(*date_text, year) : std::nullopt;
        if (!date) {
          return fail_in(options, day.line,
                         "d=\"" + date_text.value_or("") + "\" is not a date MM.DD of " +
                             std::to_string(year));
        }
        const auto type_text = attribute(d, "t");
        if (type_text != "1" && type_text != "2" && type_text != "3") {
          return fail_in(options, day.line,
                         "t=\"" + type_text.value_or("") + "\" on " + iso(*date) +
                             " (expected 1 day off, 2 shortened, 3 working weekend day)");
        }
        day.type = (*type_text)[0] - '0';
        if (day.type == 3 && !weekend(*date)) {
          return fail_in(options, day.line,
                         "t=\"3\" on " + iso(*date) + ", which is not a Saturday or Sunday");
        }
        day.holiday = attribute(d, "h");
        if (const auto from_text = attribute(d, "f")) {
          if (day.type != 1) {
            return fail_in(options, day.line, "f is only allowed on a day off (t=\"1\")");
          }
          day.moved_from = month_day(*from_text, year);
          if (!day.moved_from || *day.moved_from == *date) {
            return fail_in(options, day.line, "f=\"" + *from_text + "\" is not another date MM.DD");
          }
        }
        if (!days.emplace(sys_days{*date}, day).second) {
          return fail_in(options, day.line, "day " + iso(*date) + " twice");
        }
      }
    } else {
      return fail_in(options, line,
                     "unknown element <" + std::string{name_of(section)} + "> in <calendar>");
    }
  }

  std::map<sys_days, sys_days> moved_to;  // f -> the day off moved there
  for (const auto& [date, day] : days) {
    if (day.holiday && !holidays.contains(*day.holiday)) {
      return fail_in(options, day.line, "h=\"" + *day.holiday + "\" names no <holiday>");
    }
    if (day.moved_from && !moved_to.emplace(sys_days{*day.moved_from}, date).second) {
      return fail_in(options, day.line, "a second day off moved from " + iso(*day.moved_from));
    }
  }

  static constexpr const char* kWeekday[] = {"пн", "вт", "ср", "чт", "пт", "сб", "вс"};
  ImportedCalendar out;
  out.year = year;
  std::string& t = out.toml;
  t += "# Производственный календарь РФ на " + std::to_string(year) +
       " год (R-TIME-1). Формат описан в README.md рядом.\n";
  t += "# Импортирован командой okno-server import-calendar из " + comment_text(name) +
       " (формат xmlcalendar).\n";
  t += "year = " + std::to_string(year) + "\n";
  t += std::string("provisional = ") + (options.provisional ? "true" : "false") + "\n";
  t += "source = " + toml_string(options.source) + "\n";
  for (const auto& [date, day] : days) {
    const Date ymd{date};
    const bool on_weekend = weekend(ymd);
    const auto to = moved_to.find(date);
    const std::string moved_there = to == moved_to.end() ? "" : iso(Date{to->second});
    const std::string working_weekend = std::chrono::weekday{date} == std::chrono::Saturday
                                            ? "Рабочая суббота"
                                            : "Рабочее воскресенье";
    std::string type;
    std::string note;
    switch (day.type) {
      case 1:
        type = "day_off";
        if (day.holiday) {
          note = holidays.at(*day.holiday);
        } else if (day.moved_from) {
          note = "Перенос выходного с " + iso(*day.moved_from);
        } else {
          note = "Нерабочий день";
        }
        break;
      case 2:
        type = "shortened";
        note = !on_weekend           ? "Предпраздничный день"
               : moved_there.empty() ? working_weekend + ", предпраздничный день"
                                     : working_weekend + " (выходной перенесён на " + moved_there +
                                           "), предпраздничный день";
        break;
      default:
        type = "working_weekend";
        note = moved_there.empty()
                   ? working_weekend
                   : working_weekend + " (выходной перенесён на " + moved_there + ")";
        break;
    }
    t += "\n[[day]]\n";
    t += "date = " + iso(ymd) + " # " + kWeekday[std::chrono::weekday{date}.iso_encoding() - 1] +
         "\n";
    t += "type = \"" + type + "\"\n";
    if (!note.empty()) t += "note = " + toml_string(note) + "\n";
    if (day.moved_from) t += "moved_from = " + iso(*day.moved_from) + "\n";
    ++out.days;
  }

  // What is written must load exactly as the shipped files do.
  ProductionCalendar check;
  if (auto loaded = check.add_year_toml(t, "ru-" + std::to_string(year) + ".toml"); !loaded) {
    return fail_in(options, 0, "the converted calendar does not load: " + loaded.error().detail);
  }
  return out;
}

}  // namespace okno
