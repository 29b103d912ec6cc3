// The staff console's web pages: sign-in, the desk view, the consultation-line operator view and
// the administrator's today view. Server-rendered HTML from assets/web/ with every string from
// the locale catalogs; a little plain JavaScript (assets/web/*.js) calls the JSON API.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include <httplib.h>

#include "okno/office.hpp"
#include "okno/server/pages/page_kit.hpp"  // html_escape
#include "okno/server/staff/staff_auth.hpp"

namespace okno {

class StaffConsole {
 public:
  // Reads the templates and static files of assets/web once.
  static Result<std::unique_ptr<StaffConsole>> create(const std::filesystem::path& web_dir,
                                                      StaffAuth& auth,
                                                      const OfficeDirectory& offices,
                                                      const ProductionCalendar& calendar);
  // GET/POST /staff/..., static files under /staff/assets/.
  void routes(httplib::Server& http);
  // The desk page offers "no-show" only after this many recalls (the queue's policy), so it
  // shows no button the queue would refuse.
  void set_recalls_before_no_show(int recalls) { recalls_before_no_show_ = recalls; }

  // {{t:key}} -> catalog text, {{name}} -> escaped value, {{&name}} -> raw value.
  std::string render(const std::string& tmpl, Language lang,
                     const std::map<std::string, std::string>& vars) const;

 private:
  StaffConsole(StaffAuth& auth, const OfficeDirectory& offices, const ProductionCalendar& calendar)
      : auth_(auth), offices_(offices), calendar_(calendar) {}
  std::string page(const httplib::Request& req, Language lang, const std::string& view,
                   const std::string& title_key, const std::optional<StaffSession>& who,
                   std::map<std::string, std::string> vars) const;
  void send_page(httplib::Response& res, int status, std::string html) const;
  std::string login_page(const httplib::Request& req, httplib::Response& res, Language lang,
                         const std::string& message_key, const std::string& message_kind) const;

  StaffAuth& auth_;
  const OfficeDirectory& offices_;
  const ProductionCalendar& calendar_;        // for the missing-year banner (R-TIME-1)
  std::map<std::string, std::string> files_;  // name in assets/web -> content
  int recalls_before_no_show_ = 0;
};

}  // namespace okno
