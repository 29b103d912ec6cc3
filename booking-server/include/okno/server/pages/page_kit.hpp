// What the server-rendered pages share (the staff console, the waiting-room board): templates
// with catalog texts, escaping, boot JSON for the page script, and the security headers every
// page answers with.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "okno/i18n.hpp"
#include "okno/language.hpp"

namespace okno {

std::string html_escape(std::string_view text);

// {{t:key}} -> the catalog's text in `lang` (escaped), {{name}} -> escaped value,
// {{&name}} -> raw value (HTML the caller built).
std::string render_template(const std::string& tmpl, const Catalog& catalog, Language lang,
                            const std::map<std::string, std::string>& vars);

// JSON for <script type="application/json">: "<" escaped, so "</script>" cannot end it early.
std::string script_json(const nlohmann::json& j);

// An HTML page: a strict Content Security Policy (scripts, styles, media and connections to
// this server only: default-src 'self'), never cached, never framed.
void send_html_page(httplib::Response& res, int status, std::string html);

}  // namespace okno
