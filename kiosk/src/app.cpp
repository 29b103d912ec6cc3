// KioskApp: intents to state changes, network work through the worker, inactivity reset, focus
// speech. Results of requests carry the visitor's generation, so an answer that arrives after
// the visitor has gone (timeout, "finish") is dropped instead of showing up for the next person.
#include "app.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include <date/date.h>

#include "okno/booking_code.hpp"
#include "okno/slots.hpp"
#include "theme.hpp"

namespace okno::kiosk {

Result<KioskData> load_kiosk_data(const std::filesystem::path& assets,
                                  const std::filesystem::path& locales,
                                  const std::string& office_id) {
  KioskData data;
  auto catalog = Catalog::load_directory(locales);
  if (!catalog) return std::unexpected(catalog.error());
  data.catalog = std::move(*catalog);
  auto calendar = ProductionCalendar::load_directory(assets / "calendar");
  if (!calendar) return std::unexpected(calendar.error());
  data.calendar = std::move(*calendar);
  auto offices = load_offices_file(assets / "offices" / "demo.toml");
  if (!offices) return std::unexpected(offices.error());
  data.offices = std::move(*offices);
  data.catalog.set_constants(hotline_constants(data.offices.hotline));  // {hotline} in texts
  auto knowledge_file = assets / "knowledge" / (office_id + ".toml");
  if (std::filesystem::exists(knowledge_file)) {
    auto kb = load_knowledge(knowledge_file);
    if (!kb) return std::unexpected(kb.error());
    data.knowledge = std::move(*kb);
  }
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(assets / "kiosk", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(office_id + "-floor", 0) == 0 && entry.path().extension() == ".toml") {
      auto plan = load_floor_plan(entry.path());
      if (!plan) return std::unexpected(plan.error());
      data.plan = std::move(*plan);
      break;
    }
  }
  return data;
}

namespace {

// The comment is stored as UTF-8; a letter is one to four bytes (Cyrillic and Armenian two), so
// erasing and cutting work on whole characters, never leaving half a letter behind.
constexpr size_t kMaxCommentBytes = 1000;

void erase_last_character(std::string& s) {
  while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();
  if (!s.empty()) s.pop_back();
}

void drop_partial_last_character(std::string& s) {
  size_t lead = s.size();
  while (lead > 0 && (static_cast<unsigned char>(s[lead - 1]) & 0xC0) == 0x80) --lead;
  if (lead == 0) return;
  const auto c = static_cast<unsigned char>(s[lead - 1]);
  const size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
  if (lead - 1 + len > s.size()) s.resize(lead - 1);
}

bool any_key_down(const ImGuiIO& io) {
  for (bool down : io.KeysDown) {
    if (down) return true;
  }
  return false;
}

}  // namespace

KioskApp::KioskApp(KioskConfig config, const KioskData& data, std::shared_ptr<KioskBackend> backend,
                   std::unique_ptr<Speaker> speaker, std::function<Seconds()> wall_clock)
    : config_(std::move(config)),
      data_(data),
      backend_(std::move(backend)),
      speaker_(std::move(speaker)),
      wall_clock_(std::move(wall_clock)),
      worker_(ui_queue_) {
  ImGuiIO& io = ImGui::GetIO();
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.IniFilename = nullptr;  // a kiosk keeps no window layout between runs
  io.LogFilename = nullptr;
  speaker_->set_volume(state_.visitor.volume);
}

KioskApp::~KioskApp() = default;

