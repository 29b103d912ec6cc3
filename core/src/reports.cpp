// Period reports and their CSV (see reports.hpp for the definitions).
#include "okno/reports.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <date/tz.h>

#include "okno/slots.hpp"

namespace okno::reports {

using namespace std::chrono;

Result<Period> period_of(std::string_view kind, Date day, std::optional<Date> from,
                         std::optional<Date> to) {
  Period p{day, day};
  if (kind == "day") {
  } else if (kind == "week") {
    const sys_days d{day};
    const weekday wd{d};
    const sys_days monday = d - days{(wd.c_encoding() + 6) % 7};
    p = {Date{monday}, Date{monday + days{6}}};
  } else if (kind == "month") {
    p = {Date{day.year(), day.month(), std::chrono::day{1}},
         Date{year_month_day_last{day.year(), month_day_last{day.month()}}}};
  } else if (kind == "custom") {
    if (!from) return fail(ErrorCode::missing_field, "from");
    if (!to) return fail(ErrorCode::missing_field, "to");
    p = {*from, *to};
  } else {
    return fail(ErrorCode::invalid_value, "period");
  }
  if (!p.from.ok() || !p.to.ok()) return fail(ErrorCode::invalid_date, "period");
  const auto length = (sys_days{p.to} - sys_days{p.from}).count() + 1;
  if (length < 1 || length > kMaxPeriodDays) return fail(ErrorCode::invalid_range, "period");
  return p;
}

std::vector<Date> days_of(const Period& p) {
  std::vector<Date> out;
  for (sys_days d{p.from}; d <= sys_days{p.to}; d += days{1}) out.emplace_back(d);
  return out;
}

std::pair<Seconds, Seconds> utc_bounds(const Office& office, const Period& p) {
  auto midnight = [&](sys_days d) {
    const date::local_days local{d.time_since_epoch()};
    if (!office.zone) return Seconds{d.time_since_epoch()};
    return time_point_cast<seconds>(office.zone->to_sys(local, date::choose::earliest));
  };
  return {midnight(sys_days{p.from}), midnight(sys_days{p.to} + days{1})};
}

namespace {

std::optional<double> ratio(double part, int whole) {
  if (whole <= 0) return std::nullopt;
  return part / whole;
}

}  // namespace

std::optional<double> Figures::avg_wait_min() const {
  if (stats.timed_waits == 0) return std::nullopt;
  return stats.avg_wait_min;
}
std::optional<double> Figures::avg_service_min() const {
  if (stats.timed_services == 0) return std::nullopt;
  return stats.avg_service_min;
}
std::optional<double> Figures::share_within_15() const {
  if (stats.decided_15 == 0) return std::nullopt;
  return stats.share_called_within_15;
}
std::optional<double> Figures::share_booked_within_5() const {
  if (stats.booked_decided == 0) return std::nullopt;
  return stats.share_booked_within_5;
}
std::optional<double> Figures::load() const {
  if (stats.busy_min <= 0 && stats.served == 0) return std::nullopt;
  return stats.load;
}

std::optional<double> CriterionSummary::average() const {
  double sum = 0;
  for (int i = 0; i < 5; ++i) sum += (i + 1) * scores[static_cast<std::size_t>(i)];
  return ratio(sum, count);
}

std::optional<double> FeedbackSummary::share_got_answer() const {
  return ratio(got_answer_yes, got_answer_yes + got_answer_no);
}

std::optional<double> FeedbackSummary::share_satisfied() const {
  return ratio(satisfied, satisfied + partly + not_satisfied);
}

PeriodReport period_report(const ReportInput& in, const Office& office, Period period,
                           Language lang, Seconds now) {
  const sys_days first{period.from}, last{period.to};
  auto inside = [&](Date d) { return sys_days{d} >= first && sys_days{d} <= last; };
  queue::GroupAccumulator all;
  std::map<sys_days, queue::GroupAccumulator> by_day;
  std::map<std::string, queue::GroupAccumulator> by_desk, by_employee;
  for (const auto& t : in.tickets) {
    if (!inside(t.day)) continue;
    all.add(t, now);
    by_day[sys_days{t.day}].add(t, now);
    if (!t.desk.empty()) by_desk[t.desk].add(t, now);
    auto who = in.employee_of.find(t.id);
    by_employee[who == in.employee_of.end() ? std::string() : who->second].add(t, now);
  }
  PeriodReport r;
  r.period = period;
  r.office.stats = all.result("", 0);
  for (const Date d : days_of(period)) {
    Figures f;
    f.stats = by_day[sys_days{d}].result(format_iso_date(d), 0);
    r.by_day.push_back(std::move(f));
  }
  for (const auto& [id, acc] : by_desk) {
    Figures f;
    f.stats = acc.result(id, in.open_minutes);
    for (const auto& desk : office.desks) {
      if (desk.id == id) f.name = desk.name.get(lang);
    }
    r.by_desk.push_back(std::move(f));
  }
  for (const auto& [login, acc] : by_employee) {
    Figures f;
    f.stats = acc.result(login, 0);
    if (auto n = in.employee_names.find(login); n != in.employee_names.end()) f.name = n->second;
    r.by_employee.push_back(std::move(f));
  }
  FeedbackSummary& fb = r.feedback;
  for (const std::string_view c : kFederalCriteria) fb.federal.push_back({std::string(c)});
  for (const auto& e : in.feedback) {
    if (!inside(local_date(office, e.at))) continue;
    ++fb.responses;
    if (e.got_answer) ++(*e.got_answer ? fb.got_answer_yes : fb.got_answer_no);
    if (e.satisfaction == "satisfied") ++fb.satisfied;
    if (e.satisfaction == "partly") ++fb.partly;
    if (e.satisfaction == "not_satisfied") ++fb.not_satisfied;
    for (auto& c : fb.federal) {
      auto score = e.federal.find(c.id);
      if (score == e.federal.end() || score->second < 1 || score->second > 5) continue;
      ++c.count;
      ++c.scores[static_cast<std::size_t>(score->second - 1)];
    }
    if (!e.comment.empty()) fb.comments.push_back(e);
  }
  std::stable_sort(fb.comments.begin(), fb.comments.end(),
                   [](const FeedbackEntry& a, const FeedbackEntry& b) { return a.at < b.at; });
  return r;
}

// ---- CSV ----

CsvDialect plain_csv() {
  return CsvDialect{};
}

CsvDialect excel_csv() {
  return CsvDialect{';', true, true, true};
}

std::string csv_field(std::string_view text, const CsvDialect& d) {
  std::string cell;
  if (d.guard_formulas && !text.empty() &&
      (text.front() == '=' || text.front() == '+' || text.front() == '-' || text.front() == '@')) {
    cell = "'";
  }
  cell += text;
  const bool quote =
      cell.find_first_of(std::string{d.separator, '"', '\r', '\n'}) != std::string::npos;
  if (!quote) return cell;
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string csv_number(std::optional<double> v, const CsvDialect& d, int decimals) {
  if (!v || !std::isfinite(*v)) return {};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, *v);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  if (d.decimal_comma) std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

namespace {

std::optional<double> percent(std::optional<double> share) {
  if (!share) return std::nullopt;
  return *share * 100;
}

class CsvWriter {
 public:
  explicit CsvWriter(const CsvDialect& d) : d_(d) {
    if (d.bom) out_ = "\xEF\xBB\xBF";
  }
  CsvWriter& text(std::string_view s) {
    sep();
    out_ += csv_field(s, d_);
    return *this;
  }
  CsvWriter& number(std::optional<double> v, int decimals = 1) {
    sep();
    out_ += csv_number(v, d_, decimals);
    return *this;
  }
  CsvWriter& count(int n) { return number(static_cast<double>(n), 0); }
  void end_row() {
    out_ += "\r\n";
    first_ = true;
  }
  std::string take() { return std::move(out_); }

 private:
  void sep() {
    if (!first_) out_ += d_.separator;
    first_ = false;
  }
  CsvDialect d_;
  std::string out_;
  bool first_ = true;
};

void figures_row(CsvWriter& w, std::string_view section, const Figures& f) {
  const auto& s = f.stats;
  w.text(section).text(s.key).text(f.name);
  w.count(s.tickets).count(s.served).count(s.no_shows).count(s.cancelled).count(s.waiting);
  w.number(f.avg_wait_min()).number(f.avg_service_min());
  w.number(percent(f.share_within_15())).number(percent(f.share_booked_within_5()));
  w.number(section == "desk" ? percent(f.load()) : std::nullopt);
  w.end_row();
}

}  // namespace

std::string report_csv(const PeriodReport& r, const Office& office, const CsvDialect& d) {
  CsvWriter w(d);
  for (const char* h : {"section", "key", "name", "tickets", "served", "no_shows", "cancelled",
                        "waiting", "avg_wait_min", "avg_service_min", "called_within_15_min_pct",
                        "booked_called_within_5_min_pct", "desk_load_pct"}) {
    w.text(h);
  }
  w.end_row();
  figures_row(w, "office", r.office);
  for (const auto& f : r.by_day) figures_row(w, "day", f);
  for (const auto& f : r.by_desk) figures_row(w, "desk", f);
  for (const auto& f : r.by_employee) figures_row(w, "employee", f);
  w.end_row();

  const FeedbackSummary& fb = r.feedback;
  for (const char* h : {"feedback", "answer", "count", "share_pct", "average"}) w.text(h);
  w.end_row();
  w.text("responses").text("").count(fb.responses).number(std::nullopt).number(std::nullopt);
  w.end_row();
  auto answer = [&](const char* q, const char* a, int n, std::optional<double> share) {
    w.text(q).text(a).count(n).number(percent(share)).number(std::nullopt);
    w.end_row();
  };
  const int yes_no = fb.got_answer_yes + fb.got_answer_no;
  const int rated = fb.satisfied + fb.partly + fb.not_satisfied;
  auto of = [](int n, int whole) { return ratio(n, whole); };
  answer("got_answer", "yes", fb.got_answer_yes, of(fb.got_answer_yes, yes_no));
  answer("got_answer", "no", fb.got_answer_no, of(fb.got_answer_no, yes_no));
  answer("satisfaction", "satisfied", fb.satisfied, of(fb.satisfied, rated));
  answer("satisfaction", "partly", fb.partly, of(fb.partly, rated));
  answer("satisfaction", "not_satisfied", fb.not_satisfied, of(fb.not_satisfied, rated));
  for (const auto& c : fb.federal) {
    w.text("federal." + c.id).text("").count(c.count).number(std::nullopt).number(c.average(), 2);
    w.end_row();
  }
  w.end_row();

  for (const char* h :
       {"comment_at", "channel", "ticket", "got_answer", "satisfaction", "language", "comment"}) {
    w.text(h);
  }
  w.end_row();
  for (const auto& e : fb.comments) {
    w.text(format_local_iso(office, e.at)).text(e.channel).text(e.ticket);
    w.text(e.got_answer ? (*e.got_answer ? "yes" : "no") : "").text(e.satisfaction);
    w.text(to_string(e.language)).text(e.comment);
    w.end_row();
  }
  return w.take();
}

}  // namespace okno::reports
