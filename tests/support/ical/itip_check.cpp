// The iCalendar referee (itip_check.hpp) on libical 3.0.
#include "ical/itip_check.hpp"

#include <libical/ical.h>

namespace okno::testing {

namespace {

// Every X-LIC-ERROR of `c` and its subcomponents, depth first.
void collect(icalcomponent* c, std::vector<std::string>& out) {
  for (icalproperty* p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
       p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
    out.push_back(std::string(icalcomponent_kind_to_string(icalcomponent_isa(c))) + ": " +
                  icalproperty_get_xlicerror(p));
  }
  for (icalcomponent* k = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); k;
       k = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT)) {
    collect(k, out);
  }
}

}  // namespace

std::vector<std::string> itip_problems(const std::string& ics) {
  std::vector<std::string> out;
  icalcomponent* root = icalparser_parse_string(ics.c_str());
  if (!root) return {"libical could not parse the file"};
  if (icalcomponent_isa(root) != ICAL_VCALENDAR_COMPONENT) {
    out.push_back("the file is not one VCALENDAR");
  } else {
    // Adds an X-LIC-ERROR to each component that breaks a rule of its METHOD; 0 then.
    const int ok = icalrestriction_check(root);
    collect(root, out);
    if (!ok && out.empty()) out.push_back("icalrestriction_check refused the file");
  }
  icalcomponent_free(root);
  return out;
}

std::vector<std::string> alarm_triggers(const std::string& ics) {
  std::vector<std::string> out;
  icalcomponent* root = icalparser_parse_string(ics.c_str());
  if (!root) return out;
  for (icalcomponent* event = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT); event;
       event = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT)) {
    for (icalcomponent* alarm = icalcomponent_get_first_component(event, ICAL_VALARM_COMPONENT);
         alarm; alarm = icalcomponent_get_next_component(event, ICAL_VALARM_COMPONENT)) {
      icalproperty* trigger = icalcomponent_get_first_property(alarm, ICAL_TRIGGER_PROPERTY);
      if (!trigger) {
        out.push_back("(no TRIGGER)");
        continue;
      }
      const struct icaltriggertype t = icalproperty_get_trigger(trigger);
      out.push_back(icaldurationtype_as_ical_string(t.duration));
    }
  }
  icalcomponent_free(root);
  return out;
}

}  // namespace okno::testing
