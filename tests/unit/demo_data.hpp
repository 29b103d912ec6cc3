// Unit-test data: the shipped demo office, production calendars and locale catalogs, loaded once
// per test binary from the source tree (a load failure fails the test that asked).
#pragma once

#include <gtest/gtest.h>

#include "okno/calendar.hpp"
#include "okno/i18n.hpp"
#include "okno/office.hpp"
#include "okno/source_root.hpp"

namespace okno::test_data {

inline const OfficeDirectory& demo_offices() {
  static const OfficeDirectory dir = [] {
    auto loaded = load_offices_file(OKNO_SOURCE_ROOT "/assets/offices/demo.toml");
    if (!loaded) ADD_FAILURE() << loaded.error().detail;
    return loaded ? std::move(*loaded) : OfficeDirectory{};
  }();
  return dir;
}

inline const ProductionCalendar& calendar() {
  static const ProductionCalendar c = [] {
    auto loaded = ProductionCalendar::load_directory(OKNO_SOURCE_ROOT "/assets/calendar");
    if (!loaded) ADD_FAILURE() << loaded.error().detail;
    return loaded ? std::move(*loaded) : ProductionCalendar{};
  }();
  return c;
}

// As the server and the kiosk use them: {hotline} filled from demo.toml's [hotline].
inline const Catalog& catalog() {
  static const Catalog c = [] {
    auto loaded = Catalog::load_directory(OKNO_SOURCE_ROOT "/locales");
    if (!loaded) ADD_FAILURE() << loaded.error().detail;
    if (loaded) loaded->set_constants(hotline_constants(demo_offices().hotline));
    return loaded ? std::move(*loaded) : Catalog{};
  }();
  return c;
}

}  // namespace okno::test_data
