// The staff API's kiosk devices (kiosk_devices.hpp): list, add (the key is in this one answer
// only), revoke. Administrators only; every change is in the staff audit log.
#include "okno/server/http/api_json.hpp"
#include "okno/server/http/reply.hpp"
#include "okno/server/http/routes.hpp"
#include "okno/server/staff/kiosk_devices.hpp"
#include "okno/server/staff/staff_auth.hpp"

namespace okno {
namespace {

using nlohmann::json;

json kiosk_json(const KioskDevice& d) {
  return {{"id", d.id},
          {"name", d.name},
          {"active", d.active()},
          {"created_at", api::utc_iso(d.created_at)},
          {"last_used_at", d.last_used_at ? json(api::utc_iso(*d.last_used_at)) : json(nullptr)},
          {"revoked_at", d.revoked_at ? json(api::utc_iso(*d.revoked_at)) : json(nullptr)}};
}

}  // namespace

void kiosk_routes(httplib::Server& http, StaffAuth& staff, KioskStore& kiosks) {
  auto guard = [&staff](auto body) {
    return guarded(body, [&staff](const httplib::Request& req, httplib::Response& res,
                                  const Error& e) { staff.send_error(req, res, e); });
  };

  http.Get("/api/v1/staff/kiosks",
           guard([&staff, &kiosks](const httplib::Request& req, httplib::Response& res) {
             auto who = staff.require_staff(req, res, StaffRole::administrator);
             if (!who) return;
             auto list = kiosks.list_kiosks();
             if (!list) return staff.send_error(req, res, list.error());
             json out = json::array();
             for (const auto& d : *list) out.push_back(kiosk_json(d));
             staff.send_json(res, 200, {{"kiosks", out}});
           }));

  http.Post(
      "/api/v1/staff/kiosks",
      guard([&staff, &kiosks](const httplib::Request& req, httplib::Response& res) {
        auto who = staff.require_staff(req, res, StaffRole::administrator);
        if (!who) return;
        if (!is_valid_utf8(req.body))
          return staff.send_error(req, res, Error{ErrorCode::invalid_utf8, {}});
        const json doc = json::parse(req.body, nullptr, false);
        if (doc.is_discarded())
          return staff.send_error(req, res, Error{ErrorCode::invalid_json, {}});
        if (!doc.is_object())
          return staff.send_error(req, res, Error{ErrorCode::wrong_type, "(body)"});
        for (auto it = doc.begin(); it != doc.end(); ++it) {
          if (it.key() != "name")
            return staff.send_error(req, res, Error{ErrorCode::unknown_field, it.key()});
        }
        auto name = doc.find("name");
        if (name == doc.end() || name->is_null())
          return staff.send_error(req, res, Error{ErrorCode::missing_field, "name"});
        if (!name->is_string())
          return staff.send_error(req, res, Error{ErrorCode::wrong_type, "name"});
        auto made = create_kiosk_key(kiosks, name->get<std::string>(), staff.clock().now());
        if (!made) return staff.send_error(req, res, made.error());
        staff.audit(*who, "kiosk.create", "kiosk:" + made->device.name, {{"id", made->device.id}});
        json body = kiosk_json(made->device);
        body["key"] = made->key;
        staff.send_json(res, 201, body);
      }));

  http.Post(R"(/api/v1/staff/kiosks/([0-9]{1,18})/revoke)",
            guard([&staff, &kiosks](const httplib::Request& req, httplib::Response& res) {
              auto who = staff.require_staff(req, res, StaffRole::administrator);
              if (!who) return;
              const std::int64_t id = std::stoll(req.matches[1].str());
              auto list = kiosks.list_kiosks();
              if (!list) return staff.send_error(req, res, list.error());
              auto it = std::find_if(list->begin(), list->end(),
                                     [id](const KioskDevice& d) { return d.id == id; });
              if (it == list->end())
                return staff.send_error(req, res, Error{ErrorCode::not_found, "kiosk"});
              auto revoked = kiosks.revoke_kiosk(id, staff.clock().now());
              if (!revoked) return staff.send_error(req, res, revoked.error());
              if (*revoked) staff.audit(*who, "kiosk.revoke", "kiosk:" + it->name, {{"id", id}});
              auto after = kiosks.list_kiosks();
              if (!after) return staff.send_error(req, res, after.error());
              for (const auto& d : *after) {
                if (d.id == id) return staff.send_json(res, 200, kiosk_json(d));
              }
              staff.send_error(req, res, Error{ErrorCode::not_found, "kiosk"});
            }));
}

}  // namespace okno
