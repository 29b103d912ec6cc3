// Staff accounts for administrators (issue 16 item 4, docs/console.md): list and create; unlock,
// disable and enable, password reset (shown once, changed at the next sign-in), role change,
// desk assignment; per office whether receptionists may work any desk; the own password. Every
// change goes to the staff audit log (R-HIST-1) with who, what and when.
#include <algorithm>

#include "okno/server/http/api_json.hpp"
#include "okno/server/http/routes.hpp"
#include "okno/server/staff/staff_auth.hpp"

namespace okno {
namespace {

using nlohmann::json;

constexpr const char* kAccount = R"(/api/v1/staff/accounts/([a-z0-9._-]{1,64}))";

json desks_json(const std::vector<DeskRef>& desks) {
  json out = json::array();
  for (const auto& d : desks) out.push_back({{"office", d.office}, {"desk", d.desk}});
  return out;
}

json account_json(const StaffAuth& staff, const StaffAccount& a) {
  const auto locked = staff.locked_until(a.login);
  return {{"id", a.id},
          {"login", a.login},
          {"display_name", a.display_name},
          {"role", to_string(a.role)},
          {"active", a.active},
          {"created_at", api::utc_iso(a.created_at)},
          {"must_change_password", a.must_change_password},
          {"desks", desks_json(a.desks)},
          {"locked_until", locked ? json(api::utc_iso(*locked)) : json(nullptr)}};
}

// {"desks": [{"office": "demo", "desk": "1"}, ...]}: every office and desk must exist.
Result<std::vector<DeskRef>> parse_desks(const json& list, const OfficeDirectory& offices) {
  if (!list.is_array()) return fail(ErrorCode::wrong_type, "desks");
  if (list.size() > 200) return fail(ErrorCode::invalid_value, "desks");
  std::vector<DeskRef> out;
  for (const auto& item : list) {
    if (!item.is_object() || item.size() != 2 || !item.contains("office") ||
        !item.contains("desk") || !item["office"].is_string() || !item["desk"].is_string()) {
      return fail(ErrorCode::wrong_type, "desks[]");
    }
    DeskRef d{item["office"].get<std::string>(), item["desk"].get<std::string>()};
    const Office* office = offices.find(d.office);
    if (!office) return fail(ErrorCode::unknown_office, "desks[].office");
    const bool known = std::any_of(office->desks.begin(), office->desks.end(),
                                   [&](const Desk& k) { return k.id == d.desk; });
    if (!known) return fail(ErrorCode::unknown_desk, "desks[].desk");
    out.push_back(std::move(d));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Result<json> object_body(std::string_view body, std::initializer_list<const char*> known) {
  json doc = json::parse(body, nullptr, false);
  if (doc.is_discarded()) return fail(ErrorCode::invalid_json);
  if (!doc.is_object()) return fail(ErrorCode::wrong_type, "body");
  for (auto& [key, value] : doc.items()) {
    if (std::none_of(known.begin(), known.end(), [&](const char* k) { return key == k; }))
      return fail(ErrorCode::unknown_field, key);
  }
  return doc;
}

}  // namespace

void account_routes(httplib::Server& http, StaffAuth& staff, const OfficeDirectory& offices) {
  auto guard = [&staff](auto body) { return staff_guarded(staff, std::move(body)); };

  // An administrator's action on the account of the path: the account, or the answer written.
  auto target =
      [&staff](const httplib::Request& req,
               httplib::Response& res) -> std::optional<std::pair<StaffSession, StaffAccount>> {
    auto who = staff.require_staff(req, res, StaffRole::administrator);
    if (!who) return std::nullopt;
    auto found = staff.store().find_account(req.matches[1].str());
    if (!found) {
      staff.send_error(req, res, found.error());
      return std::nullopt;
    }
    if (!*found) {
      staff.send_error(req, res, Error{ErrorCode::account_not_found, "login"});
      return std::nullopt;
    }
    return std::pair{*who, **found};
  };
  // Answers with the account as it is now.
  auto reply_account = [&staff](const httplib::Request& req, httplib::Response& res,
                                std::string_view login) {
    auto now = staff.store().find_account(login);
    if (!now) return staff.send_error(req, res, now.error());
    if (!*now) return staff.send_error(req, res, Error{ErrorCode::account_not_found, "login"});
    (*now)->password_hash.clear();
    staff.send_json(res, 200, account_json(staff, **now));
  };

  http.Get("/api/v1/staff/accounts",
           guard([&staff](const httplib::Request& req, httplib::Response& res) {
             auto who = staff.require_staff(req, res, StaffRole::administrator);
             if (!who) return;
             auto list = staff.store().list_accounts();
             if (!list) return staff.send_error(req, res, list.error());
             json out = json::array();
             for (const auto& a : *list) out.push_back(account_json(staff, a));
             staff.send_json(res, 200, {{"accounts", out}});
           }));

  http.Post(
      "/api/v1/staff/accounts",
      guard([&staff, &offices](const httplib::Request& req, httplib::Response& res) {
        auto who = staff.require_staff(req, res, StaffRole::administrator);
        if (!who) return;
        auto doc = object_body(req.body, {"login", "display_name", "role", "password", "desks"});
        if (!doc) return staff.send_error(req, res, doc.error());
        std::map<std::string, std::string> f;
        for (const char* k : {"login", "display_name", "role", "password"}) {
          auto it = doc->find(k);
          if (it == doc->end()) {
            return staff.send_error(req, res, Error{ErrorCode::missing_field, k});
          }
          if (!it->is_string()) {
            return staff.send_error(req, res, Error{ErrorCode::wrong_type, k});
          }
          f[k] = it->get<std::string>();
        }
        auto role = parse_staff_role(f["role"]);
        if (!role) return staff.send_error(req, res, Error{ErrorCode::invalid_value, "role"});
        std::vector<DeskRef> desks;
        if (doc->contains("desks")) {
          auto parsed = parse_desks((*doc)["desks"], offices);
          if (!parsed) return staff.send_error(req, res, parsed.error());
          desks = std::move(*parsed);
        }
        auto created = staff.create_account(f["login"], f["display_name"], *role, f["password"]);
        if (!created) return staff.send_error(req, res, created.error());
        if (!desks.empty()) {
          if (auto r = staff.store().set_desks(created->id, desks); !r)
            return staff.send_error(req, res, r.error());
          created->desks = desks;
        }
        staff.audit(*who, "staff.create", "account:" + created->login,
                    {{"role", to_string(created->role)}, {"desks", desks_json(desks)}});
        staff.send_json(res, 201, account_json(staff, *created));
      }));

  http.Post(
      std::string(kAccount) + "/unlock",
      guard([&staff, target, reply_account](const httplib::Request& req, httplib::Response& res) {
        auto t = target(req, res);
        if (!t) return;
        if (auto r = staff.unlock(t->second.login); !r)
          return staff.send_error(req, res, r.error());
        staff.audit(t->first, "staff.unlock", "account:" + t->second.login);
        reply_account(req, res, t->second.login);
      }));

  for (const bool active : {false, true}) {
    http.Post(std::string(kAccount) + (active ? "/enable" : "/disable"),
              guard([&staff, target, reply_account, active](const httplib::Request& req,
                                                            httplib::Response& res) {
                auto t = target(req, res);
                if (!t) return;
                auto& [who, account] = *t;
                // Disabling oneself would leave an office without its administrator by mistake.
                if (!active && account.id == who.staff_id)
                  return staff.send_error(req, res, Error{ErrorCode::own_account, "login"});
                account.active = active;
                account.password_hash.clear();  // unchanged
                if (auto r = staff.store().update_account(account); !r)
                  return staff.send_error(req, res, r.error());
                if (!active) {
                  if (auto r = staff.store().delete_sessions_of(account.id); !r)
                    return staff.send_error(req, res, r.error());
                }
                staff.audit(who, active ? "staff.enable" : "staff.disable",
                            "account:" + account.login);
                reply_account(req, res, account.login);
              }));
  }

  // {"password": "..."} sets the administrator's choice; {} generates one. Either way the answer
  // shows it this once and the user must choose their own at the next sign-in.
  http.Post(std::string(kAccount) + "/password",
            guard([&staff, target](const httplib::Request& req, httplib::Response& res) {
              auto t = target(req, res);
              if (!t) return;
              auto fields = api::string_fields(req.body.empty() ? "{}" : req.body, {"password"});
              if (!fields) return staff.send_error(req, res, fields.error());
              std::optional<std::string_view> chosen;
              if (fields->contains("password")) chosen = (*fields)["password"];
              auto password = staff.reset_password(t->second.login, chosen);
              if (!password) return staff.send_error(req, res, password.error());
              staff.audit(t->first, "staff.password_reset", "account:" + t->second.login,
                          {{"generated", !chosen}});
              staff.send_json(res, 200,
                              {{"login", t->second.login},
                               {"password", *password},
                               {"generated", !chosen},
                               {"must_change_password", true}});
            }));

  http.Put(
      std::string(kAccount) + "/role",
      guard([&staff, target, reply_account](const httplib::Request& req, httplib::Response& res) {
        auto t = target(req, res);
        if (!t) return;
        auto& [who, account] = *t;
        auto fields = api::string_fields(req.body, {"role"});
        if (!fields) return staff.send_error(req, res, fields.error());
        if (!fields->contains("role"))
          return staff.send_error(req, res, Error{ErrorCode::missing_field, "role"});
        auto role = parse_staff_role((*fields)["role"]);
        if (!role) return staff.send_error(req, res, Error{ErrorCode::invalid_value, "role"});
        if (account.id == who.staff_id && *role != account.role)
          return staff.send_error(req, res, Error{ErrorCode::own_account, "login"});
        const StaffRole before = account.role;
        account.role = *role;
        account.password_hash.clear();
        if (auto r = staff.store().update_account(account); !r)
          return staff.send_error(req, res, r.error());
        staff.audit(who, "staff.role", "account:" + account.login,
                    {{"from", to_string(before)}, {"to", to_string(*role)}});
        reply_account(req, res, account.login);
      }));

  http.Put(std::string(kAccount) + "/desks",
           guard([&staff, &offices, target, reply_account](const httplib::Request& req,
                                                           httplib::Response& res) {
             auto t = target(req, res);
             if (!t) return;
             auto doc = object_body(req.body, {"desks"});
             if (!doc) return staff.send_error(req, res, doc.error());
             if (!doc->contains("desks"))
               return staff.send_error(req, res, Error{ErrorCode::missing_field, "desks"});
             auto desks = parse_desks((*doc)["desks"], offices);
             if (!desks) return staff.send_error(req, res, desks.error());
             if (auto r = staff.store().set_desks(t->second.id, *desks); !r)
               return staff.send_error(req, res, r.error());
             staff.audit(t->first, "staff.desks", "account:" + t->second.login,
                         {{"desks", desks_json(*desks)}});
             reply_account(req, res, t->second.login);
           }));

  // Per office: may receptionists work at any desk, or only at their assigned ones?
  http.Get("/api/v1/staff/desk-rules",
           guard([&staff, &offices](const httplib::Request& req, httplib::Response& res) {
             auto who = staff.require_staff(req, res, StaffRole::administrator);
             if (!who) return;
             json out = json::array();
             for (const auto& o : offices.offices) {
               auto any = staff.store().office_any_desk(o.id);
               if (!any) return staff.send_error(req, res, any.error());
               out.push_back({{"office", o.id}, {"any_desk", *any}});
             }
             staff.send_json(res, 200, {{"offices", out}});
           }));

  http.Put(R"(/api/v1/staff/desk-rules/([^/]+))",
           guard([&staff, &offices](const httplib::Request& req, httplib::Response& res) {
             auto who = staff.require_staff(req, res, StaffRole::administrator);
             if (!who) return;
             const Office* office = offices.find(req.matches[1].str());
             if (!office) return staff.send_error(req, res, Error{ErrorCode::unknown_office, {}});
             auto doc = object_body(req.body, {"any_desk"});
             if (!doc) return staff.send_error(req, res, doc.error());
             auto it = doc->find("any_desk");
             if (it == doc->end())
               return staff.send_error(req, res, Error{ErrorCode::missing_field, "any_desk"});
             if (!it->is_boolean())
               return staff.send_error(req, res, Error{ErrorCode::wrong_type, "any_desk"});
             const bool any = it->get<bool>();
             if (auto r = staff.store().set_office_any_desk(office->id, any); !r)
               return staff.send_error(req, res, r.error());
             staff.audit(*who, "staff.desk_rule", "office:" + office->id, {{"any_desk", any}});
             staff.send_json(res, 200, {{"office", office->id}, {"any_desk", any}});
           }));

  // The signed-in member's own password (after a reset it is the only thing they may do).
  http.Post("/api/v1/staff/password",
            guard([&staff](const httplib::Request& req, httplib::Response& res) {
              auto who = staff.require_signed_in(req, res);  // any role
              if (!who) return;
              auto fields = api::string_fields(req.body, {"current_password", "password"});
              if (!fields) return staff.send_error(req, res, fields.error());
              for (const char* k : {"current_password", "password"}) {
                if (!fields->contains(k))
                  return staff.send_error(req, res, Error{ErrorCode::missing_field, k});
              }
              auto r = staff.change_own_password(*who, (*fields)["current_password"],
                                                 (*fields)["password"]);
              if (!r) {
                if (r.error().detail == "current_password")
                  staff.audit(*who, "password.change_failed", "account:" + who->login);
                return staff.send_error(req, res, r.error());
              }
              staff.audit(*who, "password.change", "account:" + who->login);
              staff.send_json(res, 200, {{"login", who->login}, {"must_change_password", false}});
            }));
}

}  // namespace okno