bool KioskApp::build_fonts(std::string& error) {
  const float scale = state_.visitor.text_scale;
  if (!okno::kiosk::build_fonts(*ImGui::GetIO().Fonts, config_.fonts, scale, fonts_, error)) {
    return false;
  }
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  ImGuiStyle style;  // from the defaults each time: ScaleAllSizes is not reversible
  style.WindowPadding = ImVec2(24, 16);
  style.ItemSpacing = ImVec2(16, 14);
  style.FramePadding = ImVec2(16, 12);
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 2;
  style.ChildRounding = 8;
  style.FrameRounding = 8;
  style.ScrollbarSize = 40;  // a finger-sized scrollbar
  style.ScrollbarRounding = 8;
  // Margins and gaps grow half as fast as the text: large print is for reading, and a
  // margin as large as the text would push the actions off the screen (issue 16 item 11).
  style.ScaleAllSizes(1.0f + (scale - 1.0f) / 2);
  ImGui::GetStyle() = style;
  apply_palette(state_.visitor.high_contrast ? high_contrast_palette() : standard_palette());
  built_scale_ = scale;
  built_contrast_ = state_.visitor.high_contrast;
  if (on_fonts_rebuilt_) on_fonts_rebuilt_();
  return true;
}

const ButtonRecord* KioskApp::find_button(std::string_view id) const {
  if (!last_ui_) return nullptr;
  for (const auto& b : last_ui_->buttons) {
    if (b.id == id) return &b;
  }
  return nullptr;
}

void KioskApp::note_input(double now_s) {
  state_.last_input_s = now_s;
}

void KioskApp::frame(double now_s) {
  now_s_ = now_s;
  if (built_scale_ != state_.visitor.text_scale) {
    std::string error;
    build_fonts(error);  // the fonts loaded at start; a rebuild only changes sizes
  }
  if (built_contrast_ != state_.visitor.high_contrast) {
    apply_palette(state_.visitor.high_contrast ? high_contrast_palette() : standard_palette());
    built_contrast_ = state_.visitor.high_contrast;
  }
  ImGuiIO& io = ImGui::GetIO();
  const bool touched =
      std::any_of(std::begin(io.MouseDown), std::end(io.MouseDown), [](bool d) { return d; });
  const bool moved = io.MousePos.x != last_mouse_.x || io.MousePos.y != last_mouse_.y;
  if (touched || moved || any_key_down(io) || !io.InputQueueCharacters.empty()) {
    note_input(now_s);
  }
  last_mouse_ = io.MousePos;
  // Inactivity: ask first, then forget the visitor. Decided before drawing, so the question
  // (or the reset) shows in this very frame.
  const VisitorState fresh;
  const VisitorState& v = state_.visitor;
  const bool visitor_present = v.screen != Screen::welcome || v.language != fresh.language ||
                               v.text_scale != fresh.text_scale ||
                               v.high_contrast != fresh.high_contrast ||
                               v.speech_on != fresh.speech_on;
  if (!visitor_present) {
    state_.asking_more_time = false;
  } else if (state_.asking_more_time) {
    if (now_s - state_.asked_at_s >= config_.more_time_s) reset_visitor();
  } else if (now_s - state_.last_input_s >= config_.idle_timeout_s) {
    state_.asking_more_time = true;
    state_.asked_at_s = now_s;
    speak_screen_next_frame_ = true;
  }

  ImGui::NewFrame();
  consume_typed_characters();
  auto ui = std::make_unique<UiContext>(UiContext{
      .catalog = data_.catalog,
      .office = *data_.office,
      .calendar = data_.calendar,
      .knowledge = data_.knowledge,
      .plan = data_.plan ? &*data_.plan : nullptr,
      .fonts = fonts_,
      .palette = state_.visitor.high_contrast ? high_contrast_palette() : standard_palette(),
      .now_utc = wall_clock_(),
      .now_s = now_s,
      .px_per_mm = config_.px_per_mm,
      .federal_survey = config_.federal_survey,
      .more_time_s = config_.more_time_s,
      .intents = {},
      .buttons = {},
      .spoken = {},
      .plan_texts = {},
      .route = {},
      .route_width = 0,
      .lang = state_.visitor.language,
  });
  draw_kiosk(state_, *ui);
  // Speech says where the keyboard/keypad focus is (R-VISIT-10).
  ImGuiContext& g = *GImGui;
  if (g.NavId != last_nav_id_) {
    last_nav_id_ = g.NavId;
    if (state_.visitor.speech_on && !g.NavDisableHighlight) {
      for (const auto& b : ui->buttons) {
        if (b.imgui_id == g.NavId) speaker_->say(state_.visitor.language, b.label);
      }
    }
  }
  ImGui::Render();
  if (speak_screen_next_frame_) {
    speak_screen_next_frame_ = false;
    if (state_.visitor.speech_on) speaker_->say(state_.visitor.language, ui->spoken);
  }
  const auto intents = ui->intents;
  last_ui_ = std::move(ui);
  for (const auto& intent : intents) apply(intent);
  ui_queue_.drain();

  if (state_.server_down && now_s >= next_retry_s_) retry_server();
}

