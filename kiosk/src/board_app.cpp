// BoardApp (board_app.hpp): the board's state changes only through core's board functions; the
// stream and the player report through the UiQueue, drained once per frame.
#include "board_app.hpp"

#include <imgui.h>

#include <cmath>
#include <fstream>
#include <iterator>

namespace okno::kiosk {
namespace {

std::vector<board::Notice> load_notices(const std::filesystem::path& file,
                                        const std::string& office) {
  std::vector<board::Notice> out;
  std::ifstream in(file, std::ios::binary);
  if (!in) return out;  // no file: no notices line
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto notices = board::parse_notices_toml(text, file.string());
  if (!notices) {
    std::fprintf(stderr, "okno-kiosk: %s\n", notices.error().detail.c_str());
    return out;
  }
  for (auto& n : *notices) {
    if (n.office.empty() || n.office == office) out.push_back(std::move(n));
  }
  return out;
}

std::FILE* open_log(const std::filesystem::path& file) {
  if (file.empty()) return nullptr;
  std::FILE* f = std::fopen(file.c_str(), "a");
  if (!f) std::fprintf(stderr, "okno-kiosk: cannot write %s\n", file.c_str());
  return f;
}

// Every character the call font must have: tickets (digits, capitals) and the desk names in the
// board's language.
std::string call_glyphs(const Office& office, Language lang) {
  std::string out;
  for (const auto& d : office.desks) out += d.name.get(lang) + d.id;
  return out;
}

}  // namespace

BoardApp::BoardApp(BoardSettings settings, const KioskData& data,
                   std::unique_ptr<AnnouncementPlayer> player,
                   std::function<board::TimePoint()> clock)
    : settings_(std::move(settings)),
      data_(data),
      player_(std::move(player)),
      clock_(std::move(clock)) {
  notices_ = load_notices(settings_.notices, data_.office->id);
  announce_log_ = open_log(settings_.announce_log);
  state_log_ = open_log(settings_.state_log);
}

BoardApp::~BoardApp() {
  stream_.reset();  // its threads post into ui_queue_: stop them first
  player_.reset();
  if (announce_log_) std::fclose(announce_log_);
  if (state_log_) std::fclose(state_log_);
}

bool BoardApp::build_fonts(std::string& error) {
  if (!build_board_fonts(*ImGui::GetIO().Fonts, settings_.fonts, settings_.scale,
                         settings_.screen_height / 1080.0f,
                         call_glyphs(*data_.office, settings_.config.language), fonts_, error))
    return false;
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  apply_palette(board_palette());
  return true;
}

void BoardApp::start() {
  if (settings_.server.empty() || stream_) return;
  stream_ = std::make_unique<BoardStream>(
      settings_.server, data_.office->id, ui_queue_,
      BoardStreamHandlers{[this](bool up) { on_link(up); }, [this](board::Event e) { on_event(e); },
                          [this](board::QueueSnapshot s) { on_snapshot(s); }});
  stream_->start();
  log_state();
}

void BoardApp::on_link(bool up) {
  if (up) {
    board::link_up(state_, clock_());
  } else {
    board::link_down(state_, clock_());
  }
  log_state();
}

void BoardApp::on_event(const board::Event& e) {
  const board::TimePoint now = clock_();
  auto applied = board::apply_event(state_, settings_.config, *data_.office, e, now);
  if (applied.called && board::speaks_at(settings_.config, *data_.office, now)) {
    queue_.push(board::make_announcement(data_.catalog, *data_.office, *applied.called));
    pump();
  }
  if (applied.reload && stream_) stream_->request_snapshot();
  if (applied.changed) log_state();
}

void BoardApp::on_snapshot(const board::QueueSnapshot& s) {
  board::apply_snapshot(state_, settings_.config, *data_.office, s, clock_());
  log_state();
}

void BoardApp::pump() {
  auto next = queue_.start_next();
  if (!next) return;
  player_->play(std::move(*next), [this](PlayedAnnouncement played) {
    ui_queue_.post([this, played = std::move(played)] {
      if (!played.error.empty()) {
        std::fprintf(stderr, "okno-kiosk: announcement %s not played: %s\n",
                     played.announcement.ticket.c_str(), played.error.c_str());
      } else if (announce_log_) {
        std::fprintf(announce_log_, "%s\n", announce_log_line(played).c_str());
        std::fflush(announce_log_);
      }
      queue_.finished();
      pump();
    });
  });
}

void BoardApp::log_state() {
  if (!state_log_) return;
  nlohmann::json line = board::state_json(state_);
  const std::string key = line.dump();
  if (key == last_logged_) return;
  last_logged_ = key;
  line["at"] = date::format("%FT%TZ", clock_());
  std::fprintf(state_log_, "%s\n", line.dump().c_str());
  std::fflush(state_log_);
}

void BoardApp::frame() {
  ui_queue_.drain();
  ImGui::NewFrame();
  const BoardView view{state_,   settings_.config, data_.catalog,   *data_.office, data_.calendar,
                       notices_, fonts_,           board_palette(), clock_()};
  draw_board(view, frame_);
  ImGui::Render();
}

double BoardApp::next_wakeup() const {
  const board::TimePoint now = clock_();
  using board::Millis;
  const auto ms = now.time_since_epoch().count();
  // The clock's next minute.
  double wait = double(60'000 - ms % 60'000) / 1000.0;
  // The flash's next phase (400 ms), and the end of the flash.
  if (board::flashing(state_, now)) {
    const auto left = (state_.flash_until - now).count();
    wait = std::min(wait, double(left % 400 == 0 ? 400 : left % 400) / 1000.0);
  }
  if (!notices_.empty()) wait = std::min(wait, double(8'000 - ms % 8'000) / 1000.0);
  return std::max(wait, 0.005);
}

void set_up_board_demo(BoardApp& app, board::TimePoint now, bool reconnecting) {
  (void)now;
  app.on_link(true);
  // The day so far: each through apply_event, as from the stream.
  struct Call {
    const char* kind;
    const char* ticket;
    const char* desk;
    const char* service;
    const char* lang;
    int recalls;
  };
  const Call calls[] = {
      {"ticket.called", "A009", "1", "passport", "ru", 0},
      {"ticket.called", "B003", "3", "consultation", "hy", 0},
      {"ticket.called", "A010", "2", "passport", "kk", 0},
      {"ticket.called", "A1000", "1", "passport", "en", 0},
      {"ticket.recalled", "B003", "3", "consultation", "hy", 1},
      {"ticket.called", "B004", "3", "consultation", "be", 0},
      {"ticket.called", "A015", "2", "passport", "ky", 0},
  };
  std::int64_t id = 100;
  for (const auto& c : calls) {
    nlohmann::json data = {{"number", c.ticket},
                           {"desk", c.desk},
                           {"service", c.service},
                           {"language", c.lang},
                           {"repeat", false}};
    if (c.recalls > 0) data["recalls"] = c.recalls;
    app.on_event(board::Event{++id, c.kind, data});
  }
  board::QueueSnapshot snapshot;
  snapshot.services = {{"passport", 7, 25}, {"consultation", 2, 20}};
  snapshot.desks = {{"1", false, "A1000"}, {"2", false, "A015"}, {"3", false, "B004"}};
  app.on_snapshot(snapshot);
  if (reconnecting) app.on_link(false);
}

}  // namespace okno::kiosk