double KioskApp::next_wakeup(double now_s) const {
  double wake = std::numeric_limits<double>::infinity();
  if (state_.asking_more_time) {
    // The countdown shows whole seconds.
    wake = std::min(wake, 1.0 - std::fmod(now_s - state_.asked_at_s, 1.0));
  } else if (state_.visitor.screen != Screen::welcome) {
    wake = std::min(wake, state_.last_input_s + config_.idle_timeout_s - now_s);
  }
  if (state_.server_down) wake = std::min(wake, next_retry_s_ - now_s);
  // The welcome screen shows today's hours; redraw each minute so "closes at" stays true.
  wake = std::min(wake, 60.0);
  return std::max(0.0, wake);
}

void KioskApp::go(Screen s) {
  if (s == state_.visitor.screen) return;
  state_.visitor.history.push_back(state_.visitor.screen);
  state_.visitor.screen = s;
  state_.visitor.pages.clear();
  state_.visitor.form_error.clear();
  speak_screen_next_frame_ = true;
  refresh();
}

void KioskApp::reset_visitor() {
  const bool had_large_print = state_.visitor.text_scale != 1.0f;
  state_.visitor = VisitorState{};
  state_.asking_more_time = false;
  state_.busy = false;
  state_.slots.clear();
  state_.slots_loaded = false;
  ++visitor_generation_;
  speaker_->stop();
  speaker_->set_volume(state_.visitor.volume);
  (void)had_large_print;  // fonts follow text_scale at the next frame
}

void KioskApp::on_backend_error(const BackendError& e) {
  state_.busy = false;
  if (e.kind == BackendError::Kind::unreachable) {
    state_.server_down = true;
    next_retry_s_ = now_s_ + config_.retry_s;
  } else {
    state_.server_down = false;
  }
}

void KioskApp::on_backend_ok() {
  state_.busy = false;
  state_.server_down = false;
}

// Background retry while the server is down: a health check, then what the screen shows.
void KioskApp::retry_server() {
  next_retry_s_ = now_s_ + config_.retry_s;
  const auto backend = backend_;
  worker_.submit([this, backend] {
    auto result = backend->health();
    return [this, result = std::move(result)] {
      if (!result) return on_backend_error(result.error());
      state_.server_down = false;
      refresh();
    };
  });
}

void KioskApp::refresh() {
  const std::string office = config_.office_id;
  const auto backend = backend_;
  const auto generation = visitor_generation_;
  const Screen screen = state_.visitor.screen;
  if (screen == Screen::welcome || screen == Screen::ticket_services ||
      screen == Screen::ticket_options) {
    worker_.submit([this, backend, office] {
      auto result = backend->queue_status(office);
      return [this, result = std::move(result)] {
        if (!result) {
          state_.queue_known = false;
          return on_backend_error(result.error());
        }
        state_.server_down = false;
        state_.queue = *result;
        state_.queue_known = true;
      };
    });
  }
  if (screen == Screen::book_slots) {
    state_.slots_loaded = false;
    state_.slots.clear();
    const Date today = local_date(*data_.office, wall_clock_());
    const Date last{std::chrono::sys_days{today} + std::chrono::days{13}};
    const std::string service = state_.visitor.service;
    worker_.submit([this, backend, office, service, today, last, generation] {
      auto result =
          backend->free_slots(office, service, format_iso_date(today), format_iso_date(last));
      return [this, result = std::move(result), generation] {
        if (generation != visitor_generation_) return;
        if (!result) {
          state_.slots_loaded = true;
          return on_backend_error(result.error());
        }
        on_backend_ok();
        state_.slots = *result;
        state_.slots_loaded = true;
      };
    });
  }
}

void KioskApp::submit_code() {
  VisitorState& v = state_.visitor;
  const auto code = normalize_booking_code(v.code_input);
  if (!code) {
    v.code_error = "kiosk.checkin.invalid_code";
    return;
  }
  if (state_.busy) return;
  state_.busy = true;
  v.code_error.clear();
  const auto backend = backend_;
  const auto generation = visitor_generation_;
  const std::string office = config_.office_id;
  const Language lang = v.language;
  worker_.submit([this, backend, office, code = *code, lang, generation] {
    auto result = backend->check_in(office, code, lang);
    return [this, result = std::move(result), generation] {
      if (generation != visitor_generation_) return;
      if (!result) {
        on_backend_error(result.error());
        if (result.error().kind == BackendError::Kind::refused) {
          state_.visitor.code_error = result.error().message.empty()
                                          ? std::string("kiosk.checkin.not_found")
                                          : result.error().message;
        }
        return;
      }
      on_backend_ok();
      VisitorState& visitor = state_.visitor;
      // The visit goes on in the booking's language and print size, unless the visitor chose
      // a language here; the next visitor starts from the defaults again (reset_visitor).
      if (result->language && !visitor.language_chosen) visitor.language = *result->language;
      if (result->large_print) visitor.text_scale = std::max(visitor.text_scale, kLargePrintScale);
      state_.visitor.checkin = *result;
      if (result->ticket && ticket_sink_) ticket_sink_(*result->ticket, state_.visitor.language);
      // The route to the desk is ready when the visitor taps "Find your way".
      state_.visitor.route_desk = result->desk;
      go(Screen::checkin_done);
    };
  });
}

// Characters from a keyboard or a keyboard-wedge scanner (it types the QR's text and Enter).
void KioskApp::consume_typed_characters() {
  ImGuiIO& io = ImGui::GetIO();
  VisitorState& v = state_.visitor;
  std::string typed;
  for (ImWchar c : io.InputQueueCharacters) typed += encode_utf8(c);
  io.InputQueueCharacters.resize(0);
  const bool enter = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                     ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false);
  if (!typed.empty()) typing_ = true;
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) typing_ = false;
  switch (v.screen) {
    case Screen::welcome:
      // A scanned booking QR on the welcome screen goes straight to check-in.
      if (!typed.empty()) {
        go(Screen::checkin);
        v.code_input.clear();
      } else {
        break;
      }
      [[fallthrough]];
    case Screen::checkin:
      for (char32_t c : decode_utf8(typed)) {
        if (c == ' ' || c == '\t') continue;
        if (v.code_input.size() < 24) v.code_input += encode_utf8(c);
      }
      if (enter && typing_ && !v.code_input.empty()) {
        typing_ = false;
        submit_code();
      }
      break;
    case Screen::book_phone:
      for (char c : typed) {
        if ((c >= '0' && c <= '9') || c == '+') apply(Intent{Intent::Kind::phone_char, {c}});
      }
      break;
    case Screen::feedback:
    case Screen::feedback_comment:
      v.feedback.comment += typed;
      if (v.screen == Screen::feedback_comment &&
          ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace))) {
        erase_last_character(v.feedback.comment);
      }
      if (enter && typing_) {
        // A scanned ticket QR carries "ticket=A015": take it as the ticket, not as a comment.
        const auto pos = v.feedback.comment.find("ticket=");
        if (pos != std::string::npos) {
          auto end = v.feedback.comment.find_first_of("&# \n", pos);
          v.feedback.ticket = v.feedback.comment.substr(
              pos + 7, end == std::string::npos ? std::string::npos : end - pos - 7);
          v.feedback.comment.clear();
        }
        typing_ = false;
      }
      if (v.feedback.comment.size() > kMaxCommentBytes) {
        v.feedback.comment.resize(kMaxCommentBytes);
        drop_partial_last_character(v.feedback.comment);
      }
      break;
    default:
      break;
  }
}

void KioskApp::speak_current() {
  if (last_ui_) speaker_->say(state_.visitor.language, last_ui_->spoken);
}

void KioskApp::apply(const Intent& intent) {
  VisitorState& v = state_.visitor;
  using K = Intent::Kind;
  const auto backend = backend_;
  const std::string office = config_.office_id;
  switch (intent.kind) {
    case K::go:
      if (intent.screen == Screen::feedback) v.feedback = FeedbackAnswers{};
      if (intent.screen == Screen::checkin) v.code_error.clear();
      go(intent.screen);
      break;
    case K::back:
      if (v.history.empty()) break;
      v.screen = v.history.back();
      v.history.pop_back();
      v.pages.clear();
      v.form_error.clear();
      speak_screen_next_frame_ = true;
      refresh();
      break;
    case K::home:
      reset_visitor();
      refresh();
      break;
    case K::set_language:
      if (auto lang = parse_language(intent.text)) {
        v.language = *lang;
        v.language_chosen = true;
      }
      speak_screen_next_frame_ = true;
      break;
    case K::set_scale:
      v.text_scale = static_cast<float>(intent.value) / 10.0f;
      break;
    case K::toggle_contrast:
      v.high_contrast = !v.high_contrast;
      break;
    case K::toggle_speech:
      v.speech_on = !v.speech_on;
      if (v.speech_on) {
        speak_screen_next_frame_ = true;
      } else {
        speaker_->stop();
      }
      break;
    case K::speak_repeat:
      speak_current();
      break;
    case K::speak_stop:
      speaker_->stop();
      break;
    case K::volume_down:
    case K::volume_up:
      v.volume = std::clamp(v.volume + (intent.kind == K::volume_up ? 0.1f : -0.1f), 0.0f, 1.0f);
      speaker_->set_volume(v.volume);
      break;
    case K::code_char:
      if (v.code_input.size() < 11) v.code_input += intent.text;
      if (v.code_input.size() == 5) v.code_input += '-';
      v.code_error.clear();
      break;
    case K::code_backspace:
      if (!v.code_input.empty()) v.code_input.pop_back();
      if (!v.code_input.empty() && v.code_input.back() == '-') v.code_input.pop_back();
      break;
    case K::code_clear:
      v.code_input.clear();
      v.code_error.clear();
      break;
    case K::code_submit:
      submit_code();
      break;
    case K::choose_service:
      v.service = intent.text;
      v.slot_day.clear();
      if (v.screen == Screen::ticket_services) go(Screen::ticket_options);
      if (v.screen == Screen::book_services) go(Screen::book_slots);
      break;
    case K::set_priority:
      v.priority = static_cast<Priority>(intent.value);
      break;
    case K::toggle_need:
      if (!v.needs.erase(intent.text)) v.needs.insert(intent.text);
      break;
    case K::take_ticket: {
      if (state_.busy) break;
      state_.busy = true;
      TicketRequest request{v.service, v.language, v.priority,
                            std::vector<std::string>(v.needs.begin(), v.needs.end())};
      submit_form([backend, office, request] { return backend->take_ticket(office, request); },
                  [this](const auto& ticket) {
                    state_.visitor.ticket = ticket;
                    state_.visitor.ticket_printed =
                        ticket_sink_ && ticket_sink_(ticket, state_.visitor.language);
                    go(Screen::ticket_shown);
                  });
      break;
    }
    case K::print_ticket:
      if (v.screen == Screen::book_done) {
        if (v.booking && slip_sink_) v.booking_printed = slip_sink_(*v.booking, v.language);
      } else if (v.ticket && ticket_sink_) {
        v.ticket_printed = ticket_sink_(*v.ticket, v.language);
      }
      break;
    case K::choose_day:
      v.slot_day = intent.text;
      v.pages.erase("times");
      break;
    case K::page:
      v.pages[intent.text] = std::max(0, v.pages[intent.text] + intent.value);
      break;
    case K::choose_slot:
      v.slot_start = intent.text;
      go(Screen::book_phone);
      break;
    case K::phone_char:
      if (v.phone_input.size() < 16) v.phone_input += intent.text;
      break;
    case K::phone_backspace:
      if (!v.phone_input.empty()) v.phone_input.pop_back();
      break;
    case K::toggle_reminder:
      if (!v.reminders.erase(intent.text)) v.reminders.insert(intent.text);
      break;
    case K::consent_accept: {
      if (state_.busy) break;
      state_.busy = true;
      BookingDraft draft;
      draft.service = v.service;
      draft.start = v.slot_start;
      draft.phone = v.phone_input;
      if (!v.phone_input.empty()) draft.reminders.assign(v.reminders.begin(), v.reminders.end());
      draft.language = v.language;
      draft.needs.assign(v.needs.begin(), v.needs.end());
      draft.consent_given = true;
      draft.consent_version = kConsentVersion;
      submit_form([backend, office, draft] { return backend->book(office, draft); },
                  [this](const auto& booking) {
                    state_.visitor.booking = booking;
                    state_.visitor.booking_printed =
                        slip_sink_ && slip_sink_(booking, state_.visitor.language);
                    go(Screen::book_done);
                  });
      break;
    }
    case K::consent_decline:
      v.form_error = data_.catalog.text(v.language, "kiosk.consent.declined");
      break;
    case K::route_to:
      v.route_desk = intent.text;
      break;
    case K::feedback_answer:
      v.feedback.got_answer = intent.text == "yes";
      break;
    case K::feedback_satisfaction:
      v.feedback.satisfaction = intent.text;
      break;
    case K::feedback_federal: {
      const int criterion = intent.value / 10, score = intent.value % 10;
      if (criterion >= 0 && criterion < 5 && score >= 1 && score <= 5) {
        v.feedback.federal[criterion] = score;
      }
      break;
    }
    case K::feedback_submit: {
      if (state_.busy) break;
      state_.busy = true;
      FeedbackAnswers answers = v.feedback;
      answers.language = v.language;
      submit_form([backend, office, answers] { return backend->send_feedback(office, answers); },
                  [this] { go(Screen::feedback_done); });
      break;
    }
    case K::comment_char:
      if (v.feedback.comment.size() + intent.text.size() <= kMaxCommentBytes) {
        v.feedback.comment += intent.text;
      }
      // A one-shot shift is spent by the next key, whatever it is, as on a phone keyboard.
      if (v.comment_shift == VisitorState::Shift::once) v.comment_shift = VisitorState::Shift::off;
      break;
    case K::comment_backspace:
      erase_last_character(v.feedback.comment);
      break;
    case K::comment_latin:
      v.comment_latin = !v.comment_latin;
      break;
    case K::comment_shift:
      v.comment_shift = v.comment_shift == VisitorState::Shift::off    ? VisitorState::Shift::once
                        : v.comment_shift == VisitorState::Shift::once ? VisitorState::Shift::locked
                                                                       : VisitorState::Shift::off;
      break;
    case K::more_time:
      state_.asking_more_time = false;
      state_.last_input_s = now_s_;
      break;
    case K::retry_server:
      retry_server();
      break;
  }
}

}  // namespace okno::kiosk
